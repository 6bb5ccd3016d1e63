"""Every admin URL pattern, requested as every role with real objects.

The resolver's patterns under /admin/ are enumerated, their URL arguments filled with
objects of a buurt (someone else's page in review, its revisions and task state, an
image, a document, one of each snippet, a translation, another user...), and each URL
is requested as anonymous visitor and as each role. tests/admin_url_matrix.csv says
which roles get a 200; any other 200 (or a missing one) fails. A pattern the test
cannot fill is listed there as `skip` with a reason, so a new pattern is noticed.

To print the observed table after adding a pattern:
    ADMIN_MATRIX_RECORD=1 .venv/bin/pytest tests/test_admin_url_matrix.py -q -s
"""

import csv
import io
import os
from pathlib import Path

import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Locale,
    Page,
    Site,
    Task,
    UploadedFile,
    Workflow,
)
from wagtail_localize.models import StringSegment, Translation

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    PartnerFactory,
    PlaceFactory,
    StoryPageFactory,
    ThemeFactory,
)
from buurtpages.models import Partner, Place, Signal, StoryIndexPage, Theme
from tenants.factories import UserFactory
from tests.base import client_for, inside, logged_in
from trainings.factories import (
    CohortFactory,
    InterestSignupFactory,
    ResidentsEveningFactory,
    RosterMemberFactory,
)
from trainings.models import Cohort, ModuleMaterial
from workflows.roles import BEWONER, PROFESSIONAL, ROLES

MATRIX = Path(__file__).with_name("admin_url_matrix.csv")
ANONYMOUS = "anonymous"
WHO = [ANONYMOUS, *ROLES]


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


def read_matrix():
    """{route: (name, allowed set | None, skip reason)} from the readable table."""
    table = {}
    with MATRIX.open(newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            allowed = row["allowed"].strip()
            if allowed.startswith("skip"):
                table[row["route"]] = (row["name"], None, allowed)
            else:
                roles = set() if allowed == "none" else set(allowed.split(";"))
                table[row["route"]] = (row["name"], roles, "")
    return table


class Scene:
    """One of everything an admin URL can point at, none of it made by the visitors."""

    def __init__(self, buurt):
        with inside(buurt):
            self.build()

    def build(self):
        author = UserFactory(username="auteur@example.nl", roles=[BEWONER])
        self.author = author
        stories = dutch_section(StoryIndexPage)
        page = StoryPageFactory(parent=stories, owner=author, title="Van iemand anders", live=False)
        page.save_revision(user=author)
        page.title = "Van iemand anders, tweede versie"
        revision = page.save_revision(user=author)
        workflow_state = page.get_workflow().start(page, user=author)
        page.refresh_from_db()
        task_state = page.current_workflow_task_state
        image = wagtail_factories.ImageFactory(
            title="Foto van iemand anders", uploaded_by_user=author
        )
        document = Document.objects.create(
            title="Notulen",
            file=ContentFile(b"notulen", name="notulen.txt"),
            uploaded_by_user=author,
        )
        uploaded = UploadedFile.objects.create(
            file=ContentFile(b"x", name="upload.txt"), uploaded_by_user=author
        )
        collection = Collection.get_first_root_node().add_child(name="Map van iemand anders")
        translation = Translation.objects.filter(target_locale__language_code="en").first()
        segment = StringSegment.objects.filter(source=translation.source).first()
        session = self.editing_session(page, author)
        evening = ResidentsEveningFactory()
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
            "wagtailusers_groups": Group.objects.get(name=BEWONER).pk,
            "wagtailsnippets_buurtpages_theme": ThemeFactory().pk,
            "wagtailsnippets_buurtpages_place": PlaceFactory().pk,
            "wagtailsnippets_buurtpages_partner": PartnerFactory().pk,
            "wagtailsnippets_buurtpages_signal": Signal.objects.create(
                category=Signal.Category.choices[0][0], description="Iets gezien", sender_hash="x"
            ).pk,
            "wagtailsnippets_trainings_residentsevening": evening.pk,
            "wagtailsnippets_trainings_interestsignup": InterestSignupFactory(evening=evening).pk,
            "wagtailsnippets_trainings_cohort": CohortFactory().pk,
            "wagtailsnippets_trainings_modulematerial": ModuleMaterial.objects.create(
                module="samenwerken", title="Werkboek", document=document
            ).pk,
            "wagtailsnippets_trainings_rostermember": RosterMemberFactory().pk,
            "signal_to_initiative": None,  # filled below: the signal
            "trainings_cohort_planning": None,
            "trainings_cohort_attendance": None,
        }
        self.pks["signal_to_initiative"] = self.pks["wagtailsnippets_buurtpages_signal"]
        self.pks["trainings_cohort_planning"] = self.pks["wagtailsnippets_trainings_cohort"]
        self.pks["trainings_cohort_attendance"] = self.pks["wagtailsnippets_trainings_cohort"]
        self.pks["wagtailsnippetchoosers"] = None  # chosen/<pk>: by model, below
        self.page = page
        self.document = document
        self.before = self.snapshot()

    def snapshot(self):
        """What a low role's POST could change, as plain data."""
        page = Page.objects.get(pk=self.page.pk)
        return {
            "page": (page.title, page.live, page.locked, page.get_parent().pk, page.path),
            "revisions": page.revisions.count(),
            "task state": page.current_workflow_task_state.status,
            "pages": Page.objects.count(),
            "images": get_image_model().objects.count(),
            "documents": Document.objects.count(),
            "uploads": UploadedFile.objects.count(),
            "users": list(get_user_model().objects.values_list("pk", "is_active", "password")),
            "groups": list(Group.objects.values_list("pk", "name")),
            "group permissions": Group.permissions.through.objects.count(),
            "collections": Collection.objects.count(),
            "sites": list(Site.objects.values_list("hostname", "root_page_id")),
            "locales": Locale.objects.count(),
            "workflows": list(Workflow.objects.values_list("pk", "active")),
            "tasks": list(Task.objects.values_list("pk", "active")),
            "redirects": Redirect.objects.count(),
            "translations": list(Translation.objects.values_list("pk", "enabled")),
            "snippets": [
                model.objects.count()
                for model in (Theme, Place, Partner, Signal, ModuleMaterial, Cohort)
            ],
        }

    def changes(self, buurt):
        with inside(buurt):
            after = self.snapshot()
        return [
            f"{key} changed: {self.before[key]!r} -> {after[key]!r}"
            for key in self.before
            if self.before[key] != after[key]
        ]

    @staticmethod
    def editing_session(page, user):
        from django.contrib.contenttypes.models import ContentType
        from wagtail.admin.models import EditingSession

        return EditingSession.objects.create(
            user=user,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(page.pk),
            last_seen_at=page.latest_revision_created_at,
        )

    def pk_for(self, name):
        if name.startswith("wagtailsnippetchoosers_"):
            name = name.replace("wagtailsnippetchoosers_", "wagtailsnippets_")
        for key in (name, name.split(":")[0]):
            if key in self.pks and self.pks[key] is not None:
                return self.pks[key]
        return self.values["pk"]

    def url(self, name, groups, extra_kwargs=None):
        kwargs = {}
        for group in groups:
            kwargs[group] = self.pk_for(name) if group == "pk" else self.values[group]
        kwargs = {key: value for key, value in kwargs.items() if value != ""}
        kwargs.update(extra_kwargs or {})
        return reverse(name, urlconf="config.urls_tenants", kwargs=kwargs)


# Patterns whose URL arguments need more than the scene gives.
THEMES = {"app_label": "buurtpages", "model_name": "theme"}
EXTRA_KWARGS = {
    "wagtail_bulk_action": {"app_label": "wagtailcore", "model_name": "page", "action": "delete"},
    "wagtailadmin_pages:choose_parent": {"app_label": "buurtpages", "model_name": "storypage"},
    "wagtailadmin_tag_model_autocomplete": {"app_name": "taggit", "model_name": "tag"},
    "wagtailadmin_editing_sessions:ping": {"app_label": "wagtailcore", "model_name": "page"},
    "wagtailadmin_workflows:add_task": {"app_label": "workflows", "model_name": "peerreviewtask"},
    "wagtail_localize:submit_snippet_translation": {
        "app_label": "buurtpages",
        "model_name": "theme",
    },
    "wagtail_localize:snippets_api_listing": {"app_label": "buurtpages", "model_name": "theme"},
    "wagtail_localize:snippets_api_detail": {"app_label": "buurtpages", "model_name": "theme"},
    "wagtailadmin_api:pages:action": {"action_name": "copy"},
    # No settings model is registered: these answer 404 until one is.
    "wagtailsettings:edit": {"app_name": "wagtailcore", "model_name": "site"},
    "wagtailsettings:preview_on_edit": {"app_name": "wagtailcore", "model_name": "site"},
}


# The lowest roles also POST (empty data) to every URL; afterwards nothing of the
# scene may have changed. Logging out would end the probe itself.
POSTERS = [ANONYMOUS, BEWONER, PROFESSIONAL]
NOT_POSTED = {"wagtailadmin_logout"}
# Wagtail itself answers a hand-made empty POST here with a 500 (a KeyError on a field
# its own form always sends); nothing is stored. Not a permission matter, so noted only.
WAGTAIL_500_ON_EMPTY_POST = {
    "wagtailadmin_pages:add": "MultiValueDictKeyError 'body-count' (StreamField count)",
    "wagtailadmin_choose_page_external_link": "AttributeError: url None .startswith",
}


def probe(buurt):
    """{route: (name, roles that got a 200)} for every admin pattern the scene can fill."""
    clients = {ANONYMOUS: client_for(buurt)}
    for number, role in enumerate(ROLES):
        clients[role] = logged_in(buurt, f"rol{number}@example.nl", role)
    scene = Scene(buurt)
    for client in clients.values():
        client.raise_request_exception = False  # a 500 is reported with its URL below
    table = read_matrix()
    observed, errors = {}, []
    for name, route, groups in admin_patterns():
        expected = table.get(route)
        if expected is not None and expected[1] is None:
            observed[route] = (name, None)
            continue
        extra = dict(EXTRA_KWARGS.get(name, {}))
        if name == "wagtail_localize:snippets_api_detail" or name.endswith("theme:chosen"):
            extra.setdefault("pk", scene.pks["wagtailsnippets_buurtpages_theme"])
        if name == "wagtail_localize:submit_snippet_translation":
            extra["pk"] = scene.pks["wagtailsnippets_buurtpages_theme"]
        groups = [group for group in groups if group not in extra]
        with inside(buurt):
            url = scene.url(name, groups, extra)
        got = set()
        for who, client in clients.items():
            status = client.get(url).status_code
            if status >= 500:
                errors.append(f"{who} GET {url}: {status}")
            if status == 200:
                got.add(who)
        observed[route] = (name, got)
        if name not in NOT_POSTED:
            for who in POSTERS:
                status = clients[who].post(url, {}).status_code
                if status >= 500 and name not in WAGTAIL_500_ON_EMPTY_POST:
                    errors.append(f"{who} POST {url}: {status}")
    errors += scene.changes(buurt)
    probed = sum(1 for _name, got in observed.values() if got is not None)
    print(f"admin matrix: {probed} patterns x {len(clients)} visitors (GET), POST by {POSTERS}")
    return observed, table, errors


def as_csv(observed, table):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "route", "allowed"])
    for route, (name, got) in observed.items():
        if got is None:
            cell = table[route][2]
        else:
            cell = ";".join(who for who in WHO if who in got) or "none"
        writer.writerow([name or "", route, cell])
    return out.getvalue()


def test_every_admin_url_answers_only_the_roles_in_the_table(alpha):
    observed, table, errors = probe(alpha)
    if os.environ.get("ADMIN_MATRIX_RECORD"):
        print(as_csv(observed, table))
    new = sorted(set(observed) - set(table))
    gone = sorted(set(table) - set(observed))
    assert not errors, "\n".join(errors)
    assert not new, f"admin patterns missing from {MATRIX.name}: {new}"
    assert not gone, f"patterns in {MATRIX.name} that no longer exist: {gone}"
    wrong = {
        route: f"{name}: expected {sorted(table[route][1])}, got {sorted(got)}"
        for route, (name, got) in observed.items()
        if got is not None and got != table[route][1]
    }
    assert not wrong, "\n".join(wrong.values())


def test_a_resident_cannot_even_open_the_move_of_someone_elses_page(alpha):
    """Found by the matrix: Wagtail showed its move confirmation (title, translations)
    to anyone in the admin and only refused the POST."""
    client = logged_in(alpha, "bewoner@example.nl", BEWONER)
    with inside(alpha):
        author = UserFactory(username="ander@example.nl", roles=[BEWONER])
        stories = dutch_section(StoryIndexPage)
        page = StoryPageFactory(parent=stories, owner=author, title="Niet van jou", live=False)
    url = f"/admin/pages/{page.pk}/move/{stories.pk}/confirm/"
    refused = client.get(url)  # Wagtail turns the refusal into a redirect with a message
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.post(url)
    with inside(alpha):
        assert Page.objects.get(pk=page.pk).get_parent().pk == stories.pk
