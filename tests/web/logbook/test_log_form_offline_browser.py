"""The log book's form submitted with no network, in chromium at phone size: the answers
wait on the phone in the player's queue (backstride/outbox.js) and reach the server once
the connection is back, exactly once (the same idempotency key on every send)."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from backstride.web.logbook.models import LogEntry
from backstride.web.plans import services as plans
from tests import browser_support
from tests.browser_support import PHONE, OpenPage, watch_page_errors
from tests.player.test_player_web import outbox_key, sign_in
from tests.web.conftest import make_user
from tests.web.plans.helpers import plan_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_log_form_submitted_offline_is_kept_on_the_phone_and_sent_once_back_online(
    open_page: OpenPage, live_server: object
) -> None:
    user = make_user("olga")
    row = plan_for(user, start=timezone.localdate(), population="general", sessions_per_week=2)
    uid = plans.build_plan(row).sessions[0].uid
    page = open_page(PHONE)
    sign_in(page, live_server, user)
    errors = watch_page_errors(page)
    page.goto(f"{live_server.url}/log/session/{uid}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("How did it go?")

    page.context.set_offline(True)
    page.locator(".rpe-grid label", has_text="4").click()
    page.get_by_label("Notes").fill("Windy, legs fine.")
    page.get_by_role("button", name="Save log").click()

    status = page.locator("[data-offline-status]")
    expect(status).to_contain_text("saved on this phone and will be sent when you are back online")
    queued = page.evaluate(f"JSON.parse(localStorage.getItem('{outbox_key(user)}'))")
    assert [(item["user"], item["form"]) for item in queued] == [(str(user.pk), True)]
    assert not LogEntry.objects.exists()
    problems = browser_support.axe_problems(page, browser_support.axe_source())
    assert problems == []

    page.context.set_offline(False)  # chromium fires `online`: the queue is sent
    expect(status).to_have_text("Back online: your log has been sent to your log book.")
    assert page.evaluate(f"localStorage.getItem('{outbox_key(user)}')") == "[]"
    page.reload()  # a second page load online finds nothing left to send
    expect(page.get_by_role("heading", level=1)).to_have_text("How did it go?")
    entry = LogEntry.objects.get(athlete=user)
    assert (entry.rpe, entry.notes, entry.session_uid) == (4, "Windy, legs fine.", uid)
    assert entry.client_key == queued[0]["payload"]["client_key"]
    assert errors == []
