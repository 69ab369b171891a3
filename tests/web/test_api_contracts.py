"""The API's contracts (issue 16): who gets 401 or 403, strict bodies, JSON for every
error, and an OpenAPI document that says what the routes really answer."""

from __future__ import annotations

import json
import logging

import pytest
from django.test import Client

from backstride.web.api.api import api
from backstride.web.api.openapi import add_links
from backstride.web.api.schemas import ValidationErrors
from backstride.web.api.tokens import issue_token
from backstride.web.logbook.models import LogEntry
from backstride.web.plans.models import TrainingPlan
from tests.web.plans.helpers import plan_for

BODY = {"completed_fraction": 1, "minutes": 20, "rpe": 3}


@pytest.fixture
def owner_plan(owner: object) -> TrainingPlan:
    return plan_for(owner)


def bearer(user: object) -> Client:
    _, raw = issue_token(user, "tests")
    return Client(headers={"authorization": f"Bearer {raw}"})


def post_json(client: Client, url: str, body: object) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


# --- 401 for nobody, CSRF for signed-in browsers ---------------------------------------


@pytest.mark.parametrize("url", ["/api/logs", "/api/coach/invites", "/api/imports"])
def test_nobody_posting_gets_401_not_a_csrf_complaint(db: None, url: str) -> None:
    response = post_json(Client(enforce_csrf_checks=True), url, BODY)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_a_signed_in_browser_still_needs_its_csrf_token(
    owner: object, owner_plan: TrainingPlan
) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    refused = post_json(browser, "/api/logs", BODY)
    assert refused.status_code == 403
    assert refused.json() == {"detail": "CSRF check Failed"}
    assert not LogEntry.objects.exists()
    browser.get("/log/")  # any page sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    accepted = browser.post(
        "/api/logs", json.dumps(BODY), content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201, accepted.content
    assert LogEntry.objects.count() == 1


@pytest.mark.parametrize("header", ["Bearer bst_wrong", "Basic b2xpdmU6cGFzcw==", "Token x"])
def test_wrong_credentials_are_401_even_with_a_signed_in_session(
    owner_client: Client, header: str
) -> None:
    assert owner_client.get("/api/me").status_code == 200
    response = owner_client.get("/api/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


# --- strict bodies -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"skipped_steps": [False]}, "skipped_steps"),
        ({"completed_fraction": "1"}, "completed_fraction"),
        ({"minutes": True}, "minutes"),
        ({"sharp_pain": "yes"}, "sharp_pain"),
        ({"pain": {"knee": True}}, "pain"),
        ({"started_at": 0}, "started_at"),
        ({"date": 20261201}, "date"),
        ({"steps": [[None, None]]}, "steps"),
        ({"steps": [{"name": "a", "planned_s": "30", "actual_s": 30}]}, "planned_s"),
    ],
)
def test_lax_coercions_are_refused_with_422_and_nothing_is_stored(
    owner: object, owner_plan: TrainingPlan, extra: dict, field: str
) -> None:
    response = post_json(bearer(owner), "/api/logs", {**BODY, **extra})
    assert response.status_code == 422, response.content
    problems = ValidationErrors.model_validate(response.json()).detail
    assert any(field in p.loc or field in p.msg for p in problems), problems
    assert not LogEntry.objects.exists()


def test_json_schema_integers_written_with_a_fraction_part_are_integers(
    owner: object, owner_plan: TrainingPlan
) -> None:
    """JSON Schema calls 2.0 an integer, so a pain of 2.0 is 2 (2.5 is not an integer)."""
    ok = post_json(bearer(owner), "/api/logs", {**BODY, "pain": {"knee": 2.0}})
    assert ok.status_code == 201, ok.content
    assert ok.json()["log"]["pain"] == {"knee": 2}
    assert post_json(bearer(owner), "/api/logs", {**BODY, "pain": {"knee": 2.5}}).status_code == 422


@pytest.mark.parametrize("body", [[None, None], [], "note", 3, None])
def test_an_invite_body_that_is_no_object_is_refused(coach: object, body: object) -> None:
    response = post_json(bearer(coach), "/api/coach/invites", body)
    assert response.status_code == 422
    assert "JSON object" in json.dumps(response.json())


def test_a_json_object_invite_still_works(coach: object) -> None:
    assert post_json(bearer(coach), "/api/coach/invites", {"note": "Tue group"}).status_code == 201


# --- multipart without a boundary --------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/imports", "/api/form-checks"])
def test_multipart_without_boundary_is_a_json_400_without_a_traceback(
    owner: object, url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = bearer(owner).post(url, b"--x\r\n\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert "not readable multipart/form-data" in response.json()["detail"]
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


# --- the OpenAPI document ----------------------------------------------------------------


@pytest.fixture
def schema(db: None) -> dict:
    return Client().get("/api/openapi.json").json()


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, op)
        for path, item in schema["paths"].items()
        for method, op in item.items()
        if method in {"get", "post", "put", "patch", "delete"}
    ]


def test_every_operation_documents_the_errors_it_can_give(schema: dict) -> None:
    errors_ref = "#/components/schemas/ValidationErrors"
    for method, path, op in operations(schema):
        answers = op["responses"]
        name = f"{method.upper()} {path}"
        if op.get("parameters") or op.get("requestBody"):
            assert answers["422"]["content"]["application/json"]["schema"]["$ref"] == errors_ref
        if op.get("security"):
            assert "401" in answers, name
            if method != "get":
                assert "403" in answers, name
    assert "404" in schema["paths"]["/api/logs"]["get"]["responses"]
    assert schema["components"]["schemas"]["ValidationErrors"]["properties"]["detail"]["type"] == (
        "array"
    )


def test_the_real_422_body_is_the_documented_one(owner: object) -> None:
    response = post_json(bearer(owner), "/api/logs", {"completed_fraction": 2})
    assert response.status_code == 422
    ValidationErrors.model_validate(response.json())  # a list of {type, loc, msg}


def test_links_join_a_created_resource_to_the_operations_on_it(schema: dict) -> None:
    links = schema["paths"]["/api/imports"]["post"]["responses"]["201"]["links"]
    confirm = schema["paths"]["/api/imports/{upload_id}/confirm"]["post"]["operationId"]
    assert {"operationId": confirm, "parameters": {"upload_id": "$response.body#/id"}} in (
        links.values()
    )
    coach_links = schema["paths"]["/api/coach/athletes"]["get"]["responses"]["200"]["links"]
    assert coach_links["GetProgress"]["parameters"] == {"athlete": "$response.body#/0/id"}
    assert "PostLogs" not in coach_links  # a coach does not log for the athlete


def test_a_later_log_resource_gets_its_links_without_an_edit(db: None) -> None:
    """Issue 9 adds GET/PATCH/DELETE /api/logs/{log_id}: the links appear by themselves."""
    schema = api.get_openapi_schema(path_prefix="/api/")
    item = {
        m: {"operationId": f"log_{m}", "parameters": [{"name": "log_id", "in": "path"}]}
        for m in ("get", "patch", "delete")
    }
    schema["paths"]["/api/logs/{log_id}"] = item
    add_links(schema)
    links = schema["paths"]["/api/logs"]["post"]["responses"]["201"]["links"]
    for method in ("Get", "Patch", "Delete"):
        assert links[f"{method}LogsById"] == {
            "operationId": f"log_{method.lower()}",
            "parameters": {"log_id": "$response.body#/log/id"},
        }
