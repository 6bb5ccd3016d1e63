from .activity_index import ActivityIndexPage
from .home import BuurtHomePage
from .initiative_index import InitiativeIndexPage
from .person_index import PersonIndexPage
from .story import StoryPage
from .story_index import StoryIndexPage

__all__ = [
    "ActivityIndexPage",
    "BuurtHomePage",
    "InitiativeIndexPage",
    "PersonIndexPage",
    "StoryIndexPage",
    "StoryPage",
]
