"""The SVG chart renderer: geometry checked by hand, accessibility parts, bad input.

Plot area for every chart: x 44..390 (346 wide), y 12..180 (168 high).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.web.progress import charts
from backstride.web.progress.charts import Band, ChartSpec, Series

SVG = "{http://www.w3.org/2000/svg}"


def spec(**overrides: object) -> ChartSpec:
    base: dict[str, object] = {
        "chart_id": "demo",
        "title": "Backward minutes per week",
        "description": "Bars per week.",
        "x_label": "Week starting",
        "y_label": "Minutes",
        "categories": ("2 Nov",),
        "bars": (Series("Minutes", (5.0,), "s1", unit="min"),),
        "y_max": 10,
    }
    base.update(overrides)
    return ChartSpec(**base)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def test_nice_axis_tops_are_whole_numbers_of_round_steps() -> None:
    assert charts.nice_max(23) == 30  # step 10 (23/4 = 5.75 rounds up to 10)
    assert charts.nice_max(12) == 15  # step 5
    assert charts.nice_max(970) == 1000  # step 250
    assert charts.nice_max(4) == 4  # step 1
    assert charts.nice_max(0) == 1


def test_ticks_run_from_zero_to_the_top_in_round_steps() -> None:
    assert charts.tick_values(30) == [0, 10, 20, 30]
    assert charts.tick_values(1000) == [0, 250, 500, 750, 1000]
    assert charts.tick_values(10, 2) == [0, 2, 4, 6, 8, 10]


def test_values_map_onto_the_plot_area_from_bottom_to_top() -> None:
    assert charts.y_at(0, 10) == 180
    assert charts.y_at(10, 10) == 12
    assert charts.y_at(5, 10) == 96
    assert charts.y_at(25, 10) == 12  # clamped, never drawn outside the chart
    assert charts.x_centre(0, 4) == 87.25  # 44 + 346 x 0.5 / 4


def test_a_single_bar_is_placed_where_the_hand_computed_geometry_says() -> None:
    rect = parse(charts.render_svg(spec())).find(f"{SVG}rect")
    # slot 346 wide, bar 70 % of it = 242.2, starting 15 % in = 44 + 51.9
    assert rect.attrib == {
        "class": "bar s1",
        "x": "95.9",
        "y": "96",
        "width": "242.2",
        "height": "84",
    }
    assert rect.find(f"{SVG}title").text == "Minutes, 2 Nov: 5 min"


def test_a_gap_in_a_line_splits_it_into_separate_paths() -> None:
    # x centres of 3 slots: 101.7 and 332.3; y of 1 and 3 on a 0-4 scale: 138 and 54
    assert charts.line_paths([1.0, None, 3.0], top=4) == ["M101.7,138", "M332.3,54"]
    assert charts.line_paths([None, None], top=4) == []


def test_every_chart_names_itself_for_screen_readers() -> None:
    root = parse(charts.render_svg(spec()))
    assert root.attrib["role"] == "img"
    assert root.attrib["aria-labelledby"] == "demo-title demo-desc"
    assert root.find(f"{SVG}title").attrib["id"] == "demo-title"
    assert root.find(f"{SVG}title").text == "Backward minutes per week"
    assert root.find(f"{SVG}desc").text == "Bars per week."
    assert root.attrib["viewBox"] == "0 0 400 220"
    labels = [t.text for t in root.iter(f"{SVG}text") if t.attrib["class"] == "axis-label"]
    assert labels == ["Week starting", "Minutes"]


def test_bands_shade_between_their_limits() -> None:
    chart = spec(bars=(), bands=(Band(3, 5, "band-watch", "3-5: watch it"),))
    rect = parse(charts.render_svg(chart)).find(f"{SVG}rect")
    # 5 of 10 -> y 96; 3 of 10 -> y 129.6; height 33.6
    assert (rect.attrib["y"], rect.attrib["height"]) == ("96", "33.6")


def test_text_from_people_is_escaped_not_run() -> None:
    svg = charts.render_svg(spec(title="<script>alert(1)</script>", categories=("a&b",)))
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "a&amp;b" in svg


def test_the_table_fallback_holds_the_same_numbers() -> None:
    chart = spec(
        categories=("2 Nov", "9 Nov"),
        bars=(Series("Minutes", (12.0, None), unit="min"),),
        lines=(Series("Trend", (3.14159, 2.5)),),
        decimals=1,
    )
    header, rows = charts.table(chart)
    assert header == ("Week starting", "Minutes (min)", "Trend")
    assert rows == (("2 Nov", "12.0", "3.1"), ("9 Nov", "–", "2.5"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"chart_id": "Bad Id"}, "chart id"),
        ({"bars": (Series("Minutes", (1.0, 2.0)),)}, "2 values for 1 categories"),
        ({"bars": (Series("Minutes", (math.nan,)),)}, "not finite"),
    ],
)
def test_inconsistent_chart_data_is_refused_with_a_sentence(
    overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        spec(**overrides)


def test_a_sparkline_needs_numbers() -> None:
    with pytest.raises(ValueError, match="at least one finite value"):
        charts.sparkline([])
    assert charts.sparkline([0.0, 10.0]).count("<rect") == 2


@given(st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=120))
def test_any_bars_stay_inside_the_plot_and_the_svg_is_well_formed(values: list[float]) -> None:
    chart = spec(
        categories=tuple(str(i) for i in range(len(values))),
        bars=(Series("Load", tuple(values)),),
        lines=(Series("Trend", tuple(values)),),
        y_max=None,
    )
    root = parse(charts.render_svg(chart))
    for rect in root.iter(f"{SVG}rect"):
        top, height = float(rect.attrib["y"]), float(rect.attrib["height"])
        assert top >= charts.TOP - 0.05
        assert top + height <= charts.TOP + charts.PLOT_H + 0.05
    assert charts.scale_top(chart) >= max(values)


@given(st.floats(1e-6, 1e9, allow_nan=False))
def test_the_axis_top_covers_the_data_without_wasting_more_than_half(value: float) -> None:
    top = charts.nice_max(value)
    assert value <= top <= 2.5 * value
    assert 2 <= len(charts.tick_values(top)) <= 6
