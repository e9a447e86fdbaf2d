"""Test mode: fast hashing, no debug, the same database choice as the environment gives."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-not-for-production")

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in memory

STATIC_ROOT = None  # nothing collected here; WhiteNoise serves from the finders

# Generated documents and uploads go to a throw-away folder, never into the working tree.
MEDIA_ROOT = tempfile.mkdtemp(prefix="tiepdan-test-media-")
