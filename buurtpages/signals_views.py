"""The public signal form: no account needed, nothing published, abuse limited."""

from datetime import timedelta

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from buurtpages.forms import SignalForm
from buurtpages.mails import signal_receipt
from buurtpages.models import Signal
from kernel.network import client_address

MAX_SIGNALS_PER_HOUR = 5
DUPLICATE_WINDOW = timedelta(minutes=30)


def report_signal(request):
    form = SignalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        sender = Signal.hash_sender(client_address(request))
        if form.is_spam():
            return redirect("signal_thanks")
        if too_many_from(sender):
            form.add_error(
                None,
                _(
                    "You sent several signals in a short time. Please try again "
                    "in an hour, or contact a buurtverbinder directly."
                ),
            )
        else:
            if not is_duplicate(form.cleaned_data, sender):
                signal = form.save(commit=False)
                signal.sender_hash = sender
                signal.language = translation.get_language()
                signal.save()
                receipt = signal_receipt(signal)
                if receipt is not None:
                    receipt.send()  # into the outbox, with the signal
            # Redirect after POST: a reload does not send the signal twice.
            return redirect("signal_thanks")
    return TemplateResponse(request, "buurtpages/signal_form.html", {"form": form})


def signal_thanks(request):
    return TemplateResponse(request, "buurtpages/signal_thanks.html")


def too_many_from(sender):
    hour_ago = timezone.now() - timedelta(hours=1)
    return Signal.objects.filter(sender_hash=sender, created_at__gte=hour_ago).count() >= (
        MAX_SIGNALS_PER_HOUR
    )


def is_duplicate(data, sender):
    return Signal.objects.filter(
        sender_hash=sender,
        description=data["description"],
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).exists()
