"""Build real FIT *activity* files with fit-tool, the way a watch would save them.

Our exporter writes workouts; to test import and matching we need what the watch
records after running one: a session message, one lap per executed step, and records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import FileType, Manufacturer, Sport


def _ms(moment: dt.datetime) -> int:
    return round(moment.timestamp() * 1000)


def activity_fit(
    start: dt.datetime,
    laps: Sequence[tuple[float, float | None]],
    *,
    sport: Sport = Sport.RUNNING,
    gps: bool = False,
) -> bytes:
    """A FIT activity starting at ``start`` with laps of (seconds, metres or None)."""
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = 1234
    file_id.time_created = _ms(start)
    messages: list = [file_id]
    at = start
    total_m = 0.0
    for index, (seconds, meters) in enumerate(laps):
        record = RecordMessage()
        record.timestamp = _ms(at)
        if gps:
            record.position_lat = 51.5
            record.position_long = -0.1
        messages.append(record)
        lap = LapMessage()
        lap.message_index = index
        lap.start_time = _ms(at)
        lap.timestamp = _ms(at + dt.timedelta(seconds=seconds))
        lap.total_elapsed_time = seconds
        lap.total_timer_time = seconds
        if meters is not None:
            lap.total_distance = meters
            total_m += meters
        messages.append(lap)
        at += dt.timedelta(seconds=seconds)
    session = SessionMessage()
    session.start_time = _ms(start)
    session.timestamp = _ms(at)
    session.total_timer_time = (at - start).total_seconds()
    session.total_elapsed_time = (at - start).total_seconds()
    if total_m:
        session.total_distance = total_m
    session.sport = sport
    session.first_lap_index = 0
    session.num_laps = len(laps)
    messages.append(session)
    activity = ActivityMessage()
    activity.timestamp = _ms(at)
    activity.num_sessions = 1
    messages.append(activity)
    builder = FitFileBuilder(auto_define=True)
    builder.add_all(messages)
    return builder.build().to_bytes()
