"""Large-file video benchmark: peak memory and time of ``analyze_video`` on a 4K clip.

Why: phones record minutes of 4K. The pipeline streams frames (decoding, the pose
pass and rendering each hold a few frames at a time), so peak memory must not grow
with the length of the clip. This script checks that with real numbers.

Video
    The demo (../shared/data/video/walking-side-view-two-people.mp4, 1768 x 994,
    7.7 s) upscaled to 3840 x 2160 and looped, every other loop reversed in time so
    the walker goes back and forth, encoded as H.264 (ultrafast, CRF 28) at 30 fps
    into /tmp. It is made once and reused (``--remake`` to rebuild).

Measurement
    Each run is a separate child process (``python -c``) analysing the first
    ``--max-seconds`` of the clip; its peak resident memory is the child's
    ``ru_maxrss`` (read with ``os.wait4``), its time the wall clock. The child starts a
    helper process of its own (``backstride.video.parallel``), so the memory of the
    whole process tree (child + helper, read from /proc every 0.1 s) is given too.
    Running two lengths (15 s and the whole 60 s by default) shows whether memory
    grows with length.

Run: ``.venv/bin/python benchmarks/video_large.py`` (about 10 minutes on the shared
2-core machine, most of it making the clip). Prints a table and writes
benchmarks/results/video_large-DATE.json. The load average is printed with it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
from fractions import Fraction
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEMO = HERE.parent.parent / "shared" / "data" / "video" / "walking-side-view-two-people.mp4"
CLIP = Path("/tmp/backstride-bench-4k-60s.mp4")
SIZE = (3840, 2160)

_CHILD = """
import json, sys, tempfile, time
from pathlib import Path
from backstride.video.pipeline import analyze_video
video, seconds = sys.argv[1], float(sys.argv[2])
with tempfile.TemporaryDirectory() as tmp:
    t0 = time.perf_counter()
    result = analyze_video(video, Path(tmp) / "out", max_seconds=seconds)
    wall = time.perf_counter() - t0
v = result.to_dict()["video"]
print(json.dumps({"wall_s": wall, "frames": v["frames"], "timings_s": v["timings_s"],
                  "frames_with_person": v["frames_with_person"], "warnings": v["warnings"]}))
"""


def make_clip(dst: Path, seconds: float = 60.0, fps: int = 30) -> Path:
    """The demo upscaled to 4K and looped back and forth for ``seconds`` (see docstring)."""
    import av
    import cv2
    import numpy as np

    from backstride.video.decode import iter_frames

    # One loop at 1280 px is kept (about 0.6 GB): upscaling is cheaper than decoding again.
    loop = [f.image for f in iter_frames(DEMO, max_side=1280)]
    tmp = dst.with_name(f".{dst.name}.part")
    out = av.open(str(tmp), mode="w", format="mp4")
    stream = out.add_stream("libx264", rate=fps)
    stream.width, stream.height, stream.pix_fmt = *SIZE, "yuv420p"
    stream.options = {"preset": "ultrafast", "crf": "28"}
    total = int(seconds * fps)
    for i in range(total):
        k, j = divmod(i, len(loop))
        img = loop[j] if k % 2 == 0 else loop[len(loop) - 1 - j]
        big = np.ascontiguousarray(cv2.resize(img, SIZE, interpolation=cv2.INTER_LINEAR))
        frame = av.VideoFrame.from_ndarray(big, format="rgb24")
        frame.pts, frame.time_base = i, Fraction(1, fps)
        for packet in stream.encode(frame):
            out.mux(packet)
    for packet in stream.encode():
        out.mux(packet)
    out.close()
    os.replace(tmp, dst)
    return dst


def run_child(video: Path, seconds: float) -> dict:
    """Analyse the first ``seconds`` of ``video`` in a fresh process: peak RSS and time."""
    env = {**os.environ, "PYTHONPATH": str(HERE.parent / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(video), str(seconds)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    peak_tree = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak_tree[0] = max(peak_tree[0], _tree_rss_kb(proc.pid))
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read() if proc.stdout else ""
    done.set()
    sampler.join()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child failed ({proc.returncode}) on {seconds} s")
    result = json.loads(out.strip().splitlines()[-1])
    result["seconds"] = seconds
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    result["peak_tree_rss_mb"] = round(peak_tree[0] / 1024, 1)
    result["cpu_s"] = round(usage.ru_utime + usage.ru_stime, 2)
    result["fps"] = round(result["frames"] / result["wall_s"], 1)
    result["wall_s"] = round(result["wall_s"], 2)
    return result


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants now, in kB (0 once gone)."""
    total = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += next(
                (int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS")),
                0,
            )
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, nargs="+", default=[15.0, 60.0])
    parser.add_argument("--remake", action="store_true", help="rebuild the 4K clip")
    parser.add_argument("--make-only", action="store_true", help="only make the clip")
    today = dt.date.today().isoformat()
    parser.add_argument("--out", type=Path, default=HERE / "results" / f"video_large-{today}.json")
    args = parser.parse_args()
    if not DEMO.exists():
        raise SystemExit(f"demo video not found: {DEMO} (see ../shared/data/SOURCES.md)")
    if args.remake or not CLIP.exists():
        t0 = time.perf_counter()
        make_clip(CLIP, max(args.seconds))
        print(
            f"made {CLIP} ({CLIP.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t0:.0f} s"
        )
    if args.make_only:
        return
    runs = []
    for seconds in args.seconds:
        load = os.getloadavg()[0]
        r = run_child(CLIP, seconds)
        r["load_1m_before"] = round(load, 2)
        runs.append(r)
        print(
            f"4K, first {seconds:>4.0f} s: {r['frames']:>5} frames in {r['wall_s']:>7.1f} s "
            f"({r['fps']:.1f} frames/s, {r['cpu_s']:.0f} CPU-s), peak RSS {r['peak_rss_mb']:.0f} MB"
            f" (both processes together {r['peak_tree_rss_mb']:.0f} MB)"
            f"  [load {load:.1f}; stages {r['timings_s']}]"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "clip": {"path": str(CLIP), "size": list(SIZE), "mb": round(CLIP.stat().st_size / 1e6)},
        "runs": runs,
        "load_average_1m_after": round(os.getloadavg()[0], 2),
    }
    args.out.write_text(json.dumps(doc, indent=2))
    print(f"load average (1 min) now {os.getloadavg()[0]:.1f}; wrote {args.out}")


if __name__ == "__main__":
    main()
