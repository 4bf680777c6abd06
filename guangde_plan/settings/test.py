"""Settings for `make test`: the real PostgreSQL and Redis, read from the environment."""

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="test-only-secret-key")
DEBUG = False
ALLOWED_HOSTS = ["*"]

# The `postgres` maintenance database always exists; tests run in their own database.
DATABASES["default"] = env.db_url(
    "DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/postgres"
)
DATABASES["default"]["CONN_MAX_AGE"] = 0
if "sqlite" not in DATABASES["default"]["ENGINE"]:  # SQLite tests run in memory
    DATABASES["default"]["TEST"] = {
        "NAME": env.str("TEST_DATABASE_NAME", default="test_guangde_plan")
    }

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/15")
if REDIS_URL.startswith("redis"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Per test database: two test runs on one machine share Redis, not their keys
            # (the figures cache's generation is one key that tests reset).
            "KEY_PREFIX": "guangde-test-" + env.str("TEST_DATABASE_NAME", default="default"),
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
FIGURES_CACHE = REDIS_URL.startswith("redis")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
DEMO_DATA_ALLOWED = True
SITE_URL = "http://testserver"

# Serve static files straight from the finders (node_modules, static/) without
# collectstatic, as in development: browser tests need the CSS and JavaScript.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
