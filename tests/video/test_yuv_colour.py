"""The crop's RGB comes from the stream's own colour matrix and range, as PyAV gives it.

The pose pass converts only the crop around the person from the decoder's YUV planes;
it must give the same colours as a whole-frame conversion, or the model places joints
differently (seen on the demo: a hand-counted landing moved from 1.8 to 3.3 frames off).
"""

from __future__ import annotations

import av
import numpy as np
import pytest

from backstride.video.decode import _i420_to_rgb, _planes


def _tiles(seed: int) -> np.ndarray:
    """Solid colour tiles (32 x 32): the matrix and range decide their colours, while the
    way chroma is subsampled only matters at the tiles' edges, which are left out."""
    rng = np.random.default_rng(seed)
    colours = rng.integers(20, 236, size=(2, 3, 3), dtype=np.uint8)
    return np.repeat(np.repeat(colours, 32, axis=0), 32, axis=1)


def _inner(image: np.ndarray) -> np.ndarray:
    mask = np.zeros(image.shape[:2], bool)
    for ty in range(2):
        for tx in range(3):
            mask[ty * 32 + 4 : ty * 32 + 28, tx * 32 + 4 : tx * 32 + 28] = True
    return image[mask].astype(int)


@pytest.mark.parametrize(
    ("space", "matrix", "colour_range", "full"),
    [("ITU709", 1, "MPEG", False), ("ITU601", 5, "MPEG", False), ("ITU601", 5, "JPEG", True)],
)
@pytest.mark.parametrize("seed", range(3))
def test_crop_colours_match_a_whole_frame_conversion(
    seed: int, space: str, matrix: int, colour_range: str, full: bool
) -> None:
    rgb = _tiles(seed)
    yuv = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(
        format="yuv420p", dst_colorspace=space, dst_color_range=colour_range
    )
    reference = yuv.reformat(
        format="rgb24", src_colorspace=space, src_color_range=colour_range
    ).to_ndarray()
    ours = _i420_to_rgb(*_planes(yuv), matrix, full)
    assert np.abs(_inner(ours) - _inner(reference)).max() <= 3  # fixed-point rounding


def test_the_wrong_matrix_is_visibly_different() -> None:
    """The check above can fail: BT.601 read as BT.709 shifts the colours."""
    rgb = _tiles(7)
    yuv = av.VideoFrame.from_ndarray(rgb, format="rgb24").reformat(
        format="yuv420p", dst_colorspace="ITU601", dst_color_range="MPEG"
    )
    reference = yuv.reformat(format="rgb24", src_colorspace="ITU601").to_ndarray()
    wrong = _i420_to_rgb(*_planes(yuv), 1, False)
    assert np.abs(_inner(wrong) - _inner(reference)).max() > 6
