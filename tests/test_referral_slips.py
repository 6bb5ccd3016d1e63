"""Referral slips: a professional prints A6 slips for a client; only counts are kept."""

from datetime import date, datetime

import time_machine
from django.db import connection
from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    InitiativePageFactory,
    PersonPageFactory,
    PlaceFactory,
    publish,
)
from buurtpages.models import (
    InitiativeHelpWanted,
    InitiativeIndexPage,
    PersonIndexPage,
    ReferralCount,
)
from tests.base import client_for, inside, logged_in, refused
from tests.test_printed_agenda import (
    AMSTERDAM,
    activity,
    at,
    page_count,
    pdf_text,
    qr_codes,
    translate,
)

NOW = datetime(2031, 3, 3, 9, 0, tzinfo=AMSTERDAM)  # ISO week 10 of 2031


def buurtverbinder(buurt, name="Fatima Yilmaz"):
    with inside(buurt):
        person = PersonPageFactory(parent=dutch_section(PersonIndexPage), title=name)
        # Put online as the consent step would: the page shows a person.
        Page.objects.filter(pk=person.pk).update(live=True)
        return person


def scene(buurt):
    with time_machine.travel(NOW, tick=False):
        with inside(buurt):
            place = PlaceFactory(name="Buurthuis De Linde", address="Lindelaan 1")
        koffie = activity(buurt, "Koffie-ochtend", "koffie", at(date(2031, 3, 5), 10), place=place)
        taal = activity(
            buurt, "Taalcafé", "taalcafe", at(date(2031, 3, 6), 14), place=place, capacity=12
        )
        with inside(buurt):
            tuin = InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage), title="Groene binnentuin", slug="tuin"
            )
            tuin.help_wanted = [InitiativeHelpWanted(what="Tuinieren op zaterdag")]
            publish(tuin)
    return koffie, taal, tuin, buurtverbinder(buurt)


def database_rows():
    """Every row of every table in the buurt's schema, as text."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
            [connection.schema_name],
        )
        tables = [name for (name,) in cursor.fetchall()]
        dump = []
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')
            dump += [repr(row) for row in cursor.fetchall()]
    return "\n".join(dump)


def test_professional_prints_slips_in_the_client_s_language(beta):
    koffie, taal, tuin, connector = scene(beta)
    with time_machine.travel(NOW, tick=False):
        translate(beta, koffie, "ar", "صباح القهوة")
        professional = logged_in(beta, "pro@example.nl", role="professional")
        form = professional.get("/admin/verwijskaartjes/")
        assert form.status_code == 200
        response = professional.post(
            "/admin/verwijskaartjes/",
            {
                "pages": [koffie.pk, taal.pk, tuin.pk],
                "language": "ar",
                "buurtverbinder": connector.pk,
                # A client's details typed anyway go nowhere: the form has no such field.
                "client_name": "Cliënt Geheimnaam",
            },
        )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # Slips side by side: read each as a column; lines wrap inside a slip.
    text = " ".join(pdf_text(response.content, layout=False).split())
    assert "صباح القهوة" in text  # the live translation
    assert "Taalcafé" in text and "Groene binnentuin" in text  # Dutch, marked
    assert "بالهولندية" in text
    assert "Fatima Yilmaz" in text
    assert "Tuinieren op zaterdag" in text
    assert page_count(response.content) == 1  # three A6 slips on one A4 sheet
    assert sorted(qr_codes(response.content)) == [
        "http://beta.localhost/agenda/taalcafe/",
        "http://beta.localhost/ar/agenda/koffie/",
        "http://beta.localhost/initiatieven/tuin/",
    ]
    with inside(beta):
        counts = sorted(
            ReferralCount.objects.values_list(
                "page_id", "language", "iso_year", "iso_week", "slips"
            )
        )
        assert counts == sorted((page.pk, "ar", 2031, 10, 1) for page in (koffie, taal, tuin))
        assert "Geheimnaam" not in database_rows()
    listing = professional.get("/admin/verwijskaartjes/").content.decode()
    assert "2031-W10" in listing


def test_a_page_of_another_buurt_cannot_get_into_a_slip(alpha, beta):
    koffie, _taal, _tuin, connector = scene(beta)
    with time_machine.travel(NOW, tick=False):
        foreign = activity(alpha, "Alfa-avond", "alfa", at(date(2031, 3, 7), 20))
        with inside(beta):
            assert not Page.objects.filter(pk=foreign.pk).exists()
        professional = logged_in(beta, "pro@example.nl", role="professional")
        response = professional.post(
            "/admin/verwijskaartjes/",
            {"pages": [foreign.pk], "language": "nl", "buurtverbinder": connector.pk},
        )
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert "errorlist" in response.content.decode() or "error" in response.content.decode()
        # Positive control: the same professional prints a slip of beta's own page.
        ok = professional.post(
            "/admin/verwijskaartjes/",
            {"pages": [koffie.pk], "language": "nl", "buurtverbinder": connector.pk},
        )
    assert ok["Content-Type"] == "application/pdf"
    assert "Alfa-avond" not in pdf_text(ok.content)
    with inside(beta):
        assert list(ReferralCount.objects.values_list("page_id", flat=True)) == [koffie.pk]


def test_residents_cannot_make_slips_and_other_hosts_do_not_serve_them(alpha, beta):
    scene(beta)
    resident = logged_in(beta, "bewoner@example.nl", role="resident")
    assert refused(resident.get("/admin/verwijskaartjes/"))
    professional = logged_in(beta, "pro@example.nl", role="professional")
    assert professional.get("/admin/verwijskaartjes/").status_code == 200
    # The beta session means nothing on alpha's host.
    other_host = client_for(alpha)
    other_host.cookies = professional.cookies
    assert other_host.get("/admin/verwijskaartjes/").status_code == 302


def test_the_municipality_dashboard_shows_referrals_as_a_number(alpha, beta):
    from tests.test_trainings_portal import municipalities, portal_client

    _north, south = municipalities(alpha, beta)
    portal = portal_client("zuid-medewerker", south)
    koffie, _taal, _tuin, connector = scene(beta)
    with time_machine.travel(NOW, tick=False):
        professional = logged_in(beta, "pro@example.nl", role="professional")
        for language in ("nl", "ar"):
            slips = professional.post(
                "/admin/verwijskaartjes/",
                {"pages": [koffie.pk], "language": language, "buurtverbinder": connector.pk},
            )
            assert slips["Content-Type"] == "application/pdf"
    page = portal.get("/dashboard/")
    assert page.status_code == 200
    [(buurt, numbers, _cells)] = page.context["rows"]
    assert buurt.schema_name == "beta" and numbers.referrals == 2
    html = page.content.decode()
    assert "Doorverwijzingen" in html and "Koffie-ochtend" not in html


def test_printing_slips_keeps_the_cached_pages_and_agendas(beta):
    from kernel.shared_cache import content_generation

    koffie, _taal, _tuin, connector = scene(beta)
    with time_machine.travel(NOW, tick=False):
        professional = logged_in(beta, "pro@example.nl", role="professional")
        before = content_generation("beta")
        slips = professional.post(
            "/admin/verwijskaartjes/",
            {"pages": [koffie.pk], "language": "nl", "buurtverbinder": connector.pk},
        )
        assert slips["Content-Type"] == "application/pdf"
        assert content_generation("beta") == before
        # Positive control: a change to an activity does retire them.
        with inside(beta):
            publish(koffie)
        assert content_generation("beta") != before
