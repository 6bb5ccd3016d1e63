"""Launching a buurt: clone the blueprint schema, then make it this buurt's own.

Everything happens in one database transaction (PostgreSQL DDL is transactional),
so a launch that fails half-way leaves no schema, no tenant row and no domain.
"""

import ipaddress
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _
from django_tenants.clone import CloneSchema
from django_tenants.utils import get_public_schema_name, quote_schema_name, schema_exists

from buurtpages.blueprint import configure_site
from buurtpages.languages import create_all_skeletons, ensure_locales, skeletons_deferred
from kernel.languages import parse_language_list
from kernel.roles import BUURT_ADMIN
from tenants.across import in_buurt, use_public_schema
from tenants.migration_plan import current_platform_version
from tenants.models import Buurt, Domain, Municipality
from tenants.spares import SPARE_PREFIX, refill_after_launch, take_spare
from workflows.invitations import invite_user

SLUG_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
HOSTNAME_PATTERN = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class LaunchError(Exception):
    """Bad launch input; `errors` maps a field name to a list of messages for people."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {' '.join(v)}" for k, v in errors.items()))


@dataclass
class LaunchRequest:
    slug: str
    name: str
    municipality: Municipality | None = None
    domain: str = ""
    languages: list = field(default_factory=lambda: ["nl"])
    admin_email: str = ""

    def __post_init__(self):
        self.slug = (self.slug or "").strip()
        self.name = (self.name or "").strip()
        self.domain = (self.domain or "").strip().lower() or default_domain(self.slug)
        self.admin_email = (self.admin_email or "").strip()


@dataclass
class LaunchResult:
    buurt: Buurt
    url: str
    seconds: float  # until the site is live: clone (or rename a spare), customise, commit
    from_spare: bool = False  # renamed from a spare schema instead of cloned
    language_seconds: float = 0.0  # translation skeletons prepared afterwards


def default_domain(slug):
    """Hostnames may not contain underscores, schema names may: de_pijp -> de-pijp.localhost."""
    return f"{slug.replace('_', '-')}.{settings.BUURT_DOMAIN_SUFFIX}"


# Names PostgreSQL gives a meaning of its own: its bootstrap role and template
# databases, and the words it reads as a role or schema instead of a name.
POSTGRESQL_SPECIAL_NAMES = {
    "postgres",
    "template0",
    "template1",
    "public",
    "information_schema",
    "user",
    "current_user",
    "session_user",
    "current_role",
    "current_schema",
    "current_catalog",
    "none",
    "all",
    "default",
}


def reserved_schema_names():
    return {get_public_schema_name(), "information_schema", settings.BUURT_BLUEPRINT_SCHEMA}


def is_reserved_slug(slug):
    """The platform's own schemas, names PostgreSQL treats specially, and every role
    that exists now: a schema named after a role comes first in that role's default
    search path ("$user", public), so psql would read the buurt instead of the portal."""
    if slug in reserved_schema_names() | POSTGRESQL_SPECIAL_NAMES or slug.startswith(
        ("pg_", SPARE_PREFIX)
    ):
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE lower(rolname) = %s", [slug])
        return cursor.fetchone() is not None


def is_ip_address(domain):
    """IPv4 and IPv6 literals, including the forms browsers read as IPv4 ("127.1",
    "2130706433", "0x7f.0.0.1"): a host whose last label is a number."""
    host = domain.strip("[]")
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    last_label = host.rstrip(".").rsplit(".", 1)[-1]
    return bool(re.fullmatch(r"\d+|0x[0-9a-f]*", last_label))


def slug_errors(slug):
    if not SLUG_PATTERN.match(slug):
        return [
            _(
                "Use 2 to 41 characters: lowercase letters, digits and underscores, "
                "starting with a letter."
            )
        ]
    if is_reserved_slug(slug):
        return [_("“%(slug)s” is reserved by the platform; choose another name.") % {"slug": slug}]
    if Buurt.objects.filter(schema_name__iexact=slug).exists() or schema_exists(slug):
        return [_("A buurt with the slug “%(slug)s” already exists.") % {"slug": slug}]
    return []


def domain_errors(domain):
    if is_ip_address(domain):
        return [_("“%(domain)s” is an IP address; a buurt needs a host name.") % {"domain": domain}]
    if not HOSTNAME_PATTERN.match(domain):
        return [
            _("“%(domain)s” is not a valid host name (letters, digits, hyphens and dots).")
            % {"domain": domain}
        ]
    if domain == settings.PORTAL_DOMAIN or Domain.objects.filter(domain=domain).exists():
        return [_("The domain “%(domain)s” is already in use.") % {"domain": domain}]
    return []


def language_errors(languages):
    try:
        parse_language_list(",".join(languages))
    except ValueError as unknown:
        return [_("Unknown language code: %(codes)s.") % {"codes": unknown}]
    return []


def email_errors(email):
    if not email:
        return []
    try:
        validate_email(email)
    except ValidationError:
        return [_("Enter a valid e-mail address.")]
    return []


def validate(request):
    errors = {
        "name": [] if request.name else [_("Give the buurt a name.")],
        "slug": slug_errors(request.slug),
        "domain": domain_errors(request.domain),
        "languages": language_errors(request.languages),
        "admin_email": email_errors(request.admin_email),
    }
    return {name: messages for name, messages in errors.items() if messages}


def launch_buurt(request):
    """Validate, clone and customise; returns a LaunchResult or raises LaunchError."""
    errors = validate(request)
    if errors:
        raise LaunchError(errors)
    started = time.perf_counter()
    languages = parse_language_list(",".join(request.languages))
    invitations = []
    try:
        with transaction.atomic():
            buurt = create_buurt(request, languages, invitations, started)
    except IntegrityError as taken:
        # A slug or domain taken some other way than a launch (which the lock orders).
        already = _("A buurt with the slug “%(slug)s” already exists.") % {"slug": request.slug}
        raise LaunchError(validate(request) or {"slug": [already]}) from taken
    # The site is live now; the translation skeletons follow in their own transaction.
    languages_started = time.perf_counter()
    with transaction.atomic(), in_buurt(buurt):
        create_all_skeletons()
    # Cloned from the current blueprint and refreshed: nothing for migrate_platform to do.
    Buurt.objects.filter(pk=buurt.pk).update(platform_version=current_platform_version(languages))
    return LaunchResult(
        buurt=buurt,
        url=buurt.base_url + "/",
        seconds=buurt.launch_seconds,
        from_spare=buurt.from_spare,
        language_seconds=time.perf_counter() - languages_started,
    )


def create_buurt(request, languages, invitations, started):
    """The launch proper, inside the caller's transaction.

    Two launches of the same slug or domain at once would both pass validation and the
    second would crash on the unique keys; holding a lock on both names until commit
    makes the second wait, then validate again and get the normal "already exists".
    """
    lock_names(f"slug:{request.slug}", f"domain:{request.domain}")
    errors = validate(request)
    if errors:
        raise LaunchError(errors)
    buurt = Buurt.objects.create(
        schema_name=request.slug,
        name=request.name,
        municipality=request.municipality,
        languages=languages,
        status=Buurt.Status.LIVE,
    )
    Domain.objects.create(domain=request.domain, tenant=buurt, is_primary=True)
    buurt.from_spare = take_spare(buurt.schema_name)
    if not buurt.from_spare:
        clone_blueprint(buurt.schema_name)
    with in_buurt(buurt), skeletons_deferred():
        customise_buurt(buurt, request.domain, languages)
        if request.admin_email:
            invitation = invite_buurt_admin(buurt, request.admin_email)
            invitation.send()  # into the new buurt's outbox, with the launch
            invitations.append(invitation)
    buurt.launch_seconds = time.perf_counter() - started
    buurt.save(update_fields=["launch_seconds"])
    transaction.on_commit(refill_after_launch)
    return buurt


def lock_names(*names):
    """Transaction-scoped advisory locks, always taken in the same order (no deadlock)."""
    with connection.cursor() as cursor:
        for name in sorted(names):
            cursor.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"launch:{name}"]
            )


def clone_blueprint(schema_name):
    """Copy the blueprint schema, tables and data, into a new schema.

    The clone carries the blueprint's django_migrations rows, so no (fake) migrate
    run is needed afterwards; that keeps the whole launch inside one transaction.
    """
    blueprint = settings.BUURT_BLUEPRINT_SCHEMA
    if not schema_exists(blueprint):
        raise RuntimeError(
            "The blueprint schema does not exist yet: run `python manage.py migrate_platform`."
        )
    CloneSchema().clone_schema(blueprint, schema_name, "DATA")
    use_public_schema()


def customise_buurt(buurt, hostname, languages):
    configure_site(site_name=buurt.name, hostname=hostname)
    ensure_locales(languages)


def invite_buurt_admin(buurt, email):
    return invite_user(buurt, email, role=BUURT_ADMIN)


def drop_buurt(slug):
    """Remove a buurt entirely: schema, media files, domains and tenant row.

    For benchmarks and tests; there is no undo. The blueprint and portal are refused.
    """
    if slug in reserved_schema_names():
        raise ValueError(f"Refusing to drop the reserved schema {slug!r}.")
    use_public_schema()
    with connection.cursor() as cursor:
        # Inside a transaction that just wrote to the schema, deferred foreign-key
        # checks must run first or PostgreSQL refuses to drop the tables.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"DROP SCHEMA IF EXISTS {quote_schema_name(slug)} CASCADE")
    Buurt.objects.filter(schema_name=slug).delete()
    shutil.rmtree(Path(settings.MEDIA_ROOT) / "tenants" / slug, ignore_errors=True)
