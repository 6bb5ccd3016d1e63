"""WAGTAILADMIN_BASE_URL that follows the buurt being served.

Wagtail puts this one global setting in front of every link in its notification
e-mails; a fixed value would send buurt A's reviewers to the portal or to another
buurt. The setting is a lazy string that resolves, each time it is used, to the
primary domain of the schema the database connection is on.
"""

import os

from django.utils.functional import lazy


def current_admin_base_url():
    from django.conf import settings
    from django.db import connection

    from tenants.models import Buurt, build_base_url

    tenant = getattr(connection, "tenant", None)
    if isinstance(tenant, Buurt) and tenant.status == Buurt.Status.LIVE:
        return tenant.base_url
    fallback = os.environ.get("WAGTAILADMIN_BASE_URL")
    return fallback or build_base_url(settings.PORTAL_DOMAIN)


tenant_admin_base_url = lazy(current_admin_base_url, str)()
