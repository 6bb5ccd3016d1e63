"""Offers of help to an initiative: storing them once, telling the team, answering.

Each offer locks the initiative's row, so a double click or two tabs store one offer.
Mails are built by one function each (who gets what, in their own language) and sent
after the transaction commits.
"""

from dataclasses import dataclass
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from buurtpages.models import HelpOffer, InitiativePage
from buurtpages.models.base import co_editor_ids
from kernel.emails import same_email
from kernel.phones import normalise_phone
from kernel.shared_cache import shared_cache

# A personal link is mailed again at most once in this many seconds per offer, so
# typing someone's address over and over cannot flood their mailbox.
RESEND_PAUSE_SECONDS = 15 * 60


@dataclass
class Outcome:
    offer: HelpOffer
    created: bool


def offer_help(initiative, ask=None, **details):
    """Store an offer (once per person and ask) and tell the visitor and the team.

    `details`: name, email, phone, message, languages, role, language, and for an offer
    a buurtverbinder records: via_connector, resident_agreed, recorded_by.
    """
    original = initiative.original()
    with transaction.atomic():
        InitiativePage.objects.select_for_update().filter(pk=original.pk).first()
        ask_key = ask.key if ask else None
        existing = find_open(original, ask_key, details.get("email", ""), details.get("phone", ""))
        if existing:
            return Outcome(existing, created=False)
        offer = HelpOffer.objects.create(
            initiative=original, ask_key=ask_key, ask_what=ask.what if ask else "", **details
        )
        send_later(confirmation_message(offer))
        for user in team_of(original):
            send_later(team_message(offer, user))
    return Outcome(offer, created=True)


def find_open(initiative, ask_key, email, phone):
    """The open offer for this ask with the same address or phone number, compared in
    Python after one normalisation (never the database's case folding)."""
    offers = HelpOffer.objects.filter(
        initiative=initiative, ask_key=ask_key, status__in=["waiting", "welcomed"]
    )
    phone = normalise_phone(phone) or ""
    for offer in offers:
        if email and same_email(email, offer.email):
            return offer
        if phone and normalise_phone(offer.phone) == phone:
            return offer
    return None


def withdraw(offer):
    with transaction.atomic():
        offer = HelpOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.is_open:
            offer.status = HelpOffer.Status.WITHDRAWN
            offer.answered_at = offer.answered_at or timezone.now()
            offer.save(update_fields=["status", "answered_at"])
    return offer


def welcome(offer, role=""):
    """The person joins the team with `role`; the ask counts one more person found."""
    return answer(offer, HelpOffer.Status.WELCOMED, role=role or offer.role)


def not_now(offer):
    return answer(offer, HelpOffer.Status.NOT_NOW, role=offer.role)


def answer(offer, status, role):
    with transaction.atomic():
        offer = HelpOffer.objects.select_for_update().get(pk=offer.pk)
        if offer.status != HelpOffer.Status.WAITING:
            return offer
        offer.status, offer.role, offer.answered_at = status, role, timezone.now()
        offer.save(update_fields=["status", "role", "answered_at"])
        send_later(answer_message(offer))
    return offer


def resend_link(offer):
    """Mail the personal link again, only to the address on file. False when there is
    none; whoever typed the same details never sees the offer or its link."""
    if not offer.email:
        return False
    key = f"helpoffer:resent:{connection.schema_name}:{offer.token}"
    if shared_cache().add(key, True, timeout=RESEND_PAUSE_SECONDS):
        send_later(confirmation_message(offer, again=True))
    return True


def already_offered_notice(mailed):
    if mailed:
        return _(
            "You already offered this help. We sent the link to your offer again to the "
            "e-mail address you gave then."
        )
    return _(
        "You already offered this help. We cannot e-mail you the link to your offer: "
        "the team will contact you."
    )


def team_of(initiative):
    """Who runs the initiative: its owner and co-editors with an active account."""
    ids = set(co_editor_ids(initiative)) | {initiative.owner_id}
    users = get_user_model().objects.filter(pk__in=ids - {None}, is_active=True)
    return [user for user in users.order_by("pk") if user.email]


def offers_waiting_for(user):
    """(initiative, number of offers waiting for an answer) for the initiatives whose
    team `user` is in."""
    initiatives = (
        InitiativePage.objects.filter(help_offers__status=HelpOffer.Status.WAITING)
        .annotate(waiting=Count("help_offers"))
        .order_by("title")
    )
    return [
        (page, page.waiting)
        for page in initiatives
        if user.pk == page.owner_id or user.pk in co_editor_ids(page)
    ]


# Mails -------------------------------------------------------------------------------


def send_later(message):
    """Into the outbox, in the transaction of the change: sent once that commits."""
    if message is not None:
        message.send()


def buurt_sender():
    """The buurt's name in front of the platform's address."""
    return formataddr((connection.tenant.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))


def page_in_language(initiative, language):
    locale = Locale.objects.filter(language_code=language).first()
    translated = initiative.get_translation_or_none(locale) if locale else None
    return (translated if translated and translated.live else initiative).specific


def personal_url(offer, language=None):
    """The link in the person's language: the translation when there is one, else the
    page as the site shows it under that language's prefix."""
    language = language or offer.language
    page = page_in_language(offer.initiative, language)
    _site, root, path = page.get_url_parts()
    if (
        page.locale.language_code != language
        and Locale.objects.filter(language_code=language).exists()
    ):
        path = f"/{language}{path}"
    return root + path + page.reverse_subpage("help_offer", args=[offer.token])


def answers_url(offer):
    path = reverse("initiative_help_offers", args=[offer.initiative_id])
    return connection.tenant.base_url + path


def confirmation_message(offer, again=False):
    if not offer.email:
        return None
    with translation.override(offer.language):
        page = page_in_language(offer.initiative, offer.language)
        context = {"offer": offer, "page": page, "url": personal_url(offer), "again": again}
        subject = _("Thank you for offering help to %(title)s") % {"title": page.title}
        body = render_to_string("buurtpages/email/help_offer.txt", context)
    return EmailMessage(subject, body, from_email=buurt_sender(), to=[offer.email])


def team_message(offer, user):
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation.override(language):
        context = {"offer": offer, "user": user, "url": answers_url(offer)}
        subject = _("%(name)s offers help to %(title)s") % {
            "name": offer.name,
            "title": offer.initiative.title,
        }
        body = render_to_string("buurtpages/email/help_offer_team.txt", context)
    return EmailMessage(subject, body, from_email=buurt_sender(), to=[user.email])


def answer_message(offer):
    if not offer.email:
        return None
    with translation.override(offer.language):
        page = page_in_language(offer.initiative, offer.language)
        context = {"offer": offer, "page": page, "url": personal_url(offer)}
        if offer.status == HelpOffer.Status.WELCOMED:
            subject = _("Welcome to the team of %(title)s") % {"title": page.title}
        else:
            subject = _("Thank you for your offer to %(title)s") % {"title": page.title}
        body = render_to_string("buurtpages/email/help_offer_answer.txt", context)
    return EmailMessage(subject, body, from_email=buurt_sender(), to=[offer.email])
