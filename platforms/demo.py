"""Invented platform and innovative-city records for the demo (seed_demo): R&D centres of
demo enterprises with their recognitions and applications, the named carriers' figures and
applications, demo criteria for the municipal and provincial incubator levels, responsible
units, indicators with values and notices. Written through the services, so levels, numbers
and moves are exactly what the pages would have made. Seeded once, with a fixed seed."""

import datetime
import random
from decimal import Decimal

from enterprises.models import Enterprise
from guangde_plan.models import PlanYear, User

from .models import (
    Application,
    ApplicationStage,
    Department,
    IncubationFigures,
    Indicator,
    IndicatorGroup,
    IndicatorValue,
    LevelCriteria,
    Notice,
    Platform,
    PlatformKind,
    Recognition,
)
from .services import (
    application_move,
    application_start,
    notice_issue,
    notice_record_reply,
    recognition_save,
)

DEMO_SOURCE = "演示数值，请按省、市现行认定办法核对后修改"
# level → criteria (invented for the demo; the national ones come with the migration)
DEMO_INCUBATOR_CRITERIA = {
    "municipal": {"min_operating_years": 1, "min_area": 1000, "min_incubatees": 10},
    "provincial": {
        "min_operating_years": 2,
        "min_area": 3000,
        "min_incubatees": 20,
        "min_graduates": 5,
        "min_fund": 100,
    },
}
DEPARTMENTS = [
    ("市统计局", "王敏", "0563-6012301", "tongji@example.com"),
    ("市发展和改革委员会", "李强", "0563-6012302", "fgw@example.com"),
    ("市财政局", "张丽", "0563-6012303", "czj@example.com"),
    ("市人力资源和社会保障局", "陈军", "0563-6012304", "rsj@example.com"),
    ("市市场监督管理局", "刘洋", "0563-6012305", "scjgj@example.com"),
    ("市经济和信息化局", "赵静", "0563-6012306", "jxj@example.com"),
]
# group, name, department, target, unit, direction
INDICATORS = [
    ("补短板", "全社会研发经费投入强度", "市统计局", "2.50", "%", "at_least"),
    ("补短板", "规上工业企业研发活动覆盖率", "市统计局", "50", "%", "at_least"),
    ("补短板", "每万人口高价值发明专利拥有量", "市市场监督管理局", "8", "件", "at_least"),
    ("强基础", "省级以上科技创新平台数", "市经济和信息化局", "45", "个", "at_least"),
    ("强基础", "科技企业孵化器在孵企业数", "市经济和信息化局", "120", "家", "at_least"),
    ("增优势", "高新技术产业增加值占规上工业增加值比重", "市统计局", "50", "%", "at_least"),
    ("增优势", "战略性新兴产业产值增速", "市发展和改革委员会", "15", "%", "at_least"),
    ("优环境", "财政科技支出占一般公共预算支出比重", "市财政局", "3.5", "%", "at_least"),
    ("优环境", "每万名就业人员中研发人员数", "市人力资源和社会保障局", "60", "人年", "at_least"),
    ("优环境", "引进高层次科技人才数", "市人力资源和社会保障局", "30", "人", "at_least"),
    ("多交流", "指标数据逾期报送次数", "市统计局", "0", "次", "at_most"),
]


def seed_platforms_demo(*, plan_year: PlanYear, staff: User) -> bool:
    """The records, once: skipped when any recognition exists already."""
    if Recognition.objects.exists():
        return False
    rng = random.Random(2024 + 3)
    year = plan_year.year
    previous = PlanYear.objects.filter(year=year - 1).first()
    _criteria()
    _rd_centres(year, plan_year, previous, staff, rng)
    _carriers(year, plan_year, staff)
    _city(plan_year, staff)
    return True


def _criteria() -> None:
    incubator = PlatformKind.objects.get(code="incubator")
    for level, values in DEMO_INCUBATOR_CRITERIA.items():
        LevelCriteria.objects.get_or_create(
            kind=incubator, level=level, defaults={**values, "source": DEMO_SOURCE}
        )


def _grant(platform, level, on, number, staff, issuer):
    recognition_save(
        recognition=Recognition(
            platform=platform,
            act=Recognition.Act.GRANTED,
            level=level,
            recognised_on=on,
            document_number=number,
            issuer=issuer,
        ),
        by=staff,
    )


def _day(rng, year, first_month=1, last_month=11):
    return datetime.date(year, rng.randint(first_month, last_month), rng.randint(1, 28))


def _rd_centres(year, plan_year, previous, staff, rng) -> None:
    kind = PlatformKind.objects.get(code="rd_centre")
    demo = list(
        Enterprise.objects.filter(name__startswith="【演示】", is_above_designated_size=True)
        .select_related("org_unit")
        .order_by("uscc")
    )
    hosts = rng.sample(demo, min(len(demo), 26))
    for index, enterprise in enumerate(hosts):
        platform = Platform.objects.create(
            name=f"{enterprise.name.removeprefix('【演示】')}研发中心",
            kind=kind,
            host_enterprise=enterprise,
            org_unit=enterprise.org_unit,
            opened_on=datetime.date(year - 4 + index % 3, 3, 1),
        )
        municipal_on = _day(rng, year - 3)
        _grant(
            platform,
            "municipal",
            municipal_on,
            f"宣科〔{year - 3}〕{index + 11}号",
            staff,
            "宣城市科技局",
        )
        if index < 9:  # recognised provincial this year
            on = _day(rng, year, 4, 11)
            _start(
                platform,
                "provincial",
                plan_year,
                on - datetime.timedelta(days=90),
                staff,
                applied=True,
            )
            _grant(
                platform,
                "provincial",
                on,
                f"皖科企〔{year}〕{index + 3}号",
                staff,
                "安徽省科学技术厅",
            )
        elif index < 15 and previous is not None:  # last year: 4 recognised, 2 not approved
            on = _day(rng, year - 1, 4, 11)
            application = _start(
                platform,
                "provincial",
                previous,
                on - datetime.timedelta(days=90),
                staff,
                applied=True,
            )
            if index < 13:
                _grant(
                    platform,
                    "provincial",
                    on,
                    f"皖科企〔{year - 1}〕{index}号",
                    staff,
                    "安徽省科学技术厅",
                )
            else:
                application_move(
                    application=application,
                    to_stage=ApplicationStage.REJECTED,
                    on=on,
                    by=staff,
                    note="未通过专家评审",
                )
        elif index < 20:  # applied this year, not decided yet
            _start(platform, "provincial", plan_year, _day(rng, year, 5, 9), staff, applied=True)
        elif index < 23:
            _start(platform, "provincial", plan_year, _day(rng, year, 3, 10), staff, applied=False)


def _start(platform, level, plan_year, on, staff, *, applied) -> Application:
    application = application_start(
        platform=platform,
        target_level=level,
        plan_year=plan_year,
        on=on - datetime.timedelta(days=30),
        by=staff,
    )
    if applied:
        application_move(
            application=application, to_stage=ApplicationStage.APPLIED, on=on, by=staff
        )
    return application


def _carriers(year, plan_year, staff) -> None:
    hub = Platform.objects.filter(name="广德创新港").first()
    park = Platform.objects.filter(name="西安交通大学国家大学科技园广德分园").first()
    xinhang = Platform.objects.filter(name="新杭科技企业孵化器").first()
    if hub is not None:
        hub.opened_on = datetime.date(year - 5, 5, 1)
        hub.save(update_fields=["opened_on"])
        _grant(
            hub,
            "municipal",
            datetime.date(year - 4, 6, 15),
            f"宣科〔{year - 4}〕28号",
            staff,
            "宣城市科技局",
        )
        _grant(
            hub,
            "provincial",
            datetime.date(year - 2, 10, 20),
            f"皖科企〔{year - 2}〕41号",
            staff,
            "安徽省科学技术厅",
        )
        application_start(
            platform=hub,
            target_level="national",
            plan_year=plan_year,
            on=datetime.date(year, 2, 20),
            by=staff,
            note="对照国科发区〔2018〕300号逐项准备",
        )
        for figures_year, area, incubatees, graduates, fund, staff_count, mentors in (
            (year - 2, 15000, 36, 11, 300, 8, 9),
            (year - 1, 15000, 41, 14, 350, 9, 11),
            (year, 16000, 45, 17, 400, 10, 12),
        ):
            IncubationFigures.objects.create(
                platform=hub,
                year=figures_year,
                area=Decimal(area),
                incubatees=incubatees,
                graduates=graduates,
                fund=Decimal(fund),
                staff=staff_count,
                mentors=mentors,
            )
    if park is not None:
        park.opened_on = datetime.date(year - 2, 9, 1)
        park.save(update_fields=["opened_on"])
        application = application_start(
            platform=park,
            target_level="municipal",
            plan_year=plan_year,
            on=datetime.date(year, 4, 10),
            by=staff,
        )
        application_move(
            application=application,
            to_stage=ApplicationStage.APPLIED,
            on=datetime.date(year, 9, 12),
            by=staff,
        )
        IncubationFigures.objects.create(
            platform=park,
            year=year,
            area=Decimal(8000),
            incubatees=22,
            graduates=2,
            fund=Decimal(100),
            staff=5,
            mentors=6,
        )
    if xinhang is not None:
        xinhang.opened_on = datetime.date(year - 3, 3, 18)
        xinhang.save(update_fields=["opened_on"])
        application = application_start(
            platform=xinhang,
            target_level="municipal",
            plan_year=plan_year,
            on=datetime.date(year, 3, 5),
            by=staff,
        )
        application_move(
            application=application,
            to_stage=ApplicationStage.APPLIED,
            on=datetime.date(year, 5, 20),
            by=staff,
        )
        _grant(
            xinhang,
            "municipal",
            datetime.date(year, 8, 26),
            f"宣科〔{year}〕57号",
            staff,
            "宣城市科技局",
        )
        IncubationFigures.objects.create(
            platform=xinhang,
            year=year,
            area=Decimal(4200),
            incubatees=16,
            graduates=3,
            fund=Decimal(50),
            staff=4,
            mentors=5,
        )


def _city(plan_year, staff) -> None:
    year = plan_year.year
    departments = {}
    for name, person, phone, email in DEPARTMENTS:
        departments[name], _ = Department.objects.get_or_create(
            name=name, defaults={"contact_person": person, "contact_phone": phone, "email": email}
        )
    groups = {group.name: group for group in IndicatorGroup.objects.all()}
    indicators = {}
    for order, (group, name, department, target, unit, direction) in enumerate(INDICATORS, start=1):
        if group not in groups:
            continue
        indicators[name], _ = Indicator.objects.get_or_create(
            plan_year=plan_year,
            name=name,
            defaults={
                "group": groups[group],
                "department": departments[department],
                "target": Decimal(target),
                "unit": unit,
                "direction": direction,
                "sort_order": order * 10,
            },
        )
    if len(indicators) < len(INDICATORS):
        return
    stats, finance, people = (
        departments["市统计局"],
        departments["市财政局"],
        departments["市人力资源和社会保障局"],
    )

    def issue(department, subject, content, names, issued, due):
        return notice_issue(
            notice=Notice(
                department=department,
                plan_year=plan_year,
                subject=subject,
                content=content,
                issued_on=issued,
                due_on=due,
            ),
            indicators=[indicators[name] for name in names],
            by=staff,
        )

    first = issue(
        stats,
        f"{year - 1}年度研发投入相关指标",
        "请报送上年度全社会研发经费投入强度、规上工业企业研发活动覆盖率。",
        ["全社会研发经费投入强度", "规上工业企业研发活动覆盖率"],
        datetime.date(year, 3, 1),
        datetime.date(year, 3, 20),
    )
    notice_record_reply(
        notice=first,
        replied_on=datetime.date(year, 3, 18),
        reply="已按统计年报口径报送。",
        values={
            indicators["全社会研发经费投入强度"].pk: Decimal("2.31"),
            indicators["规上工业企业研发活动覆盖率"].pk: Decimal("46.8"),
        },
        by=staff,
    )
    second = issue(
        finance,
        "财政科技支出情况",
        "请报送上半年财政科技支出及占一般公共预算支出比重。",
        ["财政科技支出占一般公共预算支出比重"],
        datetime.date(year, 6, 3),
        datetime.date(year, 6, 20),
    )
    notice_record_reply(
        notice=second,
        replied_on=datetime.date(year, 6, 19),
        reply="上半年执行数据。",
        values={indicators["财政科技支出占一般公共预算支出比重"].pk: Decimal("3.62")},
        by=staff,
    )
    issue(
        stats,
        "高新技术产业增加值季度数据",
        "请报送三季度高新技术产业增加值及占规上工业增加值比重。",
        ["高新技术产业增加值占规上工业增加值比重"],
        datetime.date(year, 10, 8),
        datetime.date(year, 10, 25),
    )
    issue(
        people,
        "研发人员及人才引进情况",
        "请报送每万名就业人员中研发人员数和引进高层次科技人才数。",
        ["每万名就业人员中研发人员数", "引进高层次科技人才数"],
        datetime.date(year, 11, 4),
        datetime.date(year, 11, 29),
    )
    IndicatorValue.objects.create(
        indicator=indicators["省级以上科技创新平台数"],
        as_of=datetime.date(year, 9, 30),
        value=Decimal(38),
        note="科技局汇总",
        recorded_by=staff,
    )
