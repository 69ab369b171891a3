"""Byte ranges for the annotated video: hand-worked cases and a property over all sizes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from backstride.web.analysis.serving import parse_range


@pytest.mark.parametrize(
    ("header", "size", "expected"),
    [
        ("bytes=0-0", 10, (0, 0)),
        ("bytes=0-", 10, (0, 9)),
        ("bytes=-4", 10, (6, 9)),
        ("bytes=-40", 10, (0, 9)),  # more than there is: the whole file
        ("bytes=8-20", 10, (8, 9)),
        ("bytes=10-", 10, None),  # starts past the end
        ("bytes=-", 10, None),
        ("bytes=0-1,4-5", 10, None),  # several ranges: not offered, whole file instead
        ("items=0-1", 10, None),
        ("bytes=0-", 0, None),
    ],
)
def test_a_range_header_becomes_first_and_last_byte(
    header: str, size: int, expected: tuple[int, int] | None
) -> None:
    assert parse_range(header, size) == expected


@given(
    size=st.integers(min_value=0, max_value=10**12),
    first=st.one_of(st.none(), st.integers(min_value=0, max_value=10**13)),
    last=st.one_of(st.none(), st.integers(min_value=0, max_value=10**13)),
)
def test_any_accepted_range_lies_inside_the_file(
    size: int, first: int | None, last: int | None
) -> None:
    header = f"bytes={'' if first is None else first}-{'' if last is None else last}"
    span = parse_range(header, size)
    if span is not None:
        start, end = span
        assert 0 <= start <= end < size
        if first is not None:
            assert start == first
