"""Commands ``screen``, ``plan``, ``log`` and ``next``: parse, call the library, print.

All the coaching logic lives in ``backstride.training``; these commands only turn
options into domain values (``training_parse``), call the models, and print a Rich view
(``training_render``) or the JSON/ICS/FIT exports. ``plan --save`` and ``log`` write to
the local SQLite store (``store``), which ``next`` reads back.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.prompt import Confirm

from backstride.cli import app
from backstride.cli import training_parse as parse
from backstride.cli import training_render as render
from backstride.cli.errors import CliError, handles_errors
from backstride.cli.store import LogStore
from backstride.export import (
    decision_to_dict,
    plan_to_dict,
    plan_to_fit_files,
    plan_to_ics,
    status_to_dict,
)
from backstride.training import schedule
from backstride.training.dates import DateOutOfRange, birth_year_from_age, check_date
from backstride.training.load import summarize, validate_log
from backstride.training.models import Environment, Goal, Plan, Population, Profile, SessionLog
from backstride.training.plans import PlanRefused, generate_plan
from backstride.training.readiness import screening_required, why_required
from backstride.training.screening import QUESTIONS
from backstride.training.screening import screen as screen_answers
from backstride.training.status import current_status


class ScreenFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


class PlanFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    ICS = "ics"
    FIT = "fit"


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def _plan_params(
    population: str,
    age: str | None,
    weeks: str,
    sessions_per_week: str,
    environment: str,
    start: str | None,
    goals: list[str],
    experience_years: str,
    answers: Path | None,
    clearance_recorded: bool,
    today: dt.date,
) -> dict[str, Any]:
    """Validate every plan option into a JSON-able dict (the form ``--save`` stores)."""
    if age is None:
        raise CliError("--age is required (your age in years, e.g. --age 42)")
    return {
        "population": parse.choice("--population", population, Population).value,
        "age": parse.whole("--age", age, 0, 1000),
        "weeks": parse.whole("--weeks", weeks, 0, 1000),
        "sessions_per_week": parse.whole("--sessions-per-week", sessions_per_week, 0, 100),
        "environment": parse.choice("--environment", environment, Environment).value,
        "start": (
            parse.iso_date("--start", start) if start else parse.next_monday(today)
        ).isoformat(),
        "goals": sorted({parse.goal(g).value for g in goals}),
        "experience_years": parse.number("--experience-years", experience_years, 0.0, 80.0),
        "answers": None if answers is None else parse.answers_file(answers),
        "clearance_recorded": clearance_recorded,
    }


def _profile(params: dict[str, Any]) -> Profile:
    return Profile(
        age=params["age"],
        population=Population(params["population"]),
        running_experience_years=params["experience_years"],
        sessions_per_week=params["sessions_per_week"],
        environment=Environment(params["environment"]),
        goals=tuple(Goal(g) for g in params["goals"]),
    )


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions here (not a pipe, a file or a CI job)."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def ask_screening() -> dict[str, bool]:
    """Ask every readiness question on the terminal; every one needs a yes or a no.

    Prompts go to stderr, so ``--format json`` still prints clean JSON on stdout.
    """
    con = render.console(stderr=True)
    con.print("Before a plan: the readiness questions (answer y or n).")
    answers: dict[str, bool] = {}
    try:
        for number, question in enumerate(QUESTIONS, start=1):
            answers[question.id] = Confirm.ask(
                f"{number}/{len(QUESTIONS)} {question.text}", console=con
            )
    except (EOFError, KeyboardInterrupt):
        raise CliError("the readiness questions were not finished; no plan made", 2) from None
    return answers


def require_screening(params: dict[str, Any], interactive: bool) -> dict[str, Any]:
    """Older adults, knee rehab and anyone 65+ get no plan without readiness answers.

    With ``--answers`` nothing changes; in a terminal the questions are asked; elsewhere
    the command refuses with exit 2 and a pointer to ``backstride screen``.
    """
    profile = _profile(params)
    if params["answers"] is not None or not screening_required(profile):
        return params
    if not interactive:
        raise CliError(
            f"screening is needed {why_required(profile)}: see `backstride screen --questions`, "
            "then pass --answers FILE (or run this in a terminal to answer now)",
            code=2,
        )
    return {**params, "answers": ask_screening()}


def build_plan(params: dict[str, Any]) -> Plan:
    """Screen (if answers were given) and generate the plan from stored parameters.

    The generator refuses a ``consult`` screening unless a professional's clearance is
    recorded; that refusal is exit code 2: the input was fine, the plan must not be made.
    Range limits (weeks, sessions per week, age) are the generator's, so its message is
    the one people see.
    """
    profile = _profile(params)
    screening = None if params["answers"] is None else screen_answers(params["answers"], profile)
    try:
        return generate_plan(
            profile,
            dt.date.fromisoformat(params["start"]),
            weeks=params["weeks"],
            screening=screening,
            clearance_recorded=params.get("clearance_recorded", False),
        )
    except PlanRefused as exc:
        hint = " (add --clearance-recorded once a doctor or physiotherapist has cleared you)"
        raise CliError(f"{exc}{hint}", code=2) from None


@app.command()
@handles_errors
def screen(
    questions: Annotated[
        bool, typer.Option("--questions", help="List the readiness questions.")
    ] = False,
    answers: Annotated[
        Path | None,
        typer.Option("--answers", help="JSON file: question id -> true/false.", metavar="FILE"),
    ] = None,
    age: Annotated[
        str | None, typer.Option(help="Your age: some limits depend on it.", metavar="YEARS")
    ] = None,
    output: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """Readiness screening before backward running: list the questions or judge answers."""
    fmt = parse.choice("--format", output, ScreenFormat)
    if questions:
        if fmt == ScreenFormat.JSON:
            typer.echo(_json([{"id": q.id, "text": q.text} for q in QUESTIONS]))
        else:
            render.console().print(render.questions_table(QUESTIONS))
        return
    if answers is None:
        raise CliError("give --questions to list them, or --answers FILE.json to be screened")
    profile = None if age is None else Profile(age=parse.whole("--age", age, 10, 100))
    result = screen_answers(parse.answers_file(answers), profile)
    if fmt == ScreenFormat.JSON:
        typer.echo(
            _json(
                {
                    "clearance": result.clearance.value,
                    "reasons": list(result.reasons),
                    "restrictions": [r.value for r in result.restrictions],
                    "unanswered": list(result.unanswered),
                    "rules": list(result.rules),
                    "headline": render.CLEARANCE_STYLE[result.clearance][1],
                }
            )
        )
    else:
        render.console().print(render.screening_panel(result))


def _write_plan(plan: Plan, fmt: PlanFormat, out: Path | None) -> None:
    if fmt == PlanFormat.TABLE:
        if out is not None:
            raise CliError("--out works with --format json, ics or fit")
        con = render.console()
        con.print(render.plan_table(plan))
        con.print(render.plan_footer(plan))
        return
    if fmt == PlanFormat.FIT:
        if out is None:
            raise CliError("--format fit needs --out DIRECTORY for the workout files")
        if out.exists() and not out.is_dir():
            raise CliError(f"--out {out} is a file; FIT export needs a directory")
        files = plan_to_fit_files(plan)
        try:
            out.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                (out / name).write_bytes(data)
        except OSError as exc:
            raise CliError(f"cannot write FIT files to {out}: {exc.strerror}") from None
        typer.echo(f"Wrote {len(files)} FIT workouts to {out}")
        if not plan.screened:
            typer.echo(f"Clearance: {plan.clearance_label}", err=True)
        return
    data = plan_to_ics(plan) if fmt == PlanFormat.ICS else (_json(plan_to_dict(plan)) + "\n")
    if out is None:
        typer.echo(data.decode("utf-8") if isinstance(data, bytes) else data, nl=False)
        return
    try:
        if isinstance(data, bytes):
            out.write_bytes(data)
        else:
            out.write_text(data, encoding="utf-8")
    except OSError as exc:
        raise CliError(f"cannot write {out}: {exc.strerror}") from None


@app.command()
@handles_errors
def plan(
    population: Annotated[
        str, typer.Option(help="general, runner, athlete, knee-rehab or older-adult.")
    ] = "general",
    age: Annotated[str | None, typer.Option(help="Your age in years.", metavar="YEARS")] = None,
    weeks: Annotated[str, typer.Option(help="Plan length in weeks (4-16).", metavar="N")] = "8",
    sessions_per_week: Annotated[
        str, typer.Option("--sessions-per-week", help="2 or 3 (a rest day between).", metavar="N")
    ] = "3",
    environment: Annotated[str, typer.Option(help="track, treadmill or flat-ground.")] = "track",
    start: Annotated[
        str | None,
        typer.Option(help="First day, e.g. 2026-12-07 (default: next Monday).", metavar="DATE"),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(help="Screening answers (see `backstride screen`).", metavar="FILE"),
    ] = None,
    goal: Annotated[
        list[str] | None,
        typer.Option(
            help="Repeatable: quadriceps-strength, knee-health, balance, "
            "joint-friendly-cardio, agility."
        ),
    ] = None,
    experience_years: Annotated[
        str, typer.Option("--experience-years", help="Years of running.", metavar="YEARS")
    ] = "0",
    output: Annotated[str, typer.Option("--format", help="table, json, ics or fit.")] = "table",
    out: Annotated[
        Path | None,
        typer.Option(help="File (json, ics) or directory (fit); default: stdout."),
    ] = None,
    clearance_recorded: Annotated[
        bool,
        typer.Option(
            "--clearance-recorded",
            help="A doctor or physiotherapist has cleared you despite a 'consult' screening.",
        ),
    ] = False,
    save: Annotated[
        bool, typer.Option("--save", help="Remember this plan for `log` and `next`.")
    ] = False,
) -> None:
    """Build a progressive backward walking/running plan and show or export it."""
    fmt = parse.choice("--format", output, PlanFormat)
    params = _plan_params(
        population,
        age,
        weeks,
        sessions_per_week,
        environment,
        start,
        goal or [],
        experience_years,
        answers,
        clearance_recorded,
        dt.date.today(),
    )
    params = require_screening(params, stdin_is_terminal())
    built = build_plan(params)
    _write_plan(built, fmt, out)
    if save:
        LogStore.open_default().save_plan_params(params)
        typer.echo("Plan saved: `backstride log` and `backstride next` will use it.", err=True)


def _session_uid_on(day: dt.date, params: dict[str, Any] | None) -> str | None:
    """The saved plan's session on ``day``, so a log ticks that session off."""
    if params is None:
        return None
    try:
        session = schedule.session_on(build_plan(params), day)
    except CliError:
        return None
    return session.uid if session else None


@app.command()
@handles_errors
def log(
    date: Annotated[
        str | None, typer.Option(help="Session date (default: today).", metavar="DATE")
    ] = None,
    completed: Annotated[
        str, typer.Option(help="Share done: 0-1, or a percent such as 80%.", metavar="SHARE")
    ] = "1",
    rpe: Annotated[
        str | None,
        typer.Option(help="Effort 0-10 (CR-10 scale); required.", metavar="0-10"),
    ] = None,
    minutes: Annotated[str, typer.Option(help="Session minutes.", metavar="MIN")] = "0",
    backward_seconds: Annotated[
        str, typer.Option("--backward-seconds", help="Seconds moving backward.", metavar="S")
    ] = "0",
    backward_meters: Annotated[
        str, typer.Option("--backward-meters", help="Metres moved backward.", metavar="M")
    ] = "0",
    pain: Annotated[
        list[str] | None,
        typer.Option(help="Repeatable: site=0-10, e.g. --pain knee=2.", metavar="SITE=N"),
    ] = None,
    sharp_pain: Annotated[
        bool, typer.Option("--sharp-pain", help="Any sharp or stabbing pain.")
    ] = False,
    soreness: Annotated[
        str | None, typer.Option(help="Next-morning soreness 0-10.", metavar="0-10")
    ] = None,
    pre_pain: Annotated[
        str | None,
        typer.Option(
            "--pre-pain",
            help="Pain before the session 0-10 (the morning is compared with it).",
            metavar="0-10",
        ),
    ] = None,
    swelling: Annotated[
        bool | None,
        typer.Option("--swelling/--no-swelling", help="Swelling after the session."),
    ] = None,
    near_fall: Annotated[bool, typer.Option("--near-fall", help="You stumbled.")] = False,
    fall: Annotated[bool, typer.Option("--fall", help="You fell.")] = False,
    notes: Annotated[str, typer.Option(help="Free text.")] = "",
) -> None:
    """Record how a session went in the local log store."""
    today = dt.date.today()
    day = parse.iso_date("--date", date) if date else today
    if rpe is None:
        # Without it the adaptation would read "effort 0/10" and progress the plan.
        raise CliError("say how hard it felt: --rpe 0-10 (0 = rest, 10 = maximal)")
    store = LogStore.open_default()
    saved = store.plan_params()
    age = saved.get("age") if saved else None
    if day > today:  # a log records what happened: stricter than the date rule
        raise CliError(f"--date {day} is in the future; log a session after doing it")
    try:  # the one date rule (training.dates), with the saved plan's age when there is one
        check_date(day, today, birth_year=birth_year_from_age(age, today), what="--date")
    except DateOutOfRange as exc:
        raise CliError(str(exc)) from None
    entry = SessionLog(
        date=day,
        completed_fraction=parse.completed(completed),
        rpe=parse.number("--rpe", rpe, 0.0, 10.0),  # type: ignore[arg-type]
        minutes=parse.number("--minutes", minutes, 0.0, 24 * 60.0),
        backward_seconds=parse.number("--backward-seconds", backward_seconds, 0.0, 86400.0),
        backward_meters=parse.number("--backward-meters", backward_meters, 0.0, 200_000.0),
        pain=parse.pain(pain or []),
        sharp_pain=sharp_pain,
        next_morning_soreness=None
        if soreness is None
        else parse.whole("--soreness", soreness, 0, 10),
        pre_session_pain=None if pre_pain is None else parse.whole("--pre-pain", pre_pain, 0, 10),
        swelling=swelling,
        near_fall=near_fall,
        fall=fall,
        session_uid=_session_uid_on(day, saved),
        notes=notes,
    )
    validate_log(entry)
    store.add_log(entry)
    matched = f" (planned session {entry.session_uid})" if entry.session_uid else ""
    typer.echo(f"Logged {day.isoformat()}{matched}.")
    # Load trends as of the logged day, so back-filling an old session reads sensibly.
    upto = [e for e in store.logs() if e.date <= day]
    for warning in summarize(upto, day, since=day).warnings:
        typer.echo(f"Note: {warning}")


@app.command(name="next")
@handles_errors
def next_session(
    output: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    today: Annotated[
        str | None, typer.Option(help="Pretend today is this date.", metavar="DATE")
    ] = None,
    fall_reviewed: Annotated[
        bool,
        typer.Option("--fall-reviewed", help="A professional has reviewed your last fall."),
    ] = False,
) -> None:
    """Show the next planned session, adapted to what you logged."""
    fmt = parse.choice("--format", output, ScreenFormat)
    day = parse.iso_date("--today", today) if today else dt.date.today()
    store = LogStore.open_default()
    params = store.plan_params()
    if params is None:
        raise CliError("no saved plan yet: run `backstride plan ... --save` first")
    logs = [entry for entry in store.logs() if entry.date <= day]
    planned = schedule.next_session(build_plan(params), logs, day)
    if planned is None:
        raise CliError(
            f"the saved plan has no session after your last log that is still open on {day}; "
            "make a new one with `backstride plan ... --save`"
        )
    profile = Profile(age=params["age"])
    screening = None if params["answers"] is None else screen_answers(params["answers"], profile)
    status = current_status(
        planned,
        logs,
        screening=screening,
        clearance_recorded=params.get("clearance_recorded", False),
        today=day,
        fall_reviewed=fall_reviewed,
    )
    decision = status.decision
    if decision is None:  # the screening blocks: build_plan has refused already
        raise CliError(status.message, code=2)
    if fmt == ScreenFormat.JSON:
        typer.echo(_json(decision_to_dict(decision) | {"status": status_to_dict(status)}))
    else:
        render.console().print(render.decision_panel(decision, status.message))
