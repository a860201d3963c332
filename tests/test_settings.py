"""Settings read the environment strictly, and production mode passes Django's deploy checks.

Settings are read once per process, so anything about production mode runs in a fresh Python
process with an environment built here (and without pytest, which would select test defaults).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from config.settings import env_bool, env_choice, env_list, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
# 50+ characters, many distinct ones, no "django-insecure-" prefix: what check --deploy wants.
REAL_SECRET = "k3J9-qv7LmT2xW8zR4pN6bY1cF5hD0sG-aE7uI3oK9jV2nM8tQ"
PRODUCTION = {
    "DJANGO_SECRET_KEY": REAL_SECRET,
    "DJANGO_ALLOWED_HOSTS": "reportcard.example.org",
}


def run_python(code: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean_env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings", **env}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_DIR,
        env=clean_env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_in_fresh_process(names: list[str], **env: str) -> dict[str, object]:
    code = (
        "import json\n"
        "from django.conf import settings\n"
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {names!r}}}, default=str))\n"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", True),
        ("true", True),
        ("TRUE", True),
        ("Yes", True),
        ("on", True),
        (" on ", True),
        ("0", False),
        ("false", False),
        ("No", False),
        ("OFF", False),
    ],
)
def test_env_bool_accepts_the_usual_spellings_of_yes_and_no(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)

    assert env_bool("SOME_FLAG", default=not expected) is expected


@pytest.mark.parametrize("raw", ["maybe", "2", "ture", "y", "enabled"])
def test_env_bool_rejects_anything_else_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("SOME_FLAG", raw)

    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


YES_OR_NO = {"1", "0", "true", "false", "yes", "no", "on", "off"}


@given(
    st.text(
        st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1
    ).filter(lambda raw: raw.strip() and raw.strip().lower() not in YES_OR_NO)
)
def test_env_bool_rejects_every_value_that_is_not_a_yes_or_a_no(raw):
    with mock.patch.dict(os.environ, {"SOME_FLAG": raw}), pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")


@pytest.mark.parametrize("raw", [None, ""])
def test_env_bool_falls_back_to_the_default_when_unset_or_empty(monkeypatch, raw):
    if raw is None:
        monkeypatch.delenv("SOME_FLAG", raising=False)
    else:
        monkeypatch.setenv("SOME_FLAG", raw)

    assert env_bool("SOME_FLAG", default=True) is True
    assert env_bool("SOME_FLAG", default=False) is False


def test_env_list_splits_on_commas_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example.org, b.example.org ,,")

    assert env_list("SOME_HOSTS") == ["a.example.org", "b.example.org"]


def test_env_list_falls_back_to_the_default_when_unset(monkeypatch):
    monkeypatch.delenv("SOME_HOSTS", raising=False)

    assert env_list("SOME_HOSTS", ["localhost"]) == ["localhost"]


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_env_str_refuses_a_missing_required_value_and_says_why(monkeypatch, raw):
    if raw is None:
        monkeypatch.delenv("SOME_SECRET", raising=False)
    else:
        monkeypatch.setenv("SOME_SECRET", raw)

    with pytest.raises(ImproperlyConfigured, match="SOME_SECRET must be set in production"):
        env_str("SOME_SECRET", required=True, why="in production")


def test_env_str_returns_the_value_or_the_default_when_not_required(monkeypatch):
    monkeypatch.delenv("SOME_SECRET", raising=False)
    assert env_str("SOME_SECRET", default="fallback") == "fallback"

    monkeypatch.setenv("SOME_SECRET", " s3cret ")
    assert env_str("SOME_SECRET", required=True) == "s3cret"


def test_env_choice_is_case_insensitive_and_rejects_unknown_values(monkeypatch):
    monkeypatch.setenv("SOME_LEVEL", "warning")
    assert env_choice("SOME_LEVEL", ("INFO", "WARNING"), default="INFO") == "WARNING"

    monkeypatch.setenv("SOME_LEVEL", "LOUD")
    with pytest.raises(ImproperlyConfigured, match="SOME_LEVEL"):
        env_choice("SOME_LEVEL", ("INFO", "WARNING"), default="INFO")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DJANGO_DEBUG", "maybe"),
        ("DJANGO_BEHIND_TLS_PROXY", "sure"),
        ("DJANGO_SECURE_SSL_REDIRECT", "2"),
        ("DJANGO_LOG_LEVEL", "LOUD"),
        ("DJANGO_CSRF_TRUSTED_ORIGINS", "reportcard.example.org"),
        ("REDIS_URL", "http://127.0.0.1:6379/0"),
    ],
)
def test_a_bad_value_stops_the_process_with_improperly_configured(variable, value):
    result = run_python("import django; django.setup()", **PRODUCTION, **{variable: value})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert variable in result.stderr


def test_the_secret_key_is_required_when_debug_is_off():
    result = run_python(
        "import django; django.setup()", DJANGO_ALLOWED_HOSTS="reportcard.example.org"
    )

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_SECRET_KEY must be set" in result.stderr


def test_allowed_hosts_are_required_when_debug_is_off():
    result = run_python("import django; django.setup()", DJANGO_SECRET_KEY=REAL_SECRET)

    assert result.returncode != 0
    assert "ImproperlyConfigured: DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_debug_mode_runs_without_a_secret_on_local_hosts():
    values = settings_in_fresh_process(["DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"], DJANGO_DEBUG="1")

    assert values["DEBUG"] is True
    assert values["SECRET_KEY"].startswith("django-insecure-")
    assert "127.0.0.1" in values["ALLOWED_HOSTS"]


def test_production_mode_passes_the_deploy_checks_without_a_warning():
    result = run_python(
        "from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_production_mode_serves_compressed_hashed_static_files_and_secure_cookies():
    values = settings_in_fresh_process(
        ["STORAGES", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT"],
        **PRODUCTION,
    )

    assert values["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_SSL_REDIRECT"] is True


def test_the_https_redirect_can_be_turned_off_for_a_plain_http_local_try():
    values = settings_in_fresh_process(
        ["SECURE_SSL_REDIRECT"], DJANGO_SECURE_SSL_REDIRECT="0", **PRODUCTION
    )

    assert values["SECURE_SSL_REDIRECT"] is False


def test_the_tls_proxy_flag_trusts_the_forwarded_protocol_header():
    without = settings_in_fresh_process(["SECURE_PROXY_SSL_HEADER"], **PRODUCTION)
    behind = settings_in_fresh_process(
        ["SECURE_PROXY_SSL_HEADER"], DJANGO_BEHIND_TLS_PROXY="yes", **PRODUCTION
    )

    assert without["SECURE_PROXY_SSL_HEADER"] is None
    assert behind["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_redis_url_selects_the_redis_cache():
    values = settings_in_fresh_process(
        ["CACHES"], REDIS_URL="redis://127.0.0.1:6379/1", **PRODUCTION
    )

    assert values["CACHES"]["default"] == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
    }


def test_without_redis_url_the_cache_is_local_memory():
    values = settings_in_fresh_process(["CACHES"], **PRODUCTION)

    assert values["CACHES"]["default"]["BACKEND"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_database_url_selects_postgresql_and_keeps_connections_healthy():
    values = settings_in_fresh_process(
        ["DATABASES"], DATABASE_URL="postgres://reportcard:pw@db.internal:5432/bank", **PRODUCTION
    )

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["HOST"], database["PORT"]) == ("bank", "db.internal", 5432)
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True
    assert database.get("OPTIONS", {}) == {}  # SQLite's locking options stay off PostgreSQL


def test_the_sqlite_default_queues_writers_from_several_processes_instead_of_failing():
    values = settings_in_fresh_process(["DATABASES"], **PRODUCTION)

    options = values["DATABASES"]["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    pragmas = {p.strip().lower() for p in options["init_command"].split(";")}
    assert "pragma journal_mode=wal" in pragmas
    assert any(p.startswith("pragma busy_timeout=") and int(p.split("=")[1]) > 0 for p in pragmas)


def test_without_database_url_the_database_is_a_sqlite_file_in_the_project_folder():
    values = settings_in_fresh_process(["DATABASES"], **PRODUCTION)

    database = values["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(database["NAME"]) == PROJECT_DIR / "db.sqlite3"


def test_htmx_middleware_comes_after_the_csrf_middleware():
    middleware = settings.MIDDLEWARE

    assert middleware.index("django_htmx.middleware.HtmxMiddleware") > middleware.index(
        "django.middleware.csrf.CsrfViewMiddleware"
    )


def test_manage_py_names_a_missing_setting_in_one_line_instead_of_a_traceback():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[1],
        env={**env, "DJANGO_ALLOWED_HOSTS": "reportcard.example.org"},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "DJANGO_SECRET_KEY" in result.stderr
