"""The weekly digest of one buurt, queued in the outbox for every confirmed subscriber.

What a subscriber gets, only of the kinds they chose: activities with a date in the
coming two weeks, initiatives looking for people with their open asks, and stories
published since their last digest. Every page is sent to a subscriber once
(SentDigestItem), so a digest holds only what is new; with nothing new, no mail.

Pages appear in the subscriber's language where a live translation exists, otherwise in
Dutch, marked as such. Links go to the buurt's own primary domain. `manage.py
send_digests` (tenants) calls `send_digests()` inside each live buurt.
"""

from dataclasses import dataclass, field

from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Locale

from buurtpages import subscriptions
from buurtpages.agenda import live_activities, upcoming
from buurtpages.fallback import default_locale, in_visitor_language
from buurtpages.models import InitiativePage, SentDigestItem, StoryPage, Subscription
from buurtpages.models.initiative import looking_for_people
from buurtpages.templatetags.buurt_tags import _url_in_language
from kernel.emails import sender_named

AGENDA_DAYS = 14
BATCH = 200  # subscribers queued per transaction
RTL_LANGUAGES = {"ar", "fa"}
# Stands for the subscriber's personal link in a body rendered once for many of them.
MANAGE_URL = "https://manage.invalid/personal-link"


@dataclass
class Item:
    key: str
    page: object  # the Dutch page
    dates: list = field(default_factory=list)  # activities: starts in the window
    asks: list = field(default_factory=list)  # initiatives: what is still needed


@dataclass(frozen=True)
class Entry:
    """An item as one language shows it."""

    key: str
    title: str
    url: str
    in_dutch: bool
    dates: tuple
    asks: tuple


@dataclass
class News:
    agenda: list
    initiatives: list
    stories: list


def send_digests(now=None):
    """Queue this buurt's digests; returns how many mails were queued."""
    now = now or timezone.now()
    subscriptions.forget_expired_requests(now)
    news = gather(now)
    if not (news.agenda or news.initiatives or news.stories):
        return 0
    renderer = Renderer(now)
    confirmed = Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk")
    queued, last_pk = 0, 0
    while True:
        batch = list(confirmed.filter(pk__gt=last_pk)[:BATCH])
        if not batch:
            return queued
        with transaction.atomic():
            queued += queue_batch(batch, news, renderer, now)
        last_pk = batch[-1].pk


def gather(now):
    """Everything a digest could hold now, as Dutch pages."""
    dutch = default_locale()
    agenda = {}
    for item in upcoming(live_activities(dutch), now=now, weeks=AGENDA_DAYS // 7):
        key = f"activity:{item.activity.translation_key}"
        agenda.setdefault(key, Item(key, item.activity)).dates.append(item.start)
    initiatives = []
    looking = InitiativePage.objects.live().public().filter(locale=dutch)
    for page in looking.filter(looking_for_people()).prefetch_related("help_wanted"):
        asks = [p.ask.what for p in page.ask_progress() if not p.is_found]
        initiatives.append(Item(f"initiative:{page.translation_key}", page, asks=asks))
    stories = [
        Item(f"story:{page.translation_key}", page)
        for page in StoryPage.objects.live()
        .public()
        .filter(locale=dutch)
        .order_by("-first_published_at")[:50]
    ]
    return News(list(agenda.values()), initiatives, stories)


def queue_batch(batch, news, renderer, now):
    sent = {}
    for row in SentDigestItem.objects.filter(subscription__in=batch).values_list(
        "subscription_id", "key"
    ):
        sent.setdefault(row[0], set()).add(row[1])
    records, mailed = [], []
    for subscription in batch:
        chosen = new_for(subscription, news, sent.get(subscription.pk, set()))
        if not any(chosen.values()):
            continue
        renderer.message(subscription, chosen).send()
        records += [
            SentDigestItem(subscription=subscription, key=item.key, sent_at=now)
            for items in chosen.values()
            for item in items
        ]
        mailed.append(subscription.pk)
    SentDigestItem.objects.bulk_create(records, ignore_conflicts=True)
    Subscription.objects.filter(pk__in=mailed).update(last_digest_at=now)
    return len(mailed)


def new_for(subscription, news, sent):
    since = subscription.last_digest_at or subscription.confirmed_at

    def unsent(items):
        return [item for item in items if item.key not in sent]

    stories = [
        item
        for item in news.stories
        if item.page.first_published_at and item.page.first_published_at > since
    ]
    return {
        "agenda": unsent(news.agenda) if subscription.wants_agenda else [],
        "initiatives": unsent(news.initiatives) if subscription.wants_initiatives else [],
        "stories": unsent(stories) if subscription.wants_stories else [],
    }


class Renderer:
    """Builds the mails; each page is looked up and formatted once per language."""

    def __init__(self, now):
        self.now = now
        self.buurt = connection.tenant
        self.base_url = self.buurt.base_url  # one query, not one per link
        self.entries = {}  # (language, key) -> Entry
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.sender = sender_named(self.buurt.name)
        self.subjects = {}  # language -> subject
        self.rendered = {}  # (language, item keys per kind) -> (text, html)

    def message(self, subscription, chosen):
        language = subscription.language
        text, html = self.bodies(language, chosen)
        manage_url = subscriptions.manage_url(subscription, self.base_url)
        message = EmailMultiAlternatives(
            self.subjects[language],
            text.replace(MANAGE_URL, manage_url),
            from_email=self.sender,
            to=[subscription.email],
            headers=subscriptions.list_headers(subscription, self.base_url),
        )
        message.attach_alternative(html.replace(MANAGE_URL, manage_url), "text/html")
        return message

    def bodies(self, language, chosen):
        """Text and HTML for one language and one set of items, rendered once: most
        subscribers of a language get the same items, only their personal link differs."""
        key = (language, *(tuple(item.key for item in items) for items in chosen.values()))
        if key not in self.rendered:
            with translation.override(language):
                self.subjects[language] = _("News from %(name)s") % {"name": self.buurt.name}
                context = self.context(language, chosen)
                self.rendered[key] = (
                    render_to_string("buurtpages/email/digest.txt", context),
                    render_to_string("buurtpages/email/digest.html", context),
                )
        return self.rendered[key]

    def context(self, language, chosen):
        sections = [
            (_("Activities in the coming weeks"), self.shown(language, chosen["agenda"])),
            (_("Initiatives looking for people"), self.shown(language, chosen["initiatives"])),
            (_("New stories"), self.shown(language, chosen["stories"])),
        ]
        return {
            "buurt": self.buurt.name,
            "sections": [(title, entries) for title, entries in sections if entries],
            "manage_url": MANAGE_URL,
            "language": language,
            "direction": "rtl" if language in RTL_LANGUAGES else "ltr",
        }

    def shown(self, language, items):
        missing = [item for item in items if (language, item.key) not in self.entries]
        if missing:
            self.prepare(language, missing)
        return [self.entries[(language, item.key)] for item in items]

    def prepare(self, language, items):
        locale = self.locales.get(language) or default_locale()
        pages = in_visitor_language([item.page for item in items], locale)
        for item, page in zip(items, pages, strict=True):
            in_dutch = page.locale_id != locale.pk and language != "nl"
            self.entries[(language, item.key)] = Entry(
                key=item.key,
                title=page.title,
                url=self.absolute_url(page, language),
                in_dutch=in_dutch,
                dates=tuple(self.when(start) for start in item.dates),
                asks=tuple(item.asks),
            )

    def absolute_url(self, page, language):
        """On the buurt's primary domain; a Dutch page under the subscriber's language
        prefix, so the site around it speaks their language."""
        _site, _root, path = page.specific.get_url_parts()
        page_language = page.locale.language_code
        if page_language != language and language in self.locales:
            path = _url_in_language(path, page_language, language)
        return self.base_url + path

    def when(self, start):
        return date_format(timezone.localtime(start), "l j F, H:i")
