"""Leases for form-check jobs, so a check whose worker died is run again or failed.

django-tasks-db (0.13) marks a task row ``RUNNING`` when a worker claims it and has no
heartbeat or expiry of its own: a worker killed with ``kill -9`` leaves the row running
for ever. The check therefore carries its own lease. The task claims the check with a
random token and ``lease_expires_at = now + lease``; a heartbeat thread renews it every
quarter lease while the analysis runs. Anyone may call :func:`recover_lost_checks`:
every worker does so every heartbeat interval, and the pages and API do so for the checks
they show, so what a person sees is true even when no worker is alive. A lost check goes
back to the queue (a new task row; the old one is marked failed) until it has had
``FORM_CHECK_MAX_ATTEMPTS`` attempts; then it fails with a sentence saying why.

Timings come from settings (``BACKSTRIDE_FORM_CHECK_LEASE_SECONDS``,
``BACKSTRIDE_FORM_CHECK_MAX_ATTEMPTS``) so a test can use a lease of seconds.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from backstride.web.analysis import files
from backstride.web.analysis.models import FormCheck, Status

logger = logging.getLogger(__name__)

LOST_TOO_OFTEN = (
    "The analysis stopped {attempts} times without finishing (its worker was stopped or "
    "ran out of memory each time), so it was given up. Try a shorter or smaller clip."
)


def lease_seconds() -> float:
    return float(settings.FORM_CHECK_LEASE_SECONDS)


def heartbeat_seconds() -> float:
    """Renew four times per lease: a missed beat or two never loses a live job."""
    return lease_seconds() / 4


def max_attempts() -> int:
    return int(settings.FORM_CHECK_MAX_ATTEMPTS)


def _expiry(now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(seconds=lease_seconds())


def claim(check_id: int) -> str | None:
    """Take a queued check for this worker; the lease token, or None if not ours to run."""
    token = secrets.token_hex(8)
    now = timezone.now()
    taken = FormCheck.objects.filter(pk=check_id, status=Status.QUEUED).update(
        status=Status.RUNNING,
        started_at=now,
        attempts=F("attempts") + 1,
        lease_token=token,
        lease_expires_at=_expiry(now),
    )
    return token if taken == 1 else None


def renew(check_id: int, token: str) -> bool:
    """Push the lease on; False once the check is no longer ours (finished or taken over)."""
    return (
        FormCheck.objects.filter(pk=check_id, status=Status.RUNNING, lease_token=token).update(
            lease_expires_at=_expiry(timezone.now())
        )
        == 1
    )


@contextmanager
def heartbeat(check_id: int, token: str) -> Iterator[None]:
    """Renew the lease from a side thread while the body (the analysis) runs."""
    stop = threading.Event()

    def beat() -> None:
        try:
            while not stop.wait(heartbeat_seconds()):
                try:
                    if not renew(check_id, token):
                        return
                except Exception:  # a busy database: try again next beat
                    logger.warning("form check %s: lease renewal failed", check_id, exc_info=True)
        finally:
            connections.close_all()  # this thread's own connection

    thread = threading.Thread(target=beat, name=f"lease-{check_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def _lost(now: dt.datetime) -> Q:
    """Running checks whose lease ran out (rows from before leases: by their start)."""
    expired = Q(lease_expires_at__lt=now)
    legacy = Q(
        lease_expires_at__isnull=True, started_at__lt=now - dt.timedelta(seconds=lease_seconds())
    )
    return Q(status=Status.RUNNING) & (expired | legacy)


def recover_lost_checks(check_ids: Iterable[int] | None = None) -> int:
    """Queue again (or fail, after the last attempt) every check whose lease expired.

    ``check_ids`` limits the look to the checks a page is about to show. Each check is
    changed with a conditional update, so two callers at once recover it once.
    Returns how many checks were recovered.
    """
    now = timezone.now()
    lost = FormCheck.objects.filter(_lost(now))
    if check_ids is not None:
        lost = lost.filter(pk__in=list(check_ids))
    recovered = 0
    for check in lost.only("pk", "attempts", "lease_token", "task_id", "upload_path"):
        if _recover(check, now):
            recovered += 1
    return recovered


def _recover(check: FormCheck, now: dt.datetime) -> bool:
    from backstride.web.analysis.tasks import analyse_form_check

    same = FormCheck.objects.filter(
        pk=check.pk, status=Status.RUNNING, lease_token=check.lease_token
    )
    same = same.filter(_lost(now))
    retry = check.attempts < max_attempts() and bool(check.upload_path)
    with transaction.atomic():
        if retry:
            if not same.update(status=Status.QUEUED, lease_token="", lease_expires_at=None):
                return False
            result = analyse_form_check.enqueue(check.pk)
            FormCheck.objects.filter(pk=check.pk).update(task_id=str(result.id))
        else:
            error = LOST_TOO_OFTEN.format(attempts=check.attempts)
            if not same.update(
                status=Status.FAILED,
                error=error,
                upload_path="",
                lease_token="",
                lease_expires_at=None,
                finished_at=now,
            ):
                return False
        _fail_orphaned_task_row(check.task_id, now)
    if not retry:
        files.remove_folder(check.pk)  # nothing of a failed check stays on disk
    logger.warning(
        "form check %s: worker lost on attempt %s; %s",
        check.pk,
        check.attempts,
        "queued again" if retry else "failed",
    )
    return True


def _fail_orphaned_task_row(task_id: str, now: dt.datetime) -> None:
    """The dead worker's task row would say RUNNING for ever: record what happened."""
    if not task_id:
        return
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.filter(pk=task_id, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=now,
        exception_class_path="backstride.web.analysis.lease.WorkerLost",
        traceback="The worker running this task stopped (its lease expired).",
    )


class LeaseKeeper(threading.Thread):
    """Runs :func:`recover_lost_checks` every heartbeat interval beside a task worker."""

    def __init__(self) -> None:
        super().__init__(name="backstride-lease-keeper", daemon=True)
        self._stop_event = threading.Event()

    def run(self) -> None:
        try:
            while not self._stop_event.wait(heartbeat_seconds()):
                try:
                    recover_lost_checks()
                except Exception:  # never let housekeeping kill the worker
                    logger.warning("recovering lost form checks failed", exc_info=True)
        finally:
            connections.close_all()

    def stop(self) -> None:
        self._stop_event.set()
        self.join(5)
