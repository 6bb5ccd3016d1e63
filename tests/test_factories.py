"""The shared factories make data a real form would accept (tests and the demo use them)."""

from django.core.validators import validate_email

from workflows.factories import UserFactory


def test_a_made_up_person_with_a_dutch_surname_gets_a_valid_address(db):
    # Faker's Dutch surnames include "van 't Riet": the address once held a space and an
    # apostrophe, which a page shows escaped, so a test looking for it failed at random.
    person = UserFactory.build(first_name="Bente", last_name="van 't Riet")
    assert person.email == "bente.van-t-riet@example.nl"
    validate_email(person.email)
    accented = UserFactory.build(first_name="Zoë", last_name="Çelik")
    assert accented.email == "zoe.celik@example.nl"
