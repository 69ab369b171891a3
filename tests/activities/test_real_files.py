"""Every real recording in ../shared/data/activities either parses or is refused in words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from backstride.activities import ActivityError, read_activity
from tests.activities.conftest import real_files

FILES = real_files()


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.skipif(not FILES, reason="real activity files not found at ../shared/data")
@pytest.mark.parametrize("path", FILES, ids=_id)
def test_every_real_file_parses_or_is_refused_with_a_one_line_message(path: Path) -> None:
    try:
        activities = read_activity(path)
    except ActivityError as exc:
        message = str(exc)
        assert path.name in message and "\n" not in message
        return
    for activity in activities:
        assert activity.start.tzinfo is not None and activity.start.utcoffset() == dt.timedelta(0)
        assert activity.duration_s >= 0
        assert activity.file_name == path.name
        if path.parent.name == "invalid":
            assert activity.warnings, "a damaged file must say so when it is read partially"


def test_fenix5_run_has_its_one_lap_totals_and_gps(data_dir: Path) -> None:
    (run,) = read_activity(data_dir / "fit" / "garmin-fenix-5-run.fit")
    assert run.source_format == "fit" and run.sport == "running"
    assert run.start == dt.datetime(2017, 6, 11, 14, 34, 9, tzinfo=dt.UTC)
    assert run.duration_s == pytest.approx(56.887)
    assert run.distance_m == pytest.approx(157.56)
    assert run.has_gps and run.device == "garmin fenix5"
    (lap,) = run.laps
    # 157.56 m in 56.887 s is 2.77 m/s, 9.97 km/h.
    assert lap.avg_speed_kmh == pytest.approx(157.56 / 56.887 * 3.6, abs=0.02)
    assert lap.avg_hr == 90


def test_indoor_trainer_has_no_gps_and_no_distance_but_keeps_its_five_laps(
    data_dir: Path,
) -> None:
    (ride,) = read_activity(data_dir / "fit" / "sample-activity-indoor-trainer.fit")
    assert not ride.has_gps and ride.distance_m is None
    assert len(ride.laps) == 5
    assert ride.duration_s == pytest.approx(2261.85)


def test_a_planned_workout_file_is_refused_as_not_a_recording(data_dir: Path) -> None:
    with pytest.raises(ActivityError, match="planned workout, not a recorded activity"):
        read_activity(data_dir / "fit" / "WorkoutRepeatSteps.fit")


@pytest.mark.parametrize(
    ("name", "warning"),
    [
        ("activity-filecrc.fit", "checksum"),
        ("activity-unexpected-eof.fit", "ends early"),
        ("activity-settings-nodata.fit", "ends early"),
        ("activity-settings-corruptheader.fit", "damaged"),
    ],
)
def test_damaged_fit_files_keep_the_complete_session_and_warn(
    data_dir: Path, name: str, warning: str
) -> None:
    (activity,) = read_activity(data_dir / "fit" / "invalid" / name)
    assert activity.duration_s == pytest.approx(13.749)
    assert any(warning in w for w in activity.warnings)


def test_gpx_tracks_become_one_activity_each_with_their_own_times(data_dir: Path) -> None:
    tracks = read_activity(data_dir / "gpx" / "korita-zbevnica.gpx")
    assert [t.start for t in tracks] == [
        dt.datetime(2010, 10, 3, 9, 36, 30, tzinfo=dt.UTC),
        dt.datetime(2010, 10, 3, 10, 57, 10, tzinfo=dt.UTC),
    ]
    assert [t.duration_s for t in tracks] == [4552.0, 8541.0]
    assert all(t.has_gps and t.laps == () and t.source_format == "gpx" for t in tracks)


def test_gpx_with_placeholder_times_or_waypoints_only_is_refused(data_dir: Path) -> None:
    for name in ("Mojstrovka.gpx", "gpx_with_garmin_extension.gpx"):
        with pytest.raises(ActivityError, match="no track with usable times"):
            read_activity(data_dir / "gpx" / name)


def test_tcx_laps_sum_to_the_activity_and_carry_heart_rate(data_dir: Path) -> None:
    (paddle,) = read_activity(data_dir / "tcx" / "sup_activity_1.tcx")
    assert paddle.start == dt.datetime(2022, 7, 16, 16, 8, 25, tzinfo=dt.UTC)
    assert len(paddle.laps) == 2
    assert paddle.laps[0].duration_s == pytest.approx(966.796)
    assert paddle.laps[0].distance_m == 1000.0 and paddle.laps[0].avg_hr == 88
    assert paddle.duration_s == pytest.approx(sum(lap.duration_s for lap in paddle.laps))
    assert paddle.has_gps and paddle.device == "vívoactive HR"
