"""Every cell of tests/permission_matrix.md, checked through the admin as that role."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from buurtpages.blueprint import dutch_section
from buurtpages.factories import InitiativePageFactory, StoryPageFactory
from buurtpages.models import BuurtkrantEdition, InitiativeIndexPage, StoryIndexPage
from kernel.roles import RESIDENT, ROLES, role_key
from tests.base import admin_allows, inside, logged_in, refused, story_form
from workflows.demo import submit_for_review
from workflows.factories import UserFactory

MATRIX = Path(__file__).with_name("permission_matrix.md")


def read_matrix():
    rows = [line for line in MATRIX.read_text().splitlines() if line.startswith("|")]
    # The table names the roles as people know them (their groups); code uses the keys.
    header = [role_key(cell.strip()) or cell.strip() for cell in rows[0].strip("|").split("|")]
    table = {}
    for row in rows[2:]:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        answers = zip(header[1:], cells[1:], strict=True)
        table[cells[0]] = {role: cell == "yes" for role, cell in answers}
    return table


class Situation:
    """One buurt scene: the user in `role`, their own draft, and other people's pages."""

    def __init__(self, buurt, role, number):
        self.buurt = buurt
        self.client = logged_in(buurt, f"ik{number}@example.nl", role)
        with inside(buurt):
            self.me = get_user_model().objects.get(username=f"ik{number}@example.nl")
            other = UserFactory(username=f"buur{number}@example.nl", roles=[RESIDENT])
            stories = dutch_section(StoryIndexPage)
            self.own = self.draft(stories, self.me, f"Mijn verhaal {number}")
            self.others = self.draft(stories, other, f"Haar verhaal {number}")
            self.own_in_review = self.submitted(stories, self.me, f"Mijn voorstel {number}")
            self.others_in_review = self.submitted(stories, other, f"Haar voorstel {number}")
            initiatives = dutch_section(InitiativeIndexPage)
            self.initiative = self.submitted(
                initiatives, other, f"Buurttuin {number}", InitiativePageFactory
            )

    def draft(self, parent, author, title, factory=StoryPageFactory):
        return factory(parent=parent, owner=author, title=title, live=False)

    def submitted(self, parent, author, title, factory=StoryPageFactory):
        return submit_for_review(self.draft(parent, author, title, factory), author)

    def approve(self, page):
        with inside(self.buurt):
            state = Page.objects.get(pk=page.pk).current_workflow_task_state
        url = f"/admin/pages/workflow/action/{page.pk}/approve/{state.pk}/"
        self.client.post(url, {"comment": ""})
        with inside(self.buurt):
            refreshed = type(state).objects.get(pk=state.pk)
            return refreshed.status == "approved"

    def publish_own(self):
        intro = "Gewoon gepubliceerd."
        form = story_form(
            self.own.title, slug=self.own.slug, intro=intro, **{"action-publish": "1"}
        )
        self.client.post(f"/admin/pages/{self.own.pk}/edit/", form)
        with inside(self.buurt):
            return Page.objects.get(pk=self.own.pk).live

    def publish_buurtkrant(self):
        with inside(self.buurt):
            edition = BuurtkrantEdition.objects.create(month=date(2031, 3, 1), language="nl")
        response = self.client.post(f"/admin/buurtkrant/{edition.pk}/publiceren/")
        with inside(self.buurt):
            published = BuurtkrantEdition.objects.get(pk=edition.pk).is_published
        assert published or refused(response), response.status_code
        return published

    def get(self, url):
        return admin_allows(self.client.get(url))


ACTIONS = {
    "edit own page": lambda s: s.get(f"/admin/pages/{s.own.pk}/edit/"),
    "edit another's page": lambda s: s.get(f"/admin/pages/{s.others.pk}/edit/"),
    "publish directly": lambda s: s.publish_own(),
    "approve another's page": lambda s: s.approve(s.others_in_review),
    "approve own page": lambda s: s.approve(s.own_in_review),
    "advise on an initiative": lambda s: s.approve(s.initiative),
    "translate own page": lambda s: s.get(f"/admin/localize/submit/page/{s.own.pk}/"),
    "translate another's page": lambda s: s.get(f"/admin/localize/submit/page/{s.others.pk}/"),
    "triage signals": lambda s: s.get("/admin/snippets/buurtpages/signal/"),
    "decide account requests": lambda s: s.get("/admin/accountaanvragen/"),
    "decide reported pages": lambda s: s.get("/admin/gemeld/"),
    "add a place": lambda s: s.get("/admin/snippets/buurtpages/place/add/"),
    "manage users": lambda s: s.get("/admin/users/"),
    "invite people": lambda s: s.get("/admin/mensen-uitnodigen/"),
    "manage languages": lambda s: s.get("/admin/locales/"),
    "view audit log": lambda s: s.get("/admin/logboek/"),
    "change site settings": lambda s: s.get("/admin/sites/"),
    "edit workflows": lambda s: s.get("/admin/workflows/list/"),
    "make a buurtkrant edition": lambda s: s.get("/admin/buurtkrant/nieuw/"),
    "publish the buurtkrant": lambda s: s.publish_buurtkrant(),
}


def test_the_matrix_names_every_action_and_role():
    matrix = read_matrix()
    assert set(matrix) == set(ACTIONS)
    assert all(set(row) == set(ROLES) for row in matrix.values())


@pytest.mark.parametrize("role", ROLES)
def test_each_role_can_do_exactly_what_the_matrix_says(alpha, role):
    expected = {action: row[role] for action, row in read_matrix().items()}
    actual = {}
    for number, (action, attempt) in enumerate(ACTIONS.items()):
        # A fresh scene per action: one action must not prepare the next.
        situation = Situation(alpha, role, number)
        actual[action] = bool(attempt(situation))
        # Positive control: the same client is still logged in and may use the admin.
        assert situation.client.get("/admin/").status_code == 200, (role, action)
    wrong = {action: actual[action] for action in ACTIONS if actual[action] != expected[action]}
    assert wrong == {}, f"{role}: allowed != matrix for {wrong}"
