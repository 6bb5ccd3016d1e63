"""Replacing the file of an image or document changes every page that shows it, at
once and without review. So a file that a live page, a page in review or a page
scheduled to go live shows may only be replaced by someone who may publish each of
those pages (or change the snippet that shows it). Anyone else uploads a new file and
chooses it on the page: that edit goes through review like any other.

Where a page's content is found: the reference index follows the page row (for a live
page, the live content); the revision under review and a revision scheduled to go live
are read themselves, as the index does not see them.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, ReferenceIndex, Revision, TaskState

IMAGE_IN_USE_MESSAGE = _(
    "This image is shown on a page that is online or in review, and you may not publish "
    "that page. Replacing the file would change the page without review. Upload a new "
    "image instead and choose it on the page: your change then goes through review."
)
DOCUMENT_IN_USE_MESSAGE = _(
    "This document is linked from a page that is online or in review, and you may not "
    "publish that page. Replacing the file would change the page without review. Upload a "
    "new document instead and link it on the page: your change then goes through review."
)


def _key(obj):
    return (ReferenceIndex._get_base_content_type(obj).id, str(obj.pk))


def _shows(content, key):
    references = ReferenceIndex._extract_references_from_object(content)
    return any((ct_id, object_id) == key for ct_id, object_id, *_rest in references)


def _pending_revisions():
    """Revisions that go live without another review: under review now, or approved
    for a later date."""
    in_review = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).values("revision_id")
    return Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    ).filter(pk__in=in_review) | Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        approved_go_live_at__isnull=False,
    )


def pages_showing(obj):
    """The pages whose live, reviewed or scheduled content shows `obj`."""
    key = _key(obj)
    page_type = ContentType.objects.get_for_model(Page)
    indexed = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    indexed_ids = {int(object_id) for object_id in indexed.values_list("object_id", flat=True)}
    page_ids = set(Page.objects.filter(live=True, pk__in=indexed_ids).values_list("pk", flat=True))
    for revision in _pending_revisions():
        if int(revision.object_id) not in page_ids and _shows(revision.as_object(), key):
            page_ids.add(int(revision.object_id))
    return Page.objects.filter(pk__in=page_ids)


def other_objects_showing(obj):
    """Models other than pages (snippets) whose content refers to `obj`."""
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to(obj).exclude(base_content_type=page_type)
    return {reference.content_type.model_class() for reference in references}


def may_replace_file(user, obj):
    """Whether `user` may change what every page (and snippet) showing `obj` shows."""
    if obj.pk is None:
        return True
    for page in pages_showing(obj):
        if not page.permissions_for_user(user).can_publish():
            return False
    for model in other_objects_showing(obj):
        if model is None:
            continue
        if not user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}"):
            return False
    return True


class ReviewedFileReplacementMixin:
    """For image and document forms: refuse a new file the user may not put live."""

    in_use_message = IMAGE_IN_USE_MESSAGE

    def __init__(self, *args, user=None, **kwargs):
        self.editing_user = user
        super().__init__(*args, user=user, **kwargs)

    def clean(self):
        cleaned = super().clean()
        replacing = self.instance.pk and "file" in self.changed_data
        user = self.editing_user
        if replacing and user is not None and not may_replace_file(user, self.instance):
            self.add_error("file", self.in_use_message)
        return cleaned
