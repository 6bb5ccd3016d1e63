from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from kernel.languages import DEFAULT_LANGUAGE, own_names


class Typeface(models.TextChoices):
    """Typefaces every device has: a municipality's look never makes a visitor download a
    font, and text shows at once."""

    SYSTEM = "system", _("The device's own (default)")
    VERDANA = "verdana", _("Verdana: wide and easy to read")
    GEORGIA = "georgia", _("Georgia: with serifs")


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

    # The municipality's look on every one of its buurt sites (tenants/theme.py); empty
    # colour: the platform's own. The version changes with every save, so browsers and
    # the page cache never keep an old stylesheet or logo.
    theme_colour = models.CharField(_("main colour"), max_length=7, blank=True)
    theme_font = models.CharField(
        _("typeface"), max_length=20, choices=Typeface.choices, default=Typeface.SYSTEM
    )
    theme_version = models.PositiveIntegerField(default=0, editable=False)
    # Whether a MunicipalityLogo exists, so a page header knows without a query.
    theme_has_logo = models.BooleanField(default=False, editable=False)

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


class MunicipalityLogo(models.Model):
    """The municipality's logo, PNG or WebP, checked on upload (tenants/theme.py). Kept
    apart from the municipality so the bytes never travel with every cached buurt."""

    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="logo", primary_key=True
    )
    content_type = models.CharField(max_length=20)
    data = models.BinaryField()
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("municipality logo")

    def __str__(self):
        return f"{self.municipality} ({self.content_type})"


class BuurtNumbers(models.Model):
    """A buurt's numbers for the municipality dashboard, kept in the public schema.

    The dashboard and its CSV read this one table instead of visiting every buurt's
    schema (18 queries and ~20 ms per buurt). Counts only, never names. Rows are
    recomputed in the background (`refresh_dashboard_numbers`, every few minutes) and,
    when older than DASHBOARD_NUMBERS_MAX_AGE or missing, by the dashboard itself; the
    page says how old they are.
    """

    buurt = models.OneToOneField(
        Buurt, on_delete=models.CASCADE, primary_key=True, related_name="dashboard_numbers"
    )
    computed_at = models.DateTimeField()
    steps_reached = models.PositiveIntegerField()
    next_step_key = models.CharField(max_length=40, blank=True)
    initiatives = models.PositiveIntegerField()
    activities_upcoming = models.PositiveIntegerField()
    activities_held = models.PositiveIntegerField()
    rsvps = models.PositiveIntegerField()
    buurtverbinders = models.PositiveIntegerField()
    open_signals = models.PositiveIntegerField()
    trainings = models.PositiveIntegerField()
    trained = models.PositiveIntegerField()
    # Referral slips professionals printed (counts only; tenants/dashboard_numbers.py).
    referrals = models.PositiveIntegerField(default=0)
    initiatives_at_start_gate = models.PositiveIntegerField(default=0)
    initiatives_under_way = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("buurt numbers")
        verbose_name_plural = _("buurt numbers")

    def __str__(self):
        return f"{self.buurt_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


class SpareSchema(models.Model):
    """A schema cloned from the blueprint ahead of time; a launch renames one instead of
    cloning (tenants.spares). It has no tenant row and no domain: nobody can visit it."""

    schema_name = models.CharField(max_length=63, unique=True)
    blueprint_generation = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.schema_name


class BlueprintGeneration(models.Model):
    """One row: changes whenever the blueprint is refreshed, so spares cloned from an
    older blueprint are never used."""

    value = models.CharField(max_length=40)

    def __str__(self):
        return self.value
