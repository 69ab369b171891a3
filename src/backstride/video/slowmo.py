"""The capture rate of a slow-motion clip, from the container's own tags.

Phones write slow motion as a normal-speed video (30 fps playback) and record the
capture rate in a metadata tag: Android's camera writes ``com.android.capture.fps``
(e.g. ``240.000000``) into the MP4's user data, and Apple's formats use
``com.apple.quicktime.capture.fps`` style keys. FFmpeg (and so PyAV) reads these as
container or stream tags. The slow-motion factor is capture rate over playback rate;
a clip whose tag equals its playback rate (or has none) is real time.

Many apps drop these tags on export or sharing, so the gait engine also flags a rhythm
too slow to be real time (``gait.plausibility``), and the person can give the factor.
"""

from __future__ import annotations

from pathlib import Path

import av

from backstride.video.decode import cached_per_file

MIN_FACTOR = 1.2
"""Capture over playback rate below this is real time (variable frame rates wobble)."""


def _capture_fps(tags: dict[str, str]) -> float | None:
    for key, value in tags.items():
        name = key.lower()
        if name.endswith(("capture.fps", "capture_fps", "capturefps")):
            try:
                fps = float(str(value).strip())
            except ValueError:
                continue
            if fps > 0:
                return fps
    return None


@cached_per_file
def slowmo_factor(path: str | Path) -> float | None:
    """Capture rate over playback rate when the container says so, else None.

    Returns None for real-time clips, files without the tag, and files PyAV cannot
    open (the decoder reports those itself, with its own message).
    """
    try:
        with av.open(str(path)) as container:
            streams = container.streams.video
            if not streams:
                return None
            stream = streams[0]
            capture = _capture_fps(dict(container.metadata)) or _capture_fps(dict(stream.metadata))
            rate = stream.average_rate or stream.base_rate
            playback = float(rate) if rate else None
    except (av.error.FFmpegError, OSError):
        return None
    if capture is None or not playback:
        return None
    factor = capture / playback
    return factor if factor >= MIN_FACTOR else None


def slowmo_note(factor: float, source: str) -> str:
    """The report's sentence for a clip put back on the real clock."""
    how = "from the video's capture-rate tag" if source == "metadata" else "as given"
    return (
        f"slow-motion clip: played {factor:g} x slower than real time ({how}); every time "
        "and cadence in this report is real time, the annotated video keeps the clip's pace"
    )
