"""Who may fetch which file under /media/tenants/<schema>/ (always only on the buurt's
own host), and the headers every served file carries.

- Renditions (`images/`) of an image that a live page shows, or of the buurt's header
  photo (a site setting its home page shows): everyone. Before the page
  is reviewed and published, a rendition is only for the buurt's admin users who work
  with images (thumbnails in the admin).
- Originals (`original_images/`): only those admin users; the public sees renditions.
- Avatars (`avatar_images/`): only people logged in to this buurt's admin.
- Documents (`documents/`): never from /media/; they are served by the document view
  (Wagtail's collection privacy, Content-Disposition: attachment, a strict CSP).
- Anything else: nobody.
Every file goes out with `nosniff` and a CSP that runs nothing, so an image that a
browser would take for HTML or SVG cannot run script on the buurt's domain.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.images import get_image_model
from wagtail.images.permissions import permission_policy as image_permissions
from wagtail.models import Page, ReferenceIndex

from buurtpages.models import HeaderPhoto

FILE_CSP = "default-src 'none'; sandbox"
IMAGE_WORK = ["add", "change", "choose"]


def protect(response, public):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


def works_with_images(user):
    return (
        user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
        and image_permissions.user_has_any_permission(user, IMAGE_WORK)
    )


def shown_on_a_live_page(obj):
    """Whether a live page's published content refers to `obj` (the reference index
    follows the page row, which for a live page holds its published content)."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
    page_ids = {int(object_id) for object_id in ids.values_list("object_id", flat=True)}
    return Page.objects.filter(pk__in=page_ids, live=True).exists()


def rendition_is_public(path):
    renditions = get_image_model().get_rendition_model().objects.select_related("image")
    rendition = renditions.filter(file=path).first()
    return rendition is not None and (
        shown_on_a_live_page(rendition.image) or is_header_photo(rendition.image)
    )


def is_header_photo(image):
    """The header photo shows on the home page without a page referring to it."""
    return HeaderPhoto.objects.filter(photo=image).exists()


def may_fetch(request, path):
    """(allowed, public): whether `request.user` may fetch the media file at `path`
    (relative to the buurt's media folder), and whether anyone may."""
    user = request.user
    folder = path.split("/", 1)[0]
    if folder == "images":
        if rendition_is_public(path):
            return True, True
        return works_with_images(user), False
    if folder == "original_images":
        return works_with_images(user), False
    if folder == "avatar_images":
        return user.is_authenticated and user.has_perm("wagtailadmin.access_admin"), False
    return False, False
