"""Video throughput: the whole form check against MediaPipe Pose alone, same run, same video.

Reference ("pose alone")
    The physical floor of a one-process pose tracker: decode every frame at full size
    to RGB (PyAV, one decoder thread, as Backstride decodes) and run MediaPipe Pose
    (``model_complexity=1``, tracking mode) on it, in this one process, nothing else.

Full check ("analyze")
    ``backstride.video.pipeline.analyze_video`` exactly as ``backstride analyze VIDEO``
    runs it: decoding, person search, pose, gait engine, annotated.mp4, report.json and
    report.html, with its helper process (two processes; see
    ``backstride.video.parallel``). With ``--one-process`` also with ``workers=1``.
    Each check runs in a fresh Python process that has imported the libraries (as
    pose alone has) but run no pose graph yet, like ``backstride analyze``: its helper
    is then a fork that needs no imports of its own.

Videos
    Every video in ../shared/data/video (see ../shared/data/SOURCES.md), or ``--video``.

Method
    Each round runs pose alone, then the full check (then the one-process check), on
    the same video, one after the other, so the two figures of a round see about the
    same machine. Each figure is x real time (seconds of video / wall seconds), and the
    round's ratio is full check / pose alone (above 1: the whole check is faster than
    the pose model alone). The machine is shared with other jobs, so every round is
    printed with the 1-minute load average before it, and the summary gives the median
    and the range of the ratio over the rounds, not only the best. CPU seconds include
    the helper process (reaped children).

Run: ``.venv/bin/python benchmarks/video_throughput.py`` (3 rounds; about 1 minute a
round for the demo on a quiet machine, several on a busy one). Prints a table and
writes benchmarks/results/video_throughput-DATE.json with versions, date and loads.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
import cv2

HERE = Path(__file__).resolve().parent
VIDEOS = HERE.parent.parent / "shared" / "data" / "video"
SUFFIXES = {".mp4", ".mov", ".m4v", ".webm", ".mkv", ".avi"}


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def pose_alone(video: Path) -> dict:
    """Decode + MediaPipe Pose on every full-size frame, one process: wall and CPU seconds."""
    import mediapipe as mp

    from backstride.video.decode import iter_frames

    pose = mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1)
    t0, c0 = time.perf_counter(), time.process_time()
    frames = found = 0
    last = 0.0
    for frame in iter_frames(video):
        found += pose.process(frame.image).pose_landmarks is not None
        frames += 1
        last = frame.time_s
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    pose.close()
    return {"wall_s": wall, "cpu_s": cpu, "frames": frames, "with_pose": found, "end_s": last}


def full_check(video: Path, workers: int | None) -> dict:
    """``analyze_video`` as the CLI runs it, in a fresh process (see :func:`check_child`):
    wall seconds, CPU seconds of both processes."""
    cmd = [sys.executable, __file__, "--check-child", str(video), "--workers", str(workers or 0)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the check failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def check_child(video: Path, workers: int | None) -> None:
    """One check in this fresh process, as ``backstride analyze`` runs it: the
    libraries are imported first (not timed, like pose alone's), no pose graph has run
    here yet, so the helper process is a fork, as on the command line."""
    import mediapipe  # noqa: F401

    from backstride.video.decode import iter_frames
    from backstride.video.pipeline import analyze_video

    for _ in iter_frames(video, max_seconds=0.5):
        pass
    with tempfile.TemporaryDirectory() as tmp:
        t0, c0, k0 = time.perf_counter(), time.process_time(), _children_cpu()
        result = analyze_video(video, Path(tmp) / "out", workers=workers)
        wall = time.perf_counter() - t0
        cpu = time.process_time() - c0 + _children_cpu() - k0
    out = {
        "wall_s": wall,
        "cpu_s": cpu,
        "stages_s": dict(result.facts.timings_s),
        "cadence_spm": result.report.cadence_spm,
        "contacts": len(result.report.contacts),
    }
    print(json.dumps(out))


def warm_up(video: Path) -> None:
    """Import and initialise everything once, so the first round is not an outlier."""
    from backstride.video.decode import iter_frames

    for _ in iter_frames(video, max_seconds=0.5):
        pass
    import mediapipe as mp

    mp.solutions.pose.Pose(static_image_mode=False, model_complexity=1).close()


def bench_video(video: Path, rounds: int, one_process: bool) -> dict:
    from backstride.video.decode import probe

    info = probe(video)
    warm_up(video)
    out: dict = {
        "video": video.name,
        "size": f"{info.width}x{info.height}",
        "codec": info.codec,
        "fps": round(info.fps_nominal, 3),
        "rounds": [],
    }
    for k in range(rounds):
        load = os.getloadavg()[0]
        ref = pose_alone(video)
        seconds = ref["end_s"] + 1.0 / (info.fps_nominal or 30.0)
        check = full_check(video, None)
        row = {
            "load_1m_before": round(load, 2),
            "load_1m_after": round(os.getloadavg()[0], 2),
            "video_s": round(seconds, 3),
            "pose_alone": {k2: round(v, 3) for k2, v in ref.items()},
            "pose_alone_x_realtime": round(seconds / ref["wall_s"], 3),
            "check": check,
            "check_x_realtime": round(seconds / check["wall_s"], 3),
            "ratio": round(ref["wall_s"] / check["wall_s"], 3),
        }
        if one_process:
            single = full_check(video, 1)
            row["check_one_process"] = single
            row["check_one_process_x_realtime"] = round(seconds / single["wall_s"], 3)
            row["ratio_one_process"] = round(ref["wall_s"] / single["wall_s"], 3)
        out["rounds"].append(row)
        print(
            f"  round {k + 1}: load {load:5.2f}  pose alone {row['pose_alone_x_realtime']:.2f} x "
            f"real time ({ref['wall_s']:.2f} s, {ref['cpu_s']:.1f} CPU-s)  check "
            f"{row['check_x_realtime']:.2f} x ({check['wall_s']:.2f} s, {check['cpu_s']:.1f} "
            f"CPU-s)  ratio {row['ratio']:.2f}"
            + (
                f"  | one process {row['check_one_process_x_realtime']:.2f} x, ratio "
                f"{row['ratio_one_process']:.2f}"
                if one_process
                else ""
            ),
            flush=True,
        )
    ratios = [r["ratio"] for r in out["rounds"]]
    out["ratio_median"] = round(statistics.median(ratios), 3)
    out["ratio_range"] = [min(ratios), max(ratios)]
    return out


def versions() -> dict:
    import mediapipe
    import numpy

    import backstride

    return {
        "backstride": getattr(backstride, "__version__", "0.1.0"),
        "python": platform.python_version(),
        "mediapipe": mediapipe.__version__,
        "opencv": cv2.__version__,
        "av": av.__version__,
        "numpy": numpy.__version__,
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--video", type=Path, action="append", help="default: shared videos")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--one-process", action="store_true", help="also time the check with workers=1"
    )
    today = dt.date.today().isoformat()
    parser.add_argument(
        "--out", type=Path, default=HERE / "results" / f"video_throughput-{today}.json"
    )
    parser.add_argument("--check-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_child:
        check_child(args.check_child, args.workers or None)
        return
    videos = args.video or sorted(p for p in VIDEOS.glob("*") if p.suffix.lower() in SUFFIXES)
    if not videos:
        raise SystemExit(f"no video found in {VIDEOS} (see ../shared/data/SOURCES.md)")
    missing = [v for v in videos if not v.exists()]
    if missing:
        raise SystemExit(f"video not found: {', '.join(map(str, missing))}")
    started = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    print(f"{started}: {len(videos)} video(s), {args.rounds} rounds; uptime: {_uptime()}")
    runs = []
    for video in videos:
        print(video.name, flush=True)
        runs.append(bench_video(video, args.rounds, args.one_process))
    result = {
        "date": started,
        "versions": versions(),
        "uptime_after": _uptime(),
        "runs": runs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    print(f"\n{'video':<44}{'pose alone':>12}{'analyze':>10}{'ratio':>8}  ratio range")
    for r in runs:
        pose = statistics.median(x["pose_alone_x_realtime"] for x in r["rounds"])
        check = statistics.median(x["check_x_realtime"] for x in r["rounds"])
        low, high = r["ratio_range"]
        print(
            f"{r['video'] + ' ' + r['size']:<44}{pose:>11.2f}x{check:>9.2f}x"
            f"{r['ratio_median']:>8.2f}  {low:.2f}-{high:.2f}"
        )
    print(f"(medians over rounds; uptime after: {_uptime()}); wrote {args.out}")


def _uptime() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


if __name__ == "__main__":
    main()
