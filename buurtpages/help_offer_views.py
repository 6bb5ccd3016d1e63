"""The public "Ik help mee" / "Ik doe mee" form and the personal link to an offer.

Served as routes of the initiative page, so they live on the page's own buurt host and
language only."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect

from buurtpages import help_offers
from buurtpages.forms import HelpOfferForm
from buurtpages.models import HelpOffer

FORM_TEMPLATE = "buurtpages/help_offer_form.html"


def page_path(request, route):
    """The initiative's path as visited (with the visitor's language prefix, also when a
    Dutch page is shown under /ar/), from the path of one of its routes."""
    return request.path[: request.path.rindex(route)]


def offer_form(request, page, ask_id=None):
    ask = get_object_or_404(page.help_wanted.all(), pk=ask_id) if ask_id else None
    base = page_path(request, "meedoen/")
    with_role = ask is None
    form = HelpOfferForm(request.POST or None, with_role=with_role)
    context = {"form": form, "ask": ask}
    if request.method == "POST" and form.is_valid():
        if form.is_spam():  # the honeypot was filled: act as if nothing happened
            return redirect(base)
        outcome = help_offers.offer_help(page, ask, **form.offer_data())
        if outcome.created:
            return redirect(f"{base}aanbod/{outcome.offer.token}/")
        mailed = help_offers.resend_link(outcome.offer)
        context = {
            "form": HelpOfferForm(with_role=with_role),
            "ask": ask,
            "notice": help_offers.already_offered_notice(mailed),
        }
    return page.render(request, template=FORM_TEMPLATE, context_overrides=context)


def offer_page(request, page, token):
    """See or withdraw one's offer. Found only under the initiative it was made on."""
    offer = HelpOffer.objects.filter(
        token=token, initiative__translation_key=page.translation_key
    ).first()
    if offer is None:
        raise Http404
    if request.method == "POST" and offer.is_open:
        help_offers.withdraw(offer)
        return redirect(request.path)
    return page.render(
        request, template="buurtpages/help_offer.html", context_overrides={"offer": offer}
    )
