"""Keep the workflows attached when section pages appear (a new language's tree)."""

from django.db.models.signals import post_save

from buurtpages.models import InitiativeIndexPage, PersonIndexPage
from workflows.roles import assign_section_workflow


def section_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        assign_section_workflow(instance)


def connect():
    for model in (InitiativeIndexPage, PersonIndexPage):
        post_save.connect(section_created, sender=model, dispatch_uid=f"workflow-{model.__name__}")
