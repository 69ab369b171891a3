"""The JSON API: tokens, bearer auth, schema, and clear 4xx answers to bad input."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backstride.web.api.models import ApiToken
from backstride.web.api.tokens import digest, issue_token
from tests.web.conftest import PASSWORD


def post_json(client: Client, url: str, body: object) -> object:
    return client.post(url, json.dumps(body), content_type="application/json")


def bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_token_is_issued_for_the_right_password_and_stored_hashed(owner: object) -> None:
    response = post_json(
        Client(), "/api/token", {"username": "olive", "password": PASSWORD, "name": "laptop"}
    )
    assert response.status_code == 201
    body = response.json()
    raw = body["token"]
    assert raw.startswith("bst_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=body["id"])
    assert stored.name == "laptop"
    assert stored.digest == digest(raw) != raw
    assert raw.startswith(stored.prefix)
    assert raw not in json.dumps(list(ApiToken.objects.values()), default=str)


def test_wrong_password_gets_401_and_no_token(owner: object) -> None:
    response = post_json(Client(), "/api/token", {"username": "olive", "password": "nope"})
    assert response.status_code == 401
    assert response.json() == {"detail": "Wrong username or password."}
    assert not ApiToken.objects.exists()


def test_token_endpoint_shares_the_login_throttle(owner: object, settings: object) -> None:
    settings.LOGIN_MAX_FAILURES = 2
    for _ in range(2):
        post_json(Client(), "/api/token", {"username": "olive", "password": "nope"})
    response = post_json(Client(), "/api/token", {"username": "olive", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many failed sign-in attempts")


def test_me_answers_with_a_bearer_token(owner: object) -> None:
    _, raw = issue_token(owner, "script")
    response = Client().get("/api/me", **bearer(raw))
    assert response.status_code == 200
    assert response.json() == {
        "username": "olive",
        "email": "olive@example.org",
        "display_name": "Olive",
        "role": "athlete",
        "population": "",
    }
    assert ApiToken.objects.get().last_used_at is not None


def test_me_also_answers_the_browser_session(owner_client: Client) -> None:
    assert owner_client.get("/api/me").json()["username"] == "olive"


@pytest.mark.parametrize(
    "header",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer bst_not-a-real-token"},
        {"HTTP_AUTHORIZATION": "Bearer " + "x" * 5000},
        {"HTTP_AUTHORIZATION": "Basic b2xpdmU6cGFzcw=="},
    ],
)
def test_me_refuses_missing_or_wrong_credentials(owner: object, header: dict[str, str]) -> None:
    response = Client().get("/api/me", **header)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_a_deactivated_users_token_stops_working(owner: object) -> None:
    _, raw = issue_token(owner, "script")
    owner.is_active = False
    owner.save()
    assert Client().get("/api/me", **bearer(raw)).status_code == 401


def test_owner_lists_and_revokes_own_tokens(owner: object) -> None:
    first, raw = issue_token(owner, "one")
    issue_token(owner, "two")
    client = Client()
    names = [t["name"] for t in client.get("/api/tokens", **bearer(raw)).json()]
    assert sorted(names) == ["one", "two"]
    assert "token" not in client.get("/api/tokens", **bearer(raw)).json()[0]
    response = client.delete(f"/api/tokens/{first.pk}", **bearer(raw))
    assert response.status_code == 204
    assert not ApiToken.objects.filter(pk=first.pk).exists()
    # The revoked token itself no longer authenticates.
    assert client.get("/api/me", **bearer(raw)).status_code == 401


def test_stranger_cannot_see_or_revoke_the_owners_token(owner: object, stranger: object) -> None:
    owners_token, _ = issue_token(owner, "owner's")
    _, strangers_raw = issue_token(stranger, "stranger's")
    client = Client()
    listed = client.get("/api/tokens", **bearer(strangers_raw)).json()
    assert [t["name"] for t in listed] == ["stranger's"]
    response = client.delete(f"/api/tokens/{owners_token.pk}", **bearer(strangers_raw))
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=owners_token.pk).exists()


@pytest.mark.parametrize(
    "path", ["/api/tokens/abc", "/api/tokens/0", "/api/tokens/-5", "/api/tokens/" + "9" * 30]
)
def test_bad_ids_get_a_clear_4xx(owner: object, path: str) -> None:
    _, raw = issue_token(owner, "script")
    response = Client().delete(path, **bearer(raw))
    assert response.status_code in {404, 422}
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_an_unknown_id_is_404_json(owner: object) -> None:
    _, raw = issue_token(owner, "script")
    response = Client().delete("/api/tokens/987654321", **bearer(raw))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize(
    "body",
    [
        {"username": "olive"},
        {"username": 12, "password": ["x"]},
        {"username": "", "password": ""},
        {"username": "olive", "password": "p" * 5000},
        {"username": "u" * 151, "password": "x"},
        {"username": "olive", "password": PASSWORD, "name": "n" * 81},
        [1, 2, 3],
        "just a string",
    ],
)
def test_token_request_validation_gives_422_and_saves_nothing(owner: object, body: object) -> None:
    response = post_json(Client(), "/api/token", body)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)
    assert not ApiToken.objects.exists()


def test_malformed_json_is_a_4xx_not_a_500(db: None) -> None:
    response = Client().post("/api/token", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_openapi_schema_lists_the_routes_and_bearer_auth(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Backstride API"
    assert {"/api/token", "/api/me", "/api/tokens", "/api/tokens/{token_id}"} <= set(
        schema["paths"]
    )
    schemes = schema["components"]["securitySchemes"]
    assert schemes["BearerTokenAuth"] == {"type": "http", "scheme": "bearer"}


def test_api_docs_page_uses_local_assets_only(db: None) -> None:
    html = Client().get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)
TOKEN_BODIES = st.fixed_dictionaries(
    {},
    optional={"username": JSON_VALUES, "password": JSON_VALUES, "name": JSON_VALUES},
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(body=TOKEN_BODIES | JSON_VALUES)
def test_token_endpoint_never_fails_with_a_500(owner: object, body: object) -> None:
    response = post_json(Client(), "/api/token", body)
    assert response.status_code in {401, 422, 429}
    assert "detail" in response.json()


def test_unknown_api_routes_answer_json_404(db: None) -> None:
    response = Client().get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_unknown_pages_answer_a_friendly_html_404(db: None) -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()
