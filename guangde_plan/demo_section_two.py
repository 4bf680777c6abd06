"""Invented records of section 二 of the plan for the demo enterprises: R&D shortfalls for
the 三个清零 lists, technology projects, intermediaries, technology finance, the bank white
list, the statistics key list and policies with their beneficiaries. Seeded once, by
`seed_demo`, with a fixed random seed so that every demo looks the same."""

import datetime
import random
from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from enterprises.models import (
    AnnualFigures,
    Cooperation,
    Enterprise,
    FinanceRecord,
    Intermediary,
    IntermediaryService,
    KeyProject,
    Policy,
    PolicyBenefit,
    StatisticsReport,
    TechDemand,
)
from enterprises.services_finance import white_list_generate

from .models import PlanYear, User

REASON = "seed_demo"
BANKS = ["广德农商银行", "中国银行广德支行", "徽商银行广德支行", "建设银行广德支行"]
PARTNERS = ["合肥工业大学", "安徽大学", "中国科学技术大学", "宣城职业技术学院", "浙江大学"]
INTERMEDIARIES = [
    ("广德科创知识产权代理有限公司", "local", "", "专利代理、高企申报辅导"),
    ("上海汇智科技咨询有限公司广德分公司", "yangtze_delta", "上海", "高企认定、研发费用归集"),
    ("杭州创远技术转移有限公司广德服务站", "yangtze_delta", "杭州", "技术转移、成果评价"),
]


def seed_section_two(*, plan_year: PlanYear, staff: User) -> bool:
    """The records, once: skipped when any finance record exists already."""
    if FinanceRecord.objects.exists():
        return False
    rng = random.Random(2024)
    year = plan_year.year
    demo = list(Enterprise.objects.filter(name__startswith="【演示】").select_related("org_unit"))
    if not demo:
        return False
    picks = rng.sample(demo, min(len(demo), 40))
    _three_zero_shortfalls(demo, year, rng)
    _projects(picks[:14], year, rng)
    _intermediaries(picks[10:22], year, rng)
    _finance(picks[18:30], year, rng)
    _policies(picks[26:40], year, rng)
    key_list = [enterprise for enterprise in demo if enterprise.is_above_designated_size]
    StatisticsReport.objects.bulk_create(
        StatisticsReport(
            enterprise=enterprise,
            year=year,
            reported_on=datetime.date(year, 3, rng.randint(1, 28)) if rng.random() < 0.7 else None,
        )
        for enterprise in key_list
    )
    white_list_generate(
        title=f"{year}年科技型企业银行白名单", as_of=datetime.date(year, 6, 30), user=staff
    )
    return True


def _three_zero_shortfalls(demo, year, rng):
    """A few large 规上 enterprises without R&D, an institution or innovation results, so the
    三个清零 lists have something to clear."""
    large = [enterprise for enterprise in demo if enterprise.is_above_designated_size][:5]
    shortfalls = [
        {"sales_revenue": Decimal(12500), "rd_expense": Decimal(0)},
        {"sales_revenue": Decimal(10000), "rd_expense": None},
        {"sales_revenue": Decimal(56000), "rd_institution_level": "none"},
        {
            "sales_revenue": Decimal(108000),
            "invention_applications": 0,
            "class1_ip_count": 0,
            "class2_ip_count": 0,
        },
    ]
    for enterprise, values in zip(large, shortfalls, strict=False):
        AnnualFigures.objects.filter(enterprise=enterprise, year__in=[year - 1, year]).update(
            **values
        )


def _projects(enterprises, year, rng):
    demands, cooperations, projects = [], [], []
    for index, enterprise in enumerate(enterprises):
        demands.append(
            TechDemand(
                enterprise=enterprise,
                kind="need" if index % 3 else "result",
                title=rng.choice(["高效节能电机控制", "新型复合材料成型工艺", "废水深度处理"]),
                collected_on=datetime.date(year, rng.randint(1, 11), rng.randint(1, 28)),
                status=rng.choice(["open", "open", "matched"]),
            )
        )
        if index % 2 == 0:
            cooperations.append(
                Cooperation(
                    enterprise=enterprise,
                    partner=rng.choice(PARTNERS),
                    subject=rng.choice(["关键工艺联合攻关", "产品检测平台共建", "人才联合培养"]),
                    amount=Decimal(rng.randint(10, 300)),
                    started_on=datetime.date(year, rng.randint(1, 6), 1),
                )
            )
        if index % 3 == 0:
            status = rng.choice(["applied", "approved", "preparing"])
            projects.append(
                KeyProject(
                    enterprise=enterprise,
                    kind="challenge" if index % 2 == 0 else "transfer",
                    level=rng.choice(["provincial", "municipal"]),
                    title=rng.choice(
                        ["高端装备关键零部件攻关", "绿色新材料产业化", "智能检测系统研发"]
                    ),
                    applied_on=datetime.date(year, rng.randint(2, 9), 15),
                    status=status,
                    funding=Decimal(rng.randint(50, 500)) if status == "approved" else None,
                )
            )
    bulk_create_with_history(demands, TechDemand, default_change_reason=REASON)
    bulk_create_with_history(cooperations, Cooperation, default_change_reason=REASON)
    bulk_create_with_history(projects, KeyProject, default_change_reason=REASON)


def _intermediaries(enterprises, year, rng):
    agencies = [
        Intermediary(
            name=name,
            origin=origin,
            home_city=city,
            services=services,
            whitelisted_on=datetime.date(year, 1, 1) if origin != "other" else None,
            whitelist_until=datetime.date(year + 1, 12, 31),
        )
        for name, origin, city, services in INTERMEDIARIES
    ]
    bulk_create_with_history(agencies, Intermediary, default_change_reason=REASON)
    agencies = list(Intermediary.objects.order_by("pk"))
    services = [
        IntermediaryService(
            intermediary=agencies[index % len(agencies)],
            enterprise=enterprise,
            service=rng.choice(["高企申报辅导", "研发费用加计扣除辅导", "专利申请代理"]),
            served_on=datetime.date(year, rng.randint(1, 11), rng.randint(1, 28)),
        )
        for index, enterprise in enumerate(enterprises)
    ]
    bulk_create_with_history(services, IntermediaryService, default_change_reason=REASON)


def _finance(enterprises, year, rng):
    records = []
    for index, enterprise in enumerate(enterprises):
        started = datetime.date(year, rng.randint(1, 10), rng.randint(1, 28))
        records.append(
            FinanceRecord(
                enterprise=enterprise,
                kind=["tech_loan", "tech_loan", "ip_pledge", "equity_pledge", "tech_bank"][
                    index % 5
                ],
                bank=rng.choice(BANKS),
                amount=Decimal(rng.choice([100, 200, 300, 500, 800, 1000])),
                started_on=started,
                ended_on=started.replace(year=year + 1),
                status="granted",
            )
        )
    bulk_create_with_history(records, FinanceRecord, default_change_reason=REASON)


def _policies(enterprises, year, rng):
    policies = [
        Policy(
            title="广德市促进科技创新若干政策",
            issuer="广德市人民政府",
            issued_on=datetime.date(year - 1, 12, 20),
        ),
        Policy(
            title="宣城市高新技术企业认定奖励办法",
            issuer="宣城市科技局",
            issued_on=datetime.date(year - 2, 6, 1),
        ),
    ]
    bulk_create_with_history(policies, Policy, default_change_reason=REASON)
    policies = list(Policy.objects.order_by("pk"))
    benefits = [
        PolicyBenefit(
            policy=policies[index % 2],
            enterprise=enterprise,
            amount=Decimal(rng.choice([5, 10, 20, 30, 50])),
            granted_on=datetime.date(year, rng.randint(3, 11), rng.randint(1, 28)),
        )
        for index, enterprise in enumerate(enterprises)
    ]
    bulk_create_with_history(benefits, PolicyBenefit, default_change_reason=REASON)
