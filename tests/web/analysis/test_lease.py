"""Leases of form-check jobs, in-process: claim, heartbeat, recovery and the last try.

The real thing (``kill -9`` of a real ``backstride worker``) is in test_worker_crash.py;
these pin down each rule on its own, on whichever database the suite runs on.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from backstride.web.analysis import files, lease
from backstride.web.analysis.models import FormCheck, Status
from backstride.web.analysis.services import create_check
from backstride.web.analysis.tasks import _finish
from tests.web.analysis.conftest import video_upload


def lose_worker(check: FormCheck) -> str:
    """Claim the check as a worker would, then let its lease run out (the worker died)."""
    token = lease.claim(check.pk)
    assert token is not None
    DBTaskResult.objects.filter(pk=check.task_id).update(status=TaskResultStatus.RUNNING)
    FormCheck.objects.filter(pk=check.pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    return token


def test_a_claim_is_exclusive_and_counts_the_attempt(owner: object) -> None:
    check = create_check(owner, video_upload())
    assert lease.claim(check.pk) is not None
    assert lease.claim(check.pk) is None  # a second worker does not get it
    check.refresh_from_db()
    assert (check.status, check.attempts) == (Status.RUNNING, 1)
    assert check.lease_expires_at > timezone.now()


def test_the_heartbeat_keeps_pushing_the_lease_on(
    owner: object, settings: pytest.FixtureRequest, transactional_db: None
) -> None:
    settings.FORM_CHECK_LEASE_SECONDS = 0.4  # a beat every 0.1 s
    check = create_check(owner, video_upload())
    token = lease.claim(check.pk)
    assert token is not None
    first = FormCheck.objects.get(pk=check.pk).lease_expires_at
    with lease.heartbeat(check.pk, token):
        time.sleep(1.0)
        renewed = FormCheck.objects.get(pk=check.pk).lease_expires_at
    assert renewed > first
    assert lease.recover_lost_checks() == 0


def test_a_lost_check_is_queued_again_and_its_dead_task_row_says_so(
    owner: object, owner_client: Client
) -> None:
    check = create_check(owner, video_upload())
    old_task = check.task_id
    lose_worker(check)
    body = owner_client.get(f"/api/form-checks/{check.pk}").json()  # reading recovers it
    assert body["status"] == Status.QUEUED
    check.refresh_from_db()
    assert check.task_id != old_task and check.attempts == 1
    assert DBTaskResult.objects.get(pk=old_task).status == TaskResultStatus.FAILED
    assert DBTaskResult.objects.get(pk=check.task_id).status == TaskResultStatus.READY
    assert lease.recover_lost_checks() == 0  # once


def test_after_the_last_try_it_fails_with_a_reason_and_leaves_no_folder(
    owner: object, owner_client: Client, settings: pytest.FixtureRequest, media_root: Path
) -> None:
    settings.FORM_CHECK_MAX_ATTEMPTS = 1
    check = create_check(owner, video_upload())
    assert files.check_folder(check.pk).is_dir()
    lose_worker(check)
    page = owner_client.get(f"/form-checks/{check.pk}/").content.decode()
    check.refresh_from_db()
    assert check.status == Status.FAILED
    assert check.error == lease.LOST_TOO_OFTEN.format(attempts=1)
    assert "stopped 1 times" in check.error and "stopped 1 times" in page
    assert check.upload_path == "" and check.finished_at is not None
    assert not files.check_folder(check.pk).exists()


def test_a_worker_that_lost_its_lease_cannot_overwrite_the_new_run(owner: object) -> None:
    check = create_check(owner, video_upload())
    stale_token = lose_worker(check)
    lease.recover_lost_checks()
    fresh_token = lease.claim(check.pk)
    assert fresh_token and fresh_token != stale_token
    assert not _finish(check.pk, stale_token, status=Status.FAILED, error="late")
    assert not lease.renew(check.pk, stale_token)
    check.refresh_from_db()
    assert (check.status, check.attempts) == (Status.RUNNING, 2)
