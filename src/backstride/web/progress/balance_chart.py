"""The balance-check trend: one server-drawn SVG line chart, like the other progress charts.

Here, not in the balance app, because charts belong to ``progress`` (above ``balance``
in docs/architecture.md); the points come from ``balance.services.trend``.

The bands are the cut-offs of the latest test's group (``balance_test.CUTOFFS``), so
the chart shades exactly the ranges the words under each result name; a group without
a cut-off gets no bands. The table fallback carries the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backstride.training.balance_test import CUTOFFS, BalanceGroup
from backstride.web.progress import charts
from backstride.web.progress.figures import Figure, day_label, figure

NOTE = (
    "Lower is faster. Shaded: the ranges of the published cut-offs for the group of "
    "your latest test. A change counts only when it is larger than the group's minimal "
    "detectable change; one test does not predict a fall."
)


def balance_trend(points: Sequence[dict[str, Any]]) -> Figure | None:
    """A line of test results over time, or None before the first timed test."""
    if not points:
        return None
    values = tuple(p["result_s"] for p in points)
    group = BalanceGroup(points[-1]["group"])
    deciding = next((c for c in CUTOFFS if c.group == group and c.decides_band), None)
    top = charts.nice_max(max(*values, deciding.risk_s + 1.0 if deciding else 0.0))
    bands: tuple[charts.Band, ...] = ()
    if deciding is not None:
        bands = (
            charts.Band(
                deciding.risk_s, top, "band-stop", f"Risk range from {deciding.risk_s:g} s"
            ),
        )
        if deciding.low_s is not None:
            bands = (
                charts.Band(
                    0.0, deciding.low_s, "band-ok", f"Lower-risk range to {deciding.low_s:g} s"
                ),
                charts.Band(deciding.low_s, deciding.risk_s, "band-watch", "Between the cut-offs"),
                *bands,
            )
    latest = points[-1]
    return figure(
        charts.ChartSpec(
            chart_id="balance",
            title="Balance check: 3 m backward walk time",
            description=f"A line of {len(values)} test result{'s' if len(values) != 1 else ''}; "
            f"the latest, on {latest['taken_on']:%d %b %Y}, {latest['result_s']:.2f} s.",
            x_label="Test",
            y_label="Seconds",
            categories=tuple(day_label(p["taken_on"]) for p in points),
            lines=(charts.Series("Result", values, "s1", unit="s"),),
            bands=bands,
            y_max=top,
            decimals=2,
        ),
        note=NOTE,
    )
