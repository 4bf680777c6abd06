"""The board on a phone, in a real browser: its six columns scroll sideways inside the board;
the page itself never does."""

import datetime

import pytest
from django.core.management import call_command
from playwright.sync_api import Page, expect

from enterprises.models import Stage, Track
from enterprises.services import pipeline_move, pipeline_start
from guangde_plan.models import OrgUnit, PlanYear, User
from tests.factories import EnterpriseFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def board_url(live_server):
    call_command("setup_guangde", verbosity=0)
    taozhou = OrgUnit.objects.get(code="341882100")
    user = UserFactory(username="liaison_taozhou", role=User.Role.LIAISON, org_units=[taozhou])
    plan_year = PlanYear.objects.get(year=2024)
    for number, stage in enumerate([Stage.SURVEYED, Stage.CULTIVATING, Stage.APPLIED] * 2):
        entry = pipeline_start(
            enterprise=EnterpriseFactory(org_unit=taozhou, name=f"桃州看板测试{number}有限公司"),
            track=Track.HTE,
            plan_year=plan_year,
            on=datetime.date(2024, 3, 1),
            by=user,
        )
        if stage != Stage.SURVEYED:
            pipeline_move(entry=entry, to_stage=stage, on=datetime.date(2024, 3, 2), by=user)
    return f"{live_server.url}/enterprises/pipelines/hte/board/"


def log_in(page: Page, url: str):
    page.goto(url)  # the login page, with ?next= back to the board
    page.locator("#id_username").fill("liaison_taozhou")
    page.locator("#id_password").fill("pass-word-123")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_test_id("pipeline-board")).to_be_visible()


def test_on_a_phone_the_columns_scroll_inside_the_board(page: Page, board_url):
    page.set_viewport_size(PHONE)
    log_in(page, board_url)
    board = page.get_by_test_id("pipeline-board")
    expect(board.locator("section[data-stage]")).to_have_count(6)
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"]
    assert board.evaluate("el => el.scrollWidth > el.clientWidth")
    # Scrolling the board brings the last column into view without moving the page.
    board.evaluate("el => el.scrollTo({left: el.scrollWidth})")
    expect(board.locator("section[data-stage='withdrawn']")).to_be_in_viewport()
    assert page.evaluate("window.scrollX") == 0
