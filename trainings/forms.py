from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from buurtpages.forms import one_of_two
from kernel.emails import PlainEmailField
from kernel.forms import HoneypotMixin
from kernel.text import PlainTextMixin
from trainings.models import Answer, InterestSignup, TimeEntry
from trainings.models.timelog import week_start


class InterestSignupForm(PlainTextMixin, HoneypotMixin, forms.ModelForm):
    class Meta:
        model = InterestSignup
        fields = ["name", "email", "phone", "languages", "cares_about", "hours_per_week"]
        field_classes = {"email": PlainEmailField}
        widgets = {"cares_about": forms.Textarea(attrs={"rows": 4})}
        labels = {"name": _("Your name")}
        help_texts = {
            "email": _("We use it only to invite you for the training."),
            "phone": _("If you have no e-mail address."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        one_of_two(self.fields["email"], self.fields["phone"])
        self.fields["hours_per_week"].widget.attrs.update({"min": 0, "max": 40})


class AvailabilityForm(forms.Form):
    """One question per candidate date: yes, if need be, or no."""

    def __init__(self, *args, candidates, initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        initial_answers = initial_answers or {}
        for candidate in self.candidates:
            label = date_format(candidate.date, "l j F Y")
            if candidate.note:
                label = f"{label} ({candidate.note})"
            self.fields[self.field_name(candidate)] = forms.ChoiceField(
                label=label,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                initial=initial_answers.get(candidate.pk),
            )

    @staticmethod
    def field_name(candidate):
        return f"date_{candidate.pk}"

    def answers(self):
        return {c: self.cleaned_data[self.field_name(c)] for c in self.candidates}


class TimeEntryForm(forms.ModelForm):
    class Meta:
        model = TimeEntry
        fields = ["week", "hours"]
        widgets = {"week": forms.DateInput(attrs={"type": "date"})}
        help_texts = {"week": _("Any day of the week; it is stored as that week's Monday.")}

    def clean_week(self):
        return week_start(self.cleaned_data["week"])
