import uuid
from dataclasses import dataclass

from django import forms
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

import kernel.converters  # noqa: F401  (the token converter for personal links)
from buurtpages.blocks import BodyBlock
from buurtpages.models.base import CoEditableMixin, CoEditablePageForm
from buurtpages.models.help_offer import HelpOffer
from buurtpages.models.photo import PagePhotoMixin
from buurtpages.panels import TeamBalancePanel
from buurtpages.teams import MIN_TEAM_SIZE, TeamRole, role_balance


class InitiativeStatus(models.TextChoices):
    IDEA = "idea", _("Idea")
    LOOKING = "looking", _("Looking for people")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")


class InitiativePageForm(CoEditablePageForm):
    """The start gate: an initiative becomes "active" when every team role is filled,
    or when someone who may publish it (a buurtverbinder) starts it anyway and writes
    down why; that decision goes to the audit log (see wagtail_hooks)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_override = ""
        field = self.fields.get("start_override_reason")
        if field is not None and not self.may_override():
            field.disabled = True  # what anyone else posts is ignored

    def may_override(self):
        if self.for_user is None:
            return False
        if self.instance.pk:
            return self.instance.permissions_for_user(self.for_user).can_publish()
        parent = getattr(self, "parent_page", None)
        return bool(parent) and parent.permissions_for_user(self.for_user).can_publish_subpage()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") != InitiativeStatus.ACTIVE or self.was_active():
            return cleaned
        if role_balance(self.posted_team()).every_role_filled:
            return cleaned
        reason = (cleaned.get("start_override_reason") or "").strip()
        if reason and self.may_override():
            self.start_override = reason
            return cleaned
        self.add_error(
            "status",
            _(
                "An initiative becomes active when its team is complete: every role has "
                "someone. Find the missing roles first, or ask a buurtverbinder to start "
                "it anyway with a reason."
            ),
        )
        return cleaned

    def was_active(self):
        pk = self.instance.pk
        return (
            bool(pk)
            and InitiativePage.objects.filter(pk=pk, status=InitiativeStatus.ACTIVE).exists()
        )

    def posted_team(self):
        """The team as posted (removed lines left out) plus the welcomed helpers."""
        assignments = []
        formset = self.formsets.get("team_members")
        if formset is not None:
            formset.is_valid()  # the page form is cleaned before its formsets
        for form in formset.forms if formset else []:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE") or not (data.get("name") or "").strip():
                continue
            assignments.append((data["name"].strip().lower(), [data.get("role")]))
        if self.instance.pk:
            helpers = self.instance.welcomed_offers().values_list("pk", "role")
            assignments += [(f"offer-{pk}", [role]) for pk, role in helpers]
        return assignments

    def save(self, commit=True):
        page = super().save(commit=commit)
        # Read by the after_create_page / after_edit_page hooks, which log it.
        page.start_override_to_log = self.start_override
        return page


@dataclass(frozen=True)
class AskProgress:
    """A help-wanted ask and how many people the team welcomed for it."""

    ask: "InitiativeHelpWanted"
    found: int

    @property
    def is_found(self):
        return self.found >= self.ask.people_needed


class InitiativePage(PagePhotoMixin, CoEditableMixin, RoutablePageMixin, Page):
    """A plan or project of residents, with its team, partners and what help it needs."""

    goal = models.TextField(
        _("goal"), help_text=_("What do you want to achieve, in one or two sentences?")
    )
    body = StreamField(BodyBlock(), verbose_name=_("story"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.IDEA
    )
    start_override_reason = models.TextField(
        _("reason to start without a complete team"),
        blank=True,
        help_text=_(
            "Only a buurtverbinder can fill this in, to make the initiative active before "
            "every team role is filled. It is kept in the audit log."
        ),
    )
    themes = ParentalManyToManyField("buurtpages.Theme", verbose_name=_("themes"), blank=True)
    partners = ParentalManyToManyField("buurtpages.Partner", verbose_name=_("partners"), blank=True)

    settings_panels = [*Page.settings_panels, *CoEditableMixin.co_editor_panels]
    content_panels = [
        *Page.content_panels,
        TeamBalancePanel(heading=_("Team balance")),
        FieldPanel("goal"),
        *PagePhotoMixin.photo_panels,
        FieldPanel("status"),
        FieldPanel("start_override_reason"),
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
    base_form_class = InitiativePageForm
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

    def original(self):
        """The initiative in the buurt's main language: offers of help belong to it, so
        an offer made on a translation counts on every translation."""
        if not self.pk:
            return self
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return self
        return self.get_translation_or_none(default) or self

    def welcomed_offers(self):
        return HelpOffer.objects.filter(
            initiative__translation_key=self.translation_key,
            status=HelpOffer.Status.WELCOMED,
        )

    def team_assignments(self):
        """(person, roles) pairs of the team: the members the editors typed (the same
        name counts as one person) and every helper the team welcomed."""
        members = [
            (member.name.strip().lower(), [member.role])
            for member in self.team_members.all()
            if member.name.strip()
        ]
        if not self.pk:
            return members
        helpers = self.welcomed_offers().values_list("pk", "role")
        return members + [(f"offer-{pk}", [role] if role else []) for pk, role in helpers]

    def ask_progress(self):
        """Every ask with the number of people found, in one query whatever the number
        of offers."""
        asks = list(self.help_wanted.all())
        keys = [ask.key for ask in asks]
        found = dict(
            self.welcomed_offers()
            .filter(ask_key__in=keys)
            .values("ask_key")
            .annotate(n=Count("pk"))
            .values_list("ask_key", "n")
        )
        return [AskProgress(ask, found.get(ask.key, 0)) for ask in asks]

    def team_warnings(self):
        """Why this initiative is vulnerable ("kwetsbaar"); empty when the team is balanced."""
        assignments = self.team_assignments()
        people = {person for person, _roles in assignments}
        warnings = []
        if len(people) < MIN_TEAM_SIZE:
            warnings.append(
                _("The team rests on %(count)s people; at least %(minimum)s make it sturdy.")
                % {"count": len(people), "minimum": MIN_TEAM_SIZE}
            )
        for role in self.missing_roles(assignments):
            warnings.append(_("Nobody has the role “%(role)s” yet.") % {"role": role.label})
        return warnings

    def missing_roles(self, assignments=None):
        assignments = self.team_assignments() if assignments is None else assignments
        filled = {role for _person, roles in assignments for role in roles}
        return [role for role in TeamRole if role.value not in filled]

    def still_looking_for(self):
        """The roles the team still needs (the public page says so in a sentence each)."""
        return [role.value for role in self.missing_roles()]

    @property
    def is_vulnerable(self):
        return bool(self.team_warnings())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["asks"] = self.ask_progress()
        context["still_looking_for"] = self.still_looking_for()
        context["welcomed_helpers"] = self.welcomed_offers().count()
        return context

    # The views import the forms, which import the models: imported when called.
    @path("meedoen/", name="join")
    def join(self, request):
        from buurtpages.help_offer_views import offer_form

        return offer_form(request, self)

    @path("meedoen/<int:ask_id>/", name="help")
    def help(self, request, ask_id):
        from buurtpages.help_offer_views import offer_form

        return offer_form(request, self, ask_id)

    @path("aanbod/<token:token>/", name="help_offer")
    def help_offer(self, request, token):
        from buurtpages.help_offer_views import offer_page

        return offer_page(request, self, token)


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
    # Names the ask across translations (they copy it) and edits: offers point at it.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    what = models.CharField(_("what"), max_length=200)
    people_needed = models.PositiveSmallIntegerField(_("how many people"), default=1)
    hours = models.PositiveSmallIntegerField(
        _("hours per week"), null=True, blank=True, help_text=_("Leave empty if it varies.")
    )

    panels = [FieldPanel("what"), FieldPanel("people_needed"), FieldPanel("hours")]

    class Meta(Orderable.Meta):
        verbose_name = _("request for help")


def looking_for_people():
    """Which initiatives belong under "Zoekt mensen": one with an ask that has not yet
    found all its people, or one "looking for people" without any ask; never a paused
    or finished one. An ask counts the helpers welcomed on any translation."""
    welcomed = (
        HelpOffer.objects.filter(
            initiative__translation_key=OuterRef("initiative__translation_key"),
            ask_key=OuterRef("key"),
            status=HelpOffer.Status.WELCOMED,
        )
        .values("ask_key")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_asks = (
        InitiativeHelpWanted.objects.filter(initiative=OuterRef("pk"))
        .annotate(found=Coalesce(Subquery(welcomed), 0))
        .filter(found__lt=F("people_needed"))
    )
    any_ask = InitiativeHelpWanted.objects.filter(initiative=OuterRef("pk"))
    still_going = ~Q(status__in=[InitiativeStatus.PAUSED, InitiativeStatus.FINISHED])
    looking = Q(status=InitiativeStatus.LOOKING) & ~Exists(any_ask)
    return still_going & (Exists(open_asks) | looking)
