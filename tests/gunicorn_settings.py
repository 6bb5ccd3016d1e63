"""`make serve` settings for a gunicorn started by a test: static files are served
uncollected (a test run has no collectstatic manifest)."""

from config.settings.serve import *  # noqa: F403

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
