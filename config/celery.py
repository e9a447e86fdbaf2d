"""Celery application; tasks run in-process when no broker is configured."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("tiepdan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
