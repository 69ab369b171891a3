"""Export everything as a zip: JSON and CSV per topic, no secrets, only my own rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from django.test import Client
from django.utils import timezone

from backstride.web.api.tokens import issue_token
from backstride.web.coaching.models import CoachAction
from backstride.web.mydata import registry
from backstride.web.sharing.models import CoachLink
from tests.web.coaching.conftest import give_plan, log


def export(client: Client) -> zipfile.ZipFile:
    response = client.get("/my-data/export.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'attachment; filename="backstride-' in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(response.content))


def rows(archive: zipfile.ZipFile, name: str) -> list[dict]:
    return json.loads(archive.read(f"{name}.json"))


@pytest.fixture
def busy_owner(owner: object, coach: object, stranger: object) -> object:
    """The owner with a plan, two logs, a token, a coach link and a coach note."""
    today = timezone.localdate()
    give_plan(owner, today - dt.timedelta(days=3))
    log(owner, today - dt.timedelta(days=1), pain={"knee": 2}, notes="felt fine")
    log(owner, today, rpe=6)
    log(stranger, today, notes="stranger's session")
    _, owner.raw_token = issue_token(owner, "garmin script")
    CoachLink.objects.create(coach=coach, athlete=owner)
    CoachAction.objects.create(athlete=owner, actor=coach, detail="Nice work")
    return owner


def test_the_zip_has_json_and_csv_for_every_topic(busy_owner: object, owner_client: Client) -> None:
    archive = export(owner_client)
    names = set(archive.namelist())
    assert "README.txt" in names
    topics = {n.rsplit(".", 1)[0] for n in names if n != "README.txt"}
    for topic in topics:
        assert {f"{topic}.json", f"{topic}.csv"} <= names
    assert {"account", "profile", "api_tokens", "coach_links", "plan_changes"} <= topics
    assert {"plans_trainingplan", "plans_screening", "logbook_logentry"} <= topics


def test_the_zip_holds_my_rows_and_nobody_elses(busy_owner: object, owner_client: Client) -> None:
    archive = export(owner_client)
    assert rows(archive, "account")[0]["username"] == "olive"
    logs = rows(archive, "logbook_logentry")
    assert sorted(r["notes"] for r in logs) == ["", "felt fine"]
    assert all(r["athlete_id"] == busy_owner.pk for r in logs)
    assert rows(archive, "coach_links")[0]["coach"] == "Cora"
    assert rows(archive, "plan_changes")[0]["detail"] == "Nice work"
    assert b"stranger's session" not in b"".join(archive.read(n) for n in archive.namelist())


def test_no_secret_ever_leaves_in_the_export(busy_owner: object, owner_client: Client) -> None:
    archive = export(owner_client)
    [token] = rows(archive, "api_tokens")
    assert token["name"] == "garmin script" and "digest" not in token
    [plan] = rows(archive, "plans_trainingplan")
    assert "feed_secret" not in plan
    everything = b"".join(archive.read(n) for n in archive.namelist()).decode()
    assert busy_owner.raw_token not in everything
    assert busy_owner.raw_token.startswith(token["prefix"])  # only the prefix is exported
    assert busy_owner.password not in everything


def test_the_csv_matches_the_json(busy_owner: object, owner_client: Client) -> None:
    archive = export(owner_client)
    as_json = rows(archive, "logbook_logentry")
    as_csv = list(csv.DictReader(io.StringIO(archive.read("logbook_logentry.csv").decode())))
    assert len(as_csv) == len(as_json) == 2
    by_id = {int(r["id"]): r for r in as_csv}
    for row in as_json:
        cell = by_id[row["id"]]["pain"]  # empty when pain was not answered (JSON null)
        assert (json.loads(cell) if cell else None) == row["pain"]
        assert by_id[row["id"]]["date"] == row["date"]


def test_the_overview_counts_rows_per_topic(busy_owner: object, owner_client: Client) -> None:
    page = owner_client.get("/my-data/").content.decode()
    row = 'Session logs <span class="muted file-name">logbook_logentry.json</span></td>'
    assert row + '<td class="num">2</td>' in page
    assert "Cora" in page and "Stop sharing" in page


def test_a_second_exporter_for_the_same_app_is_refused() -> None:
    with pytest.raises(ValueError, match="already registered"):
        registry.register("accounts", lambda user: {})


def test_plain_turns_dates_and_decimals_into_json_values() -> None:
    import decimal

    assert registry.plain(dt.date(2026, 3, 2)) == "2026-03-02"
    assert registry.plain(decimal.Decimal("1.5")) == 1.5
    assert registry.plain(dt.timedelta(minutes=2)) == 120.0


def test_an_apps_own_exporter_replaces_the_generic_fallback() -> None:
    from backstride.web.mydata.exporters import generic_exporter

    def own(user: object) -> dict:
        return {"own_rows": []}

    registry.register("temp-app", generic_exporter("plans"))
    try:
        registry.register("temp-app", own)
        assert registry._EXPORTERS["temp-app"] is own
        with pytest.raises(ValueError):
            registry.register("temp-app", generic_exporter("plans"))
    finally:
        registry._EXPORTERS.pop("temp-app", None)


def test_a_coachs_export_holds_no_athlete_rows_they_only_entered(
    busy_owner: object, coach: object
) -> None:
    from backstride.web.plans import services as plans
    from backstride.web.plans.models import FallReview

    FallReview.objects.create(
        athlete=busy_owner, reviewed_by=coach, covers_until=timezone.localdate(), note="ankle"
    )
    plans.repeat_week(plans.active_plan(busy_owner), 1, coach)
    exported = registry.collect(coach)
    everything = json.dumps(exported, default=str)
    assert "ankle" not in everything and "felt fine" not in everything
    assert not exported.get("plans_fallreview") and not exported.get("plans_planchange")
    assert registry.collect(busy_owner)["plans_fallreview"][0]["note"] == "ankle"


def test_every_topic_has_a_name_people_read(busy_owner: object) -> None:
    """The My data page says "Session logs", never a table name like logbook_logentry."""
    names = list(registry.collect(busy_owner))
    missing = [name for name in names if name not in registry.TOPIC_LABELS]
    assert missing == [], "add a label in mydata/registry.py TOPIC_LABELS for each"
    assert all("_" not in registry.topic_label(name) for name in names)
    assert registry.topic_label("no_such_topic") == "No such topic"
