"""Settings for `make run`: a developer's or evaluator's own machine."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# Only ever used on a developer's machine; production refuses to start without its own.
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production")
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)
