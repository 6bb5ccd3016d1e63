"""The municipality portal on the public schema: buurt overview and launch wizard."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from tenants.archive import ArchiveRefused, archive_buurt
from tenants.forms import LaunchBuurtForm
from tenants.launch import LaunchError, launch_buurt
from tenants.models import Buurt
from tenants.portal_access import buurten_for, municipalities_for
from tenants.suspension import ACTIONS, available_action, change_status


class PortalHomeView(ListView):
    template_name = "portal/home.html"
    context_object_name = "buurten"

    def get_queryset(self):
        return (
            Buurt.objects.sites()
            .select_related("municipality")
            .prefetch_related("domains")
            .order_by("municipality__name", "name")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "own_municipalities": municipalities_for(self.request.user)
        }


class PortalPermissionMixin(PermissionRequiredMixin):
    login_url = reverse_lazy("portal:login")


class LaunchBuurtView(PortalPermissionMixin, FormView):
    permission_required = "tenants.add_buurt"
    template_name = "portal/launch.html"
    form_class = LaunchBuurtForm

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def form_valid(self, form):
        try:
            result = launch_buurt(form.launch_request())
        except LaunchError as error:
            # Someone else took the slug or domain between validation and launch.
            for field, field_messages in error.errors.items():
                for message in field_messages:
                    form.add_error(field if field in form.fields else None, message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s is live at %(url)s (launched in %(seconds)s seconds).")
            % {
                "name": result.buurt.name,
                "url": result.url,
                "seconds": number_format(result.seconds, 2),
            },
        )
        return redirect("portal:buurt", slug=result.buurt.slug)


class BuurtDetailView(PortalPermissionMixin, DetailView):
    permission_required = "tenants.view_buurt"
    template_name = "portal/buurt.html"
    context_object_name = "buurt_site"

    def get_object(self, queryset=None):
        """Another municipality's buurt is not found, as if it did not exist."""
        return get_object_or_404(
            buurten_for(self.request.user, including_suspended=True),
            schema_name=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "status_action": available_action(self.object),
            "suspended": self.object.status == Buurt.Status.SUSPENDED,
            "may_archive": self.request.user.has_perm(ARCHIVE_PERMISSION),
        }

    def post(self, request, *args, **kwargs):
        """Suspend, resume or archive the buurt (the buttons on its page)."""
        buurt = self.get_object()
        action = request.POST.get("action")
        if action == "archive":
            return self.archive(buurt)
        if action not in ACTIONS:
            return redirect("portal:buurt", slug=buurt.slug)
        if change_status(buurt, action, request.user):
            done = {
                "suspend": _("%(name)s is suspended: its website and admin are offline."),
                "resume": _("%(name)s is live again."),
            }[action]
            messages.success(request, done % {"name": buurt.name})
        else:
            messages.warning(
                request, _("The status of %(name)s had already changed.") % {"name": buurt.name}
            )
        return redirect("portal:buurt", slug=buurt.slug)

    def archive(self, buurt):
        """Backup file, then the schema dropped; only after the slug is typed."""
        if not self.request.user.has_perm(ARCHIVE_PERMISSION):
            raise PermissionDenied
        try:
            backup = archive_buurt(buurt, self.request.user, self.request.POST.get("slug", ""))
        except ArchiveRefused:
            messages.error(
                self.request,
                _("Nothing was archived: type the short name (slug) %(slug)s exactly to confirm.")
                % {"slug": buurt.schema_name},
            )
            return redirect("portal:buurt", slug=buurt.slug)
        messages.success(
            self.request,
            _("%(name)s is archived. Its backup is %(file)s; the website is gone.")
            % {"name": buurt.name, "file": backup.name},
        )
        return redirect("portal:home")


# Archiving drops a buurt's database schema: a separate permission from suspending.
ARCHIVE_PERMISSION = "tenants.delete_buurt"
