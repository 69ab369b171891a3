"""Turn raw command-line strings into domain values, or one clear CliError.

Options are taken as text and parsed here rather than by Click's types so that every
mistake (``--age abc``, ``--rpe 11``, ``--pain elbow=3``) produces the same single
"Error: ..." line, instead of Click's multi-line usage box.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from enum import StrEnum
from pathlib import Path
from typing import TypeVar

from backstride.cli.errors import CliError
from backstride.training.models import Goal, PainSite

E = TypeVar("E", bound=StrEnum)

GOAL_ALIASES = {
    "quadriceps": Goal.QUADRICEPS,
    "quads": Goal.QUADRICEPS,
    "knee": Goal.KNEE_HEALTH,
    "cardio": Goal.CARDIO,
}


def choice(option: str, raw: str, enum: type[E]) -> E:
    """``--population runner`` -> ``Population.RUNNER``; unknown text lists the choices."""
    value = raw.strip().lower().replace("_", "-")
    for member in enum:
        if value == member.value:
            return member
    known = ", ".join(m.value for m in enum)
    raise CliError(f"{option} must be one of: {known} (got {raw!r})")


def goal(raw: str) -> Goal:
    value = raw.strip().lower()
    if value in GOAL_ALIASES:
        return GOAL_ALIASES[value]
    return choice("--goal", value, Goal)


def whole(option: str, raw: str, low: int, high: int) -> int:
    """A whole number in ``[low, high]``."""
    try:
        value = int(raw.strip())
    except ValueError:
        raise CliError(f"{option} must be a whole number, got {raw!r}") from None
    if not low <= value <= high:
        raise CliError(f"{option} must be between {low} and {high}, got {value}")
    return value


def number(option: str, raw: str, low: float, high: float | None = None) -> float:
    """A finite number in ``[low, high]`` (no upper bound when ``high`` is None)."""
    try:
        value = float(raw.strip())
    except ValueError:
        raise CliError(f"{option} must be a number, got {raw!r}") from None
    if not math.isfinite(value):
        raise CliError(f"{option} must be a finite number, got {raw!r}")
    if value < low or (high is not None and value > high):
        upper = f" and {high:g}" if high is not None else ""
        word = "between" if high is not None else "at least"
        raise CliError(f"{option} must be {word} {low:g}{upper}, got {value:g}")
    return value


def completed(raw: str) -> float:
    """``0.8``, ``80`` or ``80%`` -> 0.8. Numbers above 1 are read as percent."""
    text = raw.strip()
    percent = text.endswith("%")
    value = number("--completed", text.rstrip("%"), 0.0, 100.0)
    if percent or value > 1:
        value /= 100.0
    return round(value, 4)


def iso_date(option: str, raw: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw.strip())
    except ValueError:
        raise CliError(f"{option} must be a date like 2026-12-01, got {raw!r}") from None


def next_monday(today: dt.date) -> dt.date:
    """The first Monday strictly after ``today`` (a plan starts at the top of a week)."""
    return today + dt.timedelta(days=7 - today.weekday())


def pain(items: list[str]) -> dict[PainSite, int]:
    """``["knee=2", "shin=4"]`` -> ``{KNEE: 2, SHIN: 4}``; each site at most once."""
    result: dict[PainSite, int] = {}
    for item in items:
        site_text, sep, score_text = item.partition("=")
        if not sep:
            raise CliError(f"--pain must look like knee=3 (site=0-10), got {item!r}")
        site = choice("--pain site", site_text, PainSite)
        if site in result:
            raise CliError(f"--pain gives {site.value} twice")
        result[site] = whole(f"--pain {site.value}", score_text, 0, 10)
    return result


def answers_file(path: Path) -> dict[str, bool]:
    """Read a screening answers file: a JSON object of question id -> true/false.

    Only the file format is checked here; unknown ids or non-boolean answers are the
    screening model's to judge, so its message is the one people see.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CliError(f"answers file {path} not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError(f"cannot read answers file {path}: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CliError(
            f"answers file {path} is not valid JSON (line {exc.lineno}: {exc.msg})"
        ) from None
    if not isinstance(data, dict):
        raise CliError(
            f"answers file {path} must be a JSON object mapping question ids to true/false"
        )
    return data
