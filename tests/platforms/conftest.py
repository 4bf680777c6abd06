import datetime

import pytest

from .factories import PlatformFactory, kind

# Every module of this package runs on a frozen day (levels, applications and figures are
# year-dependent and refused in the future): 15 June 2024, noon in Shanghai.
NOW = datetime.datetime(2024, 6, 15, 4, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _frozen(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def incubator(taozhou):
    return PlatformFactory(name="桃州科技企业孵化器", kind=kind("incubator"), org_unit=taozhou)


@pytest.fixture
def rd_centre(taozhou, taozhou_enterprise):
    return PlatformFactory(
        name="桃州测试企业技术中心",
        kind=kind("rd_centre"),
        host_enterprise=taozhou_enterprise,
        host_organisation="",
        org_unit=taozhou,
    )


@pytest.fixture
def xinhang_incubator(xinhang):
    return PlatformFactory(name="新杭众创空间", kind=kind("maker_space"), org_unit=xinhang)
