"""Invented demo data: enterprises with obviously fictitious names and valid codes.

Deterministic (a fixed random seed), so running it again yields the same codes and adds
nothing. Dates are relative to the day it first runs, so the tracking-service list
(production started in the last two years) is never empty in a demo.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from guangde_plan.lib.uscc import CHARSET, check_character

SEED = 341882
NAME_PREFIXES = [
    "星辰",
    "瑞丰",
    "恒远",
    "华晟",
    "启明",
    "卓越",
    "凌云",
    "天祥",
    "锦程",
    "博创",
    "鼎盛",
    "蓝海",
    "金桥",
    "新锐",
    "云帆",
    "山河",
    "青禾",
    "远航",
    "晨曦",
    "宏图",
]
FIELD_INDUSTRIES = {
    "advanced_manufacturing": ["精密机械", "智能装备", "汽车零部件", "数控科技", "液压设备"],
    "new_materials": ["新材料", "高分子材料", "复合材料", "特种纸业"],
    "electronic_information": ["电子科技", "电路板", "信息技术", "智能科技"],
    "biomedicine": ["生物科技", "医药科技", "医疗器械"],
    "new_energy": ["新能源", "节能科技", "光电科技"],
    "resources_environment": ["环保科技", "水处理科技", "资源再生"],
    "high_tech_services": ["检测技术", "软件服务", "工业设计"],
    "aerospace": ["航空部件"],
    "": ["实业", "商贸", "包装"],
}
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
    "明",
    "超",
    "霞",
]
# How many demo enterprises each unit gets, by division code (the park has the most).
UNIT_WEIGHTS = {"341882400": 70, "341882100": 40, "341882104": 30, "341882101": 22}
DEFAULT_WEIGHT = 15

_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_GB11714_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


@dataclass(frozen=True)
class DemoEnterprise:
    name: str
    uscc: str
    org_unit_code: str
    tech_field: str
    registered_on: datetime.date
    production_started_on: datetime.date | None
    is_above_designated_size: bool
    address: str
    contact_person: str
    contact_phone: str


def _organisation_code(rng: random.Random) -> str:
    """A GB 11714 organisation code: 8 characters and its own check character."""
    body = "".join(rng.choice(_GB11714_CHARS) for _ in range(8))
    total = sum(int(char, 36) * weight for char, weight in zip(body, _GB11714_WEIGHTS, strict=True))
    check = 11 - total % 11
    return body + {10: "X", 11: "0"}.get(check, str(check))


def demo_uscc(rng: random.Random) -> str:
    # Most Guangde companies carry the division code 341882; older ones 341822 (before 2019).
    division = "341822" if rng.random() < 0.1 else "341882"
    first17 = "91" + division + _organisation_code(rng)
    assert all(char in CHARSET for char in first17)
    return first17 + check_character(first17)


def demo_enterprises(org_unit_codes: list[str], count: int, today: datetime.date):
    rng = random.Random(SEED)
    weights = [UNIT_WEIGHTS.get(code, DEFAULT_WEIGHT) for code in org_unit_codes]
    names, codes = set(), set()
    fields = list(FIELD_INDUSTRIES)
    result = []
    while len(result) < count:
        field = rng.choices(fields, weights=[30, 15, 12, 6, 8, 6, 5, 1, 8])[0]
        name = (
            f"【演示】广德{rng.choice(NAME_PREFIXES)}{rng.choice(FIELD_INDUSTRIES[field])}有限公司"
        )
        uscc = demo_uscc(rng)
        if name in names or uscc in codes:
            continue
        names.add(name)
        codes.add(uscc)
        unit_code = rng.choices(org_unit_codes, weights=weights)[0]
        registered = today - datetime.timedelta(days=rng.randint(200, 365 * 25))
        production = None
        if rng.random() < 0.9:
            production = min(today, registered + datetime.timedelta(days=rng.randint(30, 700)))
        result.append(
            DemoEnterprise(
                name=name,
                uscc=uscc,
                org_unit_code=unit_code,
                tech_field=field,
                registered_on=registered,
                production_started_on=production,
                is_above_designated_size=rng.random() < 0.45,
                address=f"演示路{rng.randint(1, 999)}号",
                contact_person=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2))),
                contact_phone=f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
            )
        )
    return result


@dataclass
class DemoCultivation:
    """Invented cultivation records for the demo enterprises (plain data, no models)."""

    figures: list[dict]
    certificates: list[dict]
    registrations: list[dict]
    pipeline_entries: list[dict]
    help_items: list[dict]
    activities: list[dict]


def _money(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def demo_cultivation(uscc_codes: list[str], plan_year: int, today: datetime.date):
    """Five years of figures (to last year), certificates, registrations, the plan year's
    pipelines and some help records, for the enterprises with these codes."""
    rng = random.Random(SEED + 1)
    first_year, last_year = today.year - 5, today.year - 1
    result = DemoCultivation([], [], [], [], [], [])
    certificate_serial, registration_serial = 0, 0
    for uscc in uscc_codes:
        strength = rng.random()  # how innovative this invented enterprise is
        if strength < 0.2:
            continue  # no figures reported at all: shows up as "no data"
        sales = rng.lognormvariate(8.3, 1.2)  # median ~4,000 万元
        employees = max(8, int(sales / rng.uniform(15, 60)))
        for year in range(first_year, last_year + 1):
            if rng.random() < 0.06:
                continue  # a missing year now and then
            sales *= rng.uniform(0.9, 1.2)
            employees = max(8, int(employees * rng.uniform(0.95, 1.08)))
            rd_pct = max(0.0, rng.gauss(1.5 + 5 * strength, 1.2))
            rd = sales * rd_pct / 100
            tech_staff = min(employees, int(employees * rng.uniform(0.04, 0.1 + 0.3 * strength)))
            class1 = rng.choice([0, 0, 1, 2, 3]) if strength > 0.5 else 0
            result.figures.append(
                {
                    "uscc": uscc,
                    "year": year,
                    "sales_revenue": _money(sales),
                    "main_business_revenue": _money(sales * rng.uniform(0.85, 1)),
                    "total_costs": _money(sales * rng.uniform(0.75, 0.97)),
                    "total_assets": _money(sales * rng.uniform(0.8, 1.8)),
                    "employees": employees,
                    "tech_staff": tech_staff,
                    "rd_expense": _money(rd),
                    "rd_expense_domestic": _money(rd * rng.uniform(0.85, 1)),
                    "high_tech_revenue": _money(sales * rng.uniform(0.2, 0.5 + 0.45 * strength)),
                    "rd_institution_level": rng.choices(
                        ["none", "in_house", "municipal", "provincial", "national"],
                        weights=[50 - 40 * strength, 25, 15, 8 * strength, strength],
                    )[0],
                    "has_rd_ledger": rng.random() < strength,
                    "invention_applications": int(rng.random() * 6 * strength),
                    "class1_ip_count": class1,
                    "class2_ip_count": rng.randint(0, 12),
                }
            )
        if strength > 0.55:
            # Recognised in a batch late in one of the last few years (a valid certificate
            # or one about to expire).
            # From three years before the plan year (expiring in it: the expiry watch) to last
            # year.
            issue_year = rng.randint(plan_year - 3, today.year - 1)
            certificate_serial += 1
            result.certificates.append(
                {
                    "uscc": uscc,
                    "number": f"GR{issue_year}34{certificate_serial:06d}",
                    "issued_on": datetime.date(
                        issue_year, rng.choice([10, 11, 12]), rng.randint(1, 28)
                    ),
                }
            )
        for year in range(today.year - 3, today.year + 1):
            if rng.random() < 0.25 + 0.6 * strength:
                registration_serial += 1
                result.registrations.append(
                    {
                        "uscc": uscc,
                        "year": year,
                        "number": f"{year}341882{registration_serial:08d}",
                    }
                )
        recognised_in_plan_year = [
            c for c in result.certificates if c["uscc"] == uscc and c["issued_on"].year == plan_year
        ]
        if recognised_in_plan_year:
            # Recognition needs its certificate: only these entries reach that stage.
            result.pipeline_entries.append(
                {
                    "uscc": uscc,
                    "track": "hte",
                    "stage": "recognised",
                    "since": recognised_in_plan_year[0]["issued_on"],
                }
            )
        elif strength > 0.35 and rng.random() < 0.45:
            result.pipeline_entries.append(
                {
                    "uscc": uscc,
                    "track": "hte" if strength > 0.5 else "tech_sme",
                    "stage": rng.choice(["surveyed", "cultivating", "cultivating", "applied"]),
                    "since": datetime.date(plan_year, rng.randint(2, 9), rng.randint(1, 28)),
                }
            )
        if rng.random() < 0.15:
            raised = datetime.date(plan_year, rng.randint(1, 11), rng.randint(1, 28))
            kind = rng.choice(["measure", "problem"])
            result.help_items.append(
                {
                    "uscc": uscc,
                    "kind": kind,
                    "problem": rng.choice(
                        [
                            "研发费用归集不规范，尚未建立研发辅助账",
                            "科技人员占比不足，需梳理人员认定",
                            "知识产权储备不足，缺少一类知识产权",
                            "高新技术产品收入统计口径不清",
                            "对科技型中小企业评价系统填报不熟悉",
                        ]
                    ),
                    "measure": rng.choice(
                        [
                            "联合税务部门上门辅导研发费用归集",
                            "推荐知识产权代理机构对接",
                            "安排专人指导填报",
                            "",
                        ]
                    ),
                    "owner": rng.choice(["科技局企业科", "乡镇经发办", "园区企业服务中心"]),
                    "raised_on": raised,
                    "due_on": raised + datetime.timedelta(days=rng.choice([30, 60, 90])),
                    "status": rng.choice(["open", "in_progress", "done"]),
                }
            )
    for number, (kind, title) in enumerate(
        [
            ("training", "高新技术企业认定政策培训会"),
            ("symposium", "科技型中小企业评价入企座谈会"),
            ("policy", "研发费用加计扣除政策宣讲"),
            ("visit", "规上工业企业研发活动走访"),
            ("training", "研发费用辅助账建账培训"),
        ]
    ):
        attendees = rng.sample(uscc_codes, min(len(uscc_codes), rng.randint(6, 20)))
        result.activities.append(
            {
                "kind": kind,
                "title": title,
                "held_on": datetime.date(plan_year, 3 + 2 * number, rng.randint(1, 28)),
                "place": rng.choice(["市科技局三楼会议室", "广德经济开发区服务中心", "企业现场"]),
                "with_tax_office": kind in ("training", "policy"),
                "with_statistics_office": kind == "visit",
                "with_park_office": rng.random() < 0.5,
                "attendees": attendees,
            }
        )
    return result
