"""One record of every snippet model, each carrying a marker word in what lists show.

Used by the tests that ask which roles can read which records through every admin door
(lists, choosers, the wagtail-localize snippet API). A snippet model without a planter
here fails those tests, so a new model is noticed.
"""

from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.snippets.models import get_snippet_models

from buurtpages.models import Partner, Place, Signal, Theme
from trainings.factories import (
    CohortFactory,
    InterestSignupFactory,
    ResidentsEveningFactory,
    RosterMemberFactory,
)
from trainings.models import ModuleMaterial


def marker_for(model):
    return f"MARKER{model._meta.model_name.upper()}"


def _module_material(marker):
    document = Document.objects.create(
        title="Werkboek", file=ContentFile(b"werkboek", name="werkboek.txt")
    )
    return ModuleMaterial.objects.create(module="samenwerken", title=marker, document=document)


PLANTERS = {
    "buurtpages.theme": lambda marker: Theme.objects.create(name=marker, slug=marker.lower()),
    "buurtpages.place": lambda marker: Place.objects.create(name=marker),
    "buurtpages.partner": lambda marker: Partner.objects.create(name=marker),
    "buurtpages.signal": lambda marker: Signal.objects.create(
        category=Signal.Category.choices[0][0], description=marker, sender_hash="x"
    ),
    "trainings.residentsevening": lambda marker: ResidentsEveningFactory(title=marker),
    "trainings.interestsignup": lambda marker: InterestSignupFactory(name=marker),
    "trainings.cohort": lambda marker: CohortFactory(name=marker),
    "trainings.modulematerial": _module_material,
    "trainings.rostermember": lambda marker: RosterMemberFactory(name=marker),
}


def planter_for(model):
    return PLANTERS.get(model._meta.label_lower)


def plant_every_snippet():
    """{model: record} with one marked record per registered snippet model."""
    missing = [model for model in get_snippet_models() if planter_for(model) is None]
    assert not missing, f"no planted record for snippet models {missing}"
    return {model: planter_for(model)(marker_for(model)) for model in get_snippet_models()}


def role_may_view(role_group, model):
    """What Wagtail treats as "may see this model": view, add, change or delete."""
    codenames = [
        f"{action}_{model._meta.model_name}" for action in ("view", "add", "change", "delete")
    ]
    return Permission.objects.filter(
        group=role_group, content_type__app_label=model._meta.app_label, codename__in=codenames
    ).exists()
