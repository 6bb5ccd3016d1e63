"""A buurtverbinder records, in the admin, what a resident who is not online told them at
a meeting spot or on the phone: an offer of help, an activity sign-up or a signal.

The same services as the public forms store it (so it counts, is stored once and mails
the resident when they gave an address); it is marked "via buurtverbinder", with the tick
that the resident agreed and who typed it in.
"""

from datetime import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from buurtpages import help_offers, rsvp
from buurtpages.mails import signal_receipt
from buurtpages.models import ActivityPage, InitiativePage, Signal
from buurtpages.teams import TeamRole
from kernel.phones import PhoneNumberFormField
from kernel.text import PlainTextMixin

TEMPLATE = "buurtpages/admin/on_behalf.html"


class ResidentForm(PlainTextMixin, forms.Form):
    """Who the resident is, as far as they wanted to tell; their agreement is required."""

    name = forms.CharField(label=gettext_lazy("The resident's name"), max_length=120)
    email = forms.EmailField(label=gettext_lazy("E-mail address (optional)"), required=False)
    phone = PhoneNumberFormField(label=gettext_lazy("Phone number (optional)"), required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Language for mails"),
        help_text=gettext_lazy("Mails go out in this language when there is an address."),
    )
    resident_agreed = forms.BooleanField(
        label=gettext_lazy("The resident agreed that I record this for them"),
        required=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        codes = Locale.objects.order_by("pk").values_list("language_code", flat=True)
        self.fields["language"].choices = [(code, code) for code in codes]

    def recorded(self, user):
        return {"via_connector": True, "resident_agreed": True, "recorded_by": user}


class OfferForm(ResidentForm):
    ask = forms.ChoiceField(label=gettext_lazy("What does the resident offer?"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), required=False)
    message = forms.CharField(
        label=gettext_lazy("Message"), required=False, max_length=1000, widget=forms.Textarea
    )
    languages = forms.CharField(
        label=gettext_lazy("Languages spoken"), required=False, max_length=200
    )

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.asks = {str(ask.pk): ask for ask in initiative.help_wanted.all()}
        whole = [("", _("To join in with the initiative"))]
        self.fields["ask"].choices = whole + [(pk, ask.what) for pk, ask in self.asks.items()]
        self.fields["ask"].required = False
        self.fields["role"].choices = [("", "—"), *TeamRole.choices]


class SignUpForm(ResidentForm):
    occurrence = forms.ChoiceField(label=gettext_lazy("Which date?"))

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occurrence"].choices = [
            (o.start.isoformat(), date_format(timezone.localtime(o.start), "l j E Y, H:i"))
            for o in rsvp.bookable_occurrences(activity)
        ]


class SignalOnBehalfForm(ResidentForm):
    category = forms.ChoiceField(label=gettext_lazy("About"), choices=Signal.Category.choices)
    description = forms.CharField(
        label=gettext_lazy("What did the resident notice?"), max_length=4000, widget=forms.Textarea
    )
    location = forms.CharField(label=gettext_lazy("Where"), required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


def contact(data):
    return {"name": data["name"], "email": data["email"], "phone": data["phone"] or ""}


def publishable(request, model, page_id):
    """The page, if the user may publish it: buurtverbinders record for residents."""
    page = get_object_or_404(model, pk=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return page


def offer_for_resident(request, page_id):
    initiative = publishable(request, InitiativePage, page_id).original()
    form = OfferForm(request.POST or None, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        help_offers.offer_help(
            initiative,
            form.asks.get(data["ask"]),
            **contact(data),
            message=data["message"],
            languages=data["languages"],
            role=data["role"],
            language=data["language"],
            **form.recorded(request.user),
        )
        messages.success(request, _("The offer is recorded for %(name)s.") % contact(data))
        return redirect("initiative_help_offers", initiative.pk)
    title = _("Record an offer of help for a resident")
    return render_form(request, form, title, initiative)


def sign_up_for_resident(request, page_id):
    activity = publishable(request, ActivityPage, page_id)
    form = SignUpForm(request.POST or None, activity=activity)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        start = datetime.fromisoformat(data["occurrence"])
        try:
            rsvp.register(
                activity,
                start,
                **contact(data),
                language=data["language"],
                **form.recorded(request.user),
            )
        except rsvp.RegistrationRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _("The sign-up is recorded for %(name)s.") % contact(data))
            return redirect("activity_registrations", activity.pk)
    return render_form(request, form, _("Sign up a resident"), activity)


def signal_for_resident(request):
    if not request.user.has_perm("buurtpages.change_signal"):
        raise PermissionDenied
    form = SignalOnBehalfForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signal = Signal.objects.create(
            category=data["category"],
            description=data["description"],
            location=data["location"],
            contact_name=data["name"],
            contact_email=data["email"],
            contact_phone=data["phone"] or "",
            language=data["language"],
            sender_hash=Signal.hash_sender(f"user:{request.user.pk}"),
            **form.recorded(request.user),
        )
        # The same receipt a resident gets who sends the signal form themselves.
        receipt = signal_receipt(signal)
        if receipt is not None:
            receipt.send()
        messages.success(request, _("The signal is recorded."))
        return redirect("wagtailsnippets_buurtpages_signal:list")
    return render_form(request, form, _("Record a signal for a resident"), None)


def render_form(request, form, title, page):
    return TemplateResponse(request, TEMPLATE, {"form": form, "title": title, "page": page})
