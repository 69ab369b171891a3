"""Delete my account: confirmed by typing the username, then nothing of me is left."""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from backstride.web.accounts.models import LoginFailure
from backstride.web.accounts.throttle import record_failure
from backstride.web.api.tokens import issue_token
from backstride.web.coaching.models import CoachAction, Invite
from backstride.web.mydata.exporters import user_paths
from backstride.web.sharing.models import CoachLink
from tests.web.coaching.conftest import give_plan, log


def rows_pointing_at(user_pk: int) -> dict[str, int]:
    """Every row in every table that reaches this user id within one hop."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models():
        if model is user_model:
            count = model.objects.filter(pk=user_pk).count()
        else:
            paths = user_paths(model, user_model)
            count = sum(model.objects.filter(**{f"{p}__pk": user_pk}).count() for p in paths)
        if count:
            found[model._meta.label] = count
    return found


@pytest.fixture
def full_owner(owner: object, coach: object) -> object:
    today = timezone.localdate()
    give_plan(owner, today - dt.timedelta(days=3))
    log(owner, today, pain={"knee": 7}, sharp_pain=True)
    issue_token(owner, "script")
    CoachLink.objects.create(coach=coach, athlete=owner)
    CoachAction.objects.create(athlete=owner, actor=coach, detail="note")
    record_failure("olive")
    return owner


def test_deleting_removes_every_row_of_the_person_and_signs_out(
    full_owner: object, coach: object
) -> None:
    pk = full_owner.pk
    client = Client()
    client.force_login(full_owner)
    other_device = Client()
    other_device.force_login(full_owner)
    assert len(rows_pointing_at(pk)) >= 8  # the fixture really stored data everywhere

    response = client.post("/my-data/delete/", {"confirm": "olive"}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "have been deleted" in response.content.decode()
    assert rows_pointing_at(pk) == {}
    assert not LoginFailure.objects.exists()
    for session in Session.objects.all():
        assert str(session.get_decoded().get("_auth_user_id")) != str(pk)
    assert other_device.get("/my-data/").status_code == 302  # signed out there too
    # The coach and their own things are untouched.
    assert get_user_model().objects.filter(pk=coach.pk).exists()


def test_a_wrong_confirmation_deletes_nothing(full_owner: object) -> None:
    client = Client()
    client.force_login(full_owner)
    before = rows_pointing_at(full_owner.pk)
    response = client.post("/my-data/delete/", {"confirm": "Olive "})
    assert response.status_code == 400
    assert "Type your username exactly" in response.content.decode()
    assert rows_pointing_at(full_owner.pk) == before


def test_a_coach_deleting_their_account_ends_links_but_keeps_athlete_data(
    owner: object, coach: object
) -> None:
    CoachLink.objects.create(coach=coach, athlete=owner)
    Invite.objects.create(coach=coach)
    note = CoachAction.objects.create(athlete=owner, actor=coach, detail="keep this")
    client = Client()
    client.force_login(coach)
    client.post("/my-data/delete/", {"confirm": "cora"})
    assert not CoachLink.objects.exists() and not Invite.objects.exists()
    note.refresh_from_db()
    assert note.actor is None and note.detail == "keep this"
