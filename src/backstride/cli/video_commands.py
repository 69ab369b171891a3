"""Commands ``analyze VIDEO`` and ``video keypoints VIDEO``: parse, call backstride.video.

The work is in ``backstride.video``; this module adds the Rich progress bar (with
frames per second) and keeps MediaPipe's native start-up log lines off the terminal,
so the person sees progress, a short summary, or one ``Error:`` line.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from backstride.cli import app
from backstride.cli.errors import CliError, handles_errors
from backstride.video.tracking import PersonChoice

video_app = typer.Typer(help="Pose keypoints from a phone video.", no_args_is_help=True)
app.add_typer(video_app, name="video")


# Options arrive as text and are checked here, so a wrong value gets the same single
# "Error:" line as every other bad input instead of Click's usage box.
PersonOpt = Annotated[
    str,
    typer.Option(
        "--person",
        help="Whom to analyse: moves (who moves the most, default), left, right or largest.",
    ),
]
MaxSecondsOpt = Annotated[
    str | None,
    typer.Option("--max-seconds", help="Analyse only the first N seconds."),
]


SlowmoOpt = Annotated[
    str | None,
    typer.Option(
        "--slowmo",
        help="Slow-motion factor: capture over playback rate (4 = filmed at 120 fps, "
        "played at 30). Default: read from the video's tags when it has them.",
    ),
]


def _slowmo(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not 1.0 <= value <= 64.0:
        raise CliError(
            f"--slowmo must be a factor from 1 to 64, e.g. 4 for 120 fps played at 30 (got {raw!r})"
        )
    return value


def _seconds(raw: str | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise CliError(f"--max-seconds must be a positive number of seconds (got {raw!r})")
    return value


class FramesPerSecond(ProgressColumn):
    """Processing speed in video frames per second (real time is the video's fps)."""

    def render(self, task: Task) -> Text:
        elapsed = task.finished_time if task.finished else task.elapsed
        if not elapsed or not task.completed:
            return Text("   -- frames/s", style="cyan")
        return Text(f"{task.completed / elapsed:5.1f} frames/s", style="cyan")


@contextmanager
def _terminal() -> Iterator[TextIO]:
    """Stream for our output while native (C++) log lines on fd 2 are discarded.

    MediaPipe writes TensorFlow Lite start-up notes straight to file descriptor 2;
    they look like errors and mean nothing to a runner. When our stderr *is* fd 2 we
    keep a duplicate for Rich and point fd 2 at /dev/null until the work is done.
    """
    try:
        real = sys.stderr.fileno() == 2
    except (AttributeError, OSError, ValueError):
        real = False
    if not real:
        yield sys.stderr
        return
    sys.stderr.flush()
    saved = os.dup(2)
    stream = os.fdopen(os.dup(saved), "w", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        yield stream
    finally:
        stream.flush()
        os.dup2(saved, 2)
        os.close(saved)
        stream.close()


@contextmanager
def _progress(stream: TextIO) -> Iterator:
    """A Rich progress bar; yields the ``(stage, done, total)`` callback the library calls."""
    console = Console(file=stream)
    columns = (
        TextColumn("{task.description:<16}"),
        BarColumn(),
        MofNCompleteColumn(),
        FramesPerSecond(),
        TimeElapsedColumn(),
    )
    tasks: dict[str, int] = {}
    drawn = [0.0]
    # Redrawn from the library's calls (at most 10 times a second), not by Rich's own
    # refresh thread: with no second thread running, the analysis can start its helper
    # process as a fork that inherits the loaded libraries (backstride.video.parallel).
    with Progress(*columns, console=console, transient=False, auto_refresh=False) as bar:

        def update(stage: str, done: int, total: int | None) -> None:
            new = stage not in tasks
            if new:
                for task_id in tasks.values():  # the previous stage is over
                    bar.update(task_id, total=bar.tasks[task_id].completed)
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)
            now = time.monotonic()
            if new or now - drawn[0] >= 0.1 or (total is not None and done >= total):
                drawn[0] = now
                bar.refresh()

        yield update


@app.command("analyze")
@handles_errors
def analyze_cmd(
    video: Annotated[Path, typer.Argument(help="Video file (MP4, MOV, WebM, AVI ...).")],
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder (default: VIDEO name + '-backstride')."),
    ] = None,
    person: PersonOpt = "moves",
    max_seconds: MaxSecondsOpt = None,
    slowmo: SlowmoOpt = None,
) -> None:
    """Form check: report.html, report.json, annotated.mp4 and keypoints.csv from a video."""
    from backstride.video.pipeline import analyze_video

    who, seconds, factor = PersonChoice(person), _seconds(max_seconds), _slowmo(slowmo)
    out_dir = out or video.with_name(f"{video.stem}-backstride")
    with _terminal() as stream, _progress(stream) as update:
        result = analyze_video(
            video, out_dir, person=who, max_seconds=seconds, progress=update, slowmo=factor
        )
    doc = result.to_dict()
    report, facts = result.report, result.facts
    console = Console(file=sys.stdout)
    console.print(
        f"{report.direction or 'unclear'} {report.gait or ''}, cadence "
        f"{doc['cadence_spm'] or '-'} steps/min, {len(report.contacts)} contacts; "
        f"{facts.frames} frames in {facts.processing_s:.1f} s"
    )
    for w in doc["warnings"]:
        console.print(f"[yellow]warning:[/] {w}")
    console.print(f"written to {out_dir}/: " + ", ".join(p.name for p in result.files))


@video_app.command("keypoints")
@handles_errors
def keypoints_cmd(
    video: Annotated[Path, typer.Argument(help="Video file.")],
    out: Annotated[Path, typer.Option("--out", help="Keypoint file to write: .csv or .trc.")],
    person: PersonOpt = "moves",
    max_seconds: MaxSecondsOpt = None,
) -> None:
    """Extract one person's 33 MediaPipe keypoints (pixels, y down) to CSV or TRC."""
    from backstride.gait.io import write_keypoints
    from backstride.video.extract import extract_keypoints
    from backstride.video.pipeline import lean_threads

    who, seconds = PersonChoice(person), _seconds(max_seconds)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".trc"):
        raise ValueError(f"--out must end in .csv or .trc, not {out.name!r}")
    with _terminal() as stream, _progress(stream) as update, lean_threads():
        series = extract_keypoints(video, person=who, max_seconds=seconds, progress=update)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.part{suffix}")
    try:
        write_keypoints(series, tmp, fmt=suffix.lstrip("."))
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
    found = series.video.frames_with_person
    print(f"{found} of {series.video.frames} frames with the person -> {out}")
