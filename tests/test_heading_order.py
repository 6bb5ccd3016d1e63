"""Screen-reader users jump from heading to heading: a level may never be skipped (h1 → h3),
which the Nu Html Checker reports and which makes a list look like part of the section above."""

import re

import pytest

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import (
    ActivityIndexPage,
    BuurtgidsPage,
    InitiativeIndexPage,
    PersonIndexPage,
    StoryIndexPage,
)
from tests.base import client_for, inside

HEADING = re.compile(r"<h([1-6])\b")


def skipped_levels(html):
    """Every heading that is more than one level deeper than the heading before it."""
    levels = [int(level) for level in HEADING.findall(html)]
    return [
        (before, after)
        for before, after in zip([0, *levels], levels, strict=False)
        if after > before + 1
    ]


@pytest.fixture
def filled_sections(alpha):
    with inside(alpha):
        initiative = InitiativePageFactory(
            parent=dutch_section(InitiativeIndexPage), title="Repaircafé"
        )
        publish(initiative)
        publish(ActivityPageFactory(parent=dutch_section(ActivityIndexPage), title="Koffie"))
        publish(StoryPageFactory(parent=dutch_section(StoryIndexPage), title="Geveltuinen"))
        return {
            model: dutch_section(model).url
            for model in (
                InitiativeIndexPage,
                ActivityIndexPage,
                StoryIndexPage,
                PersonIndexPage,
                BuurtgidsPage,
            )
        } | {"home": "/", "initiative": initiative.url}


def test_no_public_page_skips_a_heading_level(alpha, filled_sections):
    client = client_for(alpha)
    for name, url in filled_sections.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<h1" in html, url
        assert skipped_levels(html) == [], f"{name} {url} skips a heading level"
