from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

import kernel.converters  # noqa: F401  (the token converter for personal links)
from buurtpages import calendar
from buurtpages.blocks import BodyBlock
from buurtpages.models.base import CoEditableMixin
from buurtpages.models.initiative import InitiativePage
from buurtpages.models.photo import PagePhotoMixin
from buurtpages.poster import qr_svg
from buurtpages.recurrence import Frequency, describe, occurrences

# Bounds for what an editor types; far beyond them lies a typo in a year.
MAX_DURATION = timedelta(days=31)
MAX_YEARS_AHEAD = timedelta(days=10 * 366)


class ActivityPage(PagePhotoMixin, CoEditableMixin, RoutablePageMixin, Page):
    """Something to do in the buurt, once or repeating; stands alone or under an initiative."""

    intro = models.TextField(_("short description"), help_text=_("One or two sentences."))
    body = StreamField(BodyBlock(), verbose_name=_("more information"), blank=True)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    frequency = models.CharField(
        _("repeats"), max_length=10, choices=Frequency.CHOICES, default=Frequency.NONE, blank=True
    )
    repeat_until = models.DateField(_("repeats until"), null=True, blank=True)
    place = models.ForeignKey(
        "buurtpages.Place",
        verbose_name=_("place"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cost = models.DecimalField(
        _("cost in euros"),
        max_digits=6,
        decimal_places=2,
        default=0,
        help_text=_("0 means free."),
    )
    accessibility = models.TextField(_("accessibility"), blank=True)
    capacity = models.PositiveIntegerField(
        _("maximum number of people"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    themes = ParentalManyToManyField("buurtpages.Theme", verbose_name=_("themes"), blank=True)
    is_cancelled = models.BooleanField(
        _("cancelled"),
        default=False,
        help_text=_("The activity does not take place; visitors see this and cannot sign up."),
    )

    settings_panels = [*Page.settings_panels, *CoEditableMixin.co_editor_panels]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        *PagePhotoMixin.photo_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("frequency"), FieldPanel("repeat_until")]),
                InlinePanel("skipped_dates", label=_("skipped date")),
            ],
            heading=_("When"),
        ),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("cost"), FieldPanel("capacity")]),
        FieldPanel("accessibility"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("body"),
        FieldPanel("is_cancelled"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    # What the agenda shows of a translated activity, fetched with it (see fallback.py).
    fallback_select_related = ("place",)
    parent_page_types = ["buurtpages.ActivityIndexPage", "buurtpages.InitiativePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The end must be after the start.")})
        self.refuse_far_dates()
        if self.repeat_until and not self.frequency:
            raise ValidationError({"repeat_until": _("Only a repeating activity has an end date.")})
        if self.repeat_until and self.start and self.repeat_until < timezone.localdate(self.start):
            raise ValidationError({"repeat_until": _("This date is before the first time.")})

    def refuse_far_dates(self):
        """A typo in a year (9026 for 2026) would make a series span millennia: refuse
        what no neighbourhood activity needs, with the field and the limit named."""
        if self.start and self.start - timezone.now() > MAX_YEARS_AHEAD:
            raise ValidationError(
                {"start": _("The start is more than 10 years from now. Please check the year.")}
            )
        if self.start and self.end and self.end - self.start > MAX_DURATION:
            raise ValidationError(
                {
                    "end": _(
                        "An activity lasts at most 31 days; for something that comes back, "
                        "choose how often it repeats. Please check the year of the end."
                    )
                }
            )
        if self.repeat_until and self.start:
            last = timezone.localdate(self.start) + MAX_YEARS_AHEAD
            if self.repeat_until > last:
                raise ValidationError(
                    {
                        "repeat_until": _(
                            "A series repeats for at most 10 years: choose a date before "
                            "%(date)s, or leave it empty."
                        )
                        % {"date": date_format(last, "j F Y")}
                    }
                )

    @property
    def is_free(self):
        return not self.cost

    @property
    def initiative(self):
        parent = self.get_parent().specific

        return parent if isinstance(parent, InitiativePage) else None

    def skipped(self):
        return [skip.date for skip in self.skipped_dates.all()]

    def occurrences_between(self, window_start, window_end, limit=500):
        return occurrences(
            self.start,
            self.end,
            self.frequency,
            until=self.repeat_until,
            skipped=self.skipped(),
            window_start=window_start,
            window_end=window_end,
            limit=limit,
        )

    def next_occurrence(self, after=None):
        after = after or timezone.now()
        upcoming = occurrences(
            self.start,
            self.end,
            self.frequency,
            until=self.repeat_until,
            skipped=self.skipped(),
            window_start=after,
            limit=1,
        )
        return upcoming[0] if upcoming else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["recurrence_text"] = describe(timezone.localtime(self.start), self.frequency)
        return context

    @path("")
    def show(self, request):
        from buurtpages.forms import RegistrationForm

        return self.render(request, context_overrides={"form": RegistrationForm(activity=self)})

    @path("aanmelden/", name="register")
    def register(self, request):
        from buurtpages import rsvp
        from buurtpages.forms import RegistrationForm

        if request.method != "POST":
            return redirect(self.url)
        form = RegistrationForm(request.POST, activity=self)
        if form.is_valid() and not form.is_spam():
            try:
                outcome = rsvp.register(self, **form.registration_data())
            except rsvp.RegistrationRefused as refused:
                form.add_error(None, refused.message)
            else:
                if not outcome.created:
                    return self.already_registered(request, outcome.registration)
                token = outcome.registration.token
                return redirect(self.url + self.reverse_subpage("registration", args=[token]))
        elif form.is_valid():  # the honeypot was filled: act as if nothing happened
            return redirect(self.url)
        return self.render(request, context_overrides={"form": form})

    def already_registered(self, request, registration):
        """Someone typed details that are already signed up for this date.

        Whoever typed them may not be the person who signed up: never show that sign-up
        or its link here; mail the link again to the address on file instead.
        """
        from buurtpages import rsvp
        from buurtpages.forms import RegistrationForm

        notice = rsvp.already_registered_notice(mailed=rsvp.resend_link(registration))
        return self.render(
            request,
            context_overrides={"form": RegistrationForm(activity=self), "notice": notice},
        )

    @path("aanmelding/<token:token>/", name="registration")
    def registration(self, request, token):
        from buurtpages import rsvp

        registration = get_object_or_404(self.registrations.all(), token=token)
        if request.method == "POST" and registration.is_active:
            rsvp.cancel(registration)
            registration.refresh_from_db()
        return self.render(
            request,
            template="buurtpages/registration.html",
            context_overrides={"registration": registration},
        )

    @path("poster/", name="poster")
    def poster(self, request):
        url = self.get_full_url(request)
        return self.render(
            request,
            template="buurtpages/activity_poster.html",
            context_overrides={"qr_code": qr_svg(url), "page_url": url},
        )

    @path("ical/")
    def ical(self, request):
        body = calendar.calendar_for([self], request).to_ical()
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response


class ActivitySkippedDate(Orderable):
    activity = ParentalKey(ActivityPage, on_delete=models.CASCADE, related_name="skipped_dates")
    date = models.DateField(_("date"))

    panels = [FieldPanel("date")]

    class Meta(Orderable.Meta):
        verbose_name = _("skipped date")
