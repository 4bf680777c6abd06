"""Walks every URL pattern of the URLconf and checks who may do what.

A new view is covered automatically: it must carry an access mark (read_view, write_view,
admin_view, self_view or public_view, see guangde_plan/lib/access.py) and every URL
keyword it takes must have a sample below, or this test fails and says so.

Expected, for every URL and persona:
- anonymous users are sent to the login page (except public views);
- a liaison of another unit (the outsider) gets 404 on every page about a 桃州镇 record;
- a record that belongs to one user (a ledger upload, the 桃州镇 liaison's) is 404 to
  everyone else, bureau staff included;
- a leader (read-only) gets 403 on every write, GET included;
- only administrators reach admin views (403 for everyone else);
- city-wide records of no unit (intermediaries, policies, bank white lists…) are written by
  bureau staff and administrators only (bureau_view: 403 for liaisons and leaders);
- everything else is allowed.
"""

import datetime

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from enterprises.models import (
    Cooperation,
    HelpActivity,
    HelpItem,
    Intermediary,
    IntermediaryService,
    KeyProject,
    LedgerUpload,
    PipelineEntry,
    TechDemand,
)
from guangde_plan.lib import access
from guangde_plan.models import PlanYear, User

from .factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    TechSmeRegistrationFactory,
    make_uscc,
)

TAOZHOU = "341882100"


def _enterprise(units):
    """A 桃州镇 enterprise with figures for 2023 (so its readiness page exists)."""
    enterprise = EnterpriseFactory(org_unit=units[TAOZHOU])
    AnnualFiguresFactory(enterprise=enterprise, year=2023)
    return enterprise


def _entry(units):
    return PipelineEntry.objects.create(
        enterprise=_enterprise(units),
        track="hte",
        plan_year=PlanYear.objects.get(year=2024),
        stage="surveyed",
        stage_changed_on=datetime.date(2024, 3, 1),
    )


def _activity(units):
    activity = HelpActivity.objects.create(
        kind="training", title="培训", held_on=datetime.date(2024, 3, 1), org_unit=units[TAOZHOU]
    )
    activity.enterprises.add(_enterprise(units))
    return activity


def _item(units):
    return HelpItem.objects.create(
        enterprise=_enterprise(units),
        kind="problem",
        problem="问题",
        raised_on=datetime.date(2024, 3, 1),
    )


SAMPLE_DAY = datetime.date(2024, 3, 1)


def _intermediary():
    """A city-wide record (an intermediary belongs to no unit)."""
    return Intermediary.objects.get_or_create(
        name="样本科技服务有限公司", defaults={"services": "高企申报", "origin": "local"}
    )[0]


class _MadeWhenUsed:
    """A city-wide record's pk for PLAIN_KWARGS (which holds values, not makers): the record
    is made when reverse() turns the value into text, inside the test's transaction."""

    def __init__(self, make):
        self.make = make

    def __str__(self):
        return str(self.make().pk)


# URL keyword → how to make a sample value. Object keywords name a record of 桃州镇, which
# the outsider (a liaison of 新杭镇) must not reach.
OBJECT_KWARGS = {
    "enterprise_id": lambda units: _enterprise(units).pk,
    "figures_id": lambda units: (
        AnnualFiguresFactory(enterprise=EnterpriseFactory(org_unit=units[TAOZHOU])).pk
    ),
    "certificate_id": lambda units: (
        HteCertificateFactory(enterprise=EnterpriseFactory(org_unit=units[TAOZHOU])).pk
    ),
    "registration_id": lambda units: (
        TechSmeRegistrationFactory(enterprise=EnterpriseFactory(org_unit=units[TAOZHOU])).pk
    ),
    "entry_id": lambda units: _entry(units).pk,
    "activity_id": lambda units: _activity(units).pk,
    "item_id": lambda units: _item(units).pk,
    "demand_id": lambda units: (
        TechDemand.objects.create(
            enterprise=_enterprise(units), kind="need", title="需求", collected_on=SAMPLE_DAY
        ).pk
    ),
    "cooperation_id": lambda units: (
        Cooperation.objects.create(
            enterprise=_enterprise(units),
            partner="合肥工业大学",
            subject="课题",
            started_on=SAMPLE_DAY,
        ).pk
    ),
    "key_project_id": lambda units: (
        KeyProject.objects.create(
            enterprise=_enterprise(units),
            kind="challenge",
            level="provincial",
            title="揭榜挂帅项目",
            applied_on=SAMPLE_DAY,
        ).pk
    ),
    "intermediary_service_id": lambda units: (
        IntermediaryService.objects.create(
            intermediary=_intermediary(),
            enterprise=_enterprise(units),
            service="高企申报辅导",
            served_on=SAMPLE_DAY,
        ).pk
    ),
    "finance_id": lambda units: _finance_sample("finance", units),
    "report_id": lambda units: _finance_sample("report", units),
    "benefit_id": lambda units: _finance_sample("benefit", units),
    "event_id": lambda units: _outreach_sample("event", units),
    "photo_id": lambda units: _outreach_sample("photo", units),
    "base_id": lambda units: _outreach_sample("base", units),
    "base_recommendation_id": lambda units: _outreach_sample("base_recommendation", units),
    "platform_id": lambda units: _platform_sample("platform", units),
    "recognition_id": lambda units: _platform_sample("recognition", units),
    "application_id": lambda units: _platform_sample("application", units),
    "incubation_figures_id": lambda units: _platform_sample("figures", units),
}


def _platform_sample(kind, units):
    """A 桃州镇 incubator with nothing recorded on it (so that it may be deleted), or a
    recognition, level application or yearly figures of one (their pk)."""
    from platforms.models import (
        Application,
        IncubationFigures,
        Platform,
        PlatformKind,
        Recognition,
    )

    platform = Platform.objects.create(
        name="桃州众创孵化器",
        kind=PlatformKind.objects.get(code="incubator"),
        host_organisation="桃州镇人民政府",
        org_unit=units[TAOZHOU],
    )
    if kind == "platform":
        return platform.pk
    if kind == "recognition":
        return Recognition.objects.create(
            platform=platform, level="municipal", recognised_on=SAMPLE_DAY
        ).pk
    if kind == "application":
        return Application.objects.create(
            platform=platform,
            target_level="municipal",
            plan_year=PlanYear.objects.get(year=2024),
            stage="preparing",
            stage_changed_on=SAMPLE_DAY,
        ).pk
    return IncubationFigures.objects.create(platform=platform, year=2023, area=1000).pk


def _upload(units):
    content = f"统一社会信用代码,企业名称,所属乡镇园区\n{make_uscc(990001)},导入样本企业,桃州镇\n"
    return LedgerUpload.objects.create(
        uploaded_by=User.objects.get(username="liaison_taozhou"),
        source="file",
        filename="企业名录.csv",
        size=len(content.encode()),
        content=content.encode(),
    )


def _finance_sample(kind, units=None):
    """A finance record, statistics report or policy benefit of a 桃州镇 enterprise (its
    pk), or a city-wide white list or policy (the record: read by everyone, written by
    bureau staff)."""
    from enterprises.models import (
        FinanceRecord,
        Policy,
        PolicyBenefit,
        StatisticsReport,
        WhiteList,
    )

    if kind == "whitelist":
        return WhiteList.objects.create(title="白名单", as_of=SAMPLE_DAY)
    if kind == "policy":
        return Policy.objects.create(title="科技政策", issued_on=SAMPLE_DAY)
    if kind == "finance":
        return FinanceRecord.objects.create(
            enterprise=_enterprise(units),
            kind="tech_loan",
            bank="徽商银行",
            amount=100,
            started_on=SAMPLE_DAY,
        ).pk
    if kind == "report":
        return StatisticsReport.objects.create(enterprise=_enterprise(units), year=2024).pk
    return PolicyBenefit.objects.create(
        policy=_finance_sample("policy"), enterprise=_enterprise(units), granted_on=SAMPLE_DAY
    ).pk


def _city_sample(kind):
    """An innovative-city record (plan section 四), city-wide like an intermediary: the
    statistics bureau, an indicator of 2024 it answers for, or a notice sent to it."""
    from platforms.models import Department, Indicator, IndicatorGroup, Notice
    from platforms.services import notice_issue

    department = Department.objects.get_or_create(name="市统计局")[0]
    if kind == "department":
        return department
    indicator = Indicator.objects.get_or_create(
        plan_year=PlanYear.objects.get(year=2024),
        name="全社会研发经费投入强度",
        defaults={"group": IndicatorGroup.objects.first(), "department": department},
    )[0]
    if kind == "indicator":
        return indicator
    return Notice.objects.filter(subject="样本提示单").first() or notice_issue(
        notice=Notice(
            department=department,
            plan_year=indicator.plan_year,
            subject="样本提示单",
            content="请报送研发经费投入强度。",
            issued_on=SAMPLE_DAY,
            due_on=SAMPLE_DAY + datetime.timedelta(days=14),
        ),
        indicators=[indicator],
        by=None,
    )


# A one-pixel GIF: the sample photo's file, served by the photo view.
TINY_GIF = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00"
    b"\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _outreach_sample(kind, units=None):
    """Science popularisation (plan section 五): a 桃州镇 event, a photo of it (its file in
    the media store), a 桃州镇 base or a recommendation of it (their pk); or a city-wide
    honoree, award recommendation, society or paper (the record)."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from outreach.models import (
        AwardRecommendation,
        Base,
        BaseRecommendation,
        Event,
        EventPhoto,
        Honoree,
        Paper,
        Society,
    )

    if kind in ("event", "photo"):
        event = Event.objects.create(
            title="科普讲座", kind="lecture", held_on=SAMPLE_DAY, org_unit=units[TAOZHOU]
        )
        if kind == "event":
            return event.pk
        name = "outreach/photos/access-matrix-sample.gif"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(TINY_GIF))
        return EventPhoto.objects.create(
            event=event,
            image=name,
            format="GIF",
            original_name="样本.gif",
            size=43,
            width=1,
            height=1,
        ).pk
    if kind in ("base", "base_recommendation"):
        base = Base.objects.create(
            name="桃州科普教育基地", kind="education_base", org_unit=units[TAOZHOU]
        )
        if kind == "base":
            return base.pk
        return BaseRecommendation.objects.create(
            base=base, to_level="municipal", recommended_on=SAMPLE_DAY
        ).pk
    if kind in ("honoree", "award_recommendation"):
        honoree = Honoree.objects.get_or_create(
            name="张三",
            defaults={
                "plan_year": PlanYear.objects.get(year=2024),
                "employer": "广德某公司",
                "honour": "优秀科技工作者",
                "selected_on": SAMPLE_DAY,
            },
        )[0]
        if kind == "honoree":
            return honoree
        return AwardRecommendation.objects.get_or_create(
            honoree=honoree, selection="xuancheng", defaults={"recommended_on": SAMPLE_DAY}
        )[0]
    society = Society.objects.get_or_create(
        name="广德市样本学会",
        defaults={
            "kind": "society",
            "chair": "李四",
            "term_started_on": SAMPLE_DAY,
            "term_years": 5,
        },
    )[0]
    if kind == "society":
        return society
    return Paper.objects.get_or_create(
        society=society, title="样本论文", defaults={"authors": "王五", "collected_on": SAMPLE_DAY}
    )[0]


# URL keyword → a sample record that belongs to the 桃州镇 liaison alone.
OWNED_KWARGS = {"upload_id": lambda units: _upload(units).pk}


class _UnsubscribeToken:
    """The weekly email's unsubscribe link of the 桃州镇 liaison (a public view: the signed
    token is the credential), signed when reverse() turns it into text."""

    def __str__(self):
        from guangde_plan.reminders.recipients import user_key
        from guangde_plan.reminders.tokens import unsubscribe_token

        return unsubscribe_token(user_key(User.objects.get(username="liaison_taozhou").pk))


PLAIN_KWARGS = {
    "token": _UnsubscribeToken(),
    "track": "hte",
    "year": 2024,
    "code": "three_zero_rd_activity",
    "intermediary_id": _MadeWhenUsed(_intermediary),
    "whitelist_id": _MadeWhenUsed(lambda: _finance_sample("whitelist")),
    "policy_id": _MadeWhenUsed(lambda: _finance_sample("policy")),
    "kind": "rd_activity",
    "month": 5,
    "key_day": "science_day",
    "honoree_id": _MadeWhenUsed(lambda: _outreach_sample("honoree")),
    "award_recommendation_id": _MadeWhenUsed(lambda: _outreach_sample("award_recommendation")),
    "society_id": _MadeWhenUsed(lambda: _outreach_sample("society")),
    "paper_id": _MadeWhenUsed(lambda: _outreach_sample("paper")),
    "target_code": "provincial_rd_centres_new",
    "department_id": _MadeWhenUsed(lambda: _city_sample("department")),
    "indicator_id": _MadeWhenUsed(lambda: _city_sample("indicator")),
    "notice_id": _MadeWhenUsed(lambda: _city_sample("notice")),
}
# Where a keyword means something else on one page: the readiness page's year is the
# figures year, the sample enterprise's figures being for 2023.
PATTERN_KWARGS = {"enterprises:readiness": {"year": 2023}}

# Served by Django's admin with its own rules: checked by the last test of this module.
SKIPPED_NAMESPACES = {"admin"}
PERSONAS = ["anonymous", "outsider", "liaison", "leader_user", "staff_user", "admin_user"]


def walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns not in SKIPPED_NAMESPACES:
                yield from walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry


ALL_PATTERNS = list(walk(get_resolver().url_patterns))


def test_every_pattern_is_named_and_marked():
    assert ALL_PATTERNS
    unmarked = [name for name, p in ALL_PATTERNS if not getattr(p.callback, "access_kind", None)]
    assert not unmarked, f"views without an access mark: {unmarked}"
    assert all(name for name, _ in ALL_PATTERNS)


def expected(persona: str, kind: str, is_object_page: bool, is_owned_page: bool) -> str:
    if kind == access.PUBLIC:
        return "allowed"
    if persona == "anonymous":
        # Programs get 401 (API views check the session or a token themselves).
        return "401" if kind == access.API else "login"
    if kind == access.ADMIN:
        return "allowed" if persona == "admin_user" else "403"
    if kind == access.BUREAU:
        return "allowed" if persona in ("staff_user", "admin_user") else "403"
    if persona == "leader_user" and kind == access.WRITE:
        return "403"
    if persona == "outsider" and is_object_page:
        return "404"
    if persona != "liaison" and is_owned_page:
        return "404"
    return "allowed"


def _url(name, pattern, units):
    kwargs = {}
    for key in pattern.pattern.converters:
        if key in PATTERN_KWARGS.get(name, {}):
            kwargs[key] = PATTERN_KWARGS[name][key]
        elif key in OBJECT_KWARGS:
            kwargs[key] = OBJECT_KWARGS[key](units)
        elif key in OWNED_KWARGS:
            kwargs[key] = OWNED_KWARGS[key](units)
        elif key in PLAIN_KWARGS:
            kwargs[key] = PLAIN_KWARGS[key]
        else:
            pytest.fail(f"add a sample value for URL keyword {key!r} (used by {name})")
    return (
        reverse(name, kwargs=kwargs),
        bool(set(kwargs) & set(OBJECT_KWARGS)),
        bool(set(kwargs) & set(OWNED_KWARGS)),
    )


def _check(response, outcome, where):
    login = reverse(settings.LOGIN_URL)
    location = response.get("Location", "")
    if outcome == "login":
        assert response.status_code == 302 and location.startswith(login + "?next="), where
    elif outcome in ("401", "403", "404"):
        assert response.status_code == int(outcome), where
    else:
        # Allowed: a page, a redirect elsewhere, or 405 for a POST-only or GET-only view.
        assert response.status_code < 400 or response.status_code == 405, where
        assert not location.startswith(login), where


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "pattern"), [pytest.param(*p, id=p[0]) for p in ALL_PATTERNS])
def test_access(request, client, org_units, persona, name, pattern):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    request.getfixturevalue("liaison")  # the owner of OWNED_KWARGS' records
    url, is_object_page, is_owned_page = _url(name, pattern, org_units)
    outcome = expected(persona, pattern.callback.access_kind, is_object_page, is_owned_page)
    _check(client.get(url), outcome, f"GET {url} as {persona}")
    writes = (access.WRITE, access.BUREAU, access.ADMIN)
    if pattern.callback.access_kind in writes or persona == "anonymous":
        # A partial POST to a write is refused the same way; where allowed it may answer
        # 200 with form errors, never a 500. (Read views answer POST with 405 first.)
        _check(client.post(url, {"name": "x"}), outcome, f"POST {url} as {persona}")


@pytest.mark.django_db
def test_the_django_admin_is_for_administrators_only(
    client, liaison, staff_user, leader_user, admin_user
):
    for user in (liaison, staff_user, leader_user):
        client.force_login(user)
        response = client.get(reverse("admin:index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
    client.force_login(admin_user)
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    response = client.get(reverse("admin:index"))
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.django_db
def test_a_liaison_loses_a_unit_made_inactive(client, liaison, taozhou, staff_user):
    enterprise = EnterpriseFactory(org_unit=taozhou)
    taozhou.is_active = False
    taozhou.save()
    client.force_login(liaison)
    assert client.get(reverse("enterprises:detail", args=[enterprise.pk])).status_code == 404
    assert (
        client.post(reverse("enterprises:figures_create", args=[enterprise.pk])).status_code == 404
    )
    client.force_login(staff_user)
    assert client.get(reverse("enterprises:detail", args=[enterprise.pk])).status_code == 200
