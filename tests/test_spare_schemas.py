"""Launching from a pool of spare schemas cloned from the blueprint ahead of time."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import schema_exists

from tenants.blueprint import refresh_blueprint
from tenants.launch import LaunchError, LaunchRequest, launch_buurt
from tenants.models import Buurt, Domain, SpareSchema
from tenants.spares import refill
from tests.base import client_for, get_buurt, inside


@pytest.fixture
def pool(settings, db):
    settings.SPARE_SCHEMAS = 1
    settings.SPARE_SCHEMAS_REFILL = "now"
    refill()
    return settings


def spare_names():
    return set(SpareSchema.objects.values_list("schema_name", flat=True))


def launch(slug, name, sending):
    with sending():
        return launch_buurt(LaunchRequest(slug=slug, name=name))


def test_a_launch_renames_a_spare_and_the_pool_refills(pool, sending):
    (spare,) = spare_names()
    result = launch("delta", "Deltabuurt", sending)
    assert result.from_spare
    assert not schema_exists(spare) and schema_exists("delta")
    (refilled,) = spare_names()  # cloned again after the launch
    assert refilled != spare and schema_exists(refilled)
    home = client_for(result.buurt).get("/")
    assert home.status_code == 200 and "Deltabuurt" in home.content.decode()


def test_a_blueprint_change_makes_every_spare_unusable(pool, sending):
    (old,) = spare_names()
    refresh_blueprint()
    result = launch("delta", "Deltabuurt", sending)
    assert not result.from_spare  # cloned from the changed blueprint instead
    assert not schema_exists(old) and old not in spare_names()  # dropped at the refill
    assert len(spare_names()) == 1
    assert client_for(result.buurt).get("/").status_code == 200


def test_nothing_of_a_spare_leaks(pool, sending):
    (spare,) = spare_names()
    # No host, no tenant row, and its name is refused as a slug.
    assert not Buurt.objects.filter(schema_name=spare).exists()
    assert not Domain.objects.filter(tenant__schema_name=spare).exists()
    with pytest.raises(LaunchError) as refused:
        launch_buurt(LaunchRequest(slug=spare, name="Kaper"))
    assert "slug" in refused.value.errors
    delta = launch("delta", "Deltabuurt", sending).buurt
    with inside(delta):
        get_user_model().objects.create_user("geheim@delta.nl", password="x")
    # Nothing in the renamed schema still names the spare (sequences, defaults).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'delta' AND pg_get_expr(d.adbin, d.adrelid) LIKE %s",
            ["%spare_%"],
        )
        assert cursor.fetchone()[0] == 0
    # The next buurt, from the refilled spare, starts empty: not a copy of delta.
    epsilon = launch("epsilon", "Epsilonwijk", sending)
    assert epsilon.from_spare
    with inside(epsilon.buurt):
        assert not get_user_model().objects.filter(username="geheim@delta.nl").exists()
        assert get_user_model().objects.count() == 0
    home = client_for(epsilon.buurt).get("/").content.decode()
    assert "Epsilonwijk" in home and "Deltabuurt" not in home
    assert get_buurt("delta").name == "Deltabuurt"
