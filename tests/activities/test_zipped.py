"""A zip of many watch files: each member read, bad members listed, bombs refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from backstride.activities import ActivityError, read_activity, read_file, zipped
from tests.activities.fitbuild import activity_fit

START = dt.datetime(2026, 3, 2, 8, 0, tzinfo=dt.UTC)


def make_zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_every_good_member_is_read_and_bad_ones_are_listed_by_name() -> None:
    one = activity_fit(START, [(60.0, None)])
    two = activity_fit(START + dt.timedelta(days=2), [(120.0, None), (30.0, None)])
    data = make_zip(
        {"run1.fit": one, "sub/run2.fit": two, "notes.txt": b"hello", "__MACOSX/._x": b"\0"}
    )
    result = read_file(data, "export.zip")
    assert [a.file_name for a in result.activities] == ["run1.fit", "sub/run2.fit"]
    assert [a.duration_s for a in result.activities] == [60.0, 150.0]
    assert len(result.problems) == 1 and "notes.txt" in result.problems[0]


def test_read_activity_passes_member_problems_on_as_warnings() -> None:
    data = make_zip({"a.fit": activity_fit(START, [(60.0, None)]), "b.gpx": b"<gpx></gpx>"})
    (activity,) = read_activity(data, "two.zip")
    assert any("b.gpx" in w for w in activity.warnings)


def test_a_zip_of_nothing_readable_is_refused_with_the_first_reason() -> None:
    with pytest.raises(ActivityError, match=r"holds no activity.*x\.txt"):
        read_file(make_zip({"x.txt": b"plain"}), "junk.zip")


def test_a_highly_compressed_member_is_refused_as_a_bomb() -> None:
    # 5 MB of zeros deflate to about 5 KB: a ratio near 1000, far above the cap of 200.
    data = make_zip({"zeros.fit": b"\0" * (5 * 1024 * 1024)})
    with pytest.raises(ActivityError, match=r"zeros\.fit unpacks to far more"):
        read_file(data, "bomb.zip")


def test_a_member_larger_than_the_cap_is_cut_off_while_reading(monkeypatch) -> None:
    # The header's size is not trusted: the stream is read to the cap plus one byte.
    monkeypatch.setattr(zipped, "MAX_MEMBER_BYTES", 1000)
    data = make_zip({"big.fit": bytes(range(256)) * 8}, zipfile.ZIP_STORED)
    with pytest.raises(ActivityError, match=r"big\.fit is too large once unpacked"):
        read_file(data, "big.zip")


def test_too_many_members_are_refused_before_any_is_read(monkeypatch) -> None:
    monkeypatch.setattr(zipped, "MAX_MEMBERS", 3)
    data = make_zip({f"{i}.fit": b"x" for i in range(4)})
    with pytest.raises(ActivityError, match="holds 4 files; at most 3"):
        read_file(data, "many.zip")


def test_a_zip_inside_the_zip_is_not_opened() -> None:
    inner = make_zip({"a.fit": activity_fit(START, [(60.0, None)])})
    data = make_zip({"inner.zip": inner, "b.fit": activity_fit(START, [(30.0, None)])})
    result = read_file(data, "outer.zip")
    assert [a.file_name for a in result.activities] == ["b.fit"]
    assert "zip inside the zip" in result.problems[0]


def test_a_truncated_zip_is_refused_in_words() -> None:
    data = make_zip({"a.fit": activity_fit(START, [(60.0, None)])})
    with pytest.raises(ActivityError, match="not a readable zip"):
        read_file(data[:40], "cut.zip")


def test_the_issue_bomb_zip_costs_at_most_the_budget_once() -> None:
    """200 members of 50 MiB (10 GiB in a 10 MB zip): every member is stopped at the
    ratio cap while inflating, what it inflated counts against the 200 MiB budget, and
    the rest are skipped unread. Its CPU time is compared with inflating the budget once
    (a ratio, not a timed assertion): about 4x here (zipfile's CRC and chunking on top
    of the inflating); before the fix, with every member inflated to 50 MiB, about 200x."""
    import time
    import zlib

    from tests.activities.bombs import MIB, bomb_zip, deflated_zeros

    data = bomb_zip(200, 50)
    assert len(data) < 12 * MIB
    started = time.process_time()
    with pytest.raises(ActivityError, match="holds no activity"):
        read_file(data, "bomb.zip")
    bomb_cpu = time.process_time() - started

    problems = zipped.unpack(data, "bomb.zip", lambda member, name: None)
    refused = [p for p in problems if "far more than a watch file" in p]
    skipped = [p for p in problems if "skipped" in p]
    assert len(refused) + len(skipped) == 200
    # Each refused member inflated just past its ratio cap; together they used the budget.
    cap = zipped.MAX_RATIO * max(len(deflated_zeros(50 * MIB)[0]), 1024)
    assert 1 <= len(refused) <= zipped.MAX_TOTAL_BYTES // cap + 1

    reference = zlib.compress(bytes(zipped.MAX_TOTAL_BYTES), 1)
    started = time.process_time()
    inflater, pending = zlib.decompressobj(), reference
    while inflater.decompress(pending, zipped.CHUNK_BYTES):
        pending = inflater.unconsumed_tail
    reference_cpu = time.process_time() - started
    assert bomb_cpu < 10 * max(reference_cpu, 0.05), (bomb_cpu, reference_cpu)
