"""Odd query parameters get an ordinary answer, never a server error: digits that are
not ASCII, NUL bytes on their way to PostgreSQL."""

import pytest
from django.utils import timezone

from kernel.params import parse_int
from kernel.roles import BUURT_ADMIN
from tests.base import client_for, logged_in
from tests.test_rsvp import small_activity


@pytest.mark.parametrize(
    ("typed", "parsed"),
    [("3", 3), (" 3", None), ("²", None), ("٣", None), ("３", None), ("-1", None), ("7", None)],
)
def test_parse_int_takes_only_ascii_digits_in_range(typed, parsed):
    assert parse_int(typed, minimum=0, maximum=6) == parsed


def test_agenda_day_filter_with_superscript_or_other_digits(alpha):
    activity = small_activity(alpha, capacity=None)
    weekday = timezone.localtime(activity.start).weekday()
    client = client_for(alpha)
    # Positive control: the right day shows the activity, another day does not.
    assert "Taartjes bakken" in client.get(f"/agenda/?dag={weekday}").content.decode()
    assert "Taartjes bakken" not in client.get(f"/agenda/?dag={(weekday + 1) % 7}").content.decode()
    for odd in ("%C2%B2", "%D9%A3", "%EF%BC%93", "99999999999999999999999", "-1", "%00"):
        response = client.get(f"/agenda/?dag={odd}")
        assert response.status_code == 200, odd
        assert "Taartjes bakken" in response.content.decode(), odd  # no filter applied


def test_nul_in_query_parameters_never_reaches_postgresql(alpha):
    small_activity(alpha, capacity=None)
    editor = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    found = editor.get("/admin/api/main/pages/?search=Taartjes")
    assert found.status_code == 200 and "Taartjes bakken" in found.content.decode()
    for url in (
        "/admin/api/main/pages/?search=Taart%00jes",
        "/admin/api/main/pages/?search=a%00b&type=wagtailcore.Page",
        "/admin/pages/search/?q=a%00b",
        "/admin/snippets/buurtpages/theme/?q=%00",
        "/admin/images/?q=a%00b",
    ):
        response = editor.get(url)
        assert response.status_code == 200, url
    assert (
        "Taartjes bakken"
        in editor.get("/admin/api/main/pages/?search=Taart%00jes").content.decode()
    )
    anonymous = client_for(alpha)
    for url in ("/zoeken/?q=a%00b", "/agenda/?thema=%00", "/zoeken/?pagina=%00"):
        assert anonymous.get(url).status_code == 200, url


def test_a_search_of_hundreds_of_words_is_answered(alpha):
    """Wagtail's database search nests one expression per word: 150 words was a
    RecursionError (500) on the page explorer, the admin search and the admin API."""
    small_activity(alpha, capacity=None)
    editor = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    many_words = "Taartjes " + "ab " * 600
    for path, key in (
        ("/admin/pages/", "q"),
        ("/admin/pages/search/", "q"),
        ("/admin/api/main/pages/", "search"),
        ("/admin/snippets/buurtpages/theme/", "q"),
    ):
        assert editor.get(path, {key: many_words}).status_code == 200, path
    found = editor.get("/admin/api/main/pages/", {"search": "Taartjes"})
    assert "Taartjes bakken" in found.content.decode()  # positive control
    assert client_for(alpha).get("/zoeken/", {"q": many_words}).status_code == 200


def test_an_unknown_search_operator_in_the_admin_api_is_ignored(alpha):
    """Wagtail's admin API passed any `search_operator` on and raised ValueError (500)."""
    small_activity(alpha, capacity=None)
    editor = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    for operator in ("0", "xor", "AND ", ""):
        response = editor.get(
            "/admin/api/main/pages/", {"search": "Taartjes", "search_operator": operator}
        )
        assert response.status_code == 200, operator
        assert "Taartjes bakken" in response.content.decode()
    for operator in ("and", "or"):  # positive control: the real ones still work
        response = editor.get(
            "/admin/api/main/pages/", {"search": "Taartjes bakken", "search_operator": operator}
        )
        assert "Taartjes bakken" in response.content.decode(), operator
