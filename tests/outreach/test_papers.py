"""Papers collected from the societies, with their evaluation (views/societies.py)."""

import datetime
import io

import openpyxl
import pytest
import time_machine
from django.urls import reverse

from outreach.models import Paper

from .factories import PaperFactory, SocietyFactory

LIST = reverse("outreach:paper_list")
CREATE = reverse("outreach:paper_create")
TODAY = datetime.datetime(2024, 10, 8, 12, tzinfo=datetime.UTC)


def update(paper):
    return reverse("outreach:paper_update", kwargs={"paper_id": paper.pk})


def form_data(society, **overrides):
    data = {
        "title": "竹林生态与碳汇研究",
        "society": society.pk,
        "authors": "孙作者",
        "collected_on": "2024-07-01",
        "evaluation": "pending",
        "award": "",
        "note": "",
    }
    data.update(overrides)
    return data


@time_machine.travel(TODAY, tick=False)
def test_staff_record_a_paper_and_its_prize(client, staff_user, org_units):
    society = SocietyFactory()
    client.force_login(staff_user)
    assert client.get(CREATE, {"society": society.pk}).context["form"].initial["society"] == str(
        society.pk
    )
    assert client.post(CREATE, form_data(society))["Location"] == LIST
    paper = Paper.objects.get()
    client.post(update(paper), form_data(society, evaluation="first", award="优秀论文一等奖"))
    paper.refresh_from_db()
    assert (paper.evaluation, paper.award, paper.is_awarded) == ("first", "优秀论文一等奖", True)


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"title": ""}, "title", "required"),
        ({"collected_on": "2024-12-01"}, "collected_on", "future_date"),
        ({"award": "一等奖"}, "award", "award_without_prize"),
        ({"evaluation": "none", "award": "x"}, "award", "award_without_prize"),
        ({"evaluation": "gold"}, "evaluation", "invalid_choice"),
    ],
)
def test_bad_input_is_refused_beside_its_field(
    client, staff_user, org_units, overrides, field, code
):
    society = SocietyFactory()
    client.force_login(staff_user)
    response = client.post(CREATE, form_data(society, **overrides))
    assert response.context["form"].has_error(field, code)
    assert not Paper.objects.exists()


def test_an_inactive_society_is_offered_for_its_papers_but_not_for_new_ones(
    client, staff_user, org_units
):
    society = SocietyFactory(is_active=False)
    paper = PaperFactory(society=society)
    client.force_login(staff_user)
    assert society not in client.get(CREATE).context["form"].fields["society"].queryset
    assert society in client.get(update(paper)).context["form"].fields["society"].queryset


def test_list_filters_and_export(client, staff_user, org_units):
    first, second = SocietyFactory(), SocietyFactory()
    PaperFactory(society=first, title="=甲", evaluation="second", award="二等奖")
    PaperFactory(society=second, title="乙", collected_on=datetime.date(2023, 7, 1))
    client.force_login(staff_user)
    assert [p.title for p in client.get(LIST, {"society": first.pk}).context["page"]] == ["=甲"]
    assert [p.title for p in client.get(LIST, {"year": 2023}).context["page"]] == ["乙"]
    assert [p.title for p in client.get(LIST, {"evaluation": "second"}).context["page"]] == ["=甲"]
    assert client.get(LIST, {"society": "x"}).context["filter"].errors
    rows = list(
        openpyxl.load_workbook(
            io.BytesIO(client.get(LIST, {"evaluation": "second", "format": "xlsx"}).content)
        ).active.values
    )
    assert len(rows) == 2 and rows[1][1] == "=甲" and rows[1][5] == "二等奖"


def test_everyone_reads_only_the_bureau_writes(client, liaison, leader_user, org_units):
    paper = PaperFactory(title="公开论文")
    for user in (liaison, leader_user):
        client.force_login(user)
        page = client.get(LIST).content.decode()
        assert "公开论文" in page and update(paper) not in page
        assert client.get(CREATE).status_code == 403
        assert client.post(update(paper), form_data(paper.society, title="改")).status_code == 403
    paper.refresh_from_db()
    assert paper.title == "公开论文"


def test_unknown_404_anonymous_log_in_wrong_methods_405(client, staff_user, org_units):
    paper = PaperFactory()
    for url in (LIST, CREATE, update(paper)):
        assert client.get(url)["Location"].startswith(reverse("login"))
    client.force_login(staff_user)
    assert (
        client.get(reverse("outreach:paper_update", kwargs={"paper_id": 999999})).status_code == 404
    )
    assert client.post(LIST).status_code == 405
    assert client.put(CREATE).status_code == 405


@pytest.mark.parametrize("count", [2, 25])
def test_the_query_counts_do_not_grow_with_the_data(
    client, staff_user, org_units, django_assert_num_queries, count
):
    PaperFactory.create_batch(count)
    client.force_login(staff_user)
    # session, user, COUNT(*) for the pager, the page of papers with their societies, the
    # societies for the filter's choices
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert response.context["page"].paginator.count == count
    paper = Paper.objects.first()
    # session, user, the paper with its society, the society choices, the history with its
    # users, the societies named in the history
    with django_assert_num_queries(6):
        client.get(update(paper))
