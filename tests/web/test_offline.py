"""Install and offline without a browser: the worker script, the manifest, the offline
page and the user header the worker keys its page cache on (the browser behaviour is in
test_phone_browser.py)."""

from __future__ import annotations

import json
import re

from django.test import Client

from backstride.web.core.offline import KEPT_PAGES, PRECACHE_STATIC, USER_HEADER


def worker_config(body: str) -> dict:
    return json.loads(re.search(r"^const CONFIG = (.*);$", body, re.M).group(1))


def test_the_worker_lists_every_player_module_and_changes_version_with_them(db: None) -> None:
    from pathlib import Path

    response = Client().get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/" and response["Cache-Control"] == "no-cache"
    config = worker_config(response.content.decode())
    player = Path(__file__).resolve().parents[2] / "src/backstride/web/player/static/player"
    modules = {f"/static/player/{p.name}" for p in player.glob("*.js")}
    assert modules <= set(config["precache"]), "a player module is missing from PRECACHE_STATIC"
    assert "/offline/" in config["precache"]
    assert config["keptPages"] == list(KEPT_PAGES)
    assert re.fullmatch(r"[0-9a-f]{12}", config["version"])
    assert len(PRECACHE_STATIC) == len(set(PRECACHE_STATIC))


def test_the_kept_page_patterns_match_the_player_and_session_only(db: None) -> None:
    kept = [re.compile(p) for p in KEPT_PAGES]
    for path in ("/home/", "/plans/", "/plans/session/bs-1/", "/plans/session/bs-1/play"):
        assert any(p.search(path) for p in kept), path
    for path in ("/log/", "/progress/", "/my-data/", "/coach/athletes/3/", "/plans/fit.zip",
                 "/plans/session/bs-1.fit", "/accounts/"):  # fmt: skip
        assert not any(p.search(path) for p in kept), path


def test_the_manifest_names_our_icons_which_are_served(db: None) -> None:
    client = Client()
    data = client.get("/manifest.webmanifest").json()
    assert data["name"] == "Backstride" and data["start_url"] == "/home/"
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    for icon in data["icons"]:
        assert client.get(icon["src"]).status_code == 200, icon["src"]


def test_answers_name_the_signed_in_user_and_nobody_else(
    owner: object, owner_client: Client
) -> None:
    assert owner_client.get("/home/")[USER_HEADER] == str(owner.pk)
    anonymous = Client().get("/")
    assert USER_HEADER not in anonymous
    offline = Client().get("/offline/")
    assert offline.status_code == 200 and "not on your phone yet" in offline.content.decode()
