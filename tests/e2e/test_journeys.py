"""The platform as people use it, in a real Chromium: six journeys of residents,
professionals, buurtverbinders, trainees and a municipality employee."""

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from icalendar import Calendar
from PIL import Image
from pypdf import PdfReader

from tests.e2e.conftest import (
    DEMO_SLUG,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    buurt_url,
    forget_portal_user,
    give_second_factor,
    link_in,
    log_in,
    mails_to,
    portal_staff_user,
)

pytestmark = pytest.mark.django_db
expect = pytest.importorskip("playwright.sync_api").expect

RESIDENT = f"bewoner@{DEMO_SLUG}.example.nl"
BUURTVERBINDER = f"verbinder@{DEMO_SLUG}.example.nl"
PROFESSIONAL = f"professional@{DEMO_SLUG}.example.nl"
BEHEERDER = f"beheerder@{DEMO_SLUG}.example.nl"
# "… aangemaakt en ingediend voor controle", or "… is ter goedkeuring ingediend" when
# the editor's autosave created the draft before the button was pressed.
SUBMITTED = re.compile("aangemaakt en ingediend voor controle|is ter goedkeuring ingediend")


@pytest.fixture(scope="module")
def portal_employee(live_server_url, django_db_blocker):
    """An employee of the e2e municipality; removed with the buurt they launch."""
    from tenants.launch import drop_buurt

    with django_db_blocker.unblock():
        drop_buurt("delta")
        yield portal_staff_user("browser-medewerker", "browser@gemeente.nl")
        forget_portal_user("browser-medewerker")
        drop_buurt("delta")


def test_1_municipality_launches_a_buurt_in_two_languages_and_visits_it(
    live_server_url, portal_employee, page
):
    page.goto(live_server_url + "/")
    page.get_by_role("link", name="Inloggen voor medewerkers van de gemeente").click()
    page.get_by_label("Gebruikersnaam").fill("browser-medewerker")
    page.get_by_label("Wachtwoord").fill("buurt-demo")
    page.get_by_role("button", name="Inloggen").click()
    give_second_factor(page, "browser-medewerker")
    page.get_by_role("link", name="Buurt starten").click()
    assert_accessible(page)

    # A reserved slug first: a clear error, and what was typed is kept.
    page.get_by_label("Naam van de buurt").fill("Deltawijk")
    page.get_by_label("Korte naam (voor het webadres)").fill("public")
    page.get_by_label("العربية (Arabic)").check()
    page.get_by_role("button", name="Start de buurtwebsite").click()
    expect(page.get_by_text("is gereserveerd door het platform")).to_be_visible()
    expect(page.get_by_label("Naam van de buurt")).to_have_value("Deltawijk")
    expect(page.get_by_label("العربية (Arabic)")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Korte naam (voor het webadres)").fill("delta")
    page.get_by_role("button", name="Start de buurtwebsite").click()
    expect(page.get_by_text("Deltawijk staat online op")).to_be_visible()
    page.get_by_role("link", name=buurt_url(live_server_url, "delta") + "/").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Deltawijk")
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    # The second language: the same site right-to-left, in Arabic around the Dutch text.
    page.goto(buurt_url(live_server_url, "delta") + "/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deltawijk")


def wait_until_the_title_fills_the_slug(page):
    """Wagtail copies the title into the slug once its Stimulus controllers are connected;
    on a busy machine the title was once typed and left before that, leaving the slug
    empty."""
    page.wait_for_function(
        """() => {
            const app = window.wagtail && window.wagtail.app;
            const title = document.querySelector("#id_title");
            const slug = document.querySelector("#id_slug");
            return Boolean(app && title && slug
                && app.getControllerForElementAndIdentifier(title, "w-sync")
                && app.getControllerForElementAndIdentifier(slug, "w-slug"));
        }"""
    )


def test_2_resident_writes_a_recurring_activity_with_a_photo_and_it_goes_live(
    live_server_url, new_context, orm, tmp_path
):
    base = buurt_url(live_server_url)
    photo = tmp_path / "breicafe.jpg"
    Image.new("RGB", (800, 600), (200, 120, 40)).save(photo)
    start = (timezone.localtime() + timedelta(days=2)).replace(hour=14, minute=0)
    resident = new_context()
    screens = ScreenCounter(resident)

    # 1 the login screen
    log_in(resident, base, RESIDENT)
    # 2 the dashboard, with "write something new"
    resident.get_by_role("link", name="Nieuwe activiteit").click()
    # 3 the form, filled in on one screen
    wait_until_the_title_fills_the_slug(resident)
    screens.fill("#id_title", "Breicafé op woensdag")
    resident.locator("#id_title").blur()
    expect(resident.locator("#id_slug")).to_have_value("breicafé-op-woensdag")
    screens.fill("#id_intro", "Samen breien en koffie drinken. Iedereen is welkom.")
    screens.fill("#id_start", start.strftime("%Y-%m-%d %H:%M"))
    screens.fill("#id_end", (start + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M"))
    screens.select("#id_frequency", "Elke week")
    # The activity's own photo (the chooser of its photo field), with its alt text.
    resident.get_by_role("button", name="Kies een afbeelding").click()
    # 4 the image chooser: upload the photo
    resident.get_by_role("tab", name="Uploaden").click()
    screens.upload("#id_image-chooser-upload-file", photo)
    screens.fill("#id_image-chooser-upload-title", "Breicafé")
    resident.locator(".modal").get_by_role("button", name="Uploaden").click()
    expect(resident.locator(".modal")).to_have_count(0)
    screens.fill("#id_photo_alt", "Bolletjes wol en een kop koffie")
    resident.locator("button[name=action-submit]").click()
    # 5 submitted
    expect(resident.get_by_text(SUBMITTED).first).to_be_visible()
    resident.wait_for_load_state("load")
    assert screens.count == 5, screens.visited
    assert screens.fields == 8
    record_measurement(screens)

    # A buurtverbinder approves it from the dashboard.
    verbinder = new_context()
    log_in(verbinder, base, BUURTVERBINDER)
    row = verbinder.get_by_role("row").filter(has_text="Breicafé op woensdag")
    row.get_by_role("button", name="Acties").click()
    row.get_by_role("button", name="Goedkeuren", exact=True).click()
    expect(verbinder.get_by_role("row").filter(has_text="Breicafé op woensdag")).to_have_count(0)
    with orm(DEMO_SLUG):
        from buurtpages.models import ActivityPage

        activity = ActivityPage.objects.get(title="Breicafé op woensdag")
        assert activity.live and activity.frequency == "weekly"

    # Live, with its photo, in the agenda (every week), as an iCal file and a poster.
    visitor = new_context()
    visitor.goto(base + "/agenda/")
    expect(visitor.get_by_role("link", name="Breicafé op woensdag")).to_have_count(8)
    visitor.get_by_role("link", name="Breicafé op woensdag").first.click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Breicafé op woensdag")
    expect(visitor.get_by_role("img", name="Bolletjes wol en een kop koffie")).to_be_visible()
    expect(visitor.locator(".facts")).to_contain_text(re.compile(r"Elke \w+dag"))
    with visitor.expect_download() as download:
        visitor.get_by_role("link", name="Zet in je agenda").click()
    [event] = Calendar.from_ical(download.value.path().read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Breicafé op woensdag"
    assert "FREQ=WEEKLY" in event["RRULE"].to_ical().decode()
    visitor.get_by_role("link", name="Poster afdrukken").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Breicafé op woensdag")
    pages = PdfReader(io.BytesIO(visitor.pdf(format="A4", print_background=True))).pages
    assert len(pages) == 1
    assert "Breicafé op woensdag" in " ".join(pages[0].extract_text().split())


class ScreenCounter:
    """Counts the screens (page loads and dialogs) and form fields a person goes through."""

    def __init__(self, page):
        self.page, self.visited, self.fields = page, [], 0
        page.on("load", lambda p: self.visited.append(p.url))
        page.on("dialog", lambda d: self.visited.append("dialog"))
        self.modals = 0

    @property
    def count(self):
        # The image chooser opens as a modal dialog inside the editor: a screen of its own.
        return len(self.visited) + self.modals

    def fill(self, selector, value):
        self.fields += 1
        self.page.locator(selector).press_sequentially(value)

    def select(self, selector, label):
        self.fields += 1
        self.page.locator(selector).select_option(label=label)

    def upload(self, selector, path):
        self.fields += 1
        self.modals += 1
        self.page.locator(selector).set_input_files(path)


def record_measurement(screens):
    print(
        f"\nresident journey: {screens.count} screens, {screens.fields} fields: {screens.visited}"
    )


def test_3_professional_asks_for_a_change_and_the_resident_resubmits(
    live_server_url, new_context, orm
):
    base = buurt_url(live_server_url)
    resident = new_context()
    log_in(resident, base, RESIDENT)
    resident.get_by_role("link", name="Nieuw initiatief").click()
    # Typed like a person does: the editor derives the page's address from the keystrokes.
    resident.locator("#id_title").press_sequentially("Speeltuin opknappen")
    resident.locator("#id_title").blur()
    expect(resident.locator("#id_slug")).to_have_value("speeltuin-opknappen")
    resident.locator("#id_goal").fill("Samen de speeltuin verven en nieuwe zandbak maken.")
    resident.locator("button[name=action-submit]").click()
    expect(resident.get_by_text(SUBMITTED).first).to_be_visible()

    # The professional's e-mail links to the page on this buurt's own domain.
    [message] = mails_to(PROFESSIONAL)
    link = link_in(message, r"http://\S+/admin/pages/workflow/preview/\d+/\d+/")
    assert link.startswith(base + "/")
    professional = new_context()
    professional.goto(link)
    professional.locator("#id_username").fill(PROFESSIONAL)
    professional.locator("#id_password").fill("buurt-demo")
    professional.get_by_role("button", name="Inloggen").click()
    give_second_factor(professional, PROFESSIONAL)
    expect(professional.get_by_role("heading", level=1)).to_have_text("Speeltuin opknappen")

    # Changes asked for with a reason, from the dashboard.
    professional.goto(link_in(message, r"http://\S+/admin/$"))
    row = professional.get_by_role("row").filter(has_text="Speeltuin opknappen")
    row.get_by_role("button", name="Acties").click()
    row.get_by_role("button", name="Wijzigingen vragen").click()
    dialog = professional.get_by_role("dialog")
    dialog.get_by_label("Reden").fill("Vraag eerst de gemeente of het mag.")
    dialog.get_by_role("button", name="Wijzigingen vragen").click()
    expect(professional.get_by_role("dialog")).to_have_count(0)

    # The resident sees it waiting, with the reason, changes the page and resubmits.
    resident.goto(base + "/admin/")
    waiting = resident.locator(".waiting-for-you")
    expect(waiting).to_contain_text("Vraag eerst de gemeente of het mag.")
    waiting.get_by_role("link", name="Speeltuin opknappen").click()
    resident.locator("#id_goal").fill("Samen de speeltuin verven, met toestemming van de gemeente.")
    resident.locator("button[name=action-submit]").click()
    expect(resident.get_by_text(SUBMITTED).first).to_be_visible()
    with orm(DEMO_SLUG):
        from buurtpages.models import InitiativePage

        initiative = InitiativePage.objects.get(title="Speeltuin opknappen")
        assert initiative.workflow_in_progress
        assert "toestemming" in initiative.get_latest_revision_as_object().goal


@pytest.fixture(scope="module")
def full_activity(live_server_url, django_db_blocker, demo_buurt):
    """An activity with room for one, already taken."""
    from buurtpages import rsvp
    from buurtpages.blueprint import dutch_section
    from buurtpages.factories import ActivityPageFactory, publish
    from buurtpages.models import ActivityIndexPage

    with django_db_blocker.unblock(), demo_buurt:
        start = (timezone.localtime() + timedelta(days=3)).replace(hour=19, minute=0)
        activity = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage),
            title="Kookles voor één",
            slug="kookles",
            start=start,
            end=start + timedelta(hours=2),
            capacity=1,
        )
        publish(activity)
        rsvp.register(activity, activity.next_occurrence().start, name="Els", email="els@x.nl")
    connection.set_schema_to_public()
    return activity


def test_4_phone_visitor_lands_on_the_waitlist_and_cancels_by_the_mail_link(
    live_server_url, full_activity, new_context, orm
):
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(buurt_url(live_server_url) + "/agenda/kookles/")
    assert_no_horizontal_scroll(phone)
    phone.get_by_label("Je naam").fill("Samira")
    phone.get_by_label("Je e-mailadres").fill("samira@example.nl")
    phone.get_by_role("button", name="Aanmelden").click()
    expect(phone.get_by_role("status")).to_contain_text("wachtlijst")
    assert_no_horizontal_scroll(phone)

    [message] = mails_to("samira@example.nl")
    cancel_link = link_in(message, r"http://\S+/aanmelding/\S+/")
    # Page links carry the Site's own port (80 here), not the test server's.
    assert cancel_link.startswith(f"http://{DEMO_SLUG}.localhost/agenda/kookles/aanmelding/")
    cancel_link = cancel_link.replace(
        f"{DEMO_SLUG}.localhost/", f"{DEMO_SLUG}.localhost:{live_server_url.rsplit(':', 1)[1]}/"
    )
    # The link is this buurt's: on another buurt's host it finds nothing.
    other = phone.goto(cancel_link.replace(f"{DEMO_SLUG}.localhost", "alpha.localhost"))
    assert other.status == 404
    phone.goto(cancel_link)
    phone.get_by_role("button", name="Meld mij af").click()
    expect(phone.get_by_role("status")).to_contain_text("geannuleerd")
    assert_no_horizontal_scroll(phone)
    with orm(DEMO_SLUG):
        from buurtpages.models import Registration

        assert Registration.objects.get(email="samira@example.nl").status == "cancelled"


def test_5_signal_in_arabic_on_the_rtl_site_is_triaged_by_a_buurtverbinder(
    live_server_url, new_context, orm
):
    base = buurt_url(live_server_url)
    visitor = new_context(locale="ar")
    visitor.goto(base + "/ar/signaal/")
    expect(visitor.locator("html")).to_have_attribute("dir", "rtl")
    expect(visitor.locator("html")).to_have_attribute("lang", "ar")
    assert_accessible(visitor)
    visitor.locator("input[name=category][value=loneliness]").check()
    visitor.locator("#id_description").fill("جارتي المسنة لا تخرج من بيتها منذ أسابيع.")
    visitor.locator("#id_location").fill("Rozenstraat")
    visitor.locator("form.form button[type=submit]").click()
    expect(visitor.get_by_role("heading", level=1)).to_be_visible()
    expect(visitor).to_have_url(re.compile(r"/ar/signaal/bedankt/$"))

    verbinder = new_context()
    log_in(verbinder, base, BUURTVERBINDER)
    verbinder.get_by_role("link", name="Signalen").first.click()
    verbinder.get_by_role("link", name=re.compile("جارتي المسنة")).click()
    verbinder.locator("#id_status").select_option(label="Doorverwezen naar een professional")
    verbinder.locator("#id_triage_note").fill("Doorgegeven aan de wijkverpleging.")
    verbinder.get_by_role("button", name="Opslaan").click()
    expect(verbinder.get_by_text("bijgewerkt").first).to_be_visible()
    with orm(DEMO_SLUG):
        from buurtpages.models import Signal

        signal = Signal.objects.get(location="Rozenstraat")
        assert (signal.language, signal.status) == ("ar", "referred")


@pytest.fixture(scope="module")
def poll(live_server_url, django_db_blocker, demo_buurt):
    """A cohort choosing its days: everyone answered except Noor; five candidate dates."""
    from trainings.availability import record_answers
    from trainings.factories import CohortMemberFactory, confirmed_cohort
    from trainings.models import CandidateDate, ParticipantKind

    with django_db_blocker.unblock(), demo_buurt:
        cohort = confirmed_cohort(residents=5, professionals=1, name="Groep Lente")
        noor = CohortMemberFactory(cohort=cohort, name="Noor", kind=ParticipantKind.RESIDENT)
        first = timezone.localdate() + timedelta(weeks=3)
        dates = [
            CandidateDate.objects.create(cohort=cohort, date=first + timedelta(days=7 * n))
            for n in range(5)
        ]
        for member in cohort.members.exclude(pk=noor.pk):
            record_answers(member, {d: "no" if d == dates[4] else "yes" for d in dates})
    connection.set_schema_to_public()
    return cohort, noor, [candidate.date for candidate in dates]


def test_6_trainee_answers_the_poll_and_the_organiser_sees_three_days(
    live_server_url, poll, new_context
):
    from django.utils.formats import date_format

    cohort, noor, dates = poll
    base = buurt_url(live_server_url)
    trainee = new_context(viewport=PHONE)
    trainee.goto(base + noor.poll_path)
    expect(trainee.get_by_role("heading", level=1)).to_have_text(
        "Wanneer kun je naar de training komen?"
    )
    # Noor cannot come on the second date; the fifth suits only her.
    for number, date in enumerate(dates):
        answer = "no" if number == 1 else "yes"
        group = trainee.get_by_role("group", name=date_format(date, "l j F Y"))
        group.locator(f"input[value={answer}]").check()
    trainee.get_by_role("button", name="Mijn antwoorden opslaan").click()
    expect(trainee.get_by_role("status")).to_contain_text("Je antwoorden zijn opgeslagen")
    assert_no_horizontal_scroll(trainee)

    organiser = new_context()
    log_in(organiser, base, BEHEERDER)
    organiser.goto(base + f"/admin/trainingen/cohort/{cohort.pk}/planning/")
    proposed = ", ".join(date_format(dates[n], "l j F Y") for n in (0, 2, 3))
    expect(organiser.get_by_text(proposed)).to_be_visible()
    organiser.get_by_role("button", name="Plan deze drie dagen").click()
    expect(organiser.get_by_text("De drie trainingsdagen zijn gepland")).to_be_visible()
    trainee.reload()
    # Anchored: "Dag 1" alone would also match "maandag 11 januari" on another line.
    first_day = trainee.get_by_role("listitem").filter(has_text=re.compile(r"^Dag 1:"))
    expect(first_day).to_contain_text(date_format(dates[0], "l j F Y"))


def test_7_phone_visitor_offers_help_in_arabic_and_the_initiator_welcomes_them(
    live_server_url, new_context, orm
):
    """From "Ik help mee" to "sent" on a 360 px phone in Arabic; the initiator welcomes
    the offer in the admin; the ask shows as found and the team grew by one."""
    base = buurt_url(live_server_url)
    with orm(DEMO_SLUG):
        from buurtpages.models import InitiativePage

        initiative = InitiativePage.objects.get(
            title="Samen eten op donderdag", locale__language_code="nl"
        )
        path, initiative_id = initiative.url, initiative.pk
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="ar")
    phone.goto(base + "/ar" + path)
    expect(phone.locator("html")).to_have_attribute("dir", "rtl")
    assert_no_horizontal_scroll(phone)
    phone.get_by_role("link", name=re.compile("سأساعد")).first.click()
    assert_accessible(phone)
    assert_no_horizontal_scroll(phone)
    phone.locator("#id_name").fill("ليلى")
    phone.locator("#id_email").fill("layla@example.nl")
    phone.locator("#id_message").fill("أطبخ كل أسبوع لعائلتي.")
    phone.locator("#id_languages").fill("العربية، الهولندية")
    phone.get_by_role("button", name="أرسل عرضي").click()
    expect(phone.get_by_role("status")).to_contain_text("تم إرسال عرضك")
    assert_accessible(phone)
    assert_no_horizontal_scroll(phone)
    [confirmation] = mails_to("layla@example.nl")
    assert confirmation.subject == "شكرًا لعرضك المساعدة في Samen eten op donderdag"

    initiator = new_context()
    log_in(initiator, base, RESIDENT)
    initiator.goto(base + f"/admin/initiatieven/{initiative_id}/hulpaanbod/")
    row = initiator.locator("tr", has_text="ليلى")
    row.locator("select[name=role]").select_option("expert")
    row.get_by_role("button", name="Welkom in het team").click()
    expect(initiator.get_by_text("is welkom geheten in het team")).to_be_visible()

    visitor = new_context()
    visitor.goto(base + path)
    expect(visitor.get_by_text("Gevonden: dank je wel!")).to_be_visible()
    expect(visitor.get_by_text("En 2 buurtbewoners die via deze site meedoen.")).to_be_visible()
    assert_accessible(visitor)
    with orm(DEMO_SLUG):
        from buurtpages.models import HelpOffer

        offer = HelpOffer.objects.get(email="layla@example.nl")
        assert (offer.status, offer.role, offer.language) == ("welcomed", "expert", "ar")
