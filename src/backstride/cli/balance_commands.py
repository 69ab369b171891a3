"""Command ``balance``: time a filmed 3-metre backward walk test and say what it means.

The input is a side-on video (keypoints come from ``backstride.video.extract``) or a
keypoint file as for ``gait analyze``. Timing is ``backstride.gait.walk_test``; the
words about the time are ``backstride.training.balance_test``. This module parses
options, shows the detected frames so the person can check them, and turns bad input
into one ``Error:`` line.
"""

from __future__ import annotations

import dataclasses
import json
import math
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from backstride.cli import app
from backstride.cli.errors import CliError, handles_errors

KEYPOINT_SUFFIXES = (".csv", ".trc", ".json")


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _number(raw: str | None, option: str, what: str) -> float | None:
    """A finite number from an option typed as text, or one clear error line."""
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise CliError(f"{option} must be {what} (got {raw!r})")
    return value


def _frame(raw: str | None, option: str) -> int | None:
    if raw is None:
        return None
    if not raw.strip().isdigit():
        raise CliError(f"{option} must be a frame number as shown, 0 or more (got {raw!r})")
    return int(raw)


def _video_fps(series) -> float | None:
    """The video's frame rate when frames are numbered as the video's (not the keypoints')."""
    facts = getattr(series, "video", None)  # VideoKeypoints carry the video's facts
    if facts is not None:
        return facts.fps
    return series.meta.get("fps") if series.meta.get("format") == "video" else None


def _series_index(series, frame: int | None) -> int | None:
    """The keypoint index of a frame number as the person saw it (video frames for video)."""
    if frame is None:
        return None
    fps = _video_fps(series)
    if not fps:
        return frame
    times = series.times_s.tolist()
    index = min(range(len(times)), key=lambda i: abs(times[i] - frame / fps))
    if abs(times[index] * fps - frame) > 0.5:
        raise CliError(f"video frame {frame} has no keypoints (the person is not in it)")
    return index


def _series(source: Path, fps: float | None, person: str, max_seconds: str | None):
    """Keypoints from a keypoint file/folder, or from a video through the pose pipeline."""
    from backstride.gait.io import read_keypoints

    if source.is_dir() or source.suffix.lower() in KEYPOINT_SUFFIXES:
        return read_keypoints(source, fps=fps)
    if not source.exists():
        raise CliError(f"{source}: no such file")
    from backstride.cli.video_commands import _progress, _seconds, _terminal
    from backstride.video.extract import extract_keypoints
    from backstride.video.pipeline import lean_threads
    from backstride.video.tracking import PersonChoice

    who, seconds = PersonChoice(person), _seconds(max_seconds)
    with _terminal() as stream, _progress(stream) as update, lean_threads():
        return extract_keypoints(source, person=who, max_seconds=seconds, progress=update)


def balance_result(series, timer, group, previous_s: float | None) -> dict:
    """The JSON answer: detected frames, the trial time and what it means."""
    from backstride.training.balance_test import compare, interpret, trial_result

    trial = trial_result([timer.duration_s_])
    fps = _video_fps(series)

    def moment(frame: int) -> dict:
        t = float(series.times_s[frame])
        return {
            "frame": int(frame),
            "video_frame": round(t * fps) if fps else None,
            "time_s": round(t, 3),
        }

    change = compare(previous_s, trial.result_s, group) if previous_s is not None else None
    return {
        "source": str(
            series.video.source if hasattr(series, "video") else series.meta.get("source", "")
        ),
        "fps": round(series.fps, 3),
        "line_from": "lines" if timer.leg_length_px_ is None else "leg-length",
        "start_line_x_px": round(timer.start_line_x_px_, 1),
        "end_line_x_px": round(timer.end_line_x_px_, 1),
        "px_per_m": round(timer.px_per_m_, 2),
        "start": moment(timer.start_frame_),
        "end": {**moment(timer.end_frame_), "heel": timer.end_heel_},
        "duration_s": trial.result_s,
        "uncertainty_s": timer.uncertainty_s_,
        "moved_by_hand": timer.moved_,
        "warnings": list(timer.warnings_),
        "trial": dataclasses.asdict(trial),
        "interpretation": dataclasses.asdict(interpret(trial.result_s, group)),
        "change": dataclasses.asdict(change) if change else None,
    }


def render_text(result: dict, console: Console) -> None:
    """Frames first (so a wrong detection is caught), then the time and its meaning."""
    title = "Detected, then moved by hand" if result["moved_by_hand"] else "Detected"
    frames = Table(title=title, show_header=True)
    for col in ("", "frame", "time"):
        frames.add_column(col)
    for label, key in (
        ("start (first backward movement)", "start"),
        ("end (heel over 3 m)", "end"),
    ):
        m = result[key]
        frame = m["video_frame"] if m["video_frame"] is not None else m["frame"]
        frames.add_row(label, str(frame), f"{m['time_s']:.2f} s")
    console.print(frames)
    how = (
        "from the two lines"
        if result["line_from"] == "lines"
        else "from the leg-length ruler (no lines marked)"
    )
    console.print(
        f"[bold]{result['duration_s']:.2f} s[/bold] for 3 m backward "
        f"(+- {result['uncertainty_s']:.2f} s, the 3 m line {how})"
    )
    trial, protocol = result["trial"], result["trial"]["protocol"]
    if not trial["complete"]:
        console.print(
            f"One timed trial; the {protocol['name']} ({protocol['source']}) uses the "
            f"{protocol['result_rule']} of {protocol['timed_trials']} timed trials."
        )
    interp = result["interpretation"]
    style = "yellow" if interp["in_risk_range"] else "green"
    console.print(f"[{style}]{interp['headline']}[/{style}]")
    for line in interp["lines"]:
        console.print(f"  {line}")
    if result["change"]:
        console.print(result["change"]["message"])
    for w in result["warnings"]:
        console.print(f"[yellow]warning:[/yellow] {w}")


@app.command("balance")
@handles_errors
def balance_cmd(
    source: Annotated[
        Path,
        typer.Argument(
            help="Side-on video of the test, or its keypoints (CSV, TRC, COCO .json, "
            "OpenPose folder)."
        ),
    ],
    start_line: Annotated[
        str | None, typer.Option("--start-line", help="x of the start line in image pixels.")
    ] = None,
    end_line: Annotated[
        str | None, typer.Option("--end-line", help="x of the 3 m line in image pixels.")
    ] = None,
    leg_length: Annotated[
        str | None,
        typer.Option(
            "--leg-length",
            help="Instead of lines: leg length in metres (floor to hip joint, standing, in "
            "shoes) as the ruler.",
        ),
    ] = None,
    group: Annotated[
        str,
        typer.Option(
            "--group", help="Compare with: older-adult, parkinson, multiple-sclerosis or other."
        ),
    ] = "older-adult",
    start_frame: Annotated[
        str | None,
        typer.Option(
            "--start-frame", help="Move the start to this frame (as shown) after checking it."
        ),
    ] = None,
    end_frame: Annotated[
        str | None,
        typer.Option(
            "--end-frame", help="Move the end to this frame (as shown) after checking it."
        ),
    ] = None,
    previous: Annotated[
        str | None,
        typer.Option("--previous", help="Your last result in seconds, to see if it changed."),
    ] = None,
    fps: Annotated[
        str | None, typer.Option("--fps", help="Frame rate, needed for OpenPose and COCO input.")
    ] = None,
    person: Annotated[
        str, typer.Option("--person", help="Video: whom to time (moves, left, right, largest).")
    ] = "moves",
    max_seconds: Annotated[
        str | None, typer.Option("--max-seconds", help="Video: use only the first N seconds.")
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="text summary or JSON.")
    ] = OutputFormat.TEXT,
) -> None:
    """Time a filmed 3-metre backward walk test (3MBWT) and say what the time means."""
    from backstride.gait.walk_test import BackwardWalkTimer, Lines
    from backstride.training.balance_test import BalanceGroup, check_trial

    start = _number(start_line, "--start-line", "an x position in pixels")
    end = _number(end_line, "--end-line", "an x position in pixels")
    leg = _number(leg_length, "--leg-length", "a length in metres, such as 0.9")
    if (start is None) != (end is None):
        raise CliError("give both --start-line and --end-line (x positions in pixels)")
    if (start is None) == (leg is None):
        raise CliError("give either --start-line and --end-line, or --leg-length")
    try:
        chosen = BalanceGroup(group.strip().lower())
    except ValueError:
        names = ", ".join(g.value for g in BalanceGroup)
        raise CliError(f"--group must be one of {names} (got {group!r})") from None
    before = _number(previous, "--previous", "a time in seconds")
    if before is not None:
        try:
            check_trial(before)
        except ValueError as exc:
            raise CliError(f"--previous: {exc}") from None
    rate = _number(fps, "--fps", "a positive number")
    if rate is not None and rate <= 0:
        raise CliError(f"--fps must be a positive number (got {fps!r})")
    series = _series(source, rate, person, max_seconds)
    lines = Lines(start, end) if start is not None and end is not None else None
    moved = [
        _frame(raw, f"--{name}-frame") for raw, name in ((start_frame, "start"), (end_frame, "end"))
    ]
    if None not in moved and moved[1] <= moved[0]:  # type: ignore[operator]
        raise CliError(f"--end-frame {moved[1]} must come after --start-frame {moved[0]}")
    timer = BackwardWalkTimer().detect(series, lines=lines, leg_length_m=leg)
    if any(f is not None for f in moved):
        timer.move(*(_series_index(series, f) for f in moved))
    result = balance_result(series, timer, chosen, before)
    if output_format is OutputFormat.JSON:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        render_text(result, Console(file=sys.stdout))
