"""Keep the host map and the page cache in step with the database."""

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_delete, post_save, pre_delete
from django_tenants.utils import get_public_schema_name
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from tenants.hostmap import tenancy_changed
from tenants.models import MunicipalityStaff
from tenants.pagecache import purge_buurt

# Models outside buurtpages whose rows show on public pages.
PUBLIC_CONTENT_MODELS = [
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtaildocs.Document",
    "wagtailredirects.Redirect",
]


def on_tenancy_change(sender, instance, **kwargs):
    tenancy_changed()
    schema_name = getattr(instance, "schema_name", None)
    if schema_name:  # a Buurt: its name and languages show on every page
        purge_buurt(schema_name)


def on_page_change(sender, **kwargs):
    purge_buurt()


def on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        purge_buurt()


def on_content_change(sender, **kwargs):
    purge_buurt()


# buurtpages models no public page shows: saving them must not retire the buurt's
# cached pages and printed agendas (a referral slip is printed many times a day).
NOT_SHOWN_MODELS = {"buurtpages.ReferralCount"}


def public_content_models():
    buurtpages = [
        model
        for model in apps.get_app_config("buurtpages").get_models()
        if not issubclass(model, Page)  # drafts don't show; publishing sends its own signal
        and model._meta.label not in NOT_SHOWN_MODELS
    ]
    return buurtpages + [apps.get_model(label) for label in PUBLIC_CONTENT_MODELS]


def forget_portal_memberships(sender, instance, **kwargs):
    """A portal user's municipality memberships go with them. Only on the portal's
    schema: a buurt account with the same id is another person."""
    if connection.schema_name == get_public_schema_name():
        MunicipalityStaff.objects.filter(user_id=instance.pk).delete()


def connect():
    pre_delete.connect(
        forget_portal_memberships,
        sender=settings.AUTH_USER_MODEL,
        dispatch_uid="portal-memberships-of-deleted-user",
    )
    for label in ("tenants.Buurt", "tenants.Domain"):
        model = apps.get_model(label)
        post_save.connect(on_tenancy_change, sender=model, dispatch_uid=f"tenancy-save-{label}")
        post_delete.connect(on_tenancy_change, sender=model, dispatch_uid=f"tenancy-del-{label}")
    page_published.connect(on_page_change, dispatch_uid="pagecache-published")
    page_unpublished.connect(on_page_change, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(on_page_change, dispatch_uid="pagecache-moved")
    post_delete.connect(on_page_delete, dispatch_uid="pagecache-page-deleted")
    for model in public_content_models():
        post_save.connect(on_content_change, sender=model, dispatch_uid=f"pagecache-s-{model}")
        post_delete.connect(on_content_change, sender=model, dispatch_uid=f"pagecache-d-{model}")
