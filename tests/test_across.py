"""Working across buurten: every visit to a buurt's schema ends on the public schema."""

import pytest
from django.db import connection

from buurtpages.models import Signal
from tenants.across import collect, each_buurt, in_buurt, live_buurten
from tests.base import get_buurt, inside

pytestmark = pytest.mark.django_db


def plant_signal(slug, text):
    with inside(get_buurt(slug)):
        Signal.objects.create(category=Signal.Category.choices[0][0], description=text)


def test_collect_counts_inside_each_live_buurt_and_ends_on_public():
    plant_signal("alpha", "alpha's signal")
    counts = collect(lambda: (connection.schema_name, Signal.objects.count()))
    by_slug = {buurt.schema_name: result for buurt, result in counts.items()}
    assert set(by_slug) == set(live_buurten().values_list("schema_name", flat=True))
    assert by_slug["alpha"] == ("alpha", by_slug["beta"][1] + 1)
    assert connection.schema_name == "public"


def test_an_error_inside_a_buurt_still_ends_on_public():
    with pytest.raises(RuntimeError), in_buurt(get_buurt("beta")):
        assert connection.schema_name == "beta"
        raise RuntimeError("the work failed")
    assert connection.schema_name == "public"
    with pytest.raises(RuntimeError):
        for _buurt in each_buurt():
            raise RuntimeError("the first buurt failed")
    assert connection.schema_name == "public"


def test_stopping_early_ends_on_public():
    visits = each_buurt()
    first = next(visits)
    assert connection.schema_name == first.schema_name
    visits.close()
    assert connection.schema_name == "public"
