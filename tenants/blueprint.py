"""The blueprint: a schema holding a ready buurt site that launches clone.

It is a tenant row without a Domain (so nobody can visit it) and is migrated with
the other schemas. `migrate_platform` builds it once and refreshes its content after
each migrate, so new buurten always start from the current blueprint.
"""

from django.conf import settings
from django_tenants.utils import get_public_schema_name, schema_exists

from buurtpages.blueprint import ensure_page_tree
from buurtpages.languages import ensure_locales
from tenants.across import in_buurt
from tenants.models import Buurt, Domain
from tenants.spares import blueprint_changed
from workflows.roles import ensure_roles, ensure_workflows


def ensure_portal():
    """The public schema's tenant row and the portal's domain."""
    portal, _created = Buurt.objects.get_or_create(
        schema_name=get_public_schema_name(),
        defaults={"name": "Portaal", "status": Buurt.Status.PORTAL},
    )
    Domain.objects.get_or_create(
        domain=settings.PORTAL_DOMAIN, defaults={"tenant": portal, "is_primary": True}
    )
    return portal


def ensure_blueprint(stdout=None):
    ensure_blueprint_schema(stdout)
    refresh_blueprint()


def ensure_blueprint_schema(stdout=None):
    """The blueprint's tenant row and schema, migrated in full the first time only."""
    blueprint, _created = Buurt.objects.get_or_create(
        schema_name=settings.BUURT_BLUEPRINT_SCHEMA,
        defaults={"name": "Blueprint", "status": Buurt.Status.BLUEPRINT},
    )
    if not schema_exists(blueprint.schema_name):
        if stdout:
            stdout.write("Building the blueprint schema (a full migrate, once)...")
        # The blueprint itself is the one schema that is migrated instead of cloned.
        blueprint.create_schema(check_if_exists=True, verbosity=0)
    return blueprint


def refresh_blueprint():
    """Bring the blueprint's content up to date with the code (idempotent)."""
    blueprint = Buurt.objects.get(schema_name=settings.BUURT_BLUEPRINT_SCHEMA)
    with in_buurt(blueprint):
        fill_blueprint()
    # Spares cloned before this refresh may lack what it added: none of them is used.
    blueprint_changed()


def fill_blueprint():
    ensure_locales([settings.LANGUAGE_CODE])
    ensure_page_tree()
    ensure_roles()
    ensure_workflows()
