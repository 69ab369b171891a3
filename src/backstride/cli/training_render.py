"""Rich output for the training commands: tables and panels, nothing computed here.

Kept apart from the command definitions so the option parsing stays readable and the
wording of what people see lives in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from backstride.export.text import KIND_LABELS, block_summary, format_meters, format_seconds
from backstride.training.models import (
    Action,
    BlockKind,
    Clearance,
    Decision,
    Plan,
    ScreeningResult,
    Session,
)

CLEARANCE_STYLE = {
    Clearance.CLEARED: ("green", "Cleared: you can start the plan."),
    Clearance.RESTRICTED: ("yellow", "Restricted: you can start, with the limits below."),
    Clearance.CONSULT: ("red", "Please talk to a doctor or physiotherapist before starting."),
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


def bullets(items: Sequence[str], style: str = "") -> Table:
    """A list whose wrapped lines stay indented under their own text."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(style=style)
    for item in items:
        grid.add_row("-", item)
    return grid


def screening_panel(result: ScreeningResult) -> Panel:
    colour, headline = CLEARANCE_STYLE[result.clearance]
    parts: list[RenderableType] = [Text(headline, style=f"bold {colour}")]
    if result.reasons:
        parts += [Text("\nWhy:"), bullets(result.reasons)]
    if result.restrictions:
        parts += [
            Text("\nLimits on every session:"),
            bullets([r.value for r in result.restrictions]),
        ]
    return Panel(Group(*parts), title="Screening", border_style=colour)


def _main_summary(session: Session) -> str:
    mains = [b for b in session.blocks if b.kind == BlockKind.MAIN]
    return "; ".join(block_summary(b) for b in mains) or "-"


def _speeds(session: Session) -> str:
    speeds = sorted({b.speed_kmh for b in session.blocks if b.speed_kmh is not None})
    return ", ".join(f"{s:.1f} km/h / {s / 1.609344:.1f} mph" for s in speeds) or "-"


def plan_table(plan: Plan) -> Table:
    table = Table(title=f"Backstride plan from {plan.start.isoformat()}", show_lines=False)
    table.add_column("Wk", justify="right")
    table.add_column("Date")
    table.add_column("Session")
    table.add_column("Backward", justify="right")
    table.add_column("Main set")
    table.add_column("Treadmill speed")
    for week in plan.weeks:
        for session in week.sessions:
            backward = format_seconds(session.backward_seconds)
            if session.backward_meters > 0:
                backward += f"\n{format_meters(session.backward_meters)}"
            title = session.title + (" (easy week)" if session.deload else "")
            table.add_row(
                str(week.number),
                session.date.strftime("%a %Y-%m-%d"),
                title,
                backward,
                _main_summary(session),
                _speeds(session),
            )
    return table


def plan_footer(plan: Plan) -> str:
    text = f"Clearance: {plan.clearance.value}"
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
        lines.append(bullets([f"[ ] {item}" for item in session.safety_checklist]))
    return lines


def decision_panel(decision: Decision) -> Panel:
    colour = ACTION_STYLE[decision.action]
    parts: list[RenderableType] = [
        Text(f"Next: {decision.action.value.upper()}", style=f"bold {colour}"),
        bullets(decision.reasons),
    ]
    if decision.session is not None:
        parts.append(Text(""))
        parts.extend(session_lines(decision.session))
    return Panel(Group(*parts), title="Your next session", border_style=colour)


def console() -> Console:
    """A console on the current stdout (created per call so test runners capture it)."""
    return Console(highlight=False, soft_wrap=False)
