"""The moderation steps of a buurt, and the records they keep.

Three Wagtail tasks: a peer review by another buurtverbinder (four eyes), advice by
the buurt's professionals that never blocks residents (a deadline moves it on), and
the consent of the person shown on a Person page (asked by e-mail, no account).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, PageLogEntry, Task, TaskState

from kernel.fields import ChoiceArrayField
from kernel.roles import PROFESSIONAL, users_with_role


def submitter_of(obj):
    """Who asked for this review: the workflow's requester and the revision's author."""
    people = set()
    workflow_state = getattr(obj, "current_workflow_state", None)
    if workflow_state and workflow_state.requested_by_id:
        people.add(workflow_state.requested_by_id)
    revision = getattr(obj, "latest_revision", None)
    if revision and revision.user_id:
        people.add(revision.user_id)
    return people


class ReasonRequiredForm(TaskStateCommentForm):
    """Asking for changes without saying why leaves a resident guessing."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].label = _("Reason")
        self.fields["comment"].help_text = _(
            "The author sees this. Say what should change, and why."
        )


class AdviceRequiredForm(TaskStateCommentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].required = True
        self.fields["comment"].label = _("Your advice")


class PeerReviewTask(AbstractGroupApprovalTask):
    """Approval by a member of the chosen groups who is not the author (four eyes).

    Wagtail's GroupApprovalTask lets an author in the group approve their own change.
    """

    def user_is_submitter(self, obj, user):
        return user.pk in submitter_of(obj)

    def get_actions(self, obj, user):
        if self.user_is_submitter(obj, user):
            return []
        return super().get_actions(obj, user)

    def get_form_for_action(self, action):
        return ReasonRequiredForm if action == "reject" else TaskStateCommentForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and self.user_is_submitter(task_state.revision.content_object, user):
            raise PermissionDenied(_("You cannot review your own change."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if not states.exists():
            return TaskState.objects.none()
        return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)

    @classmethod
    def get_description(cls):
        return _("Another buurtverbinder, never the author, approves or asks for changes")

    class Meta:
        verbose_name = _("Peer review")
        verbose_name_plural = _("Peer reviews")


class ProfessionalSupportTask(Task):
    """The buurt's professionals advise within a deadline; silence never blocks residents.

    Professionals act from the preview and the review dialog: they cannot open the
    resident's page in the editor (they support, they do not take over).
    """

    deadline_days = models.PositiveSmallIntegerField(
        _("days to respond"),
        default=3,
        help_text=_("After this many days without an answer the page moves on by itself."),
    )

    admin_form_fields = [*Task.admin_form_fields, "deadline_days"]

    def professionals(self):
        return users_with_role(PROFESSIONAL)

    def user_is_professional(self, user):
        return user.is_active and self.professionals().filter(pk=user.pk).exists()

    def get_actions(self, obj, user):
        if user.pk in submitter_of(obj) or not self.user_is_professional(user):
            return []
        return [
            ("reject", _("Request changes"), True),
            ("advise", _("Give advice and pass on"), True),
            ("approve", _("Agree"), False),
        ]

    def get_form_for_action(self, action):
        forms_by_action = {"reject": ReasonRequiredForm, "advise": AdviceRequiredForm}
        return forms_by_action.get(action, TaskStateCommentForm)

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        obj = task_state.revision.content_object
        if user is None or action_name not in [a for a, *_ in self.get_actions(obj, user)]:
            raise PermissionDenied
        if action_name == "advise":
            action_name = "approve"
        super().on_action(task_state, user, action_name, **kwargs)
        # Back to the dashboard: professionals do not open residents' pages in the editor.
        return reverse("wagtailadmin_home")

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.user_is_professional(user):
            return TaskState.objects.none()
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(workflow_state__requested_by=user)
            .exclude(revision__user=user)
        )

    def deadline_for(self, task_state):
        return task_state.started_at + timedelta(days=self.deadline_days)

    def expired_states(self, now=None):
        cutoff = (now or timezone.now()) - timedelta(days=self.deadline_days)
        return self.task_states.filter(
            status=TaskState.STATUS_IN_PROGRESS, started_at__lte=cutoff
        ).select_related("workflow_state", "revision")

    def move_on(self, task_state):
        """The deadline passed without an answer: note it in the log and continue."""
        comment = str(
            _("No answer from the professionals within %(days)s days; the page moves on.")
            % {"days": self.deadline_days}
        )
        log(
            instance=task_state.revision.as_object(),
            action="workflows.support_deadline_passed",
            data={"task": self.name, "days": self.deadline_days},
            revision=task_state.revision,
        )
        task_state.approve(user=None, comment=comment)

    @classmethod
    def get_description(cls):
        return _("The buurt's professionals advise within a deadline, then the page moves on")

    class Meta:
        verbose_name = _("Professional support")
        verbose_name_plural = _("Professional support")


class ConsentTask(Task):
    """The person shown on a Person page agrees (or not) by a link in an e-mail.

    Consent is tied to what the page shows: a later change to the visible content
    asks again. Nobody in the admin can approve this step on the person's behalf.
    """

    def start(self, workflow_state, user=None):
        from workflows.consent import consent_for, request_consent

        task_state = super().start(workflow_state, user=user)
        page = task_state.revision.as_object()
        existing = consent_for(page)
        if existing is not None:
            self.approve_as_already_given(task_state, existing)
        else:
            request_consent(task_state, page)
        return task_state

    def approve_as_already_given(self, task_state, consent):
        # WorkflowState.update moves on when a task state comes back finished.
        task_state.status = TaskState.STATUS_APPROVED
        task_state.finished_at = timezone.now()
        task_state.comment = str(
            _("%(who)s already agreed to this content on %(when)s.")
            % {"who": consent.given_by, "when": date_format(consent.given_at, "SHORT_DATE_FORMAT")}
        )
        task_state.save()

    def get_actions(self, obj, user):
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return TaskState.objects.none()

    @classmethod
    def get_description(cls):
        return _("The person shown agrees to publication through a link in an e-mail")

    class Meta:
        verbose_name = _("Consent of the person shown")
        verbose_name_plural = _("Consent of the person shown")


def new_token():
    return secrets.token_urlsafe(32)


class ConsentRequest(models.Model):
    """One e-mail asking one person about one version of their page."""

    class Decision(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        GIVEN = "given", _("Agreed")
        REFUSED = "refused", _("Refused")

    task_state = models.ForeignKey(TaskState, on_delete=models.CASCADE, related_name="+")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(max_length=64, unique=True, default=new_token)
    sent_at = models.DateTimeField(auto_now_add=True)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("consent request")
        verbose_name_plural = _("consent requests")

    def __str__(self):
        return self.email

    @property
    def is_open(self):
        return (
            self.decision == self.Decision.PENDING
            and self.task_state.status == TaskState.STATUS_IN_PROGRESS
        )


class PersonConsent(models.Model):
    """A recorded yes: who, when, for which revision and which visible content."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="person_consents"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    fingerprint = models.CharField(max_length=64, db_index=True)
    given_by = models.CharField(_("given by"), max_length=254)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self):
        return f"{self.given_by} ({self.given_at:%d-%m-%Y})"


class AccountRequest(models.Model):
    """A resident asks for an account; a buurtverbinder decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    motivation = models.TextField(_("what would you like to do on the site?"), blank=True)
    language = models.CharField(_("language"), max_length=10, default=settings.LANGUAGE_CODE)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("account request")
        verbose_name_plural = _("account requests")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"


class ContentReport(models.Model):
    """A visitor's report that a page is inappropriate ("meld ongepaste inhoud")."""

    class Reason(models.TextChoices):
        HURTFUL = "hurtful", _("Hurtful or discriminating")
        PRIVACY = "privacy", _("Shows someone without permission")
        UNTRUE = "untrue", _("Untrue or misleading")
        SPAM = "spam", _("Advertising or spam")
        OTHER = "other", _("Something else")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    explanation = models.TextField(_("explanation"), blank=True, max_length=2000)
    # A keyed hash of the visitor's network address: counts different people without
    # storing who they are.
    reporter = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True)
    case = models.ForeignKey(
        "ModerationCase", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.page})"


class ModerationCase(models.Model):
    """A page taken offline after reports, waiting for a buurtverbinder's decision."""

    class Status(models.TextChoices):
        OFFLINE = "offline", _("Offline, waiting for a decision")
        RESTORED = "restored", _("Back online")
        KEPT_OFFLINE = "kept_offline", _("Kept offline")

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=15, choices=Status.choices, default=Status.OFFLINE)
    taken_offline_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_note = models.TextField(_("note to the author"), blank=True)

    class Meta:
        verbose_name = _("page taken offline")
        verbose_name_plural = _("pages taken offline")
        ordering = ["-taken_offline_at"]

    def __str__(self):
        return str(self.page)


class AuditLogEntry(PageLogEntry):
    """What happened to pages in this buurt's workflows, for the Buurtbeheerder."""

    class Meta:
        proxy = True
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        permissions = [("view_audit_log", _("Can view the audit log of workflow actions"))]


class TranslatorLanguages(models.Model):
    """The languages someone translates the buurt's pages into ("languages I translate"):
    their translator's queue and "Wacht op jou" show the pages waiting in those."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="translator_languages"
    )
    languages = ChoiceArrayField(
        models.CharField(max_length=10, choices=settings.LANGUAGES),
        verbose_name=_("languages I translate"),
        default=list,
        blank=True,
    )

    class Meta:
        verbose_name = _("languages I translate")
        verbose_name_plural = _("languages I translate")

    def __str__(self):
        return ", ".join(self.languages)

    @classmethod
    def of(cls, user):
        found = cls.objects.filter(user=user).values_list("languages", flat=True).first()
        return list(found or [])
