"""Random input to the enterprise form: never a 500, and saved only when valid."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enterprises.forms import EnterpriseForm
from enterprises.models import Enterprise
from tests.factories import make_uscc

FIELDS = EnterpriseForm.Meta.fields
anything = st.one_of(
    st.text(max_size=300),
    st.text(alphabet="0123456789-/年月日 ", max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "true", "on", "2024-02-30", "0000-00-00", make_uscc(5), "\x00"]),
)
# Each field is either a plausible valid value or anything at all, so that the examples
# cover both saves and refusals. "<unit>" stands for the liaison's own unit.
VALID = {
    "name": st.sampled_from(["测试科技有限公司", "A&B（广德）有限公司"]),
    "uscc": st.integers(min_value=0, max_value=10**9 - 1).map(make_uscc),
    "org_unit": st.just("<unit>"),
    "tech_field": st.sampled_from(["", "new_materials"]),
    "registered_on": st.sampled_from(["", "2020-01-31", "2020/1/31"]),
    "production_started_on": st.sampled_from(["", "2021-12-01"]),
    "is_above_designated_size": st.sampled_from(["", "on"]),
    "address": st.just("桃州镇某路1号"),
    "contact_person": st.just("王五"),
    "contact_phone": st.sampled_from(["", "13912345678", "0563-6012345"]),
    "notes": st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=50),
}
form_data = st.fixed_dictionaries(
    {}, optional={field: st.one_of(VALID[field], anything) for field in FIELDS}
)


@pytest.mark.django_db
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=form_data)
def test_random_posts_never_crash_and_only_valid_ones_save(client, liaison, data):
    client.force_login(liaison)
    data = {k: str(liaison.org_units.get().pk) if v == "<unit>" else v for k, v in data.items()}
    before = Enterprise.objects.count()
    response = client.post(reverse("enterprises:create"), data)
    after = Enterprise.objects.count()
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert response.context["form"].errors
        assert after == before
    else:
        assert after == before + 1
        assert Enterprise.objects.latest("pk").org_unit in liaison.org_units.all()


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.fixed_dictionaries(VALID))
def test_every_plausible_submission_is_saved(client, liaison, data):
    """The valid half of the strategy really is valid, so the test above sees saves too."""
    client.force_login(liaison)
    data = {k: str(liaison.org_units.get().pk) if v == "<unit>" else v for k, v in data.items()}
    Enterprise.objects.filter(uscc=data["uscc"]).delete()
    response = client.post(reverse("enterprises:create"), data)
    assert response.status_code == 302, response.context["form"].errors
