"""The personal data buurtpages keeps: Person pages, activity sign-ups, offers of help,
signals and the team lines of initiatives. Registered in BuurtpagesConfig.ready(); see
kernel/personal_data.py."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry

from buurtpages.models import (
    BuurtkrantEdition,
    HelpOffer,
    InitiativeTeamMember,
    LegalInformation,
    PersonPage,
    Registration,
    Signal,
    Subscription,
)
from kernel.personal_data import FreeText, PrivacyNotice, RecordSet, as_rows


def person_page_rows(pages):
    rows = as_rows(pages)
    for row, page in zip(rows, pages, strict=True):
        row.update(
            title=page.title,
            url_path=page.url_path,
            language=page.locale.language_code,
            live=page.live,
        )
    return rows


def erase_person_pages(eraser, person_pages):
    """Person pages in every language, their revisions, consents and translations; the
    team lines that point at them and the photos shown on them."""
    keys = set(person_pages.values_list("translation_key", flat=True))
    pages = [page.specific for page in Page.objects.filter(translation_key__in=keys)]
    photos = {page.photo_id for page in pages if getattr(page, "photo_id", None)}
    team_lines = InitiativeTeamMember.objects.filter(person__in=[p.pk for p in pages])
    eraser.touched_pages |= set(team_lines.values_list("initiative_id", flat=True))
    team_lines.delete()
    page_ids = [page.pk for page in pages]
    for page in pages:
        if Page.objects.filter(pk=page.pk).exists():  # not gone with an earlier one
            page.delete()
    PageLogEntry.objects.filter(page_id__in=page_ids).delete()
    eraser.count("person pages", len(page_ids))
    eraser.erase_localize_data(keys)
    if photos:
        eraser.delete_images(get_image_model().objects.filter(pk__in=photos))


def erase_team_lines(eraser, team_lines):
    """Initiatives keep their text; a line naming the person goes, and the initiative's
    search entry is rebuilt."""
    eraser.touched_pages |= set(team_lines.values_list("initiative_id", flat=True))
    eraser.delete_rows("initiative team lines", team_lines)


PERSON_PAGE_NOTICE = PrivacyNotice(
    what=_("A page about you, only with your permission: your name, photo, text and contact."),
    why=_("So residents know who they can go to."),
    kept=_("Until you withdraw your permission or ask us to delete it."),
)
SIGN_UP_NOTICE = PrivacyNotice(
    what=_("Sign-ups for activities: your name, e-mail address or phone number."),
    why=_("So the organiser knows who is coming and can tell you about changes."),
    kept=_("Until you sign off or ask us to delete it."),
)
HELP_OFFER_NOTICE = PrivacyNotice(
    what=_("Offers of help: your name, e-mail address or phone number, your message."),
    why=_("So the people of the initiative can answer you and welcome you."),
    kept=_("Until you withdraw your offer or ask us to delete it."),
)
SIGNAL_NOTICE = PrivacyNotice(
    what=_("Signals: what you tell us, and your name and contact if you give them."),
    why=_("So a buurtverbinder can look at it and answer you."),
    kept=_("Until you ask us to delete it."),
)
WEBSITE_CONTACT_NOTICE = PrivacyNotice(
    what=_("The contact address of this website, if it is yours."),
    why=_("So residents can reach the people who run the website."),
    kept=_("Until the Buurtbeheerder changes it, or you ask us to delete it."),
)


def erase_website_contact(eraser, rows):
    """The setting stays; only the address goes (the Buurtbeheerder fills in another)."""
    eraser.count("website contact addresses", rows.update(contact_email=""))


BUURTKRANT_NOTICE = PrivacyNotice(
    what=_("Editions of the buurtkrant you made or published."),
    why=_("So the buurt knows who made each edition."),
    kept=_("Until you ask us to delete it."),
)


def buurtkrant_editions(records):
    ids = records.user_ids
    return BuurtkrantEdition.objects.filter(Q(created_by__in=ids) | Q(published_by__in=ids))


def anonymise_buurtkrant_editions(eraser, editions):
    """The edition stays in the archive; only the link to the person goes."""
    ids = eraser.records.user_ids
    made = editions.filter(created_by__in=ids).update(created_by=None)
    published = editions.filter(published_by__in=ids).update(published_by=None)
    eraser.count("buurtkrant editions anonymised", made + published)


DECLARATIONS = [
    RecordSet.by_address(
        "person_pages",
        PersonPage,
        "contact_email",
        export_as="person_pages",
        export_order=20,
        export_rows=person_page_rows,
        notice=PERSON_PAGE_NOTICE,
        erase=erase_person_pages,
        erase_first=True,
    ),
    RecordSet.by_address(
        "registrations",
        Registration,
        "email",
        export_as="activity_sign_ups",
        notice=SIGN_UP_NOTICE,
        export_order=50,
        erase_as="activity sign-ups",
        erase_order=20,
    ),
    # An offer of help made with the person's address, online or recorded for them by a
    # buurtverbinder; a welcomed helper leaves the team with it.
    RecordSet.by_address(
        "help_offers",
        HelpOffer,
        "email",
        export_as="offers_of_help",
        notice=HELP_OFFER_NOTICE,
        export_order=55,
        erase_as="offers of help",
        erase_order=25,
    ),
    RecordSet.by_address(
        "signals",
        Signal,
        "contact_email",
        export_as="signals",
        notice=SIGNAL_NOTICE,
        export_order=60,
        erase_as="signals",
        erase_order=30,
    ),
    RecordSet.by_address(
        "website_contact",
        LegalInformation,
        "contact_email",
        export_as="website_contact",
        export_order=65,
        erase=erase_website_contact,
        erase_order=35,
        notice=WEBSITE_CONTACT_NOTICE,
    ),
    # Only verified names: a team line is free text a page editor typed.
    RecordSet(
        name="team_lines",
        model="buurtpages.InitiativeTeamMember",
        find=lambda records: InitiativeTeamMember.objects.filter(name__in=records.verified_names),
        erase_as="initiative team lines",
        erase_order=10,
        erase=erase_team_lines,
    ),
    FreeText(
        model="buurtpages.Signal",
        fields=("triage_note",),
        linked=lambda records: Signal.objects.filter(triaged_by__in=records.user_ids).values_list(
            "pk", flat=True
        ),
    ),
    RecordSet(
        name="buurtkrant_editions",
        model="buurtpages.BuurtkrantEdition",
        find=buurtkrant_editions,
        export_as="buurtkrant_editions",
        export_order=200,
        notice=BUURTKRANT_NOTICE,
        erase=anonymise_buurtkrant_editions,
        erase_as="buurtkrant editions",
        erase_order=40,
    ),
]


# Subscriptions to the weekly digest: the address, language and choices, never the
# hashes of the personal links. What was sent goes with the subscription.
SUBSCRIPTION_NOTICE = PrivacyNotice(
    what=_("News by mail: your e-mail address, your language and what you chose."),
    why=_("So we can send you the news of the buurt you asked for."),
    kept=_("Until you stop the mails or ask us to delete it."),
)


def subscription_rows(subscriptions):
    return [
        {
            "email": subscription.email,
            "language": subscription.language,
            "kinds": subscription.kinds,
            "created_at": subscription.created_at,
            "confirmed_at": subscription.confirmed_at,
            "last_digest_at": subscription.last_digest_at,
        }
        for subscription in subscriptions
    ]


DECLARATIONS.append(
    RecordSet.by_address(
        "subscriptions",
        Subscription,
        "email",
        export_as="news_subscriptions",
        export_order=58,
        export_rows=subscription_rows,
        notice=SUBSCRIPTION_NOTICE,
        erase_as="news subscriptions",
        erase_order=28,
    )
)
