"""Benchmark content for a buurt: stories, activities and initiatives with fixed slugs."""

from buurtpages.blueprint import dutch_section
from buurtpages.factories import (
    ActivityPageFactory,
    InitiativePageFactory,
    StoryPageFactory,
    publish,
)
from buurtpages.models import ActivityIndexPage, InitiativeIndexPage, StoryIndexPage
from tenants.across import in_buurt

# Pages whose queries are counted; each exists in every benchmark buurt.
PAGES = {
    "home": "/",
    "story_index": "/verhalen/",
    "story": "/verhalen/bench-verhaal-1/",
    "agenda": "/agenda/",
    "activity": "/agenda/bench-activiteit-1/",
    "initiative_index": "/initiatieven/",
    "initiative": "/initiatieven/bench-initiatief-1/",
    "people": "/mensen/",
    "buurtgids": "/buurtgids/",
}


def fill(buurt, scale=1):
    """3 stories, 2 activities and 2 initiatives, times `scale`."""
    with in_buurt(buurt):
        stories = dutch_section(StoryIndexPage)
        activities = dutch_section(ActivityIndexPage)
        initiatives = dutch_section(InitiativeIndexPage)
        for number in range(1, 3 * scale + 1):
            publish(StoryPageFactory(parent=stories, slug=f"bench-verhaal-{number}"))
        for number in range(1, 2 * scale + 1):
            publish(ActivityPageFactory(parent=activities, slug=f"bench-activiteit-{number}"))
            publish(InitiativePageFactory(parent=initiatives, slug=f"bench-initiatief-{number}"))
