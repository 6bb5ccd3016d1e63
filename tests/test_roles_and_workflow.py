"""Every buurt starts with the four roles and a peer review that needs four eyes."""

from django.core import mail

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory
from buurtpages.models import StoryIndexPage
from kernel.roles import BUURT_ADMIN, CONNECTOR, RESIDENT
from tests.base import inside, logged_in, refused
from workflows.demo import submit_for_review
from workflows.factories import UserFactory


def submitted_story(author):
    index = dutch_section(StoryIndexPage)
    story = StoryPageFactory(parent=index, live=False, owner=author)
    return submit_for_review(story, author)


def test_resident_cannot_publish_but_buurtverbinder_can(alpha):
    with inside(alpha):
        resident = UserFactory(username="rik@example.nl", roles=[RESIDENT])
        verbinder = UserFactory(username="vera@example.nl", roles=[CONNECTOR])
        index = dutch_section(StoryIndexPage)
        assert index.permissions_for_user(resident).can_add_subpage()
        assert not index.permissions_for_user(resident).can_publish_subpage()
        assert index.permissions_for_user(verbinder).can_publish_subpage()


def test_peer_review_refuses_the_author(alpha):
    with inside(alpha):
        author = UserFactory(username="vera@example.nl", roles=[CONNECTOR])
        peer = UserFactory(username="pieter@example.nl", roles=[CONNECTOR])
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


def test_review_request_mail_links_to_the_buurt_of_the_page(alpha, beta, sending):
    with inside(beta):
        UserFactory(username="bert@example.nl", email="bert@example.nl", roles=[CONNECTOR])
    with inside(alpha):
        author = UserFactory(username="vera@example.nl", roles=[CONNECTOR])
        UserFactory(username="pieter@example.nl", email="pieter@example.nl", roles=[CONNECTOR])
        with sending():
            story = submitted_story(author)
    review_mails = [m for m in mail.outbox if "pieter@example.nl" in m.to]
    assert review_mails, [m.to for m in mail.outbox]
    body = review_mails[0].body
    assert f"http://alpha.localhost/admin/pages/{story.pk}/" in body
    assert "beta.localhost" not in body and "//localhost" not in body
    # Nobody in another buurt hears about it.
    assert not any("bert@example.nl" in m.to for m in mail.outbox)


def test_buurtbeheerder_cannot_change_the_site_hostname(alpha):
    client = logged_in(alpha, "beheer@example.nl", BUURT_ADMIN)
    assert client.get("/admin/").status_code == 200
    assert refused(client.get("/admin/sites/"))


def test_roles_are_named_by_key_and_keep_their_groups_and_labels(alpha):
    """Code names a role by key; the buurt's group keeps its Dutch name; the invitation
    form offers the keys with a translated label."""
    from django.utils import translation

    from kernel.roles import group_name, has_role, role_group
    from workflows.forms import InvitationForm

    with inside(alpha):
        rik = UserFactory(username="rik@example.nl", roles=[RESIDENT])
        assert role_group(RESIDENT).name == "Bewoner" == group_name(RESIDENT)
        assert has_role(rik, RESIDENT) and not has_role(rik, CONNECTOR)
    with translation.override("nl"):
        choices = {key: str(label) for key, label in InvitationForm().fields["role"].choices}
    assert choices["resident"] == "Bewoner"
    assert choices["buurt_admin"] == "Buurtbeheerder"


def test_every_app_contributes_its_permissions_and_the_role_builder_applies_them(alpha):
    """The trainings app's permissions reach the groups through the registry (the role
    builder never imports trainings); a new contribution reaches the group and changes the
    platform version, so migrate_platform refreshes every buurt."""
    import inspect

    from kernel import roles as role_keys
    from tenants.migration_plan import code_version
    from workflows import roles

    assert "trainings" not in inspect.getsource(roles)
    assert "trainings.view_modulematerial" in role_keys.contributed_permissions("professional")
    before = code_version([])
    role_keys.contribute_permissions("probe", {RESIDENT: ["buurtpages.view_signal"]})
    try:
        assert code_version([]) != before
        with inside(alpha):
            roles.ensure_roles()
            group = role_keys.role_group(RESIDENT)
            assert group.permissions.filter(codename="view_signal").exists()
            assert (
                role_keys.role_group("professional")
                .permissions.filter(codename="view_modulematerial")
                .exists()
            )
    finally:
        role_keys._contributions.pop("probe")
        with inside(alpha):
            roles.ensure_roles()
    with inside(alpha):
        assert not role_keys.role_group(RESIDENT).permissions.filter(codename="view_signal")
