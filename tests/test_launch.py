"""Launching a buurt from the command line: validation, speed, and nothing left behind."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django_tenants.utils import schema_exists
from wagtail.models import Locale, Page, Site, WorkflowPage

from buurtpages.blueprint import dutch_section
from buurtpages.models import BuurtHomePage, StoryIndexPage
from kernel.roles import GROUP_NAMES, RESIDENT, role_group
from tenants import launch
from tenants.launch import LaunchError, LaunchRequest, drop_buurt, launch_buurt
from tenants.models import Buurt, Domain
from tests.base import client_for, get_buurt, inside


def launch_delta(**overrides):
    values = {"slug": "delta", "name": "Deltawijk"} | overrides
    return launch_buurt(LaunchRequest(**values))


def test_cli_launch_prints_url_and_seconds_and_site_is_live(db, capsys):
    call_command("launch_buurt", "delta", "--name", "Deltawijk", "--languages", "nl,en,ar")
    out = capsys.readouterr().out
    assert "http://delta.localhost/" in out
    seconds = float(re.search(r"launched in ([\d.]+) s", out).group(1))
    assert 0 < seconds < 30

    response = client_for("delta.localhost").get("/")
    assert response.status_code == 200
    assert '<h1 class="utrecht-heading-1">Deltawijk</h1>' in response.content.decode()


def test_launched_buurt_is_ready_to_use(db):
    result = launch_delta(languages=["nl", "ar", "tr"])
    buurt = result.buurt
    assert buurt.languages == ["nl", "ar", "tr"]
    assert buurt.primary_domain == "delta.localhost"
    with inside(buurt):
        site = Site.objects.get()
        assert (site.hostname, site.site_name) == ("delta.localhost", "Deltawijk")
        home = site.root_page.specific
        assert isinstance(home, BuurtHomePage) and home.live
        assert home.locale.language_code == "nl"
        assert [p.title for p in home.get_children().live()] == [
            "Initiatieven",
            "Agenda",
            "Mensen",
            "Verhalen",
            "Buurtgids",
        ]
        assert set(Locale.objects.values_list("language_code", flat=True)) == {"nl", "ar", "tr"}
        assert set(Group.objects.values_list("name", flat=True)) == set(GROUP_NAMES.values())
        workflow = WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow
        assert workflow.active
        assert [task.name for task in workflow.tasks] == ["Nakijken door een buurtverbinder"]
    for path in [
        "/initiatieven/",
        "/agenda/",
        "/mensen/",
        "/verhalen/",
        "/buurtgids/",
        "/sitemap.xml",
    ]:
        assert client_for(buurt).get(path).status_code == 200, path


def test_admin_invitation_links_to_own_buurt_only(db, django_capture_on_commit_callbacks, beta):
    with django_capture_on_commit_callbacks(execute=True):
        launch_delta(admin_email="Anna@Example.nl")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Anna@Example.nl"]
    assert message.subject == "Je account voor Deltawijk"
    assert "Kies je wachtwoord met deze link" in message.body
    link = re.search(r"http://delta\.localhost(/admin/password_reset/confirm/\S+/)", message.body)
    assert link, message.body
    assert "beta.localhost" not in message.body

    # The link opens the set-password form on its own buurt...
    own = client_for("delta.localhost").get(link.group(1), follow=True)
    assert own.status_code == 200
    assert 'name="new_password1"' in own.content.decode()
    # ...and is worthless on another buurt's host.
    other = client_for(beta).get(link.group(1), follow=True)
    assert 'name="new_password1"' not in other.content.decode()


def test_invited_admin_sets_password_and_logs_in(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        launch_delta(admin_email="anna@example.nl")
    path = re.search(r"http://delta\.localhost(/\S+/)", mail.outbox[0].body).group(1)
    client = client_for("delta.localhost")
    form = client.get(path, follow=True)
    response = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Ee3n-Sterk-Wachtwoord", "new_password2": "Ee3n-Sterk-Wachtwoord"},
        follow=True,
    )
    assert response.status_code == 200
    assert client.login(username="anna@example.nl", password="Ee3n-Sterk-Wachtwoord")
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("slug", "message"),
    [
        ("public", "gereserveerd"),
        ("information_schema", "gereserveerd"),
        ("pg_catalog2", "gereserveerd"),
        ("blueprint", "gereserveerd"),
        ("a", "2 tot 41 tekens"),
        ("1abc", "beginnend met een letter"),
        ("Hoofdletter", "kleine letters"),
        ("met-streepje", "liggende streepjes"),
        ("x" * 42, "2 tot 41 tekens"),
        ("alpha", "is al een buurt"),
        ("ALPHA", "kleine letters"),
    ],
)
def test_bad_slugs_are_refused_with_a_clear_dutch_message(db, slug, message):
    with pytest.raises(LaunchError) as refused:
        launch_delta(slug=slug)
    assert message in " ".join(refused.value.errors["slug"])


def test_domain_in_use_and_unknown_language_are_refused(db):
    with pytest.raises(LaunchError) as refused:
        launch_delta(domain="alpha.localhost", languages=["nl", "xx", "klingon"])
    assert "al in gebruik" in refused.value.errors["domain"][0]
    assert "xx" in refused.value.errors["languages"][0]
    assert not Buurt.objects.filter(schema_name="delta").exists()


def test_cli_reports_validation_errors_and_creates_nothing(db):
    with pytest.raises(CommandError, match="gereserveerd"):
        call_command("launch_buurt", "public", "--name", "Stiekem")
    with pytest.raises(CommandError, match="Unknown municipality"):
        call_command("launch_buurt", "delta", "--name", "D", "--municipality", "nergens")
    assert not schema_exists("delta")


def test_launch_failing_half_way_leaves_nothing_behind(db, monkeypatch):
    def break_down(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(launch, "customise_buurt", break_down)
    before = Buurt.objects.count()
    with pytest.raises(RuntimeError, match="disk full"):
        launch_delta(admin_email="anna@example.nl")
    assert not schema_exists("delta")
    assert Buurt.objects.count() == before
    assert not Domain.objects.filter(domain="delta.localhost").exists()
    assert mail.outbox == []
    # And the same slug launches fine afterwards.
    monkeypatch.undo()
    assert launch_delta().buurt.schema_name == "delta"


def test_blueprint_is_not_reachable_and_not_listed(db):
    blueprint = get_buurt("blueprint")
    assert blueprint.primary_domain is None
    assert blueprint not in Buurt.objects.sites()
    with inside(blueprint):
        assert dutch_section(StoryIndexPage).get_children().count() == 0
        assert not Page.objects.exclude(depth=1).exclude(latest_revision=None).exists()


def test_migrate_platform_shows_progress_and_restores_platform_structure(alpha, capsys):
    from buurtpages.models import BuurtgidsPage

    with inside(alpha):
        role_group(RESIDENT).permissions.clear()
        BuurtgidsPage.objects.get(locale__language_code="nl").delete()
    # Up-to-date buurten are skipped; --all repairs what was changed by hand.
    call_command("migrate_platform", all=True)
    with inside(alpha):
        assert role_group(RESIDENT).permissions.exists()
        assert BuurtgidsPage.objects.filter(locale__language_code="nl").count() == 1
        # alpha speaks English too: its translation skeleton is there as well
        assert BuurtgidsPage.objects.filter(locale__language_code="en", live=False).exists()
    out = capsys.readouterr().out
    schemas = ["blueprint", "alpha", "beta", "gamma"]
    for schema in schemas:
        assert re.search(rf"\[\d+/\d+\] {schema} migrated in [\d.]+ s", out), out
    assert "Platform migrated" in out


def test_drop_buurt_removes_everything_but_refuses_reserved_schemas(db):
    launch_delta()
    drop_buurt("delta")
    assert not schema_exists("delta")
    assert not Buurt.objects.filter(schema_name="delta").exists()
    assert not Domain.objects.filter(domain="delta.localhost").exists()
    for reserved in ("public", "blueprint"):
        with pytest.raises(ValueError):
            drop_buurt(reserved)
    assert schema_exists("blueprint")


@pytest.mark.parametrize(
    "slug",
    [
        "postgres",
        "template0",
        "template1",
        "user",
        "current_user",
        "session_user",
        "current_role",
        "current_schema",
        "pg_database_owner",
    ],
)
def test_names_postgresql_treats_specially_are_refused_as_slugs(db, slug):
    """A schema named after a database role comes first in the default search path
    ("$user", public) of anyone connecting as that role: psql would read the buurt's
    tables instead of the portal's."""
    with pytest.raises(LaunchError) as refused:
        launch_delta(slug=slug, domain="delta.localhost")
    assert "gereserveerd" in " ".join(refused.value.errors["slug"])
    assert not schema_exists(slug)


def test_a_role_created_after_deployment_is_refused_as_a_slug(db):
    from django.db import connection

    launch_delta(slug="rol_eerder")  # positive control: a free name launches
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE rol_later NOLOGIN")  # rolled back with the test
    with pytest.raises(LaunchError) as refused:
        launch_delta(slug="rol_later", domain="rol-later.localhost")
    assert "gereserveerd" in " ".join(refused.value.errors["slug"])


@pytest.mark.parametrize(
    "domain",
    ["127.0.0.1", "10.1.2.3", "127.1", "2130706433", "0x7f.0.0.1", "0x7f000001", "::1", "[::1]"],
)
def test_ip_addresses_are_refused_as_domains(db, domain):
    with pytest.raises(LaunchError) as refused:
        launch_delta(domain=domain)
    assert "IP-adres" in " ".join(refused.value.errors["domain"])
    assert not Buurt.objects.filter(schema_name="delta").exists()
    launch_delta(domain="delta-1.example.nl")  # positive control: a host name launches
