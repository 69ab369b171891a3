"""The local SQLite log store: round trips, atomic writes, schema versioning."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from backstride.cli.store import DB_NAME, SCHEMA_VERSION, LogStore, StoreError, default_home
from backstride.training.models import PainSite, SessionLog


@pytest.fixture
def store(tmp_path: Path) -> LogStore:
    return LogStore(tmp_path / "home" / DB_NAME)


def test_home_follows_the_backstride_home_variable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BACKSTRIDE_HOME", str(tmp_path))
    assert default_home() == tmp_path
    assert LogStore.open_default().path == tmp_path / DB_NAME


def test_a_log_with_pain_reads_back_unchanged(store: LogStore) -> None:
    entry = SessionLog(
        date=dt.date(2026, 11, 20),
        completed_fraction=0.75,
        rpe=6.5,
        minutes=32,
        backward_seconds=480,
        backward_meters=650,
        pain={PainSite.KNEE: 2, PainSite.SHIN: 4},
        sharp_pain=True,
        next_morning_soreness=3,
        near_fall=True,
        session_uid="abc",
        notes="windy",
    )
    store.add_log(entry)
    # The store adds its own id, so a decision can name the logs it used.
    assert store.logs() == [replace(entry, log_id="1")]


def test_logs_come_back_sorted_by_session_date(store: LogStore) -> None:
    for day in (5, 1, 3):
        store.add_log(SessionLog(date=dt.date(2026, 11, day)))
    assert [e.date.day for e in store.logs()] == [1, 3, 5]


def test_a_failed_pain_insert_leaves_no_half_written_log(store: LogStore) -> None:
    store.add_log(SessionLog(date=dt.date(2026, 11, 1)))
    bad = SessionLog(date=dt.date(2026, 11, 2), pain={PainSite.KNEE: 11})
    with pytest.raises(StoreError, match="nothing was saved"):
        store.add_log(bad)
    assert [e.date.day for e in store.logs()] == [1]
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT count(*) FROM session_log").fetchone() == (1,)


def test_plan_parameters_are_replaced_by_the_latest_save(store: LogStore) -> None:
    assert store.plan_params() is None
    store.save_plan_params({"age": 40, "weeks": 8})
    store.save_plan_params({"age": 41, "weeks": 6})
    assert store.plan_params() == {"age": 41, "weeks": 6}


def test_new_store_records_its_schema_version(store: LogStore) -> None:
    store.logs()
    with sqlite3.connect(store.path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]


def test_a_store_from_a_newer_release_is_refused(store: LogStore) -> None:
    store.logs()
    with sqlite3.connect(store.path) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="newer Backstride"):
        store.logs()


def test_a_file_that_is_not_a_database_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    path.write_text("this is not sqlite, just text " * 40)
    with pytest.raises(StoreError, match="unusable"):
        LogStore(path).logs()


SCHEMA_1_LOG = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version VALUES (1);
CREATE TABLE session_log (
    id INTEGER PRIMARY KEY, date TEXT NOT NULL, completed_fraction REAL NOT NULL,
    rpe REAL NOT NULL, minutes REAL NOT NULL, backward_seconds REAL NOT NULL,
    backward_meters REAL NOT NULL, sharp_pain INTEGER NOT NULL,
    next_morning_soreness INTEGER, near_fall INTEGER NOT NULL, fall INTEGER NOT NULL,
    session_uid TEXT, notes TEXT NOT NULL, recorded_at TEXT NOT NULL
);
CREATE TABLE log_pain (log_id INTEGER NOT NULL, site TEXT NOT NULL, score INTEGER NOT NULL,
    PRIMARY KEY (log_id, site));
CREATE TABLE saved_plan (id INTEGER PRIMARY KEY, params TEXT NOT NULL, saved_at TEXT NOT NULL);
INSERT INTO session_log VALUES (1, '2026-11-02', 1.0, 5, 20, 300, 0, 0, 2, 0, 0, NULL, '', 'x');
"""


def test_a_schema_1_store_is_migrated_and_its_logs_keep_unknown_as_unknown(
    tmp_path: Path,
) -> None:
    path = tmp_path / DB_NAME
    with sqlite3.connect(path) as conn:
        conn.executescript(SCHEMA_1_LOG)
    store = LogStore(path)
    (old,) = store.logs()
    assert old.next_morning_soreness == 2
    assert old.pre_session_pain is None and old.swelling is None  # unknown, not 0 / False
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(2,)]


def test_pre_session_pain_and_swelling_read_back(store: LogStore) -> None:
    entry = SessionLog(date=dt.date(2026, 11, 20), pre_session_pain=2, swelling=True)
    store.add_log(entry)
    assert store.logs() == [replace(entry, log_id="1")]
    with pytest.raises(StoreError, match="out of range"):
        store.add_log(SessionLog(date=dt.date(2026, 11, 21), pre_session_pain=12))
