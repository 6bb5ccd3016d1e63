"""Who may be a co-editor, who may change the list, and the one list every check reads.

The co-editor checkboxes offer professionals and buurtverbinders by name (never every
account's e-mail address); only the page's owner or a buurtverbinder changes the list
(a co-editor's change is ignored); the sign-up list follows the same list the editor
follows, so a removed co-editor loses it at once. Reports that show other people's
drafts (site history, pages in review) are for the roles that review.
"""

from django.contrib.auth import get_user_model

from buurtpages.blueprint import dutch_section
from buurtpages.factories import ActivityPageFactory, StoryPageFactory
from buurtpages.models import ActivityIndexPage, Registration, StoryIndexPage, StoryPage
from kernel.roles import CONNECTOR, PROFESSIONAL, RESIDENT
from tests.base import inside, logged_in, refused, story_form
from workflows.factories import UserFactory


def user(username):
    return get_user_model().objects.get(username=username)


def edit_form(page, co_editors, intro="Een verhaal uit de buurt."):
    data = story_form(page.title, slug=page.slug, intro=intro)
    data["co_editors"] = [editor.pk for editor in co_editors]  # a multiple-choice field
    return data


def own_story(buurt, owner_username, title, co_editors=()):
    with inside(buurt):
        story = StoryPageFactory(
            parent=dutch_section(StoryIndexPage),
            owner=user(owner_username),
            title=title,
            live=False,
        )
        story.co_editors.set([user(name) for name in co_editors])
        story.save_revision(user=user(owner_username))
        return story


def test_the_co_editor_choices_name_professionals_and_buurtverbinders_only(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    with inside(alpha):
        UserFactory(
            username="petra@example.nl", first_name="Petra", last_name="Prof", roles=[PROFESSIONAL]
        )
        UserFactory(
            username="vera@example.nl",
            first_name="Vera",
            last_name="Verbinder",
            roles=[CONNECTOR],
        )
        UserFactory(
            username="buurvrouw@example.nl", first_name="Bea", last_name="Buur", roles=[RESIDENT]
        )
    story = own_story(alpha, "rik@example.nl", "Zwerfvuil")
    html = rik.get(f"/admin/pages/{story.pk}/edit/").content.decode()
    assert "Petra Prof" in html and "Vera Verbinder" in html  # offered, by name
    assert "Bea Buur" not in html  # another resident is no co-editor
    for address in ("petra@example.nl", "vera@example.nl", "buurvrouw@example.nl"):
        assert address not in html


def test_a_co_editor_cannot_add_more_co_editors_the_owner_can(alpha):
    rik = logged_in(alpha, "rik@example.nl", RESIDENT)
    petra = logged_in(alpha, "petra@example.nl", PROFESSIONAL)
    sam = logged_in(alpha, "sam@example.nl", PROFESSIONAL)
    story = own_story(alpha, "rik@example.nl", "Bankjes", co_editors=["petra@example.nl"])
    edit = f"/admin/pages/{story.pk}/edit/"
    with inside(alpha):
        petra_user, sam_user = user("petra@example.nl"), user("sam@example.nl")
    saved = petra.post(edit, edit_form(story, [petra_user, sam_user], intro="Petra schreef mee."))
    assert saved.status_code == 302  # her text is saved ...
    with inside(alpha):
        draft = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
        assert draft.intro == "Petra schreef mee."
        assert [editor.pk for editor in draft.co_editors.all()] == [petra_user.pk]
    assert refused(sam.get(edit))  # ... but Sam got no access through her
    assert sam.get("/admin/").status_code == 200
    # The owner may invite Sam.
    assert rik.post(edit, edit_form(story, [petra_user, sam_user])).status_code == 302
    assert sam.get(edit).status_code == 200


def test_a_removed_co_editor_loses_the_sign_up_list_at_once(alpha):
    logged_in(alpha, "rik@example.nl", RESIDENT)
    petra = logged_in(alpha, "petra@example.nl", PROFESSIONAL)
    with inside(alpha):
        rik_user, petra_user = user("rik@example.nl"), user("petra@example.nl")
        activity = ActivityPageFactory(
            parent=dutch_section(ActivityIndexPage), owner=rik_user, title="Buurtborrel"
        )
        activity.co_editors.set([petra_user])
        activity.save_revision(user=rik_user).publish()
        Registration.objects.create(
            activity=activity,
            occurrence_start=activity.start,
            name="Deelnemer Een",
            status=Registration.Status.CONFIRMED,
        )
    sign_ups = f"/admin/activiteiten/{activity.pk}/aanmeldingen/"
    assert petra.get(sign_ups).status_code == 200
    assert b"Deelnemer Een" in petra.get(f"{sign_ups}?export=csv").content
    with inside(alpha):  # the owner removes Petra in a new draft
        draft = activity.get_latest_revision_as_object()
        draft.co_editors.set([])
        draft.save_revision(user=rik_user)
    assert refused(petra.get(sign_ups))
    exported = petra.get(f"{sign_ups}?export=csv")
    assert refused(exported) and b"Deelnemer Een" not in exported.content
    assert refused(petra.get(f"/admin/pages/{activity.pk}/edit/"))  # the same list
    assert petra.get("/admin/").status_code == 200


def test_only_reviewers_see_reports_of_other_peoples_drafts(alpha):
    bewoner = logged_in(alpha, "bewoner@example.nl", RESIDENT)
    professional = logged_in(alpha, "prof@example.nl", PROFESSIONAL)
    verbinder = logged_in(alpha, "verbinder@example.nl", CONNECTOR)
    with inside(alpha):
        author = UserFactory(username="auteur@example.nl", roles=[RESIDENT])
        page = StoryPageFactory(
            parent=dutch_section(StoryIndexPage),
            owner=author,
            title="Geheim concept",
            live=False,
        )
        page.save_revision(user=author, log_action=True)
        page.get_workflow().start(page, user=author)
    for url in (
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ):
        for client in (bewoner, professional):
            response = client.get(url)
            assert refused(response), url
            assert b"Geheim concept" not in response.content
        assert verbinder.get(url).status_code == 200, url
    assert b"Geheim concept" in verbinder.get("/admin/reports/site-history/").content
    assert bewoner.get("/admin/").status_code == 200
    assert professional.get("/admin/").status_code == 200
