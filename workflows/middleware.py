"""Guards for admin views that ask too little before they show or change something.

wagtail-localize asks only for a global permission before translating or syncing. Here
the person must also be allowed to edit the page itself (every page of a subtree they
translate with it, and every translation a sync would overwrite), or have the change
permission of the snippet; publishing translations straight from a sync needs the right
to publish them. Translations then go live through the page's workflow.

Wagtail's snippet choosers and wagtail-localize's snippet API list every record of a
model to anyone in the admin. They serve here only models the person may view (view,
add, change or delete, as Wagtail's own snippet list counts it); the localize API
serves translatable models only, the only ones it has any use for.

The reports that show other people's drafts (site history, pages and tasks in review)
are for the roles that review: who may publish pages.
"""

from functools import cache

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.models import Page, TranslatableMixin
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.models import TranslationSource

CHOOSER_NAMESPACE_PREFIX = "wagtailsnippetchoosers_"
VIEWING = {"view", "add", "change", "delete"}


class TranslationPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None:
            return None
        if match.namespace.startswith(CHOOSER_NAMESPACE_PREFIX):
            check_snippet_chooser(request, match.namespace)
            return None
        if match.namespace == "wagtailadmin_reports" and match.url_name in REVIEWERS_REPORTS:
            if not reviews_pages(request.user):
                raise PermissionDenied
            return None
        if match.namespace != "wagtail_localize":
            return None
        check = GUARDS.get(match.url_name)
        if check is not None and not check(request, **view_kwargs):
            raise PermissionDenied
        return None


REVIEWERS_REPORTS = {
    "site_history",
    "site_history_results",
    "workflow",
    "workflow_results",
    "workflow_tasks",
    "workflow_tasks_results",
}


def reviews_pages(user):
    """Publish permission on pages: the reviewers. (Wagtail counts a resident's "add" as
    "change", since they edit their own pages, so "change" cannot tell them apart.)"""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def may_view_snippets(user, model):
    return policy_registry.get_by_type(model).user_has_any_permission(user, VIEWING)


def may_change_snippets(user, model):
    return policy_registry.get_by_type(model).user_has_permission(user, "change")


@cache
def chooser_models():
    """{chooser URL namespace: snippet model}, as SnippetViewSet names them."""
    return {
        f"{CHOOSER_NAMESPACE_PREFIX}{model._meta.app_label}_{model._meta.model_name}": model
        for model in get_snippet_models()
    }


def check_snippet_chooser(request, namespace):
    model = chooser_models().get(namespace)
    if model is None or not may_view_snippets(request.user, model):
        raise PermissionDenied


def translatable_snippet_model(app_label, model_name):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        raise Http404
    return model


def can_read_snippets_api(request, app_label, model_name, pk=None):
    return may_view_snippets(request.user, translatable_snippet_model(app_label, model_name))


def can_submit_snippet(request, app_label, model_name, pk):
    return may_change_snippets(request.user, translatable_snippet_model(app_label, model_name))


def can_submit_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id)
    pages = [page]
    if request.method == "POST" and request.POST.get("include_subtree"):
        pages += list(page.get_descendants())
    return all(each.permissions_for_user(request.user).can_edit() for each in pages)


def can_update_translations(request, translation_source_id):
    source = get_object_or_404(TranslationSource, pk=translation_source_id)
    source_object = source.get_source_instance()
    if not isinstance(source_object, Page):
        return may_change_snippets(request.user, type(source_object))
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
    "submit_snippet_translation": can_submit_snippet,
    "update_translations": can_update_translations,
    "snippets_api_listing": can_read_snippets_api,
    "snippets_api_detail": can_read_snippets_api,
}
