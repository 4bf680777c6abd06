"""Invented demo data: enterprises with obviously fictitious names and valid codes.

Deterministic (a fixed random seed), so running it again yields the same codes and adds
nothing. Dates are relative to the day it first runs, so the tracking-service list
(production started in the last two years) is never empty in a demo.
"""

import datetime
import random
from dataclasses import dataclass

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
