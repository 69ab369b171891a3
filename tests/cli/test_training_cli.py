"""The training commands end to end: screen, plan (table/json/ics/fit), log and next.

Every test runs with ``BACKSTRIDE_HOME`` in a temporary directory, so nothing touches
the real user data directory. Golden files under ``golden/`` are rewritten only when
``BACKSTRIDE_UPDATE_GOLDEN=1`` is set.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import fitdecode
import pytest
from icalendar import Calendar
from typer.testing import CliRunner, Result

import backstride.cli.training_commands  # noqa: F401  (registers the commands)
from backstride.cli import app
from backstride.cli.store import DB_NAME
from tests.export.contract import assert_session_has_contract_keys

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("BACKSTRIDE_UPDATE_GOLDEN") == "1"
BASE = ["plan", "--age", "40", "--start", "2026-12-07"]
# log refuses future dates, so the log/next tests use a plan that lies in the past
PAST = [
    "plan",
    "--age",
    "40",
    "--start",
    "2026-10-05",
    "--weeks",
    "4",
    "--environment",
    "treadmill",
]


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BACKSTRIDE_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def run(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def assert_one_line_error(result: Result, needle: str, code: int = 1) -> None:
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert needle in lines[0]
    assert "Traceback" not in result.output
    assert result.stdout == ""


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# --- bad input that never reaches the library ------------------------------------

LOG_ERRORS = [
    (["--rpe", "11"], "--rpe must be between 0 and 10, got 11"),
    (["--rpe", "hard"], "--rpe must be a number, got 'hard'"),
    (["--rpe", "nan"], "--rpe must be a finite number"),
    (["--date", "2026-13-01"], "--date must be a date like 2026-12-01"),
    (["--date", "2999-01-01"], "is in the future"),
    (["--pain", "elbow=3"], "--pain site must be one of: knee, shin"),
    (["--pain", "knee"], "--pain must look like knee=3"),
    (["--pain", "knee=12"], "--pain knee must be between 0 and 10, got 12"),
    (["--pain", "knee=2", "--pain", "knee=3"], "--pain gives knee twice"),
    (["--completed", "150%"], "--completed must be between 0 and 100, got 150"),
    (["--completed", "-0.5"], "--completed must be between 0 and 100"),
    (["--soreness", "11"], "--soreness must be between 0 and 10, got 11"),
    (["--soreness", "2.5"], "--soreness must be a whole number"),
    (["--minutes", "-5"], "--minutes must be between 0 and 1440, got -5"),
    (["--backward-seconds", "x"], "--backward-seconds must be a number"),
    (["--backward-meters", "-1"], "--backward-meters must be between 0"),
]


@pytest.mark.parametrize(("args", "needle"), LOG_ERRORS, ids=[" ".join(a) for a, _ in LOG_ERRORS])
def test_log_rejects_bad_values_with_one_line_and_stores_nothing(
    args: list[str], needle: str, home: Path
) -> None:
    effort = [] if "--rpe" in args else ["--rpe", "3"]  # --rpe is required
    assert_one_line_error(run("log", *effort, *args), needle)
    if (home / DB_NAME).exists():
        with sqlite3.connect(home / DB_NAME) as conn:
            assert conn.execute("SELECT count(*) FROM session_log").fetchone() == (0,)


PLAN_ERRORS = [
    (["plan"], "--age is required"),
    ([*BASE, "--population", "astronaut"], "--population must be one of: general, runner"),
    (["plan", "--age", "forty"], "--age must be a whole number, got 'forty'"),
    (["plan", "--age", "3"], "age must be between 10 and 100, got 3"),
    ([*BASE, "--weeks", "0"], "weeks must be a whole number from 4 to 16, got 0"),
    ([*BASE, "--weeks", "99"], "weeks must be a whole number from 4 to 16, got 99"),
    ([*BASE, "--weeks", "six"], "--weeks must be a whole number, got 'six'"),
    ([*BASE, "--sessions-per-week", "9"], "sessions per week must be 2 or 3"),
    ([*BASE, "--environment", "moon"], "--environment must be one of: track, treadmill"),
    (["plan", "--age", "40", "--start", "07/12/2026"], "--start must be a date like"),
    ([*BASE, "--goal", "speed"], "--goal must be one of: quadriceps-strength"),
    ([*BASE, "--experience-years", "-2"], "--experience-years must be between 0 and 80"),
    ([*BASE, "--format", "pdf"], "--format must be one of: table, json, ics, fit"),
    ([*BASE, "--answers", "/nonexistent/answers.json"], "not found"),
]


@pytest.mark.parametrize(
    ("args", "needle"), PLAN_ERRORS, ids=[" ".join(a[1:]) or "no-age" for a, _ in PLAN_ERRORS]
)
def test_plan_rejects_bad_options_with_one_line(args: list[str], needle: str) -> None:
    assert_one_line_error(run(*args), needle)


def test_malformed_answers_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "answers.json"
    bad.write_text('{"chest_pain": true,\n "dizzy": }', encoding="utf-8")
    assert_one_line_error(run(*BASE, "--answers", str(bad)), "is not valid JSON (line 2")
    assert_one_line_error(run("screen", "--answers", str(bad)), "is not valid JSON (line 2")


def test_answers_must_be_a_json_object(tmp_path: Path) -> None:
    listed = write_json(tmp_path / "answers.json", [True, False])
    assert_one_line_error(run("screen", "--answers", str(listed)), "must be a JSON object")


def test_screen_without_questions_or_answers_says_what_to_give() -> None:
    assert_one_line_error(run("screen"), "give --questions")


def test_screen_rejects_an_unknown_format(tmp_path: Path) -> None:
    assert_one_line_error(run("screen", "--questions", "--format", "xml"), "--format must be")


def test_next_without_a_saved_plan_exits_1_with_a_hint() -> None:
    assert_one_line_error(run("next"), "no saved plan yet")


def test_next_rejects_a_bad_today_date() -> None:
    assert_one_line_error(run("next", "--today", "tomorrow"), "--today must be a date")


# --- log round trip (no plan needed) -----------------------------------------------


def test_log_stores_every_option_and_accepts_percent(home: Path) -> None:
    result = run(
        "log",
        "--date", "2026-11-20",
        "--completed", "80%",
        "--rpe", "6",
        "--minutes", "35",
        "--backward-seconds", "600",
        "--backward-meters", "900",
        "--pain", "knee=2",
        "--pain", "shin=4",
        "--sharp-pain",
        "--soreness", "3",
        "--near-fall",
        "--notes", "gusty wind",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Logged 2026-11-20.")
    with sqlite3.connect(home / DB_NAME) as conn:
        row = conn.execute(
            "SELECT date, completed_fraction, rpe, minutes, backward_seconds, backward_meters,"
            " sharp_pain, next_morning_soreness, near_fall, fall, notes FROM session_log"
        ).fetchone()
        pain = conn.execute("SELECT site, score FROM log_pain ORDER BY site").fetchall()
    assert row == ("2026-11-20", 0.8, 6.0, 35.0, 600.0, 900.0, 1, 3, 1, 0, "gusty wind")
    assert pain == [("knee", 2), ("shin", 4)]


def test_completed_reads_fractions_and_plain_percent_alike(home: Path) -> None:
    for value in ("0.5", "50", "50%"):
        assert run("log", "--date", "2026-11-01", "--completed", value, "--rpe", "3").exit_code == 0
    with sqlite3.connect(home / DB_NAME) as conn:
        assert conn.execute("SELECT completed_fraction FROM session_log").fetchall() == [
            (0.5,),
            (0.5,),
            (0.5,),
        ]


def test_console_script_reports_bad_input_without_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "BACKSTRIDE_HOME": str(tmp_path)}
    script = Path(sys.executable).parent / "backstride"
    done = subprocess.run(
        [str(script), "log", "--rpe", "11"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 1
    assert done.stderr == "Error: --rpe must be between 0 and 10, got 11\n"


# --- screen --------------------------------------------------------------------------

QUESTION_IDS = [
    "heart_condition",
    "chest_pain",
    "chest_pain_at_rest",
    "fainting",
    "fainted_recently",
    "chronic_condition",
    "chronic_medication",
    "heart_medication",
    "knee_problems",
    "joint_problems",
    "recent_injury",
    "medically_supervised",
    "fall_last_year",
    "fear_of_falling",
    "balance_problems",
    "vision_impairment",
    "dizziness",
    "osteoporosis",
    "blood_thinners",
    "pregnancy",
    "recent_surgery",
    "pain_at_rest",
]
# The first version of the check: answer files holding only these still load.
FIRST_VERSION_IDS = [
    "heart_condition",
    "chest_pain",
    "fainting",
    "heart_medication",
    "chronic_condition",
    "balance_problems",
    "vision_impairment",
    "knee_problems",
    "joint_problems",
    "recent_injury",
    "recent_surgery",
    "dizziness",
    "pain_at_rest",
]


def answers(tmp_path: Path, **yes: bool) -> Path:
    data = {qid: False for qid in QUESTION_IDS} | yes
    return write_json(tmp_path / "answers.json", data)


def test_questions_as_json_are_id_and_text_pairs() -> None:
    result = run("screen", "--questions", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [q["id"] for q in data] == QUESTION_IDS
    assert all(set(q) == {"id", "text"} and q["text"].endswith("?") for q in data)


def test_questions_table_shows_every_id() -> None:
    result = run("screen", "--questions")
    assert result.exit_code == 0
    assert all(qid in result.stdout for qid in QUESTION_IDS)


def test_all_no_answers_are_cleared(tmp_path: Path) -> None:
    result = run("screen", "--answers", str(answers(tmp_path)), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["clearance"] == "cleared"
    assert data["restrictions"] == []
    assert len(data["reasons"]) == 1  # one line saying nothing points to a risk


def test_chest_pain_means_consult_with_a_reason(tmp_path: Path) -> None:
    path = answers(tmp_path, chest_pain=True)
    data = json.loads(run("screen", "--answers", str(path), "--format", "json").stdout)
    assert data["clearance"] == "consult"
    assert any("chest pain" in r for r in data["reasons"])
    shown = run("screen", "--answers", str(path))
    assert shown.exit_code == 0
    assert "doctor or physiotherapist" in shown.stdout


def test_balance_problems_restrict_to_walking(tmp_path: Path) -> None:
    path = answers(tmp_path, balance_problems=True)
    data = json.loads(run("screen", "--answers", str(path), "--format", "json").stdout)
    assert data["clearance"] == "restricted"
    assert "walking-only" in data["restrictions"]


def test_incomplete_or_odd_answers_get_the_screening_models_message(tmp_path: Path) -> None:
    partial = write_json(tmp_path / "partial.json", {"chest_pain": False})
    assert_one_line_error(run("screen", "--answers", str(partial)), "not answered")
    odd = answers(tmp_path, chest_pain="no")  # type: ignore[arg-type]
    assert_one_line_error(run("screen", "--answers", str(odd)), "true or false")
    extra = write_json(
        tmp_path / "extra.json", {qid: False for qid in QUESTION_IDS} | {"favourite_colour": True}
    )
    assert_one_line_error(run("screen", "--answers", str(extra)), "favourite_colour")


def test_chest_pain_at_rest_is_urgent_and_refuses_any_plan(tmp_path: Path) -> None:
    path = answers(tmp_path, chest_pain_at_rest=True)
    data = json.loads(run("screen", "--answers", str(path), "--format", "json").stdout)
    assert data["clearance"] == "urgent"
    assert data["rules"] == ["chest-pain-at-rest"]
    assert "seek medical help now" in data["reasons"][0]
    # Not even a recorded clearance makes a plan of it.
    assert_one_line_error(
        run(*BASE, "--answers", str(path), "--clearance-recorded"), "seek medical help now", 2
    )


def test_a_fall_at_72_is_supervised_and_every_session_says_so(tmp_path: Path) -> None:
    path = answers(tmp_path, fall_last_year=True)
    data = json.loads(
        run("screen", "--answers", str(path), "--age", "72", "--format", "json").stdout
    )
    assert data["clearance"] == "supervised"
    assert "supervised" in data["restrictions"]
    plan = json.loads(
        run(
            "plan", "--age", "72", "--weeks", "4", "--answers", str(path), "--format", "json"
        ).stdout
    )
    assert plan["clearance"] == "supervised"
    assert all(s["supervised"] for s in sessions_of(plan))


def test_answers_from_the_first_version_still_load_with_the_new_questions_unanswered(
    tmp_path: Path,
) -> None:
    path = write_json(tmp_path / "old.json", dict.fromkeys(FIRST_VERSION_IDS, False))
    data = json.loads(run("screen", "--answers", str(path), "--format", "json").stdout)
    assert data["clearance"] == "restricted"  # never "cleared" with questions unanswered
    assert set(data["unanswered"]) == set(QUESTION_IDS) - set(FIRST_VERSION_IDS)
    assert {"walking-only", "treadmill-with-handrails"} <= set(data["restrictions"])


def test_age_is_passed_to_screening_for_age_dependent_limits(tmp_path: Path) -> None:
    path = str(answers(tmp_path, balance_problems=True))
    young = json.loads(run("screen", "--answers", path, "--format", "json").stdout)
    older = json.loads(run("screen", "--answers", path, "--age", "72", "--format", "json").stdout)
    assert len(older["reasons"]) > len(young["reasons"])
    assert_one_line_error(run("screen", "--answers", path, "--age", "old"), "--age must be")


# --- plan: needs the plan generator --------------------------------------------------

TREADMILL = [*BASE, "--weeks", "4", "--sessions-per-week", "3", "--environment", "treadmill"]


def plan_json(*extra: str) -> dict:
    result = run(*TREADMILL, "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def sessions_of(data: dict) -> list[dict]:
    return [s for w in data["weeks"] for s in w["sessions"]]


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with BACKSTRIDE_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


def test_plan_json_matches_the_golden_file() -> None:
    result = run(*TREADMILL, "--format", "json")
    assert result.exit_code == 0, result.output
    check_golden("plan-general-treadmill-4w.json", result.stdout)


def test_plan_json_has_the_contract_shape() -> None:
    data = plan_json()
    assert [w["week"] for w in data["weeks"]] == [1, 2, 3, 4]
    for week in data["weeks"]:
        assert len(week["sessions"]) == 3
        assert week["backward_seconds"] == pytest.approx(
            sum(s["backward_seconds"] for s in week["sessions"]), abs=0.2
        )
    for session in sessions_of(data):
        assert dt.date.fromisoformat(session["date"]) >= dt.date(2026, 12, 7)
        assert_session_has_contract_keys(session)
        for block in session["blocks"]:
            assert block["kind"] in {"warmup", "drill", "main", "cooldown"}
            assert block["direction"] in {"backward", "forward", "mixed"}
            assert block["mode"] in {"walk", "jog", "run", "drill"}


def test_default_start_is_the_next_monday() -> None:
    before = dt.date.today()
    data = json.loads(run("plan", "--age", "40", "--weeks", "4", "--format", "json").stdout)
    after = dt.date.today()  # the command may run either side of midnight
    start = dt.date.fromisoformat(data["start"])
    assert start.weekday() == 0
    assert any(1 <= (start - today).days <= 7 for today in (before, after))


def test_plan_table_shows_dates_and_both_speed_units() -> None:
    result = run(*TREADMILL)
    assert result.exit_code == 0, result.output
    assert "2026-12-07" in result.stdout
    assert "km/h" in result.stdout
    assert "mph" in result.stdout


def test_consult_screening_refuses_the_plan_with_exit_2(tmp_path: Path) -> None:
    path = answers(tmp_path, chest_pain=True)
    assert_one_line_error(run(*BASE, "--answers", str(path)), "No plan yet", 2)


def test_a_recorded_clearance_turns_consult_into_a_restricted_plan(tmp_path: Path) -> None:
    data = plan_json("--answers", str(answers(tmp_path, chest_pain=True)), "--clearance-recorded")
    assert data["clearance"] == "restricted"
    assert "low-intensity" in data["restrictions"]


def test_restricted_screening_is_carried_into_the_plan(tmp_path: Path) -> None:
    data = plan_json("--answers", str(answers(tmp_path, balance_problems=True)))
    assert data["clearance"] == "restricted"
    assert "walking-only" in data["restrictions"]
    assert all(
        b["mode"] != "run"
        for s in sessions_of(data)
        for b in s["blocks"]
        if b["direction"] != "forward"
    )


def test_output_options_that_do_not_fit_the_format_are_refused(tmp_path: Path) -> None:
    assert_one_line_error(run(*BASE, "--format", "fit"), "--format fit needs --out")
    assert_one_line_error(run(*BASE, "--out", str(tmp_path / "x")), "--out works with")
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    assert_one_line_error(run(*BASE, "--format", "fit", "--out", str(a_file)), "is a file")


def ics_events(text: bytes | str) -> list:
    return [c for c in Calendar.from_ical(text).walk() if c.name == "VEVENT"]


def test_ics_on_stdout_has_one_event_per_session_and_stable_uids() -> None:
    first = run(*TREADMILL, "--format", "ics")
    second = run(*TREADMILL, "--format", "ics")
    assert first.exit_code == 0, first.output
    cal = Calendar.from_ical(first.stdout)
    assert str(cal["VERSION"]) == "2.0"
    assert "PRODID" in cal
    events = ics_events(first.stdout)
    assert len(events) == len(sessions_of(plan_json())) == 12
    assert all("DTSTAMP" in e for e in events)
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 12
    assert uids == [str(e["UID"]) for e in ics_events(second.stdout)]
    assert all(uid.endswith("@backstride.local") for uid in uids)


def test_ics_to_a_file_matches_the_plan_dates(tmp_path: Path) -> None:
    out = tmp_path / "plan.ics"
    assert run(*TREADMILL, "--format", "ics", "--out", str(out)).exit_code == 0
    dates = [e.decoded("DTSTART") for e in ics_events(out.read_bytes())]
    assert [d.isoformat() for d in dates] == [s["date"] for s in sessions_of(plan_json())]


def fit_steps(path: Path) -> tuple[dict, list[dict]]:
    workout: dict = {}
    steps: list[dict] = []
    with fitdecode.FitReader(io.BytesIO(path.read_bytes())) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                fields = {f.name: f.value for f in frame.fields}
                if frame.name == "workout":
                    workout = fields
                elif frame.name == "workout_step":
                    steps.append(fields)
    return workout, steps


def watch_seconds(steps: list[dict]) -> float:
    """Play the workout as a watch would: follow repeat steps, add up timed steps."""
    total, index, done = 0.0, 0, {}
    while index < len(steps):
        step = steps[index]
        if step["duration_type"] == "repeat_until_steps_cmplt":
            done[index] = done.get(index, 1) + 1
            if done[index] <= step["repeat_steps"]:
                index = step["duration_step"]
                continue
        else:
            total += step.get("duration_time") or 0.0
        index += 1
    return total


def test_fit_export_writes_one_decodable_workout_per_session(tmp_path: Path) -> None:
    out = tmp_path / "watch"
    result = run(*TREADMILL, "--format", "fit", "--out", str(out))
    assert result.exit_code == 0, result.output
    sessions = sessions_of(plan_json())
    files = sorted(out.glob("*.fit"))
    assert len(files) == len(sessions) == 12
    for path, session in zip(files, sessions, strict=True):
        assert path.name.startswith(f"{session['date']}-w{session['week']}s")
        workout, steps = fit_steps(path)
        assert workout["num_valid_steps"] == len(steps)
        assert workout["sport"] in {"running", "walking"}
        assert any(s["wkt_step_name"].startswith("Backward") for s in steps)
        # on a treadmill every step is timed; the watch adds one rest after each last repeat
        trailing_rests = sum(b["rest_seconds"] for b in session["blocks"] if b["repeats"] > 1)
        assert watch_seconds(steps) == pytest.approx(
            session["total_seconds"] + trailing_rests, abs=1.0 * len(steps)
        )


# --- log and next round trip -------------------------------------------------------


def past_sessions() -> list[dict]:
    result = run(*PAST, "--format", "json")
    assert result.exit_code == 0, result.output
    return sessions_of(json.loads(result.stdout))


def test_log_then_next_follows_the_saved_plan(home: Path) -> None:
    saved = run(*PAST, "--save")
    assert saved.exit_code == 0, saved.output
    sessions = past_sessions()

    before = json.loads(run("next", "--format", "json", "--today", "2026-10-04").stdout)
    assert before["action"] == "progress"
    assert before["session"]["date"] == sessions[0]["date"]

    logged = run("log", "--date", sessions[0]["date"], "--rpe", "4", "--minutes", "25")
    assert logged.exit_code == 0, logged.output
    assert sessions[0]["uid"] in logged.stdout
    after = json.loads(run("next", "--format", "json", "--today", sessions[0]["date"]).stdout)
    assert after["session"]["date"] == sessions[1]["date"]
    assert after["action"] in {"progress", "repeat"}
    assert after["reasons"]


def test_a_fall_holds_the_plan_until_it_is_reviewed() -> None:
    assert run(*PAST, "--save").exit_code == 0
    day = past_sessions()[0]["date"]
    assert run("log", "--date", day, "--rpe", "3", "--minutes", "20", "--fall").exit_code == 0
    held = json.loads(run("next", "--format", "json", "--today", day).stdout)
    assert held["action"] == "repeat"
    assert any("fell" in reason for reason in held["reasons"])
    reviewed = run("next", "--format", "json", "--today", day, "--fall-reviewed")
    assert not any("fell" in reason for reason in json.loads(reviewed.stdout)["reasons"])


def test_sharp_knee_pain_stops_with_no_session() -> None:
    assert run(*PAST, "--save").exit_code == 0
    day = past_sessions()[0]["date"]
    logged = run("log", "--date", day, "--rpe", "5", "--pain", "knee=8", "--sharp-pain")
    assert logged.exit_code == 0, logged.output
    stopped = json.loads(run("next", "--format", "json", "--today", day).stdout)
    assert stopped["action"] == "stop"
    assert stopped["session"] is None
    shown = run("next", "--today", day)
    assert shown.exit_code == 0
    assert "STOP" in shown.stdout


def test_moderate_knee_pain_gives_a_golden_next_decision() -> None:
    assert run(*PAST, "--save").exit_code == 0
    day = past_sessions()[0]["date"]
    run("log", "--date", day, "--rpe", "6", "--minutes", "30", "--pain", "knee=5")
    result = run("next", "--format", "json", "--today", day)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["action"] in {"repeat", "regress"}
    check_golden("next-after-knee-pain.json", result.stdout)


def test_next_after_the_last_session_says_the_plan_is_done() -> None:
    assert (
        run("plan", "--age", "40", "--start", "2026-10-05", "--weeks", "4", "--save").exit_code == 0
    )
    assert run("log", "--date", "2026-10-31", "--rpe", "3").exit_code == 0
    assert_one_line_error(run("next", "--today", "2026-11-01"), "no session after your last log")


def test_console_script_prints_plan_json(tmp_path: Path) -> None:
    env = {**os.environ, "BACKSTRIDE_HOME": str(tmp_path)}
    script = Path(sys.executable).parent / "backstride"
    done = subprocess.run(
        [str(script), *TREADMILL, "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(sessions_of(json.loads(done.stdout))) == 12


# --- docs -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["screen", "plan", "log", "next"])
def test_every_option_is_documented_in_docs_cli(name: str) -> None:
    import typer.main

    docs = (Path(__file__).parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    options = [opt for param in command.params for opt in param.opts if opt != "--help"]
    assert options
    assert f"## `backstride {name}`" in docs
    missing = [opt for opt in options if f"`{opt}" not in docs]
    assert missing == []


def test_unwritable_output_path_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "missing-dir" / "plan.json"
    assert_one_line_error(run(*BASE, "--format", "json", "--out", str(target)), "cannot write")


def test_json_to_a_file_is_the_same_as_stdout(tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    assert run(*TREADMILL, "--format", "json", "--out", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == plan_json()


def test_next_rejects_an_unknown_format() -> None:
    assert_one_line_error(run("next", "--format", "yaml"), "--format must be one of: table, json")


def test_a_home_that_is_a_file_gives_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("BACKSTRIDE_HOME", str(blocker))
    assert_one_line_error(run("log", "--rpe", "3"), "cannot open the log store")


def test_log_without_effort_or_with_an_ancient_date_is_refused_and_stores_nothing(
    home: Path,
) -> None:
    assert_one_line_error(run("log", "--date", "2026-11-01"), "--rpe")
    assert_one_line_error(run("log", "--date", "0001-01-01", "--rpe", "3"), "before the year 2000")
    assert run("log", "--date", "2026-11-01", "--rpe", "3").exit_code == 0
    with sqlite3.connect(home / DB_NAME) as conn:
        dates = [row[0] for row in conn.execute("SELECT date FROM session_log")]
    assert dates == ["2026-11-01"]  # only the valid log was stored


def test_next_compares_the_morning_with_the_pain_before_the_session(tmp_path: Path) -> None:
    assert run(*BASE, "--weeks", "4", "--save").exit_code == 0
    logged = run(
        "log",
        "--date",
        "2026-12-07",
        "--rpe",
        "4",
        "--pain",
        "knee=1",
        "--pre-pain",
        "0",
        "--soreness",
        "2",
    )
    assert logged.exit_code == 0, logged.output
    data = json.loads(run("next", "--today", "2026-12-08", "--format", "json").stdout)
    assert data["action"] == "repeat"
    assert [b["rule"] for b in data["basis"]][:1] == ["morning-not-settled"]
    assert data["status"]["lifts"][0]["id"] == "log-pain-free-session"
    assert_one_line_error(
        run("log", "--date", "2026-12-07", "--rpe", "4", "--pre-pain", "11"), "--pre-pain"
    )
