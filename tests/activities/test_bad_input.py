"""Bad input never escapes as anything but ActivityError (fuzzed and hand-made)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.activities import ActivityError, read_file
from tests.activities.conftest import real_files
from tests.activities.fitbuild import activity_fit

SEEDS = [p.read_bytes() for p in real_files() if p.stat().st_size < 40_000]
SEEDS.append(activity_fit(dt.datetime(2026, 3, 2, 8, tzinfo=dt.UTC), [(60.0, 100.0)] * 3))


def _read_or_refuse(data: bytes, name: str) -> None:
    try:
        result = read_file(data, name)
    except ActivityError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert result.activities


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2048), st.sampled_from(["a.fit", "a.gpx", "a.tcx", "a.zip", "a"]))
def test_random_bytes_are_read_or_refused_with_activity_error(data: bytes, name: str) -> None:
    _read_or_refuse(data, name)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SEEDS),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8),
    st.integers(0, 10**6),
)
def test_mutated_real_files_are_read_or_refused_with_activity_error(
    seed: bytes, flips: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(seed)
    for where, value in flips:
        data[where % len(data)] = value
    _read_or_refuse(bytes(data[: max(1, len(data) - cut % 64)]), "mutated")


def test_empty_upload_says_it_is_empty() -> None:
    with pytest.raises(ActivityError, match=r"x\.fit is empty"):
        read_file(b"", "x.fit")


def test_xml_with_entities_is_refused_before_parsing() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><gpx>&b;</gpx>'
    )
    with pytest.raises(ActivityError, match="DTD or entities"):
        read_file(bomb, "bomb.gpx")


def test_text_that_is_no_activity_names_the_formats_we_read() -> None:
    with pytest.raises(ActivityError, match="not a FIT, GPX or TCX activity file"):
        read_file(b"date,distance\n2026-01-01,5\n", "runs.csv")


def test_a_missing_path_is_refused_in_words(tmp_path) -> None:
    with pytest.raises(ActivityError, match=r"cannot read nothing\.fit"):
        read_file(tmp_path / "nothing.fit")


def test_a_doctype_hidden_after_a_long_comment_is_refused() -> None:
    gpx = (
        '<?xml version="1.0"?>\n<!--' + "x" * 5000 + "-->\n"
        '<!DOCTYPE gpx SYSTEM "file:///etc/passwd">\n'
        '<gpx version="1.1" creator="t"><trk><trkseg>'
        '<trkpt lat="46" lon="14"><time>2026-01-01T10:00:00Z</time></trkpt>'
        "</trkseg></trk></gpx>"
    ).encode()
    with pytest.raises(ActivityError, match="DTD"):
        read_file(gpx, "sneaky.gpx")
