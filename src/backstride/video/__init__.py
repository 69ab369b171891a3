"""Video form check: phone video in, keypoints and an annotated video out.

``decode`` streams upright frames with real timestamps, ``backends`` wraps the pose
model, ``tracking`` picks the one person to analyse, ``extract`` turns a video into a
:class:`~backstride.gait.keypoints.KeypointSeries`, and ``render`` draws the skeleton
back onto the video. Nothing here prints; the CLI shows progress through a callback.
"""

from backstride.video.decode import Frame, VideoError, VideoInfo, iter_frames, probe

__all__ = ["Frame", "VideoError", "VideoInfo", "iter_frames", "probe"]
