"""System checks for settings that are each valid alone but wrong together.

Ids are stable (``backstride.E001``...) so operators can search for them and silence a
warning on purpose with SILENCED_SYSTEM_CHECKS. They run on ``manage.py check``,
on ``migrate`` and at the start of ``backstride serve``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

_LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1", "testserver"}


@register(Tags.security, deploy=False)
def check_secret_key(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    """The dev key is public (it is in the source): refuse it when DEBUG is off."""
    from backstride.web.settings import DEV_SECRET_KEY

    problems: list[Error | Warning] = []
    if settings.SECRET_KEY == DEV_SECRET_KEY and not settings.DEBUG:
        problems.append(
            Error(
                "The development secret key is in use while debug mode is off.",
                hint="Set BACKSTRIDE_SECRET_KEY or BACKSTRIDE_SECRET_KEY_FILE to a long "
                "random value (python -c 'import secrets; print(secrets.token_urlsafe(50))').",
                id="backstride.E001",
            )
        )
    elif len(settings.SECRET_KEY) < 32:
        problems.append(
            Warning(
                f"The secret key is only {len(settings.SECRET_KEY)} characters long.",
                hint="Use at least 32 random characters; sessions and password-reset "
                "links are only as safe as this key.",
                id="backstride.W002",
            )
        )
    return problems


@register(Tags.security)
def check_password_hashers(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """New passwords must be hashed with Argon2; the others exist only to verify old ones."""
    first = settings.PASSWORD_HASHERS[0] if settings.PASSWORD_HASHERS else ""
    if not first.endswith("Argon2PasswordHasher"):
        return [
            Error(
                f"The first password hasher is {first or 'missing'}, not Argon2.",
                hint="Put django.contrib.auth.hashers.Argon2PasswordHasher first.",
                id="backstride.E002",
            )
        ]
    return []


@register(Tags.security)
def check_debug_exposure(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """Debug pages show settings and code: fine on a laptop, dangerous when reachable."""
    public = [host for host in settings.ALLOWED_HOSTS if host not in _LOCAL_HOSTS]
    if settings.DEBUG and public:
        return [
            Warning(
                f"Debug mode is on while the site accepts requests for {', '.join(public)}.",
                hint="Turn BACKSTRIDE_DEBUG off on any machine other people can reach.",
                id="backstride.W001",
            )
        ]
    return []


@register(Tags.database)
def check_sqlite_directory(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """SQLite needs a writable directory (not only file) for its WAL and lock files."""
    return sqlite_folder_problems(settings.DATABASES["default"])


def sqlite_folder_problems(database: dict[str, Any]) -> list[Error]:
    name = str(database.get("NAME", ""))
    if database.get("ENGINE") != "django.db.backends.sqlite3" or name in {"", ":memory:"}:
        return []
    if name.startswith("file:"):
        return []
    folder = Path(name).parent
    if folder.exists() and (not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK)):
        return [
            Error(
                f"The SQLite database folder {folder} is not a writable folder.",
                hint="Point BACKSTRIDE_DATA_DIR at a folder this user can write to.",
                id="backstride.E003",
            )
        ]
    return []


@register(Tags.compatibility)
def check_task_backend(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """`backstride worker` only runs tasks stored by the database backend."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    if backend != "django_tasks_db.DatabaseBackend":
        return [
            Error(
                f"The default task backend is {backend or 'missing'}.",
                hint='Use TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}} '
                "so the in-process and separate workers can see queued work.",
                id="backstride.E004",
            )
        ]
    return []
