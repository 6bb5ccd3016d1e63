"""Visitors report inappropriate pages; three different people take a page offline
until a buurtverbinder decides. The author is told why.

Reports are an anonymous lever on what is live, so they are hard to pull alone:
- "different people" are different networks (IPv4 /24, IPv6 /64), stored as a keyed
  hash: one person with many addresses from one provider's block counts once;
- section pages and the home page are never taken offline (that would take a whole part
  of the site down); at the threshold buurtverbinders are asked to look instead;
- for 30 days after a buurtverbinder puts a page back, it takes twice as many reports,
  so the same group cannot take it down again right away.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from buurtpages.models import BuurtHomePage, Signal
from buurtpages.models.base import SectionIndexPage
from kernel.roles import CONNECTOR
from workflows.models import ContentReport, ModerationCase
from workflows.notifications import admin_url, notify, users_in

REPORTS_TO_TAKE_OFFLINE = getattr(settings, "BUURT_REPORTS_TO_TAKE_OFFLINE", 3)
REPORTS_FACTOR_AFTER_RESTORE = 2
COOL_DOWN_AFTER_RESTORE = timedelta(days=30)
IPV4_NETWORK_PREFIX = 24
IPV6_NETWORK_PREFIX = 64


def reporter_network(address):
    """The network an address belongs to: what one person can easily switch within."""
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return address
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    prefix = IPV4_NETWORK_PREFIX if ip.version == 4 else IPV6_NETWORK_PREFIX
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))


def reporter_key(address):
    """A keyed hash of the reporter's network: counts people, stores no address."""
    return Signal.hash_sender(f"network:{reporter_network(address)}")


def may_be_taken_offline(page):
    page = page.specific
    return page.depth > 2 and not isinstance(page, (BuurtHomePage, SectionIndexPage))


def reports_needed(page):
    """The threshold, doubled while a buurtverbinder's recent restore stands."""
    since = timezone.now() - COOL_DOWN_AFTER_RESTORE
    restored_recently = ModerationCase.objects.filter(
        page_id=page.pk, status=ModerationCase.Status.RESTORED, decided_at__gte=since
    ).exists()
    factor = REPORTS_FACTOR_AFTER_RESTORE if restored_recently else 1
    return REPORTS_TO_TAKE_OFFLINE * factor


def open_reports(page):
    return ContentReport.objects.filter(page=page, case__isnull=True)


def different_reporters(page):
    return open_reports(page).values("reporter").distinct().count()


@transaction.atomic
def file_report(page, reason, explanation, reporter):
    """Store the report once per reporter (see reporter_key); at the threshold take the
    page offline, or, for a page that is never taken offline, ask buurtverbinders."""
    is_new = not open_reports(page).filter(reporter=reporter).exists()
    if is_new:
        ContentReport.objects.create(
            page=page, reason=reason, explanation=explanation, reporter=reporter
        )
    reporters, needed = different_reporters(page), reports_needed(page)
    if not may_be_taken_offline(page):
        if is_new and reporters == needed:
            ask_buurtverbinders_to_look(page)
        return None
    if page.live and reporters >= needed:
        return take_offline(page)
    return None


def ask_buurtverbinders_to_look(page):
    page = page.specific
    context = {
        "page": page,
        "reports": list(open_reports(page)),
        "page_url": admin_url("wagtailadmin_pages:edit", page.pk),
    }
    notify(users_in(CONNECTOR), "reported_page_stays_online", context)


def take_offline(page):
    page = page.specific
    case = ModerationCase.objects.create(page=page, revision=page.live_revision)
    reasons = list(open_reports(page))
    open_reports(page).update(case=case)
    page.unpublish(user=None, log_action=False)
    log(
        instance=page,
        action="workflows.taken_offline",
        data={"reports": len(reasons)},
    )
    context = {"page": page, "case": case, "reports": reasons}
    context["case_url"] = admin_url("moderation_case", case.pk)
    if page.owner:
        notify([page.owner], "taken_offline_author", context)
    notify(users_in(CONNECTOR).exclude(pk=page.owner_id), "taken_offline_reviewers", context)
    return case


@transaction.atomic
def decide(case, user, restore, note=""):
    page = case.page.specific
    case.decided_at = timezone.now()
    case.decided_by = user
    case.decision_note = note
    if restore and case.revision is not None:
        case.status = ModerationCase.Status.RESTORED
        case.revision.publish(user=user)
    else:
        case.status = ModerationCase.Status.KEPT_OFFLINE
    case.save()
    log(
        instance=page,
        action="workflows.moderation_decided",
        user=user,
        data={"restored": case.status == ModerationCase.Status.RESTORED, "note": note},
    )
    if page.owner and page.owner != user:
        notify([page.owner], "moderation_decided", {"page": page, "case": case})
