"""WCAG 2.2 AA by axe-core on every public page type and public form, in Dutch and in
Arabic (right-to-left), and on the admin screens residents use; every public page
at 360 px without sideways scrolling; the print stylesheet printed to PDF."""

import io
import threading
import unicodedata
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from tests.e2e.conftest import (
    DEMO_SLUG,
    E2E_MUNICIPALITY,
    PHONE,
    assert_accessible,
    assert_no_horizontal_scroll,
    buurt_url,
    forget_portal_user,
    give_second_factor,
    log_in,
    portal_staff_user,
)

pytestmark = pytest.mark.django_db
expect = pytest.importorskip("playwright.sync_api").expect

# Public page types and forms of a buurt site (paths filled in from the demo buurt).
PUBLIC_PAGES = [
    "home",
    "initiatives",
    "initiative",
    "help_offer_form",
    "help_offer",
    "agenda",
    "activity",
    "registration",
    "people",
    "person",
    "stories",
    "story",
    "buurtgids",
    "search",
    "not_found",
    "signal_form",
    "signal_thanks",
    "account_request_form",
    "account_request_thanks",
    "report_form",
    "report_thanks",
    "evening_signup",
    "signup_thanks",
    "availability_poll",
    "consent",
    "privacy",
    "accessibility",
    "colophon",
    "subscribe_form",
    "subscribe_sent",
    "subscription_confirm",
    "subscription_manage",
    "unsubscribe",
    "buurtkrant_archive",
]
# Forms sent empty: the error state must be as accessible as the form.
FORMS_WITH_ERRORS = [
    "signal_form",
    "account_request_form",
    "report_form",
    "evening_signup",
    "help_offer_form",
    "subscribe_form",
]
LANGUAGES = {"nl": "", "ar": "/ar"}
DESKTOP = {"width": 1280, "height": 720}  # Playwright's default window


@pytest.fixture(scope="module")
def paths(live_server_url, django_db_blocker, demo_buurt):
    """Where each page type lives in the demo buurt."""
    from buurtpages import help_offers, rsvp
    from buurtpages.blueprint import dutch_section
    from buurtpages.factories import StoryPageFactory, publish
    from buurtpages.models import (
        ActivityPage,
        InitiativePage,
        PersonPage,
        StoryIndexPage,
        Subscription,
    )
    from trainings.factories import CohortFactory, CohortMemberFactory, ResidentsEveningFactory
    from trainings.models import CandidateDate
    from workflows.demo import CONSENT_PERSON
    from workflows.models import ConsentRequest

    # Named records (the demo's, or made here), never whichever comes first: another
    # module may add records of the same kind to the demo buurt.
    with django_db_blocker.unblock(), demo_buurt:
        activity = ActivityPage.objects.live().get(title="Koffieochtend")
        registration = rsvp.register(
            activity, activity.next_occurrence().start, name="Ria", email="ria@example.nl"
        ).registration
        story = publish(
            StoryPageFactory(
                parent=dutch_section(StoryIndexPage), title="Een bankje erbij", slug="bankje"
            )
        )
        ResidentsEveningFactory(starts_at=activity.start)  # an inwonersavond coming up
        cohort = CohortFactory(name="Groep Toegankelijk")
        for weeks in (3, 4, 5):
            CandidateDate.objects.create(
                cohort=cohort, date=activity.start.date() + timedelta(weeks=weeks)
            )
        trainee = CohortMemberFactory(
            cohort=cohort, name="Sanne Toegankelijk", email="sanne@example.nl"
        )
        consent = ConsentRequest.objects.get(page__title=CONSENT_PERSON)
        initiative = InitiativePage.objects.live().get(title="Samen eten op donderdag")
        offer = help_offers.offer_help(
            initiative, name="Noor Toegankelijk", email="noor@example.nl"
        ).offer
        reader = Subscription(email="lezer@example.nl", wants_stories=True)
        reader.confirmed_at = timezone.now()
        reader.save()
        pending = Subscription(email="nieuw@example.nl", wants_agenda=True)
        confirmation = pending.new_confirmation()
        pending.save()
        found = {
            "home": "/",
            "initiatives": "/initiatieven/",
            "initiative": initiative.url,
            "help_offer_form": initiative.url + "meedoen/",
            "help_offer": initiative.url + f"aanbod/{offer.token}/",
            "agenda": "/agenda/",
            "activity": activity.url,
            "registration": activity.url + f"aanmelding/{registration.token}/",
            "people": "/mensen/",
            "person": PersonPage.objects.live().get(title="Yasmina El Amrani").url,
            "stories": "/verhalen/",
            "story": story.url,
            "buurtgids": "/buurtgids/",
            "search": "/zoeken/?q=koffie",
            "not_found": "/bestaat-niet/",
            "signal_form": "/signaal/",
            "signal_thanks": "/signaal/bedankt/",
            "account_request_form": "/account-aanvragen/",
            "account_request_thanks": "/account-aanvragen/bedankt/",
            "report_form": f"/melden/{story.pk}/",
            "report_thanks": "/melden/bedankt/",
            "evening_signup": "/inwonersavond/",
            "signup_thanks": "/inwonersavond/bedankt/",
            "availability_poll": trainee.poll_path,
            "consent": f"/toestemming/{consent.token}/",
            "privacy": "/privacy/",
            "accessibility": "/toegankelijkheid/",
            "colophon": "/colofon/",
            "subscribe_form": "/blijf-op-de-hoogte/",
            "subscribe_sent": "/blijf-op-de-hoogte/verstuurd/",
            "subscription_confirm": f"/blijf-op-de-hoogte/bevestigen/{confirmation}/",
            "subscription_manage": f"/blijf-op-de-hoogte/{reader.manage_token()}/",
            "unsubscribe": f"/blijf-op-de-hoogte/{reader.manage_token()}/afmelden/",
            "buurtkrant_archive": "/buurtkrant/",
        }
    connection.set_schema_to_public()
    return found


@pytest.fixture(scope="module")
def page_per_language(browser):
    """One browser tab per language, shared by the axe runs of every page and form below:
    a fresh context per page cost more than the check itself. Each test starts from the
    default window size; what carries over is only the CSRF cookie."""
    pages = {}

    def page_for(language):
        if language not in pages:
            context = browser.new_context(locale="nl-NL", timezone_id="Europe/Amsterdam")
            context.set_default_timeout(10_000)
            pages[language] = context.new_page()
        pages[language].set_viewport_size(DESKTOP)
        return pages[language]

    yield page_for
    for page in pages.values():
        page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_accessible_and_fits_a_phone(
    live_server_url, paths, page_per_language, name, language
):
    page = page_per_language(language)
    url = buurt_url(live_server_url) + LANGUAGES[language] + paths[name]
    response = page.goto(url)
    assert response.status == (404 if name == "not_found" else 200), url
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", FORMS_WITH_ERRORS)
def test_form_errors_are_accessible(live_server_url, paths, page_per_language, name, language):
    page = page_per_language(language)
    page.set_viewport_size(PHONE)
    page.goto(buurt_url(live_server_url) + LANGUAGES[language] + paths[name])
    page.locator("form.form button[type=submit]").last.click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


@pytest.fixture
def buurt_status(django_db_blocker):
    """`buurt_status(status)`: the demo buurt suspended or archived for one test, as its
    visitors would meet it; live again afterwards, whatever happens. Changed and committed
    from a thread of its own: this test's transaction is invisible to the server."""
    from tenants.hostmap import tenancy_changed
    from tenants.models import Buurt

    def change(status):
        def commit():
            with django_db_blocker.unblock():
                try:
                    Buurt.objects.filter(schema_name=DEMO_SLUG).update(status=status)
                    tenancy_changed()
                finally:
                    connection.close()

        thread = threading.Thread(target=commit)
        thread.start()
        thread.join()

    yield change
    change(Buurt.Status.LIVE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_plain_pages_are_accessible_and_fit_a_phone(
    live_server_url, page_per_language, settings, buurt_status, language
):
    """The pages shown instead of the buurt's own: too many forms sent (429), the buurt
    suspended (503) or archived (410)."""
    from tenants.models import Buurt

    page = page_per_language(language)
    base = buurt_url(live_server_url) + LANGUAGES[language]
    page.goto(base + "/signaal/")
    settings.PUBLIC_POSTS_PER_WINDOW = 0
    with page.expect_response(lambda response: response.status == 429):
        page.locator("form.form button[type=submit]").last.click()
    statuses = {
        "suspended": (Buurt.Status.SUSPENDED, 503),
        "archived": (Buurt.Status.ARCHIVED, 410),
    }
    for status, code in [(None, 429), *statuses.values()]:
        if status:
            buurt_status(status)
            assert page.goto(base + "/").status == code
        if language == "ar":
            expect(page.locator("html")).to_have_attribute("dir", "rtl")
        page.set_viewport_size(DESKTOP)
        assert_accessible(page)
        page.set_viewport_size(PHONE)
        assert_no_horizontal_scroll(page)


def test_activity_sign_up_on_a_phone_is_accessible(live_server_url, paths, new_context):
    phone = new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone.goto(buurt_url(live_server_url) + paths["activity"])
    phone.get_by_role("button", name="Aanmelden").click()
    expect(phone.locator(".form-errors")).to_be_visible()
    assert_accessible(phone)
    assert_no_horizontal_scroll(phone)


@pytest.mark.parametrize("language", LANGUAGES)
def test_activity_poster_prints_on_one_a4_page_with_its_qr_code(
    live_server_url, paths, page, language
):
    import zxingcpp
    from PIL import Image

    page.goto(buurt_url(live_server_url) + LANGUAGES[language] + paths["activity"] + "poster/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Koffieochtend")
    assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot = page.locator(".poster__qr-code").screenshot()
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(screenshot)))
    # The QR code carries the page's canonical address (the Site's host and port).
    assert [code.text for code in decoded] == [
        f"http://{DEMO_SLUG}.localhost/agenda/koffieochtend/"
    ]
    [printed] = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages
    text = unicodedata.normalize("NFKC", printed.extract_text())
    assert "Koffieochtend" in text
    assert "Druk deze poster af" not in text and "Print this poster" not in text


@pytest.mark.parametrize("name", ["activity", "story", "initiative"])
def test_pages_print_without_navigation_and_footer(live_server_url, paths, page, name):
    page.goto(buurt_url(live_server_url) + paths[name])
    title = page.get_by_role("heading", level=1).inner_text()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    # NFKC: the PDF's ligatures (ﬃ) back to plain letters.
    text = unicodedata.normalize("NFKC", " ".join(p.extract_text() for p in pdf.pages))
    text = " ".join(text.split())
    assert title in text
    screen_only_parts = [
        "Naar de inhoud",
        "Zoeken",
        "Inloggen om te schrijven",
        "Meld ongepaste",
        "Je naam",  # the sign-up form
        "Poster afdrukken",
    ]
    for screen_only in screen_only_parts:
        assert screen_only not in text, f"{screen_only!r} printed on {name}"


PORTAL_PAGES = [
    "/",
    "/inloggen/",
    "/buurten/nieuw/",
    "/dashboard/",
    f"/buurten/{DEMO_SLUG}/",
    "/gemeenten/browserstad/huisstijl/",
]


@pytest.fixture(scope="module")
def portal_staff(live_server_url, django_db_blocker):
    """An employee of the e2e municipality, which the demo buurt belongs to."""
    with django_db_blocker.unblock():
        yield portal_staff_user("a11y-medewerker", "a11y@gemeente.nl")
        forget_portal_user("a11y-medewerker")


def test_portal_pages_are_accessible_and_fit_a_phone(live_server_url, portal_staff, page):
    for path in ("/", "/inloggen/"):  # as a visitor who is not logged in
        page.goto(live_server_url + path)
        assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill("a11y-medewerker")
    page.get_by_label("Wachtwoord").fill("buurt-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/tweede-stap/instellen/**")
    assert_accessible(page)  # the second step's setup page, with its QR code
    give_second_factor(page, "a11y-medewerker")
    expect(page.get_by_role("button", name="Uitloggen")).to_be_visible()
    for path in PORTAL_PAGES:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(live_server_url + path)
        assert_accessible(page)
        page.set_viewport_size(PHONE)
        assert_no_horizontal_scroll(page)


RESIDENT_ADMIN_SCREENS = ["dashboard", "new_activity", "agenda_listing", "own_page", "images"]


@pytest.fixture(scope="module")
def admin_paths(paths, django_db_blocker, demo_buurt):
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    with django_db_blocker.unblock(), demo_buurt:
        resident = get_user_model().objects.get(username=f"bewoner@{DEMO_SLUG}.example.nl")
        agenda = Page.objects.get(url_path__endswith="/agenda/", locale__language_code="nl")
        own = Page.objects.get(owner=resident, title="Samen eten op donderdag")
        found = {
            "dashboard": "/admin/",
            "new_activity": f"/admin/pages/add/buurtpages/activitypage/{agenda.pk}/",
            "agenda_listing": f"/admin/pages/{agenda.pk}/",
            "own_page": f"/admin/pages/{own.pk}/edit/",
            "images": "/admin/images/",
        }
    connection.set_schema_to_public()
    return found


@pytest.fixture(scope="module")
def resident_session(browser, live_server_url, admin_paths):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    log_in(page, buurt_url(live_server_url), f"bewoner@{DEMO_SLUG}.example.nl")
    yield page
    context.close()


@pytest.mark.parametrize("name", RESIDENT_ADMIN_SCREENS)
def test_admin_screens_residents_use_are_accessible(
    live_server_url, admin_paths, resident_session, name
):
    resident_session.goto(buurt_url(live_server_url) + admin_paths[name])
    resident_session.wait_for_load_state("load")
    assert_accessible(resident_session)


def test_the_axe_check_catches_a_violation(page):
    """Guards the checks above against a checker that silently finds nothing."""
    page.set_content('<html lang="nl"><body><main><img src="x.png"></main></body></html>')
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(page)


def bright_street_photo():
    """A photo-like image the test draws itself: a white sky over a light street, the
    worst case for white text on top of it."""
    from django.core.files.images import ImageFile
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1600, 700), (250, 250, 250))
    draw = ImageDraw.Draw(image)
    for left in range(0, 1600, 200):
        draw.rectangle((left + 20, 300, left + 180, 700), fill=(220, 200, 170))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG")
    return ImageFile(buffer, name="straat.jpg")


def committed(work):
    """Run `work` on a database connection of its own, so the server's thread sees what it
    wrote: this test's own connection stays inside the test's transaction."""
    import threading

    from django.db import connections

    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed to the test's thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def theme_and_header_photo(on):
    """Gives the demo's municipality a look and its buurt a bright header photo (on), or
    takes both away again."""
    from wagtail.images import get_image_model

    from buurtpages.models import HeaderPhoto
    from tenants.models import Buurt, Municipality
    from tenants.theme import save_theme

    connection.set_schema_to_public()
    municipality = Municipality.objects.get(slug=E2E_MUNICIPALITY["slug"])
    save_theme(municipality, colour="#7a1f5c" if on else "", font="georgia" if on else "system")
    with Buurt.objects.get(schema_name=DEMO_SLUG):
        images = get_image_model().objects
        if on:
            photo = images.create(title="Straat", file=bright_street_photo())
            HeaderPhoto.objects.update_or_create(
                defaults={"photo": photo, "alt_text": "Een lichte straat met huizen"}
            )
        else:
            HeaderPhoto.objects.update(photo=None, alt_text="")
            images.filter(title="Straat").delete()
    connection.set_schema_to_public()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_themed_home_with_a_header_photo_is_accessible_and_fits_a_phone(
    live_server_url, page, language
):
    """The municipality's colour and typeface (design tokens) and the buurt's header photo
    with the name on a dark band: AA in both directions, no sideways scrolling."""
    committed(lambda: theme_and_header_photo(on=True))
    try:
        page.goto(buurt_url(live_server_url) + LANGUAGES[language] + "/")
        expect(page.locator(".home-header img")).to_have_attribute(
            "alt", "Een lichte straat met huizen"
        )
        loaded = "image => image.complete && image.naturalWidth > 0"
        assert page.locator(".home-header img").evaluate(loaded), "the photo did not load"
        expect(page.locator(".site-header")).to_have_css("background-color", "rgb(122, 31, 92)")
        assert_accessible(page)
        page.set_viewport_size(PHONE)
        assert_no_horizontal_scroll(page)
        assert_accessible(page)
    finally:
        committed(lambda: theme_and_header_photo(on=False))
