"""The filmed balance test in chromium at phone size (390 x 844): tap two lines, move frames.

A real clip (the shared demo walk played backwards after a standing start) is uploaded
through the page, read by the real database worker (``db_worker --batch``, run in the
test), then the lines are marked with two taps on the still and the end is moved one
frame with the stepper before saving. Screenshots go to var/screenshots/balance-video-*.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from playwright.sync_api import expect

from backstride.web.balance.models import BalanceTest, BalanceVideo, VideoStatus
from backstride.web.runner import run_worker
from tests.browser_support import PHONE, OpenPage, Screenshot, watch_page_errors
from tests.web.balance.conftest import END_LINE, START_LINE
from tests.web.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def keep_signal_handlers() -> Iterator[None]:
    # db_worker installs its own SIGINT/SIGTERM handlers; give pytest its own back.
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


def test_two_taps_mark_the_lines_and_the_stepper_moves_the_end(
    open_page: OpenPage,
    live_server: object,
    screenshot: Screenshot,
    backward_clip: bytes,
    tmp_path: Path,
    keep_signal_handlers: None,
) -> None:
    user = make_user("vera")
    client = Client()
    client.force_login(user)
    page = open_page(PHONE)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    errors = watch_page_errors(page)
    clip = tmp_path / "standback.mp4"
    clip.write_bytes(backward_clip)

    page.goto(live_server.url + "/balance/video/")
    page.set_input_files("#id_video", str(clip))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_test_id("balance-video-waiting")).to_be_visible()
    run_worker(interval_seconds=0.0, batch=True, queues="*")
    video = BalanceVideo.objects.get()
    assert video.status == VideoStatus.DONE, video.error
    page.reload()

    still = page.get_by_test_id("line-still")
    expect(still).to_be_visible()
    page.wait_for_function("document.querySelector('[data-testid=line-still]').naturalWidth > 0")
    box = still.bounding_box()
    assert box is not None and box["width"] <= PHONE["width"]
    for x in (START_LINE, END_LINE):
        still.click(position={"x": x / 960 * box["width"], "y": box["height"] / 2})
    px = 960 / box["width"]  # one screen pixel in video pixels
    start = float(page.get_by_test_id("start-line").input_value())
    end = float(page.get_by_test_id("end-line").input_value())
    assert abs(start - START_LINE) <= px and abs(end - END_LINE) <= px
    expect(page.locator(".line-start")).to_be_visible()
    expect(page.locator(".line-end")).to_be_visible()
    screenshot(page, "balance-video-lines", full_page=True)

    page.get_by_test_id("detect").click()
    expect(page.get_by_test_id("detected")).to_be_visible()
    end_input = page.get_by_test_id("end-frame")
    end_frame = int(end_input.input_value())
    start_frame = int(page.get_by_test_id("start-frame").input_value())
    times = video.frame_times
    duration = page.get_by_test_id("duration")
    expect(duration).to_have_text(f"{times[end_frame] - times[start_frame]:.2f}")
    page.get_by_role("button", name="End one frame later").click()
    expect(end_input).to_have_value(str(end_frame + 1))
    expect(page.get_by_test_id("end-still")).to_have_attribute(
        "src", f"/balance/video/{video.pk}/frame/{end_frame + 1}.jpg"
    )
    moved = times[end_frame + 1] - times[start_frame]
    expect(duration).to_have_text(f"{moved:.2f}")
    page.wait_for_function(
        "document.querySelector('[data-testid=end-still]').complete"
        " && document.querySelector('[data-testid=end-still]').naturalWidth > 0"
    )
    screenshot(page, "balance-video-frames", full_page=True)

    page.get_by_test_id("helper-confirmed").check()
    page.get_by_test_id("save").click()
    expect(page).to_have_url(live_server.url + "/balance/")
    test = BalanceTest.objects.get()
    assert test.source == "video" and test.trial_seconds() == [pytest.approx(moved, abs=0.006)]
    expect(page.locator(".balance-test h2").first).to_contain_text(
        f"{test.trial_seconds()[0]:.2f} s"
    )
    assert errors == []
