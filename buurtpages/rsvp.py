"""Signing up for an activity: capacity, waitlist, cancel links and the e-mails about them.

Each sign-up or cancellation locks the activity row, so two people taking the last
place at the same moment cannot both get it.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtpages.models import ActivityPage, Registration
from kernel.emails import same_email, sender_named
from kernel.phones import normalise_phone
from kernel.shared_cache import shared_cache

BOOKABLE_WEEKS = 8
# A personal link is mailed again at most once in this many seconds per sign-up, so
# typing someone's address over and over cannot flood their mailbox.
RESEND_PAUSE_SECONDS = 15 * 60


class RegistrationRefused(Exception):
    def __init__(self, message):
        self.message = message
        super().__init__(message)


@dataclass
class Outcome:
    registration: Registration
    created: bool


def bookable_occurrences(activity, now=None):
    now = now or timezone.now()
    if activity.is_cancelled:
        return []
    window_end = now + timedelta(weeks=BOOKABLE_WEEKS)
    return [o for o in activity.occurrences_between(now, window_end) if o.start > now]


def register(activity, occurrence_start, *, name, email="", phone="", language="nl", **recorded):
    """`recorded`: for a sign-up a buurtverbinder typed in for a resident (via_connector,
    resident_agreed, recorded_by)."""
    with transaction.atomic():
        activity = ActivityPage.objects.select_for_update().get(pk=activity.pk)
        check_bookable(activity, occurrence_start)
        existing = find_active(activity, occurrence_start, email, phone)
        if existing:
            return Outcome(existing, created=False)
        registration = Registration.objects.create(
            activity=activity,
            occurrence_start=occurrence_start,
            name=name,
            email=email,
            phone=phone,
            language=language,
            status=status_for_new(activity, occurrence_start),
            **recorded,
        )
        send_status_mail(registration)
    return Outcome(registration, created=True)


def cancel(registration):
    """Cancel a sign-up; a freed place goes to the first person on the waitlist."""
    with transaction.atomic():
        ActivityPage.objects.select_for_update().get(pk=registration.activity_id)
        registration.refresh_from_db()
        if not registration.is_active:
            return None
        freed_place = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = promote_from_waitlist(registration) if freed_place else None
        if promoted:
            send_status_mail(promoted, promoted=True)
    return promoted


def check_bookable(activity, occurrence_start):
    if activity.is_cancelled:
        raise RegistrationRefused(_("Sorry, this activity has been cancelled."))
    if occurrence_start not in {o.start for o in bookable_occurrences(activity)}:
        raise RegistrationRefused(
            _("Sorry, you can no longer sign up for this date. Please choose another one.")
        )


def find_active(activity, occurrence_start, email, phone):
    """The active sign-up for this date with the same e-mail address or phone number.

    Addresses are compared in Python after one normalisation (see kernel.phones),
    never with the database's case folding; the activity row is locked by the caller,
    so nobody signs up in between.
    """
    active = Registration.objects.filter(activity=activity, occurrence_start=occurrence_start)
    active = active.exclude(status=Registration.Status.CANCELLED).order_by("created_at")
    phone = normalise_phone(phone) or ""
    for registration in active:
        if same_email(email, registration.email):
            return registration
        if phone and normalise_phone(registration.phone) == phone:
            return registration
    return None


def resend_link(registration):
    """Mail the personal link again, only to the address on file.

    Returns False when there is no address to mail it to. Whoever typed the same
    details never sees the sign-up or its link.
    """
    if not registration.email:
        return False
    key = f"rsvp:resent:{connection.schema_name}:{registration.token}"
    if shared_cache().add(key, True, timeout=RESEND_PAUSE_SECONDS):
        send_status_mail(registration, again=True)
    return True


def status_for_new(activity, occurrence_start):
    if activity.capacity is None:
        return Registration.Status.CONFIRMED
    confirmed = Registration.objects.filter(
        activity=activity,
        occurrence_start=occurrence_start,
        status=Registration.Status.CONFIRMED,
    ).count()
    full = confirmed >= activity.capacity
    return Registration.Status.WAITLIST if full else Registration.Status.CONFIRMED


def promote_from_waitlist(cancelled):
    first = (
        Registration.objects.filter(
            activity_id=cancelled.activity_id,
            occurrence_start=cancelled.occurrence_start,
            status=Registration.Status.WAITLIST,
        )
        .order_by("created_at")
        .first()
    )
    if first:
        first.status = Registration.Status.CONFIRMED
        first.save(update_fields=["status"])
    return first


def registration_url(registration):
    activity = registration.activity.specific
    return activity.get_full_url() + activity.reverse_subpage(
        "registration", args=[registration.token]
    )


def already_registered_notice(mailed):
    if mailed:
        return _(
            "You are already signed up for this date. We sent the link to your sign-up "
            "again to the e-mail address you gave then."
        )
    return _(
        "You are already signed up for this date. We cannot e-mail you the link to "
        "your sign-up: if you want to change it, please contact the organiser of "
        "this activity."
    )


def send_status_mail(registration, promoted=False, again=False):
    if not registration.email:
        return
    activity = registration.activity.specific
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "activity": activity,
            "promoted": promoted,
            "again": again,
            "url": registration_url(registration),
            "when": timezone.localtime(registration.occurrence_start),
            "buurt": connection.tenant.name,
        }
        if promoted:
            subject = _("A place became free: you can come to %(title)s") % {
                "title": activity.title
            }
        elif registration.status == Registration.Status.WAITLIST:
            subject = _("You are on the waiting list for %(title)s") % {"title": activity.title}
        else:
            subject = _("You are signed up for %(title)s") % {"title": activity.title}
        body = render_to_string("buurtpages/email/registration.txt", context)
    sender = sender_named(connection.tenant.name)
    EmailMessage(subject, body, from_email=sender, to=[registration.email]).send()
