"""The main navigation: every section of the plan, whether or not its pages exist yet.

A section whose pages come with a later release is shown, greyed out, so users see the
whole plan from day one and nobody clicks into a page that is not there.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str | None = None  # None: not available yet
    icon: str = ""

    @property
    def url(self) -> str | None:
        return reverse(self.url_name) if self.url_name else None


@dataclass(frozen=True)
class NavSection:
    label: str | Promise
    icon: str
    items: list[NavItem] = field(default_factory=list)
    url_name: str | None = None

    @property
    def is_available(self) -> bool:
        return bool(self.url_name) or any(item.url_name for item in self.items)


SECTIONS = [
    NavSection(_("Dashboard"), "speedometer2", url_name="home"),
    NavSection(
        _("Enterprises"),
        "building",
        items=[
            NavItem(_("Enterprise registry"), "enterprises:list", "list-ul"),
            NavItem(_("Add an enterprise"), "enterprises:create", "plus-circle"),
            NavItem(_("High-tech and tech-SME cultivation"), None, "award"),
            NavItem(_("Help log"), None, "journal-text"),
        ],
    ),
    NavSection(
        pgettext_lazy("navigation", "Finance & projects"),
        "cash-coin",
        items=[
            NavItem(_("R&D growth and the three zero lists"), None, "graph-up-arrow"),
            NavItem(_("Technology projects"), None, "kanban"),
            NavItem(_("Technology finance"), None, "bank"),
        ],
    ),
    NavSection(
        pgettext_lazy("navigation", "Platforms"),
        "diagram-3",
        items=[NavItem(_("Platforms"), None)],
    ),
    NavSection(
        _("Innovative city"), "buildings", items=[NavItem(_("Indicators and notices"), None)]
    ),
    NavSection(
        pgettext_lazy("navigation", "Outreach"),
        "lightbulb",
        items=[NavItem(_("Events, bases and societies"), None)],
    ),
]
