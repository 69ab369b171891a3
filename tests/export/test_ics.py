"""The calendar export must parse back with icalendar and keep UIDs stable."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from backstride.export.ics import plan_to_ics
from backstride.training.models import Plan

STAMP = dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_calendar_has_version_prodid_and_one_event_per_session(plan: Plan) -> None:
    cal = Calendar.from_ical(plan_to_ics(plan, stamp=STAMP))
    assert str(cal["VERSION"]) == "2.0"
    assert "Backstride" in str(cal["PRODID"])
    assert len(events(plan_to_ics(plan, stamp=STAMP))) == len(plan.sessions) == 3


def test_every_event_has_dtstamp_and_an_all_day_date(plan: Plan) -> None:
    found = events(plan_to_ics(plan, stamp=STAMP))
    assert [e.decoded("DTSTAMP") for e in found] == [STAMP] * 3
    assert [e.decoded("DTSTART") for e in found] == [
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 3),
        dt.date(2026, 12, 8),
    ]
    assert found[0].decoded("DTEND") == dt.date(2026, 12, 2)


def test_reexport_keeps_uids_even_when_the_stamp_changes(plan: Plan) -> None:
    first = [str(e["UID"]) for e in events(plan_to_ics(plan, stamp=STAMP))]
    later = [str(e["UID"]) for e in events(plan_to_ics(plan, stamp=STAMP + dt.timedelta(days=3)))]
    assert (
        first
        == later
        == [
            "p1-w1s1@backstride.local",
            "p1-w1s2@backstride.local",
            "p1-w2s1@backstride.local",
        ]
    )


def test_default_stamp_is_now_in_utc(plan: Plan) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    stamp = events(plan_to_ics(plan))[0].decoded("DTSTAMP")
    assert before <= stamp <= dt.datetime.now(dt.UTC)


def test_description_lists_blocks_cues_and_safety_checklist(plan: Plan) -> None:
    text = str(events(plan_to_ics(plan, stamp=STAMP))[0]["DESCRIPTION"])
    # 6 x 30 s backward = 3 min backward; no speed given, so no distance estimate
    assert text.splitlines()[0] == "Backward: 3 min"
    # 300 + 6*30 + 5*60 + 180 = 960 s
    assert "Total time: 16 min" in text
    assert "Main set: Backward walk intervals - 6 x 30 s backward walk, rest 1 min" in text
    assert "  - Look over your shoulder every few steps" in text
    assert "  [ ] Clear lane behind you" in text
    assert "  [ ] No headphones" in text


def test_description_estimates_backward_distance_when_known(plan: Plan) -> None:
    text = str(events(plan_to_ics(plan, stamp=STAMP))[1]["DESCRIPTION"])
    # 90 s + 480 s backward; 2 x 20 m + 4 x 200 m = 840 m
    assert text.splitlines()[0] == "Backward: 9 min 30 s (about 840 m)"


def test_naive_stamp_is_refused(plan: Plan) -> None:
    with pytest.raises(ValueError, match="time zone"):
        plan_to_ics(plan, stamp=dt.datetime(2026, 1, 1))
