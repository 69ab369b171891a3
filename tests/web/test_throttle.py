"""Login throttling: N failures lock the username for the lockout period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from backstride.web.accounts import throttle
from backstride.web.accounts.models import LoginFailure
from tests.web.conftest import PASSWORD

T0 = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def three_failures_lock_for_ten_minutes(settings: object) -> None:
    settings.LOGIN_MAX_FAILURES = 3
    settings.LOGIN_LOCKOUT_SECONDS = 600


def test_the_third_failure_locks_for_the_lockout_period(db: None) -> None:
    throttle.record_failure("ada", now=T0)
    throttle.record_failure("ada", now=T0 + dt.timedelta(seconds=10))
    assert throttle.seconds_locked("ada", now=T0 + dt.timedelta(seconds=20)) == 0
    throttle.record_failure("ada", now=T0 + dt.timedelta(seconds=20))
    # Locked until 20 s + 600 s after T0: at 120 s there are 500 s left.
    assert throttle.seconds_locked("ada", now=T0 + dt.timedelta(seconds=120)) == 500
    assert throttle.seconds_locked("ada", now=T0 + dt.timedelta(seconds=620)) == 0


def test_failures_outside_the_window_start_a_new_count(db: None) -> None:
    throttle.record_failure("ada", now=T0)
    throttle.record_failure("ada", now=T0 + dt.timedelta(seconds=10))
    later = T0 + dt.timedelta(seconds=700)
    throttle.record_failure("ada", now=later)
    assert LoginFailure.objects.get().failures == 1
    assert throttle.seconds_locked("ada", now=later) == 0


def test_usernames_are_normalised(db: None) -> None:
    for name in ("Ada", " ada", "ADA "):
        throttle.record_failure(name, now=T0)
    assert throttle.seconds_locked("ada", now=T0) == 600


def test_success_clears_the_count(db: None) -> None:
    throttle.record_failure("ada", now=T0)
    throttle.record_success("ADA")
    assert not LoginFailure.objects.exists()


def test_lockout_message_rounds_up_to_whole_minutes() -> None:
    assert throttle.lockout_message(1) == (
        "Too many failed sign-in attempts. Try again in 1 minute."
    )
    assert throttle.lockout_message(61).endswith("in 2 minutes.")


def test_login_page_refuses_even_the_right_password_once_locked(owner: object) -> None:
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "olive", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "olive", "password": PASSWORD})
    assert response.status_code == 200
    assert "Too many failed sign-in attempts. Try again in 10 minutes." in (
        response.content.decode()
    )
    assert "_auth_user_id" not in client.session


def test_other_users_are_not_affected_by_a_lock(owner: object, stranger: object) -> None:
    client = Client()
    for _ in range(3):
        client.post("/accounts/login/", {"username": "olive", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "steve", "password": PASSWORD})
    assert response.status_code == 302


def test_prune_task_removes_only_expired_counters(db: None) -> None:
    from django.utils import timezone

    from backstride.web.core.tasks import prune_login_failures

    now = timezone.now()
    throttle.record_failure("old", now=now - dt.timedelta(seconds=3600))
    throttle.record_failure("fresh", now=now)
    assert prune_login_failures.call() == 1
    assert list(LoginFailure.objects.values_list("key", flat=True)) == ["user:fresh"]
