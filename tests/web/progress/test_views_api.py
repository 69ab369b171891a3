"""The progress page and ``GET /api/progress``: who sees what, what the page shows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from backstride.training.adaptation import ACCEPTABLE_PAIN, HOLD_PAIN
from backstride.training.load import ACWR_BAND
from backstride.web.api.tokens import issue_token
from backstride.web.logbook.services import save_log
from backstride.web.plans.calendar import AMBER_PERCENT, GREEN_PERCENT, Status, compliance
from tests.web.plans.helpers import plan_for


def log(athlete: object, day: dt.date, today: dt.date, **fields: object) -> None:
    save_log(athlete, athlete, {"date": day, "rpe": 5, "minutes": 20, **fields}, today)


def test_a_new_athlete_gets_a_friendly_sentence_and_a_link_to_log(owner_client: Client) -> None:
    page = owner_client.get("/progress/").content.decode()
    assert "Nothing to chart yet" in page
    assert 'href="/plans/"' in page
    assert "<svg" not in page


def test_the_page_draws_each_chart_with_title_description_and_table(
    owner: object, owner_client: Client, today: dt.date
) -> None:
    log(owner, today, today, pain={"knee": 4})
    response = owner_client.get("/progress/?weeks=4")
    page = response.content.decode()
    assert response.status_code == 200
    for chart in ("minutes", "load", "pain"):
        assert f'data-testid="chart-{chart}"' in page
        assert f'<title id="{chart}-title">' in page and f'<desc id="{chart}-desc">' in page
    assert page.count('<details class="chart-table"') == 3
    assert "chart-adherence" not in page  # no plan, nothing planned to compare with
    assert "chart-meters" not in page  # no metres known at all
    assert "chart-ratio" not in page  # under four weeks of history
    assert '<td class="num">100</td>' in page  # today's load, RPE 5 x 20 min
    assert 'href="?weeks=4" class="range-option" aria-current="true"' in page


def test_chart_notes_quote_the_numbers_the_rules_use(
    owner: object, owner_client: Client, today: dt.date
) -> None:
    """The pain and adherence notes read their limits from the rules, not from the page."""
    plan_for(owner, start=today - dt.timedelta(days=14))
    for days_ago in (35, 21, 7):
        log(owner, today - dt.timedelta(days=days_ago), today)
    log(owner, today, today, pain={"quadriceps": 4})
    page = owner_client.get("/progress/?weeks=all").content.decode()
    low, high = ACWR_BAND
    assert f"Above {high} the last week was busier than your usual, below {low} lighter" in page
    assert "7:28-day ratios (Gabbett 2016)" in page
    assert f"Up to {ACCEPTABLE_PAIN} out of 10 is usually fine" in page
    assert f"Above {HOLD_PAIN}, or any sharp pain, means step back." in page
    assert f"{ACCEPTABLE_PAIN}-{HOLD_PAIN}: watch it" in page
    assert "Front of thigh" in page  # the web log form's word for the site
    (green_low, green_high), (amber_low, amber_high) = GREEN_PERCENT, AMBER_PERCENT
    assert (
        f"Green: {green_low}-{green_high} % of the planned time. Amber: "
        f"{amber_low}-{green_low - 1} % or {green_high + 1}-{amber_high} %." in page
    )
    # The note's edges are the colours' edges (planned 100 minutes = 6000 s).
    assert [compliance(6000, m) for m in (green_low, green_high)] == [Status.GREEN] * 2
    assert [compliance(6000, m) for m in (green_low - 1, green_high + 1)] == [Status.AMBER] * 2
    assert [compliance(6000, m) for m in (amber_low - 1, amber_high + 1)] == [Status.RED] * 2


def test_the_form_check_history_is_absent_until_analyses_exist(
    owner: object, owner_client: Client, today: dt.date
) -> None:
    log(owner, today, today)
    page = owner_client.get("/progress/").content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]  # the nav links to form checks
    assert "form check" not in main.lower()


def test_a_plan_adds_the_adherence_chart_with_compliance_colours(
    owner: object, owner_client: Client, today: dt.date
) -> None:
    plan_for(owner, start=today - dt.timedelta(days=14))
    log(owner, today, today)
    page = owner_client.get("/progress/?weeks=4").content.decode()
    assert 'data-testid="chart-adherence"' in page
    assert 'class="bar c-' in page
    assert "aim for over 70 %" in page


def test_load_warnings_link_to_learn(owner: object, owner_client: Client, today: dt.date) -> None:
    for days_ago in range(7):
        log(owner, today - dt.timedelta(days=days_ago), today)
    page = owner_client.get("/progress/").content.decode()
    assert 'data-testid="load-warnings"' in page
    assert 'href="/learn/questions/#how-often"' in page


def test_a_linked_coach_sees_the_athletes_progress_and_ranges_keep_the_athlete(
    owner: object, linked_coach_client: Client, today: dt.date
) -> None:
    log(owner, today, today)
    response = linked_coach_client.get(f"/progress/?athlete={owner.pk}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Progress of Olive" in page
    assert f"?weeks=12&amp;athlete={owner.pk}" in page
    athlete_page = linked_coach_client.get(f"/coach/athletes/{owner.pk}/").content.decode()
    assert f'href="/progress/?athlete={owner.pk}"' in athlete_page


@pytest.mark.parametrize("who", ["stranger", "coach"])
def test_anyone_not_linked_gets_404(
    owner: object, request: pytest.FixtureRequest, who: str, today: dt.date
) -> None:
    log(owner, today, today)
    client = Client()
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/progress/?athlete={owner.pk}").status_code == 404
    assert client.get(f"/api/progress?athlete={owner.pk}").status_code == 404


def test_the_home_page_shows_a_small_progress_card(
    owner: object, owner_client: Client, today: dt.date
) -> None:
    plan_for(owner, start=today)
    log(owner, today, today)
    page = owner_client.get("/home/").content.decode()
    assert 'data-testid="progress-card"' in page
    assert "20 backward minutes this week, 20 in 6 weeks." in page
    assert 'class="sparkline"' in page


def test_the_api_answers_the_same_numbers_as_the_page(
    owner: object, owner_client: Client, today: dt.date
) -> None:
    log(owner, today, today)
    data = owner_client.get("/api/progress?weeks=4").json()
    assert data["weeks"] == 4
    assert len(data["weekly"]) == 4
    assert data["weekly"][-1]["backward_minutes"] == 20.0
    assert data["daily"][-1]["srpe_load"] == 100.0


def test_the_api_works_with_a_personal_token(owner: object, today: dt.date) -> None:
    _, raw = issue_token(owner, "script")
    response = Client().get("/api/progress", headers={"authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["weeks"] == 8


@pytest.mark.parametrize("query", ["weeks=0", "weeks=105", "weeks=abc", "weeks=1e9", "athlete=0"])
def test_bad_api_parameters_are_a_422_with_a_message(owner_client: Client, query: str) -> None:
    response = owner_client.get(f"/api/progress?{query}")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_the_api_refuses_requests_without_credentials(db: None) -> None:
    assert Client().get("/api/progress").status_code == 401


def test_anonymous_visitors_are_sent_to_sign_in(db: None) -> None:
    response = Client().get("/progress/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/progress/"
