"""The shortest way in for residents: "new activity" and friends straight from the dashboard.

Without it a resident goes Pages → the section → Add child page before seeing a form.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from buurtpages.blueprint import dutch_section
from buurtpages.models import ActivityIndexPage, InitiativeIndexPage, StoryIndexPage

# (section model, what to make, a hint in plain words)
STARTS = [
    (
        ActivityIndexPage,
        "activitypage",
        _("New activity"),
        _("Something to do together: once or repeating, with a place and sign-up."),
    ),
    (
        StoryIndexPage,
        "storypage",
        _("New story"),
        _("Tell what happened in the buurt, with a photo if you like."),
    ),
    (
        InitiativeIndexPage,
        "initiativepage",
        _("New initiative"),
        _("A plan or idea you are looking for people for."),
    ),
]


@dataclass
class Start:
    label: str
    hint: str
    url: str


def starts_for(user):
    """The "new …" links this user may follow (add permission on the Dutch section)."""
    starts = []
    for section_model, model_name, label, hint in STARTS:
        section = dutch_section(section_model)
        if section.permissions_for_user(user).can_add_subpage():
            url = reverse("wagtailadmin_pages:add", args=["buurtpages", model_name, section.pk])
            starts.append(Start(label, hint, url))
    return starts
