"""Innovation platforms (plan section 三) and the innovative-city indicators (section 四)."""

from .city import Department, Indicator, IndicatorGroup, IndicatorValue, Notice
from .platforms import (
    ACTIVE_STAGES,
    LEVEL_RANK,
    Application,
    ApplicationMove,
    ApplicationStage,
    Category,
    IncubationFigures,
    Level,
    LevelCriteria,
    Platform,
    PlatformKind,
    Recognition,
)

__all__ = [
    "ACTIVE_STAGES",
    "LEVEL_RANK",
    "Application",
    "ApplicationMove",
    "ApplicationStage",
    "Category",
    "Department",
    "IncubationFigures",
    "Indicator",
    "IndicatorGroup",
    "IndicatorValue",
    "Level",
    "LevelCriteria",
    "Notice",
    "Platform",
    "PlatformKind",
    "Recognition",
]
