import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_the_catalogue_has_no_untranslated_or_fuzzy_entries():
    for option in ("--untranslated", "--only-fuzzy"):
        result = subprocess.run(
            ["msgattrib", option, "--no-wrap", str(CATALOGUE)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.strip() == "", f"{option}:\n{result.stdout}"


def test_switching_to_english_is_remembered_on_the_user(client, staff_user):
    client.force_login(staff_user)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/enterprises/"})
    assert response.status_code == 302
    assert response["Location"] == "/enterprises/"
    staff_user.refresh_from_db()
    assert staff_user.language == "en"
    page = client.get(reverse("enterprises:list")).content.decode()
    assert '<html lang="en">' in page
    assert "Enterprise registry" in page


@pytest.mark.django_db
def test_anonymous_users_can_switch_on_the_login_page(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"})
    assert "Log in" in client.get(reverse("login")).content.decode()


def test_an_unknown_language_changes_nothing(client, staff_user):
    client.force_login(staff_user)
    client.post(reverse("set_language"), {"language": "xx"})
    staff_user.refresh_from_db()
    assert staff_user.language == "zh-hans"
