"""The buurtkrant: a two-sided A4 newspaper of the buurt's own content, to put through
letterboxes and lay out in the buurthuis, in any of the buurt's languages.

Side one: the editorial a buurtverbinder wrote and the stories they chose. Side two:
the month's agenda in short, initiatives looking for people with their open asks and a
QR code to answer them, and where and when to meet a buurtverbinder. Every part is
limited (stories, lines, asks, people) and each side is a fixed box, so an edition is
always exactly two pages, however much the buurt has going on.

Pages print in the krant's language when their translation is live, otherwise in
Dutch, marked as such. The QR codes lead to the page in that language on the buurt's
own domain.
"""

import hashlib
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Locale

from buurtpages.models import (
    BuurtkrantEdition,
    InitiativePage,
    LegalInformation,
    PersonPage,
    StoryPage,
)
from buurtpages.models.initiative import looking_for_people
from buurtpages.poster import qr_png_data_uri
from buurtpages.printed import (
    cached_or_generated,
    in_language,
    print_cache_key,
    render_pdf,
)
from buurtpages.printed_agenda import activities_for, moments_of_month

MAX_STORIES = 4
STORIES_TO_CHOOSE_FROM = 12
EXCERPT_CHARACTERS = 420
MAX_AGENDA_LINES = 16
MAX_INITIATIVES = 3
MAX_ASKS = 3
MAX_BUURTVERBINDERS = 4
TEMPLATE = "buurtpages/print/buurtkrant.html"


@dataclass
class Printed:
    """A page as the krant shows it: in the reader's language or marked as Dutch."""

    page: object
    in_dutch: bool


@dataclass
class WantedInitiative(Printed):
    asks: list
    url: str
    qr_code: str


@dataclass
class AgendaLine(Printed):
    start: object
    end: object


def recent_stories():
    """What a buurtverbinder chooses from: the latest live Dutch stories of this buurt."""
    stories = StoryPage.objects.live().public().filter(locale=Locale.get_default())
    return stories.order_by("-first_published_at", "-pk")[:STORIES_TO_CHOOSE_FROM]


def chosen_stories(stories, locale):
    return [Printed(*in_language(story, locale)) for story in stories[:MAX_STORIES]]


def agenda_lines(first_day, locale):
    moments = moments_of_month(activities_for(locale), first_day)
    return [
        AgendaLine(activity, activity.locale_id != locale.pk, start, end)
        for start, end, activity in moments[:MAX_AGENDA_LINES]
    ], max(len(moments) - MAX_AGENDA_LINES, 0)


def open_asks(original, shown):
    """The asks that still look for people, in the shown language where translated
    (a translation carries the same ask keys)."""
    texts = {ask.key: ask.what for ask in shown.help_wanted.all()}
    return [
        texts.get(progress.ask.key, progress.ask.what)
        for progress in original.ask_progress()
        if not progress.is_found
    ][:MAX_ASKS]


def wanted_initiatives(locale, request):
    initiatives = (
        InitiativePage.objects.live()
        .public()
        .filter(locale=Locale.get_default())
        .filter(looking_for_people())
        .order_by("-last_published_at", "-pk")[:MAX_INITIATIVES]
    )
    wanted = []
    for initiative in initiatives:
        shown, in_dutch = in_language(initiative, locale)
        url = shown.get_full_url(request)
        asks = open_asks(initiative, shown)
        wanted.append(WantedInitiative(shown, in_dutch, asks, url, qr_png_data_uri(url)))
    return wanted


def buurtverbinders(locale):
    """Buurtverbinders who say where and when to meet them (their Person pages are only
    live with their consent)."""
    people = (
        PersonPage.objects.live()
        .public()
        .filter(kind=PersonPage.Kind.BUURTVERBINDER, locale=Locale.get_default())
        .filter(Q(meeting_place__isnull=False) | ~Q(meeting_times=""))
        .select_related("meeting_place")
        .order_by("title")[:MAX_BUURTVERBINDERS]
    )
    return [Printed(*in_language(person, locale)) for person in people]


def render_krant(request, *, month, locale, editorial, stories, buurt_name):
    """The PDF of an edition (chosen stories in the order given)."""
    lines, more = agenda_lines(month, locale)
    context = {
        "buurt_name": buurt_name,
        "month": month,
        "editorial": editorial,
        "stories": chosen_stories(stories, locale),
        "agenda": lines,
        "more_activities": more,
        "initiatives": wanted_initiatives(locale, request),
        "buurtverbinders": buurtverbinders(locale),
        "legal": LegalInformation.load(),
        "site_url": request.build_absolute_uri("/").rstrip("/"),
    }
    return render_pdf(TEMPLATE, context, locale.language_code)


def preview_pdf(request, *, month, locale, editorial, stories, buurt_name):
    """A preview, cached for the same choices and content, within the print limit."""
    choice = f"{month:%Y-%m}|{locale.language_code}|{[s.pk for s in stories]}|{editorial}"
    key = print_cache_key("krant", hashlib.sha256(choice.encode()).hexdigest()[:32])
    return cached_or_generated(
        request,
        key,
        lambda: render_krant(
            request,
            month=month,
            locale=locale,
            editorial=editorial,
            stories=stories,
            buurt_name=buurt_name,
        ),
    )


PUBLISH_ACTION = "buurtpages.publish_buurtkrant"


def document_title(edition, buurt_name):
    return f"Buurtkrant {buurt_name} {edition.month:%Y-%m} ({edition.language})"


def publish(edition, user, request, buurt_name):
    """Make the edition's PDF, keep it as a document of this buurt (its own media, served
    only on its own host) and list it in the archive; who published goes to the log."""
    locale = Locale.objects.get(language_code=edition.language)
    pdf = render_krant(
        request,
        month=edition.month,
        locale=locale,
        editorial=edition.editorial,
        stories=ordered_stories(edition),
        buurt_name=buurt_name,
    )
    filename = f"buurtkrant-{edition.month:%Y-%m}-{edition.language}.pdf"
    with transaction.atomic():
        document = get_document_model().objects.create(
            title=document_title(edition, buurt_name),
            file=ContentFile(pdf, name=filename),
            file_size=len(pdf),
            uploaded_by_user=user,
        )
        edition.status = BuurtkrantEdition.Status.PUBLISHED
        edition.published_by = user
        edition.published_at = timezone.now()
        edition.document = document
        edition.save()
        log(instance=edition, action=PUBLISH_ACTION, user=user)
    return edition


def ordered_stories(edition):
    """The chosen stories still live (one taken offline since is left out of print)."""
    return list(edition.stories.filter(live=True).order_by("-first_published_at", "-pk"))


def published_editions():
    """The public archive, newest month first."""
    return (
        BuurtkrantEdition.objects.filter(
            status=BuurtkrantEdition.Status.PUBLISHED, document__isnull=False
        )
        .select_related("document")
        .order_by("-month", "-published_at")
    )
