"""Gait engine accuracy: generated gaits with exact truth, and one real recording.

Challenge
    Recover locomotion (forward/backward, walk/run), cadence, foot contacts and toe-offs,
    strike type, trunk lean, elbow angle and shoulder checks from 2D keypoints.
Synthetic data
    ``backstride.gait.synthetic`` (2D sagittal kinematic model, MediaPipe joints, 30 fps,
    10 s each): direction x gait x facing x strike, with random cadence, trunk lean,
    elbow angle, keypoint noise (0-3 px at 400 px body height), dropouts (0-5 %), leg
    swaps (0-2 runs of 3-8 frames), still / treadmill / panning camera, and shoulder
    checks in a third of the cases. Reference = the generator's ground truth.
Real data
    ``../shared/data/keypoints/openpose-running-side`` (Radluy/Running-Gait-Analysis,
    OpenPose BODY_25, forward overground running, side view, ~30 fps, 88 frames of which
    60 show the runner) and the same frames time-reversed (a realistic backward run).
    Reference cadence counted by hand: right-foot contacts at frames 5.5 and 48.5, i.e.
    4 steps in 43 frames = 167.4 steps/min (contact = frame where the heel reaches the
    ground and stops moving over it; about +-2.5 steps/min given a 2 s clip).
Speed
    10 minutes of 60 fps keypoints (36,000 frames) through ``analyze`` on one core.

Run: ``.venv/bin/python benchmarks/gait_accuracy.py`` (about 1-2 minutes; ``--quick`` for
a smaller set). Prints a table and writes ``benchmarks/results/gait_accuracy-<date>.json``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, before numpy loads
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import datetime as dt
import itertools
import json
import time
from importlib.metadata import version
from pathlib import Path

import numpy as np

from backstride.gait.analysis import analyze
from backstride.gait.evaluation import (
    abs_error,
    match_events,
    match_labelled_events,
    relative_error,
)
from backstride.gait.synthetic import GaitSpec, generate

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "../shared/data/keypoints/openpose-running-side"
REAL_CADENCE_SPM = 167.4
RESULTS = ROOT / "benchmarks" / "results"


def specs(per_combo: int, seed: int = 0) -> list[GaitSpec]:
    """The generated case list: every direction/gait/facing/strike combination, varied."""
    rng = np.random.default_rng(seed)
    out = []
    combos = itertools.product(
        ("backward", "forward"), ("run", "walk"), ("right", "left"), ("forefoot", "midfoot", "heel")
    )
    for direction, gait, facing, strike in combos:
        for _ in range(per_combo):
            camera = rng.choice(["still", "treadmill", "pan"])
            out.append(
                GaitSpec(
                    direction=direction,
                    gait=gait,
                    facing=facing,
                    strike=strike,
                    cadence_spm=float(
                        rng.uniform(150, 200) if gait == "run" else rng.uniform(90, 130)
                    ),
                    trunk_lean_deg=float(rng.uniform(-5, 12)),
                    elbow_angle_deg=float(rng.uniform(70, 120)),
                    shoulder_check_interval_s=float(rng.uniform(2.5, 4.0))
                    if rng.random() < 1 / 3
                    else None,
                    treadmill=bool(camera == "treadmill"),
                    pan_px_per_s=float(rng.uniform(-300, 300)) if camera == "pan" else 0.0,
                    noise_px=float(rng.choice([0.0, 1.0, 2.0, 3.0])),
                    dropout_rate=float(rng.choice([0.0, 0.02, 0.05])),
                    leg_swaps=int(rng.choice([0, 0, 1, 2])),
                    seed=int(rng.integers(1_000_000)),
                )
            )
    return out


def score_case(spec: GaitSpec) -> dict:
    series, truth = generate(spec)
    r = analyze(series)
    tol = 3 / spec.fps
    contacts = match_events([c["time_s"] for c in r.contacts], [t for _, t in truth.contacts], tol)
    toe_offs = match_events([c["time_s"] for c in r.toe_offs], [t for _, t in truth.toe_offs], tol)
    strikes = [c["strike"] for c in r.contacts]
    right, found, false = match_labelled_events(
        [(c["time_s"], c["side"]) for c in r.shoulder_checks], truth.shoulder_checks, 0.5
    )
    return {
        "spec": {
            k: getattr(spec, k)
            for k in (
                "direction",
                "gait",
                "facing",
                "strike",
                "noise_px",
                "dropout_rate",
                "leg_swaps",
                "treadmill",
            )
        },
        "direction_ok": r.direction == truth.direction,
        "gait_ok": r.gait == truth.gait,
        "cadence_rel_err": relative_error(r.cadence_spm, truth.cadence_spm),
        "contact_mae_frames": contacts.mean_abs_error_s * spec.fps,
        "contact_recall": contacts.recall,
        "contact_false": contacts.n_false,
        "toe_off_mae_frames": toe_offs.mean_abs_error_s * spec.fps,
        "toe_off_recall": toe_offs.recall,
        "strike_ok": sum(s == spec.strike for s in strikes),
        "strike_n": len(strikes),
        "lean_err_deg": abs_error(r.metrics["trunk_lean_deg"], truth.trunk_lean_deg),
        "elbow_err_deg": abs_error(r.metrics["elbow_angle_deg"], truth.elbow_angle_deg),
        "checks_ref": len(truth.shoulder_checks),
        "checks_right_side": right,
        "checks_found": found,
        "checks_false": false,
        "minutes": series.duration_s / 60,
    }


def summarise(rows: list[dict]) -> dict:
    def mean(key):
        return float(np.nanmean([r[key] for r in rows]))

    ref_checks = sum(r["checks_ref"] for r in rows)
    return {
        "cases": len(rows),
        "direction_accuracy_pct": 100 * mean("direction_ok"),
        "gait_accuracy_pct": 100 * mean("gait_ok"),
        "cadence_mean_rel_err_pct": 100 * mean("cadence_rel_err"),
        "cadence_max_rel_err_pct": 100 * max(r["cadence_rel_err"] for r in rows),
        "cadence_within_1pct_pct": 100 * mean_bool(rows, lambda r: r["cadence_rel_err"] <= 0.01),
        "contact_mae_frames": mean("contact_mae_frames"),
        "contact_recall_pct": 100 * mean("contact_recall"),
        "contact_false_per_case": mean("contact_false"),
        "toe_off_mae_frames": mean("toe_off_mae_frames"),
        "toe_off_recall_pct": 100 * mean("toe_off_recall"),
        "strike_accuracy_pct": 100
        * sum(r["strike_ok"] for r in rows)
        / max(1, sum(r["strike_n"] for r in rows)),
        "trunk_lean_mean_err_deg": mean("lean_err_deg"),
        "trunk_lean_max_err_deg": max(r["lean_err_deg"] for r in rows),
        "elbow_mean_err_deg": mean("elbow_err_deg"),
        "elbow_max_err_deg": max(r["elbow_err_deg"] for r in rows),
        "checks_found_right_side_pct": 100
        * sum(r["checks_right_side"] for r in rows)
        / max(1, ref_checks),
        "checks_false_per_min": sum(r["checks_false"] for r in rows)
        / sum(r["minutes"] for r in rows),
    }


def mean_bool(rows, pred) -> float:
    return float(np.mean([bool(pred(r)) for r in rows]))


def real_cases() -> dict:
    if not REAL.is_dir():
        return {"skipped": f"real keypoints not found at {REAL.resolve()}"}
    from backstride.gait.io import read_openpose
    from backstride.gait.transforms import reverse_in_time

    series = read_openpose(REAL, fps=30.0)
    out = {}
    for name, s, direction in (
        ("forward", series, "forward"),
        ("time_reversed", reverse_in_time(series), "backward"),
    ):
        r = analyze(s)
        out[name] = {
            "direction": r.direction,
            "direction_ok": r.direction == direction,
            "gait": r.gait,
            "cadence_spm": r.cadence_spm,
            "cadence_err_spm": abs_error(r.cadence_spm, REAL_CADENCE_SPM),
            "contacts": len(r.contacts),
            "strikes": [c["strike"] for c in r.contacts],
            "trunk_lean_deg": r.metrics["trunk_lean_deg"],
            "elbow_angle_deg": r.metrics["elbow_angle_deg"],
        }
    out["reference_cadence_spm"] = REAL_CADENCE_SPM
    return out


def speed() -> dict:
    series, _ = generate(GaitSpec(duration_s=600.0, fps=60.0, noise_px=1.0))
    times = []
    for _ in range(3):
        start = time.perf_counter()
        analyze(series)
        times.append(time.perf_counter() - start)
    return {"frames": series.n_frames, "best_s": min(times), "median_s": float(np.median(times))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 cases per combination, not 10")
    args = parser.parse_args()
    rows = [score_case(s) for s in specs(2 if args.quick else 10)]
    summary = summarise(rows)
    clean = summarise(
        [r for r in rows if r["spec"]["dropout_rate"] == 0 and r["spec"]["leg_swaps"] == 0]
    )
    real = real_cases()
    spd = speed()
    print(f"{'measure':34s} {'all cases':>10s} {'no drop/swap':>13s}")
    for key in summary:
        print(f"{key:34s} {summary[key]:10.2f} {clean[key]:13.2f}")
    for name in ("forward", "time_reversed"):
        if name in real:
            r = real[name]
            print(
                f"real {name:12s} {r['direction']} {r['gait']} cadence {r['cadence_spm']:.1f} "
                f"(hand {REAL_CADENCE_SPM}, err {r['cadence_err_spm']:.1f}) strikes {r['strikes']}"
            )
    print(f"speed: {spd['frames']} frames in {spd['best_s']:.2f} s (best of 3, one core)")
    RESULTS.mkdir(parents=True, exist_ok=True)
    today = dt.date.today().isoformat()
    doc = {
        "benchmark": "gait_accuracy",
        "backstride_version": version("backstride"),
        "date": today,
        "synthetic": summary,
        "synthetic_without_dropouts_or_swaps": clean,
        "real": real,
        "speed": spd,
        "cases": rows,
    }
    path = RESULTS / f"gait_accuracy-{today}.json"
    path.write_text(json.dumps(doc, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"results written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
