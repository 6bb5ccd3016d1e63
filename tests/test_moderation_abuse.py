"""Reports by visitors cannot be used to take pages down at will: they count networks,
not addresses; section pages and the home page are never taken offline by reports; and
after a buurtverbinder puts a page back, reports need twice the count for a while."""

from datetime import UTC, datetime, timedelta

import time_machine
from django.core import mail
from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.models import BuurtHomePage, StoryIndexPage
from kernel.roles import CONNECTOR
from tests.base import client_for, inside, logged_in
from tests.test_moderation import live_story, report_from
from workflows import reports
from workflows.factories import UserFactory
from workflows.models import ModerationCase


def networks(first, count):
    """One IPv4 address in each of `count` different /24 networks."""
    return [f"10.{first + n}.7.1" for n in range(count)]


def reports_from(buurt, page, addresses):
    for address in addresses:
        assert report_from(buurt, page, address).status_code == 302


def is_live(buurt, page):
    with inside(buurt):
        return Page.objects.get(pk=page.pk).live


def test_three_addresses_in_one_ipv4_network_count_once(alpha, cache_mode):
    story = live_story(alpha)
    cache_mode.warm(client_for(alpha), "/verhalen/rommelmarkt/")
    reports_from(alpha, story, ["203.0.113.1", "203.0.113.77", "203.0.113.254"])
    assert is_live(alpha, story)
    assert client_for(alpha).get("/verhalen/rommelmarkt/").status_code == 200
    reports_from(alpha, story, networks(1, 2))  # with two other networks: three reporters
    assert not is_live(alpha, story)
    assert client_for(alpha).get("/verhalen/rommelmarkt/").status_code == 404


def test_three_addresses_in_one_ipv6_network_count_once(alpha):
    story = live_story(alpha)
    one_64 = ["2001:db8:1:2::1", "2001:db8:1:2::ffff", "2001:db8:1:2:abcd:ef01:2345:6789"]
    reports_from(alpha, story, one_64)
    assert is_live(alpha, story)
    reports_from(alpha, story, ["2001:db8:1:3::1", "2001:db8:7::1"])
    assert not is_live(alpha, story)


def test_an_ipv4_address_written_as_ipv6_is_the_same_network(alpha):
    story = live_story(alpha)
    reports_from(alpha, story, ["192.0.2.10", "::ffff:192.0.2.11", "192.0.2.12"])
    assert is_live(alpha, story)


def test_the_stored_reporter_is_a_keyed_hash_of_the_network_not_the_address(alpha):
    story = live_story(alpha)
    reports_from(alpha, story, ["198.51.100.23"])
    with inside(alpha):
        stored = reports.ContentReport.objects.get(page_id=story.pk).reporter
    assert "198.51.100" not in stored and len(stored) == 64
    assert stored == reports.reporter_key("198.51.100.200")  # same /24, same reporter
    assert stored != reports.reporter_key("198.51.101.23")


def test_a_section_page_is_never_taken_offline_but_buurtverbinders_hear_of_it(
    alpha, sending, cache_mode
):
    cache_mode.warm(client_for(alpha), "/verhalen/")
    with inside(alpha):
        UserFactory(username="vera@example.nl", email="vera@example.nl", roles=[CONNECTOR])
        section = dutch_section(StoryIndexPage)
    mail.outbox.clear()
    with sending():
        reports_from(alpha, section, networks(1, 5))
    assert is_live(alpha, section)
    response = client_for(alpha).get("/verhalen/")
    assert response.status_code == 200 and section.title in response.content.decode()
    to_vera = [m for m in mail.outbox if m.to == ["vera@example.nl"]]
    assert len(to_vera) == 1  # told once, at the threshold
    assert section.title in to_vera[0].subject
    assert f"http://alpha.localhost/admin/pages/{section.pk}/" in to_vera[0].body
    with inside(alpha):
        assert not ModerationCase.objects.filter(page_id=section.pk).exists()


def test_the_home_page_is_never_taken_offline_by_reports(alpha):
    with inside(alpha):
        home = BuurtHomePage.objects.get(locale__language_code="nl")
        for address in networks(1, 5):
            reports.file_report(home, "spam", "", reports.reporter_key(address))
        assert Page.objects.get(pk=home.pk).live
    assert report_from(alpha, home, "10.9.9.9").status_code == 404  # no report form either
    assert client_for(alpha).get("/").status_code == 200


def restore(buurt, page):
    with inside(buurt):
        case = ModerationCase.objects.get(page_id=page.pk, status=ModerationCase.Status.OFFLINE)
    verbinder = logged_in(buurt, "vera@example.nl")
    response = verbinder.post(f"/admin/gemeld/{case.pk}/", {"decision": "restore", "note": "Ok"})
    assert response.status_code == 302
    assert is_live(buurt, page)


def test_after_a_restore_reports_need_twice_the_count_for_thirty_days(alpha):
    with inside(alpha):
        UserFactory(username="vera@example.nl", email="vera@example.nl", roles=[CONNECTOR])
    story = live_story(alpha)
    start = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        reports_from(alpha, story, networks(1, 3))
        assert not is_live(alpha, story)
        restore(alpha, story)
    with time_machine.travel(start + timedelta(days=10), tick=False):
        reports_from(alpha, story, networks(11, 3))
        assert is_live(alpha, story), "three reports took a just-restored page down again"
        reports_from(alpha, story, networks(14, 3))  # six different networks: down
        assert not is_live(alpha, story)
        restore(alpha, story)
    with time_machine.travel(start + timedelta(days=41), tick=False):
        reports_from(alpha, story, networks(21, 3))  # the cool-down of the last restore is over
        assert not is_live(alpha, story)
