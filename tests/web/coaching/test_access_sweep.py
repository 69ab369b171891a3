"""Every coaching, learn and my-data URL and API route with owner, stranger and coach.

The owner shares with the coach; the stranger has an account but no link. The
stranger must get 403 or 404 on everything that touches the owner or the coach,
and nothing they do may change a row.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver

from backstride.web.api.tokens import issue_token
from backstride.web.coaching.models import Invite
from backstride.web.coaching.services import create_invite
from backstride.web.sharing.models import CoachLink

MY_NAMESPACES = ("coaching", "learn", "mydata")


def url_names(namespace: str) -> set[str]:
    resolver = get_resolver().namespace_dict[namespace][1]
    return {p.name for p in resolver.url_patterns if isinstance(p, URLPattern)}


def test_the_sweep_below_covers_every_url_of_my_apps() -> None:
    covered = {name for name, *_ in SWEEP} | {name for name, *_ in OWN_ONLY} | PUBLIC
    named = {f"{ns}:{name}" for ns in MY_NAMESPACES for name in url_names(ns)}
    assert named == covered


# (url name, method, path template): pages about the owner or the coach's own things.
SWEEP = [
    ("coaching:dashboard", "get", "/coach/"),
    ("coaching:create_invite", "post", "/coach/invites/"),
    ("coaching:cancel_invite", "post", "/coach/invites/{invite}/cancel/"),
    ("coaching:athlete", "get", "/coach/athletes/{owner}/"),
    ("coaching:clearance", "post", "/coach/athletes/{owner}/clearance/"),
    ("coaching:repeat_week", "post", "/coach/athletes/{owner}/repeat-week/"),
    ("coaching:add_note", "post", "/coach/athletes/{owner}/notes/"),
    ("coaching:revoke_link", "post", "/coach/links/{link}/revoke/"),
]
# Pages that only ever show the signed-in person's own data (strangers see their own).
OWN_ONLY = [
    ("coaching:sharing", "get", "/coach/sharing/"),
    ("coaching:invite", "get", "/coach/invite/{token}"),
    ("mydata:overview", "get", "/my-data/"),
    ("mydata:export", "get", "/my-data/export.zip"),
    ("mydata:delete", "get", "/my-data/delete/"),
]
PUBLIC = {"learn:index", "learn:topic"}

API = [
    ("get", "/api/coach/athletes"),
    ("post", "/api/coach/invites"),
    ("post", "/api/coach/links/{link}/revoke"),
]


@pytest.fixture
def world(owner: object, coach: object, stranger: object) -> dict[str, object]:
    link = CoachLink.objects.create(coach=coach, athlete=owner)
    invite = create_invite(coach)
    return {"owner": owner.pk, "link": link.pk, "invite": invite.pk, "token": invite.token}


def client_for(user: object) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("name", "method", "path"), SWEEP)
def test_a_stranger_is_refused_everywhere(
    world: dict, stranger: object, name: str, method: str, path: str
) -> None:
    response = getattr(client_for(stranger), method)(path.format(**world))
    assert response.status_code in (403, 404), name
    assert CoachLink.objects.get().revoked_at is None
    assert Invite.objects.count() == 1


@pytest.mark.parametrize(("name", "method", "path"), SWEEP)
def test_the_linked_coach_is_let_in_everywhere(
    world: dict, coach: object, name: str, method: str, path: str
) -> None:
    response = getattr(client_for(coach), method)(path.format(**world))
    assert response.status_code in (200, 302), name


@pytest.mark.parametrize(("name", "method", "path"), SWEEP + OWN_ONLY)
def test_anonymous_visitors_are_sent_to_sign_in(
    world: dict, name: str, method: str, path: str
) -> None:
    response = getattr(Client(), method)(path.format(**world))
    assert response.status_code == 302, name
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("name", "method", "path"), OWN_ONLY)
def test_own_only_pages_never_show_the_owner_to_a_stranger(
    world: dict, stranger: object, name: str, method: str, path: str
) -> None:
    response = getattr(client_for(stranger), method)(path.format(**world))
    assert response.status_code == 200, name
    assert b"Olive" not in response.content


@pytest.mark.parametrize(("method", "path"), API)
def test_the_api_refuses_a_stranger(world: dict, stranger: object, method: str, path: str) -> None:
    _, raw = issue_token(stranger, "t")
    response = getattr(Client(), method)(
        path.format(**world), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code in (403, 404)
    assert CoachLink.objects.get().revoked_at is None


@pytest.mark.parametrize(("method", "path"), API)
def test_the_api_refuses_anonymous_callers(world: dict, method: str, path: str) -> None:
    response = getattr(Client(), method)(path.format(**world), content_type="application/json")
    assert response.status_code == 401
