"""Background tasks run by the database-backed worker, in batch mode and as a thread."""

from __future__ import annotations

import datetime as dt
import signal
import time
from collections.abc import Iterator

import pytest
from django.utils import timezone
from django_tasks import TaskResultStatus

from backstride.web.accounts import throttle
from backstride.web.accounts.models import LoginFailure
from backstride.web.core.tasks import prune_login_failures
from backstride.web.runner import WorkerThread, run_worker


@pytest.fixture
def keep_signal_handlers() -> Iterator[None]:
    # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def stale_failure() -> None:
    throttle.record_failure("gone", now=timezone.now() - dt.timedelta(days=1))


def test_enqueued_task_waits_for_a_worker(db: None) -> None:
    stale_failure()
    result = prune_login_failures.enqueue()
    result.refresh()
    assert result.status == TaskResultStatus.READY
    assert LoginFailure.objects.count() == 1


def test_batch_worker_runs_due_tasks_and_exits(
    transactional_db: None, keep_signal_handlers: None
) -> None:
    # transactional_db: the worker closes connections between tasks, like a real one.
    stale_failure()
    result = prune_login_failures.enqueue()
    run_worker(interval_seconds=0.0, batch=True, queues="*")
    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert not LoginFailure.objects.exists()


def test_in_process_worker_thread_runs_tasks_and_stops(transactional_db: None) -> None:
    stale_failure()
    result = prune_login_failures.enqueue()
    worker = WorkerThread(interval_seconds=0.05)
    worker.start()
    try:
        # A bound on waiting, not a speed test: the loop ends as soon as the task is done,
        # and 5 s was not always enough when the machine's two cores were busy.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            result.refresh()
            if result.status == TaskResultStatus.SUCCESSFUL:
                break
            time.sleep(0.05)
    finally:
        worker.stop()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert not worker.is_alive()
