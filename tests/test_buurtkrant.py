"""The buurtkrant: a buurtverbinder makes an edition, a Buurtbeheerder publishes it as a
document of the buurt, and the public archive lists it. The PDFs are read back as text,
pages and QR codes."""

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry, Page

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    InitiativePageFactory,
    PersonPageFactory,
    PlaceFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import (
    BuurtkrantEdition,
    InitiativeHelpWanted,
    InitiativeIndexPage,
    LegalInformation,
    PersonIndexPage,
    StoryIndexPage,
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

# Any date works; the clock is fixed so the months one may choose are stable.
NOW = datetime(2031, 3, 3, 9, 0, tzinfo=AMSTERDAM)
MONTH = "2031-03"
EDITORIAL = "Lente in de buurt: kom naar de tuin en neem je buren mee."


@pytest.fixture(autouse=True)
def fixed_clock():
    """The whole test on one day: logins, content and the months one may choose."""
    with time_machine.travel(NOW, tick=False):
        yield


def story(buurt, title, slug, intro, days_ago):
    with time_machine.travel(NOW - timedelta(days=days_ago), tick=False), inside(buurt):
        page = StoryPageFactory(
            parent=dutch_section(StoryIndexPage), title=title, slug=slug, intro=intro
        )
        return publish(page)


def buurtverbinder(buurt, name, place, times):
    with inside(buurt):
        person = PersonPageFactory(
            parent=dutch_section(PersonIndexPage),
            title=name,
            meeting_place=place,
            meeting_times=times,
        )
        # Put online as the consent step would: the page shows a person.
        Page.objects.filter(pk=person.pk).update(live=True)
        return person


def scene(buurt, stories=3):
    """Stories, an activity, an initiative with an open ask, a buurtverbinder with a
    meeting moment and the buurt's phone number."""
    with time_machine.travel(NOW, tick=False):
        with inside(buurt):
            place = PlaceFactory(name="Buurthuis De Linde", address="Lindelaan 1")
            LegalInformation.objects.update_or_create(defaults={"contact_phone": "+31201234567"})
        activity(buurt, "Koffie-ochtend", "koffie", at(date(2031, 3, 5), 10), place=place)
        with inside(buurt):
            tuin = InitiativePageFactory(
                parent=dutch_section(InitiativeIndexPage), title="Groene binnentuin", slug="tuin"
            )
            tuin.help_wanted = [InitiativeHelpWanted(what="Tuinieren op zaterdag")]
            publish(tuin)
    written = [
        story(buurt, f"Verhaal nummer {n}", f"verhaal-{n}", f"Inleiding van verhaal {n}.", n)
        for n in range(1, stories + 1)
    ]
    person = buurtverbinder(buurt, "Fatima Yilmaz", place, "Elke dinsdag 10:00-12:00")
    return written, tuin, person


def form(stories, language="nl", month=MONTH, editorial=EDITORIAL, action="save"):
    return {
        "month": month,
        "language": language,
        "stories": [s.pk for s in stories],
        "editorial": editorial,
        "action": action,
    }


def preview(client, stories, **choices):
    with time_machine.travel(NOW, tick=False):
        response = client.post(
            "/admin/buurtkrant/nieuw/", form(stories, action="preview", **choices)
        )
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    if os.environ.get("PRINT_DUMP"):  # to look at it
        name = f"buurtkrant-{choices.get('language', 'nl')}-{len(stories)}.pdf"
        Path(os.environ["PRINT_DUMP"], name).write_bytes(response.content)
    return response.content


def test_krant_has_two_pages_with_the_chosen_stories_editorial_asks_and_buurtverbinder(alpha):
    written, _tuin, _person = scene(alpha)
    connector = logged_in(alpha, "verbinder@example.nl", role="connector")
    chosen, left_out = written[:2], written[2]
    content = preview(connector, chosen)
    assert page_count(content) == 2
    text = pdf_text(content, layout=False)
    for chosen_story in chosen:
        assert chosen_story.title in text
        assert chosen_story.intro in text
    assert left_out.title not in text
    assert "Lente in de buurt" in " ".join(text.split())  # the editorial
    assert "Koffie-ochtend" in text  # the month's agenda
    assert "Groene binnentuin" in text and "Tuinieren op zaterdag" in text
    assert "Fatima Yilmaz" in text and "Elke dinsdag 10:00-12:00" in text
    assert "Buurthuis De Linde" in text
    assert "+31201234567" in text or "020 123 4567" in text
    assert qr_codes(content) == ["http://alpha.localhost/initiatieven/tuin/"]


def test_a_full_month_still_fits_on_two_pages(alpha):
    long_intro = "Een lang verhaal over de buurt met veel woorden. " * 12
    written = [story(alpha, f"Lang verhaal {n}", f"lang-{n}", long_intro, n) for n in range(1, 6)]
    with time_machine.travel(NOW, tick=False):
        for number in range(30):
            activity(alpha, f"Activiteit {number}", f"act-{number}", at(date(2031, 3, 10), 9))
    connector = logged_in(alpha, "verbinder@example.nl", role="connector")
    content = preview(connector, written[:4], editorial="Woord. " * 85)
    assert page_count(content) == 2
    # More than four stories is refused with a message in the form.
    with time_machine.travel(NOW, tick=False):
        refusal = connector.post("/admin/buurtkrant/nieuw/", form(written))
    assert refusal.status_code == 200
    assert "Kies hoogstens 4 verhalen." in refusal.content.decode()


def test_arabic_krant_reads_in_logical_order_with_dutch_marked(beta):
    written, tuin, _person = scene(beta, stories=2)
    with time_machine.travel(NOW, tick=False):
        translate(beta, tuin, "ar", "حديقة خضراء في الحي")
    connector = logged_in(beta, "verbinder@example.nl", role="connector")
    content = preview(connector, written, language="ar", editorial="مرحبا بكم في جريدة الحي")
    assert page_count(content) == 2
    text = pdf_text(content, layout=False)
    assert "حديقة خضراء في الحي" in text  # shaped text extracts in logical order
    assert "مرحبا بكم في جريدة الحي" in text
    assert "Groene binnentuin" not in text  # the live translation replaces the Dutch one
    assert "Verhaal nummer 1" in text  # a story without translation prints in Dutch...
    assert "بالهولندية" in text  # ...marked as Dutch in the reader's language
    assert qr_codes(content) == ["http://beta.localhost/ar/initiatieven/tuin/"]


def test_connector_saves_a_draft_and_only_the_buurt_admin_publishes_it(alpha, beta):
    written, _tuin, _person = scene(alpha)
    connector = logged_in(alpha, "verbinder@example.nl", role="connector")
    with time_machine.travel(NOW, tick=False):
        saved = connector.post("/admin/buurtkrant/nieuw/", form(written[:1]))
    assert saved.status_code == 302
    with inside(alpha):
        edition = BuurtkrantEdition.objects.get()
        assert edition.created_by.username == "verbinder@example.nl"
        assert edition.status == BuurtkrantEdition.Status.DRAFT
        documents_before = get_document_model().objects.count()
    with inside(beta):
        beta_documents = get_document_model().objects.count()
    publish_url = f"/admin/buurtkrant/{edition.pk}/publiceren/"
    # The connector may make and preview an edition, but not publish it.
    assert connector.get("/admin/buurtkrant/").status_code == 200
    with time_machine.travel(NOW, tick=False):
        assert connector.get(f"/admin/buurtkrant/{edition.pk}/voorbeeld/").status_code == 200
        assert refused(connector.post(publish_url))
    assert client_for(alpha).get("/buurtkrant/").content.decode().count(".pdf") == 0

    admin = logged_in(alpha, "beheer@example.nl", role="buurt_admin")
    with time_machine.travel(NOW, tick=False):
        assert admin.post(publish_url).status_code == 302
    with inside(alpha):
        edition.refresh_from_db()
        assert edition.status == BuurtkrantEdition.Status.PUBLISHED
        assert edition.published_by.username == "beheer@example.nl"
        assert get_document_model().objects.count() == documents_before + 1
        document = edition.document
        assert default_storage.path(document.file.name).find("/tenants/alpha/") != -1
        entry = ModelLogEntry.objects.get(action="buurtpages.publish_buurtkrant")
        assert entry.user_id == edition.published_by_id
        url = document.url
    with inside(beta):
        assert get_document_model().objects.count() == beta_documents

    archive = client_for(alpha).get("/buurtkrant/")
    assert archive.status_code == 200
    html = archive.content.decode()
    assert f'href="{url}"' in html and "maart 2031, in het Nederlands (pdf)" in html
    download = client_for(alpha).get(url)
    assert download.status_code == 200
    body = b"".join(download.streaming_content)
    assert "Verhaal nummer 1" in pdf_text(body, layout=False)
    # Another buurt's host neither lists nor serves it.
    assert url not in client_for(beta).get("/buurtkrant/").content.decode()
    assert client_for(beta).get(url).status_code == 404


def test_bad_choices_give_a_form_error_or_404_never_500(alpha, beta):
    written, _tuin, _person = scene(alpha, stories=1)
    beta_story = story(beta, "Betaverhaal", "beta", "Uit Beta.", 1)
    connector = logged_in(alpha, "verbinder@example.nl", role="connector")
    with time_machine.travel(NOW, tick=False):
        for bad in (
            form(written, month="2031-13"),
            form(written, month="1999-01"),
            form(written, month="maart"),
            form(written, language="ar"),  # alpha offers nl and en
            form([beta_story]),  # the id of another buurt's story
            form(written, editorial="x" * 601),
        ):
            response = connector.post("/admin/buurtkrant/nieuw/", bad)
            assert response.status_code == 200, bad
            assert response.context["form"].errors, bad
        assert connector.get("/admin/buurtkrant/999999/").status_code == 404
        assert connector.get("/admin/buurtkrant/999999/voorbeeld/").status_code == 404
        # Positive control: the buurt's own second language is accepted.
        assert (
            connector.post("/admin/buurtkrant/nieuw/", form(written, language="en")).status_code
            == 302
        )
    with inside(alpha):
        assert BuurtkrantEdition.objects.count() == 1


def test_archive_is_linked_from_the_agenda_page_and_the_footer(alpha):
    with time_machine.travel(NOW, tick=False):
        agenda = client_for(alpha).get("/agenda/").content.decode()
        home = client_for(alpha).get("/").content.decode()
        empty = client_for(alpha).get("/buurtkrant/")
    assert agenda.count('href="/buurtkrant/"') == 2  # in the print links and the footer
    assert 'href="/buurtkrant/"' in home
    assert empty.status_code == 200
    assert "Er is nog geen buurtkrant" in empty.content.decode()
