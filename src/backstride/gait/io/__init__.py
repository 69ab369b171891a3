"""Keypoint readers and writers: one entry point that picks the format from the path.

``read_keypoints`` is what the CLI and web layers call; the per-format modules document
exactly what they accept. This subpackage is the only place in ``backstride.gait`` that
touches the disk.
"""

from __future__ import annotations

from pathlib import Path

from backstride.gait.io.coco import read_coco
from backstride.gait.io.csv import read_csv, write_csv
from backstride.gait.io.openpose import read_openpose
from backstride.gait.io.trc import read_trc, write_trc
from backstride.gait.keypoints import KeypointError, KeypointSeries
from backstride.gait.transforms import reverse_in_time

FORMATS: tuple[str, ...] = ("csv", "openpose", "trc", "coco")
"""Format names accepted by ``fmt``."""


def detect_format(path: Path) -> str:
    """Format from the path: a folder is OpenPose, otherwise the file extension decides."""
    if path.is_dir():
        return "openpose"
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return "csv"
    if suffix == ".trc":
        return "trc"
    if suffix == ".json":
        return "coco"
    if not path.exists():
        raise KeypointError(f"no such file or folder: {path}")
    raise KeypointError(
        f"cannot tell the keypoint format of {path.name}: use .csv, .trc, .json (COCO-17)"
        " or an OpenPose folder"
    )


def read_keypoints(
    path: str | Path, fps: float | None = None, fmt: str | None = None
) -> KeypointSeries:
    """Read keypoints from a file or OpenPose folder.

    ``fps`` is required for OpenPose and COCO (they carry no time stamps) and ignored for
    CSV and TRC (their times are in the file). ``fmt`` overrides the detection.
    """
    path = Path(path)
    fmt = fmt or detect_format(path)
    if fmt == "csv":
        return read_csv(path)
    if fmt == "trc":
        return read_trc(path)
    if fmt == "openpose":
        return read_openpose(path, fps=fps)
    if fmt == "coco":
        return read_coco(path, fps=fps)
    raise KeypointError(f"unknown keypoint format {fmt!r}: use one of {', '.join(FORMATS)}")


def write_keypoints(series: KeypointSeries, path: str | Path, fmt: str | None = None) -> Path:
    """Write CSV or TRC (from ``fmt`` or the extension); other formats are read-only."""
    path = Path(path)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt == "csv":
        return write_csv(series, path)
    if fmt == "trc":
        return write_trc(series, path)
    raise KeypointError(f"keypoints can be written as .csv or .trc, not {fmt!r}")


__all__ = [
    "FORMATS",
    "detect_format",
    "read_coco",
    "read_csv",
    "read_keypoints",
    "read_openpose",
    "read_trc",
    "reverse_in_time",
    "write_csv",
    "write_keypoints",
    "write_trc",
]
