import pytest
from django.urls import reverse

URL = reverse("health")


@pytest.mark.django_db
def test_it_reports_the_real_database_and_cache(client, settings):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


@pytest.mark.django_db
def test_it_says_when_the_cache_is_down(client, settings):
    # A port nothing listens on: the Redis client fails at once.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "error"}
