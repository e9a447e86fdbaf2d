"""Production mode: refuses to start without DJANGO_SECRET_KEY or a task broker; HTTPS cookies
and HSTS."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int
from config.settings.base import *  # noqa: F403

# Without a broker, tasks run inside the request: a notice that fails to send is lost instead of
# retried, and a slow mail server holds the page. A single-process demo may accept that.
if CELERY_TASK_ALWAYS_EAGER and not env_bool("TIEPDAN_ALLOW_NO_BROKER", False):
    raise ImproperlyConfigured(
        "Set REDIS_URL (or CELERY_BROKER_URL) so that notices are sent and retried by workers; "
        "TIEPDAN_ALLOW_NO_BROKER=true runs tasks in the request instead."
    )

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 30)
SECURE_HSTS_INCLUDE_SUBDOMAINS = False
