"""Video throughput: how fast ``backstride analyze VIDEO`` runs, split by stage.

Videos
    - the demo, ../shared/data/video/walking-side-view-two-people.mp4: 1768 x 994 VP9,
      30 fps, 230 frames (7.7 s), two people (Sports2D demo, BSD-3);
    - a 640 x 480 H.264 clip made from it here (scaled to 854 x 480, centre cropped),
      the size the issue's "at least real time" target was set for.

Stages (seconds and frames per second of video processed)
    decode      a plain full-resolution decode to RGB, for reference;
    scan        pass 1: sampled frames searched for everyone, person chosen;
    pose        pass 2: decoding (prefetched in a thread) + the tracking pose model;
    analysis    the gait engine on the keypoints;
    render      annotated.mp4 (decode, draw, H.264);
    end_to_end  ``analyze_video``: everything above plus report.json/.html.
Parallel: the demo analysed by one process alone, then by two processes at once
(spawned, so nothing is shared): wall time, combined frames per second, and the CPU
seconds each run used. CPU seconds per run are what bounds two runs on two cores:
combined fps can never exceed 2 cores x frames / CPU-s, however the threads are set.
The 1-minute load average is printed before each part (the machine is shared).

Every time is the best of ``--repeat`` runs (default 3), the usual way to read through
other jobs on a shared machine.

Run: ``.venv/bin/python benchmarks/video_throughput.py`` (about 3 minutes;
``--parallel-only`` for the parallel part alone, about 1 minute). Prints a
table and writes benchmarks/results/video_throughput-DATE.json with versions and date.
The machine is shared, so the load average is recorded with the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing as mp
import os
import platform
import tempfile
import time
from pathlib import Path

import av
import cv2

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent.parent / "shared" / "data" / "video" / "walking-side-view-two-people.mp4"


def make_vga_clip(src: Path, dst: Path) -> Path:
    """The demo scaled to 854 x 480 and centre-cropped to 640 x 480 (H.264, 30 fps)."""
    from backstride.video.decode import iter_frames

    out = av.open(str(dst), mode="w")
    stream = out.add_stream("libx264", rate=30)
    stream.width, stream.height, stream.pix_fmt = 640, 480, "yuv420p"
    stream.options = {"crf": "20"}
    for f in iter_frames(src):
        img = cv2.resize(f.image, (854, 480), interpolation=cv2.INTER_AREA)[:, 107:747]
        for packet in stream.encode(av.VideoFrame.from_ndarray(img.copy(), format="rgb24")):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    return dst


def _timed(fn, *args):
    t0 = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - t0


def _count_frames(video: Path) -> int:
    from backstride.video.decode import iter_frames

    return sum(1 for _ in iter_frames(video))


def bench_one(video: Path, repeat: int = 3) -> dict:
    """Every stage on one video, in one process; each time is the best of ``repeat``."""
    from backstride.gait.analysis import analyze
    from backstride.video.decode import probe
    from backstride.video.extract import extract_keypoints
    from backstride.video.pipeline import analyze_video
    from backstride.video.render import render_annotated

    info = probe(video)
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, float("inf")), seconds)

    for _ in range(repeat):
        n, decode_s = _timed(_count_frames, video)
        keep("decode", decode_s)
        series, extract_s = _timed(extract_keypoints, video)
        t = series.video.timings_s
        keep("scan", t["scan_s"])
        keep("pose", extract_s - t["scan_s"])
        keep("pose_model_only", t["pose_s"])
        report, analysis_s = _timed(analyze, series)
        keep("analysis", analysis_s)
        with tempfile.TemporaryDirectory() as tmp:
            _, render_s = _timed(render_annotated, video, series, Path(tmp) / "a.mp4")
            keep("render", render_s)
            _, total_s = _timed(analyze_video, video, Path(tmp) / "out")
            keep("end_to_end", total_s)
    return {
        "video": video.name,
        "size": f"{info.width}x{info.height}",
        "frames": n,
        "duration_s": round(series.video.duration_s, 3),
        "frames_with_person": series.video.frames_with_person,
        "direction": report.direction,
        "repeat": repeat,
        "seconds": {k: round(v, 3) for k, v in best.items()},
        "fps": {
            k: round(n / best[k], 1) for k in ("decode", "scan", "pose", "render", "end_to_end")
        },
        "realtime_factor": round((n / info.fps_nominal) / best["end_to_end"], 2),
    }


def _analyze_in_process(video: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process, all its threads) for one analysis."""
    from backstride.video.pipeline import analyze_video

    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        analyze_video(video, Path(tmp) / "out")
        return time.perf_counter() - t0, time.process_time() - c0


def bench_parallel(video: Path, frames: int, workers: int = 2, repeat: int = 3) -> dict:
    """``workers`` processes analysing the same video at once (spawned: no shared state),
    against one process alone; the best wall time of ``repeat`` rounds each."""
    ctx = mp.get_context("spawn")
    out: dict = {"workers": workers}
    with ctx.Pool(workers) as pool:
        pool.map(_analyze_in_process, [str(video)] * workers)  # warm imports
        for n, label in ((1, "single"), (workers, "parallel")):
            load = os.getloadavg()[0]
            print(f"  {label}: load average (1 min) {load:.2f}", flush=True)
            wall, each = float("inf"), []
            for _ in range(repeat):
                t0 = time.perf_counter()
                runs = pool.map(_analyze_in_process, [str(video)] * n)
                if time.perf_counter() - t0 < wall:
                    wall, each = time.perf_counter() - t0, runs
            cpu = sum(c for _, c in each)
            out[label] = {
                "load_1m_before": round(load, 2),
                "wall_s": round(wall, 3),
                "each_wall_s": [round(w, 3) for w, _ in each],
                "each_cpu_s": [round(c, 3) for _, c in each],
                "combined_fps": round(n * frames / wall, 1),
                "cores_busy": round(cpu / wall, 2),
            }
    cpu_per_run = min(out["single"]["each_cpu_s"])
    out["speedup"] = round(out["parallel"]["combined_fps"] / out["single"]["combined_fps"], 2)
    out["cpu_s_per_run"] = cpu_per_run
    out["ceiling_fps_2_cores"] = round(2 * frames / cpu_per_run, 1)
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
    parser.add_argument("--video", type=Path, default=DEMO)
    parser.add_argument("--no-parallel", action="store_true")
    parser.add_argument("--parallel-only", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="best of N (default 3)")
    today = dt.date.today().isoformat()
    parser.add_argument(
        "--out", type=Path, default=HERE / "results" / f"video_throughput-{today}.json"
    )
    args = parser.parse_args()
    if not args.video.exists():
        raise SystemExit(f"video not found: {args.video} (see ../shared/data/SOURCES.md)")
    load_before = os.getloadavg()
    print(f"load average (1 min) at the start: {load_before[0]:.2f}", flush=True)
    runs = []
    if not args.parallel_only:
        with tempfile.TemporaryDirectory() as tmp:
            vga = make_vga_clip(args.video, Path(tmp) / "demo-640x480.mp4")
            runs = [bench_one(args.video, args.repeat), bench_one(vga, args.repeat)]
    frames = runs[0]["frames"] if runs else _count_frames(args.video)
    parallel = None if args.no_parallel else bench_parallel(args.video, frames, repeat=args.repeat)
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "versions": versions(),
        "load_average_1m": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "runs": runs,
        "parallel": parallel,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2))
    stages = ("decode", "scan", "pose", "analysis", "render", "end_to_end")
    print(f"{'video':<40}" + "".join(f"{s:>11}" for s in stages) + "  x realtime")
    for r in runs:
        secs = r["seconds"]
        print(
            f"{r['video'] + ' ' + r['size']:<40}"
            + "".join(f"{secs[s]:>10.2f}s" for s in stages)
            + f"  {r['realtime_factor']:>6.2f}"
        )
        fps = r["fps"]
        print(f"{'  frames/s':<40}" + "".join(f"{fps.get(s, 0):>11.1f}" for s in stages))
    if parallel:
        for label in ("single", "parallel"):
            r = parallel[label]
            print(
                f"{label:<8} demo: {r['wall_s']:.2f} s wall, {r['combined_fps']:.1f} frames/s "
                f"combined, CPU-s per run {r['each_cpu_s']}, {r['cores_busy']:.2f} cores busy "
                f"(load {r['load_1m_before']:.1f} before)"
            )
        print(
            f"two in parallel: {parallel['speedup']:.2f} x one alone; ceiling on 2 cores at "
            f"{parallel['cpu_s_per_run']:.1f} CPU-s per run: "
            f"{parallel['ceiling_fps_2_cores']:.1f} frames/s"
        )
    print(f"load average (1 min) before/after: {result['load_average_1m']}; wrote {args.out}")


if __name__ == "__main__":
    main()
