"""The Excel export of the platform list: every platform matching the page's filters, in its
order, with the columns the page shows (and a few it leaves to the detail page)."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from guangde_plan.lib.excel import Table
from guangde_plan.templatetags.plan_tags import figure

from .gaps import Gap
from .models import Platform


def _open_applications(platform: Platform) -> str:
    return "；".join(
        _("%(level)s %(year)s: %(stage)s")
        % {
            "level": application.get_target_level_display(),
            "year": application.plan_year.year,
            "stage": application.get_stage_display(),
        }
        for application in platform.open_applications
    )


def _gap_text(gap: Gap | None) -> tuple[str, str]:
    """The next level and what is lacking for it, for an incubation carrier."""
    if gap is None or gap.level is None:
        return "", ""
    label = gap.level_label
    if gap.criteria is None:
        return str(label), _("no criteria recorded")
    lacking = [f"{row.label}（{figure(row.shortfall)}{row.unit}）" for row in gap.lacking]
    unknown = [str(row.label) for row in gap.unknown]
    parts = []
    if lacking:
        parts.append(_("lacking: %(items)s") % {"items": "、".join(lacking)})
    if unknown:
        parts.append(_("not reported: %(items)s") % {"items": "、".join(unknown)})
    return str(label), "；".join(parts) or _("all criteria met")


def platforms(rows: Iterable[Platform], *, gaps: dict[int, Gap]) -> Table:
    """`rows` come from selectors.with_open_applications; `gaps` from incubation_gaps."""

    def row(platform: Platform) -> list:
        next_level, lacking = _gap_text(gaps.get(platform.pk))
        return [
            platform.name,
            platform.kind.name,
            platform.get_level_display(),
            platform.host_name,
            platform.host_enterprise.uscc if platform.host_enterprise_id else "",
            platform.org_unit.name,
            platform.opened_on,
            _open_applications(platform),
            next_level,
            lacking,
            platform.closed_on,
            platform.closed_reason,
            platform.address,
            platform.contact_person,
            platform.contact_phone,
        ]

    return Table(
        _("Innovation platforms"),
        [
            _("Platform"),
            _("Kind"),
            _("Current level"),
            _("Host"),
            _("Host's credit code"),
            _("Unit"),
            _("Operating since"),
            _("Open applications"),
            _("Next level"),
            _("Gap to the next level"),
            _("Closed on"),
            _("Reason for closing"),
            _("Address"),
            _("Contact person"),
            _("Contact phone"),
        ],
        (row(platform) for platform in rows),
    )
