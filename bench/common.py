"""Shared set-up for benchmark scripts: Django with the dev settings on the embedded DB."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()


def drop_buurt(slug):
    """Remove a benchmark buurt entirely: schema, domain and tenant row."""
    from django.db import connection

    from tenants.models import Buurt

    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{slug}" CASCADE')
    Buurt.objects.filter(schema_name=slug).delete()
