"""Typed readers for configuration that comes from the environment.

Every setting the web app takes from outside goes through one of these helpers, so a
typo such as ``BACKSTRIDE_DEBUG=ture`` stops the process with a message naming the
variable instead of silently meaning "off". Each name read is recorded in
:data:`KNOWN_VARIABLES`, which lets a test compare the documented list
(docs/configuration.md) with what the code actually reads.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KNOWN_VARIABLES: set[str] = set()

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str, env: Mapping[str, str] | None) -> str | None:
    KNOWN_VARIABLES.add(name)
    source = os.environ if env is None else env
    value = source.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str = "", env: Mapping[str, str] | None = None) -> str:
    """A plain string; empty or unset gives ``default``."""
    value = _raw(name, env)
    return value if value else default


def env_bool(name: str, default: bool = False, env: Mapping[str, str] | None = None) -> bool:
    """A yes/no flag. Only clear spellings are accepted, anything else is an error."""
    value = _raw(name, env)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name}={value!r} is not a yes/no value; use one of 1/0, true/false, yes/no, on/off."
    )


def env_int(
    name: str,
    default: int,
    minimum: int | None = None,
    maximum: int | None = None,
    env: Mapping[str, str] | None = None,
) -> int:
    """A whole number, optionally bounded, so nonsense limits fail at start-up."""
    value = _raw(name, env)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number.") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} is below the minimum of {minimum}.")
    if maximum is not None and number > maximum:
        raise ImproperlyConfigured(f"{name}={number} is above the maximum of {maximum}.")
    return number


def env_list(name: str, default: str = "", env: Mapping[str, str] | None = None) -> list[str]:
    """A comma-separated list; blanks between commas are dropped."""
    value = env_str(name, default, env)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_path(name: str, default: Path, env: Mapping[str, str] | None = None) -> Path:
    """A filesystem path, made absolute so the meaning does not change with the cwd."""
    value = env_str(name, "", env)
    return (Path(value).expanduser() if value else default).resolve()


DEFAULT_DATA_DIR = Path("var")


def data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where the SQLite file, uploads and the generated secret key live."""
    return env_path("BACKSTRIDE_DATA_DIR", DEFAULT_DATA_DIR, env)


def env_secret(name: str, default: str = "", env: Mapping[str, str] | None = None) -> str:
    """A secret given either directly in ``NAME`` or as a file path in ``NAME_FILE``.

    The ``_FILE`` form lets container secrets and systemd credentials be used without
    putting the value in the process environment. Giving both is ambiguous and refused.
    """
    direct = _raw(name, env)
    file_name = _raw(f"{name}_FILE", env)
    if direct and file_name:
        raise ImproperlyConfigured(f"Set either {name} or {name}_FILE, not both.")
    if file_name:
        path = Path(file_name).expanduser()
        try:
            secret = path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ImproperlyConfigured(
                f"{name}_FILE points to {path}, which cannot be read ({exc.strerror})."
            ) from None
        if not secret:
            raise ImproperlyConfigured(f"{name}_FILE points to {path}, which is empty.")
        return secret
    return direct if direct else default
