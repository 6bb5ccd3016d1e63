"""Archiving a buurt from the portal: only after typing its slug, a backup file first,
then its schema dropped; logged; its domain then answers a plain 410 page."""

import json
import tarfile

from django_tenants.utils import schema_exists

from tenants.models import Buurt, BuurtStatusChange, Municipality
from tests.base import at_the_portal, client_for, portal_staff


def archive(client, buurt, typed):
    return client.post(f"/buurten/{buurt.schema_name}/", {"action": "archive", "slug": typed})


def test_staff_archive_a_buurt_of_their_municipality_after_typing_its_slug(
    alpha, beta, settings, tmp_path
):
    from django.contrib.auth.models import Permission

    settings.BUURT_ARCHIVE_ROOT = tmp_path / "archives"
    own = Municipality.objects.create(name="Eigenstad", slug="eigenstad")
    Buurt.objects.filter(pk__in=[alpha.pk, beta.pk]).update(municipality=own)
    may_suspend = at_the_portal(portal_staff("schorser", [own]))
    user = portal_staff("archivaris", [own])
    user.user_permissions.add(Permission.objects.get(codename="delete_buurt"))
    staff = at_the_portal(user)

    # Suspending is not enough to archive (positive control: that user sees the page).
    assert may_suspend.get(f"/buurten/{beta.schema_name}/").status_code == 200
    assert archive(may_suspend, beta, "beta").status_code == 403
    page = staff.get(f"/buurten/{beta.schema_name}/").content.decode()
    assert 'value="archive"' in page
    # A wrong slug archives nothing.
    wrong = archive(staff, beta, "alpha")
    assert wrong.status_code == 302 and wrong["Location"] == f"/buurten/{beta.schema_name}/"
    assert Buurt.objects.get(pk=beta.pk).status == Buurt.Status.LIVE
    assert schema_exists("beta") and not (tmp_path / "archives").exists()
    assert client_for(beta).get("/").status_code == 200

    done = archive(staff, beta, "beta")
    assert done.status_code == 302 and done["Location"] == "/"
    assert Buurt.objects.get(pk=beta.pk).status == Buurt.Status.ARCHIVED
    assert not schema_exists("beta")
    [backup] = (tmp_path / "archives").glob("beta-*.tar.gz")
    with tarfile.open(backup) as archived:
        assert json.load(archived.extractfile("manifest.json"))["slug"] == "beta"
        assert b"CREATE TABLE beta." in archived.extractfile("schema.sql").read()
    change = BuurtStatusChange.objects.get(buurt=beta)
    assert change.status == Buurt.Status.ARCHIVED and change.changed_by_id == user.pk

    visitor = client_for(beta)
    for path in ("/", "/ar/", "/admin/", "/admin/login/", "/sitemap.xml", "/documents/1/x.pdf"):
        gone = visitor.get(path)
        assert gone.status_code == 410, path
        assert "no-store" in gone["Cache-Control"]
    assert "bestaat niet meer" in visitor.get("/").content.decode()
    assert staff.get(f"/buurten/{beta.schema_name}/").status_code == 404
    assert archive(staff, beta, "beta").status_code == 404  # no second archive
    # Other buurten are untouched.
    assert client_for(alpha).get("/").status_code == 200
