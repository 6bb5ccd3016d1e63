"""Every model of ours that holds an e-mail address, phone number or name is covered by
a personal-data declaration (kernel/personal_data.py), so export and erasure cannot
silently miss it."""

import pytest
from django.apps import apps
from django.db import models

from kernel import personal_data

OUR_APPS = ("outbox", "buurtpages", "workflows", "trainings", "tenants")

# Models with such a field that hold no personal data, each with the reason.
NO_PERSONAL_DATA = {
    "tenants.SpareSchema": "the name of a schema cloned ahead of launches, not a person's",
    "buurtpages.Theme": "a theme's name, chosen by the buurt's editors",
    "buurtpages.Place": "the name of a place in the buurt (a community centre, a park)",
    "buurtpages.Partner": "an organisation's name, published on purpose",
    "workflows.PeerReviewTask": "the name of a workflow step",
    "workflows.ProfessionalSupportTask": "the name of a workflow step",
    "workflows.ConsentTask": "the name of a workflow step",
    "trainings.Cohort": "a training group's name",
    "tenants.Municipality": "a municipality's name, on the public portal",
    "tenants.Buurt": "a buurt's name and schema name",
}


def looks_personal(field):
    name = field.name.lower()
    return (
        isinstance(field, models.EmailField)
        or type(field).__name__ == "PhoneNumberField"
        or any(word in name for word in ("name", "email", "phone"))
    )


def models_with_personal_looking_fields():
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = [f for f in model._meta.get_fields() if getattr(f, "concrete", False)]
            if any(looks_personal(field) for field in fields):
                yield model._meta.label


def uncovered_models():
    covered = personal_data.covered_models() | set(NO_PERSONAL_DATA)
    return sorted(set(models_with_personal_looking_fields()) - covered)


def test_every_model_with_a_name_email_or_phone_is_declared():
    assert uncovered_models() == [], (
        "Declare these models' personal data in their app's personal_data.py "
        "(or, if they hold none, add them to NO_PERSONAL_DATA with the reason)"
    )


def test_a_missing_declaration_is_noticed():
    """The check above is real: without the sign-ups declaration it names the model."""
    removed = personal_data.unregister("registrations")
    try:
        assert uncovered_models() == ["buurtpages.Registration"]
    finally:
        personal_data.register(removed)


def test_the_allow_list_names_only_existing_models_with_such_fields():
    assert set(NO_PERSONAL_DATA) <= set(models_with_personal_looking_fields())


@pytest.mark.parametrize("record_set", personal_data.record_sets(), ids=lambda s: s.name)
def test_every_declaration_says_how_it_is_erased(record_set):
    assert record_set.erase_as or record_set.erase or record_set.erased_by, record_set.name


EXPORT_SECTIONS = [
    "email",
    "accounts",
    "person_pages",
    "pages_created",
    "revisions_saved",
    "activity_sign_ups",
    "offers_of_help",
    "news_subscriptions",
    "signals",
    "website_contact",
    "consent_requests",
    "consents_given",
    "account_requests",
    "inwonersavond_sign_ups",
    "training_participations",
    "training_attendance",
    "hours_logged",
    "team_roster",
    "images_uploaded",
    "documents_uploaded",
    "log_entries",
    "languages_i_translate",
    "outgoing_mails",
    "buurtkrant_editions",
]


def test_the_export_keeps_its_sections_and_their_order(alpha):
    """People and scripts reading an export find every section where it always was."""
    from tenants.across import in_buurt
    from tenants.privacy import export_person

    with in_buurt(alpha):
        assert list(export_person("nobody@example.nl")) == EXPORT_SECTIONS
