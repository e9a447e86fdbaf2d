"""Developer and demo mode (`make run`): debug on, a fixed secret unless one is given."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "local-demo-secret-not-for-production")
os.environ.setdefault("DJANGO_DEBUG", "true")

from config.settings.base import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Served straight from the source folders (no collectstatic, no hashed names) while developing.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
