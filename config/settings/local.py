"""Developer and demo mode (`make run`): debug on, a fixed secret unless one is given."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "local-demo-secret-not-for-production")
os.environ.setdefault("DJANGO_DEBUG", "true")

from config.settings.base import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

STATIC_ROOT = None  # nothing collected here; WhiteNoise serves from the finders
