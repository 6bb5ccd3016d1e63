"""Phone numbers are stored and compared in one normal form, whatever way they were typed."""

from importlib import import_module

from django.apps import apps as global_apps

from buurtpages.models import Registration, Signal
from tests.base import client_for, inside
from tests.test_rsvp import sign_up, small_activity
from tests.test_signals import report
from trainings.factories import ResidentsEveningFactory
from trainings.models import InterestSignup

SAME_NUMBER = ["0612345678", "06 12345678", "+31612345678", "06-12345678", "0031 6 1234 5678"]
NOT_A_NUMBER = "12345"
DUTCH_ERROR = "dit is geen telefoonnummer dat we kunnen bellen"

SIGNUP = {
    "name": "Ilse de Boer",
    "email": "",
    "languages": ["nl"],
    "cares_about": "Dat ouderen in de straat elkaar weer zien.",
    "hours_per_week": "3",
    "website": "",
}


def test_one_inwonersavond_sign_up_however_the_number_is_written(alpha):
    with inside(alpha):
        evening = ResidentsEveningFactory()
    for typed in SAME_NUMBER:
        response = client_for(alpha).post(
            f"/inwonersavond/{evening.pk}/", SIGNUP | {"phone": typed}
        )
        assert response.status_code == 302
    with inside(alpha):
        assert list(InterestSignup.objects.values_list("phone", flat=True)) == ["+31612345678"]


def test_one_activity_sign_up_however_the_number_is_written(alpha):
    activity = small_activity(alpha, capacity=5)
    for typed in SAME_NUMBER:
        sign_up(alpha, activity, "Piet", phone=typed)
    with inside(alpha):
        assert list(Registration.objects.values_list("phone", flat=True)) == ["+31612345678"]


def test_a_number_nobody_can_call_is_refused_with_the_field_named(alpha):
    with inside(alpha):
        evening = ResidentsEveningFactory()
    activity = small_activity(alpha, capacity=5)

    refused = client_for(alpha).post(
        f"/inwonersavond/{evening.pk}/", SIGNUP | {"phone": NOT_A_NUMBER}
    )
    assert refused.status_code == 200
    assert f"Kijk het veld “Telefoonnummer” na: {DUTCH_ERROR}" in refused.content.decode()

    refused = sign_up(alpha, activity, "Piet", phone=NOT_A_NUMBER)
    assert "Kijk het veld “Of je telefoonnummer” na" in refused.content.decode()

    refused = report(alpha, contact_phone=NOT_A_NUMBER)
    assert refused.status_code == 200
    assert DUTCH_ERROR in refused.content.decode()

    with inside(alpha):
        assert not InterestSignup.objects.exists()
        assert not Registration.objects.exists()
        assert not Signal.objects.exists()

    # Positive control: the same forms accept a foreign number, stored in its normal form.
    accepted = report(alpha, contact_phone="+32 2 555 12 12")
    assert accepted.status_code == 302
    with inside(alpha):
        assert Signal.objects.get().contact_phone == "+3225551212"


def test_numbers_stored_before_are_normalised_where_they_parse(alpha):
    activity = small_activity(alpha, capacity=5)
    sign_up(alpha, activity, "Anna", phone="0611111111")
    sign_up(alpha, activity, "Bram", phone="0622222222")
    sign_up(alpha, activity, "Cor", phone="0633333333")
    with inside(alpha):
        # As they were stored before numbers were checked: typed any way, one unparsable.
        Registration.objects.filter(name="Anna").update(phone="06-11 11 11 11")
        Registration.objects.filter(name="Bram").update(phone="bel maar")
        # Cor's old row would become equal to Anna's: it stays as typed, nothing is lost.
        Registration.objects.filter(name="Cor").update(phone="+31 611111111")
        migration = import_module("buurtpages.migrations.0008_normalise_stored_phone_numbers")
        migration.normalise_phone_numbers(global_apps, None)
        phones = dict(Registration.objects.values_list("name", "phone"))
    assert phones["Anna"] == "+31611111111"
    assert phones["Bram"] == "bel maar"
    assert phones["Cor"] == "+31 611111111"
