"""wagtail-localize asks only for a global permission before translating or syncing.

Here the person must also be allowed to edit the page itself (and every translation a
sync would overwrite); publishing translations straight from a sync needs the right
to publish them. Translations then go live through the page's workflow.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.models import TranslationSource


class TranslationPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.namespace != "wagtail_localize":
            return None
        check = GUARDS.get(match.url_name)
        if check is not None and not check(request, **view_kwargs):
            raise PermissionDenied
        return None


def can_submit_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    return page.permissions_for_user(request.user).can_edit()


def can_update_translations(request, translation_source_id):
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    source_object = source.get_source_instance()
    if not isinstance(source_object, Page):
        return True  # snippets: wagtail-localize checks the snippet permissions
    pages = [source_object, *targets_of(source)]
    if not all(page.permissions_for_user(request.user).can_edit() for page in pages):
        return False
    publishing = request.method == "POST" and request.POST.get("publish_translations")
    return not publishing or all(
        page.permissions_for_user(request.user).can_publish() for page in pages[1:]
    )


def targets_of(source):
    for translation in source.translations.filter(enabled=True).select_related("target_locale"):
        try:
            yield source.get_translated_instance(translation.target_locale)
        except ObjectDoesNotExist:
            continue  # not created yet: a sync creates it as a draft


GUARDS = {
    "submit_page_translation": can_submit_page,
    "update_translations": can_update_translations,
}
