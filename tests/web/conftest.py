"""Shared set-up for the web tests: Django settings, three users, fast Argon2.

Django is configured here rather than in pyproject's pytest section so the engine's
tests never need web settings (or a secret key) to run. The web suite runs on SQLite
by default and on PostgreSQL when DATABASE_URL is set (scripts/pg-test.sh does that).
"""

from __future__ import annotations

import os
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
