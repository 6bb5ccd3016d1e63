"""Corners nobody tested: reporting a draft, moderation decisions posted by roles that do
not moderate, and the trainings' admin views as a Professional. Each refusal sits next to
something the same client may do."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory
from buurtpages.models import PersonPage, Signal, StoryIndexPage
from kernel.roles import CONNECTOR, PROFESSIONAL, RESIDENT, group_name
from tests.base import client_for, inside, logged_in, refused
from tests.test_moderation import live_story, report_from
from tests.test_workflows import submit_person
from trainings.factories import CohortFactory
from workflows.models import AccountRequest, ContentReport, ModerationCase


def test_a_draft_page_cannot_be_reported(alpha):
    story = live_story(alpha)
    with inside(alpha):
        draft = StoryPageFactory(
            parent=dutch_section(StoryIndexPage), title="Nog niet af", live=False
        )
    visitor = client_for(alpha)
    assert visitor.get(f"/melden/{draft.pk}/").status_code == 404
    assert report_from(alpha, draft, "10.0.0.1").status_code == 404
    with inside(alpha):
        assert not ContentReport.objects.exists()
    # The live page next to it can be reported.
    assert visitor.get(f"/melden/{story.pk}/").status_code == 200
    assert report_from(alpha, story, "10.0.0.1").status_code == 302
    with inside(alpha):
        assert ContentReport.objects.count() == 1


@pytest.mark.parametrize("role", [RESIDENT, PROFESSIONAL])
def test_who_does_not_moderate_cannot_post_a_moderation_decision(alpha, role):
    client = logged_in(alpha, "geen-moderator@example.nl", role)
    story = live_story(alpha)
    for address in ("10.0.0.1", "10.1.0.1", "10.2.0.1"):
        report_from(alpha, story, address)
    with inside(alpha):
        case = ModerationCase.objects.get(page_id=story.pk)
        request = AccountRequest.objects.create(name="Nieuwe buur", email="nieuw@example.nl")
        signal = Signal.objects.create(
            category=Signal.Category.choices[0][0], description="Losse tegel", sender_hash="x"
        )
    decisions = [
        (f"/admin/accountaanvragen/{request.pk}/besluit/", {"decision": "approve"}),
        (f"/admin/gemeld/{case.pk}/", {"decision": "restore", "note": "Mag terug"}),
        (
            f"/admin/snippets/buurtpages/signal/edit/{signal.pk}/",
            {"status": Signal.Status.CLOSED, "triage_note": "Afgehandeld"},
        ),
        (f"/admin/signalen/{signal.pk}/initiatief/", {}),
    ]
    for url, data in decisions:
        assert refused(client.post(url, data)), url
    with inside(alpha):
        assert AccountRequest.objects.get(pk=request.pk).status == AccountRequest.Status.PENDING
        assert ModerationCase.objects.get(pk=case.pk).status == ModerationCase.Status.OFFLINE
        assert not Page.objects.get(pk=story.pk).live
        assert Signal.objects.get(pk=signal.pk).status == Signal.Status.NEW
    assert client.get("/admin/").status_code == 200  # still in the admin: real refusals


@pytest.mark.parametrize("role", [RESIDENT, PROFESSIONAL])
def test_who_does_not_moderate_cannot_approve_a_consent_step(alpha, role):
    author = logged_in(alpha, "vera@example.nl", CONNECTOR)
    client = logged_in(alpha, "geen-moderator@example.nl", role)
    person = submit_person(alpha, author, "Fatma Yilmaz", "fatma@example.nl")
    with inside(alpha):
        task_state = PersonPage.objects.get(pk=person.pk).current_workflow_task_state
    url = f"/admin/pages/workflow/action/{person.pk}/approve/{task_state.pk}/"
    assert refused(client.post(url, {"comment": ""}))
    with inside(alpha):
        assert type(task_state).objects.get(pk=task_state.pk).status == "in_progress"
        assert not PersonPage.objects.get(pk=person.pk).live
    assert client.get("/admin/").status_code == 200


def test_a_professional_sees_training_material_but_not_the_organisers_views(alpha):
    professional = logged_in(alpha, "prof@example.nl", PROFESSIONAL)
    with inside(alpha):
        cohort = CohortFactory(name="Groep Noord")
    for url in (
        f"/admin/trainingen/cohort/{cohort.pk}/planning/",
        f"/admin/trainingen/cohort/{cohort.pk}/aanwezigheid/",
        "/admin/uren/",
        "/admin/snippets/trainings/cohort/",
        f"/admin/snippets/trainings/cohort/edit/{cohort.pk}/",
        "/admin/snippets/trainings/interestsignup/",
        "/admin/snippets/trainings/rostermember/",
    ):
        response = professional.get(url)
        assert refused(response), url
        assert b"Groep Noord" not in response.content
    posted = professional.post(
        f"/admin/trainingen/cohort/{cohort.pk}/aanwezigheid/", {"complete": "1"}
    )
    assert refused(posted)
    with inside(alpha):
        assert not get_user_model().objects.filter(groups__name=group_name(CONNECTOR)).exists()
    assert professional.get("/admin/snippets/trainings/modulematerial/").status_code == 200
