"""The coach API: same rules as the pages, over tokens or the session cookie."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import resolve
from django.utils import timezone

from backstride.web.api.tokens import issue_token
from backstride.web.coaching.models import Invite
from backstride.web.sharing.access import can_view
from backstride.web.sharing.models import CoachLink
from tests.web.coaching.conftest import log


def bearer(user: object) -> dict[str, str]:
    _, raw = issue_token(user, "test")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_a_coach_lists_athletes_with_flags_and_adherence(
    owner: object, coach: object, link: CoachLink
) -> None:
    log(owner, timezone.localdate() - dt.timedelta(days=2), pain={"knee": 6})
    response = Client().get("/api/coach/athletes", **bearer(coach))
    assert response.status_code == 200
    [athlete] = response.json()
    assert athlete["username"] == "olive"
    assert athlete["link_id"] == link.pk
    assert athlete["flags"][0]["code"] == "pain"
    assert athlete["flags"][0]["learn_url"] == "/learn/safety/#pain"
    assert athlete["adherence_percent"] is None  # no plan, nothing planned


def test_athletes_are_refused_the_coach_list(owner: object) -> None:
    response = Client().get("/api/coach/athletes", **bearer(owner))
    assert response.status_code == 403
    assert "Only coach accounts" in response.json()["detail"]


def test_a_revoked_athlete_disappears_from_the_api(
    owner: object, coach: object, link: CoachLink
) -> None:
    headers = bearer(owner)
    response = Client().post(f"/api/coach/links/{link.pk}/revoke", **headers)
    assert response.status_code == 200
    assert response.json()["revoked_at"] is not None
    assert Client().get("/api/coach/athletes", **bearer(coach)).json() == []
    assert not can_view(coach, owner)


def test_a_coach_can_also_end_a_link(owner: object, coach: object, link: CoachLink) -> None:
    assert Client().post(f"/api/coach/links/{link.pk}/revoke", **bearer(coach)).status_code == 200
    link.refresh_from_db()
    assert link.revoked_by == "coach"


def test_creating_an_invite_returns_the_link(coach: object) -> None:
    response = Client().post(
        "/api/coach/invites", {"note": "Sam"}, content_type="application/json", **bearer(coach)
    )
    assert response.status_code == 201
    invite = Invite.objects.get()
    assert response.json()["url"] == f"http://testserver/coach/invite/{invite.token}"


@pytest.mark.parametrize(
    "body", ['{"note": 5}', '{"note": "' + "x" * 81 + '"}', "not json", '{"note": ["a"]}']
)
def test_bad_invite_bodies_are_a_clear_4xx_and_write_nothing(coach: object, body: str) -> None:
    response = Client().post(
        "/api/coach/invites", body, content_type="application/json", **bearer(coach)
    )
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()
    assert not Invite.objects.exists()


def test_athletes_cannot_create_invites_through_the_api(owner: object) -> None:
    response = Client().post(
        "/api/coach/invites", {}, content_type="application/json", **bearer(owner)
    )
    assert response.status_code == 403
    assert not Invite.objects.exists()


@pytest.mark.parametrize("link_id", ["0", "abc", "9" * 30, "999999"])
def test_absurd_or_unknown_link_ids_are_4xx_not_500(coach: object, link_id: str) -> None:
    response = Client().post(f"/api/coach/links/{link_id}/revoke", **bearer(coach))
    assert response.status_code in (404, 422)


def test_the_routes_are_mounted_under_api_coach(db: None) -> None:
    for path in ("/api/coach/athletes", "/api/coach/invites", "/api/coach/links/7/revoke"):
        assert resolve(path).url_name  # raises Resolver404 when missing


def test_the_routes_are_documented_in_the_openapi_schema(db: None) -> None:
    paths = Client().get("/api/openapi.json").json()["paths"]
    expected = {"/api/coach/athletes", "/api/coach/invites", "/api/coach/links/{link_id}/revoke"}
    assert expected <= set(paths)
