"""Read BVH motion capture into world joint positions (for validation, not analysis).

BVH stores a joint tree (``HIERARCHY``) and, per frame, every channel of every joint
(``MOTION``). World positions come from forward kinematics: a joint sits at its
parent's position plus the parent's world rotation applied to the joint's local
translation, and its world rotation is the parent's times its own. Euler channels are
applied in the order they are listed (``Zrotation Xrotation Yrotation`` means
R = Rz Rx Ry, intrinsic), which scipy's ``Rotation.from_euler`` with upper-case axes
does.

Where a joint has position channels, they are its local translation and replace its
``OFFSET`` (the Bandai Namco files work this way: adding both doubles every bone and
makes the stance foot slide). End sites carry no channels and are skipped: every joint
this project needs (ankles, toes, hips, head) is a real joint.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.spatial.transform import Rotation

from backstride.gait.keypoints import KeypointError


@dataclass(frozen=True)
class MotionCapture:
    """World joint positions of one BVH clip.

    ``positions`` maps a joint name to an ``(n_frames, 3)`` array in the file's units
    (centimetres in the Bandai Namco set) with the file's axes (y up there).
    """

    positions: dict[str, np.ndarray]
    frame_time_s: float

    @property
    def fps(self) -> float:
        return 1.0 / self.frame_time_s

    @property
    def n_frames(self) -> int:
        return next(iter(self.positions.values())).shape[0]

    @property
    def times_s(self) -> np.ndarray:
        return np.arange(self.n_frames) * self.frame_time_s

    def reversed(self) -> MotionCapture:
        """The same capture played backward in time (every frame in reverse order)."""
        return MotionCapture(
            {k: v[::-1].copy() for k, v in self.positions.items()}, self.frame_time_s
        )


@dataclass
class _Joint:
    name: str
    parent: int
    offset: np.ndarray
    channels: list[str]
    first_channel: int


def _parse_hierarchy(lines: list[str]) -> tuple[list[_Joint], int]:
    """Joints in file order and the index of the ``MOTION`` line."""
    joints: list[_Joint] = []
    stack: list[int] = []
    n_channels = 0
    in_end_site = False
    pending: _Joint | None = None
    for i, raw in enumerate(lines):
        words = raw.split()
        if not words:
            continue
        key = words[0]
        if key == "MOTION":
            return joints, i
        if key in ("ROOT", "JOINT"):
            parent = stack[-1] if stack else -1
            pending = _Joint(words[1], parent, np.zeros(3), [], n_channels)
            joints.append(pending)
        elif key == "End":
            in_end_site = True
        elif key == "{":
            if not in_end_site:
                stack.append(len(joints) - 1)
        elif key == "}":
            if in_end_site:
                in_end_site = False
            elif stack:
                stack.pop()
        elif key == "OFFSET" and not in_end_site and pending is not None:
            pending.offset = np.array([float(v) for v in words[1:4]])
        elif key == "CHANNELS" and pending is not None:
            pending.channels = words[2 : 2 + int(words[1])]
            pending.first_channel = n_channels
            n_channels += len(pending.channels)
    raise KeypointError("not a BVH file: no MOTION section")


def read_bvh(path: str | Path) -> MotionCapture:
    """World positions of every joint in a BVH file (see the module docstring)."""
    lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    if not lines or lines[0].strip() != "HIERARCHY":
        raise KeypointError(f"{Path(path).name} is not a BVH file (no HIERARCHY header)")
    joints, motion_at = _parse_hierarchy(lines)
    frame_time = float(lines[motion_at + 2].split(":")[1])
    data = np.array(
        [[float(v) for v in line.split()] for line in lines[motion_at + 3 :] if line.strip()]
    )
    n = data.shape[0]
    world_pos: list[np.ndarray] = []
    world_rot: list[Rotation] = []
    for joint in joints:
        ch = data[:, joint.first_channel : joint.first_channel + len(joint.channels)]
        local = np.tile(joint.offset, (n, 1))
        axes, angles = "", []
        for j, name in enumerate(joint.channels):
            if name.endswith("position"):
                local[:, "XYZ".index(name[0])] = ch[:, j]
            elif name.endswith("rotation"):
                axes += name[0]
                angles.append(ch[:, j])
        rot = (
            Rotation.from_euler(axes, np.stack(angles, axis=1), degrees=True)
            if axes
            else Rotation.identity(n)
        )
        if joint.parent < 0:
            world_pos.append(local)
            world_rot.append(rot)
        else:
            parent_rot = world_rot[joint.parent]
            world_pos.append(world_pos[joint.parent] + parent_rot.apply(local))
            world_rot.append(parent_rot * rot)
    return MotionCapture({j.name: p for j, p in zip(joints, world_pos, strict=True)}, frame_time)
