"""A second process for the form check: both cores on one video.

MediaPipe's pose graph is effectively single-threaded (one core per video, however
many the machine has), and it is most of the cost of a form check. So the passes over
a video are cut in two at a point in time: this process works on the first part, a
helper process on the second, and the results are joined in time order.

- The person search samples frames on a fixed time grid, so both halves together
  search exactly the frames one process would.
- The pose model tracks the person from frame to frame (the previous pose places the
  next crop, and the landmarks are smoothed over time). The helper therefore starts
  :data:`SEAM_WARMUP_S` before its share and throws those frames away: by the seam its
  tracker has found the person and its smoothing has settled, so the two halves
  agree there (tests/video/test_parallel.py compares the result with one process).
- The helper is started at the beginning of the run. Where it is safe (Linux, this
  process running no other Python thread) it is a *fork* of this process made after
  MediaPipe and the video modules are imported here, so it starts with them loaded
  and costs no import at all (a fresh interpreter pays about 0.9-1.5 CPU-s for them,
  a sixth of the whole check). Otherwise (a web server's worker thread, macOS,
  Windows) it is a fresh "spawn" process that imports them while this process works.

A helper never outlives the run: :meth:`Helper.close` ends it, also on errors and
Ctrl-C (the helper ignores SIGINT; this process decides).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

# The helper runs the pose model this long before its share of the video.
SEAM_WARMUP_S = 0.5

# Below this length a second process is not worth its start-up (about 0.7 CPU-s).
MIN_SPLIT_S = 4.0

ProgressFn = Callable[[str, int, int | None], None]

_counter: Any = None  # in the helper: frames done in the current task (shared memory)


def worker_count(workers: int | None, duration_s: float) -> int:
    """How many processes analyse a video: ``workers`` if given, otherwise two when the
    machine has two cores or more and the video is at least :data:`MIN_SPLIT_S` long."""
    if workers is None:
        workers = 2 if (os.cpu_count() or 1) >= 2 and duration_s >= MIN_SPLIT_S else 1
    return max(1, min(int(workers), 2))


def _preload(backend: str) -> None:
    """Import the video modules and the pose model's library (MediaPipe is otherwise
    imported on first use). Both processes need them; after a fork they are shared."""
    import backstride.video.extract  # noqa: F401
    from backstride.video.backends.mediapipe_backend import _mediapipe_root

    if backend == "mediapipe":
        _mediapipe_root()


def _init(counter: Any, backend: str) -> None:
    """Helper start-up: ignore Ctrl-C (the main process ends the helper) and have the
    libraries loaded (already done when forked; imported now when spawned, while the
    main process starts on the video)."""
    global _counter
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _counter = counter
    _preload(backend)


def start_method() -> str:
    """Fork where a fork is safe and available, else spawn.

    A fork copies only the calling thread: with other Python threads running (a web
    server's request threads, a decoding thread) a lock one of them holds would stay
    locked forever in the copy. And once MediaPipe has run a pose graph in this
    process, a forked copy aborts when it builds its own (seen when one process
    analyses a second video), so then too the helper is a fresh process. A command
    line run forks: its helper starts before this process has run any graph.
    """
    from backstride.video.backends.mediapipe_backend import graphs_made

    if (
        "fork" in mp.get_all_start_methods()
        and threading.active_count() == 1
        and graphs_made() == 0
    ):
        return "fork"
    return "spawn"


def _run(
    fn: Callable[..., Any], args: tuple, kwargs: dict, offset: int | None, frames: bool = True
) -> Any:
    """Run one task in the helper, counting its frames in the shared counter (when the
    task goes through frames at all: ``frames``)."""
    if not frames:
        return fn(*args, **kwargs)
    if offset is None:

        def tick() -> None:
            with _counter.get_lock():
                _counter.value += 1

        kwargs["on_frame"] = tick
    else:

        def seen(index: int) -> None:
            _counter.value = max(0, index + 1 - offset)

        kwargs["on_frame"] = seen
    return fn(*args, **kwargs)


class Helper:
    """One helper process and the progress of the task it is working on."""

    def __init__(self, backend: str = "mediapipe") -> None:
        method = start_method()
        if method == "fork":
            _preload(backend)
        ctx = mp.get_context(method)
        self.method = method
        self._counter = ctx.Value("q", 0)
        self._pool = ctx.Pool(1, initializer=_init, initargs=(self._counter, backend))
        self._own = 0

    @classmethod
    def start(cls, backend: str = "mediapipe") -> Helper:
        return cls(backend)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        progress_offset: int | None = None,
        frames: bool = True,
        **kwargs: Any,
    ) -> Any:
        """Start ``fn(*args, **kwargs, on_frame=...)`` in the helper; returns a handle for
        :meth:`wait`. Without ``progress_offset`` the helper counts one frame per
        ``on_frame()`` call; with it, ``on_frame(index)`` reports ``index + 1 - offset``
        frames done. ``frames=False``: a task with no frames to count, called as
        ``fn(*args, **kwargs)``."""
        self._own = 0
        with self._counter.get_lock():
            self._counter.value = 0
        return self._pool.apply_async(_run, (fn, args, kwargs, progress_offset, frames))

    def progress(
        self, progress: ProgressFn, stage: str, expected: int | None, count: bool = False
    ) -> Callable[..., None]:
        """The ``on_frame`` callback of this process's part: it reports both parts'
        frames together. ``count`` for one call per frame, else calls with the index."""

        def on_frame(index: int | None = None) -> None:
            self._own = self._own + 1 if count or index is None else index + 1
            progress(stage, self._own + self._counter.value, expected)

        return on_frame

    def wait(self, handle: Any, progress: ProgressFn, stage: str, expected: int | None) -> Any:
        """The helper's result (its exception re-raised here), reporting progress meanwhile."""
        while not handle.ready():
            progress(stage, self._own + self._counter.value, expected)
            # Short: once the helper is done, this process should go on at once.
            handle.wait(0.02)
        progress(stage, self._own + self._counter.value, expected)
        return handle.get()

    def close(self) -> None:
        """End the helper process now (safe to call twice)."""
        if self._pool is None:
            return
        self._pool.terminate()
        self._pool.join()
        self._pool = None
