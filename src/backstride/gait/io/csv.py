"""Wide CSV keypoints: ``time_s`` then ``<joint>_x``, ``<joint>_y``, ``<joint>_score``.

The simplest format a person can produce or inspect in a spreadsheet, so it is the one
the CLI writes and the one the tests round-trip. Rules:

* one header row; ``time_s`` (seconds, strictly increasing) is required; cells are
  separated by commas (semicolons or tabs are recognised from the header row);
* joint columns use MediaPipe's snake-case names; any subset of joints may be present;
  a joint needs both ``_x`` and ``_y``; ``_score`` is optional (missing = 1 where the
  position is given);
* an empty cell (or ``nan``) is a missing value; scores are clipped to 0..1;
* coordinates are image pixels, x right, y down.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np

from backstride.gait.consts import MEDIAPIPE_JOINTS
from backstride.gait.io._common import read_text
from backstride.gait.keypoints import KeypointError, KeypointSeries

_COLUMN = re.compile(r"^(?P<joint>[a-z_]+)_(?P<axis>x|y|score)$")


def _parse_header(header: list[str]) -> tuple[int, dict[str, dict[str, int]]]:
    names = [h.strip() for h in header]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise KeypointError(f"CSV columns appear more than once: {', '.join(dupes[:5])}")
    if "time_s" not in names:
        raise KeypointError("the CSV has no time_s column (seconds) in its header row")
    columns: dict[str, dict[str, int]] = {}
    unknown, odd = [], []
    for i, name in enumerate(names):
        if name == "time_s":
            continue
        m = _COLUMN.match(name)
        if not m:
            odd.append(name)
        elif m["joint"] not in MEDIAPIPE_JOINTS:
            unknown.append(m["joint"])
        else:
            columns.setdefault(m["joint"], {})[m["axis"]] = i
    if odd:
        raise KeypointError(
            f"CSV columns must be time_s or <joint>_x/_y/_score, not: {', '.join(odd[:5])}"
        )
    if unknown:
        names_ = ", ".join(dict.fromkeys(unknown))
        raise KeypointError(f"unknown joint names in the CSV header: {names_}")
    if not columns:
        raise KeypointError("the CSV has no joint columns (e.g. left_knee_x, left_knee_y)")
    half = [j for j, axes in columns.items() if not {"x", "y"} <= axes.keys()]
    if half:
        raise KeypointError(f"joints need both _x and _y columns: {', '.join(half)}")
    return names.index("time_s"), columns


def _to_float(rows: list[list[str]], header: list[str]) -> np.ndarray:
    cells = [[c.strip() or "nan" for c in row] for row in rows]
    try:
        return np.array(cells, dtype=float)
    except ValueError:
        pass
    for r, row in enumerate(cells, start=2):
        for c, cell in enumerate(row):
            try:
                float(cell)
            except ValueError:
                raise KeypointError(
                    f"row {r}, column {header[c].strip()}: {cell[:20]!r} is not a number"
                ) from None
    raise KeypointError("the CSV contains cells that are not numbers")  # pragma: no cover


def parse_csv(text: str, source: str = "CSV") -> KeypointSeries:
    """Keypoints from CSV text (see module docstring); KeypointError on any problem."""
    first = text.lstrip().split("\n", 1)[0]
    delimiter = next((d for d in ",;\t" if "time_s" in [c.strip() for c in first.split(d)]), ",")
    try:
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        rows = [row for row in reader if any(c.strip() for c in row)]
    except csv.Error as exc:
        raise KeypointError(f"{source} is not a readable CSV file ({exc})") from None
    if not rows:
        raise KeypointError(f"{source} is empty")
    header, body = rows[0], rows[1:]
    t_col, columns = _parse_header(header)
    if not body:
        raise KeypointError(f"{source} has a header but no frames")
    for r, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise KeypointError(f"row {r} has {len(row)} cells, the header has {len(header)}")
    data = _to_float(body, header)
    times = data[:, t_col]
    if not np.isfinite(times).all():
        raise KeypointError("time_s has empty or non-finite values")
    if len(times) > 1 and np.any(np.diff(times) <= 0):
        bad = int(np.argmax(np.diff(times) <= 0)) + 3
        raise KeypointError(f"time_s must increase from row to row (row {bad} does not)")
    joints = tuple(j for j in MEDIAPIPE_JOINTS if j in columns)
    xy = np.stack([data[:, [columns[j]["x"], columns[j]["y"]]] for j in joints], axis=1)
    if np.isinf(xy).any():
        raise KeypointError("the CSV contains infinite coordinates")
    score = np.ones(xy.shape[:2])
    for k, j in enumerate(joints):
        if "score" in columns[j]:
            score[:, k] = np.nan_to_num(data[:, columns[j]["score"]], nan=0.0)
    score = np.clip(score, 0.0, 1.0)
    missing = np.isnan(xy).any(axis=2)
    xy[missing] = np.nan
    score[missing] = 0.0
    meta = {"format": "csv", "source": source, "single_frame": len(times) == 1}
    return KeypointSeries(times, xy, score, joints, meta)


def read_csv(path: str | Path) -> KeypointSeries:
    """Read a wide keypoint CSV file (see module docstring)."""
    path = Path(path)
    series = parse_csv(read_text(path), source=path.name)
    series.meta["source"] = str(path)
    return series


def format_csv(series: KeypointSeries) -> str:
    """The CSV text for ``series``; missing values are empty cells, 10 significant digits."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    header = ["time_s"] + [f"{j}_{a}" for j in series.joints for a in ("x", "y", "score")]
    writer.writerow(header)
    table = np.concatenate([series.xy, series.score[:, :, None]], axis=2)
    table = table.reshape(series.n_frames, -1)
    for t, row in zip(series.times_s, table, strict=True):
        writer.writerow([f"{t:.10g}"] + ["" if np.isnan(v) else f"{v:.10g}" for v in row])
    return out.getvalue()


def write_csv(series: KeypointSeries, path: str | Path) -> Path:
    """Write ``series`` as a wide CSV file that ``read_csv`` reads back unchanged."""
    path = Path(path)
    path.write_text(format_csv(series), encoding="utf-8")
    return path
