from config import devdb

from .base import *  # noqa: F403

DATABASES = {"default": devdb.database_settings()}

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
OUTBOX_DELIVER_AFTER_COMMIT = True
# `make run` serves plain http on port 8000: e-mail links must point there.
BUURT_URL_SCHEME = "http"
BUURT_URL_PORT = 8000
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# runserver and the test client need no collected static files.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]  # noqa: F405
