from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from buurtpages.blocks import BodyBlock
from buurtpages.models.base import CoEditableMixin
from buurtpages.panels import TeamBalancePanel
from buurtpages.teams import TeamRole

# A team resting on fewer people than this is vulnerable (Buurkracht: every role
# filled, preferably by more than one person).
MIN_TEAM_SIZE = 3


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    LOOKING = "looking", _("Looking for people")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


class InitiativePage(CoEditableMixin, Page):
    """A plan or project of residents, with its team, partners and what help it needs."""

    goal = models.TextField(
        _("goal"), help_text=_("What do you want to achieve, in one or two sentences?")
    )
    body = StreamField(BodyBlock(), verbose_name=_("story"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.IDEA
    )
    themes = ParentalManyToManyField("buurtpages.Theme", verbose_name=_("themes"), blank=True)
    partners = ParentalManyToManyField("buurtpages.Partner", verbose_name=_("partners"), blank=True)

    settings_panels = [*Page.settings_panels, *CoEditableMixin.co_editor_panels]
    content_panels = [
        *Page.content_panels,
        TeamBalancePanel(heading=_("Team balance")),
        FieldPanel("goal"),
        FieldPanel("status"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        InlinePanel("team_members", heading=_("Team"), label=_("team member")),
        InlinePanel("help_wanted", heading=_("Help wanted"), label=_("request for help")),
        FieldPanel("partners"),
        MultiFieldPanel(
            [InlinePanel("status_changes", label=_("status change"))],
            heading=_("Status history"),
            classname="collapsed",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("goal"), index.SearchField("body")]
    parent_page_types = ["buurtpages.InitiativeIndexPage"]
    subpage_types = ["buurtpages.ActivityPage"]

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def save(self, *args, **kwargs):
        self.record_status_change()
        return super().save(*args, **kwargs)

    def record_status_change(self):
        """Keep the date of every status change, so the lifecycle can be read back."""
        changes = list(self.status_changes.all())
        latest = max(changes, key=lambda change: change.changed_at, default=None)
        if latest is None or latest.status != self.status:
            self.status_changes.add(
                InitiativeStatusChange(status=self.status, changed_at=timezone.now())
            )

    def team_warnings(self):
        """Why this initiative is vulnerable ("kwetsbaar"); empty when the team is balanced."""
        members = list(self.team_members.all())
        people = {member.name.strip().lower() for member in members if member.name.strip()}
        warnings = []
        if len(people) < MIN_TEAM_SIZE:
            warnings.append(
                _("The team rests on %(count)s people; at least %(minimum)s make it sturdy.")
                % {"count": len(people), "minimum": MIN_TEAM_SIZE}
            )
        filled = {member.role for member in members}
        for role in TeamRole:
            if role.value not in filled:
                warnings.append(_("Nobody has the role “%(role)s” yet.") % {"role": role.label})
        return warnings

    @property
    def is_vulnerable(self):
        return bool(self.team_warnings())


class InitiativeStatusChange(models.Model):
    initiative = ParentalKey(
        InitiativePage, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=InitiativeStatus.choices)
    changed_at = models.DateTimeField(_("changed at"))

    panels = [FieldPanel("status", read_only=True), FieldPanel("changed_at", read_only=True)]

    class Meta:
        ordering = ["changed_at"]
        verbose_name = _("status change")

    def __str__(self):
        return f"{self.get_status_display()} ({self.changed_at:%Y-%m-%d})"


class InitiativeTeamMember(Orderable):
    initiative = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="team_members")
    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=20, choices=TeamRole.choices)
    person = models.ForeignKey(
        "buurtpages.PersonPage",
        verbose_name=_("person page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("person")]

    class Meta(Orderable.Meta):
        verbose_name = _("team member")


class InitiativeHelpWanted(Orderable):
    initiative = ParentalKey(InitiativePage, on_delete=models.CASCADE, related_name="help_wanted")
    what = models.CharField(_("what"), max_length=200)
    people_needed = models.PositiveSmallIntegerField(_("how many people"), default=1)
    hours = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, help_text=_("Leave empty if it varies.")
    )

    panels = [FieldPanel("what"), FieldPanel("people_needed"), FieldPanel("hours")]

    class Meta(Orderable.Meta):
        verbose_name = _("request for help")
