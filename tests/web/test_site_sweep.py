"""The whole site with five people: owner, linked coach, other coach, stranger, nobody.

Every URL pattern (found by walking the resolver, parameters filled with the owner's
real ids, uids and tokens) and every API route (read from the OpenAPI schema) is listed
below with what each person must get. A route that appears without being listed fails
the first two tests, so nobody adds a page without deciding who may see it.

Then a bad-input sweep: every form and API route that writes gets wrong types, huge
numbers, 10,000-character strings and unknown ids, and must answer with a message
(4xx, or a redirect to a page that shows the error), never a 500, writing nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from backstride.web.accounts.models import Role
from backstride.web.api.api import api
from backstride.web.api.tokens import issue_token
from backstride.web.balance.services import record_test
from backstride.web.coaching.services import create_invite
from backstride.web.logbook.services import save_log
from backstride.web.plans import services as plans
from backstride.web.sharing.models import CoachLink
from tests.web.analysis.conftest import make_done_check
from tests.web.conftest import make_user
from tests.web.plans.helpers import plan_for
from tests.web.sweep_inputs import BAD_API, BAD_FORMS, Bad

OK = "ok"  # served: 2xx or a redirect that is not to the sign-in page
REFUSED = "refused"  # 403 or 404
LOGIN = "login"  # anonymous: sent to sign in (401 on the API)
ANY = "any"  # depends on the request's content; only "never a 500" is checked
ACTORS = ("anonymous", "stranger", "other_coach", "coach", "owner")
OUTSIDERS = ("anonymous", "stranger", "other_coach")


@dataclass(frozen=True)
class Route:
    """How to call one route and what each person gets; the owner's data is the target."""

    method: str
    path: str
    owner: str = OK
    coach: str = OK
    other_coach: str = REFUSED
    stranger: str = REFUSED
    anonymous: str = LOGIN
    data: dict[str, Any] = field(default_factory=dict)


def public(method: str, path: str) -> Route:
    return Route(method, path, owner=ANY, coach=ANY, other_coach=ANY, stranger=ANY, anonymous=OK)


def self_only(method: str, path: str, owner: str = OK) -> Route:
    """Acts only on the signed-in person's own rows: everyone gets their own version."""
    return Route(method, path, owner=owner, coach=ANY, other_coach=ANY, stranger=ANY)


ATH = "?athlete={owner}"
PAGES: dict[str, Route] = {
    # Public pages: no account needed.
    "core:landing": public("get", "/"),
    "core:health": public("get", "/health"),
    "core:service_worker": public("get", "/sw.js"),
    "core:manifest": public("get", "/manifest.webmanifest"),
    "core:offline": public("get", "/offline/"),
    "learn:index": public("get", "/learn/"),
    "learn:topic": public("get", "/learn/safety/"),
    "accounts:signup": public("get", "/accounts/signup/"),
    "accounts:login": public("get", "/accounts/login/"),
    "accounts:password_reset": public("get", "/accounts/password-reset/"),
    "accounts:password_reset_done": public("get", "/accounts/password-reset/sent/"),
    "accounts:password_reset_confirm": public("get", "/accounts/reset/{uidb64}/{reset}/"),
    "accounts:password_reset_complete": public("get", "/accounts/reset/done/"),
    "plans:ics": Route(
        "get", "/plans/feed/{feed}.ics", coach=ANY, other_coach=ANY, stranger=ANY, anonymous=OK
    ),
    # The signed-in person's own pages (an ?athlete= of someone else changes nothing).
    "core:dashboard": self_only("get", "/home/"),
    "accounts:account": self_only("get", "/accounts/"),
    "accounts:password_change": self_only("get", "/accounts/password/"),
    "accounts:password_change_done": self_only("get", "/accounts/password/done/"),
    "accounts:logout": Route(
        "post", "/accounts/logout/", coach=ANY, other_coach=ANY, stranger=ANY, anonymous=ANY
    ),
    "accounts:create_token": self_only("post", "/accounts/tokens/"),
    "plans:onboarding": self_only("get", "/onboarding/" + ATH),
    "plans:screening": self_only("get", "/onboarding/screening/" + ATH),
    "plans:outcome": self_only("get", "/onboarding/outcome/" + ATH),
    "plans:clearance": self_only("post", "/onboarding/clearance/" + ATH, owner=ANY),
    "plans:create": self_only("post", "/onboarding/create-plan/" + ATH, owner=ANY),
    "plans:feed": self_only("get", "/plans/feed/" + ATH),
    "plans:feed_regenerate": self_only("post", "/plans/feed/new/" + ATH),
    "coaching:dashboard": self_only("get", "/coach/", owner=REFUSED),  # athletes: 403
    "coaching:create_invite": self_only("post", "/coach/invites/", owner=REFUSED),
    "coaching:sharing": self_only("get", "/coach/sharing/"),
    "coaching:invite": self_only("get", "/coach/invite/{invite_token}"),
    "mydata:overview": self_only("get", "/my-data/"),
    "mydata:export": self_only("get", "/my-data/export.zip"),
    "mydata:delete": self_only("get", "/my-data/delete/"),
    # The owner's data, addressed by id, uid or ?athlete=.
    "accounts:revoke_token": Route("post", "/accounts/tokens/{token_id}/revoke/", coach=REFUSED),
    "plans:calendar": Route("get", "/plans/" + ATH),
    "plans:list": Route("get", "/plans/list/" + ATH),
    "plans:repeat_week": Route("post", "/plans/repeat-week/" + ATH, coach=ANY, data={"week": 1}),
    "plans:fall_review": Route("post", "/plans/fall-review/" + ATH, coach=ANY, data={"note": "ok"}),
    "plans:session": Route("get", "/plans/session/{uid}/" + ATH),
    "plans:play": Route("get", "/plans/session/{uid}/play" + ATH, owner=ANY, coach=ANY),
    "plans:move": Route("post", "/plans/session/{uid}/move/" + ATH, data={"to": "2000-01-01"}),
    "plans:skip": Route("post", "/plans/session/{uid}/skip/" + ATH),
    "plans:edit": Route(
        "post", "/plans/session/{uid}/edit/" + ATH, owner=REFUSED, data={"note": "easy"}
    ),
    "plans:fit": Route("get", "/plans/session/{uid}.fit" + ATH),
    "plans:fit_zip": Route("get", "/plans/fit.zip" + ATH),
    "logbook:history": Route("get", "/log/" + ATH),
    "logbook:log": Route("get", "/log/session/{uid}/" + ATH, coach=REFUSED),
    "logbook:entry": Route("get", "/log/entry/{entry}/"),
    "logbook:soreness": Route(
        "post", "/log/entry/{entry}/soreness/", coach=REFUSED, data={"soreness": 3}
    ),
    "logbook:edit": Route("get", "/log/entry/{entry}/edit/", coach=REFUSED),
    "logbook:delete": Route("post", "/log/entry/{entry}/delete/", coach=REFUSED),
    "plans:pain_review": Route(
        "post",
        "/plans/pain-review/" + ATH,
        coach=ANY,
        owner=ANY,
        data={"professional_name": "Dr Ames", "profession": "doctor", "reviewed_on": "2026-01-02"},
    ),
    "progress:index": Route("get", "/progress/" + ATH),
    # Watch-file imports act on the signed-in person's own uploads only.
    "imports:upload": self_only("get", "/log/import/"),
    "imports:confirm": self_only("post", "/log/import/confirm/", owner=ANY),
    "imports:undo": self_only("post", "/log/import/999999999/undo/", owner=ANY),
    "coaching:athlete": Route("get", "/coach/athletes/{owner}/", owner=REFUSED),
    "coaching:clearance": Route("post", "/coach/athletes/{owner}/clearance/", owner=REFUSED),
    "coaching:repeat_week": Route("post", "/coach/athletes/{owner}/repeat-week/", owner=REFUSED),
    "coaching:add_note": Route(
        "post", "/coach/athletes/{owner}/notes/", owner=REFUSED, data={"text": "Well done"}
    ),
    # The coach goes first and ends the link, so the owner then finds it gone.
    "coaching:revoke_link": Route("post", "/coach/links/{link}/revoke/", owner=ANY),
    # The coach's own invite: only the coach may cancel it.
    "coaching:cancel_invite": Route("post", "/coach/invites/{invite}/cancel/", owner=REFUSED),
    # Form checks: the athlete uploads; the athlete and their coach see pages and files.
    "analysis:index": Route("get", "/form-checks/" + ATH),
    "analysis:upload": self_only("post", "/form-checks/new/"),
    "analysis:detail": Route("get", "/form-checks/{check}/"),
    "analysis:report": Route("get", "/form-checks/{check}/report.html"),
    "analysis:video": Route("get", "/form-checks/{check}/annotated.mp4"),
    # Balance checks: the guided test is the signed-in person's own; results are shared.
    "balance:index": Route("get", "/balance/" + ATH),
    "balance:guided": self_only("get", "/balance/test/"),
}

API: dict[tuple[str, str], Route] = {
    ("post", "/api/token"): Route(
        "post", "/api/token", owner=ANY, coach=ANY, other_coach=ANY, stranger=ANY, anonymous=ANY
    ),
    ("get", "/api/me"): self_only("get", "/api/me"),
    ("get", "/api/tokens"): self_only("get", "/api/tokens"),
    ("delete", "/api/tokens/{token_id}"): Route("delete", "/api/tokens/{token_id}", coach=REFUSED),
    ("get", "/api/plan"): Route("get", "/api/plan" + ATH),
    ("get", "/api/plan/sessions/{uid}"): Route("get", "/api/plan/sessions/{uid}" + ATH),
    ("get", "/api/logs"): Route("get", "/api/logs" + ATH),
    ("post", "/api/logs"): self_only("post", "/api/logs", owner=ANY),
    ("patch", "/api/logs/{log_id}"): Route(
        "patch", "/api/logs/{entry}", coach=REFUSED, data={"rpe": 5}
    ),
    ("delete", "/api/logs/{log_id}"): Route("delete", "/api/logs/{entry}", coach=REFUSED),
    ("get", "/api/next"): Route("get", "/api/next" + ATH),
    ("get", "/api/progress"): Route("get", "/api/progress" + ATH),
    ("post", "/api/imports"): self_only("post", "/api/imports", owner=ANY),
    ("post", "/api/imports/{upload_id}/confirm"): self_only(
        "post", "/api/imports/999999999/confirm", owner=ANY
    ),
    ("post", "/api/imports/{upload_id}/undo"): self_only(
        "post", "/api/imports/999999999/undo", owner=ANY
    ),
    ("get", "/api/coach/athletes"): Route(
        "get", "/api/coach/athletes", owner=REFUSED, other_coach=OK
    ),
    ("post", "/api/coach/invites"): Route(
        "post", "/api/coach/invites", owner=REFUSED, other_coach=OK
    ),
    ("post", "/api/coach/links/{link_id}/revoke"): Route("post", "/api/coach/links/{link}/revoke"),
    ("get", "/api/form-checks"): Route("get", "/api/form-checks" + ATH),
    ("post", "/api/form-checks"): self_only("post", "/api/form-checks", owner=ANY),
    ("get", "/api/form-checks/{check_id}"): Route("get", "/api/form-checks/{check}"),
    ("get", "/api/balance-tests"): Route("get", "/api/balance-tests" + ATH),
    ("post", "/api/balance-tests"): Route(
        "post",
        "/api/balance-tests" + ATH,
        data={"trials_s": [3.4, 3.6], "present": "helper", "helper_confirmed": True},
    ),
    ("get", "/api/balance-tests/{test_id}"): Route("get", "/api/balance-tests/{balance_test}"),
}


def page_route_names() -> set[str]:
    """Every URL pattern outside /api/, with or without parameters, as namespace:name."""
    found: set[str] = set()

    def walk(patterns: list, prefix: str, namespace: str | None) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if not route.startswith("api/"):
                    walk(pattern.url_patterns, route, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                found.add(f"{namespace}:{pattern.name}")

    walk(get_resolver().url_patterns, "", None)
    return found


def api_routes() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def test_every_page_route_is_classified() -> None:
    assert page_route_names() == set(PAGES)


def test_every_api_route_is_classified() -> None:
    assert api_routes() == set(API)


# --- The world: the owner trains and shares with one coach. ---------------------------


@pytest.fixture
def world(
    owner: object, coach: object, stranger: object, settings: Any, tmp_path: Path
) -> dict[str, Any]:
    today = timezone.localdate()
    settings.MEDIA_ROOT = str(tmp_path / "media")
    check = make_done_check(owner)  # a form check with its report and video on disk
    plan_row = plan_for(owner, start=today - dt.timedelta(days=10))
    sessions = plans.build_plan(plan_row).sessions
    entry = save_log(
        owner,
        owner,
        {"session_uid": sessions[0].uid, "rpe": 4, "notes": "olive-private-note"},
        today,
    )
    link = CoachLink.objects.create(coach=coach, athlete=owner)
    invite = create_invite(coach)
    token, raw = issue_token(owner, "owner script")
    balance_test = record_test(
        owner,
        owner,
        trials_s=[3.1, 3.3],
        near_fall=False,
        present="helper",
        helper_confirmed=True,
        taken_on=today,
    )
    other_coach = make_user("carl", role=Role.COACH)
    people = {"owner": owner, "coach": coach, "other_coach": other_coach, "stranger": stranger}
    return {
        "people": people,
        "bearer": {name: issue_token(user, "sweep")[1] for name, user in people.items()},
        "owner_raw_token": raw,
        "secrets": (plan_row.feed_secret, "olive-private-note", raw, "Olive's report"),
        "ids": {
            "owner": owner.pk,
            "uid": sessions[1].uid,
            "entry": entry.pk,
            "link": link.pk,
            "invite": invite.pk,
            "invite_token": invite.token,
            "token_id": token.pk,
            "check": check.pk,
            "balance_test": balance_test.pk,
            "feed": plan_row.feed_secret,
            "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
            "reset": default_token_generator.make_token(owner),
        },
    }


# Sessions change on any visit; a failed sign-in is counted on purpose (throttling).
SKIP_COUNTING = {"sessions.session", "accounts.loginfailure"}


def row_counts() -> dict[str, int]:
    """Rows per model, to prove a refused or invalid request changed nothing."""
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in SKIP_COUNTING
    }


def client_for(world: dict[str, Any], actor: str) -> Client:
    client = Client()
    if actor != "anonymous":
        client.force_login(world["people"][actor])
    return client


def call(
    world: dict[str, Any], actor: str, route: Route, api_call: bool = False
) -> tuple[int, str, str]:
    client = client_for(world, actor) if not api_call else Client()
    headers = {}
    if api_call and actor != "anonymous":
        headers["authorization"] = f"Bearer {world['bearer'][actor]}"
    url = route.path.format(**world["ids"])
    if api_call and route.method in ("post", "delete", "patch"):
        response = getattr(client, route.method)(
            url, route.data or {}, content_type="application/json", headers=headers
        )
    else:
        response = getattr(client, route.method)(url, route.data or None, headers=headers)
    body = b"" if getattr(response, "streaming", False) else response.content
    return response.status_code, response.get("Location", ""), body.decode(errors="replace")


def check(expect: str, status: int, location: str, api_call: bool, label: str) -> None:
    assert status < 500, label
    to_login = status == 302 and location.startswith("/accounts/login/")
    if expect == OK:
        assert status < 400 and not to_login, label
    elif expect == REFUSED:
        assert status in (403, 404), label
    elif expect == LOGIN:
        assert (status == 401) if api_call else to_login, label
    else:  # a misspelt expectation must not silently check nothing
        assert expect == ANY, f"{label}: unknown expectation {expect!r}"


def sweep(world: dict[str, Any], route: Route, name: str, api_call: bool) -> None:
    for actor in ACTORS:
        expect = getattr(route, actor)
        refused = expect in (REFUSED, LOGIN)
        before = row_counts() if refused else None
        status, location, body = call(world, actor, route, api_call)
        label = f"{name} as {actor}: {status} {location}"
        check(expect, status, location, api_call, label)
        if before is not None:
            assert row_counts() == before, f"{label} wrote rows"
        if actor in OUTSIDERS:
            for secret in world["secrets"]:
                assert secret not in body, f"{label} shows the owner's data"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_answers_each_person_as_classified(world: dict[str, Any], name: str) -> None:
    sweep(world, PAGES[name], name, api_call=False)


@pytest.mark.parametrize("key", sorted(API), ids=lambda key: f"{key[0]} {key[1]}")
def test_every_api_route_answers_each_person_as_classified(
    world: dict[str, Any], key: tuple[str, str]
) -> None:
    sweep(world, API[key], f"{key[0].upper()} {key[1]}", api_call=True)


def test_a_revoked_link_closes_every_route_the_coach_had(world: dict[str, Any]) -> None:
    CoachLink.objects.update(revoked_at=timezone.now())
    for routes, api_call in ((PAGES, False), (API, True)):
        for name, route in routes.items():
            # Ending an ended link again is harmless, so only reads and plan changes count.
            about_owner = any(key in route.path for key in ("{owner}", "{entry}"))
            if route.coach == OK and about_owner:
                status, location, _ = call(world, "coach", route, api_call)
                check(REFUSED, status, location, api_call, f"{name} after the link ended")


# --- Bad input: every form and API route that writes. ---------------------------------


def bad_requests() -> list[Bad]:
    out = []
    for table, api_call in ((BAD_FORMS, False), (BAD_API, True)):
        for key, payloads in table.items():
            actor, method, path = key.split(" ", 2)
            out.extend(Bad(actor, method, path, payload, api_call) for payload in payloads)
    return out


def bad_id(bad: Bad) -> str:
    text = bad.data if isinstance(bad.data, str) else repr(bad.data)
    return f"{bad.actor} {bad.method} {bad.path[:60]} {text[:40]}"


# Forms that show their errors on a 200 re-render instead of a 4xx (as Django's generic
# views do). Listed so that a new form answering 200 must be a conscious choice.
REPLY_200_WITH_ERRORS = {
    "/accounts/",
    "/accounts/signup/",
    "/accounts/login/",
    "/accounts/password-reset/",
    "/onboarding/",
    "/onboarding/screening/",
}
ERROR_MARKERS = ("errorlist", "error-summary", "inline-error", "message-error")


def send(world: dict[str, Any], bad: Bad) -> tuple[Client, Any]:
    url = bad.path.format(**world["ids"])
    if not bad.api_call:
        client = client_for(world, bad.actor)
        return client, getattr(client, bad.method)(url, bad.data)
    headers = {}
    if bad.actor != "anonymous":
        headers["authorization"] = f"Bearer {world['bearer'][bad.actor]}"
    client = Client()
    if bad.method == "get":
        return client, client.get(url, headers=headers)
    body = bad.data if isinstance(bad.data, str) else json.dumps(bad.data)
    return client, getattr(client, bad.method)(
        url, body, content_type="application/json", headers=headers
    )


def shows_an_error(html: str) -> bool:
    return any(marker in html for marker in ERROR_MARKERS)


@pytest.mark.parametrize("bad", bad_requests(), ids=bad_id)
def test_bad_input_gets_a_message_and_writes_nothing(world: dict[str, Any], bad: Bad) -> None:
    before = row_counts()
    client, response = send(world, bad)
    status = response.status_code
    assert status < 500
    assert row_counts() == before
    if bad.api_call:
        assert 400 <= status < 500
        assert response.json()["detail"]
    elif status == 302:  # post/redirect/get: the page it leads to names the problem
        assert shows_an_error(client.get(response["Location"]).content.decode())
    elif status == 200:
        assert bad.path in REPLY_200_WITH_ERRORS, f"{bad.path} answered 200 to bad input"
        assert shows_an_error(response.content.decode())
    else:
        assert 400 <= status < 500
        assert response.content.strip()
