"""Watch-file import: FIT, GPX and TCX activities (or a zip of them) as plain data.

Pure parsing: bytes in, :class:`Activity` out, no database and no disk access beyond
reading a path the caller names. Every failure is an :class:`ActivityError` whose
message a person can act on; :func:`read_file` also keeps going past bad members of a
zip and reports them as problems.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from backstride.activities.fit import looks_like_fit, read_fit
from backstride.activities.gpx import looks_like_gpx, read_gpx
from backstride.activities.models import Activity, ActivityError, Lap, fingerprint
from backstride.activities.tcx import looks_like_tcx, read_tcx
from backstride.activities.zipped import MAX_MEMBER_BYTES, looks_like_zip, unpack

__all__ = [
    "Activity",
    "ActivityError",
    "Lap",
    "ReadResult",
    "fingerprint",
    "read_activity",
    "read_file",
]

MAX_UPLOAD_BYTES = MAX_MEMBER_BYTES
_READERS = {"fit": read_fit, "gpx": read_gpx, "tcx": read_tcx}


@dataclass(frozen=True)
class ReadResult:
    """Activities found plus one line per file that could not be read (zip members)."""

    activities: tuple[Activity, ...]
    problems: tuple[str, ...] = ()


def sniff(data: bytes, name: str) -> str:
    """'fit', 'gpx', 'tcx' or 'zip' from the content first, the extension second.

    Content wins because watch platforms export with odd names (``.xml``, no
    extension); the extension only breaks ties for XML that opens with neither root.
    """
    if looks_like_zip(data):
        return "zip"
    if looks_like_fit(data):
        return "fit"
    if looks_like_tcx(data):
        return "tcx"
    if looks_like_gpx(data):
        return "gpx"
    ext = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    if ext in ("gpx", "tcx") and data.lstrip()[:1] == b"<":
        return ext
    raise ActivityError(
        f"{name} is not a FIT, GPX or TCX activity file (nor a zip of them)."
        if data
        else f"{name} is empty."
    )


def _single(data: bytes, name: str) -> list[Activity]:
    kind = sniff(data, name)
    if kind == "zip":
        raise ActivityError(f"{name} is a zip; zips are read by read_file.")
    return [replace(a, file_name=name) for a in _READERS[kind](data, name)]


def read_file(source: bytes | str | os.PathLike[str], name: str | None = None) -> ReadResult:
    """Read one upload (a file or a zip of files); raises only when nothing is usable."""
    if isinstance(source, bytes):
        data, label = source, name or "file"
    else:
        path = Path(source)
        label = name or path.name
        try:
            if path.stat().st_size > MAX_UPLOAD_BYTES * 4:
                raise ActivityError(f"{label} is larger than {MAX_UPLOAD_BYTES * 4 // 2**20} MiB.")
            data = path.read_bytes()
        except OSError as exc:
            raise ActivityError(f"cannot read {label}: {exc.strerror or exc}.") from None
    if sniff(data, label) != "zip":
        return ReadResult(tuple(_single(data, label)))
    found: list[Activity] = []
    problems = unpack(
        data, label, lambda member, member_name: found.extend(_single(member, member_name))
    )
    if not found:
        detail = f": {problems[0]}" if problems else ""
        raise ActivityError(f"{label} holds no activity that could be read{detail}")
    return ReadResult(tuple(found), tuple(problems))


def read_activity(
    source: bytes | str | os.PathLike[str], name: str | None = None
) -> list[Activity]:
    """All activities in a file or zip; problems with single zip members become warnings."""
    result = read_file(source, name)
    if not result.problems:
        return list(result.activities)
    first, *rest = result.activities
    return [replace(first, warnings=first.warnings + result.problems), *rest]
