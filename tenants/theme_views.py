"""The portal page where a municipality's staff set the look of all its buurt sites."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView

from tenants import media_access, theme
from tenants.forms import MunicipalityThemeForm
from tenants.models import MunicipalityLogo
from tenants.portal_access import municipalities_for


class MunicipalityThemeView(LoginRequiredMixin, FormView):
    login_url = reverse_lazy("portal:login")
    template_name = "portal/theme.html"
    form_class = MunicipalityThemeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # Another municipality's look is not found, as if it did not exist.
            self.municipality = get_object_or_404(
                municipalities_for(request.user), slug=kwargs["slug"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"colour": self.municipality.theme_colour, "font": self.municipality.theme_font}

    def get_context_data(self, **kwargs):
        buurten = self.municipality.buurten.order_by("name")
        return super().get_context_data(**kwargs) | {
            "municipality": self.municipality,
            "buurten": buurten,
        }

    def form_valid(self, form):
        theme.save_theme(
            self.municipality,
            colour=form.cleaned_data["colour"],
            font=form.cleaned_data["font"],
            logo=form.cleaned_data["logo"],
            remove_logo=form.cleaned_data["remove_logo"],
        )
        messages.success(
            self.request,
            _("The look of %(name)s is saved. Every buurt site shows it now.")
            % {"name": self.municipality.name},
        )
        return redirect("portal:theme", slug=self.municipality.slug)


@login_required(login_url=reverse_lazy("portal:login"))
def municipality_logo(request, slug):
    """The logo for the preview on the portal (the buurt sites have their own address)."""
    logo = get_object_or_404(
        MunicipalityLogo, municipality__in=municipalities_for(request.user), municipality__slug=slug
    )
    response = HttpResponse(bytes(logo.data), content_type=logo.content_type)
    return media_access.protect(response, public=False)
