"""Access control: anonymous visitors are sent to sign in; strangers get 404 on others' things.

A sweep over every named page route, so a new page added without a login check fails
here rather than in production.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from backstride.web.api.models import ApiToken
from backstride.web.api.tokens import issue_token

PUBLIC_PAGES = {
    "/",
    "/health",
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password-reset/",
    "/accounts/password-reset/sent/",
    "/accounts/reset/done/",
    "/learn/",
    # Install and offline (core/offline.py): nothing personal in any of them.
    "/sw.js",
    "/manifest.webmanifest",
    "/offline/",
}
PRIVATE_PAGES = {"/home/", "/accounts/", "/accounts/password/", "/accounts/password/done/"}
# Plans and logbook (tests/web/logbook/test_access_sweep.py covers them in depth).
PRIVATE_PAGES |= {
    "/onboarding/",
    "/onboarding/screening/",
    "/onboarding/outcome/",
    "/plans/",
    "/plans/list/",
    "/plans/fit.zip",
    "/plans/feed/",
    "/log/",
    "/log/import/",
}
# Coaching and My data (tests/web/coaching and tests/web/mydata sweep them in depth).
PRIVATE_PAGES |= {
    "/coach/",
    "/coach/sharing/",
    "/my-data/",
    "/my-data/export.zip",
    "/my-data/delete/",
}
# Progress (tests/web/progress and tests/web/test_site_sweep.py cover it in depth).
PRIVATE_PAGES |= {"/progress/"}
# Form checks (tests/web/analysis covers them in depth).
PRIVATE_PAGES |= {"/form-checks/"}
# Balance checks (tests/web/balance covers them in depth).
PRIVATE_PAGES |= {"/balance/", "/balance/test/"}
PLANS_POST_ONLY = {
    "/coach/invites/",
    "/onboarding/clearance/",
    "/onboarding/create-plan/",
    "/plans/repeat-week/",
    "/plans/fall-review/",
    "/plans/pain-review/",
    "/plans/feed/new/",
    "/log/import/confirm/",
    "/form-checks/new/",
}


def named_page_routes() -> set[str]:
    """Every parameter-free route outside /api/ (the API has its own tests)."""
    found: set[str] = set()

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("api/"):
                    walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<" not in route:
                found.add("/" + route)

    walk(get_resolver().url_patterns, "")
    return found


def test_every_page_route_is_classified_as_public_or_private() -> None:
    post_only = {"/accounts/logout/", "/accounts/tokens/"} | PLANS_POST_ONLY
    assert named_page_routes() - post_only == PUBLIC_PAGES | PRIVATE_PAGES


@pytest.mark.parametrize("path", sorted(PRIVATE_PAGES))
def test_anonymous_visitors_are_sent_to_sign_in(db: None, path: str) -> None:
    response = Client().get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"


@pytest.mark.parametrize("path", sorted(PUBLIC_PAGES))
def test_public_pages_open_without_an_account(db: None, path: str) -> None:
    assert Client().get(path).status_code == 200


def test_stranger_cannot_revoke_the_owners_token_from_the_web(
    owner: object, stranger_client: Client
) -> None:
    token, _ = issue_token(owner, "owner's")
    response = stranger_client.post(f"/accounts/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_coach_without_a_link_is_a_stranger_too(owner: object, coach: object) -> None:
    token, _ = issue_token(owner, "owner's")
    client = Client()
    client.force_login(coach)
    assert client.post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404


def test_owner_creates_sees_once_and_revokes_a_token_on_the_web(owner_client: Client) -> None:
    owner_client.post("/accounts/tokens/", {"name": "garmin script"})
    page = owner_client.get("/accounts/").content.decode()
    raw = ApiToken.objects.get()
    assert "garmin script" in page and raw.prefix in page
    assert 'data-testid="new-token"' in page
    assert 'data-testid="new-token"' not in owner_client.get("/accounts/").content.decode()
    response = owner_client.post(f"/accounts/tokens/{raw.pk}/revoke/")
    assert response.status_code == 302
    assert not ApiToken.objects.exists()


def test_blank_token_name_is_explained_and_nothing_is_saved(owner_client: Client) -> None:
    response = owner_client.post("/accounts/tokens/", {"name": "  "}, follow=True)
    assert "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("token_id", ["0", "abc", "9" * 30])
def test_absurd_token_ids_are_404_not_500(owner_client: Client, token_id: str) -> None:
    assert owner_client.post(f"/accounts/tokens/{token_id}/revoke/").status_code == 404


def test_the_landing_page_sends_signed_in_people_home(owner_client: Client) -> None:
    assert owner_client.get("/")["Location"] == "/home/"
