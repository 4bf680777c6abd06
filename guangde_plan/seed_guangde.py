"""Reference data for Guangde City (广德市): org units and the 2024 work plan.

This is seed *data*: nothing else in the code knows about Guangde or 2024. Another county
bureau writes its own module of the same shape. Sources: NBS statistical division codes
(see shared/domain.md) and 《广德市科技局2024年工作计划》 (published 2024-03-01).
"""

import datetime
from decimal import Decimal

SUBDISTRICT, TOWN, TOWNSHIP, PARK = "subdistrict", "town", "township", "park"
# The three 乡 became 镇 in July 2025, keeping their codes and boundaries.
TOWNSHIP_TO_TOWN = datetime.date(2025, 7, 1)

# code, then the unit's names in order: (valid from or None for "always", name, kind)
ORG_UNITS = [
    ("341882001", [(None, "桐汭街道", SUBDISTRICT)]),
    ("341882002", [(None, "祠山街道", SUBDISTRICT)]),
    ("341882003", [(None, "升平街道", SUBDISTRICT)]),
    ("341882100", [(None, "桃州镇", TOWN)]),
    ("341882101", [(None, "柏垫镇", TOWN)]),
    ("341882102", [(None, "誓节镇", TOWN)]),
    ("341882103", [(None, "邱村镇", TOWN)]),
    ("341882104", [(None, "新杭镇", TOWN)]),
    ("341882105", [(None, "杨滩镇", TOWN)]),
    ("341882200", [(None, "卢村乡", TOWNSHIP), (TOWNSHIP_TO_TOWN, "卢村镇", TOWN)]),
    ("341882201", [(None, "东亭乡", TOWNSHIP), (TOWNSHIP_TO_TOWN, "东亭镇", TOWN)]),
    ("341882202", [(None, "四合乡", TOWNSHIP), (TOWNSHIP_TO_TOWN, "四合镇", TOWN)]),
    ("341882400", [(None, "广德经济开发区", PARK)]),
]

PLAN_YEARS = [
    {
        "year": 2024,
        "title": "广德市科技局2024年工作计划",
        "source_document": "广德市科技局2024年工作计划（2024-03-01发布）",
        "targets": [
            {
                "code": "hte_total",
                "name": "高新技术企业数",
                "section": "enterprises",
                "value": Decimal("200"),
                "unit": "家",
                "direction": "at_least",
                "description": "持有有效高新技术企业证书的企业（证书自发证之日起三年有效）。",
            },
            {
                "code": "tech_sme_total",
                "name": "科技型中小企业入库数",
                "section": "enterprises",
                "value": Decimal("200"),
                "unit": "家",
                "direction": "at_least",
                "description": "本年度入库登记的科技型中小企业（入库登记每年一次）。",
            },
            {
                "code": "rd_spend_total",
                "name": "企业研发费用总额",
                "section": "enterprises",
                "value": None,
                "unit": "万元",
                "direction": "at_least",
                "description": "计划原文：企业研发费用再上新台阶（未定具体数值）。",
            },
            {
                "code": "rd_growth_pct",
                "name": "企业研发投入增长率",
                "section": "guidance",
                "value": Decimal("10"),
                "unit": "%",
                "direction": "at_least",
                "description": "力争研发投入年增长10%以上。",
            },
            {
                "code": "three_zero_rd_activity",
                "name": "年销售收入1亿元以上无研发活动的规上工业企业",
                "section": "guidance",
                "value": Decimal("0"),
                "unit": "家",
                "direction": "zero",
                "description": "“三个清零”之一。",
            },
            {
                "code": "three_zero_rd_institution",
                "name": "年销售收入5亿元以上无研发机构的规上工业企业",
                "section": "guidance",
                "value": Decimal("0"),
                "unit": "家",
                "direction": "zero",
                "description": "“三个清零”之一。",
            },
            {
                "code": "three_zero_innovation",
                "name": "年销售收入10亿元以上无创新成果申报的规上工业企业",
                "section": "guidance",
                "value": Decimal("0"),
                "unit": "家",
                "direction": "zero",
                "description": "“三个清零”之一。",
            },
            {
                "code": "provincial_rd_centres_new",
                "name": "新认定省企业研发中心",
                "section": "platforms",
                "value": Decimal("16"),
                "unit": "家",
                "direction": "at_least",
                "description": "当年新认定的省企业研发中心。",
            },
            {
                "code": "municipal_incubators_new",
                "name": "新认定市级科技孵化平台",
                "section": "platforms",
                "value": Decimal("2"),
                "unit": "个",
                "direction": "at_least",
                "description": "当年新认定的市级科技孵化平台（科技企业孵化器、众创空间等）。",
            },
        ],
    }
]

# Section 四: the five lines of work of the innovative-city effort, in the plan's order.
INDICATOR_GROUPS = [
    ("补短板", "更大力度培植创新主体"),
    ("强基础", "更大力度提升载体层次"),
    ("增优势", "更大力度打造创新特色"),
    ("优环境", "更大力度激发创新活力"),
    ("多交流", "更大力度对接责任单位"),
]

# Section 三: the carriers the plan names (name, kind code, org unit code, note). Their units
# are where the bureau places them today; levels come from recorded recognitions only.
PLATFORMS = [
    ("广德创新港", "incubator", "341882400", "对照国家级科技企业孵化器标准，提前做好申报准备。"),
    (
        "西安交通大学国家大学科技园广德分园",
        "university_park",
        "341882400",
        "指导申报宣城市级科技孵化载体。",
    ),
    ("新杭科技企业孵化器", "incubator", "341882104", "指导申报宣城市级科技孵化载体。"),
]
