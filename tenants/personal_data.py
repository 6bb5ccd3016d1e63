"""The platform's own personal data (Django and Wagtail models no app of ours owns):
accounts, pages they created, revisions they saved, images and documents they uploaded
and their log entries. Exported from these declarations; erased by tenants.privacy's
Eraser itself, because accounts, images and pages are shared by every app.
Registered in TenantsConfig.ready(); see kernel/personal_data.py."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

from kernel.personal_data import PrivacyNotice, RecordSet, as_rows

ERASED_BY_THE_ERASER = "tenants.privacy.Eraser (shared by every app)"


def account_rows(users):
    accounts = as_rows(users)
    for account, user in zip(accounts, users, strict=True):
        account["groups"] = list(user.groups.values_list("name", flat=True))
        account.pop("user_permissions", None)
    return accounts


def page_rows(pages):
    return [
        {"id": page.pk, "title": page.title, "url_path": page.url_path, "live": page.live}
        for page in pages
    ]


def revision_rows(revisions):
    return [
        {"object_id": revision.object_id, "created_at": revision.created_at}
        for revision in revisions
    ]


def log_rows(entries):
    return [
        {"action": entry.action, "label": entry.label, "timestamp": entry.timestamp}
        for entry in entries
    ]


ACCOUNT_NOTICE = PrivacyNotice(
    what=_(
        "Your account: your name, e-mail address, and the pages, photos and files you made "
        "and changed."
    ),
    why=_("So you can write on the website and everyone can see who made what."),
    kept=_("As long as you have an account, or until you ask us to delete it."),
)


def declarations():
    """Built in ready(): the user, image and document models are swappable."""
    return [
        RecordSet(
            name="accounts",
            model=get_user_model()._meta.label,
            find=lambda records: records.users,
            export_as="accounts",
            notice=ACCOUNT_NOTICE,
            export_order=10,
            export_rows=account_rows,
            erased_by=ERASED_BY_THE_ERASER,
            identifies=True,
        ),
        RecordSet(
            name="owned_pages",
            model="wagtailcore.Page",
            find=lambda records: Page.objects.filter(owner__in=records.user_ids),
            export_as="pages_created",
            notice=ACCOUNT_NOTICE,
            export_order=30,
            export_rows=page_rows,
            erased_by=ERASED_BY_THE_ERASER,
        ),
        RecordSet(
            name="revisions",
            model="wagtailcore.Revision",
            find=lambda records: Revision.objects.filter(user__in=records.user_ids),
            export_as="revisions_saved",
            notice=ACCOUNT_NOTICE,
            export_order=40,
            export_rows=revision_rows,
            erased_by=ERASED_BY_THE_ERASER,
        ),
        RecordSet(
            name="images",
            model=get_image_model()._meta.label,
            find=lambda records: get_image_model().objects.filter(
                uploaded_by_user__in=records.user_ids
            ),
            export_as="images_uploaded",
            notice=ACCOUNT_NOTICE,
            export_order=150,
            erased_by=ERASED_BY_THE_ERASER,
        ),
        RecordSet(
            name="documents",
            model=get_document_model()._meta.label,
            find=lambda records: get_document_model().objects.filter(
                uploaded_by_user__in=records.user_ids
            ),
            export_as="documents_uploaded",
            notice=ACCOUNT_NOTICE,
            export_order=160,
            erased_by=ERASED_BY_THE_ERASER,
        ),
        RecordSet(
            name="page_log",
            model="wagtailcore.PageLogEntry",
            find=lambda records: PageLogEntry.objects.filter(user__in=records.user_ids),
            erased_by=ERASED_BY_THE_ERASER,
        ),
        RecordSet(
            name="model_log",
            model="wagtailcore.ModelLogEntry",
            find=lambda records: ModelLogEntry.objects.filter(user__in=records.user_ids),
            erased_by=ERASED_BY_THE_ERASER,
        ),
        RecordSet(
            name="log_entries",
            model="wagtailcore.PageLogEntry",
            find=lambda records: [*records["page_log"], *records["model_log"]],
            export_as="log_entries",
            notice=ACCOUNT_NOTICE,
            export_order=170,
            export_rows=log_rows,
            erased_by=ERASED_BY_THE_ERASER,
        ),
    ]
