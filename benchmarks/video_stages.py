"""CPU seconds per stage of the form check, each stage alone in one process.

On a shared machine wall times swing with the load; the CPU seconds a stage costs do
not. This script times each stage of ``analyze_video`` on its own, in this process
(``workers=1``), by ``resource.getrusage`` (all threads), so the sum says what the
whole check must cost and where to cut:

- ``import``: importing the video package and MediaPipe in a fresh interpreter (what a
  "spawn" helper process pays before it can work);
- ``decode``: decoding every frame (decoder planes, no colour conversion);
- ``scan``: the person search (pass 1);
- ``pose``: the pose pass (pass 2) on the chosen person;
- ``render``: drawing and encoding annotated.mp4;
- ``pose alone``: the benchmark's reference (decode to RGB + MediaPipe on full frames).

Run: ``.venv/bin/python benchmarks/video_stages.py [--video PATH] [--rounds N]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent.parent / "shared" / "data" / "video" / "walking-side-view-two-people.mp4"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def timed(fn) -> tuple[float, float, object]:
    c0, t0 = _cpu(), time.perf_counter()
    out = fn()
    return _cpu() - c0, time.perf_counter() - t0, out


def import_cost() -> float:
    code = "import backstride.video.extract, mediapipe; mediapipe.solutions.pose"
    c0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", code], check=True)
    c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    return c1.ru_utime + c1.ru_stime - c0.ru_utime - c0.ru_stime


def one_round(video: Path, info, add, decode_all, pose_alone) -> None:
    """Each stage once, on the demo's real person choice, keypoints and contacts."""
    from backstride.gait.analysis import analyze
    from backstride.video.extract import (
        FRAME_MAX_SIDE,
        ExtractTimings,
        _series,
        pose_span,
        scan_people,
    )
    from backstride.video.render import Contact, render_annotated
    from backstride.video.tracking import PersonChoice

    add("import", import_cost(), 0.0)
    add("decode", *timed(decode_all)[:2])
    cpu, wall, (target, _) = timed(lambda: scan_people(video))
    add("scan", cpu, wall)
    cpu, wall, span = timed(
        lambda: pose_span(
            video,
            target,
            max_seconds=None,
            model_max_side=640,
            frame_max_side=FRAME_MAX_SIDE,
            backend="mediapipe",
            fps=info.fps_nominal,
        )
    )
    add("pose", cpu, wall)
    series = _series(
        video,
        info,
        span,
        target,
        2,
        PersonChoice("moves"),
        None,
        None,
        ExtractTimings(),
        "mediapipe",
    )
    report = analyze(series)
    contacts = [Contact(c.time_s, c.foot, c.strike or "") for c in report.contacts]
    with tempfile.TemporaryDirectory() as tmp:
        cpu, wall, _ = timed(
            lambda: render_annotated(
                video, series, Path(tmp) / "a.mp4", contacts=contacts, keyframes={}
            )
        )
    add("render", cpu, wall)
    add("pose alone", *timed(pose_alone)[:2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--video", type=Path, default=DEMO)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    import mediapipe as mp

    from backstride.video.decode import iter_frames, probe
    from backstride.video.pipeline import lean_threads

    info = probe(args.video)
    rows: dict[str, list[float]] = {}

    def add(name: str, cpu: float, wall: float) -> None:
        rows.setdefault(name, []).append(cpu)
        print(f"  {name:<12} {cpu:6.2f} CPU-s  {wall:6.2f} s wall", flush=True)

    def decode_all() -> int:
        return sum(1 for _ in iter_frames(args.video, yuv=True))

    def pose_alone() -> int:
        pose = mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1)
        n = sum(pose.process(f.image).pose_landmarks is not None for f in iter_frames(args.video))
        pose.close()
        return n

    with lean_threads():
        for k in range(args.rounds):
            print(f"round {k + 1}, load {os.getloadavg()[0]:.1f}")
            one_round(args.video, info, add, decode_all, pose_alone)
    print("median CPU-s:", {k: round(statistics.median(v), 2) for k, v in rows.items()})


if __name__ == "__main__":
    main()
