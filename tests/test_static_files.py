"""`make serve`, the load test and the bench collect the static files with the manifest
storage (whitenoise adds compression to it), which fails on any reference (a CSS url(), a source map) to a missing file. The
vendored front-end packages must not break it."""

from django.core.management import call_command
from django.test import override_settings

MANIFEST_STORAGE = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_static_files_collect_with_the_production_manifest_storage(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST_STORAGE):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "vendor/leaflet/leaflet.js" in manifest
    assert "vendor/utrecht/design-tokens.css" in manifest
    assert "css/buurt.css" in manifest
