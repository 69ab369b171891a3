"""Shared set-up for the web tests: Django settings, three users, fast Argon2.

Django is configured here rather than in pyproject's pytest section so the engine's
tests never need web settings (or a secret key) to run. The web suite runs on SQLite
by default and on PostgreSQL when DATABASE_URL is set (scripts/pg-test.sh does that).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import django

REPO_ROOT = Path(__file__).resolve().parents[2]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backstride.web.settings")
os.environ.setdefault("BACKSTRIDE_SECRET_KEY", "tests-only-secret-key-0123456789-abcdefghij")
os.environ.setdefault("BACKSTRIDE_DATA_DIR", str(REPO_ROOT / "var" / "test-data"))
django.setup()

import pytest  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402

from backstride.web.accounts.models import Profile, Role  # noqa: E402

PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def fast_argon2(settings: pytest.FixtureRequest) -> None:
    """Real Argon2 with tiny cost parameters: the production cost is ~0.1 s a hash."""
    settings.PASSWORD_HASHERS = ["tests.web.hashers.FastArgon2PasswordHasher"]


def make_user(username: str, role: str = Role.ATHLETE) -> object:
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD
    )
    Profile.objects.create(user=user, role=role, display_name=username.capitalize())
    return user


@pytest.fixture
def owner(db: None) -> object:
    """The athlete whose data a test is about."""
    return make_user("olive")


@pytest.fixture
def stranger(db: None) -> object:
    """Someone with an account but no link to the owner: must be refused everywhere."""
    return make_user("steve")


@pytest.fixture
def coach(db: None) -> object:
    """A coach account (not yet linked to the owner: sharing comes with the coach slice)."""
    return make_user("cora", role=Role.COACH)


@pytest.fixture
def owner_client(owner: object) -> Client:
    client = Client()
    client.force_login(owner)
    return client


@pytest.fixture
def stranger_client(stranger: object) -> Client:
    client = Client()
    client.force_login(stranger)
    return client


# A database real `backstride` processes can share (fixture `database`).
from tests.web.separate_db import database  # noqa: E402, F401


class _LiveServerRequests:
    """Requests the test server is still answering (see ``live_server_settles``)."""

    active = 0
    changed = threading.Condition()

    @classmethod
    def wait_idle(cls, timeout_s: float = 15.0) -> bool:
        with cls.changed:
            return cls.changed.wait_for(lambda: cls.active == 0, timeout=timeout_s)


def _patch_live_server() -> None:
    """The test server sends each answer at once and counts the requests in flight.

    TCP_NODELAY: wsgiref writes an answer's headers and body in separate small packets;
    with Nagle's algorithm on, the second waits for the client's delayed ACK, about
    40 ms, on every request (the fuzzer and the browser tests make thousands).
    The count lets a test wait for the server before its database is emptied: a page
    closed by the test may still have a request running (a service worker filling its
    cache), and SQLite refuses to empty a table another statement is reading.
    """
    import socket

    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class CountingNoDelayServer(ThreadedWSGIServer):
        def get_request(self):  # type: ignore[no-untyped-def]
            conn, address = super().get_request()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return conn, address

        def process_request(self, request, client_address):  # type: ignore[no-untyped-def]
            with _LiveServerRequests.changed:
                _LiveServerRequests.active += 1
            try:
                super().process_request(request, client_address)
            except BaseException:
                self._done()
                raise

        def process_request_thread(self, request, client_address):  # type: ignore[no-untyped-def]
            try:
                super().process_request_thread(request, client_address)
            finally:
                self._done()

        @staticmethod
        def _done() -> None:
            with _LiveServerRequests.changed:
                _LiveServerRequests.active -= 1
                _LiveServerRequests.changed.notify_all()

    LiveServerThread.server_class = CountingNoDelayServer


_patch_live_server()


@pytest.fixture(autouse=True)
def live_server_settles(request: pytest.FixtureRequest) -> Iterator[None]:
    """After a test with the live server, wait for its last requests before the
    database is emptied (set up after the database, so torn down before it)."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")
    yield
    _LiveServerRequests.wait_idle()
