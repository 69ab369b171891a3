"""TRC marker files (OpenSim's format, written by Pose2Sim and Sports2D).

Layout: ``PathFileType`` line; a line of header keys (``DataRate CameraRate NumFrames
NumMarkers Units ...``) and one of their values; the marker-name row (``Frame# Time Nose
... ``, each name over three columns); the ``X1 Y1 Z1 ...`` row; data rows of frame
number, time and X, Y, Z per marker. Tabs separate cells (whitespace is accepted too);
an empty cell is a missing value.

Coordinate convention (decided here, used both ways):

* TRC is **y-up** (OpenSim). Reading flips y so the series is y-down like an image;
  writing flips it back. Z is ignored (our analysis is in the sagittal X-Y plane) and
  written as 0.
* Units ``px`` are kept as pixels. Metric units (``m``, ``cm``, ``mm``) are converted to
  millimetres, used as if they were pixels, and ``meta["scale_m_per_px"] = 0.001`` so the
  analysis can still report metres. (Older Sports2D versions wrote pixels divided by
  1000 labelled ``m``; those read as pixels with a wrong metre scale.)
* Marker names from Sports2D/HALPE_26/BODY_25 (``RHip``, ``LBigToe``, ``Nose`` ...) or
  ours (``right_hip``) are mapped; others (``Neck``, ``Hip``, ``Head``, small toes) are
  skipped and listed in ``meta["ignored_markers"]``. TRC has no confidence: score is 1
  where a marker is present and 0 where it is missing.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from backstride.gait.consts import MEDIAPIPE_JOINTS
from backstride.gait.io._common import joint_name, read_text
from backstride.gait.keypoints import KeypointError, KeypointSeries

_TO_MM = {"m": 1000.0, "cm": 10.0, "mm": 1.0}
_PIXELS = {"px", "pixel", "pixels"}


def _cells(line: str) -> list[str]:
    return line.rstrip("\r\n").split("\t") if "\t" in line else line.split()


def _number(cell: str, where: str) -> float:
    cell = cell.strip()
    if not cell:
        return math.nan
    try:
        return float(cell)
    except ValueError:
        raise KeypointError(f"{where}: {cell[:20]!r} is not a number") from None


def _header(lines: list[str], name: str) -> tuple[dict[str, str], int]:
    """Header key/value pairs and the index of the marker-name row."""
    if not lines[0].startswith("PathFileType"):
        raise KeypointError(f"{name} is not a TRC file (it must start with PathFileType)")
    i = next((k for k, line in enumerate(lines[:10]) if line.startswith("Frame#")), None)
    if i is None:
        raise KeypointError(f"{name} has no 'Frame#' marker-name row")
    for k in range(1, i - 1):
        keys = _cells(lines[k])
        if "DataRate" in keys or "NumMarkers" in keys:
            values = _cells(lines[k + 1])
            return dict(zip(keys, values, strict=False)), i
    raise KeypointError(f"{name} has no DataRate/NumMarkers header lines")


def parse_trc(text: str, name: str = "TRC") -> KeypointSeries:
    """Keypoints from TRC text (see module docstring); KeypointError on any problem."""
    lines = text.splitlines()
    head, names_row = _header(lines, name)
    markers = [c.strip() for c in _cells(lines[names_row])[2:] if c.strip()]
    if not markers:
        raise KeypointError(f"{name} names no markers")
    units = head.get("Units", "").strip().lower()
    factor = 1.0 if units in _PIXELS else _TO_MM.get(units, 1.0)
    chosen: dict[str, int] = {}
    ignored: list[str] = []
    for k, marker in enumerate(markers):
        ours = joint_name(marker)
        if ours is None or ours in chosen:
            ignored.append(marker)
        else:
            chosen[ours] = k
    if not chosen:
        raise KeypointError(f"{name}: no marker matches a body joint ({', '.join(markers[:6])})")
    rows = []
    for r, line in enumerate(lines[names_row + 2 :], start=names_row + 3):
        cells = _cells(line)
        if not any(c.strip() for c in cells):
            continue
        width = 2 + 3 * len(markers)
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            raise KeypointError(f"{name} line {r}: more values than markers")
        cells = cells[:width] + [""] * (width - len(cells))
        rows.append([_number(c, f"{name} line {r}") for c in cells])
    if not rows:
        raise KeypointError(f"{name} has a header but no frames")
    data = np.array(rows)
    times = data[:, 1]
    if not np.isfinite(times).all():
        raise KeypointError(f"{name}: the Time column has empty or non-finite values")
    if len(times) > 1 and np.any(np.diff(times) <= 0):
        raise KeypointError(f"{name}: times must increase from frame to frame")
    joints = tuple(j for j in MEDIAPIPE_JOINTS if j in chosen)
    cols = np.array([2 + 3 * chosen[j] for j in joints])
    xy = np.stack([data[:, cols] * factor, -data[:, cols + 1] * factor], axis=2)
    if np.isinf(xy).any():
        raise KeypointError(f"{name} contains infinite coordinates")
    missing = np.isnan(xy).any(axis=2)
    xy[missing] = np.nan
    score = np.where(missing, 0.0, 1.0)
    meta = {"format": "trc", "source": name, "units": units or "unknown"}
    meta.update(ignored_markers=ignored, single_frame=len(times) == 1)
    if units in _TO_MM:
        meta["scale_m_per_px"] = 0.001
    elif units not in _PIXELS:
        meta["warning"] = f"unknown TRC units {units!r}: values used as pixels"
    return KeypointSeries(times, xy, score, joints, meta)


def read_trc(path: str | Path) -> KeypointSeries:
    """Read a TRC file (see module docstring)."""
    path = Path(path)
    series = parse_trc(read_text(path), name=path.name)
    series.meta["source"] = str(path)
    return series


def format_trc(series: KeypointSeries, units: str = "px", name: str = "keypoints.trc") -> str:
    """TRC text for ``series``: our joint names, y up, Z = 0, in ``px`` or ``m``.

    Metres need ``meta["scale_m_per_px"]``; without it a KeypointError says so.
    """
    if units not in ("px", "m"):
        raise KeypointError(f"TRC units must be 'px' or 'm', not {units!r}")
    factor = 1.0
    if units == "m":
        scale = series.meta.get("scale_m_per_px")
        if not scale:
            raise KeypointError("writing metres needs a known scale (meta scale_m_per_px)")
        factor = float(scale)
    rate = series.fps if series.n_frames > 1 else float(series.meta.get("fps", 0) or 0)
    n, j = series.n_frames, len(series.joints)
    lines = [
        f"PathFileType\t4\t(X/Y/Z)\t{name}",
        "DataRate\tCameraRate\tNumFrames\tNumMarkers\tUnits\tOrigDataRate"
        "\tOrigDataStartFrame\tOrigNumFrames",
        f"{rate:.6g}\t{rate:.6g}\t{n}\t{j}\t{units}\t{rate:.6g}\t1\t{n}",
        "Frame#\tTime\t" + "\t\t\t".join(series.joints),
        "\t\t" + "\t".join(f"{a}{k}" for k in range(1, j + 1) for a in "XYZ"),
        "",
    ]
    for f in range(n):
        cells = [str(f + 1), f"{series.times_s[f]:.10g}"]
        for x, y in series.xy[f]:
            if np.isnan(x) or np.isnan(y):
                cells += ["", "", ""]
            else:
                cells += [f"{x * factor:.10g}", f"{-y * factor:.10g}", "0"]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def write_trc(series: KeypointSeries, path: str | Path, units: str = "px") -> Path:
    """Write ``series`` as a TRC file (see ``format_trc``)."""
    path = Path(path)
    path.write_text(format_trc(series, units=units, name=path.name), encoding="utf-8")
    return path
