"""`backstride plan` and screening: an unscreened plan never says "cleared", and older
adults, knee rehab and anyone 65+ get no plan without the readiness answers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner, Result

import backstride.cli.training_commands  # noqa: F401  (registers the commands)
from backstride.cli import app
from backstride.cli import training_render as render
from backstride.training.screening import QUESTION_IDS, QUESTIONS
from tests.cli.test_training_cli import assert_one_line_error

BASE = ["plan", "--start", "2026-12-07", "--weeks", "4"]
SCRIPT = Path(sys.executable).parent / "backstride"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BACKSTRIDE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))  # stdin is not a terminal here


def answers_file(tmp_path: Path, **yes: bool) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({**dict.fromkeys(QUESTION_IDS, False), **yes}), encoding="utf-8")
    return str(path)


def test_a_plan_without_answers_says_not_screened_everywhere(tmp_path: Path) -> None:
    plan = [*BASE, "--age", "40"]
    data = json.loads(run(*plan, "--format", "json").stdout)
    assert data["clearance"] == "not screened"
    table = run(*plan)
    assert table.exit_code == 0, table.output
    assert "Clearance: not screened" in table.stdout
    assert "cleared" not in table.stdout
    ics = Calendar.from_ical(run(*plan, "--format", "ics").stdout_bytes)
    assert "not screened" in str(ics.get("x-wr-caldesc"))
    events = list(ics.walk("VEVENT"))
    assert events and all("not screened" in str(e.get("description")) for e in events)
    fit = run(*plan, "--format", "fit", "--out", str(tmp_path / "fit"))
    assert fit.exit_code == 0 and "not screened" in fit.stderr


def test_a_screened_plan_carries_the_outcome_and_no_note(tmp_path: Path) -> None:
    plan = [*BASE, "--age", "40", "--answers", answers_file(tmp_path)]
    assert json.loads(run(*plan, "--format", "json").stdout)["clearance"] == "cleared"
    ics = Calendar.from_ical(run(*plan, "--format", "ics").stdout_bytes)
    assert ics.get("x-wr-caldesc") is None
    assert "not screened" not in run(*plan).stdout


@pytest.mark.parametrize(
    ("who", "why"),
    [
        (["--population", "older-adult", "--age", "84"], "for older adults"),
        (["--population", "knee-rehab", "--age", "45"], "for knee rehabilitation"),
        (["--population", "runner", "--age", "65"], "at 65"),
    ],
)
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_without_a_terminal_the_groups_at_risk_are_pointed_to_screen(
    who: list[str], why: str, fmt: str, home: Path
) -> None:
    result = run(*BASE, *who, "--format", fmt, "--save")
    assert_one_line_error(result, f"screening is needed {why}", code=2)
    assert "backstride screen" in result.stderr
    assert not home.exists() or not any(home.iterdir())  # nothing saved


def test_answers_on_the_command_line_still_work_for_the_groups_at_risk(tmp_path: Path) -> None:
    path = answers_file(tmp_path, knee_problems=True)
    result = run(*BASE, "--population", "knee-rehab", "--age", "45", "--answers", path)
    assert result.exit_code == 0, result.output
    assert "Clearance: restricted" in result.stdout


def test_64_year_old_general_plan_is_made_unscreened() -> None:
    data = json.loads(run(*BASE, "--age", "64", "--format", "json").stdout)
    assert data["clearance"] == "not screened"


def in_a_terminal(args: list[str], typed: bytes, home: Path) -> subprocess.CompletedProcess:
    """Run the real console script with a pseudo-terminal as its stdin."""
    master, slave = os.openpty()
    try:
        done = subprocess.Popen(
            [str(SCRIPT), *args],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "BACKSTRIDE_HOME": str(home), "COLUMNS": "100"},
        )
        os.close(slave)
        os.write(master, typed)
        out, err = done.communicate(timeout=120)
    finally:
        os.close(master)
    return subprocess.CompletedProcess(done.args, done.returncode, out.decode(), err.decode())


def test_in_a_terminal_the_questions_are_asked_and_the_answers_used(home: Path) -> None:
    typed = b"".join(b"y\n" if q.id == "balance_problems" else b"n\n" for q in QUESTIONS)
    args = [*BASE, "--population", "older-adult", "--age", "84", "--format", "json", "--save"]
    done = in_a_terminal(args, typed, home)
    assert done.returncode == 0, done.stderr
    assert QUESTIONS[0].text[:40] in done.stderr  # the prompts, on stderr
    data = json.loads(done.stdout)  # stdout stays clean JSON
    assert data["clearance"] == "restricted"
    assert "walking-only" in data["restrictions"]
    # --save kept the answers: `next` plans with the same screening.
    nxt = run("next", "--format", "json", "--today", "2026-12-06")
    assert nxt.exit_code == 0, nxt.output
    assert all(b["mode"] in {"walk", "drill"} for b in json.loads(nxt.stdout)["session"]["blocks"])


def test_a_terminal_that_closes_mid_questions_makes_no_plan(home: Path) -> None:
    done = in_a_terminal([*BASE, "--population", "knee-rehab", "--age", "50"], b"n\nn\n\x04", home)
    assert done.returncode == 2
    assert "not finished" in done.stderr
    assert done.stdout == ""


def test_an_outcome_this_cli_does_not_know_is_shown_not_crashed_on() -> None:
    colour, headline = render.clearance_style("reviewed-by-a-board")
    assert colour == "yellow"
    assert "reviewed-by-a-board" in headline
