"""The admin screens and mails residents meet while writing speak plain Dutch.

Wagtail's own Dutch says "u", "workflow" and "verwijdert"; the names of our review steps
were jargon ("Buurtverbinder-review"). What a resident reads on the editor of a page in
review, on its main button and in the mails about it follows docs/woordenlijst.md.
"""

import re

from django.core import mail
from wagtail.models import Task, Workflow, WorkflowState

from buurtpages.blueprint import dutch_section
from buurtpages.models import StoryIndexPage, StoryPage
from kernel.roles import CONNECTOR, RESIDENT
from tests.base import client_for, inside, logged_in, story_form
from tests.test_plain_dutch import forbidden_in, word_pattern
from tests.test_workflows import submit_person
from workflows.models import ConsentRequest
from workflows.roles import ensure_workflows

# What Wagtail's stock Dutch and our former step names put in front of residents.
ADMIN_JARGON = ("u", "uw", "workflow", "review", "reviewer", "verwijdert", "afgewezen", "afgekeurd")


def jargon(text):
    return forbidden_in(text, {word: word_pattern(word) for word in ADMIN_JARGON})


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    titles = " ".join(re.findall(r'(?:aria-label|title|placeholder|value)="([^"]*)"', html))
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()) + " " + titles


def submit_story(buurt, client, title):
    with inside(buurt):
        index = dutch_section(StoryIndexPage)
    url = f"/admin/pages/add/buurtpages/storypage/{index.pk}/"
    response = client.post(url, story_form(title, **{"action-submit": "1"}))
    assert response.status_code == 302
    with inside(buurt):
        return StoryPage.objects.get(title=title)


def test_residents_main_button_sends_the_page_to_a_buurtverbinder(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        index = dutch_section(StoryIndexPage)
    form = rik.get(f"/admin/pages/add/buurtpages/storypage/{index.pk}/")
    assert form.status_code == 200
    assert "Klaar? Stuur het naar een buurtverbinder" in visible_text(form.content.decode())


def test_editor_of_a_page_in_review_speaks_plain_dutch(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    story = submit_story(alpha, rik, "Bankje bij de vijver")
    editor = rik.get(f"/admin/pages/{story.pk}/edit/")
    assert editor.status_code == 200
    text = visible_text(editor.content.decode())
    assert "Bankje bij de vijver" in text and "Nakijken door een buurtverbinder" in text
    assert jargon(text) == [], [
        m.group(0) for w in jargon(text) for m in re.finditer(rf".{{60}}\b{w}.{{60}}", text, re.I)
    ]


def test_request_for_changes_reaches_the_author_in_plain_dutch(alpha, sending):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    pieter = logged_in(alpha, "pieter@example.nl", CONNECTOR)
    story = submit_story(alpha, rik, "Bankje bij de vijver")
    with inside(alpha):
        task_state = story.current_workflow_task_state
    mail.outbox.clear()
    url = f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/"
    with sending():  # Wagtail's mail goes out once the decision is committed
        pieter.post(url, {"comment": "Zet er een foto van het bankje bij."})
    to_rik = [m for m in mail.outbox if "rik@example.nl" in m.to]
    assert to_rik and "Zet er een foto van het bankje bij." in to_rik[0].body
    for message in to_rik:
        assert jargon(message.subject) == [] and jargon(message.body) == [], (
            message.subject,
            message.body,
        )


def test_refused_consent_reaches_the_author_in_plain_dutch(alpha, sending):
    vera = logged_in(alpha, "vera@example.nl", CONNECTOR)
    person = submit_person(alpha, vera, "Henk Bos", "henk@example.nl")
    with inside(alpha):
        token = ConsentRequest.objects.get(page_id=person.pk).token
    mail.outbox.clear()
    with sending():
        client_for(alpha).post(f"/toestemming/{token}/", {"decision": "no"})
    to_vera = [m for m in mail.outbox if "vera@example.nl" in m.to]
    assert to_vera
    for message in to_vera:
        assert jargon(message.subject) == [] and jargon(message.body) == [], (
            message.subject,
            message.body,
        )


def test_buurten_launched_earlier_get_the_new_names_without_losing_pages_in_review(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    story = submit_story(alpha, rik, "Bankje bij de vijver")
    with inside(alpha):
        # As an earlier release named them.
        Workflow.objects.filter(name="een buurtverbinder").update(name="Buurtverbinder-review")
        Task.objects.filter(name="Nakijken door een buurtverbinder").update(
            name="Review door buurtverbinder"
        )
        ensure_workflows()
        state = StoryPage.objects.get(pk=story.pk).current_workflow_state
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.workflow.name == "een buurtverbinder" and state.workflow.active
        assert state.current_task_state.task.name == "Nakijken door een buurtverbinder"
        assert not Workflow.objects.filter(name="Buurtverbinder-review").exists()
        assert not Task.objects.filter(name="Review door buurtverbinder").exists()


def test_residents_dashboard_with_a_page_in_review_speaks_plain_dutch(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    submit_story(alpha, rik, "Bankje bij de vijver")
    dashboard = rik.get("/admin/")
    assert dashboard.status_code == 200
    text = visible_text(dashboard.content.decode())
    assert "Bankje bij de vijver" in text and "Jouw pagina's die worden nagekeken" in text
    assert jargon(text) == []
