"""What a video said about itself while its keypoints were extracted, as typed values.

The report shows these facts (size, frame rate, who was followed, where the time went)
and the pipeline, the CLI and the web app read them; ``to_dict`` writes the ``video``
block of report.json, a public contract whose keys and order stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from backstride.gait.keypoints import KeypointSeries


@dataclass(frozen=True)
class VideoFacts:
    """Source facts and processing figures of one extraction.

    ``source`` is the file name shown to the person (the caller may pass the name the
    person gave the file instead of the path it is stored under). ``fps`` is the
    container's nominal rate; ``frames`` and ``duration_s`` count what was decoded
    (up to ``max_seconds``, the limit actually applied). ``person`` is the choice
    followed (``moves``, ``left``, ``right``, ``largest``), ``people_seen`` how many
    tracks the scan found, ``person_height_px`` the person's median height,
    ``person_span_s`` the first and last frame time with the person and
    ``absent_spans_s`` the stretches without them. ``timings_s`` says where the
    ``processing_s`` seconds went; ``warnings`` are sentences for the person.
    """

    source: str
    backend: str
    image_width: int
    image_height: int
    rotation_deg: int
    codec: str
    fps: float
    frames: int
    duration_s: float
    frames_with_person: int
    people_seen: int
    person: str
    person_height_px: float
    person_span_s: tuple[float, float]
    absent_spans_s: tuple[tuple[float, float], ...]
    max_seconds: float | None
    processing_s: float
    timings_s: dict[str, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """The ``video`` block of report.json."""
        return {
            "source": self.source,
            "image_width": self.image_width,
            "image_height": self.image_height,
            "rotation_deg": self.rotation_deg,
            "codec": self.codec,
            "fps": self.fps,
            "frames": self.frames,
            "duration_s": self.duration_s,
            "frames_with_person": self.frames_with_person,
            "people_seen": self.people_seen,
            "person": self.person,
            "person_height_px": self.person_height_px,
            "person_span_s": list(self.person_span_s),
            "absent_spans_s": [list(span) for span in self.absent_spans_s],
            "max_seconds": self.max_seconds,
            "backend": self.backend,
            "processing_s": self.processing_s,
            "timings_s": dict(self.timings_s),
            "warnings": list(self.warnings),
        }


@dataclass
class VideoKeypoints(KeypointSeries):
    """One person's keypoints from a video, with the facts of that video (``video``).

    It is a ``KeypointSeries``, so every gait algorithm and writer takes it as it is.
    """

    video: VideoFacts = field(kw_only=True)
