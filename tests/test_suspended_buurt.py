"""A suspended buurt goes dark: every public URL answers a plain 503 page in the
visitor's language, its admin is open only to its Buurtbeheerder, its cached pages are
not served; the portal suspends and resumes it for staff of its own municipality."""

import pytest

from kernel.roles import BUURT_ADMIN, RESIDENT
from kernel.shared_cache import generation
from tenants.models import Buurt, BuurtStatusChange, Municipality
from tenants.pagecache import generation_key
from tests.base import at_the_portal, client_for, inside, logged_in, portal_staff
from tests.test_isolation_matrix import build_content, sitemap_paths
from workflows.factories import UserFactory

DUTCH = "Tijdelijk niet beschikbaar"
ARABIC = "غير متاح مؤقتًا"


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def municipalities(alpha, beta):
    own = Municipality.objects.create(name="Eigenstad", slug="eigenstad")
    other = Municipality.objects.create(name="Anderdorp", slug="anderdorp")
    Buurt.objects.filter(pk__in=[alpha.pk, beta.pk]).update(municipality=own)
    return own, other


def set_status(client, buurt, action):
    return client.post(f"/buurten/{buurt.schema_name}/", {"action": action})


def public_urls(buurt, sending):
    with sending(), inside(buurt):
        urls = build_content(buurt)
    return urls + sitemap_paths(client_for(buurt))


def assert_dark(response, path, text=DUTCH):
    assert response.status_code == 503, f"{path}: {response.status_code}"
    assert response["Retry-After"]
    assert "no-store" in response["Cache-Control"]
    assert text in body_of(response).decode(), path


def test_every_url_of_a_suspended_buurt_is_dark_until_it_resumes(
    alpha, beta, municipalities, sending, page_cache_on
):
    own, _other = municipalities
    staff = at_the_portal(portal_staff("ambtenaar", [own]))
    urls = public_urls(beta, sending)
    assert len(urls) >= 20
    visitor = client_for(beta)
    page_cache_on.warm(visitor, "/")  # a page in the cache before the suspension
    page_cache_on.warm(client_for(alpha), "/")
    cached_generation = generation(generation_key(beta.schema_name))

    assert set_status(staff, beta, "suspend").status_code == 302
    # Its cached pages are gone (a new generation), not merely hidden behind the 503.
    assert generation(generation_key(beta.schema_name)) != cached_generation
    for path in urls:
        assert_dark(visitor.get(path), path)
    assert_dark(visitor.get("/ar/"), "/ar/", ARABIC)
    for path in ("/admin/", "/admin/pages/", "/admin/password_reset/"):
        assert_dark(visitor.get(path), path)
    # Another buurt is untouched, its cached page still served.
    other = client_for(alpha).get("/")
    assert other.status_code == 200 and other["X-Page-Cache"] == "hit"

    assert set_status(staff, beta, "resume").status_code == 302
    for path in urls:
        response = visitor.get(path)
        assert response.status_code == 200, f"{path} after resume: {response.status_code}"


def test_only_the_buurtbeheerder_keeps_the_admin_of_a_suspended_buurt(beta, municipalities):
    own, _other = municipalities
    staff = at_the_portal(portal_staff("ambtenaar", [own]))
    with inside(beta):
        UserFactory(username="bewoner@example.nl", roles=[RESIDENT])
    set_status(staff, beta, "suspend")
    # The login page works, so the Buurtbeheerder can log in during the suspension.
    assert client_for(beta).get("/admin/login/").status_code == 200
    admin = logged_in(beta, "beheer@example.nl", BUURT_ADMIN)
    assert admin.get("/admin/").status_code == 200
    assert admin.get("/admin/pages/").status_code == 200
    resident = logged_in(beta, "bewoner@example.nl")
    assert_dark(resident.get("/admin/"), "/admin/ for a resident")
    assert_dark(resident.get("/admin/pages/"), "/admin/pages/ for a resident")
    assert_dark(admin.get("/"), "/ for the Buurtbeheerder")  # the public site stays dark


def test_only_staff_of_the_buurts_municipality_suspend_and_resume(beta, municipalities):
    own, other = municipalities
    staff_user = portal_staff("ambtenaar", [own])
    staff = at_the_portal(staff_user)
    outsider = at_the_portal(portal_staff("buitenstaander", [other]))
    assert set_status(outsider, beta, "suspend").status_code == 404
    assert outsider.get(f"/buurten/{beta.schema_name}/").status_code == 404
    anonymous = client_for("localhost")
    response = set_status(anonymous, beta, "suspend")
    assert response.status_code == 302 and "/inloggen/" in response["Location"]
    assert client_for(beta).get("/").status_code == 200

    page = staff.get(f"/buurten/{beta.schema_name}/").content.decode()
    assert 'value="suspend"' in page and "csrfmiddlewaretoken" in page
    assert set_status(staff, beta, "suspend").status_code == 302
    assert Buurt.objects.get(pk=beta.pk).status == Buurt.Status.SUSPENDED
    change = BuurtStatusChange.objects.get(buurt=beta)
    assert change.status == Buurt.Status.SUSPENDED and change.changed_by_id == staff_user.pk
    assert client_for(beta).get("/").status_code == 503
    page = staff.get(f"/buurten/{beta.schema_name}/").content.decode()
    assert 'value="resume"' in page
    assert set_status(staff, beta, "resume").status_code == 302
    assert Buurt.objects.get(pk=beta.pk).status == Buurt.Status.LIVE
    assert BuurtStatusChange.objects.filter(buurt=beta).count() == 2
    assert client_for(beta).get("/").status_code == 200
