"""Science popularisation (plan section 五): monthly themes and key days, events with their
photos, bases and demonstration units, awards for sci-tech workers, learned societies."""

from .awards import AwardRecommendation, Honoree, Selection
from .bases import Base, BaseRecommendation, Level
from .events import Event, EventPhoto
from .societies import Paper, Society
from .themes import KeyDay, MonthlyTheme

__all__ = [
    "AwardRecommendation",
    "Base",
    "BaseRecommendation",
    "Event",
    "EventPhoto",
    "Honoree",
    "KeyDay",
    "Level",
    "MonthlyTheme",
    "Paper",
    "Selection",
    "Society",
]
