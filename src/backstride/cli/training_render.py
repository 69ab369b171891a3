"""Rich output for the training commands: tables and panels, nothing computed here.

Kept apart from the command definitions so the option parsing stays readable and the
wording of what people see lives in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backstride.export.text import KIND_LABELS, block_summary, format_meters, format_seconds
from backstride.training.models import (
    KMH_PER_MPH,
    Action,
    Block,
    BlockKind,
    Clearance,
    Decision,
    Environment,
    Plan,
    ScreeningResult,
    Session,
)

_WEEK_PREFIX = re.compile(r"^Week \d+:\s*")  # the table has its own week column
CLEARANCE_STYLE = {
    Clearance.CLEARED: ("green", "Cleared: you can start the plan."),
    Clearance.RESTRICTED: ("yellow", "Restricted: you can start, with the limits below."),
    Clearance.SUPERVISED: (
        "yellow",
        "Supervised: you can start, but only with a helper or professional present.",
    ),
    Clearance.CONSULT: ("red", "Please talk to a doctor or physiotherapist before starting."),
    Clearance.URGENT: ("bold red", "Seek medical help now. No plan is made."),
}
ACTION_STYLE = {
    Action.PROGRESS: "green",
    Action.REPEAT: "cyan",
    Action.REGRESS: "yellow",
    Action.STOP: "red",
}


def questions_table(questions: Sequence[object]) -> Table:
    table = Table(title="Readiness questions (answer true or false)")
    table.add_column("id", style="bold")
    table.add_column("question")
    for q in questions:
        table.add_row(str(getattr(q, "id", "")), str(getattr(q, "text", "")))
    return table


def bullets(items: Sequence[str], style: str = "", marker: str = "-") -> Table:
    """A list whose wrapped lines stay indented under their own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=len(marker) + 2, justify="right")
    grid.add_column(style=style)
    for item in items:
        grid.add_row(marker, item)
    return grid


def clearance_style(clearance: object) -> tuple[str, str]:
    """Colour and headline; an outcome this CLI does not know yet is shown as it is."""
    known = CLEARANCE_STYLE.get(clearance)  # type: ignore[call-overload]
    if known is not None:
        return known
    value = str(getattr(clearance, "value", clearance))
    return "yellow", f"Screening outcome: {value}. Read the reasons below before starting."


def screening_panel(result: ScreeningResult) -> Panel:
    colour, headline = clearance_style(result.clearance)
    parts: list[RenderableType] = [Text(headline, style=f"bold {colour}")]
    if result.reasons:
        parts += [Text("\nWhy:"), bullets(result.reasons)]
    if result.restrictions:
        parts += [
            Text("\nLimits on every session:"),
            bullets([r.value for r in result.restrictions]),
        ]
    if result.unanswered:
        parts += [Text("\nNot answered yet:"), bullets(list(result.unanswered))]
    return Panel(Group(*parts), title="Screening", border_style=colour)


def _mains(session: Session) -> list[Block]:
    return [b for b in session.blocks if b.kind == BlockKind.MAIN] or list(session.blocks)


def _main_summary(session: Session) -> str:
    return "\n".join(block_summary(b, with_speed=False) for b in _mains(session))


def _speeds(session: Session) -> str:
    """Main-set speeds in both units: treadmills in Europe and the US use different ones."""
    speeds = sorted({b.speed_kmh for b in _mains(session) if b.speed_kmh is not None})
    return "\n".join(f"{s:.1f} km/h\n{s / KMH_PER_MPH:.1f} mph" for s in speeds) or "-"


def _short_title(session: Session) -> str:
    title = _WEEK_PREFIX.sub("", session.title)
    return title[:1].upper() + title[1:]


def plan_table(plan: Plan) -> Table:
    treadmill = plan.profile.environment == Environment.TREADMILL
    table = Table(title=f"Backstride plan from {plan.start.isoformat()}")
    table.add_column("Wk", justify="right")
    table.add_column("Date", no_wrap=True)
    table.add_column("Session")
    table.add_column("Backward", justify="right", no_wrap=True)
    table.add_column("Main set")
    table.add_column("Treadmill speed" if treadmill else "Speed", no_wrap=True)
    for week in plan.weeks:
        for session in week.sessions:
            backward = format_seconds(session.backward_seconds)
            if session.backward_meters > 0:
                backward += f"\n{format_meters(session.backward_meters)}"
            table.add_row(
                str(week.number),
                f"{session.date:%a}\n{session.date.isoformat()}",
                _short_title(session),
                backward,
                _main_summary(session),
                _speeds(session),
            )
        table.add_section()
    return table


def plan_footer(plan: Plan) -> str:
    text = f"Clearance: {plan.clearance_label}"  # "not screened" without answers
    if plan.restrictions:
        text += " - limits: " + ", ".join(r.value for r in plan.restrictions)
    return text


def session_lines(session: Session) -> list[RenderableType]:
    lines: list[RenderableType] = [
        Text(f"{session.date.strftime('%a %Y-%m-%d')} - {session.title}", style="bold"),
        Text(
            f"Backward {format_seconds(session.backward_seconds)}, "
            f"total {format_seconds(session.total_seconds)}"
        ),
    ]
    for block in session.blocks:
        lines.append(Text(f"{KIND_LABELS[block.kind]}: {block_summary(block)}"))
        if block.cues:
            lines.append(bullets(block.cues, style="dim"))
    if session.safety_checklist:
        lines.append(Text("Before you start:"))
        lines.append(bullets(session.safety_checklist, marker="[ ]"))
    return lines


def decision_panel(decision: Decision, message: str = "") -> Panel:
    """``message`` is ``training.status``'s one line (state and how to lift it)."""
    colour = ACTION_STYLE[decision.action]
    parts: list[RenderableType] = [
        Text(f"Next: {decision.action.value.upper()}", style=f"bold {colour}"),
    ]
    if message:
        parts.append(Text(message, style=colour))
    parts.append(bullets(decision.reasons))
    if decision.session is not None:
        parts.append(Text(""))
        parts.extend(session_lines(decision.session))
    return Panel(Group(*parts), title="Your next session", border_style=colour)


def console(stderr: bool = False) -> Console:
    """A console on the current stdout, or stderr for prompts (created per call so test
    runners capture it)."""
    return Console(highlight=False, soft_wrap=False, stderr=stderr)
