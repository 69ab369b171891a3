"""A throwaway database that separate processes (a real server, real workers) share.

pytest-django's test database is in memory on SQLite, which no other process can open;
tests that start real `backstride` processes use this instead: a SQLite file in the
default run, a fresh database on the PostgreSQL server of DATABASE_URL in the
PostgreSQL run (scripts/pg-test.sh). Plain SQL reads what the processes wrote.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


class Database:
    """A throwaway database for child processes, and plain SQL to watch a check."""

    def __init__(self, tmp_path: Path) -> None:
        server = os.environ.get("DATABASE_URL", "")
        self.name = ""
        if server.startswith(("postgres://", "postgresql://")):
            import psycopg

            self.name = f"lease_{secrets.token_hex(4)}"
            self.admin = server
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f"CREATE DATABASE {self.name}")
            self.url = server.rsplit("/", 1)[0] + "/" + self.name
            self.connect = lambda: psycopg.connect(self.url, autocommit=True)
            self.mark = "%s"
            self.args_text = "args_kwargs::text"
        else:
            import sqlite3

            path = tmp_path / "crash.sqlite3"
            self.url = f"sqlite:///{path}"
            self.connect = lambda: sqlite3.connect(path, isolation_level=None)
            self.mark = "?"
            self.args_text = "args_kwargs"

    def rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Run ``sql`` (``%s`` placeholders) and return its rows."""
        conn = self.connect()
        try:
            return list(conn.execute(sql.replace("%s", self.mark), params).fetchall())
        finally:
            conn.close()

    def check(self, check_id: int) -> dict[str, Any]:
        conn = self.connect()
        try:
            row = conn.execute(
                "SELECT status, attempts, error, upload_path, task_id FROM analysis_formcheck "
                f"WHERE id = {self.mark}",
                (check_id,),
            ).fetchone()
            tasks = conn.execute(
                "SELECT status FROM django_tasks_database_dbtaskresult "
                f"WHERE {self.args_text} LIKE {self.mark}",
                (f'%"args": [{check_id}]%',),
            ).fetchall()
        finally:
            conn.close()
        keys = ("status", "attempts", "error", "upload_path", "task_id")
        return {**dict(zip(keys, row, strict=True)), "task_rows": sorted(t[0] for t in tasks)}

    def drop(self) -> None:
        if self.name:
            import psycopg

            with psycopg.connect(self.admin, autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    db = Database(tmp_path)
    yield db
    db.drop()
