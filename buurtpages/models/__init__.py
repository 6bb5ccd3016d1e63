from .activity import ActivityPage, ActivitySkippedDate
from .activity_index import ActivityIndexPage
from .buurtgids import BuurtgidsPage
from .buurtkrant import BuurtkrantEdition
from .header_photo import HeaderPhoto
from .help_offer import HelpOffer
from .home import BuurtHomePage
from .initiative import (
    InitiativeHelpWanted,
    InitiativePage,
    InitiativeStatus,
    InitiativeStatusChange,
    InitiativeTeamMember,
    TeamRole,
)
from .initiative_index import InitiativeIndexPage
from .legal import LegalInformation
from .person import PersonPage
from .person_index import PersonIndexPage
from .referral import ReferralCount
from .registration import Registration
from .signal import Signal
from .snippets import Partner, Place, Theme
from .story import StoryPage
from .story_index import StoryIndexPage
from .subscription import SentDigestItem, Subscription

__all__ = [
    "ActivityIndexPage",
    "ActivityPage",
    "ActivitySkippedDate",
    "BuurtHomePage",
    "BuurtgidsPage",
    "BuurtkrantEdition",
    "HeaderPhoto",
    "HelpOffer",
    "InitiativeHelpWanted",
    "InitiativeIndexPage",
    "InitiativePage",
    "InitiativeStatus",
    "InitiativeStatusChange",
    "InitiativeTeamMember",
    "LegalInformation",
    "Partner",
    "PersonIndexPage",
    "PersonPage",
    "Place",
    "ReferralCount",
    "Registration",
    "SentDigestItem",
    "Signal",
    "StoryIndexPage",
    "StoryPage",
    "Subscription",
    "TeamRole",
    "Theme",
]
