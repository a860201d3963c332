"""Reportcard settings: one file, read from the environment.

Every variable is parsed by a strict helper below, so a typo such as
``DJANGO_DEBUG=ture`` stops the process with ``ImproperlyConfigured`` instead of
silently meaning "off". The README lists every variable.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no variable; unset or empty means ``default``."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a yes/no value: use 1/0, true/false, yes/no or on/off."
    )


def env_str(name: str, default: str = "", *, required: bool = False, why: str = "") -> str:
    """Read a string; with ``required`` an unset or blank value is an error that says ``why``."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"{name} must be set{f' {why}' if why else ''}.")
    return default


def env_list(name: str, default: Iterable[str] = ()) -> list[str]:
    """Read a comma-separated list; blanks around items and empty items are dropped."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, choices: Iterable[str], default: str) -> str:
    """Read one of a fixed set of values, case-insensitively; anything else is an error."""
    allowed = {choice.upper(): choice for choice in choices}
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if raw.upper() not in allowed:
        raise ImproperlyConfigured(f"{name}={raw!r} is not one of {', '.join(allowed.values())}.")
    return allowed[raw.upper()]


# pytest is only ever imported by the test run, never by runserver or gunicorn; it lets the
# suite run with no secret and no DEBUG while production still refuses to start without one.
TESTING = "pytest" in sys.modules

DEBUG = env_bool("DJANGO_DEBUG", default=False)

# Only used when DEBUG is on or under tests: sessions signed with it are worthless elsewhere.
_DEV_SECRET_KEY = "django-insecure-reportcard-development-only-never-use-this-key-in-production"
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY",
    default=_DEV_SECRET_KEY,
    required=not (DEBUG or TESTING),
    why="when DJANGO_DEBUG is off (generate one with: python3 -c "
    "'import secrets; print(secrets.token_urlsafe(50))')",
)

if DEBUG or TESTING:
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
else:
    ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off "
            "(comma-separated host names, e.g. reportcard.example.org)."
        )

CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"DJANGO_CSRF_TRUSTED_ORIGINS entry {_origin!r} must start with https:// or http://."
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles so runserver serves static files the way gunicorn will.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "content.apps.ContentConfig",
    "quiz.apps.QuizConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
                "quiz.roles.role_flags",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Reuse a connection for a minute per worker, and check it before use so a restarted
        # PostgreSQL costs one reconnect instead of one failed request.
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# Milliseconds a SQLite writer waits for another process's write lock before giving up.
# Below gunicorn's 30 s worker timeout, far above one answer's few milliseconds of writing.
SQLITE_BUSY_TIMEOUT_MS = 10_000
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # `make serve` runs several gunicorn processes on one SQLite file. With SQLite's defaults
    # (rollback journal, deferred transactions) a write transaction begins as a read and
    # upgrades to a write lock on its first INSERT/UPDATE; when another process writes
    # meanwhile the upgrade fails at once with "database is locked" (the busy timeout cannot
    # help a transaction that already read) and the answer is lost. So: WAL, where readers
    # never block the writer nor it them; a busy timeout, so a writer queues for the lock
    # instead of failing; and BEGIN IMMEDIATE, so every atomic() takes the write lock at its
    # start, where waiting is safe. PostgreSQL has row locks and needs none of this.
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        "transaction_mode": "IMMEDIATE",
        "init_command": f"PRAGMA journal_mode=WAL; PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    }
if (
    TESTING
    and os.environ.get("TEST_DB_SUFFIX", "").isidentifier()
    and "sqlite" not in DATABASES["default"]["ENGINE"]  # SQLite tests run in memory anyway
):
    # Lets two test runs share one PostgreSQL server without fighting over test_<name>.
    DATABASES["default"]["TEST"] = {
        "NAME": f"test_{DATABASES['default']['NAME']}_{os.environ['TEST_DB_SUFFIX']}"
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL={REDIS_URL!r} must start with redis://, rediss:// or unix://."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Tests hash passwords hundreds of times; strength matters only for real accounts.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The manifest needs collectstatic first; development and tests serve the source files.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Serve straight from the source folders (no collectstatic) where the manifest storage is off.
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Behind a proxy that terminates TLS, trust its X-Forwarded-Proto header so request.is_secure()
# is true; never set this without such a proxy, or any client could claim to be on HTTPS.
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# The test client speaks plain HTTP, so redirecting it to HTTPS would only test the redirect.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not (DEBUG or TESTING))
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A question with this many open learner flags goes back to review by itself.
_threshold = env_str("REPORTCARD_FLAG_THRESHOLD", "3")
if not _threshold.isdigit() or int(_threshold) < 1:
    raise ImproperlyConfigured(
        f"REPORTCARD_FLAG_THRESHOLD={_threshold!r} must be a whole number of at least 1."
    )
REPORTCARD_FLAG_THRESHOLD = int(_threshold)

LOG_LEVEL = env_choice("DJANGO_LOG_LEVEL", _LOG_LEVELS, default="INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Replaces Django's own "django" logger (console only when DEBUG, plus mail to admins) so
    # request errors reach the console in production too, once.
    "loggers": {"django": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False}},
}
