"""The public pages of a digest subscription: the form, the confirmation link, the
personal page to change or stop it, and the one-click unsubscribe of mail programs.

Every token is looked up in the current buurt's schema only: a link of one buurt opened
on another buurt's host finds nothing and answers 404.
"""

from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from buurtpages import subscriptions
from buurtpages.subscription_forms import ManageSubscriptionForm, SubscriptionForm


def subscribe(request):
    initial = {"language": translation.get_language(), "kinds": ["agenda"]}
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam():
            subscriptions.subscribe(form.cleaned_data["email"], form.choice())
        # The same page whether the address was new, known, or a bot's.
        return redirect("subscribe_sent")
    return TemplateResponse(request, "buurtpages/subscribe_form.html", {"form": form})


def subscribe_sent(request):
    return TemplateResponse(request, "buurtpages/subscribe_sent.html")


@never_cache
def confirm(request, token):
    """GET shows a button, POST confirms: a link scanner that opens the link confirms
    nothing on the person's behalf."""
    subscription = subscriptions.pending_by_confirmation(token)
    if subscription is None:
        return TemplateResponse(request, "buurtpages/subscription_expired.html", status=404)
    if request.method == "POST":
        subscriptions.confirm(subscription)
        return redirect(subscriptions.manage_url(subscription) + "?bevestigd=1")
    return TemplateResponse(request, "buurtpages/subscription_confirm.html")


def subscription_or_404(token):
    subscription = subscriptions.by_manage_token(token)
    if subscription is None:
        raise Http404
    return subscription


@never_cache
def manage(request, token):
    subscription = subscription_or_404(token)
    initial = {"language": subscription.language, "kinds": subscription.kinds}
    form = ManageSubscriptionForm(request.POST or None, initial=initial)
    saved = False
    if request.method == "POST" and form.is_valid():
        subscriptions.change(subscription, form.choice())
        saved = True
    context = {
        "form": form,
        "subscription": subscription,
        "saved": saved,
        "confirmed": request.GET.get("bevestigd") == "1",
        "token": token,
    }
    return TemplateResponse(request, "buurtpages/subscription_manage.html", context)


@csrf_exempt  # RFC 8058: mail programs post here without a form; the token is the key
@never_cache
def unsubscribe(request, token):
    """GET asks (link scanners open links); POST stops the subscription at once."""
    subscription = subscription_or_404(token)
    if request.method == "POST":
        subscriptions.unsubscribe(subscription)
        return TemplateResponse(request, "buurtpages/unsubscribed.html")
    return TemplateResponse(request, "buurtpages/unsubscribe.html")
