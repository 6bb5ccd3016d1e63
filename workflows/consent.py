"""Consent of the person shown on a Person page: asked by e-mail, recorded per content.

A consent covers the content the person saw (a fingerprint of the visible fields),
so fixing a typo elsewhere keeps it, and any change to what the page shows about
them asks again.
"""

import hashlib
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.images.models import AbstractImage

from kernel.emails import normal_email, sender_named
from workflows.models import ConsentRequest, PersonConsent
from workflows.notifications import buurt_url


def fingerprint(page, changes=None):
    """A hash of what the page shows about the person; `changes` overrides fields
    (the editor form checks content that is not saved yet).

    Chosen records count by what the site shows of them, not by their number: the text of
    a place or organisation, the bytes of a photo. Renaming the place or giving the photo
    another file then asks again, just like editing the page does."""
    changes = changes or {}
    visible = {
        name: shown(changes[name] if name in changes else getattr(page, name, None))
        for name in page.consent_fields
    }
    visible["locale"] = page.locale_id
    visible["address"] = _address(page, changes.get("slug", page.slug))
    encoded = json.dumps(visible, sort_keys=True, default=str).encode()
    return hashlib.sha256(encoded).hexdigest()


def shown(value):
    """What the site shows of a field's value."""
    if isinstance(value, AbstractImage):
        return {"photo": _file_hash(value)}
    if hasattr(value, "consent_text"):
        return value.consent_text
    return getattr(value, "pk", value)


def _file_hash(image):
    digest = hashlib.sha256()
    try:
        with image.open_file() as stored:
            for chunk in iter(lambda: stored.read(65536), b""):
                digest.update(chunk)
    except (OSError, ValueError):
        return f"missing:{image.file.name}"
    return digest.hexdigest()


def _address(page, slug):
    """The page's path on the site (its URL), from its place in the tree and its slug."""
    parent = page.get_parent() if page.pk else None
    return f"{parent.url_path if parent else ''}{slug}/"


def belongs_to_an_account(address):
    """Whether `address` is (after normalisation) the e-mail or user name of an account
    of this buurt: then its owner, not the person shown, would answer the consent mail."""
    wanted = normal_email(address)
    if not wanted:
        return False
    accounts = get_user_model().objects.values_list("email", "username")
    return any(wanted in (normal_email(e), normal_email(u)) for e, u in accounts)


def consent_for(page, changes=None):
    """The recorded consent covering what `page` shows (with `changes`), or None."""
    if page.pk is None:
        return None
    content = fingerprint(page, changes)
    return PersonConsent.objects.filter(page_id=page.pk, fingerprint=content).first()


def record_consent(page, given_by, revision=None):
    return PersonConsent.objects.create(
        page_id=page.pk, revision=revision, fingerprint=fingerprint(page), given_by=given_by
    )


def agreed(page):
    """The person shown agrees, by e-mail, to the page as it is now (tests and the demo
    record consent this way instead of answering the mail)."""
    record_consent(page, given_by=page.contact_email)
    return page


def request_consent(task_state, page):
    consent_request = ConsentRequest.objects.create(
        task_state=task_state, page_id=page.pk, email=page.contact_email
    )
    message = consent_mail(consent_request, page)
    message.send()
    return consent_request


def consent_url(consent_request):
    return buurt_url(reverse("person_consent", args=[consent_request.token]))


def mail_language(page):
    language = page.locale.language_code
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def consent_mail(consent_request, page):
    buurt = connection.tenant
    with translation.override(mail_language(page)):
        context = {"page": page, "buurt": buurt, "url": consent_url(consent_request)}
        subject = _("May %(buurt)s show your page?") % {"buurt": buurt.name}
        body = render_to_string("workflows/email/consent_request.txt", context)
    return EmailMessage(
        subject, body, from_email=sender_named(buurt.name), to=[consent_request.email]
    )


@transaction.atomic
def decide(consent_request, agreed):
    """The person's answer: record it and move the workflow on (or back to the author)."""
    task_state = consent_request.task_state
    page = task_state.revision.as_object()
    consent_request.decided_at = timezone.now()
    if agreed:
        consent_request.decision = ConsentRequest.Decision.GIVEN
        record_consent(page, consent_request.email, revision=task_state.revision)
        comment = _("%(email)s agreed to publication.") % {"email": consent_request.email}
        consent_request.save()
        task_state.approve(user=None, comment=comment)
    else:
        consent_request.decision = ConsentRequest.Decision.REFUSED
        comment = _("%(email)s does not want this page to be published.") % {
            "email": consent_request.email
        }
        consent_request.save()
        task_state.reject(user=None, comment=comment)
