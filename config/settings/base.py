"""Settings shared by every mode; every external value comes from the environment."""

from __future__ import annotations

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env_bool, env_int, env_json, env_list, env_str

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from our static files, not from a CDN
    "tiepdan.core",
    "tiepdan.organizations",
    "tiepdan.accounts",
    "tiepdan.audit",
    "tiepdan.deadlines",
    "tiepdan.notifications",
    "tiepdan.petitions",
    "tiepdan.resolution",
    "tiepdan.reception",
    "tiepdan.reports",
    "tiepdan.portal",
    "tiepdan.api",
    "tiepdan.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless it is marked public (tiepdan.core.access).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "tiepdan.accounts.context_processors.official",
                "tiepdan.notifications.context_processors.unread",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite (WAL) is the embedded default; PostgreSQL is production: DATABASE_URL=postgres://...
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN,
        # so two writers queue instead of failing with "database is locked" half-way through.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Lockout: this many failed logins for one username (or from one address) within the window
# locks further attempts until the window has passed.
LOGIN_MAX_FAILURES = env_int("LOGIN_MAX_FAILURES", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)

# Sessions end after SESSION_IDLE_MINUTES without a request (the cookie age slides with each
# request), and when the browser closes.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Language and time ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = "media/"

# --- Public portal ----------------------------------------------------------------------------
# Behind a reverse proxy, take the client's address (sign-in lockout, the portal's rate limits)
# from the last X-Forwarded-For entry, the one the proxy added. Off by default: a client could
# forge it.
TRUST_X_FORWARDED_FOR = env_bool("TRUST_X_FORWARDED_FOR", False)

# --- Cache ------------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery -----------------------------------------------------------------------------------
# With no broker configured, tasks run in-process so the embedded default needs no Redis.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL) or "memory://"
CELERY_TASK_ALWAYS_EAGER = not (env_str("CELERY_BROKER_URL", REDIS_URL))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Periodic jobs, in one place. Each is idempotent.
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Every night at 02:30 (https://crontab.guru/#30_2_*_*_*): recompute the audit chain.
    # Every hour at :05 (https://crontab.guru/#5_*_*_*_*): mark overdue time limits, notify.
    "petition-deadline-scan": {
        "task": "petitions.deadline_scan",
        "schedule": crontab(minute=5),
    },
    "audit-chain-verify": {
        "task": "audit.audit_chain_verify",
        "schedule": crontab(hour=2, minute=30),
    },
}

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds before a silent mail server counts as failed (and the Celery task retries).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tiepdan@localhost")
# Absolute address of the site, for links in e-mails.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# --- Security ---------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# --- tiepdan ----------------------------------------------------------------------------------
# Attachments: largest accepted file, in megabytes.
ATTACHMENT_MAX_MB = env_int("ATTACHMENT_MAX_MB", 20)
# At most this many files in one request (the portal takes 5): a flood of tiny files is refused
# before any of them reaches a view.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# Durations of time-limit rules the law leaves unconfirmed ([U] in LEGAL.md), by rule ID,
# e.g. {"PA-01": 45}. Only rules marked configurable accept an override.
TIME_LIMIT_OVERRIDES: dict[str, int] = env_json("TIME_LIMIT_OVERRIDES", {})
# CAL-06 / LEGAL.md §13.7: whether a calendar-day limit ending on a non-working day moves to the
# next working day (BLDS Art. 148.5). Rules can still override it one by one.
DEADLINE_ROLL_FORWARD = env_bool("DEADLINE_ROLL_FORWARD", True)
# How petitioners are told of their case (tiepdan/notifications/senders.py): dotted paths of
# the senders, e.g. "tiepdan.notifications.senders.EmailSender,...HttpSmsSender".
PETITIONER_SENDERS = env_list("PETITIONER_SENDERS", ["tiepdan.notifications.senders.EmailSender"])
# The SMS / messaging-app gateway of HttpSmsSender: JSON POSTs, off unless SMS_ENABLED=true.
SMS_ENABLED = env_bool("SMS_ENABLED", False)
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL", "")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN", "")
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10)
# Online reception (NĐ 154/2026 Ch. V): the self-hosted Jitsi Meet server holding each
# session's video room; empty = no server configured (the pages say so). With an app ID and
# secret (Jitsi's token authentication) the room link carries an HS256 JWT valid from two hours
# before the session's start to JITSI_TOKEN_HOURS after it.
JITSI_BASE_URL = env_str("JITSI_BASE_URL", "")
JITSI_APP_ID = env_str("JITSI_APP_ID", "")
JITSI_APP_SECRET = env_str("JITSI_APP_SECRET", "")
JITSI_TOKEN_HOURS = env_int("JITSI_TOKEN_HOURS", 6)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

AUTHENTICATION_BACKENDS = ["tiepdan.accounts.backends.LockoutBackend"]

# Statistics (LEGAL.md §7). Reporting periods run from this day of the month before to the day
# before it (RPT-01: 15 → 14 under TT 01/2024; TT 06/2025's own cut-offs unconfirmed [U]).
REPORT_CUTOFF_DAY = env_int("REPORT_CUTOFF_DAY", 15)
# No general time limit to report back on a transfer could be read [U]: the compliance view
# flags transfers unanswered after this many days.
REPORTS_TRANSFER_ANSWER_DAYS = env_int("REPORTS_TRANSFER_ANSWER_DAYS", 30)
# What counts as a sharp rise on the dashboard's early-warning panel (no legal definition), e.g.
# {"period_days": 30, "previous_periods": 3, "min_rise_ratio": 0.5, "min_rise_count": 5}.
REPORTS_EARLY_WARNING = env_json("REPORTS_EARLY_WARNING", {})
