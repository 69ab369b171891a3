"""`serve --demo` accounts: exactly coach, ada, kim and sam, loadable twice."""

from __future__ import annotations

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from backstride.web.accounts.models import Profile
from backstride.web.core.demo import DEMO_PASSWORD, load_demo


def test_load_demo_creates_exactly_the_four_demo_accounts(db: None) -> None:
    load_demo()
    profiles = {
        p.user.username: (p.role, p.population) for p in Profile.objects.select_related("user")
    }
    assert profiles == {
        "coach": ("coach", ""),
        "ada": ("athlete", "older-adult"),
        "kim": ("athlete", "knee-rehab"),
        "sam": ("athlete", "athlete"),
    }
    assert get_user_model().objects.count() == 4


def test_demo_accounts_sign_in_with_the_shared_password(db: None) -> None:
    load_demo()
    assert DEMO_PASSWORD == "backstride-demo"
    for username in ("coach", "ada", "kim", "sam"):
        assert Client().login(username=username, password=DEMO_PASSWORD)


def test_loading_twice_resets_instead_of_duplicating(db: None) -> None:
    load_demo()
    ada = get_user_model().objects.get(username="ada")
    ada.set_password("changed by a visitor")
    ada.save()
    load_demo()
    assert get_user_model().objects.count() == 4
    assert Client().login(username="ada", password=DEMO_PASSWORD)


def test_no_demo_accounts_exist_unless_asked_for(db: None) -> None:
    assert not get_user_model().objects.filter(username__in=["coach", "ada"]).exists()


def test_load_demo_command_lists_the_logins(db: None) -> None:
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "kim    knee rehab" in out.getvalue()
    assert "Password for all: backstride-demo" in out.getvalue()
