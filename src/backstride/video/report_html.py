"""report.html: one self-contained page (no CDN, no script) a runner reads on a phone.

Order follows what a person wants to know first: did I move the way I meant to,
what should I change (one card per cue, with the measured value against its target
and a tip), then the evidence: key frames at foot contact with the skeleton drawn,
plots over time, and the video facts. Images are embedded (JPEG and SVG), so the
file can be mailed or opened offline.
"""

from __future__ import annotations

import base64
import html
import io
from typing import TYPE_CHECKING

import cv2
import numpy as np

from backstride.gait.results import GaitReport, round_or_none

if TYPE_CHECKING:
    from backstride.video.pipeline import VideoAnalysis

_VERDICT_STYLE = {
    "ok": ("#1b7f3b", "Good"),
    "watch": ("#b26a00", "Watch"),
    "fix": ("#b3261e", "Change"),
    None: ("#666666", "No verdict"),
}

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d1d1f;
background:#f5f5f7;line-height:1.45}
main{max-width:860px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;margin:.4rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}
.facts{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px}
.fact,.cue{background:#fff;border-radius:10px;padding:10px 12px;box-shadow:0 1px 2px #0001}
.fact b{display:block;font-size:1.3rem}.fact span{color:#555;font-size:.85rem}
.cue{margin:8px 0;border-left:6px solid var(--c)}.cue h3{margin:0;font-size:1rem}
.badge{float:right;color:#fff;background:var(--c);border-radius:999px;padding:1px 10px;
font-size:.8rem}.muted{color:#555;font-size:.88rem}
.warn{background:#fff4e5;border-radius:8px;padding:8px 12px;margin:6px 0}
.frames{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:8px}
figure{margin:0;background:#fff;border-radius:10px;overflow:hidden}
figure img,.plot svg{width:100%;height:auto;display:block}
figcaption{padding:6px 10px;font-size:.85rem}
.plot{background:#fff;border-radius:10px;margin:8px 0;padding:4px}
table{border-collapse:collapse;width:100%;background:#fff;border-radius:10px}
td{padding:4px 10px;border-bottom:1px solid #eee;font-size:.9rem}
"""


def _e(value: object) -> str:
    return html.escape(str(value))


def _fmt(value: object, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}{(' ' + unit) if unit else ''}"
    return f"{value}{(' ' + unit) if unit else ''}"


def _jpeg_data_uri(rgb: np.ndarray, max_width: int = 720) -> str:
    h, w = rgb.shape[:2]
    if w > max_width:
        rgb = cv2.resize(rgb, (max_width, round(h * max_width / w)), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(
        ".jpg", cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 80]
    )
    if not ok:
        return ""
    return "data:image/jpeg;base64," + base64.b64encode(buf.tobytes()).decode("ascii")


# The report's figures in page order, by name (``backstride.gait.plots``).
PLOTS = ("trunk", "joints", "strike")


def svg_plots(report: GaitReport, names: tuple[str, ...] = PLOTS) -> list[str]:
    """The named figures of the gait engine as inline SVG, in ``names`` order; none
    when there is nothing to plot."""
    if "times_s" not in report.curves or len(report.curves["times_s"]) < 2:
        return []
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    from backstride.gait import plots

    makers = {
        "trunk": plots.trunk_figure,
        "joints": plots.joint_angle_figure,
        "strike": plots.strike_figure,
    }
    out = []
    # Text as text (not glyph outlines): smaller pages and no clashing glyph ids.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        for name in names:
            fig = makers[name](report)
            FigureCanvasSVG(fig)
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None})
            svg = buf.getvalue()
            out.append(svg[svg.find("<svg") :])
    return out


def build_report_html(
    result: VideoAnalysis,
    keyframes: dict[float, np.ndarray] | None = None,
    plots: list[str] | None = None,
) -> str:
    """The whole page as a string, from the typed result (the same one report.json holds).

    ``plots``: the figures as :func:`svg_plots` makes them, when already drawn."""
    report, video = result.report, result.facts
    m = report.metrics
    direction = report.direction or "unclear"
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width,initial-scale=1'>",
        f"<title>Backstride form check</title><style>{_CSS}</style></head><body><main>",
        "<h1>Form check</h1>",
        f"<p class='muted'>{_e(video.source)}</p>",
        "<div class='facts'>",
    ]
    facts = [
        ("direction", f"{direction} {report.gait or ''}".strip()),
        ("cadence", _fmt(round_or_none(report.cadence_spm), "steps/min", 0)),
        ("contact time", _fmt(round_or_none(m.contact_time_s, 4), "s", 2)),
        ("trunk lean", _fmt(round_or_none(m.trunk_lean_deg), "deg")),
        ("elbow angle", _fmt(round_or_none(m.elbow_angle_deg), "deg", 0)),
        ("contacts seen", str(len(report.contacts))),
    ]
    parts += [f"<div class='fact'><b>{_e(v)}</b><span>{_e(k)}</span></div>" for k, v in facts]
    parts.append("</div>")
    for w in (*video.warnings, *report.warnings):
        parts.append(f"<div class='warn'>{_e(w)}</div>")

    parts.append("<h2>What to keep, what to change</h2>")
    for cue in report.cues:
        colour, label = _VERDICT_STYLE.get(cue.verdict, _VERDICT_STYLE[None])
        value = _fmt(cue.value, cue.unit or "")
        parts.append(
            f"<div class='cue' style='--c:{colour}'><span class='badge'>{label}</span>"
            f"<h3>{_e(cue.cue.replace('_', ' '))}</h3>"
            f"<div>{_e(cue.tip)}</div>"
            f"<div class='muted'>measured {_e(value)}; target {_e(cue.target)}"
            + (f"; {_e(cue.reason)}" if cue.reason else "")
            + "</div></div>"
        )

    if keyframes:
        parts.append("<h2>Foot contacts</h2><div class='frames'>")
        by_time = {c.time_s: c for c in report.contacts}
        for t in sorted(keyframes):
            c = by_time.get(t)
            caption = f"{c.foot if c else ''} foot lands at {t:.2f} s"
            if c and c.strike:
                caption += f" ({c.strike})"
            parts.append(
                f"<figure><img alt='{_e(caption)}' src='{_jpeg_data_uri(keyframes[t])}'>"
                f"<figcaption>{_e(caption)}</figcaption></figure>"
            )
        parts.append("</div>")

    plots = svg_plots(report) if plots is None else plots
    if plots:
        parts.append("<h2>Over time</h2>")
        parts += [f"<div class='plot'>{svg}</div>" for svg in plots]

    parts.append("<h2>Video</h2><table>")
    rows = [
        ("size", f"{video.image_width} x {video.image_height} px"),
        ("frame rate", _fmt(video.fps, "fps")),
        ("frames", video.frames),
        ("duration", _fmt(video.duration_s, "s")),
        ("frames with the person", video.frames_with_person),
        ("people seen", video.people_seen),
        ("processing time", _fmt(video.processing_s, "s")),
    ]
    parts += [f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in rows]
    parts.append("</table></main></body></html>")
    return "\n".join(parts)
