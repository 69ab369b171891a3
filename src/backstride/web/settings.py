"""Django settings for the Backstride web app, read from the environment.

One process model serves both the embedded default (one machine, SQLite in WAL mode,
an in-process task worker) and the scale path (several web processes and
``backstride worker`` processes sharing PostgreSQL): only environment variables differ.
Every variable is documented in docs/configuration.md; a test keeps that list honest.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from backstride.web.env import (
    data_dir,
    env_bool,
    env_int,
    env_list,
    env_path,
    env_secret,
    env_str,
)

WEB_DIR = Path(__file__).resolve().parent

# A key that is fine for a laptop and never for a server: the system check
# backstride.E001 refuses it whenever DEBUG is off.
DEV_SECRET_KEY = "backstride-dev-only-secret-key-never-use-in-production"

DEBUG = env_bool("BACKSTRIDE_DEBUG", False)

SECRET_KEY = env_secret("BACKSTRIDE_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "BACKSTRIDE_SECRET_KEY (or BACKSTRIDE_SECRET_KEY_FILE) must be set when "
            "BACKSTRIDE_DEBUG is off; `backstride serve` creates one for you."
        )
    SECRET_KEY = DEV_SECRET_KEY

ALLOWED_HOSTS = env_list("BACKSTRIDE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("BACKSTRIDE_CSRF_TRUSTED_ORIGINS")

DATA_DIR = data_dir()
MEDIA_ROOT = env_path("BACKSTRIDE_MEDIA_DIR", DATA_DIR / "media")
MEDIA_URL = "/media/"
# Only needed for `collectstatic` (a reverse proxy serving the files itself);
# otherwise WhiteNoise serves them from the installed package.
_static_dir = env_str("BACKSTRIDE_STATIC_DIR")
STATIC_ROOT = str(Path(_static_dir).expanduser().resolve()) if _static_dir else None
STATIC_URL = "/static/"

INSTALLED_APPS = [
    "backstride.web.core",
    "backstride.web.accounts",
    "backstride.web.sharing",
    "backstride.web.api",
    "backstride.web.plans",
    "backstride.web.logbook",
    "backstride.web.imports",
    "backstride.web.coaching",
    "backstride.web.learn",
    "backstride.web.mydata",
    "backstride.web.progress",
    "backstride.web.player",
    "backstride.web.analysis",
    "backstride.web.balance",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "backstride.web.core.middleware.UploadLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "backstride.web.core.middleware.PrivateCacheMiddleware",
    "backstride.web.core.offline.UserHeaderMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "backstride.web.urls"
WSGI_APPLICATION = "backstride.web.wsgi.application"

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
            ],
        },
    },
]

# SQLite is the embedded default. WAL lets page loads read while the worker writes;
# IMMEDIATE transactions take the write lock up front, so two writers wait for each
# other (busy timeout) instead of failing half-way with "database is locked".
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 10,
}

DATABASE_URL = env_secret("DATABASE_URL")
CONN_MAX_AGE = env_int("BACKSTRIDE_DB_CONN_MAX_AGE", 0, minimum=0, maximum=3600)
if DATABASE_URL:
    try:
        _database = dj_database_url.parse(DATABASE_URL, conn_max_age=CONN_MAX_AGE)
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be understood: {exc}") from None
    if _database.get("ENGINE") == "django.db.backends.sqlite3":
        _database.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
else:
    _database = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "backstride.sqlite3"),
        "OPTIONS": dict(SQLITE_OPTIONS),
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Argon2 first: new and upgraded hashes use it; the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:landing"

# Login throttling (backstride.web.accounts.throttle): failures per username.
LOGIN_MAX_FAILURES = env_int("BACKSTRIDE_LOGIN_MAX_FAILURES", 5, minimum=1, maximum=1000)
LOGIN_LOCKOUT_SECONDS = env_int("BACKSTRIDE_LOGIN_LOCKOUT_SECONDS", 900, minimum=1)
# ... and per client address (guesses spread over many usernames), sign-ups and reset
# e-mails per address per hour.
LOGIN_MAX_FAILURES_PER_ADDRESS = env_int(
    "BACKSTRIDE_LOGIN_MAX_FAILURES_PER_ADDRESS", 20, minimum=1, maximum=100_000
)
SIGNUPS_PER_HOUR_PER_ADDRESS = env_int(
    "BACKSTRIDE_SIGNUPS_PER_HOUR_PER_ADDRESS", 5, minimum=1, maximum=100_000
)
RESET_EMAILS_PER_HOUR = env_int("BACKSTRIDE_RESET_EMAILS_PER_HOUR", 3, minimum=1, maximum=1000)

# E-mail: printed on the console unless an SMTP host is configured.
EMAIL_HOST = env_str("BACKSTRIDE_EMAIL_HOST")
EMAIL_PORT = env_int("BACKSTRIDE_EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("BACKSTRIDE_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_secret("BACKSTRIDE_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("BACKSTRIDE_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("BACKSTRIDE_EMAIL_FROM", "Backstride <noreply@localhost>")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

# Behind a TLS-terminating reverse proxy: trust its X-Forwarded-Proto and only send
# cookies over HTTPS.
BEHIND_HTTPS_PROXY = env_bool("BACKSTRIDE_BEHIND_HTTPS_PROXY", False)
if BEHIND_HTTPS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# HSTS: browsers that saw the header refuse plain HTTP for this host for that long.
# Only sent over HTTPS (so with BACKSTRIDE_BEHIND_HTTPS_PROXY); off by default because a
# wrong value locks visitors out of an HTTP-only install until it expires.
SECURE_HSTS_SECONDS = env_int("BACKSTRIDE_HSTS_SECONDS", 0, minimum=0, maximum=63_072_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("BACKSTRIDE_HSTS_INCLUDE_SUBDOMAINS", False)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Background work: rows in the database are the queue, so it works the same on SQLite
# (in-process worker thread) and PostgreSQL (separate `backstride worker` processes).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Form-check jobs hold a lease their worker renews; one not renewed for this long lost
# its worker and is run again (backstride.web.analysis.lease), at most this many times.
FORM_CHECK_LEASE_SECONDS = env_int(
    "BACKSTRIDE_FORM_CHECK_LEASE_SECONDS", 60, minimum=2, maximum=3600
)
FORM_CHECK_MAX_ATTEMPTS = env_int("BACKSTRIDE_FORM_CHECK_MAX_ATTEMPTS", 3, minimum=1, maximum=10)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedStaticFilesStorage"
        )
    },
}
# Serve static files straight from the app directories: no collectstatic step is
# needed for `backstride serve`; production may still run collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LANGUAGE_CODE = "en"
TIME_ZONE = env_str("BACKSTRIDE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

LOG_LEVEL = env_str("BACKSTRIDE_LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"BACKSTRIDE_LOG_LEVEL={LOG_LEVEL!r} must be DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}
