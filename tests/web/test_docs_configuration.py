"""docs/configuration.md lists exactly the environment variables the code reads."""

from __future__ import annotations

import re
import runpy

import pytest

import backstride.web.settings as settings_module
from backstride.web import env
from tests.web.conftest import REPO_ROOT

DOC = REPO_ROOT / "docs" / "configuration.md"


def documented_variables() -> set[str]:
    headings = [
        line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("### ")
    ]
    return {name for line in headings for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", line)}


def variables_read_by_settings(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    monkeypatch.setenv("BACKSTRIDE_SECRET_KEY", "k" * 40)
    monkeypatch.delenv("BACKSTRIDE_SECRET_KEY_FILE", raising=False)
    saved = set(env.KNOWN_VARIABLES)
    env.KNOWN_VARIABLES.clear()
    try:
        runpy.run_path(settings_module.__file__)
        return set(env.KNOWN_VARIABLES)
    finally:
        env.KNOWN_VARIABLES.clear()
        env.KNOWN_VARIABLES.update(saved)


def test_every_variable_read_is_documented_and_vice_versa(monkeypatch: pytest.MonkeyPatch) -> None:
    read = variables_read_by_settings(monkeypatch)
    documented = documented_variables()
    assert read - documented == set(), "read by settings.py but missing from the docs"
    assert documented - read == set(), "documented but no longer read by settings.py"


def test_the_list_is_not_trivially_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    assert {"DATABASE_URL", "BACKSTRIDE_SECRET_KEY", "BACKSTRIDE_DEBUG"} <= documented_variables()
