"""Portal staff act only on their own municipality's buurten, on every portal URL.

The URLs come from the public schema's URL configuration itself, so a new portal URL
fails this module until its rule is written down here.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import translation

from tenants.factories import MunicipalityFactory
from tenants.models import Buurt
from tests.base import at_the_portal, portal_staff
from workflows.factories import UserFactory

PUBLIC_URLCONF = "config.urls_public"
LANGUAGES = ["nl", "en"]


def portal_route_names():
    """Every named route of the public schema, with the names of its arguments."""

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, inner)
            else:
                yield f"{namespace}{pattern.name}", sorted(pattern.pattern.converters)

    return dict(walk(get_resolver(PUBLIC_URLCONF).url_patterns, ""))


class Scene:
    """Two municipalities with a buurt each, a third buurt with none, and their staff."""

    def __init__(self, alpha, beta, gamma):
        self.north = MunicipalityFactory(name="Gemeente Noord", slug="noord")
        self.south = MunicipalityFactory(name="Gemeente Zuid", slug="zuid")
        for buurt, municipality in ((alpha, self.north), (beta, self.south), (gamma, None)):
            buurt.municipality = municipality
            buurt.save(update_fields=["municipality"])
        self.buurten = [alpha, beta, gamma]
        self.users = {
            "north": self.staff("noord-medewerker", [self.north]),
            "south": self.staff("zuid-medewerker", [self.south]),
            "both": self.staff("regio-medewerker", [self.north, self.south]),
            "operator": self.staff("beheer", [], superuser=True),
        }
        self.municipalities_of = {
            "north": {self.north},
            "south": {self.south},
            "both": {self.north, self.south},
            "operator": {self.north, self.south},
        }

    def staff(self, username, municipalities, superuser=False):
        """A portal employee with the launch permissions, member of `municipalities`."""
        return at_the_portal(portal_staff(username, municipalities, superuser=superuser))

    def may_act_on(self, who, buurt):
        if who == "operator":
            return True
        return buurt.municipality in self.municipalities_of[who]


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, urlconf=PUBLIC_URLCONF, kwargs=kwargs)


def assert_logged_in(client, language):
    """Positive control: the client is still logged in and may use the dashboard."""
    assert client.get(url("dashboard:home", language)).status_code == 200


def check_public(scene, name, language):
    for who, client in scene.users.items():
        response = client.get(url(name, language))
        assert response.status_code == 200, (name, who)


def check_buurt_detail(scene, name, language):
    for who, client in scene.users.items():
        for buurt in scene.buurten:
            response = client.get(url(name, language, slug=buurt.schema_name))
            if scene.may_act_on(who, buurt):
                assert response.status_code == 200, (who, buurt)
                assert buurt.name in response.content.decode()
            else:
                assert response.status_code == 404, (who, buurt, response.status_code)
                assert buurt.name not in response.content.decode()
        assert_logged_in(client, language)


def check_own_buurten_listed(scene, name, language):
    for who, client in scene.users.items():
        response = client.get(url(name, language))
        assert response.status_code == 200, (name, who)
        text = response.content.decode()
        for buurt in scene.buurten:
            expected = buurt.municipality is not None and scene.may_act_on(who, buurt)
            assert (buurt.name in text) == expected, (name, who, buurt)


def municipality_options(html):
    select = re.search(r'<select name="municipality".*?</select>', html, re.S).group(0)
    return {int(pk) for pk in re.findall(r'<option value="(\d+)"', select)}


def check_launch_wizard(scene, name, language):
    for who, client in scene.users.items():
        page = client.get(url(name, language))
        assert page.status_code == 200, who
        own = {m.pk for m in scene.municipalities_of[who]}
        assert municipality_options(page.content.decode()) >= own
        if who != "operator":
            assert municipality_options(page.content.decode()) == own, who
        foreign = {scene.north, scene.south} - scene.municipalities_of[who]
        for municipality in foreign:
            slug = f"vreemd_{who}"
            response = client.post(
                url(name, language),
                {"name": "Vreemde buurt", "slug": slug, "municipality": municipality.pk},
            )
            assert response.status_code == 200, who
            assert "municipality" in response.context["form"].errors
            assert not Buurt.objects.filter(schema_name=slug).exists()


def check_municipality_theme(scene, name, language):
    """Staff open their own municipality's look (the logo only once there is one);
    another municipality's answers 404, as if it did not exist."""
    for who, client in scene.users.items():
        for municipality in (scene.north, scene.south):
            response = client.get(url(name, language, slug=municipality.slug))
            own = municipality in scene.municipalities_of[who]
            if name == "portal:theme" and own:
                assert response.status_code == 200, (who, municipality)
                assert municipality.name in response.content.decode()
            else:
                assert response.status_code == 404, (who, municipality, response.status_code)
        assert_logged_in(client, language)


# Every route of the public schema and how it treats portal staff. Logging out is not
# probed: a GET would end the session the other checks rely on.
RULES = {
    "robots_txt": check_public,
    "portal:home": check_public,
    "portal:login": check_public,
    "portal:logout": None,
    "portal:launch": check_launch_wizard,
    "portal:buurt": check_buurt_detail,
    "portal:theme": check_municipality_theme,
    "portal:theme_logo": check_municipality_theme,
    "dashboard:home": check_own_buurten_listed,
    "dashboard:csv": check_own_buurten_listed,
    # The second step of logging in; staff who gave their code are sent on. Its own test:
    # tests/test_second_factor.py.
    "second_factor:verify": None,
    "second_factor:setup": None,
}


def test_every_portal_url_has_a_rule():
    assert set(portal_route_names()) == set(RULES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_portal_staff_act_only_on_their_own_municipalitys_buurten(alpha, beta, gamma, language):
    scene = Scene(alpha, beta, gamma)
    for name, check in RULES.items():
        if check is not None:
            check(scene, name, language)
    for client in scene.users.values():
        assert_logged_in(client, language)


def test_a_launch_for_their_own_municipality_works(alpha, beta, gamma):
    """The positive control of the wizard: the same employee launches for their own."""
    scene = Scene(alpha, beta, gamma)
    response = scene.users["south"].post(
        "/buurten/nieuw/",
        {"name": "Eigen buurt", "slug": "eigen", "municipality": scene.south.pk},
    )
    assert response.status_code == 302 and response["Location"] == "/buurten/eigen/"
    assert Buurt.objects.get(schema_name="eigen").municipality == scene.south
    assert scene.users["south"].get("/buurten/eigen/").status_code == 200
    assert scene.users["north"].get("/buurten/eigen/").status_code == 404


def test_the_municipality_groups_of_old_become_memberships(alpha):
    """The data migration: members of a `gemeente:<slug>` group become the municipality's
    staff and the groups go (one for a municipality that no longer exists too)."""
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.models import Group

    from tenants.portal_access import buurten_for

    migration = import_module("tenants.migrations.0004_staff_from_municipality_groups")
    north = MunicipalityFactory(name="Gemeente Noord", slug="noord")
    alpha.municipality = north
    alpha.save(update_fields=["municipality"])
    employee = UserFactory(username="oud-medewerker", email="oud@gemeente.nl")
    employee.groups.add(Group.objects.create(name="gemeente:noord"))
    UserFactory(username="ex-medewerker").groups.add(Group.objects.create(name="gemeente:weg"))
    assert not buurten_for(employee).exists()
    migration.groups_to_memberships(apps, None)
    assert list(north.staff.all()) == [employee]
    assert list(buurten_for(employee)) == [alpha]
    assert not Group.objects.filter(name__startswith="gemeente:").exists()


def test_deleting_a_buurt_account_leaves_the_portal_user_with_its_id_alone(alpha):
    """Buurt schemas see the portal's tables: a buurt account that happens to have a
    portal employee's id takes nothing of the employee's with it."""
    from django.contrib.auth import get_user_model

    from tenants.portal_access import municipalities_for
    from tests.base import inside

    with inside(alpha):
        neighbour = UserFactory(username="buur@example.nl")
    north = MunicipalityFactory(name="Gemeente Noord", slug="noord")
    employee = UserFactory(id=neighbour.pk, username="medewerker", email="m@gemeente.nl")
    north.staff.add(employee)
    with inside(alpha):
        get_user_model().objects.get(pk=neighbour.pk).delete()
        assert not get_user_model().objects.filter(pk=neighbour.pk).exists()
    assert list(municipalities_for(employee)) == [north]
