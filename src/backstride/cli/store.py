"""The local log store behind ``backstride log`` and ``backstride next``.

One SQLite file in the user's data directory (``platformdirs.user_data_dir``), or in
``$BACKSTRIDE_HOME`` when set (tests and portable installs). It keeps two things: the
session logs, and the parameters of the last plan saved with ``plan --save`` (not the
plan itself: ``next`` regenerates it, so a newer generator's fixes apply).

Every write runs in one transaction, so a log whose pain rows fail to insert leaves
nothing behind. A ``schema_version`` table lets later releases migrate old files and
lets this one refuse a file written by a newer release instead of corrupting it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from backstride.training.models import PainSite, SessionLog

SCHEMA_VERSION = 2
DB_NAME = "backstride.sqlite3"

_SCHEMA = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE session_log (
    id INTEGER PRIMARY KEY,
    date TEXT NOT NULL,
    completed_fraction REAL NOT NULL CHECK (completed_fraction BETWEEN 0 AND 1),
    rpe REAL NOT NULL CHECK (rpe BETWEEN 0 AND 10),
    minutes REAL NOT NULL CHECK (minutes >= 0),
    backward_seconds REAL NOT NULL CHECK (backward_seconds >= 0),
    backward_meters REAL NOT NULL CHECK (backward_meters >= 0),
    sharp_pain INTEGER NOT NULL,
    next_morning_soreness INTEGER CHECK (next_morning_soreness BETWEEN 0 AND 10),
    near_fall INTEGER NOT NULL,
    fall INTEGER NOT NULL,
    session_uid TEXT,
    notes TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    pre_session_pain INTEGER CHECK (pre_session_pain BETWEEN 0 AND 10),
    swelling INTEGER
);
CREATE TABLE log_pain (
    log_id INTEGER NOT NULL REFERENCES session_log(id) ON DELETE CASCADE,
    site TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10),
    PRIMARY KEY (log_id, site)
);
CREATE TABLE saved_plan (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    params TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX session_log_date ON session_log(date);
"""


class StoreError(ValueError):
    """The store file cannot be used (newer schema, not a database, unwritable)."""


def default_home() -> Path:
    """``$BACKSTRIDE_HOME`` if set, else the platform's per-user data directory."""
    home = os.environ.get("BACKSTRIDE_HOME")
    return Path(home) if home else Path(user_data_dir("backstride"))


class LogStore:
    """Session logs and the saved plan parameters in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open_default(cls) -> LogStore:
        return cls(default_home() / DB_NAME)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open the log store at {self.path}: {exc}") from None
        with closing(conn):
            conn.execute("PRAGMA foreign_keys = ON")
            try:
                self._migrate(conn)
                with conn:  # one transaction: commit on success, roll back on error
                    yield conn
            except sqlite3.IntegrityError as exc:
                raise StoreError(f"nothing was saved, a value is out of range: {exc}") from None
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"the log store at {self.path} is unusable: {exc}") from None

    def _migrate(self, conn: sqlite3.Connection) -> None:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_version'"
        ).fetchone()
        if not has_table:
            # Tables and version row in one transaction: a crash leaves no half schema.
            conn.executescript(
                f"BEGIN; {_SCHEMA} INSERT INTO schema_version VALUES ({SCHEMA_VERSION}); COMMIT;"
            )
            return
        (version,) = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        if version is None or version > SCHEMA_VERSION:
            raise StoreError(
                f"the log store at {self.path} was written by a newer Backstride "
                f"(schema {version}); please upgrade"
            )
        if version < 2:
            # Schema 2 adds the pain before the session and swelling (both may be unknown:
            # NULL, never 0), which the pain-monitoring model compares the morning with.
            conn.executescript(
                "BEGIN;"
                " ALTER TABLE session_log ADD COLUMN pre_session_pain INTEGER"
                " CHECK (pre_session_pain BETWEEN 0 AND 10);"
                " ALTER TABLE session_log ADD COLUMN swelling INTEGER;"
                " UPDATE schema_version SET version = 2;"
                " COMMIT;"
            )

    def add_log(self, log: SessionLog) -> int:
        """Insert one log and its pain scores atomically; returns the new row id."""
        with self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO session_log (date, completed_fraction, rpe, minutes,"
                " backward_seconds, backward_meters, sharp_pain, next_morning_soreness,"
                " near_fall, fall, session_uid, notes, recorded_at, pre_session_pain, swelling)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    log.date.isoformat(),
                    log.completed_fraction,
                    log.rpe,
                    log.minutes,
                    log.backward_seconds,
                    log.backward_meters,
                    int(log.sharp_pain),
                    log.next_morning_soreness,
                    int(log.near_fall),
                    int(log.fall),
                    log.session_uid,
                    log.notes,
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    log.pre_session_pain,
                    None if log.swelling is None else int(log.swelling),
                ),
            )
            log_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO log_pain (log_id, site, score) VALUES (?, ?, ?)",
                [(log_id, str(site), score) for site, score in (log.pain or {}).items()],
            )
        return log_id

    def logs(self) -> list[SessionLog]:
        """Every log, oldest first (by session date, then by entry order)."""
        with self._connect() as conn:
            pain: dict[int, dict[PainSite, int]] = {}
            for log_id, site, score in conn.execute("SELECT log_id, site, score FROM log_pain"):
                pain.setdefault(log_id, {})[PainSite(site)] = score
            rows = conn.execute(
                "SELECT id, date, completed_fraction, rpe, minutes, backward_seconds,"
                " backward_meters, sharp_pain, next_morning_soreness, near_fall, fall,"
                " session_uid, notes, pre_session_pain, swelling"
                " FROM session_log ORDER BY date, id"
            ).fetchall()
        return [
            SessionLog(
                date=dt.date.fromisoformat(r[1]),
                completed_fraction=r[2],
                rpe=r[3],
                minutes=r[4],
                backward_seconds=r[5],
                backward_meters=r[6],
                pain=pain.get(r[0], {}),
                sharp_pain=bool(r[7]),
                next_morning_soreness=r[8],
                near_fall=bool(r[9]),
                fall=bool(r[10]),
                session_uid=r[11],
                notes=r[12],
                pre_session_pain=r[13],
                swelling=None if r[14] is None else bool(r[14]),
                log_id=str(r[0]),
            )
            for r in rows
        ]

    def save_plan_params(self, params: dict[str, Any]) -> None:
        """Remember the options of the last ``plan --save`` (replaces the previous ones)."""
        text = json.dumps(params, sort_keys=True)
        with self._connect() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO saved_plan (id, params, saved_at) VALUES (1, ?, ?)",
                (text, dt.datetime.now(dt.UTC).isoformat(timespec="seconds")),
            )

    def plan_params(self) -> dict[str, Any] | None:
        """The saved plan options, or None if ``plan --save`` was never run."""
        with self._connect() as conn:
            row = conn.execute("SELECT params FROM saved_plan WHERE id = 1").fetchone()
        return None if row is None else json.loads(row[0])
