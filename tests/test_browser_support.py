"""The shared browser set-up: which chromium, what happens when it is missing, where
screenshots go. These run without a browser; the browser tests themselves use it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import browser_support
from tests.browser_support import LAUNCH_ARGS, launch_options, require_chromium


def test_chromium_is_debians_binary_launched_headless_with_the_stack_notes_flags() -> None:
    options = launch_options()
    assert options["executable_path"] == "/usr/bin/chromium"
    assert options["headless"] is True
    assert options["args"] == [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    assert options["args"] is not LAUNCH_ARGS  # a copy: a test cannot change it for others


def test_a_missing_chromium_fails_in_ci(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI is set") as failed:
        require_chromium(tmp_path / "no-chromium", env={"CI": "true"})
    assert "apt-get install -y chromium" in str(failed.value)


@pytest.mark.parametrize("env", [{}, {"CI": ""}])
def test_a_missing_chromium_is_skipped_with_the_install_command_outside_ci(
    tmp_path: Path, env: dict[str, str]
) -> None:
    with pytest.raises(pytest.skip.Exception, match="apt-get install -y chromium"):
        require_chromium(tmp_path / "no-chromium", env=env)


def test_a_present_executable_gives_the_launch_options_even_in_ci(tmp_path: Path) -> None:
    binary = tmp_path / "chromium"
    binary.write_text("#!/bin/sh\n")
    options = require_chromium(binary, env={"CI": "1"})
    assert options["executable_path"] == str(binary)


@pytest.mark.parametrize("name", ["", "../escape", "sub/dir", ".hidden"])
def test_a_screenshot_name_must_be_a_plain_file_name(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError, match="plain file name"):
        browser_support.save_screenshot(None, name, folder=tmp_path)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []
