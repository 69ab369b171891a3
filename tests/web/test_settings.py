"""settings.py evaluated under different environments (run fresh with runpy each time)."""

from __future__ import annotations

import runpy
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.backends.sqlite3.base import DatabaseWrapper

import backstride.web.settings as settings_module

SETTINGS_ENV = (
    "BACKSTRIDE_DEBUG",
    "BACKSTRIDE_SECRET_KEY",
    "BACKSTRIDE_SECRET_KEY_FILE",
    "DATABASE_URL",
    "DATABASE_URL_FILE",
    "BACKSTRIDE_DATA_DIR",
    "BACKSTRIDE_ALLOWED_HOSTS",
    "BACKSTRIDE_BEHIND_HTTPS_PROXY",
    "BACKSTRIDE_EMAIL_HOST",
)


def load_settings(monkeypatch: pytest.MonkeyPatch, **env: str) -> dict[str, Any]:
    for name in SETTINGS_ENV:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(settings_module.__file__)


def test_debug_is_off_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40)
    assert settings["DEBUG"] is False
    assert settings["SECRET_KEY"] == "k" * 40


def test_missing_secret_key_without_debug_stops_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match=r"BACKSTRIDE_SECRET_KEY .* must be set"):
        load_settings(monkeypatch)


def test_debug_falls_back_to_the_dev_key(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, BACKSTRIDE_DEBUG="1")
    assert settings["SECRET_KEY"] == settings["DEV_SECRET_KEY"]


def test_secret_key_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key_file = tmp_path / "key"
    key_file.write_text("from-a-file-" + "x" * 30, encoding="utf-8")
    settings = load_settings(monkeypatch, BACKSTRIDE_SECRET_KEY_FILE=str(key_file))
    assert settings["SECRET_KEY"] == "from-a-file-" + "x" * 30


def test_default_database_is_sqlite_in_the_data_dir(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings = load_settings(
        monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40, BACKSTRIDE_DATA_DIR=str(tmp_path)
    )
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.sqlite3"
    assert database["NAME"] == str(tmp_path.resolve() / "backstride.sqlite3")
    assert settings["MEDIA_ROOT"] == tmp_path.resolve() / "media"


def test_database_url_switches_to_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(
        monkeypatch,
        BACKSTRIDE_SECRET_KEY="k" * 40,
        DATABASE_URL="postgresql://bs:pw@db.internal:5433/backstride",
    )
    database = settings["DATABASES"]["default"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["HOST"], database["PORT"], database["NAME"]) == (
        "db.internal",
        5433,
        "backstride",
    )
    assert "init_command" not in database.get("OPTIONS", {})


def test_an_unknown_database_scheme_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL cannot be understood"):
        load_settings(monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40, DATABASE_URL="oracle2://x/y")


def test_argon2_is_the_first_password_hasher(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40)
    assert settings["PASSWORD_HASHERS"][0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_https_proxy_mode_makes_cookies_secure(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(
        monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40, BACKSTRIDE_BEHIND_HTTPS_PROXY="yes"
    )
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_email_goes_to_the_console_unless_a_host_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    console = load_settings(monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40)
    assert console["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    smtp = load_settings(
        monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40, BACKSTRIDE_EMAIL_HOST="smtp.example.org"
    )
    assert smtp["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"


def test_tasks_use_the_database_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings(monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40)
    assert settings["TASKS"] == {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_sqlite_connections_use_wal_mode(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, django_db_blocker: Any
) -> None:
    settings = load_settings(
        monkeypatch, BACKSTRIDE_SECRET_KEY="k" * 40, BACKSTRIDE_DATA_DIR=str(tmp_path)
    )
    database = dict(settings["DATABASES"]["default"])
    # Fill in what Django's connection handler would add, then open a real connection.
    database.update(
        ATOMIC_REQUESTS=False,
        AUTOCOMMIT=True,
        CONN_MAX_AGE=0,
        CONN_HEALTH_CHECKS=False,
        TIME_ZONE=None,
        TEST={},
        USER="",
        PASSWORD="",
        HOST="",
        PORT="",
    )
    wrapper = DatabaseWrapper(database, alias="wal-check")
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
    finally:
        wrapper.close()
    # WAL is stored in the file itself: a plain connection sees it too.
    with sqlite3.connect(database["NAME"]) as plain:
        assert plain.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
