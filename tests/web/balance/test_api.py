"""``/api/balance-tests``: the owner and a linked coach record and read tests; others get 404.

Real SQLite (and PostgreSQL under scripts/pg-test.sh); the meaning of each result is
checked against the interpretation table's own numbers.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from backstride.web.balance.models import BalanceTest, BalanceTrial
from backstride.web.sharing.models import CoachLink
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db
URL = "/api/balance-tests"
GOOD = {"trials_s": [3.6, 3.8], "present": "helper", "helper_confirmed": True}


def post(client: Client, body: object, query: str = ""):
    return client.post(URL + query, body, content_type="application/json")


@pytest.fixture
def linked_coach_client(owner: object, coach: object) -> Client:
    CoachLink.objects.create(coach=coach, athlete=owner)
    client = Client()
    client.force_login(coach)
    return client


def test_owner_records_a_test_and_reads_its_meaning(owner, owner_client):
    response = post(owner_client, {**GOOD, "group": "older-adult"})
    assert response.status_code == 201, response.content
    d = response.json()
    assert d["trials_s"] == [3.6, 3.8] and d["result_s"] == 3.7 and d["complete"] is True
    assert d["interpretation"]["band"] == "between"  # Carter 2019: 3.0 < 3.7 < 4.5
    assert d["interpretation"]["talk_to_physio"] is False
    assert d["protocol"]["timed_trials"] == 2 and "Carter" in d["protocol"]["source"]
    assert d["near_fall"] is False and d["near_fall_message"] is None
    test = BalanceTest.objects.get()
    assert test.athlete == owner and test.recorded_by == owner and test.present == "helper"
    assert [t.seconds for t in test.trials.all()] == [3.6, 3.8]
    listed = owner_client.get(URL).json()
    assert [t["id"] for t in listed] == [d["id"]]
    assert owner_client.get(f"{URL}/{d['id']}").json() == d


def test_a_risk_range_result_says_talk_to_your_physiotherapist(owner_client):
    d = post(owner_client, {**GOOD, "trials_s": [4.4, 4.6], "group": "older-adult"}).json()
    assert d["result_s"] == 4.5 and d["interpretation"]["band"] == "risk"
    assert any("talk to your physiotherapist" in x for x in d["interpretation"]["lines"])


def test_the_change_since_the_last_test_is_judged_against_the_mdc(owner_client):
    day = timezone.localdate() - dt.timedelta(days=28)
    first = {**GOOD, "trials_s": [8.0, 8.2], "group": "parkinson", "taken_on": day.isoformat()}
    assert post(owner_client, first).status_code == 201
    d = post(owner_client, {**GOOD, "trials_s": [5.0, 5.2], "group": "parkinson"}).json()
    assert d["change"]["change_s"] == -3.0 and d["change"]["mdc_s"] == 2.13
    assert d["change"]["beyond_mdc"] is True
    newest, oldest = owner_client.get(URL).json()
    assert newest["id"] == d["id"] and oldest["change"] is None


def test_a_near_fall_is_recorded_as_such_even_without_a_finished_walk(owner_client):
    d = post(owner_client, {**GOOD, "trials_s": [], "near_fall": True}).json()
    assert d["near_fall"] is True and d["result_s"] is None and d["interpretation"] is None
    assert "talk to your physiotherapist" in d["near_fall_message"]
    one = post(owner_client, {**GOOD, "trials_s": [5.1], "near_fall": True}).json()
    assert one["near_fall"] is True and one["complete"] is False and one["result_s"] == 5.1


def test_the_default_group_follows_the_profile(owner, owner_client):
    owner.profile.population = "older-adult"
    owner.profile.save()
    assert post(owner_client, GOOD).json()["group"] == "older-adult"
    owner.profile.population = "runner"
    owner.profile.save()
    d = post(owner_client, GOOD).json()
    assert d["group"] == "other" and d["interpretation"]["band"] == "no-cutoff"


def test_linked_coach_reads_and_records_for_the_athlete(owner, coach, linked_coach_client):
    d = post(linked_coach_client, {**GOOD, "present": "coach"}, f"?athlete={owner.pk}").json()
    test = BalanceTest.objects.get(pk=d["id"])
    assert test.athlete == owner and test.recorded_by == coach
    assert [t["id"] for t in linked_coach_client.get(f"{URL}?athlete={owner.pk}").json()] == [
        d["id"]
    ]
    assert linked_coach_client.get(f"{URL}/{d['id']}").status_code == 200


def test_another_athlete_gets_404_and_writes_nothing(owner, owner_client, stranger_client):
    d = post(owner_client, GOOD).json()
    assert stranger_client.get(f"{URL}/{d['id']}").status_code == 404
    assert stranger_client.get(f"{URL}?athlete={owner.pk}").status_code == 404
    assert post(stranger_client, GOOD, f"?athlete={owner.pk}").status_code == 404
    assert BalanceTest.objects.count() == 1
    # Their own list does not show the owner's test either.
    assert stranger_client.get(URL).json() == []


def test_an_unlinked_or_revoked_coach_gets_404(owner, owner_client, coach):
    d = post(owner_client, GOOD).json()
    client = Client()
    client.force_login(coach)
    assert client.get(f"{URL}/{d['id']}").status_code == 404
    link = CoachLink.objects.create(coach=coach, athlete=owner)
    assert client.get(f"{URL}/{d['id']}").status_code == 200
    link.revoked_at = dt.datetime.now(dt.UTC)
    link.save()
    assert client.get(f"{URL}?athlete={owner.pk}").status_code == 404


def test_signed_out_gets_401():
    assert Client().get(URL).status_code == 401


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({**GOOD, "trials_s": [0]}, "timed walk 1: a trial time must be more than 0 s"),
        ({**GOOD, "trials_s": [3.2, 200]}, "timed walk 2: 200.00 s is longer than 60 s"),
        ({**GOOD, "trials_s": [3.2, 0.4]}, "timed walk 2: 0.40 s for 3 m backward"),
        ({**GOOD, "trials_s": [3.2, 3.3, 3.1]}, "the protocol has 2 timed trials, got 3"),
        ({**GOOD, "trials_s": []}, "no trial times"),
        ({**GOOD, "helper_confirmed": False}, "only done with someone within reach"),
        ({**GOOD, "taken_on": "2999-01-01"}, "taken_on must be a date"),
    ],
)
def test_bad_input_is_a_clear_400_and_nothing_is_saved(owner_client, body, message):
    response = post(owner_client, body)
    assert response.status_code == 400
    assert message in response.json()["detail"]
    assert BalanceTest.objects.count() == 0 and BalanceTrial.objects.count() == 0


def test_pages_show_the_same_words_as_the_api(owner, owner_client, stranger_client):
    d = post(owner_client, {**GOOD, "trials_s": [4.4, 4.6], "group": "older-adult"}).json()
    page = owner_client.get("/balance/").content.decode()
    assert d["interpretation"]["headline"] in page
    assert "Start a guided test" in page
    due = timezone.localdate() + dt.timedelta(days=28)
    assert f"Next test: on or after {due.day} {due:%B %Y}" in page
    assert stranger_client.get(f"/balance/?athlete={owner.pk}").status_code == 404
    guided = owner_client.get("/balance/test/").content.decode()
    assert "My helper is next to me now" in guided and "disabled" in guided


def test_the_comparison_groups_read_as_words_and_post_the_apis_values(owner_client):
    """The options show people's words; their values stay the ones the API takes."""
    import re

    from backstride.training.balance_test import BalanceGroup

    guided = owner_client.get("/balance/test/").content.decode()
    select = guided[
        guided.index('<select id="group"') : guided.index(
            "</select>", guided.index('<select id="group"')
        )
    ]
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)
    assert [value for value, _ in options] == [g.value for g in BalanceGroup]
    assert [label for _, label in options] == [
        "Older adults",
        "People with Parkinson&#x27;s disease",
        "People with multiple sclerosis",
        "Other (no published cut-off)",
    ]


def test_my_data_export_has_the_tests_and_trials(owner, owner_client):
    post(owner_client, GOOD)
    from backstride.web.balance.exporter import export_balance_tests

    out = export_balance_tests(owner)
    assert len(out["balance_tests"]) == 1 and len(out["balance_trials"]) == 2
    other = make_user("otto")
    assert export_balance_tests(other) == {
        "balance_tests": [],
        "balance_trials": [],
        "balance_videos": [],
    }
