"""Throttles for sign-in, sign-up and password-reset e-mails, counted in the database.

Sign-in: ``LOGIN_MAX_FAILURES`` failures lock a username, and
``LOGIN_MAX_FAILURES_PER_ADDRESS`` failures lock the client address (so guesses spread
over many usernames from one machine stop too), each for ``LOGIN_LOCKOUT_SECONDS``.

The count is atomic: an attempt *reserves* its place in the count (in one locked
transaction) before the password is hashed, and a correct password gives the place
back. Checking first and counting after the slow Argon2 hash let a burst of concurrent
guesses all pass the check before any was counted (12-20 passwords tried against a limit
of 5, issue 14); now at most the limit are ever checked.

Sign-ups and reset e-mails are counted per address (and reset e-mails per account
e-mail) in hourly windows with the same rows. Rows live in the database rather than a
per-process cache so the limits hold across several web processes.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from backstride.web.accounts.models import LoginFailure

MAX_KEY_LENGTH = 200
HOUR = 3600


@dataclass(frozen=True)
class Limit:
    """At most ``count`` events per ``window_s`` seconds for one key."""

    prefix: str
    count: int
    window_s: int

    def key(self, value: str) -> str:
        return f"{self.prefix}:{value}"[:MAX_KEY_LENGTH]


def user_limit() -> Limit:
    return Limit("user", settings.LOGIN_MAX_FAILURES, settings.LOGIN_LOCKOUT_SECONDS)


def address_limit() -> Limit:
    return Limit("addr", settings.LOGIN_MAX_FAILURES_PER_ADDRESS, settings.LOGIN_LOCKOUT_SECONDS)


def signup_limit() -> Limit:
    return Limit("signup", settings.SIGNUPS_PER_HOUR_PER_ADDRESS, HOUR)


def reset_limits() -> tuple[Limit, Limit]:
    """(per address, per account e-mail)."""
    per_hour = settings.RESET_EMAILS_PER_HOUR
    return Limit("reset-addr", per_hour, HOUR), Limit("reset-mail", per_hour, HOUR)


def throttle_key(username: str) -> str:
    """Normalise so ``Ada`` and ``ada `` count as the same target."""
    return "user:" + username.strip().casefold()[: MAX_KEY_LENGTH - 5]


def client_address(request: HttpRequest | None) -> str:
    """The address to count against: IPv4 as is, IPv6 by its /64 (one home's block).

    Behind the HTTPS proxy (BACKSTRIDE_BEHIND_HTTPS_PROXY) the last X-Forwarded-For
    entry is the one our proxy added; anything before it the client could have written.
    """
    if request is None:
        return "unknown"
    raw = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if getattr(settings, "BEHIND_HTTPS_PROXY", False) and forwarded:
        raw = forwarded.split(",")[-1].strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return "unknown"
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)


def _seconds_left(until: dt.datetime | None, now: dt.datetime) -> int:
    if until is None or until <= now:
        return 0
    return math.ceil((until - now).total_seconds())


def reserve(key: str, limit: Limit, now: dt.datetime | None = None) -> int:
    """Count one event for ``key`` unless it is at its limit; seconds to wait, or 0.

    A lock set by :func:`_lock_if_full` (the N-th real failure) is honoured first.

    One transaction with the row locked (SELECT ... FOR UPDATE on PostgreSQL; SQLite's
    IMMEDIATE transactions take the write lock at BEGIN), so concurrent callers queue
    and each sees the others' counts.
    """
    now = now or timezone.now()
    window = dt.timedelta(seconds=limit.window_s)
    with transaction.atomic():
        row, _ = LoginFailure.objects.select_for_update().get_or_create(
            key=key, defaults={"failures": 0, "window_started_at": now}
        )
        locked = _seconds_left(row.locked_until, now)
        if locked:
            return locked
        if row.window_started_at + window <= now:
            row.failures, row.window_started_at, row.locked_until = 0, now, None
        if row.failures >= limit.count:
            # Full (counting attempts still in flight): refuse until the window ends, but
            # do not lock; a lock starts only when that many attempts really failed.
            return max(1, _seconds_left(row.window_started_at + window, now))
        row.failures += 1
        row.save()
    return 0


def _lock_if_full(key: str, limit: Limit, now: dt.datetime) -> None:
    LoginFailure.objects.filter(key=key, failures__gte=limit.count).update(
        locked_until=now + dt.timedelta(seconds=limit.window_s)
    )


def _release(key: str) -> None:
    LoginFailure.objects.filter(key=key, failures__gt=0).update(failures=F("failures") - 1)


def begin_login(username: str, address: str, now: dt.datetime | None = None) -> int:
    """Reserve a sign-in attempt for the username and the address; seconds locked or 0.

    Call before checking the password; then :func:`login_failed` or
    :func:`login_succeeded`.
    """
    now = now or timezone.now()
    address_key = address_limit().key(address)
    locked = reserve(address_key, address_limit(), now)
    if locked:
        return locked
    locked = reserve(throttle_key(username), user_limit(), now)
    if locked:
        _release(address_key)  # no password was tried: the address is not charged
    return locked


def login_failed(username: str, address: str, now: dt.datetime | None = None) -> None:
    """The reserved attempt was wrong: it stays counted; a full count starts the lock."""
    now = now or timezone.now()
    _lock_if_full(throttle_key(username), user_limit(), now)
    _lock_if_full(address_limit().key(address), address_limit(), now)


def login_succeeded(username: str, address: str) -> None:
    """A correct password clears the username's count and gives back the address's place."""
    record_success(username)
    _release(address_limit().key(address))


def seconds_locked(username: str, now: dt.datetime | None = None) -> int:
    """Seconds until ``username`` may try again; 0 when sign-in is allowed."""
    now = now or timezone.now()
    row = LoginFailure.objects.filter(key=throttle_key(username)).first()
    return 0 if row is None else _seconds_left(row.locked_until, now)


def record_failure(username: str, now: dt.datetime | None = None) -> None:
    """Count one failure for ``username`` (reserve + fail); the N-th starts the lockout."""
    now = now or timezone.now()
    if not reserve(throttle_key(username), user_limit(), now):
        _lock_if_full(throttle_key(username), user_limit(), now)


def record_success(username: str) -> None:
    """A correct password clears the count, so earlier typos do not linger."""
    LoginFailure.objects.filter(key=throttle_key(username)).delete()


def lockout_message(seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many failed sign-in attempts. Try again in {minutes} {unit}."


def wait_message(what: str, seconds: int) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    unit = "minute" if minutes == 1 else "minutes"
    return f"Too many {what} from your network. Try again in {minutes} {unit}."


class Busy(Exception):
    """Every slot of a :func:`slot` is taken."""


@contextmanager
def slot(key: str, at_once: int, stale_after_s: int = 600) -> Iterator[None]:
    """Hold one of ``at_once`` slots for ``key`` while the body runs, across processes.

    Raises :class:`Busy` when all are taken. A slot left by a killed process frees
    itself after ``stale_after_s`` (counted from the last time one was taken).
    """
    now = timezone.now()
    with transaction.atomic():
        row, _ = LoginFailure.objects.select_for_update().get_or_create(
            key=key, defaults={"failures": 0, "window_started_at": now}
        )
        if row.window_started_at + dt.timedelta(seconds=stale_after_s) <= now:
            row.failures = 0
        if row.failures >= at_once:
            raise Busy(key)
        row.failures += 1
        row.window_started_at = now
        row.save()
    try:
        yield
    finally:
        _release(key)
