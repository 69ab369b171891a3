"""GET /health: the probe load balancers and `make run` poll."""

from __future__ import annotations

from django.db import connection
from django.test import Client


def test_health_answers_ok_and_names_the_database_vendor(db: None) -> None:
    response = Client().get("/health")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": connection.vendor}
    assert connection.vendor in {"sqlite", "postgresql"}


def test_health_is_never_cached(db: None) -> None:
    response = Client().get("/health")
    assert "no-cache" in response["Cache-Control"]


def test_health_refuses_post(db: None) -> None:
    assert Client().post("/health").status_code == 405
