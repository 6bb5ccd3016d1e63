"""Every admin URL pattern, requested as every role with real objects, checked against
what the role rules allow.

The resolver's patterns under /admin/ are enumerated and their URL arguments filled with
objects of a buurt (someone else's page in review, its revisions and task state, an
image, a document, a marked record of every snippet model, an activity with a sign-up,
an account request, a translation...). Patterns that take a snippet model
(wagtail-localize's snippet API and submit view) are requested once per snippet model.

Who may open each pattern is *derived* from the role rules: `RULES` below asks the
users' real permissions (the groups `workflows.roles.ensure_roles` builds from
ROLE_MODEL_PERMISSIONS, the page and collection permissions, the trainings' model
permissions) or the page's permission tester. Each rule carries the one line that
justifies a 200. tests/admin_url_matrix.csv is written from the rules for people to
read; the test checks it is current:
    ADMIN_MATRIX_RECORD=1 .venv/bin/pytest tests/test_admin_url_matrix.py -q

The probe never requests logout (Wagtail ends the session even when it answers 405)
and checks after every request that each role's session still holds its login, and
every few patterns that /admin/ answers it 200 (the positive control).
Private records carry a marker: no response to a role that may not see the
record shows it, and a role that may see it does find it somewhere (positive control).
The lowest roles also POST to every pattern; a digest of every table's rows before and
after those POSTs must be equal.
"""

import csv
import io
import os
from datetime import date
from pathlib import Path

import pytest
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    Locale,
    Page,
    Site,
    Task,
    TranslatableMixin,
    UploadedFile,
    Workflow,
)
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, Translation

from buurtpages.admin_views import may_make_referral_slips
from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, InitiativePageFactory, StoryPageFactory
from buurtpages.krant_admin import may_see as may_see_buurtkrant
from buurtpages.models import (
    ActivityIndexPage,
    BuurtkrantEdition,
    HelpOffer,
    InitiativeIndexPage,
    LegalInformation,
    Registration,
    StoryIndexPage,
)
from kernel.roles import (
    BUURT_ADMIN,
    GROUP_NAMES,
    PROFESSIONAL,
    RESIDENT,
    ROLES,
    has_role,
    role_group,
)
from outbox.models import OutgoingMail
from tenants.secondfactor.service import confirmed_device
from tests.base import client_for, get_buurt, inside, logged_in
from tests.snippet_records import marker_for, plant_every_snippet
from workflows.factories import UserFactory
from workflows.models import AccountRequest, ModerationCase

# Marks every test as using the database, so the test database is set up even when only
# tests of this module are selected (the probe fixture itself is module-scoped).
pytestmark = pytest.mark.django_db
MATRIX = Path(__file__).with_name("admin_url_matrix.csv")
ANONYMOUS = "anonymous"
WHO = [ANONYMOUS, *ROLES]
# The lowest roles POST (empty data, or Wagtail's own fields where noted) to every pattern.
POSTERS = [ANONYMOUS, RESIDENT, PROFESSIONAL]
# Requested by nobody: logging out would end the probe itself.
NEVER_REQUESTED = {"wagtailadmin_logout": "logs the visitor out (even a GET answered 405 does)"}
# Patterns the scene cannot fill, with the reason.
SKIPPED = {
    "admin/test404/": "unnamed stub of Wagtail's 404 test view, cannot be reversed",
    "admin/failwhale/": "Wagtail's deliberate server-error test view (raises for every user)",
    "admin/localize/translate/<int:translation_id>/overrides/<int:overridable_segment_id>/edit/": (
        "our pages have no overridable segments; the view checks the page like "
        "edit_string_translation"
    ),
    "admin/^.*/$": "unnamed catch-all that answers the admin's 404 page",
}
# Wagtail's own form fields where an empty POST makes Wagtail itself fail.
REAL_POST_DATA = {
    # The add form re-renders with "title is required": nothing is stored.
    "wagtailadmin_pages:add": {
        "title": "",
        "slug": "",
        "body-count": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    },
    "wagtailadmin_choose_page_external_link": {
        "external-link-chooser-url": "https://example.nl/",
        "external-link-chooser-link_text": "Voorbeeld",
    },
}
# The session check runs after every request; the dashboard (a full admin page, slow)
# after every DASHBOARD_EVERY-th pattern and the last.
DASHBOARD_EVERY = 10
# What Wagtail itself writes while showing a page: who has an edit form open, who follows
# a page's comments (on opening its editor), file sizes and hashes found on first use, image
# renditions, the search index entry of a document whose size was just stored, and the
# profile every user gets on their first admin page.
CHANGED_BY_GETS = {
    "wagtailadmin_editingsession",
    "wagtailcore_pagesubscription",
    "wagtaildocs_document",
    "wagtailimages_rendition",
    "wagtailsearch_indexentry",
    "wagtailusers_userprofile",
}
# Tables that requests change by design: logins keep their sessions there.
UNDIGESTED_TABLES = {"django_session"}


VIEWING = {"view", "add", "change", "delete"}


class Visitor:
    """One of the probing clients, with the questions the rules ask about its user."""

    def __init__(self, name, user, scene):
        self.name, self.user_pk, self.scene = name, user and user.pk, scene

    @property
    def logged_in(self):
        return self.user_pk is not None

    @property
    def user(self):
        """A fresh user object for every question: Wagtail's permission policies cache
        what they found on the user object, and one answer must not colour the next."""
        return get_user_model().objects.get(pk=self.user_pk) if self.logged_in else None

    def perm(self, dotted):
        return self.logged_in and self.user.has_perm(dotted)

    def admin(self):
        return self.perm("wagtailadmin.access_admin")

    def views(self, model):
        return self.admin() and policy_registry.get_by_type(model).user_has_any_permission(
            self.user, VIEWING
        )

    def may(self, model, action):
        return self.admin() and policy_registry.get_by_type(model).user_has_permission(
            self.user, action
        )

    def page_can(self, check, page=None):
        page = page or self.scene.page
        return self.admin() and getattr(page.permissions_for_user(self.user), check)()

    def any_page_permission(self, *actions):
        return self.admin() and PagePermissionPolicy().user_has_any_permission(self.user, actions)

    def reviews(self):
        """Acts on the task the scene's page waits for (the peer review)."""
        task = self.scene.task_state.task.specific
        return self.admin() and bool(task.get_actions(self.scene.page, self.user))


def everyone(reason):
    return (lambda visitor, model: True, reason)


def editors(reason):
    return (lambda visitor, model: visitor.admin(), reason)


def reviewers(reason):
    return (
        lambda visitor, model: visitor.any_page_permission("publish"),
        f"{reason}: for who reviews (publish_page)",
    )


def nobody(reason):
    return (lambda visitor, model: False, reason)


def page_check(check, reason):
    return (lambda visitor, model: visitor.page_can(check), reason)


def permission(dotted, reason):
    return (lambda visitor, model: visitor.perm(dotted), reason)


def model_action(model_getter, action, reason):
    return (lambda visitor, model: visitor.may(model_getter(), action), reason)


def model_views(model_getter, reason):
    return (lambda visitor, model: visitor.views(model_getter()), reason)


def image_policy_of():
    return policy_registry.get_by_type(get_image_model())


def document_policy_of():
    return policy_registry.get_by_type(get_document_model())


NOT_A_GET = "answers only POST (a GET is 405) or needs arguments a plain GET lacks"
PAGE_TREE = "the page tree (titles and status) is shown to every editor, as in the explorer"
RULES = {
    "wagtailadmin_home": editors("the dashboard of everyone with admin access"),
    "wagtailadmin_account": editors("one's own account settings"),
    "translation_queue": editors(
        "one's own translator's queue: titles of live pages in the languages one translates"
    ),
    # A made-up token is refused with a redirect to the dashboard; the real link (bound to
    # its account and buurt, single use) is tested in tests/test_accounts.py.
    "confirm_email_change": nobody("an e-mail change is confirmed only by its signed link"),
    "wagtailadmin_login": (
        lambda visitor, model: not visitor.logged_in,
        "the login form; who is logged in is sent on to the dashboard",
    ),
    "wagtailadmin_password_reset": everyone("the password-reset form"),
    "wagtailadmin_password_reset_done": everyone("the password-reset confirmation"),
    "wagtailadmin_password_reset_confirm": everyone("the reset form (its token is checked)"),
    "wagtailadmin_password_reset_complete": everyone("the password-reset confirmation"),
    "wagtailadmin_javascript_catalog": everyone("the admin's translations for its scripts"),
    "wagtailadmin_sprite": everyone("the admin's icons"),
    "wagtailadmin_error_test": nobody("skipped"),
    "wagtailadmin_dismissibles": editors("which of the admin's hints one dismissed"),
    "wagtailadmin_editing_sessions:ping": nobody(NOT_A_GET),
    "wagtailadmin_editing_sessions:release": nobody(NOT_A_GET),
    "wagtailadmin_block_preview": nobody(NOT_A_GET),
    "wagtailadmin_tag_autocomplete": editors("tag suggestions for page forms"),
    "wagtailadmin_tag_model_autocomplete": editors("tag suggestions for page forms"),
    # Page tree and choosers
    "wagtailadmin_explore_root": editors(PAGE_TREE),
    "wagtailadmin_explore": editors(PAGE_TREE),
    "wagtailadmin_explore_results": editors(PAGE_TREE),
    "wagtailadmin_pages:search": editors(PAGE_TREE),
    "wagtailadmin_pages:search_results": editors(PAGE_TREE),
    "wagtailadmin_pages:type_use": editors(PAGE_TREE),
    "wagtailadmin_pages:type_use_results": editors(PAGE_TREE),
    "wagtailadmin_api:pages:listing": editors(PAGE_TREE),
    "wagtailadmin_api:pages:detail": editors(PAGE_TREE),
    "wagtailadmin_api:pages:find": nobody(NOT_A_GET),
    "wagtailadmin_api:pages:action": nobody(NOT_A_GET),
    "wagtailadmin_choose_page": editors(PAGE_TREE + " (page chooser)"),
    "wagtailadmin_choose_page_child": editors(PAGE_TREE + " (page chooser)"),
    "wagtailadmin_choose_page_search": editors(PAGE_TREE + " (page chooser)"),
    "wagtailadmin_choose_page_chosen_multiple": editors(PAGE_TREE + " (page chooser)"),
    "wagtailadmin_choose_page_external_link": editors("link chooser form, shows no records"),
    "wagtailadmin_choose_page_email_link": editors("link chooser form, shows no records"),
    "wagtailadmin_choose_page_phone_link": editors("link chooser form, shows no records"),
    "wagtailadmin_choose_page_anchor_link": editors("link chooser form, shows no records"),
    "wagtail_bulk_action": nobody("bulk delete of pages: no role has bulk rights on others' pages"),
    # Someone else's page, in review
    "wagtailadmin_pages:add": (
        lambda visitor, model: visitor.page_can("can_add_subpage", visitor.scene.stories),
        "writes a new story (add_page)",
    ),
    "wagtailadmin_pages:preview_on_add": (
        lambda visitor, model: visitor.page_can("can_add_subpage", visitor.scene.stories),
        "previews a new story (add_page)",
    ),
    "wagtailadmin_pages:choose_parent": nobody("redirects to the same URL with a slash"),
    "wagtailadmin_pages:add_subpage": nobody("a story has no page types below it"),
    "wagtailadmin_pages:edit": page_check("can_edit", "edits anyone's page (change_page)"),
    "wagtailadmin_pages:preview_on_edit": page_check("can_edit", "previews a page one edits"),
    "wagtailadmin_pages:view_draft": page_check("can_edit", "the draft of a page one edits"),
    "wagtailadmin_pages:history": page_check("can_edit", "history of a page one edits"),
    "wagtailadmin_pages:history_results": page_check("can_edit", "history of a page one edits"),
    "wagtailadmin_pages:usage": page_check("can_edit", "usage of a page one edits"),
    "wagtailadmin_pages:revisions_index": nobody("redirects to the page history"),
    "wagtailadmin_pages:revisions_view": page_check("can_edit", "revisions of a page one edits"),
    "wagtailadmin_pages:revisions_compare": page_check("can_edit", "revisions of a page one edits"),
    "wagtailadmin_pages:revisions_revert": page_check("can_edit", "reverts a page one edits"),
    "wagtailadmin_pages:revisions_unschedule": page_check(
        "can_unschedule", "unschedules a page one may publish"
    ),
    "wagtailadmin_pages:workflow_history": page_check(
        "can_edit", "review steps of a page one edits"
    ),
    "wagtailadmin_pages:workflow_history_detail": page_check(
        "can_edit", "review steps of a page one edits"
    ),
    "wagtailadmin_pages:set_privacy": page_check(
        "can_set_view_restrictions", "privacy of a page one may publish"
    ),
    "wagtailadmin_pages:move": page_check("can_move", "moves a page one may move"),
    "wagtailadmin_pages:move_confirm": page_check("can_move", "moves a page one may move"),
    "wagtailadmin_pages:set_page_position": nobody(NOT_A_GET),
    "wagtailadmin_pages:copy": page_check("can_copy", "copies a page one may copy"),
    "wagtailadmin_pages:delete": page_check("can_delete", "deletes a page one may delete"),
    "wagtailadmin_pages:lock": nobody(NOT_A_GET),
    "wagtailadmin_pages:unlock": nobody(NOT_A_GET),
    "wagtailadmin_pages:unpublish": nobody("the page is not live"),
    "wagtailadmin_pages:convert_alias": nobody("the page is not an alias"),
    "wagtailadmin_pages:workflow_action": (
        lambda visitor, model: visitor.reviews(),
        "the peer reviewer acts on the review task",
    ),
    "wagtailadmin_pages:collect_workflow_action_data": (
        lambda visitor, model: visitor.reviews(),
        "the peer reviewer acts on the review task",
    ),
    "wagtailadmin_pages:workflow_preview": (
        lambda visitor, model: visitor.reviews(),
        "the peer reviewer previews what is in review",
    ),
    "wagtailadmin_pages:confirm_workflow_cancellation": editors(
        "a question without page content; cancelling itself needs edit permission"
    ),
}
RULES.update(
    {
        # Reports
        "wagtailadmin_reports:aging_pages": editors(PAGE_TREE + " (last published dates)"),
        "wagtailadmin_reports:aging_pages_results": editors(PAGE_TREE + " (last published dates)"),
        "wagtailadmin_reports:page_types_usage": editors("counts of page types, no content"),
        "wagtailadmin_reports:page_types_usage_results": editors(
            "counts of page types, no content"
        ),
        "wagtailadmin_reports:site_history": reviewers(
            "the site's history, with other people's drafts"
        ),
        "wagtailadmin_reports:site_history_results": reviewers(
            "the site's history, with other people's drafts"
        ),
        "wagtailadmin_reports:workflow": reviewers("pages in review, with other people's drafts"),
        "wagtailadmin_reports:workflow_results": reviewers(
            "pages in review, with other people's drafts"
        ),
        "wagtailadmin_reports:workflow_tasks": reviewers(
            "review tasks, with other people's drafts"
        ),
        "wagtailadmin_reports:workflow_tasks_results": reviewers(
            "review tasks, with other people's drafts"
        ),
        "wagtailadmin_reports:locked_pages": (
            lambda visitor, model: visitor.any_page_permission("lock", "unlock"),
            "locked pages, for who may unlock them (lock_page/unlock_page)",
        ),
        "wagtailadmin_reports:locked_pages_results": (
            lambda visitor, model: visitor.any_page_permission("lock", "unlock"),
            "locked pages, for who may unlock them (lock_page/unlock_page)",
        ),
        # Our own admin views
        "invite_people": permission("auth.add_user", "invites people (auth.add_user)"),
        "account_requests": permission(
            "workflows.change_accountrequest", "decides account requests (change_accountrequest)"
        ),
        "decide_account_request": nobody(NOT_A_GET),
        "moderation_cases": permission(
            "workflows.change_moderationcase", "decides reported pages (change_moderationcase)"
        ),
        "moderation_case": permission(
            "workflows.change_moderationcase", "decides reported pages (change_moderationcase)"
        ),
        "audit_log": permission("workflows.view_audit_log", "reads the audit log (view_audit_log)"),
        "outgoing_mails": permission(
            "outbox.view_outgoingmail", "mails that keep failing, with errors (view_outgoingmail)"
        ),
        "retry_outgoing_mail": nobody(NOT_A_GET),
        "cancel_outgoing_mail": nobody(NOT_A_GET),
        "signal_to_initiative": nobody(NOT_A_GET),
        "activity_registrations": (
            lambda visitor, model: visitor.page_can("can_edit", visitor.scene.activity),
            "sign-ups of an activity one edits (its organiser)",
        ),
        "printed_agendas": editors("links to the printed buurtagenda, which is public anyway"),
        "buurtkrant_editions": (
            lambda visitor, model: visitor.admin() and may_see_buurtkrant(visitor.user),
            "buurtkrant editions: buurtverbinders make them, the Buurtbeheerder publishes",
        ),
        "buurtkrant_new": permission(
            "buurtpages.change_buurtkrantedition",
            "makes a buurtkrant edition (change_buurtkrantedition)",
        ),
        "buurtkrant_edit": permission(
            "buurtpages.change_buurtkrantedition",
            "changes a draft buurtkrant edition (change_buurtkrantedition)",
        ),
        "buurtkrant_preview": (
            lambda visitor, model: visitor.admin() and may_see_buurtkrant(visitor.user),
            "the PDF of an edition, for who makes or publishes the buurtkrant",
        ),
        "buurtkrant_publish": nobody(NOT_A_GET),
        "referral_slips": (
            lambda visitor, model: visitor.admin() and may_make_referral_slips(visitor.user),
            "referral slips: professionals, buurtverbinders, the Buurtbeheerder",
        ),
        "initiative_help_offers": (
            lambda visitor, model: visitor.page_can("can_edit", visitor.scene.initiative),
            "offers of help to an initiative one edits (its team)",
        ),
        "answer_help_offer": nobody(NOT_A_GET),
        "offer_for_resident": (
            lambda visitor, model: visitor.page_can("can_publish", visitor.scene.initiative),
            "records an offer for a resident on an initiative one publishes (a buurtverbinder)",
        ),
        "sign_up_for_resident": (
            lambda visitor, model: visitor.page_can("can_publish", visitor.scene.activity),
            "signs up a resident for an activity one publishes (a buurtverbinder)",
        ),
        "signal_for_resident": permission(
            "buurtpages.change_signal", "records a signal for a resident (change_signal)"
        ),
        "trainings_cohort_planning": permission(
            "trainings.change_cohort", "plans a cohort (change_cohort)"
        ),
        "trainings_cohort_attendance": permission(
            "trainings.change_cohort", "records attendance (change_cohort)"
        ),
        "trainings_hours": permission("trainings.add_timeentry", "one's own hours (add_timeentry)"),
        # The second factor (tests/test_second_factor.py covers the step itself)
        "second_factor:verify": nobody(
            "the code after the password; whoever already gave it is sent on"
        ),
        "second_factor:setup": (
            lambda visitor, model: visitor.logged_in and confirmed_device(visitor.user) is None,
            "setting up a second factor, for who has none yet (optional for this role)",
        ),
        "reset_second_factor": (
            lambda visitor, model: visitor.logged_in and has_role(visitor.user, BUURT_ADMIN),
            "resets someone's second factor in this buurt (Buurtbeheerder)",
        ),
    }
)


def collection_rule(policy, action, reason, instance_getter=None):
    def allowed(visitor, model):
        if not visitor.admin():
            return False
        if instance_getter is None:
            return policy().user_has_any_permission(visitor.user, action)
        return policy().user_has_permission_for_instance(
            visitor.user, action, instance_getter(visitor.scene)
        )

    return (allowed, reason)


def choose_rule(dotted, reason):
    """The collection permission straight from the role's groups (ROLE_COLLECTION_PERMISSIONS)."""
    app_label, codename = dotted.split(".")

    def allowed(visitor, model):
        return (
            visitor.admin()
            and GroupCollectionPermission.objects.filter(
                group__user=visitor.user_pk,
                permission__content_type__app_label=app_label,
                permission__codename=codename,
            ).exists()
        )

    return (allowed, reason)


def media_rules(prefix, policy, instance, noun):
    some = {"add", "change", "delete"}
    return {
        f"{prefix}:index": collection_rule(policy, some, f"the {noun} library (add/change {noun})"),
        f"{prefix}:index_results": collection_rule(policy, some, f"the {noun} library"),
        f"{prefix}:add": collection_rule(policy, {"add"}, f"uploads a {noun} (add_{noun})"),
        f"{prefix}:add_multiple": collection_rule(policy, {"add"}, f"uploads (add_{noun})"),
        f"{prefix}:edit": collection_rule(
            policy, "change", f"edits a {noun} one may change", instance
        ),
        f"{prefix}:delete": collection_rule(
            policy, "delete", f"deletes a {noun} one may delete", instance
        ),
        f"{prefix}:edit_multiple": nobody(NOT_A_GET),
        f"{prefix}:delete_multiple": nobody(NOT_A_GET),
        f"{prefix}:create_multiple_from_uploaded_{noun}": nobody(NOT_A_GET),
        f"{prefix}:delete_upload_multiple": nobody(NOT_A_GET),
        f"{prefix}_chooser:choose": choose_rule(f"{prefix}.choose_{noun}", f"chooses a {noun}"),
        f"{prefix}_chooser:choose_results": choose_rule(
            f"{prefix}.choose_{noun}", f"chooses a {noun}"
        ),
        f"{prefix}_chooser:chosen": choose_rule(f"{prefix}.choose_{noun}", f"chooses a {noun}")
        if noun == "document"
        else nobody("Wagtail's image chooser refuses a chosen image outside its modal flow"),
        f"{prefix}_chooser:chosen_multiple": choose_rule(
            f"{prefix}.choose_{noun}", f"chooses {noun}s"
        ),
        f"{prefix}_chooser:create": collection_rule(
            policy, {"add"}, f"the chooser's upload form (add_{noun})"
        ),
    }


RULES.update(media_rules("wagtailimages", image_policy_of, lambda scene: scene.image, "image"))
RULES.update(
    media_rules("wagtaildocs", document_policy_of, lambda scene: scene.document, "document")
)
RULES.update(
    {
        "wagtailimages:image_usage": collection_rule(
            image_policy_of, "change", "usage of an image one may change", lambda s: s.image
        ),
        "wagtailimages:preview": collection_rule(
            image_policy_of, "change", "previews an image one may change", lambda s: s.image
        ),
        "wagtailimages:url_generator": collection_rule(
            image_policy_of, "change", "renditions of an image one may change", lambda s: s.image
        ),
        "wagtailimages:url_generator_output": collection_rule(
            image_policy_of, "change", "renditions of an image one may change", lambda s: s.image
        ),
        "wagtailimages_chooser:select_format": nobody("answers only the posted format form"),
        "wagtaildocs:document_usage": collection_rule(
            document_policy_of, "change", "usage of a document one may change", lambda s: s.document
        ),
        "wagtailadmin_api:images:listing": editors("chooser API: titles of images"),
        "wagtailadmin_api:images:detail": nobody(
            "the admin API has no image detail for this image"
        ),
        "wagtailadmin_api:images:find": nobody(NOT_A_GET),
        "wagtailadmin_api:documents:listing": editors("chooser API: titles of documents"),
        "wagtailadmin_api:documents:detail": nobody("the admin API has no document detail"),
        "wagtailadmin_api:documents:find": nobody(NOT_A_GET),
        "wagtailembeds:chooser": editors("the embed chooser form, shows no records"),
        "wagtailembeds:chooser_upload": editors("the embed chooser form, shows no records"),
    }
)


def managed_model_rules(prefix, model_getter, noun, actions=None):
    """Wagtail's model viewsets: index for any of add/change/delete, each view its action."""
    actions = actions or {}

    def views(visitor, model):
        return visitor.admin() and policy_registry.get_by_type(
            model_getter()
        ).user_has_any_permission(visitor.user, {"add", "change", "delete"})

    rules = {
        f"{prefix}:index": (views, f"the list of {noun}s, for who manages them"),
        f"{prefix}:index_results": (views, f"the list of {noun}s, for who manages them"),
        f"{prefix}:add": model_action(model_getter, "add", f"adds a {noun}"),
        f"{prefix}:copy": model_action(model_getter, "add", f"copies a {noun}"),
        f"{prefix}:edit": model_action(model_getter, "change", f"edits a {noun}"),
        f"{prefix}:delete": model_action(model_getter, "delete", f"deletes a {noun}"),
        f"{prefix}:history": model_action(model_getter, "change", f"history of a {noun}"),
        f"{prefix}:history_results": model_action(model_getter, "change", f"history of a {noun}"),
        f"{prefix}:usage": (views, f"usage of a {noun}, for who manages them"),
    }
    rules.update(actions)
    return rules


RULES.update(managed_model_rules("wagtailusers_users", get_user_model, "user"))
RULES.update(managed_model_rules("wagtailusers_groups", lambda: Group, "group"))
RULES.update(managed_model_rules("wagtaillocales", lambda: Locale, "language"))
RULES.update(managed_model_rules("wagtailsites", lambda: Site, "site"))
RULES.update(managed_model_rules("wagtailadmin_collections", lambda: Collection, "collection"))
RULES["wagtailadmin_collections:set_privacy"] = nobody("no role manages collections")
RULES.update(
    managed_model_rules(
        "wagtailredirects",
        lambda: Redirect,
        "redirect",
        {
            "wagtailredirects:start_import": nobody("no role manages redirects"),
            "wagtailredirects:process_import": nobody("no role manages redirects"),
        },
    )
)
for name in ("list_submissions", "list_submissions_results", "delete_submissions"):
    RULES[f"wagtailforms:{name}"] = nobody("no form pages exist")
RULES["wagtailforms:index"] = editors("the list of form pages one may edit (there are none)")
RULES["wagtailforms:index_results"] = editors("the list of form pages one may edit (none)")
RULES["wagtailsettings:edit"] = permission(
    "buurtpages.change_legalinformation", "the buurt's contact and legal pages"
)
RULES["wagtailsettings:preview_on_edit"] = nobody("the legal pages' settings have no preview")
# Two routes share a pattern name; these rules are for one route only.
ROUTE_RULES = {
    "admin/settings/<slug:app_name>/<slug:model_name>/": nobody(
        "redirects every role to the edit URL of the buurt's one record, which decides"
    ),
}
for name in (
    "index",
    "index_results",
    "add",
    "edit",
    "disable",
    "enable",
    "remove",
    "usage",
    "usage_results",
    "task_index",
    "task_index_results",
    "add_task",
    "edit_task",
    "disable_task",
    "enable_task",
    "select_task_type",
):
    RULES[f"wagtailadmin_workflows:{name}"] = nobody("no role edits workflows")
for name in ("task_chooser", "task_chooser_results", "task_chosen", "task_chooser_create"):
    RULES[f"wagtailadmin_workflows:{name}"] = editors(
        "names of the review steps (shown in every page's status); creating one needs add_task"
    )


def snippet_models_by_namespace(prefix):
    return {
        f"{prefix}_{model._meta.app_label}_{model._meta.model_name}": model
        for model in get_snippet_models()
    }


SNIPPET_ACTIONS = {
    "list": ("view", "the {noun} list, for who may view {noun}s"),
    "list_results": ("view", "the {noun} list, for who may view {noun}s"),
    "usage": ("change", "where a {noun} is used, for who may change {noun}s"),
    "history": ("change", "history of a {noun}, for who may change {noun}s"),
    "history_results": ("change", "history of a {noun}, for who may change {noun}s"),
    "inspect": ("view", "a {noun}, for who may view {noun}s"),
    "add": ("add", "adds a {noun} (add_{model})"),
    "copy": ("add", "copies a {noun} (add_{model})"),
    "edit": ("change", "edits a {noun} (change_{model})"),
    "delete": ("delete", "deletes a {noun} (delete_{model})"),
    # The chooser serves only models one may view (workflows.middleware).
    "choose": ("view", "chooses a {noun}, for who may view {noun}s"),
    "choose_results": ("view", "chooses a {noun}, for who may view {noun}s"),
    "chosen": ("view", "chooses a {noun}, for who may view {noun}s"),
    "chosen_multiple": ("view", "chooses {noun}s, for who may view {noun}s"),
    "create": ("add", "the chooser's form for a new {noun} (add_{model})"),
}


def snippet_rule(model, action):
    needed, reason = SNIPPET_ACTIONS[action]
    # model_name, not verbose_name: the table must not change with the active language.
    reason = reason.format(noun=model._meta.model_name, model=model._meta.model_name)
    if needed is None:
        return nobody(reason)
    if needed == "view":
        return (lambda visitor, variant: visitor.views(model), reason)
    return (lambda visitor, variant: visitor.may(model, needed), reason)


def translatable_only(check, reason):
    def allowed(visitor, model):
        return issubclass(model, TranslatableMixin) and check(visitor, model)

    return (allowed, reason)


def translation_target_editable(visitor, model):
    return visitor.admin() and visitor.scene.translation_editable_by(visitor.user)


LOCALIZE_RULES = {
    "wagtail_localize:snippets_api_listing": translatable_only(
        lambda visitor, model: visitor.views(model),
        "the localize snippet API: translatable models one may view",
    ),
    "wagtail_localize:snippets_api_detail": translatable_only(
        lambda visitor, model: visitor.views(model),
        "the localize snippet API: translatable models one may view",
    ),
    "wagtail_localize:submit_snippet_translation": translatable_only(
        lambda visitor, model: visitor.may(model, "change"),
        "translates a snippet one may change",
    ),
    "wagtail_localize:submit_page_translation": page_check(
        "can_edit", "translates a page one edits"
    ),
    "wagtail_localize:update_translations": (
        lambda visitor, model: visitor.admin() and visitor.scene.source_editable_by(visitor.user),
        "syncs translations of a page one edits",
    ),
    "wagtail_localize:download_pofile": (
        translation_target_editable,
        "the strings of a translation one edits",
    ),
    "wagtail_localize:preview_translation": (
        translation_target_editable,
        "previews a translation one edits",
    ),
    "wagtail_localize:edit_string_translation": nobody(NOT_A_GET),
    "wagtail_localize:upload_pofile": nobody(NOT_A_GET),
    "wagtail_localize:machine_translate": nobody(NOT_A_GET),
    "wagtail_localize:stop_translation": nobody(NOT_A_GET),
    "wagtail_localize:convert_to_alias": nobody("the page has no alias to convert"),
    "wagtail_localize:translations_report": editors(
        "which pages are translated: page titles and status, as in the explorer"
    ),
    "wagtail_localize:translations_report_results": editors(
        "which pages are translated: page titles and status, as in the explorer"
    ),
    "wagtail_localize:javascript_catalog": editors("wagtail-localize's script translations"),
}
RULES.update(LOCALIZE_RULES)
RULES["wagtailsnippets:index"] = (
    lambda visitor, model: any(visitor.views(each) for each in get_snippet_models()),
    "the snippet overview, for who may view some snippet model",
)
# Patterns with <app_label>/<model_name> of a snippet: requested once per snippet model.
PER_SNIPPET_MODEL = {
    "wagtail_localize:snippets_api_listing",
    "wagtail_localize:snippets_api_detail",
    "wagtail_localize:submit_snippet_translation",
}


def rule_for(name):
    """(allowed(visitor, model), one-line reason) for a pattern name; KeyError if none."""
    if name in RULES:
        return RULES[name]
    namespace, _sep, action = name.rpartition(":")
    for prefix in ("wagtailsnippets", "wagtailsnippetchoosers"):
        model = snippet_models_by_namespace(prefix).get(namespace)
        if model is not None:
            return snippet_rule(model, action)
    raise KeyError(f"no rule for admin pattern {name!r}: add one to RULES")


def admin_patterns():
    """(name, route, converter names) of every pattern under admin/ in a buurt's URLconf."""

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = entry.name and (f"{namespace}:{entry.name}" if namespace else entry.name)
                yield name, prefix + str(entry.pattern), entry.pattern.regex.groupindex

    resolver = get_resolver("config.urls_tenants")
    for name, route, groups in walk(resolver.url_patterns, "", ""):
        if route.startswith("admin/"):
            yield name, route, sorted(groups)


class Scene:
    """One of everything an admin URL can point at, none of it made by the visitors."""

    def __init__(self, buurt):
        with inside(buurt):
            self.build()

    def build(self):
        author = UserFactory(username="auteur@example.nl", roles=[RESIDENT])
        self.author = author
        self.stories = stories = dutch_section(StoryIndexPage)
        page = StoryPageFactory(parent=stories, owner=author, title="Van iemand anders", live=False)
        page.save_revision(user=author)
        page.title = "Van iemand anders, tweede versie"
        revision = page.save_revision(user=author)
        workflow_state = page.get_workflow().start(page, user=author)
        page.refresh_from_db()
        self.page = page
        self.task_state = task_state = page.current_workflow_task_state
        self.activity = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage), owner=author, title="Buurtborrel"
        )
        self.registration = Registration.objects.create(
            activity=self.activity,
            occurrence_start=self.activity.start,
            name="MARKERREGISTRATION",
            email="deelnemer@example.nl",
            status=Registration.Status.CONFIRMED,
        )
        self.initiative = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage), owner=author, title="Moestuin"
        )
        self.help_offer = HelpOffer.objects.create(
            initiative=self.initiative, name="MARKERHELPOFFER", email="helper@example.nl"
        )
        self.account_request = AccountRequest.objects.create(
            name="MARKERACCOUNTREQUEST", email="aanvrager@example.nl"
        )
        self.outgoing_mail = OutgoingMail.objects.create(
            recipient="ontvanger@example.nl",
            message_id="<matrix@buurtplatform.nl>",
            subject="MARKEROUTGOINGMAIL",
            body="Tekst",
            to=["ontvanger@example.nl"],
            status=OutgoingMail.Status.FAILED,
            last_error="SMTPDataError: 554",
        )
        self.image = image = wagtail_factories.ImageFactory(
            title="Foto van iemand anders", uploaded_by_user=author
        )
        self.document = document = Document.objects.create(
            title="Notulen",
            file=ContentFile(b"notulen", name="notulen.txt"),
            uploaded_by_user=author,
        )
        uploaded = UploadedFile.objects.create(
            file=ContentFile(b"x", name="upload.txt"), uploaded_by_user=author
        )
        collection = Collection.get_first_root_node().add_child(name="Map van iemand anders")
        self.translation = translation = Translation.objects.filter(
            target_locale__language_code="en"
        ).first()
        segment = StringSegment.objects.filter(source=translation.source).first()
        session = EditingSession.objects.create(
            user=author,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(page.pk),
            last_seen_at=page.latest_revision_created_at,
        )
        self.records = plant_every_snippet()
        self.buurtkrant = BuurtkrantEdition.objects.create(
            month=date(2031, 3, 1), language="nl", editorial="Voorwoord", created_by=author
        )
        self.values = {
            "page_id": page.pk,
            "pk": page.pk,
            "parent_page_id": stories.pk,
            "page_to_move_id": page.pk,
            "destination_id": stories.pk,  # reordering within its section
            "revision_id": revision.pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
            "task_state_id": task_state.pk,
            "action_name": "approve",
            "task_id": task_state.task_id,
            "workflow_state_id": workflow_state.pk,
            "content_type_app_name": "buurtpages",
            "content_type_model_name": "storypage",
            "image_id": image.pk,
            "user_id": author.pk,
            "filter_spec": "width-100",
            "document_id": document.pk,
            "doc_id": document.pk,
            "uploaded_file_id": uploaded.pk,
            "collection_id": collection.pk,
            "translation_id": translation.pk,
            "translation_source_id": translation.source_id,
            "string_segment_id": segment.pk,
            "mode": "",
            "session_id": session.pk,
            "object_id": str(page.pk),
            "redirect_id": Redirect.objects.create(old_path="/oud", redirect_link="/").pk,
            "uidb64": "MQ",
            "token": "abc-def",
            "page_pk": stories.pk,
            "workflow_pk": Workflow.objects.first().pk,
        }
        # `pk` means something else per view: the object the view is about.
        self.pks = {
            "wagtailadmin_collections": collection.pk,
            "wagtailadmin_workflows": Workflow.objects.first().pk,
            "wagtailadmin_workflows:edit_task": Task.objects.first().pk,
            "wagtailadmin_workflows:disable_task": Task.objects.first().pk,
            "wagtailadmin_workflows:enable_task": Task.objects.first().pk,
            "wagtaillocales": Locale.objects.get(language_code="en").pk,
            "wagtailsites": Site.objects.get().pk,
            "wagtailusers_users": author.pk,
            "wagtailusers_groups": role_group(RESIDENT).pk,
            "signal_to_initiative": self.record("buurtpages.signal").pk,
            "trainings_cohort_planning": self.record("trainings.cohort").pk,
            "trainings_cohort_attendance": self.record("trainings.cohort").pk,
            "decide_account_request": self.account_request.pk,
            "answer_help_offer": self.help_offer.pk,
            "retry_outgoing_mail": self.outgoing_mail.pk,
            "cancel_outgoing_mail": self.outgoing_mail.pk,
            "wagtailimages_chooser": image.pk,
            "wagtaildocs_chooser": document.pk,
            "moderation_case": ModerationCase.objects.create(page=page).pk,
            "wagtailsettings": LegalInformation.load().pk,
            "buurtkrant_edit": self.buurtkrant.pk,
            "buurtkrant_preview": self.buurtkrant.pk,
            "buurtkrant_publish": self.buurtkrant.pk,
        }
        for model, record in self.records.items():
            label = f"{model._meta.app_label}_{model._meta.model_name}"
            self.pks[f"wagtailsnippets_{label}"] = record.pk
            self.pks[f"wagtailsnippetchoosers_{label}"] = record.pk
        self.page_ids = {
            "activity_registrations": self.activity.pk,
            "initiative_help_offers": self.initiative.pk,
            "offer_for_resident": self.initiative.pk,
            "sign_up_for_resident": self.activity.pk,
        }
        self.markers = {
            "MARKERREGISTRATION": lambda visitor: visitor.page_can("can_edit", self.activity),
            "MARKERACCOUNTREQUEST": lambda visitor: visitor.perm("workflows.view_accountrequest"),
            "MARKERHELPOFFER": lambda visitor: visitor.page_can("can_edit", self.initiative),
            "MARKEROUTGOINGMAIL": lambda visitor: visitor.perm("outbox.view_outgoingmail"),
        }
        for label in (
            "buurtpages.signal",
            "trainings.interestsignup",
            "trainings.rostermember",
            "trainings.cohort",
        ):
            model = type(self.record(label))
            self.markers[marker_for(model)] = lambda visitor, model=model: visitor.views(model)

    def record(self, label):
        return next(
            record for model, record in self.records.items() if model._meta.label_lower == label
        )

    def translation_editable_by(self, user):
        try:
            target = self.translation.get_target_instance()
        except Exception:
            return False
        return editable_by(target, user)

    def source_editable_by(self, user):
        source = self.translation.source.get_source_instance()
        if not editable_by(source, user):
            return False
        targets = []
        for translation in self.translation.source.translations.filter(enabled=True):
            try:
                targets.append(translation.get_target_instance())
            except Exception:
                continue
        return all(editable_by(target, user) for target in targets)

    def pk_for(self, name):
        if name in self.pks:
            return self.pks[name]
        namespace = name.split(":")[0]
        return self.pks.get(namespace, self.values["pk"])

    def url(self, name, groups, model=None):
        extra = {}
        if model is not None:
            extra = {"app_label": model._meta.app_label, "model_name": model._meta.model_name}
            if "pk" in groups:
                extra["pk"] = self.records[model].pk
        extra.update(EXTRA_KWARGS.get(name, {}))
        kwargs = {}
        for group in groups:
            if group in extra:
                kwargs[group] = extra[group]
            elif group == "pk":
                kwargs[group] = self.pk_for(name)
            elif group == "page_id" and name in self.page_ids:
                kwargs[group] = self.page_ids[name]
            else:
                kwargs[group] = self.values[group]
        kwargs = {key: value for key, value in kwargs.items() if value != ""}
        return reverse(name, urlconf="config.urls_tenants", kwargs=kwargs)


def editable_by(instance, user):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return policy_registry.get_by_type(type(instance)).user_has_permission(user, "change")


# Patterns whose URL arguments need more than the scene gives.
EXTRA_KWARGS = {
    "wagtail_bulk_action": {"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
    "wagtailadmin_pages:choose_parent": {"app_label": "buurtpages", "model_name": "storypage"},
    "wagtailadmin_tag_model_autocomplete": {"app_name": "taggit", "model_name": "tag"},
    "wagtailadmin_editing_sessions:ping": {"app_label": "wagtailcore", "model_name": "page"},
    "wagtailadmin_workflows:add_task": {"app_label": "workflows", "model_name": "peerreviewtask"},
    "wagtailadmin_api:pages:action": {"action_name": "copy"},
    # The one settings model: who runs the buurt site and how to reach them.
    "wagtailsettings:edit": {"app_name": "buurtpages", "model_name": "legalinformation"},
    "wagtailsettings:preview_on_edit": {
        "app_name": "buurtpages",
        "model_name": "legalinformation",
    },
}


class Row:
    """One request target: a pattern, and for per-model patterns one snippet model."""

    def __init__(self, name, route, url, model=None):
        self.name, self.route, self.url, self.model = name, route, url, model
        self.key = route if model is None else f"{route} [{model._meta.label_lower}]"
        self.allowed, self.reason = ROUTE_RULES.get(route) or rule_for(name)
        self.expected = set()
        self.got = set()
        self.statuses = {}


def table_digests(schema):
    """{table: md5 of all its rows' contents} for every table of a buurt's schema."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = %s AND table_type = 'BASE TABLE'",
            [schema],
        )
        tables = sorted(name for (name,) in cursor.fetchall() if name not in UNDIGESTED_TABLES)
        digests = {}
        for table in tables:
            cursor.execute(
                f"SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f'FROM "{schema}"."{table}" t'
            )
            digests[table] = cursor.fetchone()[0]
    return digests


class Probe:
    def __init__(self, buurt):
        self.buurt = buurt
        self.clients = {ANONYMOUS: client_for(buurt)}
        for number, role in enumerate(ROLES):
            self.clients[role] = logged_in(buurt, f"rol{number}@example.nl", role)
        for client in self.clients.values():
            client.raise_request_exception = False  # a 500 is reported with its URL
        self.scene = Scene(buurt)
        with inside(buurt):
            users = {
                role: get_user_model().objects.get(username=f"rol{number}@example.nl")
                for number, role in enumerate(ROLES)
            }
            self.visitors = {who: Visitor(who, users.get(who), self.scene) for who in WHO}
            self.rows = list(self.build_rows())
            self.may_see = {
                (marker, who): visible(self.visitors[who])
                for marker, visible in self.scene.markers.items()
                for who in WHO
            }
        self.errors, self.leaks, self.logged_out = [], [], []
        self.seen = set()
        self.probed_logged_in = dict.fromkeys(ROLES, 0)
        self.skipped = {route: reason for route, reason in SKIPPED.items()}

    def build_rows(self):
        for name, route, groups in admin_patterns():
            if route in SKIPPED or name in NEVER_REQUESTED:
                continue
            models = get_snippet_models() if name in PER_SNIPPET_MODEL else [None]
            for model in models:
                row = Row(name, route, self.scene.url(name, groups, model), model)
                row.expected = {who for who in WHO if row.allowed(self.visitors[who], model)}
                yield row

    def look(self, who, method, row, response):
        if response.status_code >= 500:
            self.errors.append(f"{who} {method} {row.url}: {response.status_code}")
        content = response.content.decode(errors="replace")
        for marker in self.scene.markers:
            if marker in content:
                if self.may_see[marker, who]:
                    self.seen.add((marker, who))
                else:
                    self.leaks.append(f"{who} {method} {row.url} shows {marker}")

    def still_logged_in(self, who, row, method, dashboard):
        """After every request: the client's session still holds its login. After every
        DASHBOARD_EVERY-th pattern and the last one, the positive control: /admin/ 200."""
        if who == ANONYMOUS:
            return
        client = self.clients[who]
        with inside(self.buurt):
            alive = client.session.get("_auth_user_id") is not None
        if alive and dashboard:
            alive = client.get("/admin/").status_code == 200
        if not alive:
            self.logged_out.append(f"{who} no longer logged in after {method} {row.url}")
        elif method == "GET":
            self.probed_logged_in[who] += 1

    def run(self):
        last = len(self.rows) - 1
        self.start = table_digests(self.buurt.schema_name)
        for number, row in enumerate(self.rows):
            dashboard = number % DASHBOARD_EVERY == 0 or number == last
            for who, client in self.clients.items():
                response = client.get(row.url)
                row.statuses[who] = (response.status_code, response.get("Location"))
                self.look(who, "GET", row, response)
                if response.status_code == 200:
                    row.got.add(who)
                self.still_logged_in(who, row, "GET", dashboard)
        self.before = table_digests(self.buurt.schema_name)
        for number, row in enumerate(self.rows):
            dashboard = number % DASHBOARD_EVERY == 0 or number == last
            for who in POSTERS:
                data = REAL_POST_DATA.get(row.name, {})
                self.look(who, "POST", row, self.clients[who].post(row.url, data))
                self.still_logged_in(who, row, "POST", dashboard)
        self.after = table_digests(self.buurt.schema_name)
        connection.set_schema_to_public()
        return self

    def wrong(self):
        return [
            f"{row.key} ({row.name}): rules allow {sorted(row.expected)}, got {sorted(row.got)} "
            f"({row.statuses})"
            for row in self.rows
            if row.expected != row.got
        ]

    def as_csv(self):
        out = io.StringIO()
        out.write(
            "# Written from the role rules in tests/test_admin_url_matrix.py (RULES); "
            "the test checks it is current.\n"
            "# allowed: who gets a 200 (anonymous = not logged in), none, or skip; "
            "why: the one line that justifies it.\n"
        )
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["name", "route", "allowed", "why"])
        for row in self.rows:
            # Roles by the names people know (their groups), as in the permission matrix.
            allowed = [GROUP_NAMES.get(who, who) for who in WHO if who in row.expected]
            cell = ";".join(allowed) or "none"
            writer.writerow([row.name or "", row.key, cell, row.reason if row.expected else ""])
        for name, reason in NEVER_REQUESTED.items():
            writer.writerow([name, "", "skip", reason])
        for route, reason in SKIPPED.items():
            writer.writerow(["", route, "skip", reason])
        return out.getvalue()


@pytest.fixture(scope="module")
def probe(django_db_setup, django_db_blocker):
    """The probe runs once for the module; everything it made is rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield Probe(get_buurt("alpha")).run()
        finally:
            transaction.set_rollback(True)
            connection.set_schema_to_public()


def test_every_admin_url_answers_exactly_the_roles_the_rules_allow(probe):
    assert not probe.errors, "\n".join(probe.errors)
    wrong = probe.wrong()
    assert not wrong, "\n".join(wrong)


def test_every_role_stays_logged_in_through_the_whole_probe(probe):
    assert not probe.logged_out, "\n".join(probe.logged_out[:20])
    print(
        f"admin matrix: {len(probe.rows)} requests per visitor; probed logged in per role: "
        f"{probe.probed_logged_in}"
    )
    assert all(count == len(probe.rows) for count in probe.probed_logged_in.values())


def test_private_records_show_only_to_roles_that_may_see_them(probe):
    assert not probe.leaks, "\n".join(probe.leaks[:40])
    missing = [
        f"{who} may see {marker} but no response showed it"
        for (marker, who), may in probe.may_see.items()
        if may and (marker, who) not in probe.seen
    ]
    assert not missing, "\n".join(missing)
    # Every private marker is visible to some role: the check above is not empty.
    assert all(
        any(may for (m, _who), may in probe.may_see.items() if m == marker)
        for marker in probe.scene.markers
    )


def test_gets_change_no_row_of_any_table(probe):
    changed = {table for table in probe.start if probe.start[table] != probe.before.get(table)}
    assert not changed - CHANGED_BY_GETS, f"tables changed by GET requests: {sorted(changed)}"


def test_posts_by_the_lowest_roles_change_no_row_of_any_table(probe):
    changed = sorted(
        table for table in probe.before if probe.before[table] != probe.after.get(table)
    )
    assert probe.before and not changed, f"tables changed by refused POSTs: {changed}"


def test_the_readable_table_is_written_from_the_rules(probe):
    written = probe.as_csv()
    if os.environ.get("ADMIN_MATRIX_RECORD"):
        MATRIX.write_text(written)
    assert MATRIX.read_text() == written, (
        f"{MATRIX.name} is out of date: ADMIN_MATRIX_RECORD=1 .venv/bin/pytest {__file__}"
    )


def test_a_resident_cannot_even_open_the_move_of_someone_elses_page(alpha):
    """Found by the matrix: Wagtail showed its move confirmation (title, translations)
    to anyone in the admin and only refused the POST."""
    client = logged_in(alpha, "bewoner@example.nl", RESIDENT)
    with inside(alpha):
        author = UserFactory(username="ander@example.nl", roles=[RESIDENT])
        stories = dutch_section(StoryIndexPage)
        page = StoryPageFactory(parent=stories, owner=author, title="Niet van jou", live=False)
    url = f"/admin/pages/{page.pk}/move/{stories.pk}/confirm/"
    refused = client.get(url)  # Wagtail turns the refusal into a redirect with a message
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.post(url)
    with inside(alpha):
        assert Page.objects.get(pk=page.pk).get_parent().pk == stories.pk
    assert client.get(f"/admin/pages/{stories.pk}/").status_code == 200  # may explore
