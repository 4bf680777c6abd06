"""Production settings refuse to start without their secrets (checked in a subprocess,
because settings are read once per process)."""

import os
import subprocess
import sys

from django.conf import settings

GOOD_KEY = "k" * 50


def load_production(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SECRET_KEY", "DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import guangde_plan.settings.production"],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = load_production(DATABASE_URL="postgres://x@127.0.0.1/x")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_or_development_key():
    for key in ("short", "dev-only-insecure-key-do-not-use-in-production"):
        result = load_production(DJANGO_SECRET_KEY=key, DATABASE_URL="postgres://x@h/x")
        assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_a_database():
    result = load_production(DJANGO_SECRET_KEY=GOOD_KEY)
    assert "DATABASE_URL must be set" in result.stderr


def test_production_starts_with_both():
    result = load_production(DJANGO_SECRET_KEY=GOOD_KEY, DATABASE_URL="postgres://x@h/x")
    assert result.returncode == 0, result.stderr
