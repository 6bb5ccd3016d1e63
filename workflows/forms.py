from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import PasswordResetForm

from kernel.emails import PlainEmailField
from kernel.forms import HoneypotMixin
from kernel.roles import LABELS, ROLES
from kernel.text import PlainTextMixin
from workflows.invitations import recipient_language
from workflows.models import AccountRequest, ContentReport


class ContentReportForm(PlainTextMixin, HoneypotMixin, forms.ModelForm):
    class Meta:
        model = ContentReport
        fields = ["reason", "explanation"]
        widgets = {
            "reason": forms.RadioSelect,
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"reason": _("What is wrong with this page?")}
        help_texts = {"explanation": _("Optional. Tell in your own words what you saw.")}


class AccountRequestForm(PlainTextMixin, HoneypotMixin, forms.ModelForm):
    class Meta:
        model = AccountRequest
        fields = ["name", "email", "motivation"]
        field_classes = {"email": PlainEmailField}
        labels = {"name": _("Your name"), "email": _("Your e-mail address")}
        widgets = {"motivation": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "email": _("We send the link to set your password here."),
            "motivation": _("For example: I want to announce our repair café."),
        }


class InvitationForm(forms.Form):
    email = PlainEmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role, LABELS[role]) for role in ROLES],
        widget=forms.RadioSelect,
    )


class DecisionNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the author"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The author receives this by e-mail."),
    )


class PasswordResetInOwnLanguageForm(PasswordResetForm):
    """Each account's reset mail in its owner's language (the one remembered with the
    account), not in the language of whoever filled in the form."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        with translation.override(recipient_language(context["user"])):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
