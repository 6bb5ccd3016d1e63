"""Every buurt starts with the four roles and a peer review that needs four eyes."""

from buurtpages.factories import StoryPageFactory
from buurtpages.models import StoryIndexPage
from tenants.factories import UserFactory
from tests.base import inside
from workflows.roles import BEWONER, BUURTVERBINDER


def submitted_story(author):
    index = StoryIndexPage.objects.get()
    story = StoryPageFactory(parent=index, live=False, owner=author)
    story.save_revision(user=author)
    story.get_workflow().start(story, user=author)
    return type(story).objects.get(pk=story.pk)


def test_resident_cannot_publish_but_buurtverbinder_can(alpha):
    with inside(alpha):
        resident = UserFactory(username="rik@example.nl", roles=[BEWONER])
        verbinder = UserFactory(username="vera@example.nl", roles=[BUURTVERBINDER])
        index = StoryIndexPage.objects.get()
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
