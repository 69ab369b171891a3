"""Checks that only mean something on PostgreSQL (run via scripts/pg-test.sh)."""

from __future__ import annotations

import os

import pytest
from django.db import connection
from django.test import Client

from backstride.web.api.tokens import issue_token

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def needs_postgresql(db: None) -> None:
    """Skipped on the default SQLite run; in the PostgreSQL run (DATABASE_URL set by
    scripts/pg-test.sh) landing on another database is a broken set-up, not a skip."""
    if connection.vendor == "postgresql":
        return
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.fail(f"DATABASE_URL points at PostgreSQL but the tests run on {connection.vendor}")
    pytest.skip("PostgreSQL run only: scripts/pg-test.sh .venv/bin/pytest tests/web")


def test_health_reports_postgresql() -> None:
    assert Client().get("/health").json() == {"status": "ok", "database": "postgresql"}


def test_the_largest_valid_id_is_a_clean_404_on_bigint_columns(owner: object) -> None:
    _, raw = issue_token(owner, "script")
    response = Client().delete(f"/api/tokens/{2**63 - 1}", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 404
