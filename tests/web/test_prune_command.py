"""The pruning housekeeping as a management command, for cron on the scale path."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from backstride.web.accounts import throttle
from backstride.web.accounts.models import LoginFailure


def test_the_command_removes_only_expired_counters_and_says_how_many(db: None) -> None:
    now = timezone.now()
    throttle.record_failure("old", now=now - dt.timedelta(days=1))
    throttle.record_failure("older", now=now - dt.timedelta(days=2))
    throttle.record_failure("fresh", now=now)
    out = io.StringIO()
    call_command("prune_login_failures", stdout=out)
    assert out.getvalue().strip() == "Removed 2 expired failed-login counters."
    assert list(LoginFailure.objects.values_list("key", flat=True)) == ["user:fresh"]
    out = io.StringIO()
    call_command("prune_login_failures", stdout=out)
    assert out.getvalue().strip() == "Removed 0 expired failed-login counters."


@pytest.mark.slow
def test_the_command_is_reached_through_python_m_backstride_web(tmp_path: Path) -> None:
    """What cron runs: a fresh process on its own database, no server, no worker."""
    env = {
        **os.environ,
        "BACKSTRIDE_DATA_DIR": str(tmp_path),
        "BACKSTRIDE_SECRET_KEY": "tests-only-secret-key-0123456789-abcdefghij",
    }
    env.pop("DATABASE_URL", None)
    manage = [sys.executable, "-m", "backstride.web"]
    migrated = subprocess.run(
        [*manage, "migrate", "--noinput"], env=env, capture_output=True, text=True, check=False
    )
    assert migrated.returncode == 0, migrated.stderr
    done = subprocess.run(
        [*manage, "prune_login_failures"], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Removed 0 expired failed-login counters."
