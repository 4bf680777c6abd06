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
    kwargs: tuple[tuple[str, str], ...] = ()
    for_writers_only: bool = False  # hidden from read-only users, who would get a 403
    # Hidden from all but bureau staff and administrators (city-wide records of no unit,
    # access.bureau_view): leaders and liaisons would get a 403.
    for_bureau_only: bool = False

    @property
    def url(self) -> str | None:
        return reverse(self.url_name, kwargs=dict(self.kwargs)) if self.url_name else None


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
            NavItem(
                _("Add an enterprise"), "enterprises:create", "plus-circle", for_writers_only=True
            ),
            NavItem(
                _("High-tech enterprise board"),
                "enterprises:pipeline_board",
                "kanban",
                (("track", "hte"),),
            ),
            NavItem(
                _("Tech-SME board"),
                "enterprises:pipeline_board",
                "kanban",
                (("track", "tech_sme"),),
            ),
            NavItem(_("Cultivation ledger"), "enterprises:pipeline_ledger", "journal-bookmark"),
            NavItem(
                _("High-tech candidates"),
                "enterprises:candidates",
                "sort-down",
                (("track", "hte"),),
            ),
            NavItem(
                _("Tech-SME candidates"),
                "enterprises:candidates",
                "sort-down",
                (("track", "tech_sme"),),
            ),
            NavItem(_("Certificates expiring"), "enterprises:hte_expiring", "hourglass-split"),
            NavItem(_("Help activities"), "enterprises:help_activity_list", "people"),
            NavItem(_("Help items and problems"), "enterprises:help_item_list", "journal-text"),
            NavItem(_("Ledger files (Excel)"), "enterprises:ledger", "file-earmark-spreadsheet"),
        ],
    ),
    NavSection(
        pgettext_lazy("navigation", "Finance & projects"),
        "cash-coin",
        items=[
            NavItem(_("R&D growth"), "enterprises:rd_growth", "graph-up-arrow"),
            NavItem(
                _("Three zero lists"),
                "enterprises:three_zero",
                "exclamation-octagon",
                (("kind", "rd_activity"),),
            ),
            NavItem(_("Technology projects"), "enterprises:project_key_list", "kanban"),
            NavItem(_("Technology intermediaries"), "enterprises:intermediary_list", "briefcase"),
            NavItem(_("Technology finance"), "enterprises:finance_list", "bank"),
            NavItem(_("Bank white lists"), "enterprises:whitelist_list", "card-checklist"),
            NavItem(_("Statistical reporting"), "enterprises:statistics_index", "clipboard-data"),
            NavItem(_("Policies and beneficiaries"), "enterprises:policy_list", "award"),
        ],
    ),
    NavSection(
        pgettext_lazy("navigation", "Platforms"),
        "diagram-3",
        items=[
            NavItem(_("Innovation platforms"), "platforms:list", "list-ul"),
            NavItem(_("Add a platform"), "platforms:create", "plus-circle", for_writers_only=True),
            NavItem(_("Platform applications"), "platforms:application_board", "kanban"),
        ],
    ),
    NavSection(
        _("Innovative city"),
        "buildings",
        items=[
            NavItem(_("Innovative-city indicators"), "platforms:indicator_list", "bullseye"),
            NavItem(_("Work-reminder notices"), "platforms:notice_list", "envelope-paper"),
            NavItem(_("Responsible units"), "platforms:department_list", "person-lines-fill"),
            NavItem(_("Issue a notice"), "platforms:notice_create", "send", for_bureau_only=True),
        ],
    ),
    NavSection(
        pgettext_lazy("navigation", "Outreach"),
        "lightbulb",
        items=[
            NavItem(_("Monthly themes"), "outreach:themes", "calendar3"),
            NavItem(_("Science-popularisation events"), "outreach:event_list", "megaphone"),
            NavItem(
                _("Sci-Tech Workers' Day (5.30)"),
                "outreach:key_day",
                "calendar-event",
                (("key_day", "workers_day"),),
            ),
            NavItem(
                _("Science Popularisation Day"),
                "outreach:key_day",
                "calendar-event",
                (("key_day", "science_day"),),
            ),
            NavItem(_("Bases and demonstration units"), "outreach:base_list", "geo-alt"),
            NavItem(_("Outstanding sci-tech workers"), "outreach:honoree_list", "trophy"),
            NavItem(_("Societies and associations"), "outreach:society_list", "people"),
            NavItem(_("Papers"), "outreach:paper_list", "file-earmark-text"),
            NavItem(_("Outreach figures"), "outreach:figures", "bar-chart"),
        ],
    ),
]
