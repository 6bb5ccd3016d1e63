"""What waits for the signed-in person ("Wacht op jou"), per role."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import TaskState, WorkflowState

from buurtpages.help_offers import offers_waiting_for
from buurtpages.models import Signal
from workflows.models import AccountRequest, ModerationCase, ProfessionalSupportTask


@dataclass
class Item:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    title: str
    items: list = field(default_factory=list)


def waiting_for(user):
    sections = [
        your_pages_needing_changes(user),
        reviews_waiting(user),
        reported_pages(user),
        offers_of_help(user),
        counts_for_moderators(user),
        pages_to_translate(user),
    ]
    return [section for section in sections if section.items]


def your_pages_needing_changes(user):
    states = WorkflowState.objects.filter(
        requested_by=user, status=WorkflowState.STATUS_NEEDS_CHANGES
    ).select_related("current_task_state")
    section = Section(_("Your pages that need changes"))
    for state in states:
        page = state.content_object
        comment = state.current_task_state.comment if state.current_task_state else ""
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        section.items.append(Item(page.get_admin_display_title(), url, comment))
    return section


def reviews_waiting(user):
    section = Section(_("Pages waiting for your review or advice"))
    states = TaskState.objects.reviewable_by(user).select_related("task", "revision")
    for state in states.order_by("started_at"):
        page = state.revision.content_object
        task = state.task.specific
        url = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task.pk])
        detail = task.name
        if isinstance(task, ProfessionalSupportTask):
            deadline = task.deadline_for(state)
            detail = _("Advice asked until %(deadline)s") % {
                "deadline": deadline.strftime("%d-%m-%Y %H:%M")
            }
        section.items.append(Item(page.get_admin_display_title(), url, detail))
    return section


def reported_pages(user):
    section = Section(_("Reported pages offline, waiting for your decision"))
    if user.has_perm("workflows.change_moderationcase"):
        cases = ModerationCase.objects.filter(status=ModerationCase.Status.OFFLINE)
        for case in cases.select_related("page"):
            url = reverse("moderation_case", args=[case.pk])
            section.items.append(Item(case.page.title, url))
    return section


def offers_of_help(user):
    """Residents who offered help to an initiative whose team the user is in."""
    section = Section(_("Offers of help waiting for your answer"))
    for initiative, number in offers_waiting_for(user):
        label = ngettext("%(n)s offer of help", "%(n)s offers of help", number) % {"n": number}
        url = reverse("initiative_help_offers", args=[initiative.pk])
        section.items.append(Item(initiative.title, url, label))
    return section


def counts_for_moderators(user):
    checks = [
        (
            "buurtpages.view_signal",
            lambda: Signal.objects.filter(status=Signal.Status.NEW).count(),
            lambda n: ngettext("%(n)s new signal", "%(n)s new signals", n),
            reverse("wagtailsnippets_buurtpages_signal:list"),
        ),
        (
            "workflows.change_accountrequest",
            lambda: AccountRequest.objects.filter(status=AccountRequest.Status.PENDING).count(),
            lambda n: ngettext("%(n)s account request", "%(n)s account requests", n),
            reverse("account_requests"),
        ),
        (
            "auth.add_user",
            lambda: get_user_model().objects.filter(password__startswith="!").count(),
            lambda n: ngettext(
                "%(n)s invitation not accepted yet", "%(n)s invitations not accepted yet", n
            ),
            reverse("invite_people"),
        ),
    ]
    section = Section(_("For the buurt"))
    for permission, count, label, url in checks:
        if user.has_perm(permission) and (number := count()):
            section.items.append(Item(label(number) % {"n": number}, url))
    return section


def pages_to_translate(user):
    """Per language the person translates: how many pages wait in their queue."""
    from workflows.translation_queue import queues_for

    section = Section(_("Pages to translate"))
    url = reverse("translation_queue")
    for queue in queues_for(user):
        if queue.count:
            label = ngettext(
                "%(language)s: %(count)d page", "%(language)s: %(count)d pages", queue.count
            ) % {"language": queue.name, "count": queue.count}
            section.items.append(Item(label, url))
    return section
