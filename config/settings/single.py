"""The benchmark's baseline: the same code and content as one buurt, without tenancy.

What a single-site Wagtail install would be: one schema (a benchmark buurt's, named by
BENCH_SINGLE_SCHEMA) on Django's stock PostgreSQL backend with the search path fixed at
connect time, no host lookup, no schema switching, stock caches and storage. Used only
by `make bench` (bench/run.py), served by gunicorn exactly like the tenant set-up.
"""

import os

from .serve import *  # noqa: F403

SINGLE_SCHEMA = os.environ["BENCH_SINGLE_SCHEMA"]

DATABASES["default"] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    "ENGINE": "django.db.backends.postgresql",
    "OPTIONS": {"options": f"-c search_path={SINGLE_SCHEMA},public"},
}
MIDDLEWARE = [
    "bench.single_site.SingleSiteMiddleware" if m == "tenants.middleware.BuurtMiddleware" else m
    for m in MIDDLEWARE  # noqa: F405
]
for cache in CACHES.values():  # noqa: F405
    if cache["KEY_FUNCTION"] == "django_tenants.cache.make_key":
        del cache["KEY_FUNCTION"]
STORAGES["default"] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}  # noqa: F405
MEDIA_ROOT = MEDIA_ROOT / "tenants" / SINGLE_SCHEMA  # noqa: F405
