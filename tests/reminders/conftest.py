"""A week of reminders in Guangde: what each persona has to act on on Wednesday 12 June 2024.

桃州镇 (the liaison's unit) has one of each reminder; 新杭镇 (the outsider's) has one help
item past due, so that a test can tell the two units' emails apart. The statistics bureau
(a responsible unit with an email address) has a notice overdue and one due next week.
"""

import datetime
import socket
from decimal import Decimal

import pytest
import time_machine
from aiosmtpd.controller import Controller

from enterprises.models import HelpItem, PipelineEntry
from guangde_plan.models import Target, TargetQuota, User
from platforms.models import Department, Notice
from tests.factories import (
    AnnualFiguresFactory,
    EnterpriseFactory,
    HteCertificateFactory,
    UserFactory,
)

D = datetime.date
# Wednesday 12 June 2024, 10:00 in Guangde (02:00 UTC); its week began on Monday 10 June.
MID_WEEK = datetime.datetime(2024, 6, 12, 2, tzinfo=datetime.UTC)
WEEK = D(2024, 6, 10)


@pytest.fixture
def frozen():
    with time_machine.travel(MID_WEEK, tick=False) as traveller:
        yield traveller


def make_notice(department, *, number, subject, due_on, plan_year, issued_on=None):
    return Notice.objects.create(
        department=department,
        plan_year=plan_year,
        number=number,
        subject=subject,
        content="请按时报送。",
        issued_on=issued_on or D(2024, 5, 6),
        due_on=due_on,
    )


@pytest.fixture
def scenario(plan_year, taozhou, xinhang, liaison, outsider, staff_user, leader_user):
    for user, email in [
        (liaison, "taozhou@example.gov.cn"),
        (outsider, "xinhang@example.gov.cn"),
        (staff_user, "staff@example.gov.cn"),
        (leader_user, "leader@example.gov.cn"),
    ]:
        user.email = email
        user.last_name, user.first_name = {
            "liaison_taozhou": ("王", "小明"),
            "liaison_xinhang": ("李", "新"),
            "staff": ("赵", "科员"),
            "leader": ("钱", "局长"),
        }[user.username]
        user.save()
    # Figures of 2023 (the figures year: nobody has 2024's yet) for all but one.
    missing = EnterpriseFactory(org_unit=taozhou, name="桃州缺数据科技有限公司")
    reported = EnterpriseFactory(org_unit=taozhou, name="桃州已报数据有限公司")
    AnnualFiguresFactory(enterprise=reported, year=2023)
    helped = EnterpriseFactory(org_unit=taozhou, name="桃州帮扶机械有限公司")
    AnnualFiguresFactory(enterprise=helped, year=2023)
    HelpItem.objects.create(
        enterprise=helped,
        kind=HelpItem.Kind.PROBLEM,
        problem="用地指标不足",
        raised_on=D(2024, 4, 1),
        due_on=D(2024, 6, 1),
    )
    cultivated = EnterpriseFactory(org_unit=taozhou, name="桃州培育电子有限公司")
    AnnualFiguresFactory(enterprise=cultivated, year=2023)
    PipelineEntry.objects.create(
        enterprise=cultivated,
        track="hte",
        plan_year=plan_year,
        stage="cultivating",
        stage_changed_on=D(2024, 4, 1),
    )
    expiring = EnterpriseFactory(org_unit=taozhou, name="桃州到期新材料有限公司")
    AnnualFiguresFactory(enterprise=expiring, year=2023)
    HteCertificateFactory(enterprise=expiring, number="GR202134000123", issued_on=D(2021, 10, 15))
    TargetQuota.objects.create(
        target=Target.objects.get(plan_year=plan_year, code="hte_total"),
        org_unit=taozhou,
        value=Decimal("20"),
    )
    elsewhere = EnterpriseFactory(org_unit=xinhang, name="新杭帮扶材料有限公司")
    AnnualFiguresFactory(enterprise=elsewhere, year=2023)
    HelpItem.objects.create(
        enterprise=elsewhere,
        kind=HelpItem.Kind.MEASURE,
        problem="新杭的帮扶措施",
        raised_on=D(2024, 4, 1),
        due_on=D(2024, 6, 5),
    )
    bureau = Department.objects.create(
        name="市统计局", contact_person="孙科长", email="stats@example.gov.cn"
    )
    make_notice(
        bureau, number=1, subject="报送研发投入数据", due_on=D(2024, 6, 5), plan_year=plan_year
    )
    make_notice(
        bureau, number=2, subject="报送高新产值数据", due_on=D(2024, 6, 20), plan_year=plan_year
    )
    return {"missing": missing, "department": bureau}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it receives, or refuses it while `refuse`."""

    def __init__(self):
        self.envelopes = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 4.3.0 Try again later"
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on 127.0.0.1 and a free port; Django's SMTP backend pointed at it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 10
    yield inbox
    controller.stop()


def user_with_email(**kwargs) -> User:
    kwargs.setdefault("email", f"{kwargs['username']}@example.gov.cn")
    return UserFactory(**kwargs)
