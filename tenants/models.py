from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from kernel.languages import DEFAULT_LANGUAGE, own_names


class Municipality(models.Model):
    """A gemeente: launches buurten and (later) gives them one look."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    # The portal users who work for this municipality: they see and act on its buurten.
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="MunicipalityStaff",
        related_name="+",
        blank=True,
        verbose_name=_("staff"),
    )

    # Lives in the public schema, which has no Wagtail tables to index references in.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self):
        return self.name


class MunicipalityStaff(models.Model):
    """A portal user's membership of a municipality.

    Portal users live in the public schema, but so does this table, and every buurt
    schema sees the public one too: a buurt account with the same id must never take a
    membership with it when it is deleted. So Django does not cascade from the user
    (DO_NOTHING); the portal removes a portal user's memberships itself
    (tenants.signals).
    """

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.DO_NOTHING, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], name="one_membership_per_municipality"
            )
        ]
        verbose_name = _("municipality staff member")
        verbose_name_plural = _("municipality staff")

    def __str__(self):
        return f"{self.municipality}: {self.user}"


def default_languages():
    return [DEFAULT_LANGUAGE]


class BuurtQuerySet(models.QuerySet):
    def sites(self):
        """Buurten with a public website: not the portal, not the blueprint."""
        return self.filter(status=Buurt.Status.LIVE)

    def run_by_municipalities(self):
        """Live and suspended buurten: the ones the portal manages (a suspended one
        must stay reachable there to be resumed)."""
        return self.filter(status__in=[Buurt.Status.LIVE, Buurt.Status.SUSPENDED])


class Buurt(TenantMixin):
    """One neighbourhood website; its data lives in the PostgreSQL schema `schema_name`."""

    class Status(models.TextChoices):
        LIVE = "live", _("Live")
        SUSPENDED = "suspended", _("Suspended")
        # Backed up and its schema dropped; the host answers 410 (tenants/archive.py).
        ARCHIVED = "archived", _("Archived")
        BLUEPRINT = "blueprint", _("Blueprint")
        PORTAL = "portal", _("Municipality portal")

    name = models.CharField(_("name"), max_length=100)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="buurten",
        null=True,
        blank=True,
    )
    languages = ArrayField(
        models.CharField(max_length=5), verbose_name=_("languages"), default=default_languages
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.LIVE
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    launch_seconds = models.FloatField(_("launch time in seconds"), null=True, blank=True)
    # Set by migrate_platform after refreshing roles, sections and skeletons; while it
    # matches the code the refresh is skipped (tenants/migration_plan.py).
    platform_version = models.CharField(max_length=32, blank=True, editable=False)

    # Schemas are created by tenants.launch (a clone inside one transaction) or by
    # tenants.blueprint (a full migrate), never implicitly on save.
    auto_create_schema = False
    wagtail_reference_index_ignore = True

    objects = BuurtQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")

    def __str__(self):
        return self.name

    @property
    def slug(self):
        return self.schema_name

    @property
    def language_names(self):
        """(code, own name) of the buurt's languages: ("nl", "Nederlands"), ("ar", "العربية")."""
        return own_names(self.languages)

    @property
    def primary_domain(self):
        domain = self.get_primary_domain()
        return domain.domain if domain else None

    @property
    def base_url(self):
        """Scheme, host and port of this buurt's site, for links in e-mails and the portal."""
        return build_base_url(self.primary_domain)


def build_base_url(hostname):
    scheme, port = settings.BUURT_URL_SCHEME, settings.BUURT_URL_PORT
    default_port = {"http": 80, "https": 443}[scheme]
    suffix = "" if port == default_port else f":{port}"
    return f"{scheme}://{hostname}{suffix}"


class Domain(DomainMixin):
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self):
        return self.domain


class BuurtStatusChange(models.Model):
    """Who suspended, resumed or archived a buurt, and when: the portal's audit trail of
    taking a buurt offline. The portal user is kept by id only (no foreign key, as with
    MunicipalityStaff a buurt account may share the id), so the trail outlives them."""

    buurt = models.ForeignKey(Buurt, on_delete=models.CASCADE, related_name="status_changes")
    status = models.CharField(_("status"), max_length=20, choices=Buurt.Status.choices)
    changed_by_id = models.IntegerField(_("changed by (portal user id)"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["-changed_at"]
        verbose_name = _("buurt status change")
        verbose_name_plural = _("buurt status changes")

    def __str__(self):
        return f"{self.buurt}: {self.status}"
