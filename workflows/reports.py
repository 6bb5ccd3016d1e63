"""Visitors report inappropriate pages; three different people take a page offline
until a buurtverbinder decides. The author is told why."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from workflows.models import ContentReport, ModerationCase
from workflows.notifications import admin_url, notify, users_in
from workflows.roles import BUURTVERBINDER

REPORTS_TO_TAKE_OFFLINE = getattr(settings, "BUURT_REPORTS_TO_TAKE_OFFLINE", 3)


def open_reports(page):
    return ContentReport.objects.filter(page=page, case__isnull=True)


def different_reporters(page):
    return open_reports(page).values("reporter").distinct().count()


@transaction.atomic
def file_report(page, reason, explanation, reporter):
    """Store the report once per person; take the page offline at the threshold."""
    if not open_reports(page).filter(reporter=reporter).exists():
        ContentReport.objects.create(
            page=page, reason=reason, explanation=explanation, reporter=reporter
        )
    if page.live and different_reporters(page) >= REPORTS_TO_TAKE_OFFLINE:
        return take_offline(page)
    return None


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
    notify(users_in(BUURTVERBINDER).exclude(pk=page.owner_id), "taken_offline_reviewers", context)
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
