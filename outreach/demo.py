"""Invented science-popularisation data to click through (called by `seed_demo`).

Every invented record is marked 【演示】 where it has a name; a second run adds nothing (the
marker event is looked for first). Nothing is dated after today, as the forms would refuse.
"""

import datetime
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image

from guangde_plan.models import PlanYear, Target

from .keydays import KeyDayKind, default_window
from .models import (
    AwardRecommendation,
    Base,
    BaseRecommendation,
    Event,
    EventPhoto,
    Honoree,
    MonthlyTheme,
    Paper,
    Society,
)

MARK = "【演示】"
THEMES = [
    "新春科普进万家",
    "节约用水 科学用水",
    "全国科普日预热：科学健身",
    "世界读书日：科普阅读",
    "全国科技工作者日：弘扬科学家精神",
    "防灾减灾科普宣传",
    "暑期青少年科技营",
    "科技助力乡村振兴",
    "全国科普日：提升全民科学素质",
    "食品安全科普周",
    "应急救护知识普及",
    "低碳生活 绿色出行",
]
KINDS = ["volunteer", "lecture", "exhibition", "training", "study_tour", "competition"]
DEMO_TARGETS = [
    ("outreach_theme_months", "“一月一主题”活动覆盖月数", Decimal(12), "个月", "at_least"),
    ("outreach_events", "科普活动场次", Decimal(120), "场", "at_least"),
    ("societies_overdue_renewal", "逾期未换届学会", Decimal(0), "个", "zero"),
]


def _photo_bytes(colour) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format="JPEG", quality=70)
    return buffer.getvalue()


def _day(year: int, month: int, day: int, today: datetime.date) -> datetime.date | None:
    candidate = datetime.date(year, month, day)
    return candidate if candidate <= today else None


@transaction.atomic
def seed_outreach_demo(*, plan_year: PlanYear, org_units, users) -> bool:
    """Themes for the twelve months, ~20 events over the units (5.30 and 全国科普日 among
    them, two with photos), bases with recommendations, outstanding sci-tech workers, four
    societies (one overdue for renewal) with papers, and three demo targets. `org_units`:
    the units (a code → unit mapping or a list); `users`: username → user (the demo's
    `staff` and `liaison_taozhou` record what they would). False when already there."""
    if Event.objects.filter(title__startswith=MARK).exists():
        return False
    rng = random.Random(530)
    today = timezone.localdate()
    year = plan_year.year
    units = list(org_units.values()) if isinstance(org_units, dict) else list(org_units)
    by_code = {unit.code: unit for unit in units}
    staff = users.get("staff")
    taozhou = by_code.get("341882100", units[0])

    themes = {}
    for month, title in enumerate(THEMES, start=1):
        themes[month] = MonthlyTheme.objects.get_or_create(
            plan_year=plan_year, month=month, defaults={"title": title}
        )[0]

    bases = [
        Base.objects.create(
            name=f"{MARK}{unit.name}青少年科普教育基地",
            kind=kind,
            org_unit=unit,
            level=level,
            level_since=datetime.date(year - 2, 6, 1),
            address=unit.name,
        )
        for unit, kind, level in [
            (taozhou, Base.Kind.EDUCATION_BASE, "provincial"),
            (units[min(7, len(units) - 1)], Base.Kind.DEMO_VILLAGE, "municipal"),
            (units[min(12, len(units) - 1)], Base.Kind.STUDY_BASE, "county"),
            (units[min(1, len(units) - 1)], Base.Kind.DEMO_COMMUNITY, "county"),
        ]
    ]
    BaseRecommendation.objects.create(
        base=bases[1],
        to_level="provincial",
        recommended_on=datetime.date(year - 1, 4, 10),
        outcome="not_recognised",
        decided_on=datetime.date(year - 1, 11, 20),
    )
    pending_on = _day(year, 4, 15, today)
    if pending_on:
        BaseRecommendation.objects.create(
            base=bases[2], to_level="municipal", recommended_on=pending_on
        )

    societies = [
        Society.objects.create(
            name=f"{MARK}{name}",
            kind=kind,
            supervisor="广德市科学技术协会",
            chair=chair,
            member_count=members,
            term_started_on=started,
            term_years=5,
            charter="会员代表大会通过，报业务主管单位备案。",
        )
        for name, kind, chair, members, started in [
            ("广德市农学会", "society", "周某", 160, datetime.date(year - 2, 6, 1)),
            ("广德市医学会", "society", "吴某", 420, datetime.date(year - 4, 9, 1)),
            # More than five years ago: overdue for renewal.
            ("广德市竹产业协会", "association", "郑某", 85, datetime.date(year - 6, 3, 1)),
            ("广德市青少年科技教育研究会", "research", "王某", 60, datetime.date(year - 1, 12, 1)),
        ]
    ]

    science_day = default_window(year, KeyDayKind.SCIENCE_DAY).starts_on
    next_day = datetime.timedelta(days=1)
    planned = [
        (
            datetime.date(year, 5, 30),
            taozhou,
            "5.30 全国科技工作者日 科技志愿服务进社区",
            "volunteer",
            5,
        ),
        (datetime.date(year, 5, 30), units[-1], "5.30 科技工作者座谈会", "forum", 5),
        (datetime.date(year, 5, 28), None, "慰问基层一线科技工作者", "visit", None),
        (science_day, taozhou, "全国科普日 科普大篷车进校园", "exhibition", 9),
        (science_day + next_day, units[3 % len(units)], "全国科普日 应急科普体验", "lecture", 9),
        (datetime.date(year, 10, 18), None, "广德市科技工作者论坛", "forum", None),
    ]
    for month in range(1, 13):
        for _n in range(1 if month % 3 else 2):
            planned.append(
                (
                    datetime.date(year, month, rng.randint(3, 26)),
                    rng.choice(units),
                    f"{THEMES[month - 1]}主题活动",
                    rng.choice(KINDS),
                    month if rng.random() < 0.8 else None,
                )
            )
    events = []
    for held_on, unit, title, kind, theme_month in planned:
        if held_on > today:
            continue  # recorded once held
        is_taozhou = unit is not None and unit.pk == taozhou.pk
        events.append(
            Event.objects.create(
                title=f"{MARK}{title}",
                kind=kind,
                theme=themes.get(theme_month) if theme_month else None,
                held_on=held_on,
                org_unit=unit,
                place=f"{unit.name if unit else '市'}文化广场",
                organisers=f"{unit.name if unit else '市'}科协",
                volunteer_count=rng.randint(3, 30),
                experts="科技志愿服务专家团",
                audience=rng.randint(40, 600),
                base=bases[0] if is_taozhou and kind in ("exhibition", "volunteer") else None,
                society=societies[0] if kind == "lecture" else None,
                report="现场发放科普资料，开展互动体验。",
                created_by=users.get("liaison_taozhou") if is_taozhou else staff,
            )
        )
    for event in events[:2]:
        for n, colour in enumerate([(30, 110, 180), (220, 140, 40)], start=1):
            photo = EventPhoto(
                event=event,
                format="JPEG",
                original_name=f"现场{n}.jpg",
                width=320,
                height=240,
                uploaded_by=event.created_by,
            )
            content = _photo_bytes(colour)
            photo.size = len(content)
            photo.image.save(photo.original_name, ContentFile(content), save=False)
            photo.save()

    selected_on = _day(year, 5, 20, today)
    if selected_on:
        for name, employer, field, selections in [
            ("李某某", f"{MARK}广德某新材料有限公司", "新材料", ["xuancheng", "provincial"]),
            ("陈某某", "广德市人民医院", "临床医学", ["xuancheng"]),
            ("刘某某", "广德市农业技术推广中心", "农业技术", []),
        ]:
            honoree = Honoree.objects.create(
                plan_year=plan_year,
                name=name,
                employer=employer,
                field=field,
                honour="广德市优秀科技工作者",
                selected_on=selected_on,
            )
            for selection in selections:
                AwardRecommendation.objects.create(
                    honoree=honoree, selection=selection, recommended_on=selected_on
                )

    collected_on = _day(year, 7, 1, today)
    if collected_on:
        for n, (evaluation, award) in enumerate(
            [
                ("first", "优秀论文一等奖"),
                ("second", "优秀论文二等奖"),
                ("pending", ""),
                ("none", ""),
            ]
        ):
            Paper.objects.create(
                society=societies[n % 2],
                title=f"{MARK}学术论文{n + 1}",
                authors="张某、李某",
                collected_on=collected_on,
                evaluation=evaluation,
                award=award,
            )

    for order, (code, name, value, unit, direction) in enumerate(DEMO_TARGETS, start=50):
        Target.objects.get_or_create(
            plan_year=plan_year,
            code=code,
            defaults={
                "name": name,
                "section": Target.Section.OUTREACH,
                "value": value,
                "unit": unit,
                "direction": direction,
                "description": f"{MARK}演示目标，由管理员按年度计划设定。",
                "sort_order": order,
            },
        )
    return True
