"""The moderation workflows driven through the Wagtail admin, as people use them."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.users.models import UserProfile

from buurtpages.blueprint import dutch_section
from buurtpages.factories import PersonPageFactory
from buurtpages.models import (
    InitiativeIndexPage,
    InitiativePage,
    PersonIndexPage,
    PersonPage,
    StoryIndexPage,
    StoryPage,
)
from kernel.roles import BUURT_ADMIN, CONNECTOR, PROFESSIONAL, RESIDENT
from tests.base import (
    client_for,
    initiative_form,
    inside,
    logged_in,
    person_form,
    refused,
    story_form,
)
from tests.real_forms import form_of
from workflows.consent import agreed
from workflows.models import ConsentRequest, PersonConsent


def submit_new_story(client, title):
    index = dutch_section(StoryIndexPage)
    url = f"/admin/pages/add/buurtpages/storypage/{index.pk}/"
    response = client.post(url, story_form(title, **{"action-submit": "1"}))
    assert response.status_code == 302, form_errors(response)
    return StoryPage.objects.get(title=title)


def form_errors(response):
    """The error messages of an admin form that did not save (for a readable failure)."""
    html = response.content.decode()
    errors = re.findall(r'class="error-message"[^>]*>(.*?)</p>', html, re.S)
    errors += re.findall(r'class="help-block help-critical"[^>]*>(.*?)</', html, re.S)
    messages = re.findall(r'class="messages".*?</ul>', html, re.S)
    return [" ".join(e.split()) for e in errors + messages] or html[:3000]


def current_state(buurt, page):
    with inside(buurt):
        return Page.objects.get(pk=page.pk).specific


def test_resident_submits_author_cannot_approve_another_buurtverbinder_can(alpha):
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    pieter = logged_in(alpha, "pieter@example.nl", CONNECTOR)
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        story = submit_new_story(vera, "Ons buurtfeest")
        assert not story.live and story.workflow_in_progress
        task_state_url = (
            f"/admin/pages/workflow/action/{story.pk}/approve/"
            f"{story.current_workflow_task_state.pk}/"
        )
    assert refused(vera.post(task_state_url))  # the author
    assert refused(rik.post(task_state_url))  # a resident
    assert vera.get("/admin/").status_code == 200 and rik.get("/admin/").status_code == 200
    assert not current_state(alpha, story).live
    assert not refused(pieter.post(task_state_url))
    assert current_state(alpha, story).live


def test_request_for_changes_needs_a_reason_and_reaches_the_author(alpha, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    pieter = logged_in(alpha, "pieter@example.nl", CONNECTOR)
    with inside(alpha):
        story = submit_new_story(rik, "Bankje bij de vijver")
        task_state = story.current_workflow_task_state
    url = f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/"
    pieter.post(url, {"comment": ""})
    with inside(alpha):
        assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
    mail.outbox.clear()
    with sending():
        pieter.post(url, {"comment": "Zet er een foto van het bankje bij."})
    with inside(alpha):
        state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_rik = [m for m in mail.outbox if "rik@example.nl" in m.to]
    assert to_rik and "Zet er een foto van het bankje bij." in to_rik[0].body
    assert f"http://alpha.localhost/admin/pages/{story.pk}/edit/" in to_rik[0].body
    # The resident sees it waiting on their dashboard.
    dashboard = rik.get("/admin/").content.decode()
    assert "Bankje bij de vijver" in dashboard and "Zet er een foto" in dashboard


def initiative_in_support(buurt, author_client, title="Moestuin aan de Dijk"):
    with inside(buurt):
        index = dutch_section(InitiativeIndexPage)
        form = initiative_form(title, **{"action-submit": "1"})
        url = f"/admin/pages/add/buurtpages/initiativepage/{index.pk}/"
        response = author_client.post(url, form)
        assert response.status_code == 302, form_errors(response)
        return InitiativePage.objects.get(title=title)


def test_professional_advises_without_editing_and_asks_for_changes(alpha, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    petra = logged_in(alpha, "petra@example.nl", PROFESSIONAL)
    mail.outbox.clear()
    with sending():
        initiative = initiative_in_support(alpha, rik)
    with inside(alpha):
        task = initiative.current_workflow_task.specific
        assert task.name == "Advies van een professional"
        task_state = initiative.current_workflow_task_state
    # The support request reaches the professional, on this buurt's own domain.
    to_petra = [m for m in mail.outbox if "petra@example.nl" in m.to]
    assert to_petra and "http://alpha.localhost/admin/" in to_petra[0].body
    assert "beta.localhost" not in to_petra[0].body
    # Support, not take-over: the professional cannot open the resident's page.
    assert refused(petra.get(f"/admin/pages/{initiative.pk}/edit/"))
    preview = petra.get(f"/admin/pages/workflow/preview/{initiative.pk}/{task.pk}/")
    assert preview.status_code == 200
    mail.outbox.clear()
    url = f"/admin/pages/workflow/action/{initiative.pk}/reject/{task_state.pk}/"
    with sending():
        response = petra.post(url, {"comment": "Vraag de woningcorporatie om toestemming."})
    assert response.status_code == 302
    with inside(alpha):
        state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
        assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    to_rik = [m for m in mail.outbox if "rik@example.nl" in m.to]
    assert to_rik and "woningcorporatie" in to_rik[0].body


def test_support_past_its_deadline_moves_on_by_itself(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    logged_in(alpha, "petra@example.nl", PROFESSIONAL)
    initiative = initiative_in_support(alpha, rik)
    with inside(alpha):
        task_state = initiative.current_workflow_task_state
    call_command("expire_support_tasks")
    with inside(alpha):
        assert TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_IN_PROGRESS
        TaskState.objects.filter(pk=task_state.pk).update(
            started_at=timezone.now() - timedelta(days=3, minutes=1)
        )
    call_command("expire_support_tasks")
    with inside(alpha):
        expired = TaskState.objects.get(pk=task_state.pk)
        assert expired.status == TaskState.STATUS_APPROVED
        assert "3" in expired.comment
        page = InitiativePage.objects.get(pk=initiative.pk)
        assert page.current_workflow_task.name == "Nakijken door een buurtverbinder"
        from wagtail.models import PageLogEntry

        # The page's history says why it moved on, for the revision that was waiting.
        entry = PageLogEntry.objects.get(page=page, action="workflows.support_deadline_passed")
        assert entry.revision_id == expired.revision_id
        assert entry.data == {"task": "Advies van een professional", "days": 3}


def submit_person(buurt, client, title, email):
    with inside(buurt):
        index = dutch_section(PersonIndexPage)
    form = person_form(title, email, **{"action-submit": "1"})
    response = client.post(f"/admin/pages/add/buurtpages/personpage/{index.pk}/", form)
    assert response.status_code == 302, form_errors(response)
    with inside(buurt):
        return PersonPage.objects.get(title=title)


def test_person_page_goes_live_only_after_the_person_agrees(alpha, sending, cache_mode):
    cache_mode.warm(client_for(alpha), "/mensen/")
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    pieter = logged_in(alpha, "pieter@example.nl", CONNECTOR)
    beheer = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    mail.outbox.clear()
    with sending():
        person = submit_person(alpha, vera, "Fatma Yilmaz", "fatma@example.nl")
    consent_mail = [m for m in mail.outbox if m.to == ["fatma@example.nl"]]
    assert consent_mail, [m.to for m in mail.outbox]
    with inside(alpha):
        consent_request = ConsentRequest.objects.get(page_id=person.pk)
    link = f"http://alpha.localhost/toestemming/{consent_request.token}/"
    assert link in consent_mail[0].body
    # Nobody in the admin can approve the consent step, not even the Buurtbeheerder.
    with inside(alpha):
        task_state = PersonPage.objects.get(pk=person.pk).current_workflow_task_state
    approve = f"/admin/pages/workflow/action/{person.pk}/approve/{task_state.pk}/"
    for client in (vera, pieter, beheer):
        assert refused(client.post(approve))
        assert client.get("/admin/").status_code == 200  # a real refusal, still logged in
    # Nor publish it: Wagtail's own edit form, every field as the Buurtbeheerder's browser
    # sends it, with the Publish button.
    edit = f"/admin/pages/{person.pk}/edit/"
    publish = form_of(beheer, edit, form_id="page-edit-form")
    assert publish["title"] == ["Fatma Yilmaz"] and publish["contact_email"]
    publish["action-publish"] = ["1"]
    refusal = beheer.post(edit, publish)
    assert refusal.status_code == 200
    assert "toestemming" in " ".join(form_errors(refusal))
    assert not current_state(alpha, person).live
    assert "Fatma Yilmaz" not in client_for(alpha).get("/mensen/").content.decode()
    # The link works on this buurt only.
    assert (
        client_for("beta.localhost").get(f"/toestemming/{consent_request.token}/").status_code
        == 404
    )
    visitor = client_for(alpha)
    page = visitor.get(f"/toestemming/{consent_request.token}/").content.decode()
    assert "Ik ken iedereen in de straat." in page
    visitor.post(f"/toestemming/{consent_request.token}/", {"decision": "yes"})
    with inside(alpha):
        consent = PersonConsent.objects.get(page_id=person.pk)
        assert consent.given_by == "fatma@example.nl" and consent.revision_id
        page = PersonPage.objects.get(pk=person.pk)
        assert page.current_workflow_task.name == "Nakijken door een buurtverbinder"
        review_state = page.current_workflow_task_state
    pieter.post(f"/admin/pages/workflow/action/{person.pk}/approve/{review_state.pk}/")
    assert current_state(alpha, person).live
    assert "Fatma Yilmaz" in client_for(alpha).get("/mensen/").content.decode()
    # A second answer through the same link changes nothing.
    again = visitor.post(f"/toestemming/{consent_request.token}/", {"decision": "no"})
    assert "niet meer geldig" in again.content.decode()


def test_refused_consent_returns_the_page_to_its_author(alpha, cache_mode, sending):
    cache_mode.warm(client_for(alpha), "/mensen/")
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    person = submit_person(alpha, vera, "Henk Bos", "henk@example.nl")
    with inside(alpha):
        token = ConsentRequest.objects.get(page_id=person.pk).token
    # A post without one of the two buttons decides nothing.
    client_for(alpha).post(f"/toestemming/{token}/", {"decision": "misschien"})
    with inside(alpha):
        assert ConsentRequest.objects.get(token=token).decision == "pending"
    mail.outbox.clear()
    with sending():
        client_for(alpha).post(f"/toestemming/{token}/", {"decision": "no"})
    with inside(alpha):
        page = PersonPage.objects.get(pk=person.pk)
        assert not page.live
        assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        assert not PersonConsent.objects.filter(page_id=person.pk).exists()
    people = client_for(alpha).get("/mensen/")
    assert people.status_code == 200 and "Henk Bos" not in people.content.decode()
    to_vera = [m for m in mail.outbox if "vera@example.nl" in m.to]
    assert to_vera and "henk@example.nl" in to_vera[0].body


def test_consent_covers_the_content_the_person_saw(alpha):
    with inside(alpha):
        person = agreed(
            PersonPageFactory(parent=dutch_section(PersonIndexPage), title="Ans de Wit")
        )
        assert person.has_consent
        person.help_with = "Iets heel anders dan waar Ans ja op zei."
        assert not person.has_consent
        person.contact_email = "ander@example.nl"  # not shown on the site
        person.help_with = PersonPage.objects.get(pk=person.pk).help_with
        assert person.has_consent


@pytest.mark.parametrize("role", [RESIDENT, PROFESSIONAL])
def test_resident_cannot_translate_a_page_they_cannot_edit(alpha, role):
    author = logged_in(alpha, "auteur@example.nl", CONNECTOR)
    with inside(alpha):
        story = submit_new_story(author, "Kerstmarkt")
    other = logged_in(alpha, "ander@example.nl", role)
    url = f"/admin/localize/submit/page/{story.pk}/"
    assert refused(other.get(url))
    assert refused(other.post(url, {"locales": []}))
    assert other.get("/admin/").status_code == 200
    # ... but the author's own page, yes.
    assert author.get(url).status_code == 200


def test_co_editor_may_edit_but_not_publish(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    petra = logged_in(alpha, "petra@example.nl", PROFESSIONAL)
    with inside(alpha):
        story = submit_new_story(rik, "Zwerfvuil prikken")
        edit = f"/admin/pages/{story.pk}/edit/"
        assert refused(petra.get(edit))
        petra_user = get_user_model().objects.get(username="petra@example.nl")
        story = StoryPage.objects.get(pk=story.pk)
        story.co_editors.add(petra_user)
        story.save_revision()
    assert petra.get(edit).status_code == 200
    with inside(alpha):
        draft = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
        tester = draft.permissions_for_user(petra_user)
        assert tester.can_edit() and not tester.can_publish()


def test_support_request_speaks_the_professionals_own_language(alpha, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    logged_in(alpha, "petra@example.nl", PROFESSIONAL)
    logged_in(alpha, "sam@example.nl", PROFESSIONAL)
    with inside(alpha):
        sam = get_user_model().objects.get(username="sam@example.nl")
        profile = UserProfile.get_for_user(sam)
        profile.preferred_language = "en"
        profile.save()
    mail.outbox.clear()
    with sending():
        initiative_in_support(alpha, rik)
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects["sam@example.nl"].startswith("Your advice is asked")
    assert subjects["petra@example.nl"].startswith("Je advies wordt gevraagd")


def test_translations_go_through_the_same_workflow_as_the_dutch_page(beta):
    with inside(beta):
        arabic_sections = InitiativeIndexPage.objects.filter(locale__language_code="ar")
        assert arabic_sections.exists()
        for section in arabic_sections:
            assert section.get_workflow().name == "een professional en een buurtverbinder"
        dutch = dutch_section(PersonIndexPage)
        arabic_people = dutch.get_translation(Locale.objects.get(language_code="ar"))
        assert arabic_people.get_workflow() == dutch.get_workflow()
