"""Every buurt starts with the four roles and a peer review that needs four eyes."""

from django.core import mail

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory
from buurtpages.models import StoryIndexPage
from tests.base import inside, logged_in, refused
from workflows.demo import submit_for_review
from workflows.factories import UserFactory
from workflows.roles import BEWONER, BUURTBEHEERDER, BUURTVERBINDER


def submitted_story(author):
    index = dutch_section(StoryIndexPage)
    story = StoryPageFactory(parent=index, live=False, owner=author)
    return submit_for_review(story, author)


def test_resident_cannot_publish_but_buurtverbinder_can(alpha):
    with inside(alpha):
        resident = UserFactory(username="rik@example.nl", roles=[BEWONER])
        verbinder = UserFactory(username="vera@example.nl", roles=[BUURTVERBINDER])
        index = dutch_section(StoryIndexPage)
        assert index.permissions_for_user(resident).can_add_subpage()
        assert not index.permissions_for_user(resident).can_publish_subpage()
        assert index.permissions_for_user(verbinder).can_publish_subpage()


def test_peer_review_refuses_the_author(alpha):
    with inside(alpha):
        author = UserFactory(username="vera@example.nl", roles=[BUURTVERBINDER])
        peer = UserFactory(username="pieter@example.nl", roles=[BUURTVERBINDER])
        story = submitted_story(author)
        task = story.current_workflow_task.specific
        assert task.get_actions(story, author) == []
        assert [name for name, *_ in task.get_actions(story, peer)] == [
            "reject",
            "approve",
            "approve",
        ]
        assert not task.get_task_states_user_can_moderate(author).exists()
        assert task.get_task_states_user_can_moderate(peer).exists()


def test_review_request_mail_links_to_the_buurt_of_the_page(alpha, beta):
    with inside(beta):
        UserFactory(username="bert@example.nl", email="bert@example.nl", roles=[BUURTVERBINDER])
    with inside(alpha):
        author = UserFactory(username="vera@example.nl", roles=[BUURTVERBINDER])
        UserFactory(username="pieter@example.nl", email="pieter@example.nl", roles=[BUURTVERBINDER])
        story = submitted_story(author)
    review_mails = [m for m in mail.outbox if "pieter@example.nl" in m.to]
    assert review_mails, [m.to for m in mail.outbox]
    body = review_mails[0].body
    assert f"http://alpha.localhost/admin/pages/{story.pk}/" in body
    assert "beta.localhost" not in body and "//localhost" not in body
    # Nobody in another buurt hears about it.
    assert not any("bert@example.nl" in m.to for m in mail.outbox)


def test_buurtbeheerder_cannot_change_the_site_hostname(alpha):
    client = logged_in(alpha, "beheer@example.nl", BUURTBEHEERDER)
    assert client.get("/admin/").status_code == 200
    assert refused(client.get("/admin/sites/"))
