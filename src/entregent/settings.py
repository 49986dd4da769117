"""Entregent settings: one module, configured only by environment variables.

Defaults are safe for a laptop: SQLite in a per-user data directory, DEBUG off, a secret
key generated once and kept in the data directory. A server sets DATABASE_URL,
ENTREGENT_SECRET_KEY, ENTREGENT_ALLOWED_HOSTS and the secure-cookie switches.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
import platformdirs
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from entregent.core.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent

DATA_DIR = Path(envstr("ENTREGENT_DATA_DIR") or platformdirs.user_data_dir("entregent"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    configured = envstr("ENTREGENT_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        # Created private (never written world-readable and tightened later); O_EXCL lets a
        # second process starting at the same moment keep the first one's key.
        try:
            fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(50))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = envbool("ENTREGENT_DEBUG", default=False)
ALLOWED_HOSTS = envlist(
    "ENTREGENT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = envlist("ENTREGENT_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "entregent.core",
    "entregent.accounts",
    "entregent.people",
    "entregent.encounters",
    "entregent.followups",
    "entregent.capture",
    "entregent.reminders",
    "entregent.matching",
    "entregent.exchange",
    "entregent.dedupe",
    "entregent.network",
    "entregent.goals",
    "entregent.pipeline",
    "entregent.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "entregent.web.middleware.WebLoginRequiredMiddleware",
    "entregent.accounts.middleware.UserLanguageActivateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "entregent.web.middleware.ApplicationErrorMiddleware",
]

ROOT_URLCONF = "entregent.urls"
WSGI_APPLICATION = "entregent.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "entregent.reminders.context_processors.reminders",
            ],
        },
    },
]

# SQLite by default, tuned for a local app: WAL lets the CLI read while the server
# writes, the busy timeout waits instead of failing, IMMEDIATE transactions take the
# write lock up front so two writers never deadlock half-way.
_sqlite_path = DATA_DIR / "entregent.sqlite3"
_database_url = envstr("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(_sqlite_path),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA mmap_size=134217728;"
                    "PRAGMA cache_size=-32000;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": envint("ENTREGENT_PASSWORD_MIN_LENGTH", 8, minimum=1)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = envstr("ENTREGENT_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(envstr("ENTREGENT_STATIC_ROOT") or DATA_DIR / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # The network map's graph library, from the installed pyvis package (network/vendor.py).
    "entregent.network.vendor.PackageFilesFinder",
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Server hardening, off by default for http://127.0.0.1; a deployment behind TLS turns them on.
SESSION_COOKIE_SECURE = envbool("ENTREGENT_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = envint("ENTREGENT_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_SSL_REDIRECT = envbool("ENTREGENT_SSL_REDIRECT", default=False)
if envbool("ENTREGENT_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Entregent's own knobs.
ENTREGENT_PAGE_SIZE = envint("ENTREGENT_PAGE_SIZE", 25, minimum=1)
ENTREGENT_PHONE_REGION = envstr("ENTREGENT_PHONE_REGION", "US").upper()
ENTREGENT_SEARCH_RESULT_CAP = envint("ENTREGENT_SEARCH_RESULT_CAP", 1000, minimum=10)

# Background work (long imports): django-tasks with its database backend, so the queue is
# in the app's own database and needs no extra server; `entregent serve` starts the worker.
# ENTREGENT_TASKS_IMMEDIATE=1 runs each task at once in the caller instead (tests).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("ENTREGENT_TASKS_IMMEDIATE", default=False)
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}
# Imports: the largest file taken (uploads are streamed to disk above 2.5 MB, never held whole).
ENTREGENT_IMPORT_MAX_MB = envint("ENTREGENT_IMPORT_MAX_MB", 512, minimum=1)
# A running import that has not moved for this long lost its worker (stopped, crashed).
ENTREGENT_IMPORT_STALLED_MINUTES = envint("ENTREGENT_IMPORT_STALLED_MINUTES", 15, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Reminders: the daily digest e-mail goes through SMTP only when a host is set; the
# calendar feed and the links in the e-mail need the address the app is reached at.
ENTREGENT_BASE_URL = envstr("ENTREGENT_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ENTREGENT_SMTP_HOST = envstr("ENTREGENT_SMTP_HOST")
ENTREGENT_DIGEST_HOUR = envint("ENTREGENT_DIGEST_HOUR", 7, minimum=0)
if ENTREGENT_DIGEST_HOUR > 23:
    raise ImproperlyConfigured(
        f"ENTREGENT_DIGEST_HOUR must be an hour from 0 to 23, not {ENTREGENT_DIGEST_HOUR}"
    )
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = ENTREGENT_SMTP_HOST or "localhost"
EMAIL_USE_TLS = envbool("ENTREGENT_SMTP_TLS", default=False)
EMAIL_USE_SSL = envbool("ENTREGENT_SMTP_SSL", default=False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set ENTREGENT_SMTP_TLS or ENTREGENT_SMTP_SSL, not both")
EMAIL_PORT = envint(
    "ENTREGENT_SMTP_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25, minimum=1
)
EMAIL_HOST_USER = envstr("ENTREGENT_SMTP_USER")
EMAIL_HOST_PASSWORD = envstr("ENTREGENT_SMTP_PASSWORD")
EMAIL_TIMEOUT = envint("ENTREGENT_SMTP_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = envstr("ENTREGENT_MAIL_FROM", "entregent@localhost")

NINJA_PAGINATION_PER_PAGE = ENTREGENT_PAGE_SIZE
NINJA_PAGINATION_MAX_LIMIT = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("ENTREGENT_LOG_LEVEL", "WARNING")},
}
