"""The one place that reads the time, so tests can travel with time-machine."""

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """Aware UTC timestamp."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in Asia/Ho_Chi_Minh (legal dates are local dates)."""
    return timezone.localdate()
