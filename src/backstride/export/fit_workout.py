"""Watch export: one FIT workout file per session, written with ``fit-tool``.

FIT has no "backward" sport, so the workout uses RUNNING (any jog or run) or WALKING
and says "Backward" in every step name and note. A watch running a structured workout
records one lap per step, which later lets imported laps be matched to the planned
backward intervals.

How a block becomes steps:

* one step per repeat part: the backward part, and for a mixed block the forward part
  before it (``60 s forward / 30 s backward``);
* a RECOVERY rest step when the block has ``rest_seconds`` and more than one repeat;
* a ``REPEAT_UNTIL_STEPS_CMPLT`` step jumping back to the first step of the block when
  ``repeats > 1``. FIT cannot skip the rest after the last repeat, so the watch shows
  that rest too; the person may simply press lap.
* Durations: a block prescribed in metres becomes a DISTANCE step (the watch counts
  the metres), except on a treadmill, where the watch cannot measure distance reliably
  but the belt speed is known exactly, so it becomes a TIME step of
  ``meters / speed``. A block with neither time nor distance is an OPEN step (lap
  button).
"""

from __future__ import annotations

import datetime as dt
import re
import zlib

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    FileType,
    Intensity,
    Manufacturer,
    Sport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from backstride.export.text import format_meters, format_seconds, movement
from backstride.training.models import (
    Block,
    BlockKind,
    Direction,
    Environment,
    Mode,
    Plan,
    Session,
)

# FIT strings are byte fields; watches show about this many characters anyway.
MAX_NAME_BYTES = 40
MAX_NOTES_BYTES = 200

_INTENSITY = {
    BlockKind.WARMUP: Intensity.WARMUP,
    BlockKind.DRILL: Intensity.ACTIVE,
    BlockKind.MAIN: Intensity.ACTIVE,
    BlockKind.COOLDOWN: Intensity.COOLDOWN,
}


def _clip(text: str, max_bytes: int) -> str:
    """Cut ``text`` to ``max_bytes`` of UTF-8 without splitting a character.

    Control characters are dropped first: FIT strings end at NUL, so one inside a name
    would cut it short (or blank it) on the watch.
    """
    text = "".join(ch for ch in text if ch.isprintable())
    return text.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore").rstrip()


def _step(
    name: str, intensity: Intensity, *, seconds: float | None = None, meters: float | None = None
) -> WorkoutStepMessage:
    step = WorkoutStepMessage()
    # A watch shows this name; never leave it empty (a blank name decodes as missing).
    step.workout_step_name = _clip(name, MAX_NAME_BYTES) or "Step"
    step.intensity = intensity
    # duration_type first: fit-tool picks the sub-field (time/distance) from it.
    if seconds is not None:
        step.duration_type = WorkoutStepDuration.TIME
        step.duration_time = float(seconds)
    elif meters is not None:
        step.duration_type = WorkoutStepDuration.DISTANCE
        step.duration_distance = float(meters)
    else:
        step.duration_type = WorkoutStepDuration.OPEN
        step.duration_value = 0
    step.target_type = WorkoutStepTarget.OPEN
    return step


def _backward_duration(block: Block, environment: Environment) -> tuple[float | None, float | None]:
    """(seconds, meters) of one backward part; exactly one is set, or neither (open)."""
    if block.seconds is not None:
        return block.seconds, None
    if block.meters is not None:
        if environment == Environment.TREADMILL and block.speed_kmh:
            return round(block.meters / (block.speed_kmh / 3.6)), None
        return None, block.meters
    return None, None


def _block_steps(
    block: Block, environment: Environment, first_index: int
) -> list[WorkoutStepMessage]:
    intensity = _INTENSITY[block.kind]
    steps: list[WorkoutStepMessage] = []
    cues = "; ".join(block.cues)
    if block.direction == Direction.MIXED and block.forward_seconds:
        fwd = _step(
            f"Forward {block.mode.value} {format_seconds(block.forward_seconds)}",
            Intensity.RECOVERY if intensity == Intensity.ACTIVE else intensity,
            seconds=block.forward_seconds,
        )
        fwd.notes = "Forward part: easy, then turn round for the backward part."
        steps.append(fwd)
    seconds, meters = _backward_duration(block, environment)
    direction = Direction.BACKWARD if block.direction == Direction.MIXED else block.direction
    if seconds is not None:
        amount = format_seconds(seconds)
    elif meters is not None:
        amount = format_meters(meters)
    else:
        amount = "lap to end"
    main = _step(
        f"{movement(direction, block.mode, block.name)} {amount}",
        intensity,
        seconds=seconds,
        meters=meters,
    )
    note = "Backward. " if direction == Direction.BACKWARD else ""
    if block.mode == Mode.DRILL and direction == Direction.BACKWARD:
        note = "Backward drill. "
    main.notes = _clip(note + cues, MAX_NOTES_BYTES) or block.name
    steps.append(main)
    if block.repeats > 1:
        if block.rest_seconds > 0:
            steps.append(
                _step(
                    f"Rest {format_seconds(block.rest_seconds)}",
                    Intensity.RECOVERY,
                    seconds=block.rest_seconds,
                )
            )
        repeat = WorkoutStepMessage()
        repeat.workout_step_name = _clip(f"Repeat {block.repeats} x", MAX_NAME_BYTES)
        repeat.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
        repeat.duration_step = first_index
        repeat.target_repeat_steps = block.repeats
        steps.append(repeat)
    return steps


def sport_for(session: Session) -> Sport:
    """RUNNING if anything is jogged or run (either direction), else WALKING."""
    if any(b.mode in (Mode.JOG, Mode.RUN) for b in session.blocks):
        return Sport.RUNNING
    return Sport.WALKING


def session_steps(session: Session) -> list[WorkoutStepMessage]:
    """All steps of the session, indexed in order (repeat steps point back by index)."""
    steps: list[WorkoutStepMessage] = []
    for block in session.blocks:
        steps.extend(_block_steps(block, session.environment, len(steps)))
    for index, step in enumerate(steps):
        step.message_index = index
    return steps


def _serial(session: Session) -> int:
    # FIT files are told apart by (serial, time created); a serial derived from the
    # session uid keeps re-exports of one session traceable to it, and differs between
    # sessions exported in the same millisecond.
    return zlib.crc32(session.uid.encode("utf-8")) or 1


def session_to_fit(session: Session, *, created: dt.datetime | None = None) -> bytes:
    """Encode one session as a FIT workout file. ``created`` defaults to now (UTC)."""
    if not session.blocks:
        raise ValueError(f"session {session.uid} has no blocks to put on a watch")
    if created is None:
        created = dt.datetime.now(dt.UTC)
    file_id = FileIdMessage()
    file_id.type = FileType.WORKOUT
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = _serial(session)
    file_id.time_created = round(created.timestamp() * 1000)

    steps = session_steps(session)
    workout = WorkoutMessage()
    title = session.title if "backward" in session.title.lower() else f"Backward {session.title}"
    workout.workout_name = _clip(title, MAX_NAME_BYTES)
    workout.sport = sport_for(session)
    workout.num_valid_steps = len(steps)

    builder = FitFileBuilder(auto_define=True, min_string_size=MAX_NAME_BYTES)
    builder.add(file_id)
    builder.add(workout)
    builder.add_all(steps)
    return builder.build().to_bytes()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def fit_filename(session: Session) -> str:
    """``2026-12-01-w1s1-backward-walk.fit``: date, week/session, main movement."""
    mains = [b for b in session.blocks if b.kind == BlockKind.MAIN] or list(session.blocks)
    main = mains[0] if mains else None
    what = "session" if main is None else _slug(movement(main.direction, main.mode, main.name))
    # index_in_week counts from 0 in the model; people count sessions from 1.
    return f"{session.date.isoformat()}-w{session.week}s{session.index_in_week + 1}-{what}.fit"


def plan_to_fit_files(plan: Plan, *, created: dt.datetime | None = None) -> dict[str, bytes]:
    """File name -> FIT bytes for every session; the caller decides where to write them."""
    return {fit_filename(s): session_to_fit(s, created=created) for s in plan.sessions}
