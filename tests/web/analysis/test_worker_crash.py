"""``kill -9`` of a real ``backstride worker`` mid-analysis: another worker takes the job.

Runs on its own database so separate processes can share it: a SQLite file in the
default run, a fresh database on the PostgreSQL server of DATABASE_URL in the
PostgreSQL run (scripts/pg-test.sh). The lease is 3 s instead of 60 s so the test takes
seconds; nothing else differs from production.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.web.analysis.clips import cut_clip
from tests.web.separate_db import Database

pytestmark = pytest.mark.slow

BACKSTRIDE = Path(sys.executable).with_name("backstride")
LEASE_SECONDS = 3
MAX_ATTEMPTS = 2

# Run in a child process: migrate the private database, then upload one clip.
UPLOAD = """
import sys, django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from backstride.web.analysis.services import create_check
user, _ = get_user_model().objects.get_or_create(username="crashy")
with open(sys.argv[1], "rb") as handle:
    upload = SimpleUploadedFile("walk.mp4", handle.read(), content_type="video/mp4")
print(create_check(user, upload).pk)
"""


def child_env(tmp_path: Path, database: Database) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database.url,
        BACKSTRIDE_DATA_DIR=str(tmp_path / "data"),
        BACKSTRIDE_SECRET_KEY="crash-test-only-secret-key-0123456789abcdef",
        BACKSTRIDE_FORM_CHECK_LEASE_SECONDS=str(LEASE_SECONDS),
        BACKSTRIDE_FORM_CHECK_MAX_ATTEMPTS=str(MAX_ATTEMPTS),
        DJANGO_SETTINGS_MODULE="backstride.web.settings",
    )
    return env


def wait_for(database: Database, check_id: int, what: str, until: Any, limit_s: float) -> dict:
    """Poll the row until ``until(row)``; a bound on waiting, not a speed assertion."""
    deadline = time.monotonic() + limit_s
    row = database.check(check_id)
    while time.monotonic() < deadline:
        row = database.check(check_id)
        if until(row):
            return row
        time.sleep(0.1)
    pytest.fail(f"check {check_id} never reached {what} within {limit_s:.0f} s: {row}")


class Workers:
    def __init__(self, env: dict[str, str], log_dir: Path) -> None:
        self.env, self.log_dir, self.procs = env, log_dir, []

    def start(self) -> subprocess.Popen:
        log = (self.log_dir / f"worker-{len(self.procs)}.log").open("wb")
        proc = subprocess.Popen(
            [str(BACKSTRIDE), "worker", "--interval", "0.2"],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.procs.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)


def kill_9(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(10) == -signal.SIGKILL


def test_a_killed_workers_check_is_run_again_then_given_up_after_the_last_try(
    tmp_path: Path, database: Database
) -> None:
    env = child_env(tmp_path, database)
    clip = cut_clip(tmp_path / "walk.mp4", seconds=2.5)

    def upload() -> int:
        out = subprocess.run(
            [sys.executable, "-c", UPLOAD, str(clip)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert out.returncode == 0, out.stderr
        return int(out.stdout.strip().splitlines()[-1])

    workers = Workers(env, tmp_path)
    try:
        # 1. Worker A dies mid-analysis: until its lease runs out the check says running.
        first = upload()
        a = workers.start()
        wait_for(database, first, "running", lambda r: r["status"] == "running", 180)
        kill_9(a)
        assert database.check(first)["status"] == "running"
        # Worker B notices the expired lease, queues it again and analyses it to the end.
        workers.start()
        done = wait_for(database, first, "done", lambda r: r["status"] in ("done", "failed"), 300)
        assert (done["status"], done["attempts"], done["error"]) == ("done", 2, "")
        # A's task row is marked failed, B's succeeded: nothing stays "running".
        assert done["task_rows"] == ["FAILED", "SUCCESSFUL"]
        report = tmp_path / "data" / "media" / "form-checks" / str(first) / "report"
        assert json.loads((report / "report.json").read_text())["video"]["source"] == "walk.mp4"

        # 2. Killed on every try: after MAX_ATTEMPTS it fails with a reason, files gone.
        workers.stop_all()
        second = upload()
        for attempt in range(1, MAX_ATTEMPTS + 1):
            proc = workers.start()
            wait_for(
                database,
                second,
                f"running (attempt {attempt})",
                lambda r, n=attempt: r["status"] == "running" and r["attempts"] == n,
                180,
            )
            kill_9(proc)
        workers.start()
        failed = wait_for(database, second, "failed", lambda r: r["status"] != "running", 60)
        assert failed["status"] == "failed"
        assert failed["error"].startswith(f"The analysis stopped {MAX_ATTEMPTS} times")
        assert failed["upload_path"] == ""
        assert failed["task_rows"] == ["FAILED", "FAILED"]
        assert not (tmp_path / "data" / "media" / "form-checks" / str(second)).exists()
    finally:
        workers.stop_all()
