"""System checks: each bad combination reports its stable id; good settings report none."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.test import override_settings

from backstride.web.core import checks
from backstride.web.settings import DEV_SECRET_KEY

GOOD_KEY = "a-long-random-production-key-" + "x" * 20


def ids(problems: list) -> list[str]:
    return [problem.id for problem in problems]


def test_dev_key_with_debug_off_is_an_error() -> None:
    with override_settings(DEBUG=False, SECRET_KEY=DEV_SECRET_KEY):
        assert ids(checks.check_secret_key()) == ["backstride.E001"]


def test_dev_key_with_debug_on_is_accepted() -> None:
    with override_settings(DEBUG=True, SECRET_KEY=DEV_SECRET_KEY):
        assert checks.check_secret_key() == []


def test_a_short_secret_key_is_a_warning() -> None:
    with override_settings(DEBUG=False, SECRET_KEY="short"):
        assert ids(checks.check_secret_key()) == ["backstride.W002"]


def test_a_long_random_key_passes() -> None:
    with override_settings(DEBUG=False, SECRET_KEY=GOOD_KEY):
        assert checks.check_secret_key() == []


def test_a_non_argon2_first_hasher_is_an_error() -> None:
    hashers = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    with override_settings(PASSWORD_HASHERS=hashers):
        assert ids(checks.check_password_hashers()) == ["backstride.E002"]
    with override_settings(PASSWORD_HASHERS=[]):
        assert ids(checks.check_password_hashers()) == ["backstride.E002"]


def test_debug_with_a_public_host_is_a_warning() -> None:
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["localhost", "coach.example.org"]):
        problems = checks.check_debug_exposure()
    assert ids(problems) == ["backstride.W001"]
    assert "coach.example.org" in problems[0].msg
    with override_settings(DEBUG=True, ALLOWED_HOSTS=["localhost", "127.0.0.1"]):
        assert checks.check_debug_exposure() == []


def test_a_sqlite_path_inside_a_file_is_an_error(tmp_path: Path) -> None:
    # A file where the data folder should be; unlike a chmod, this also fails for root.
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("oops", encoding="utf-8")
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(not_a_folder / "db.sqlite3")}
    assert ids(checks.sqlite_folder_problems(database)) == ["backstride.E003"]


def test_a_writable_sqlite_folder_passes(tmp_path: Path) -> None:
    database = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "db.sqlite3")}
    assert checks.sqlite_folder_problems(database) == []
    postgres = {"ENGINE": "django.db.backends.postgresql", "NAME": "/not/a/path"}
    assert checks.sqlite_folder_problems(postgres) == []


def test_a_non_database_task_backend_is_an_error() -> None:
    tasks = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with override_settings(TASKS=tasks):
        assert ids(checks.check_task_backend()) == ["backstride.E004"]


def test_manage_check_passes_with_the_test_settings() -> None:
    call_command("check", fail_level="ERROR")
