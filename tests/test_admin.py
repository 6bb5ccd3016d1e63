"""The Wagtail admin of a buurt works on its own schema, previews included."""

from buurtpages.blueprint import dutch_section
from buurtpages.factories import StoryPageFactory
from buurtpages.models import StoryIndexPage
from kernel.roles import BUURT_ADMIN
from tests.base import inside, logged_in


def logged_in_admin(buurt):
    return logged_in(buurt, "beheer@example.nl", BUURT_ADMIN)


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
    # The same URL in another buurt's admin shows nothing of it; that admin does show its
    # own draft with the same words (a real page, not an empty or broken one).
    with inside(beta):
        own = StoryPageFactory(
            parent=dutch_section(StoryIndexPage),
            title="Concept over de speeltuin in Beta",
            live=False,
        )
        own.save_revision()
    beta_admin = logged_in_admin(beta)
    other = beta_admin.get(f"/admin/pages/{story.pk}/view_draft/")
    leftover = other.content.decode().replace("Concept over de speeltuin in Beta", "")
    assert "Concept over de speeltuin" not in leftover
    own_draft = beta_admin.get(f"/admin/pages/{own.pk}/view_draft/")
    assert own_draft.status_code == 200
    assert "Concept over de speeltuin in Beta" in own_draft.content.decode()


def test_admin_dashboard_and_page_explorer_work(alpha):
    client = logged_in_admin(alpha)
    assert client.get("/admin/").status_code == 200
    explorer = client.get("/admin/pages/")
    assert explorer.status_code == 200
    assert "Alphabuurt" in explorer.content.decode()
