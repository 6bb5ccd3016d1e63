"""The Wagtail admin of a buurt works on its own schema, previews included."""

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory
from buurtpages.models import StoryIndexPage
from tests.base import inside, logged_in
from workflows.roles import BUURTBEHEERDER


def logged_in_admin(buurt):
    return logged_in(buurt, "beheer@example.nl", BUURTBEHEERDER)


def test_draft_view_renders_in_its_own_buurt(alpha, beta):
    with inside(alpha):
        story = StoryPageFactory(
            parent=dutch_section(StoryIndexPage), title="Concept over de speeltuin", live=False
        )
        story.save_revision()
    client = logged_in_admin(alpha)
    preview = client.get(f"/admin/pages/{story.pk}/view_draft/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert "Concept over de speeltuin" in html
    assert "Alphabuurt" in html
    # The same URL in another buurt's admin shows nothing of it.
    other = logged_in_admin(beta).get(f"/admin/pages/{story.pk}/view_draft/")
    assert "Concept over de speeltuin" not in other.content.decode()


def test_admin_dashboard_and_page_explorer_work(alpha):
    client = logged_in_admin(alpha)
    assert client.get("/admin/").status_code == 200
    explorer = client.get("/admin/pages/")
    assert explorer.status_code == 200
    assert "Alphabuurt" in explorer.content.decode()
