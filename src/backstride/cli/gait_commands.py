"""Command ``gait analyze``: read keypoints, run the gait engine, print or save the verdict.

A thin shell: reading is ``backstride.gait.io``, measuring is ``backstride.gait.analysis``,
figures are ``backstride.gait.plots``. This module only parses options, renders the
result and turns bad input into one clear line with exit code 1.
"""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from backstride.cli import app
from backstride.cli.errors import CliError, handles_errors

gait_app = typer.Typer(
    help="Analyse running or walking form from pose keypoints.", no_args_is_help=True
)
app.add_typer(gait_app, name="gait")

_VERDICT_STYLE = {"ok": "green", "watch": "yellow", "fix": "red", None: "dim"}


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _fmt(value, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


def render_text(result: dict, console: Console) -> None:
    """A short human summary: locomotion, key numbers, one line per cue, warnings."""
    loco = result["locomotion"]
    m = result["metrics"]
    console.print(
        f"[bold]{loco['direction'] or 'unknown direction'} {loco['gait'] or ''}[/bold] "
        f"(facing {result['facing']}), {result['duration_s']:.1f} s at {result['fps']:.0f} fps"
    )
    facts = Table(show_header=False, box=None, pad_edge=False)
    rows = [
        ("cadence", _fmt(result["cadence_spm"], " steps/min")),
        ("contacts", str(len(result["contacts"]))),
        ("contact time", _fmt(result["contact_time_s"], " s", 3)),
        ("flight time", _fmt(m.get("flight_time_s"), " s", 3)),
        ("step length", _fmt(m.get("step_length_bh"), " x height", 2)),
        ("trunk lean", _fmt(result["trunk_lean_deg"], " deg")),
        ("elbow angle", _fmt(result["elbow_angle_deg"], " deg")),
        ("shoulder checks", str(len(result["shoulder_checks"]))),
    ]
    for name, value in rows:
        facts.add_row(name, value)
    console.print(facts)
    cues = Table(title="Form cues", show_lines=False)
    for col in ("cue", "verdict", "value", "target", "tip"):
        cues.add_column(col)
    for c in result["cues"]:
        verdict = c["verdict"] or "unknown"
        style = _VERDICT_STYLE.get(c["verdict"], "dim")
        tip = c["tip"] if c["verdict"] else f"cannot be given: {c['reason']}"
        cues.add_row(
            c["cue"],
            f"[{style}]{verdict}[/{style}]",
            _fmt(c["value"], f" {c['unit']}", 2 if c["unit"] == "x height" else 1),
            c["target"],
            tip,
        )
    console.print(cues)
    for w in result["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {w}")


@gait_app.command("analyze")
@handles_errors
def analyze_command(
    file: Annotated[Path, typer.Argument(help="CSV, TRC, COCO .json, or an OpenPose folder.")],
    fps: Annotated[
        float | None, typer.Option(help="Frame rate, needed for OpenPose and COCO input.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="text summary or the JSON report.")
    ] = OutputFormat.TEXT,
    out: Annotated[
        Path | None, typer.Option(help="Folder for report.json and PNG/SVG plots.")
    ] = None,
    scale_m_per_px: Annotated[
        float | None, typer.Option(help="Metres per pixel, to report lengths in metres.")
    ] = None,
) -> None:
    """Measure gait and form from pose keypoints and judge each coaching cue."""
    from backstride.gait.analysis import analyze
    from backstride.gait.io import read_keypoints

    if fps is not None and not (math.isfinite(fps) and fps > 0):
        raise CliError("--fps must be a positive number")
    if scale_m_per_px is not None and not (math.isfinite(scale_m_per_px) and scale_m_per_px > 0):
        raise CliError("--scale-m-per-px must be a positive number")
    series = read_keypoints(file, fps=fps)
    report = analyze(series, scale_m_per_px=scale_m_per_px)
    result = report.to_dict()
    if out is not None:
        from backstride.gait.plots import save_plots

        try:
            save_plots(report, out)
            (out / "report.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        except OSError as exc:
            raise CliError(f"cannot write to {out}: {exc.strerror or exc}") from None
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(result, indent=2))
    else:
        render_text(result, Console())
        if out is not None:
            typer.echo(f"report and plots written to {out}")
