"""Gait engine accuracy on real optical motion capture, as recorded and time-reversed.

Data
    ``../shared/data/mocap/`` (Bandai Namco Research Motion Dataset 1, CC BY-NC 4.0, never
    copied into this repository): two backward walks (``walk-back_active``,
    ``walk-back_sad``, whose pace changes) and two forward walks (``walk_musical``,
    ``walk_sad``, feet gliding low before the heel lands), 30 fps BVH, and their exact
    2D side views (``bandai_*_side.csv``, no pose-estimator noise). Each clip is scored
    as recorded and played backward (a forward walk becomes a backward one).
Reference
    ``backstride.gait.validation.mocap``: contacts from the 3D feet in the BVH (a heel
    or toe point within 2 cm of its floor level and slower than 30 % of the hips' speed,
    sub-frame at the speed crossing); the reference cadence is the clip's mean (steps
    between the first and last reference contact over their span) and its per-step range.
    The engine never sees the BVH.
Scores
    Contact timing in frames (matched one-to-one within half a step; median and worst
    absolute error, mean signed error), contacts found / reference, cadence error,
    direction and walk/run, heel-first reference landings labelled ``heel``.

Run: ``.venv/bin/python benchmarks/mocap_accuracy.py`` (about 10 s). Prints a table and
writes ``benchmarks/results/mocap_accuracy-<date>.json``. ``gait_accuracy.py`` prints the
same table at its end.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import version
from pathlib import Path

import numpy as np

from backstride.gait.io import read_csv
from backstride.gait.io.bvh import read_bvh
from backstride.gait.validation.mocap import score_clip

ROOT = Path(__file__).resolve().parents[1]
MOCAP = (ROOT / "../shared/data/mocap").resolve()
RESULTS = ROOT / "benchmarks" / "results"
CLIPS = ("walk-back_active", "walk-back_sad", "walk_musical", "walk_sad")


def mocap_cases() -> list[dict]:
    """Every clip as recorded and reversed, scored; empty when the folder is absent."""
    rows = []
    for name in CLIPS:
        bvh, csv = MOCAP / f"dataset-1_{name}_001.bvh", MOCAP / f"bandai_{name}_side.csv"
        if not (bvh.exists() and csv.exists()):
            continue
        mocap, series = read_bvh(bvh), read_csv(csv)
        for rev in (False, True):
            expected = "backward" if name.startswith("walk-back") != rev else "forward"
            s = score_clip(name, series, mocap, rev, expected)
            err = np.abs(s.contact_errors_frames)
            rows.append(
                {
                    "clip": name,
                    "reversed": rev,
                    "direction": s.direction,
                    "expected_direction": expected,
                    "gait": s.gait,
                    "contacts_found": s.contact_errors_frames.size,
                    "contacts_detected": s.n_detected,
                    "contacts_reference": s.n_reference,
                    "contact_median_abs_frames": float(np.median(err)),
                    "contact_worst_abs_frames": float(np.max(err)),
                    "contact_mean_signed_frames": float(np.mean(s.contact_errors_frames)),
                    "cadence_spm": s.cadence_spm,
                    "reference_cadence_spm": s.reference_cadence_spm,
                    "reference_step_spm_range": s.reference_step_spm_range,
                    "cadence_error_pct": s.cadence_error_pct,
                    "heel_labelled": s.heel_labelled,
                    "heel_reference": s.heel_reference,
                    "warnings": list(s.warnings),
                }
            )
    return rows


def print_table(rows: list[dict]) -> None:
    if not rows:
        print(f"mocap: {MOCAP} not found, skipped")
        return
    print(
        f"{'clip':17s} {'played':8s} {'direction':19s} {'gait':5s} {'found':>6s} "
        f"{'median':>6s} {'worst':>6s} {'bias':>6s} {'cadence':>8s} {'ref':>6s} "
        f"{'err %':>6s} {'heel':>6s}"
    )
    for r in rows:
        ok = "ok" if r["direction"] == r["expected_direction"] else "WRONG"
        heel = f"{r['heel_labelled']}/{r['heel_reference']}" if r["heel_reference"] else "-"
        cad = f"{r['cadence_spm']:.1f}" if r["cadence_spm"] is not None else "-"
        print(
            f"{r['clip']:17s} {'reversed' if r['reversed'] else 'recorded':8s} "
            f"{(r['direction'] or '-') + ' ' + ok:19s} {r['gait'] or '-':5s} "
            f"{r['contacts_found']:>3d}/{r['contacts_reference']:<2d} "
            f"{r['contact_median_abs_frames']:6.2f} {r['contact_worst_abs_frames']:6.2f} "
            f"{r['contact_mean_signed_frames']:+6.2f} {cad:>8s} "
            f"{r['reference_cadence_spm']:6.1f} {r['cadence_error_pct']:6.2f} {heel:>6s}"
        )
    med = [r["contact_median_abs_frames"] for r in rows]
    worst = [r["contact_worst_abs_frames"] for r in rows]
    cad = [r["cadence_error_pct"] for r in rows]
    print(
        f"all {len(rows)} cases: contact median of medians {np.median(med):.2f} frames, largest "
        f"median {max(med):.2f}, worst {max(worst):.2f}; cadence error worst {max(cad):.2f} %"
    )


def main() -> None:
    rows = mocap_cases()
    print_table(rows)
    if not rows:
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    today = dt.date.today().isoformat()
    doc = {
        "benchmark": "mocap_accuracy",
        "backstride_version": version("backstride"),
        "date": today,
        "cases": rows,
    }
    path = RESULTS / f"mocap_accuracy-{today}.json"
    path.write_text(json.dumps(doc, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"results written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
