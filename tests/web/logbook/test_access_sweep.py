"""Access control over every route of the plans and logbook apps and their API.

The lists below must name every route: a new route that is not classified fails the
first test, so nobody can add a page without deciding who may see it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import get_resolver, reverse

from backstride.web.api.tokens import issue_token
from backstride.web.logbook import services as logbook
from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services
from backstride.web.plans.models import PlanChange, TrainingPlan

# Routes that show or change the owner's data: (name, method, needs session uid / entry id).
OWNER_DATA_ROUTES: dict[str, tuple[str, str]] = {
    "plans:calendar": ("get", "athlete"),
    "plans:list": ("get", "athlete"),
    "plans:repeat_week": ("post", "athlete"),
    "plans:fall_review": ("post", "athlete"),
    "plans:pain_review": ("post", "athlete"),
    "plans:session": ("get", "uid"),
    "plans:play": ("get", "uid"),
    "plans:move": ("post", "uid"),
    "plans:skip": ("post", "uid"),
    "plans:edit": ("post", "uid"),
    "plans:fit": ("get", "uid"),
    "plans:fit_zip": ("get", "athlete"),
    "logbook:history": ("get", "athlete"),
    "logbook:log": ("get", "uid"),
    "logbook:entry": ("get", "entry"),
    "logbook:soreness": ("post", "entry"),
    "logbook:edit": ("post", "entry"),
    "logbook:delete": ("post", "entry"),
}
# Routes that only ever act on the signed-in person's own rows (no id in them).
SELF_ONLY_ROUTES = {
    "plans:onboarding",
    "plans:screening",
    "plans:outcome",
    "plans:clearance",
    "plans:create",
    "plans:feed",
    "plans:feed_regenerate",
}
PUBLIC_WITH_SECRET = {"plans:ics"}
API_ROUTES = ["/api/plan", "/api/plan/sessions/{uid}", "/api/logs", "/api/next"]


def route_names(namespace: str) -> set[str]:
    resolver = get_resolver()
    found = set()
    for key in resolver.namespace_dict[namespace][1].reverse_dict:
        if isinstance(key, str):
            found.add(f"{namespace}:{key}")
    return found


def test_every_route_of_plans_and_logbook_is_classified() -> None:
    names = route_names("plans") | route_names("logbook")
    assert names == set(OWNER_DATA_ROUTES) | SELF_ONLY_ROUTES | PUBLIC_WITH_SECRET


@pytest.fixture
def owner_log(owner: object, owner_plan: TrainingPlan, today: dt.date) -> LogEntry:
    first = services.build_plan(owner_plan).sessions[0]
    return logbook.save_log(
        owner, owner, {"session_uid": first.uid, "rpe": 4, "completed_fraction": 1.0}, today
    )


def _url(name: str, kind: str, owner: object, uid: str, entry: LogEntry) -> str:
    if kind == "uid":
        return reverse(name, args=[uid]) + f"?athlete={owner.pk}"
    if kind == "entry":
        return reverse(name, args=[entry.pk])
    return reverse(name) + f"?athlete={owner.pk}"


@pytest.mark.parametrize("name", sorted(OWNER_DATA_ROUTES))
def test_a_stranger_gets_404_on_every_page_about_the_owner(
    name: str,
    owner: object,
    owner_plan: TrainingPlan,
    owner_log: LogEntry,
    stranger_client: Client,
) -> None:
    method, kind = OWNER_DATA_ROUTES[name]
    uid = services.build_plan(owner_plan).sessions[1].uid
    url = _url(name, kind, owner, uid, owner_log)
    data = {"week": 1, "soreness": 3} if method == "post" else None
    response = getattr(stranger_client, method)(url, data)
    assert response.status_code == 404, url
    assert not PlanChange.objects.exists()
    assert LogEntry.objects.get(pk=owner_log.pk).next_morning_soreness is None


@pytest.mark.parametrize("name", sorted(OWNER_DATA_ROUTES))
def test_a_coach_without_a_link_gets_404_too(
    name: str,
    owner: object,
    owner_plan: TrainingPlan,
    owner_log: LogEntry,
    coach: object,
) -> None:
    client = Client()
    client.force_login(coach)
    method, kind = OWNER_DATA_ROUTES[name]
    uid = services.build_plan(owner_plan).sessions[1].uid
    response = getattr(client, method)(_url(name, kind, owner, uid, owner_log))
    assert response.status_code == 404


@pytest.mark.parametrize("name", sorted(OWNER_DATA_ROUTES | dict.fromkeys(SELF_ONLY_ROUTES)))
def test_anonymous_visitors_are_sent_to_sign_in(
    name: str, owner: object, owner_plan: TrainingPlan, owner_log: LogEntry
) -> None:
    method, kind = OWNER_DATA_ROUTES.get(name, ("get", "self"))
    if name in {"plans:clearance", "plans:create", "plans:feed_regenerate"}:
        method = "post"
    uid = services.build_plan(owner_plan).sessions[1].uid
    url = reverse(name) if kind == "self" else _url(name, kind, owner, uid, owner_log)
    response = getattr(Client(), method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_self_only_pages_never_show_or_change_the_owners_rows(
    owner: object, owner_plan: TrainingPlan, stranger_client: Client
) -> None:
    secret = owner_plan.feed_secret
    stranger_client.post(reverse("plans:feed_regenerate") + f"?athlete={owner.pk}")
    page = stranger_client.get(reverse("plans:feed") + f"?athlete={owner.pk}", follow=True)
    assert secret not in page.content.decode()
    owner_plan.refresh_from_db()
    assert owner_plan.feed_secret == secret
    outcome = stranger_client.get(reverse("plans:outcome"), follow=True).content.decode()
    assert "readiness" in outcome.lower() or "About you" in outcome
    assert TrainingPlan.objects.filter(athlete=owner, active=True).count() == 1


def test_the_calendar_feed_needs_the_exact_secret(owner_plan: TrainingPlan) -> None:
    assert Client().get(f"/plans/feed/{owner_plan.feed_secret}.ics").status_code == 200
    secret = owner_plan.feed_secret
    wrong = secret[:-1] + ("y" if secret[-1] == "x" else "x")
    assert Client().get(f"/plans/feed/{wrong}.ics").status_code == 404
    assert Client().get("/plans/feed/.ics").status_code == 404


@pytest.mark.parametrize("route", API_ROUTES)
def test_a_stranger_gets_404_on_every_api_route_about_the_owner(
    route: str, owner: object, owner_plan: TrainingPlan, owner_log: LogEntry, stranger: object
) -> None:
    _, raw = issue_token(stranger, "stranger")
    uid = services.build_plan(owner_plan).sessions[1].uid
    url = route.format(uid=uid) + f"?athlete={owner.pk}"
    response = Client().get(url, headers={"authorization": f"Bearer {raw}"})
    assert response.status_code == 404, url
    assert owner_log.session_uid not in response.content.decode()


@pytest.mark.parametrize("route", API_ROUTES)
def test_the_api_refuses_requests_without_credentials(route: str, owner_plan: TrainingPlan) -> None:
    uid = services.build_plan(owner_plan).sessions[1].uid
    assert Client().get(route.format(uid=uid)).status_code == 401


def test_a_stranger_cannot_log_into_the_owners_plan_through_the_api(
    owner_plan: TrainingPlan, stranger: object
) -> None:
    _, raw = issue_token(stranger, "stranger")
    uid = services.build_plan(owner_plan).sessions[0].uid
    response = Client().post(
        "/api/logs",
        {"session_uid": uid, "completed_fraction": 1, "rpe": 3},
        content_type="application/json",
        headers={"authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 400
    assert not LogEntry.objects.exists()
