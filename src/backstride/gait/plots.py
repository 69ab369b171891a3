"""Figures that let a person check a verdict by eye: angles with contacts marked,
foot angle at each landing, trunk lean over time. PNG for viewing, SVG for print.

Uses matplotlib's Agg backend through the object API (no pyplot state), so it runs
headless and in worker threads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from backstride.gait.consts import SIDE_RGB
from backstride.gait.results import GaitReport

# The sides' colours of the annotated video (one source: ``consts.SIDE_RGB``).
_COLORS = {side: "#{:02x}{:02x}{:02x}".format(*rgb) for side, rgb in SIDE_RGB.items()}


def _save(fig: Figure, out_dir: Path, stem: str) -> list[Path]:
    FigureCanvasAgg(fig)
    paths = []
    for ext in ("png", "svg"):
        path = out_dir / f"{stem}.{ext}"
        fig.savefig(path, dpi=110 if ext == "png" else None)
        paths.append(path)
    return paths


def _fixed_margins(fig: Figure, hspace: float = 0.0) -> Figure:
    """Margins in inches, for axis labels, tick labels and the title.

    Fixed rather than matplotlib's constrained layout: these figures always hold the
    same kinds of labels, and working the layout out costed half of drawing them
    (about 0.12 of 0.3 CPU-s per report, at the very end of a form check).
    """
    w, h = fig.get_size_inches()
    fig.subplots_adjust(
        left=0.85 / w, right=1 - 0.15 / w, bottom=0.6 / h, top=1 - 0.45 / h, hspace=hspace
    )
    return fig


def _mark_contacts(ax, report: GaitReport) -> None:
    for c in report.contacts:
        ax.axvline(c.time_s, color=_COLORS[c.foot], lw=0.6, ls="--", alpha=0.6)


def joint_angle_figure(report: GaitReport) -> Figure:
    """Knee, hip and elbow angles per side, contacts as dashed lines."""
    t = report.curves["times_s"]
    fig = Figure(figsize=(9, 7))
    axes = fig.subplots(3, 1, sharex=True)
    for ax, joint in zip(axes, ("knee", "hip", "elbow"), strict=True):
        for side in ("left", "right"):
            y = report.curves.get(f"{side}_{joint}_deg")
            if y is not None and np.isfinite(y).any():
                ax.plot(t, y, color=_COLORS[side], lw=1.2, label=side)
        _mark_contacts(ax, report)
        ax.set_ylabel(f"{joint} angle (deg)")
        ax.legend(loc="upper right", fontsize=8)
    axes[-1].set_xlabel("time (s); dashed = foot contact")
    fig.suptitle("Joint angles (180 = straight)")
    return _fixed_margins(fig, hspace=0.12)


def strike_figure(report: GaitReport) -> Figure:
    """Foot angle over time with the landing angle of every contact and the strike bands."""
    t = report.curves["times_s"]
    fig = Figure(figsize=(9, 4))
    ax = fig.subplots()
    for side in ("left", "right"):
        y = report.curves.get(f"{side}_foot_deg")
        if y is not None and np.isfinite(y).any():
            ax.plot(t, y, color=_COLORS[side], lw=1.0, alpha=0.8, label=f"{side} foot")
    for c in report.contacts:
        if c.strike:
            ax.annotate(c.strike[0].upper(), (c.time_s, 0), fontsize=7, ha="center")
    ax.axhspan(7, 40, color="tab:red", alpha=0.07, label="heel-first zone")
    ax.axhspan(-40, -7, color="tab:green", alpha=0.07, label="toes-first zone")
    _mark_contacts(ax, report)
    ax.set_xlabel("time (s); letters = strike per contact (F/M/H)")
    ax.set_ylabel("foot angle (deg, + = toes up)")
    ax.legend(loc="upper right", fontsize=8)
    fig.suptitle("Foot angle and strike type")
    return _fixed_margins(fig)


def trunk_figure(report: GaitReport) -> Figure:
    """Trunk lean over time against the target band."""
    t = report.curves["times_s"]
    fig = Figure(figsize=(9, 3.5))
    ax = fig.subplots()
    ax.axhspan(0, 10, color="tab:green", alpha=0.1, label="target band")
    ax.plot(t, report.curves["trunk_lean_deg"], color="k", lw=1.2, label="trunk lean")
    ax.axhline(0, color="grey", lw=0.5)
    ax.set_xlabel("time (s)")
    ax.set_ylabel("lean (deg, + = toward facing)")
    ax.legend(loc="upper right", fontsize=8)
    fig.suptitle("Trunk lean")
    return _fixed_margins(fig)


def save_plots(report: GaitReport, out_dir: Path) -> list[Path]:
    """Write every figure as PNG and SVG into ``out_dir`` (created); returns the paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    paths += _save(joint_angle_figure(report), out_dir, "joint_angles")
    paths += _save(strike_figure(report), out_dir, "foot_strike")
    paths += _save(trunk_figure(report), out_dir, "trunk_lean")
    return paths
