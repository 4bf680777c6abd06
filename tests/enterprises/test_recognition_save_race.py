"""Two saves of the same number at once: the loser gets a message, never a 500."""

import pytest
from django.db import IntegrityError
from django.urls import reverse

from enterprises.forms_pipelines import HteCertificateForm, TechSmeRegistrationForm
from enterprises.models import HteCertificate, TechSmeRegistration


def lose_the_race(*args, **kwargs):
    raise IntegrityError("duplicate key value violates unique constraint")


@pytest.mark.parametrize(
    ("form_class", "url_name", "data", "model"),
    [
        (
            HteCertificateForm,
            "enterprises:hte_certificate_create",
            {"number": "GR202434000001", "issued_on": "2024-11-20"},
            HteCertificate,
        ),
        (
            TechSmeRegistrationForm,
            "enterprises:sme_registration_create",
            {"number": "20243418820000001", "year": "2024"},
            TechSmeRegistration,
        ),
    ],
)
def test_a_lost_race_is_explained_on_the_form(
    client, liaison, taozhou_enterprise, monkeypatch, form_class, url_name, data, model
):
    monkeypatch.setattr(form_class, "save", lose_the_race)
    client.force_login(liaison)
    response = client.post(reverse(url_name, args=[taozhou_enterprise.pk]), data)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not model.objects.exists()
