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


@pytest.mark.django_db
def test_an_english_browser_still_gets_chinese(client):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in page


def test_a_users_saved_language_applies_on_a_new_browser(client, staff_user):
    staff_user.language = "en"
    staff_user.save()
    client.force_login(staff_user)
    assert '<html lang="en">' in client.get(reverse("home")).content.decode()
