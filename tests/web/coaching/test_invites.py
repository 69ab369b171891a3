"""Invites by link: the coach creates one, the athlete sees what sharing means and accepts,
and either side can end the link; access follows the link at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from backstride.web.coaching.models import Invite
from backstride.web.coaching.services import accept_invite, create_invite
from backstride.web.sharing.access import athletes_of, can_view
from backstride.web.sharing.models import CoachLink
from tests.web.conftest import make_user


def test_coach_creates_an_invite_and_sees_the_link_to_share(coach_client: Client) -> None:
    response = coach_client.post("/coach/invites/", {"note": "Olive, knee"}, follow=True)
    invite = Invite.objects.get()
    page = response.content.decode()
    assert f"/coach/invite/{invite.token}" in page
    assert "Olive, knee" in page
    assert len(invite.token) >= 40
    assert invite.expires_at - timezone.now() > dt.timedelta(days=6)


def test_an_athlete_account_cannot_create_invites(owner_client: Client) -> None:
    response = owner_client.post("/coach/invites/", {"note": "x"})
    assert response.status_code == 403
    assert not Invite.objects.exists()


def test_a_note_longer_than_80_characters_is_refused_and_nothing_is_saved(
    coach_client: Client,
) -> None:
    response = coach_client.post("/coach/invites/", {"note": "x" * 81}, follow=True)
    assert "80 characters or fewer" in response.content.decode()
    assert not Invite.objects.exists()


def test_the_athlete_sees_who_invites_them_and_what_they_will_share(
    coach: object, owner_client: Client
) -> None:
    invite = create_invite(coach)
    page = owner_client.get(f"/coach/invite/{invite.token}").content.decode()
    assert "Cora would like to follow your training" in page
    assert "pain scores" in page and "stop sharing at any time" in page
    assert not CoachLink.objects.exists()  # looking is not accepting


def test_accepting_links_the_athlete_and_uses_the_invite_up(
    owner: object, coach: object, owner_client: Client
) -> None:
    invite = create_invite(coach)
    response = owner_client.post(f"/coach/invite/{invite.token}")
    assert response.status_code == 302
    assert response["Location"] == "/coach/sharing/"
    assert can_view(coach, owner)
    assert list(athletes_of(coach)) == [owner]
    invite.refresh_from_db()
    assert invite.used_at is not None


def test_an_invite_works_only_once(owner: object, stranger: object, coach: object) -> None:
    invite = create_invite(coach)
    accept_invite(invite.token, owner)
    with pytest.raises(ValueError, match="already been used"):
        accept_invite(invite.token, stranger)
    assert not can_view(coach, stranger)


def test_an_expired_invite_is_explained_and_links_nobody(
    coach: object, owner: object, owner_client: Client
) -> None:
    invite = create_invite(coach)
    Invite.objects.filter(pk=invite.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    response = owner_client.post(f"/coach/invite/{invite.token}")
    assert response.status_code == 400
    assert "has expired" in response.content.decode()
    assert not CoachLink.objects.exists()


def test_a_coach_cannot_accept_their_own_invite(coach: object, coach_client: Client) -> None:
    invite = create_invite(coach)
    response = coach_client.post(f"/coach/invite/{invite.token}")
    assert "your own invite link" in response.content.decode()
    assert not CoachLink.objects.exists()


@pytest.mark.parametrize("token", ["nope", "a" * 64, "a" * 500])
def test_unknown_invite_tokens_are_a_404(owner_client: Client, token: str) -> None:
    assert owner_client.get(f"/coach/invite/{token}").status_code == 404
    assert owner_client.post(f"/coach/invite/{token}").status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in_before_accepting(coach: object) -> None:
    invite = create_invite(coach)
    response = Client().get(f"/coach/invite/{invite.token}")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/coach/invite/")


def test_the_athlete_revokes_and_the_coach_loses_access_at_once(
    owner: object, coach: object, owner_client: Client, coach_client: Client, link: CoachLink
) -> None:
    assert coach_client.get(f"/coach/athletes/{owner.pk}/").status_code == 200
    response = owner_client.post(f"/coach/links/{link.pk}/revoke/", follow=True)
    assert "can no longer see your training" in response.content.decode()
    assert not can_view(coach, owner)
    assert coach_client.get(f"/coach/athletes/{owner.pk}/").status_code == 404
    assert "Olive" not in coach_client.get("/coach/").content.decode()
    link.refresh_from_db()
    assert link.revoked_by == "athlete"


def test_a_stranger_cannot_revoke_someone_elses_link(
    stranger_client: Client, link: CoachLink
) -> None:
    assert stranger_client.post(f"/coach/links/{link.pk}/revoke/").status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None


def test_after_revoking_a_new_invite_can_link_the_pair_again(
    owner: object, coach: object, owner_client: Client, link: CoachLink
) -> None:
    owner_client.post(f"/coach/links/{link.pk}/revoke/")
    accept_invite(create_invite(coach).token, owner)
    assert can_view(coach, owner)
    assert CoachLink.objects.filter(coach=coach, athlete=owner).count() == 2


def test_a_coach_who_switches_to_athlete_loses_access(
    owner: object, coach: object, link: CoachLink
) -> None:
    coach.profile.role = "athlete"
    coach.profile.save()
    coach.refresh_from_db()
    assert not can_view(coach, owner)
    assert list(athletes_of(coach)) == []


def test_the_sharing_page_lists_only_my_own_coaches(
    owner_client: Client, stranger_client: Client, link: CoachLink
) -> None:
    assert "Cora" in owner_client.get("/coach/sharing/").content.decode()
    assert "Cora" not in stranger_client.get("/coach/sharing/").content.decode()


def test_another_coach_never_sees_athletes_linked_to_someone_else(
    owner: object, link: CoachLink
) -> None:
    other = make_user("otto", role="coach")
    assert not can_view(other, owner)
    client = Client()
    client.force_login(other)
    assert client.get(f"/coach/athletes/{owner.pk}/").status_code == 404
    assert "Olive" not in client.get("/coach/").content.decode()


def test_an_athlete_without_a_profile_row_gets_one_on_accepting(coach: object) -> None:
    from django.contrib.auth import get_user_model

    bare = get_user_model().objects.create_user(username="bare", password="x" * 12)
    accept_invite(create_invite(coach).token, bare)
    client = Client()
    client.force_login(coach)
    assert 'data-testid="athlete-bare"' in client.get("/coach/").content.decode()


def test_the_sharing_card_renders_for_any_page_in_one_line(owner: object, link: CoachLink) -> None:
    from django.template import Context, Template
    from django.test import RequestFactory

    request = RequestFactory().get("/accounts/")
    request.user = owner
    html = Template("{% load coaching %}{% sharing_card %}").render(Context({"request": request}))
    assert "Cora" in html and f"/coach/links/{link.pk}/revoke/" in html
