"""Gait engine accuracy: generated gaits with exact truth, and one real recording.

Challenge
    Recover locomotion (forward/backward, walk/run), cadence, foot contacts and toe-offs,
    strike type, trunk lean, elbow angle and shoulder checks from 2D keypoints.
Synthetic data
    ``backstride.gait.validation.synthetic`` (2D sagittal kinematic model, MediaPipe joints, 30 fps,
    10 s each): direction x gait x facing x strike, with random cadence, trunk lean,
    elbow angle, keypoint noise (0-3 px at 400 px body height), dropouts (0-5 %), leg
    swaps (0-2 runs of 3-8 frames), still / treadmill / panning camera, and shoulder
    checks in a third of the cases. Reference = the generator's ground truth.
Real data
    ``../shared/data/keypoints/openpose-running-side`` (Radluy/Running-Gait-Analysis,
    OpenPose BODY_25, forward overground running, side view, ~30 fps, 88 frames of which
    60 show the runner) and the same frames time-reversed (a realistic backward run).
    Reference cadence counted by hand from all five countable landings of both feet
    (right 5, left 15-16, right 27, left 37, right 48; the sixth is cut by the image
    edge): landing = where the heel, ankle or toe x speed first falls below 5, 10 or
    16 px/frame; step time = least-squares slope of landing frame against step number;
    median of the 9 variants = 165.7 steps/min (range 163.6-166.2; feet-passing check
    166.4). File time is used (frame k at k/30 s) although frame 16 repeats frame 15;
    details in tests/gait/engine_helpers.py and docs/benchmarks.md.
Real video (optional)
    ``../shared/data/video/walking-side-view-two-people.mp4`` (Sports2D's demo) through
    ``backstride.video.extract_keypoints`` (MediaPipe), forward and keypoints reversed in
    time. Reference: the video team's manual count, leading foot landing at frames 78 ...
    189 (+-2), 6 steps in 111 frames = 97 steps/min (tests/video/test_demo_end_to_end.py).
    Skipped when the video or the video extras are missing.
Short clips
    The same generator at 2-3 s (runs from 2 s, walks 3 s), where cadence comes from the
    legs' rhythm rather than contact timing.
Real motion capture
    ``../shared/data/mocap`` scored against contacts from the 3D feet, as recorded and
    time-reversed: see ``benchmarks/mocap_accuracy.py`` (its table is printed here too).
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
from mocap_accuracy import mocap_cases, print_table  # same folder: run as a script

from backstride.gait.analysis import analyze
from backstride.gait.validation.evaluation import (
    abs_error,
    match_events,
    match_labelled_events,
    relative_error,
)
from backstride.gait.validation.synthetic import GaitSpec, generate

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "../shared/data/keypoints/openpose-running-side"
REAL_CADENCE_SPM = 165.7
RESULTS = ROOT / "benchmarks" / "results"
DEMO = ROOT / "../shared/data/video/walking-side-view-two-people.mp4"
DEMO_CADENCE_SPM = 97.0


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


def rel_or_nan(measured: float | None, reference: float) -> float:
    """Relative error, NaN (counted apart as missing) when nothing was measured."""
    err = relative_error(measured, reference)
    return err if np.isfinite(err) else float("nan")


def score_case(spec: GaitSpec) -> dict:
    series, truth = generate(spec)
    r = analyze(series)
    tol = 3 / spec.fps
    contacts = match_events([c.time_s for c in r.contacts], [t for _, t in truth.contacts], tol)
    toe_offs = match_events([c.time_s for c in r.toe_offs], [t for _, t in truth.toe_offs], tol)
    strikes = [c.strike for c in r.contacts]
    right, found, false = match_labelled_events(
        [(c.time_s, c.side) for c in r.shoulder_checks], truth.shoulder_checks, 0.5
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
        "cadence_contacts_rel_err": rel_or_nan(r.metrics.cadence_contacts_spm, truth.cadence_spm),
        "cadence_rhythm_rel_err": rel_or_nan(r.metrics.cadence_rhythm_spm, truth.cadence_spm),
        "cadence_from_rhythm": r.cadence_spm == r.metrics.cadence_rhythm_spm,
        "stance_from_stillness": r.metrics.stance_from_stillness == 1.0,
        "cadence_disagreement_warning": any("differ by" in w for w in r.warnings),
        "contact_mae_frames": contacts.mean_abs_error_s * spec.fps,
        "contact_recall": contacts.recall,
        "contact_false": contacts.n_false,
        "toe_off_mae_frames": toe_offs.mean_abs_error_s * spec.fps,
        "toe_off_recall": toe_offs.recall,
        "strike_ok": sum(s == spec.strike for s in strikes),
        "strike_n": len(strikes),
        "lean_err_deg": abs_error(r.metrics.trunk_lean_deg, truth.trunk_lean_deg),
        "elbow_err_deg": abs_error(r.metrics.elbow_angle_deg, truth.elbow_angle_deg),
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
        "cadence_contacts_mean_rel_err_pct": 100 * mean("cadence_contacts_rel_err"),
        "cadence_contacts_max_rel_err_pct": 100 * nanmax(rows, "cadence_contacts_rel_err"),
        "cadence_rhythm_mean_rel_err_pct": 100 * mean("cadence_rhythm_rel_err"),
        "cadence_rhythm_max_rel_err_pct": 100 * nanmax(rows, "cadence_rhythm_rel_err"),
        "cadence_rhythm_missing_pct": 100
        * mean_bool(rows, lambda r: not np.isfinite(r["cadence_rhythm_rel_err"])),
        "cadence_from_rhythm_pct": 100 * mean("cadence_from_rhythm"),
        "stance_from_stillness_pct": 100 * mean("stance_from_stillness"),
        "cadence_disagreement_warnings_pct": 100 * mean("cadence_disagreement_warning"),
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


def nanmax(rows, key) -> float:
    values = np.array([r[key] for r in rows], dtype=float)
    return float(np.nanmax(values)) if np.isfinite(values).any() else float("nan")


def short_specs(per_combo: int, seed: int = 1) -> list[GaitSpec]:
    """2-3 s clips (runs 2-3 s, walks 3 s: a walk needs 2 s for three steps)."""
    rng = np.random.default_rng(seed)
    out = []
    for direction, gait in itertools.product(("backward", "forward"), ("run", "walk")):
        for _ in range(per_combo):
            out.append(
                GaitSpec(
                    direction=direction,
                    gait=gait,
                    facing=str(rng.choice(["right", "left"])),
                    strike=str(rng.choice(["forefoot", "midfoot", "heel"])),
                    cadence_spm=float(
                        rng.uniform(150, 200) if gait == "run" else rng.uniform(90, 130)
                    ),
                    duration_s=float(rng.uniform(2.0, 3.0)) if gait == "run" else 3.0,
                    treadmill=bool(rng.random() < 0.3),
                    noise_px=float(rng.choice([0.0, 1.0, 2.0, 3.0])),
                    dropout_rate=float(rng.choice([0.0, 0.02])),
                    seed=int(rng.integers(1_000_000)),
                )
            )
    return out


def score_short(spec: GaitSpec) -> dict:
    series, truth = generate(spec)
    r = analyze(series)
    return {
        "spec": {k: getattr(spec, k) for k in ("direction", "gait", "duration_s", "noise_px")},
        "cadence_rel_err": rel_or_nan(r.cadence_spm, truth.cadence_spm),
        "cadence_contacts_rel_err": rel_or_nan(r.metrics.cadence_contacts_spm, truth.cadence_spm),
        "cadence_from_rhythm": r.cadence_spm == r.metrics.cadence_rhythm_spm,
    }


def summarise_short(rows: list[dict]) -> dict:
    err = np.array([r["cadence_rel_err"] for r in rows], dtype=float)
    contacts = np.array([r["cadence_contacts_rel_err"] for r in rows], dtype=float)
    return {
        "cases": len(rows),
        "cadence_missing_pct": 100 * float(np.mean(~np.isfinite(err))),
        "cadence_mean_rel_err_pct": 100 * float(np.nanmean(err)),
        "cadence_max_rel_err_pct": 100 * float(np.nanmax(err)),
        "cadence_within_1pct_pct": 100 * float(np.mean(err <= 0.01)),
        "contacts_only_missing_pct": 100 * float(np.mean(~np.isfinite(contacts))),
        "contacts_only_mean_rel_err_pct": 100 * float(np.nanmean(contacts)),
        "contacts_only_max_rel_err_pct": 100 * float(np.nanmax(contacts)),
        "contacts_only_within_1pct_pct": 100 * float(np.mean(contacts <= 0.01)),
        "cadence_from_rhythm_pct": 100 * float(np.mean([r["cadence_from_rhythm"] for r in rows])),
    }


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
            "cadence_contacts_spm": r.metrics.cadence_contacts_spm,
            "cadence_rhythm_spm": r.metrics.cadence_rhythm_spm,
            "contacts": len(r.contacts),
            "strikes": [c.strike for c in r.contacts],
            "trunk_lean_deg": r.metrics.trunk_lean_deg,
            "elbow_angle_deg": r.metrics.elbow_angle_deg,
        }
    out["reference_cadence_spm"] = REAL_CADENCE_SPM
    return out


def real_video_cases() -> dict:
    """The demo walk from video: cadence forward and reversed against the manual count."""
    if not DEMO.is_file():
        return {"skipped": f"demo video not found at {DEMO.resolve()}"}
    try:
        from backstride.video.extract import extract_keypoints
    except ImportError as error:
        return {"skipped": f"video extras not installed ({error})"}
    from backstride.gait.transforms import reverse_in_time

    series = extract_keypoints(DEMO)
    out: dict = {"reference_cadence_spm": DEMO_CADENCE_SPM}
    for name, s in (("forward", series), ("time_reversed", reverse_in_time(series))):
        r = analyze(s)
        out[name] = {
            "direction": r.direction,
            "gait": r.gait,
            "cadence_spm": r.cadence_spm,
            "cadence_err_spm": abs_error(r.cadence_spm, DEMO_CADENCE_SPM),
            "cadence_contacts_spm": r.metrics.cadence_contacts_spm,
            "cadence_rhythm_spm": r.metrics.cadence_rhythm_spm,
            "contacts": len(r.contacts),
            "contact_times_s": [c.time_s for c in r.contacts],
            "duty_factor": r.metrics.duty_factor,
            "pelvis_phase": r.metrics.pelvis_phase,
            "stance_from_stillness": r.metrics.stance_from_stillness == 1.0,
        }
    return out


def speed() -> dict:
    """Wall and CPU time of ``analyze`` on 10 min at 60 fps (CPU time is the fairer figure
    on a machine shared with other jobs: waiting for a core does not count)."""
    series, _ = generate(GaitSpec(duration_s=600.0, fps=60.0, noise_px=1.0))
    wall, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        analyze(series)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {
        "frames": series.n_frames,
        "best_s": min(wall),
        "median_s": float(np.median(wall)),
        "best_cpu_s": min(cpu),
        "load_average_1min": os.getloadavg()[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 cases per combination, not 10")
    args = parser.parse_args()
    rows = [score_case(s) for s in specs(2 if args.quick else 10)]
    summary = summarise(rows)
    clean = summarise(
        [r for r in rows if r["spec"]["dropout_rate"] == 0 and r["spec"]["leg_swaps"] == 0]
    )
    short = summarise_short([score_short(s) for s in short_specs(3 if args.quick else 15)])
    real = real_cases()
    video = real_video_cases()
    spd = speed()
    print(f"{'measure':34s} {'all cases':>10s} {'no drop/swap':>13s}")
    for key in summary:
        print(f"{key:34s} {summary[key]:10.2f} {clean[key]:13.2f}")
    print("short clips (2-3 s):")
    for key, value in short.items():
        print(f"  {key:34s} {value:10.2f}")
    for name in ("forward", "time_reversed"):
        if name in real:
            r = real[name]
            print(
                f"real {name:12s} {r['direction']} {r['gait']} cadence {r['cadence_spm']:.2f} "
                f"(hand {REAL_CADENCE_SPM}, err {r['cadence_err_spm']:.2f}; contacts "
                f"{r['cadence_contacts_spm']:.1f}, rhythm {r['cadence_rhythm_spm']:.2f}) "
                f"strikes {r['strikes']}"
            )
    for name in ("forward", "time_reversed"):
        if name in video:
            r = video[name]
            print(
                f"demo video {name:12s} {r['direction']} {r['gait']} cadence "
                f"{r['cadence_spm']:.1f} (manual {DEMO_CADENCE_SPM}; contacts "
                f"{r['cadence_contacts_spm']:.1f}, rhythm {r['cadence_rhythm_spm']:.1f}) "
                f"{r['contacts']} contacts, duty factor {r['duty_factor']:.2f}, pelvis phase "
                f"{r['pelvis_phase']:.2f}, stillness {r['stance_from_stillness']}"
            )
    print("real motion capture (benchmarks/mocap_accuracy.py):")
    mocap = mocap_cases()
    print_table(mocap)
    print(
        f"speed: {spd['frames']} frames in {spd['best_s']:.2f} s wall, {spd['best_cpu_s']:.2f} s "
        f"CPU (best of 3, one core; load average {spd['load_average_1min']:.1f})"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    today = dt.date.today().isoformat()
    doc = {
        "benchmark": "gait_accuracy",
        "backstride_version": version("backstride"),
        "date": today,
        "synthetic": summary,
        "synthetic_without_dropouts_or_swaps": clean,
        "synthetic_short_clips": short,
        "real": real,
        "real_video": video,
        "mocap": mocap,
        "speed": spd,
        "cases": rows,
    }
    path = RESULTS / f"gait_accuracy-{today}.json"
    path.write_text(json.dumps(doc, indent=1, default=float) + "\n", encoding="utf-8")
    print(f"results written to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
