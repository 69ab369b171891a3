"""The pose pass's kept frames stand in for a second decode, and only when complete."""

from __future__ import annotations

import numpy as np
import pytest

from backstride.video import framecache, render
from backstride.video.decode import iter_frames
from backstride.video.pipeline import analyze_video
from backstride.video.render import Contact, render_annotated


def frame(value: int = 0) -> np.ndarray:
    return np.full((6, 8), value, dtype=np.uint8)


def test_kept_frames_are_given_once_and_only_for_the_range_they_cover(tmp_path):
    video = tmp_path / "v.mp4"
    framecache.begin(video, 0.0, 2.0)
    for k in range(4):
        framecache.keep(k * 0.5, frame(k), 0.5)
    assert framecache.kept_until(video) == 2.0
    assert [t for t, _, _ in framecache.take(video, None, 1.0)] == [0.0, 0.5]
    assert framecache.take(video, None, 1.0) is None  # taken: gone

    framecache.begin(video, 2.0, None)  # a helper's share: from its seam to the end
    framecache.keep(2.0, frame(), 0.5)
    assert framecache.kept_until(video) is None  # does not start at the beginning
    assert framecache.take(video, 1.5, None) is None  # 1.5-2.0 s was never kept
    framecache.begin(video, 0.0, 2.0)
    assert framecache.take(video, None, 3.0) is None  # nor was anything after 2.0 s
    framecache.begin(video, 0.0, None)
    assert framecache.take(tmp_path / "other.mp4", None, None) is None


def test_past_the_budget_nothing_is_kept_and_the_render_decodes(tmp_path, monkeypatch):
    monkeypatch.setattr(framecache, "BUDGET_BYTES", 2 * frame().nbytes)
    framecache.begin(tmp_path / "v.mp4", 0.0, None)
    for k in range(3):
        framecache.keep(k / 30, frame(), 1.0)
    assert framecache.kept_until(tmp_path / "v.mp4") is None
    assert framecache.take(tmp_path / "v.mp4", None, None) is None


@pytest.mark.slow  # the clip analysed, then drawn again from a fresh decode
@pytest.mark.parametrize("workers", [1, 2])
def test_drawn_from_kept_frames_is_drawn_as_from_the_video(
    walking_clip, tmp_path, workers, monkeypatch
):
    given = []
    take = framecache.take

    def spy(*args):  # this process's part (the helper's is its own copy)
        given.append(take(*args))
        return given[-1]

    monkeypatch.setattr(framecache, "take", spy)
    result = analyze_video(walking_clip, tmp_path / "out", html=False, workers=workers)
    assert len(given) == 1 and given[0]  # drawn from the kept frames, not a decode
    monkeypatch.undo()
    contacts = [Contact(c.time_s, c.foot, c.strike or "") for c in result.report.contacts]
    assert framecache.kept_until(walking_clip) is None  # emptied after the run
    direct = render_annotated(walking_clip, result.series, tmp_path / "d.mp4", contacts=contacts)
    a = list(iter_frames(tmp_path / "out" / "annotated.mp4"))
    b = list(iter_frames(direct))
    assert [f.time_s for f in a] == pytest.approx([f.time_s for f in b], abs=1e-3)
    assert a[0].image.shape[1] == render.ANNOTATED_MAX_SIDE
    # The same pictures: only encoding noise differs.
    diff = [np.mean(np.abs(x.image.astype(int) - y.image) > 40) for x, y in zip(a, b, strict=True)]
    assert max(diff) < 0.002


def test_two_threads_keep_their_own_frames(tmp_path):
    import threading

    seen = {}
    together = threading.Barrier(2)  # both begin, then both keep: a shared cache would mix

    def run(name: str, value: int) -> None:
        video = tmp_path / f"{name}.mp4"
        framecache.begin(video, 0.0, None)
        together.wait()
        for k in range(3):
            framecache.keep(k / 30, frame(value), 1.0)
        together.wait()
        seen[name] = framecache.take(video, None, None)

    threads = [threading.Thread(target=run, args=(n, v)) for n, v in (("a", 1), ("b", 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [int(f[1][0, 0]) for f in seen["a"]] == [1, 1, 1]
    assert [int(f[1][0, 0]) for f in seen["b"]] == [2, 2, 2]
