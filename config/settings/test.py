from config import devdb

from .base import *  # noqa: F403

DATABASES = {"default": devdb.database_settings()}

SECRET_KEY = "test-only-secret-key"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_DELIVER_AFTER_COMMIT = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
BUURT_URL_SCHEME = "http"
BUURT_URL_PORT = 80
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
import tempfile  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="buurtplatform-media-"))  # noqa: F405
# runserver and the test client need no collected static files.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
# Each test session gets its own shared cache directory.
CACHES["shared"]["LOCATION"] = tempfile.mkdtemp(prefix="buurtplatform-cache-")  # noqa: F405
# Tests inspect response.context and travel in time; tests/test_pagecache.py turns it on.
PAGE_CACHE_SECONDS = 0
# Tests post many forms from one address; tests/test_security.py sets the real limit.
PUBLIC_POSTS_PER_WINDOW = 100_000
# No spare schemas unless a test asks for them (tests/test_spare_schemas.py): every
# launch in the test database would otherwise clone two more.
SPARE_SCHEMAS = 0
SPARE_SCHEMAS_REFILL = "now"
