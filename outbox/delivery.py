"""Delivering the outbox of the current schema: retries, backoff, retry and cancel.

Each mail is delivered in a transaction of its own that holds its row locked
(`SELECT … FOR UPDATE SKIP LOCKED`) while the mail server takes it, and marks it sent
before committing. Two senders never take the same row; when the process dies in the
middle of a batch, the mails already handed over are committed as sent and the one in
hand is rolled back to waiting, so a second run sends each mail once. (A crash in the
instant between the server accepting a mail and the commit sends that one mail again,
with the same Message-ID, which lets the receiving side drop the copy.)

A failed attempt is recorded with its error and tried again later, each wait twice the
one before (`OUTBOX_RETRY_SECONDS` up to `OUTBOX_RETRY_MAX_SECONDS`); after
`OUTBOX_MAX_ATTEMPTS` the mail is marked failed and waits for the Buurtbeheerder, who
sees it in the admin and can retry or cancel it.
"""

import base64
import logging
import smtplib
from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from outbox.models import OutgoingMail

logger = logging.getLogger(__name__)

MESSAGE_ID_HEADER = "Message-ID"
# After this many attempts in a row that could not even reach the mail server, the rest
# of the batch waits for the next run instead of each timing out in turn.
UNREACHABLE_LIMIT = 3
UNREACHABLE = (OSError, smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError)


def deliver_due(now=None, limit=None):
    """Deliver every mail of the current schema whose time has come; a Counter of
    outcomes (sent, retry, failed, skipped)."""
    now = now or timezone.now()
    due = OutgoingMail.objects.filter(status=OutgoingMail.Status.PENDING, next_attempt_at__lte=now)
    ids = list(due.order_by("next_attempt_at", "pk").values_list("pk", flat=True)[:limit])
    return deliver(ids, now=now)


def deliver(ids, now=None):
    """Try to deliver these mails (those still waiting and due); never raises for a
    mail server that fails, so it is safe to run right after a request's commit."""
    outcomes = Counter()
    if not ids:
        return outcomes
    mail_server = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
    unreachable = 0
    try:
        for pk in ids:
            outcome, error = deliver_one(pk, mail_server, now)
            outcomes[outcome] += 1
            if error is not None:
                close_quietly(mail_server)  # the next mail starts a fresh session
            unreachable = unreachable + 1 if isinstance(error, UNREACHABLE) else 0
            if unreachable >= UNREACHABLE_LIMIT:
                break
    finally:
        close_quietly(mail_server)
    return outcomes


def deliver_quietly(ids):
    """`deliver` right after a commit: whatever goes wrong is logged, never shown to the
    visitor whose action was stored (the sender tries again later)."""
    try:
        deliver(ids)
    except Exception:
        logger.exception("delivering mails %s right after the commit failed", ids)


def deliver_one(pk, mail_server, now=None):
    """(outcome, error) for one row, in its own transaction with the row locked."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, status=OutgoingMail.Status.PENDING)
            .first()
        )
        if mail is None or mail.next_attempt_at > (now or timezone.now()):
            return "skipped", None  # sent or cancelled meanwhile, another sender has it, or not due
        try:
            mail_server.send_messages([as_email(mail)])
        except Exception as error:
            return record_failure(mail, error), error
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = timezone.now()
        mail.attempts += 1
        mail.last_error = ""
        mail.save(update_fields=["status", "sent_at", "attempts", "last_error"])
        return "sent", None


def record_failure(mail, error):
    mail.attempts += 1
    mail.last_error = f"{type(error).__name__}: {error}"[:2000]
    if mail.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        mail.status = OutgoingMail.Status.FAILED
    else:
        mail.next_attempt_at = timezone.now() + backoff(mail.attempts)
    mail.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])
    logger.warning("mail %s (attempt %s) not delivered: %s", mail.pk, mail.attempts, error)
    return "failed" if mail.status == OutgoingMail.Status.FAILED else "retry"


def backoff(attempts):
    """The wait after the n-th failed attempt: doubling, capped."""
    seconds = settings.OUTBOX_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return timedelta(seconds=min(seconds, settings.OUTBOX_RETRY_MAX_SECONDS))


def close_quietly(mail_server):
    try:
        mail_server.close()
    except Exception:  # a dead connection cannot be closed politely
        logger.debug("closing the mail connection failed", exc_info=True)


def retry(mail):
    """The Buurtbeheerder asks for another try now; a fresh series of attempts."""
    OutgoingMail.objects.filter(
        pk=mail.pk, status__in=[OutgoingMail.Status.PENDING, OutgoingMail.Status.FAILED]
    ).update(status=OutgoingMail.Status.PENDING, attempts=0, next_attempt_at=timezone.now())
    if settings.OUTBOX_DELIVER_AFTER_COMMIT:
        transaction.on_commit(lambda: deliver_quietly([mail.pk]))


def cancel(mail):
    """Never send this mail (it stays listed as cancelled until it is purged)."""
    OutgoingMail.objects.filter(
        pk=mail.pk, status__in=[OutgoingMail.Status.PENDING, OutgoingMail.Status.FAILED]
    ).update(status=OutgoingMail.Status.CANCELLED, sent_at=timezone.now())


def purge_delivered(now=None):
    """Delete mails sent or cancelled more than `OUTBOX_KEEP_DAYS` ago: the outbox is
    not an archive of people's mail. Returns how many went."""
    before = (now or timezone.now()) - timedelta(days=settings.OUTBOX_KEEP_DAYS)
    done = (OutgoingMail.Status.SENT, OutgoingMail.Status.CANCELLED)
    deleted, _by_model = OutgoingMail.objects.filter(status__in=done, sent_at__lt=before).delete()
    return deleted


def as_email(mail):
    """The stored row as a message again, with its own Message-ID."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        bcc=mail.bcc,
        cc=mail.cc,
        reply_to=mail.reply_to,
        headers={**mail.headers, MESSAGE_ID_HEADER: mail.message_id},
        alternatives=[tuple(alternative) for alternative in mail.alternatives],
    )
    message.content_subtype = mail.content_subtype
    for filename, data, mimetype, is_text in mail.attachments:
        content = base64.b64decode(data)
        message.attach(filename, content.decode() if is_text else content, mimetype)
    return message
