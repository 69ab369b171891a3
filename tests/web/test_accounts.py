"""Sign up, sign in, sign out and password reset, through the real views."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from backstride.web.accounts.models import Profile, Role
from tests.web.conftest import PASSWORD

NEW_PASSWORD = "a different long passphrase"


def signup_data(**overrides: str) -> dict[str, str]:
    data = {
        "username": "newbie",
        "email": "Newbie@Example.org",
        "display_name": "Nia",
        "role": "athlete",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def test_signup_creates_user_and_profile_and_lands_on_the_dashboard(db: None) -> None:
    client = Client(enforce_csrf_checks=False)
    response = client.post("/accounts/signup/", signup_data(), follow=True)
    assert response.redirect_chain == [("/home/", 302)]
    assert "Hello, Nia" in response.content.decode()
    user = get_user_model().objects.get(username="newbie")
    assert user.email == "newbie@example.org"
    assert user.password.startswith("argon2$")
    assert Profile.objects.get(user=user).role == Role.ATHLETE


def test_signup_can_register_a_coach(db: None) -> None:
    Client().post("/accounts/signup/", signup_data(role="coach"))
    assert Profile.objects.get(user__username="newbie").is_coach


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password2": "something else entirely"}, "The two password fields didn"),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"role": "admin"}, "Select a valid choice."),
        ({"username": "x" * 151}, "at most 150 characters"),
        ({"password1": "short", "password2": "short"}, "too short"),
    ],
)
def test_signup_with_bad_input_explains_and_saves_nothing(
    db: None, overrides: dict[str, str], message: str
) -> None:
    response = Client().post("/accounts/signup/", signup_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_user_model().objects.exists()
    assert not Profile.objects.exists()


def test_signup_refuses_an_email_already_in_use(owner: object) -> None:
    response = Client().post("/accounts/signup/", signup_data(email="OLIVE@example.org"))
    assert "already exists" in response.content.decode()
    assert get_user_model().objects.count() == 1


def test_login_then_logout(owner: object) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "olive", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/home/"
    assert client.get("/home/").status_code == 200
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/"
    assert client.get("/home/")["Location"].startswith("/accounts/login/")


def test_logout_needs_post_so_a_link_cannot_sign_you_out(owner_client: Client) -> None:
    assert owner_client.get("/accounts/logout/").status_code == 405


def test_wrong_password_is_refused_with_a_message(owner: object) -> None:
    response = Client().post("/accounts/login/", {"username": "olive", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_forms_require_a_csrf_token(owner: object) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "olive", "password": PASSWORD})
    assert response.status_code == 403


def test_password_reset_sends_a_link_that_sets_a_new_password(owner: object) -> None:
    client = Client()
    response = client.post("/accounts/password-reset/", {"email": "olive@example.org"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Choose a new Backstride password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert "Password changed" in done.content.decode()
    assert Client().login(username="olive", password=NEW_PASSWORD)
    assert not Client().login(username="olive", password=PASSWORD)


def test_password_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(db: None) -> None:
    response = Client().post("/accounts/password-reset/", {"email": "nobody@example.org"})
    assert response["Location"] == "/accounts/password-reset/sent/"
    assert mail.outbox == []


def test_a_used_reset_link_no_longer_works(owner: object) -> None:
    client = Client()
    client.post("/accounts/password-reset/", {"email": "olive@example.org"})
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    again = Client().get(link, follow=True)
    assert "This link no longer works" in again.content.decode()


def test_profile_form_saves_name_and_rejects_unknown_roles(owner_client: Client) -> None:
    response = owner_client.post("/accounts/", {"display_name": "Olive O.", "role": "coach"})
    assert response.status_code == 302
    profile = Profile.objects.get(user__username="olive")
    assert (profile.display_name, profile.role) == ("Olive O.", "coach")
    bad = owner_client.post("/accounts/", {"display_name": "x" * 81, "role": "wizard"})
    assert bad.status_code == 200
    profile.refresh_from_db()
    assert profile.display_name == "Olive O."


def test_a_signed_in_person_changes_their_password(owner: object, owner_client: Client) -> None:
    page = owner_client.get("/accounts/").content.decode()
    assert 'href="/accounts/password/"' in page
    wrong = owner_client.post(
        "/accounts/password/",
        {"old_password": "not it", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert wrong.status_code == 200
    assert "Your old password was entered incorrectly" in wrong.content.decode()
    response = owner_client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302 and response["Location"] == "/accounts/password/done/"
    assert owner_client.get("/accounts/password/done/").status_code == 200  # still signed in
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD) and not owner.check_password(PASSWORD)


def test_changing_the_password_needs_a_signed_in_person(db: None) -> None:
    response = Client().get("/accounts/password/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
