"""Short human wording for blocks, shared by the calendar, the watch and the CLI table.

A watch screen fits about twenty characters and a calendar preview one line, so every
exporter needs the same terse phrases ("Backward walk 30 s", "6 x 200 m backward jog").
Keeping them here means the table, the ICS description and the FIT step names agree.
"""

from __future__ import annotations

from backstride.training.models import Block, BlockKind, Direction, Mode
from backstride.training.units import METRIC, Speed, Units, format_distance, format_speed

KIND_LABELS: dict[BlockKind, str] = {
    BlockKind.WARMUP: "Warm-up",
    BlockKind.DRILL: "Drill",
    BlockKind.MAIN: "Main set",
    BlockKind.COOLDOWN: "Cool-down",
}


def format_seconds(seconds: float) -> str:
    """``30`` -> ``"30 s"``, ``90`` -> ``"1 min 30 s"``, ``600`` -> ``"10 min"``."""
    total = round(seconds)
    minutes, rest = divmod(total, 60)
    if minutes == 0:
        return f"{rest} s"
    if rest == 0:
        return f"{minutes} min"
    return f"{minutes} min {rest} s"


def format_meters(meters: float, units: Units = METRIC) -> str:
    """``200`` -> ``"200 m"``, ``1500`` -> ``"1.5 km"`` (or yards and miles: ``units``)."""
    return format_distance(meters, units)


def movement(direction: Direction, mode: Mode, name: str = "") -> str:
    """``"Backward walk"``, ``"Forward jog"``; drills go by their own name."""
    if mode == Mode.DRILL:
        return name.strip() or f"{direction.value.capitalize()} drill"
    return f"{direction.value.capitalize()} {mode.value}"


def rep_amount(block: Block, units: Units = METRIC) -> str:
    """How much one (backward part of a) repeat is: a distance if prescribed, else a time."""
    if block.meters is not None and block.seconds is None:
        return format_meters(block.meters, units)
    if block.seconds is not None:
        return format_seconds(block.seconds)
    return "open"


def speed_text(block: Block, units: Units = METRIC) -> str:
    """``"3.0 km/h (1.86 mph)"`` or ``""``: treadmill belts show km/h or mph, so both are
    given; a person who reads pace gets their pace first and the belt speeds after it."""
    if block.speed_kmh is None:
        return ""
    belt = f"{block.speed_kmh:.1f} km/h ({block.speed_mph:.2f} mph)"
    if units.speed in (Speed.PACE_KM, Speed.PACE_MILE):
        return f"{format_speed(block.speed_kmh, units)}, {belt}"
    return belt


def block_summary(block: Block, *, with_speed: bool = True, units: Units = METRIC) -> str:
    """One line: ``"6 x 30 s backward walk, rest 1 min at 3.0 km/h (1.86 mph)"``."""
    if block.direction == Direction.MIXED:
        forward = format_seconds(block.forward_seconds or 0.0)
        mode = block.mode.value if block.mode != Mode.DRILL else "drill"
        core = f"({forward} forward / {rep_amount(block, units)} backward {mode})"
    else:
        what = movement(block.direction, block.mode, block.name).lower()
        core = f"{rep_amount(block, units)} {what}"
    text = f"{block.repeats} x {core}" if block.repeats > 1 else core
    if block.repeats > 1 and block.rest_seconds > 0:
        text += f", rest {format_seconds(block.rest_seconds)}"
    speed = speed_text(block, units) if with_speed else ""
    if speed:
        text += f" at {speed}"
    return text


# File sizes in the unit the limits are set in (MiB): the limits are powers of two, and
# decimal megabytes said "210 MB" for a 200 MiB limit. Every size message goes through here.
MIB = 1024 * 1024


def mib_text(size_bytes: int | float) -> str:
    """``209715200`` -> ``"200 MiB"``; under 10 MiB one decimal (``"1.5 MiB"``)."""
    mib = size_bytes / MIB
    return f"{mib:.1f} MiB" if mib < 10 and round(mib, 1) != int(mib) else f"{mib:.0f} MiB"
