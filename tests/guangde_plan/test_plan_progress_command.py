import datetime
import io
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from tests.factories import HteCertificateFactory, TechSmeRegistrationFactory

D = datetime.date


def run(*args) -> str:
    out = io.StringIO()
    call_command("plan_progress", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def figures(plan_year, taozhou, xinhang):
    for unit in (taozhou, taozhou, xinhang):
        HteCertificateFactory(enterprise__org_unit=unit, issued_on=D(2023, 3, 1))
    TechSmeRegistrationFactory(enterprise__org_unit=taozhou, year=2024)


@pytest.mark.parametrize("org_unit", [None, "341882100"])
def test_it_prints_the_same_document_as_the_api(client, staff_user, figures, org_unit):
    args, params = ["--year", "2024", "--as-of", "2024-06-01"], {"as_of": "2024-06-01"}
    if org_unit:
        args, params = [*args, "--org-unit", org_unit], {**params, "org_unit": org_unit}
    printed = json.loads(run(*args, "--json"))
    client.force_login(staff_user)  # bureau staff see every unit, as the command does
    served = client.get(reverse("api_progress", args=[2024]), params).json()
    assert printed == served
    assert len(printed["targets"][0]["by_unit"]) == (1 if org_unit else 13)


def test_it_prints_chinese_as_is_and_indented(figures):
    output = run("--year", "2024", "--as-of", "2024-06-01", "--json")
    assert '\n  "year": 2024,' in output
    assert "高新技术企业" in output


def test_it_prints_a_table_by_default(figures):
    lines = run("--year", "2024", "--as-of", "2024-06-01").splitlines()
    assert "2024-06-01" in lines[0]
    assert lines[1].split() == [
        "code",
        "target",
        "actual",
        "%",
        "expected",
        "status",
        "forecast",
    ]
    # 200 targeted, 3 held, 1.5 %, expected 3 + 197 × 153/366 = 85.4, behind; no pipeline.
    assert lines[2].split() == ["hte_total", "200", "3", "1.5", "85.4", "behind", "3"]


def test_it_adds_the_units_own_figures_with_org_unit(figures, taozhou):
    output = run("--year", "2024", "--as-of", "2024-06-01", "--org-unit", taozhou.code)
    unit_part = output.split(taozhou.code, 1)[1].splitlines()
    assert taozhou.name in unit_part[0]
    assert unit_part[2].split() == ["hte_total", "2", "-", "-"]


def test_it_fails_on_an_unknown_plan_year(plan_year):
    with pytest.raises(CommandError, match="2031"):
        run("--year", "2031")


def test_it_fails_on_an_unknown_org_unit(plan_year):
    with pytest.raises(CommandError, match="341882999"):
        run("--year", "2024", "--org-unit", "341882999")


@pytest.mark.parametrize("as_of", ["2024-13-01", "20240601", "June"])
def test_it_refuses_a_malformed_as_of(plan_year, as_of):
    # From call_command, argparse's usage error arrives as a CommandError.
    with pytest.raises(CommandError, match="--as-of"):
        run("--year", "2024", "--as-of", as_of)


def test_it_exits_with_2_on_a_malformed_as_of_from_the_shell():
    # The date is refused while the arguments are parsed: no database is touched.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "guangde_plan.settings.test"}
    result = subprocess.run(
        [sys.executable, "manage.py", "plan_progress", "--year", "2024", "--as-of", "2024-13-01"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "--as-of" in result.stderr and "2024-13-01" in result.stderr
    assert result.stdout == ""
