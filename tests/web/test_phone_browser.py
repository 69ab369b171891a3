"""Everyday use on a phone, in chromium against the live server: the one-row menu, dark
mode, installing and working offline (service worker), and axe-core on every page.

Sizes are a 390x844 phone and a 1366x900 laptop. Screenshots go to
var/screenshots/phone-*.png. The axe run covers every page route of the app: a new page
that is neither visited below nor named in NOT_PAGES fails the coverage test, so it cannot
slip past the accessibility check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from backstride.web.analysis.models import Status
from tests import browser_support
from tests.browser_support import PHONE, Screenshot
from tests.test_docs import normalise_route

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 900}
# Installing the worker fetches ~16 files and keeping pages fetches more: on a loaded
# two-core machine that can pass the usual 10 s, so waits on the worker get longer.
WORKER_MS = 40_000
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "activities"

# Routes that are not pages a person reads (files, feeds, JSON, the worker script) or
# only take a POST: axe has nothing to check there.
NOT_PAGES = {
    "/health", "/sw.js", "/manifest.webmanifest", "/api/openapi.json",
    "/plans/session/<>.fit", "/plans/fit.zip", "/plans/feed/<>.ics", "/my-data/export.zip",
    "/form-checks/<>/annotated.mp4",
    "/accounts/logout/", "/accounts/tokens/", "/accounts/tokens/<>/revoke/",
    "/onboarding/clearance/", "/onboarding/create-plan/", "/plans/repeat-week/",
    "/plans/fall-review/", "/plans/feed/new/", "/log/entry/<>/soreness/",
    "/log/import/confirm/", "/coach/invites/", "/coach/invites/<>/cancel/",
    "/coach/athletes/<>/clearance/", "/coach/athletes/<>/repeat-week/",
    "/coach/athletes/<>/notes/", "/coach/links/<>/revoke/", "/form-checks/new/",
    "/plans/pain-review/", "/log/entry/<>/delete/", "/log/import/<>/undo/",
    "/plans/session/<>/move/", "/plans/session/<>/skip/", "/plans/session/<>/edit/",
    "/balance/video/<>/frame/<>.jpg",
    # A filmed balance test's page needs a video analysed by the worker first; its
    # browser test (tests/web/balance/test_video_browser.py) drives it but runs no axe.
    "/balance/video/<>/",
}  # fmt: skip


def page_routes() -> set[str]:
    """Every routed path outside the JSON API, normalised like docs/web.md's table."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    def walk(patterns: list, prefix: str) -> list[str]:
        routes = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                routes += walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                routes.append(prefix + str(pattern.pattern))
        return routes

    routes = walk(get_resolver().url_patterns, "")
    keep = {"api/docs", "api/openapi.json"}
    return {normalise_route("/" + r) for r in routes if not r.startswith("api/") or r in keep}


def as_route(path: str) -> str:
    """The route a visited URL belongs to: `/plans/session/bs-12/` -> `/plans/session/<>/`."""
    from django.urls import resolve

    return normalise_route("/" + resolve(path.split("?", 1)[0]).route)


@pytest.fixture
def demo(live_server: object, settings: object, tmp_path: Path) -> dict[str, object]:
    """The demo accounts with their training, a finished and a waiting form check, and an
    open coach invite: enough for every page to show real content."""
    from django.contrib.auth import get_user_model

    from backstride.web.coaching.services import create_invite
    from backstride.web.core.demo import load_demo
    from backstride.web.plans import services as plans
    from tests.web.analysis.conftest import make_check, make_done_check

    settings.MEDIA_ROOT = str(tmp_path / "media")  # the form checks' files
    load_demo()
    users = get_user_model().objects
    kim, coach = users.get(username="kim"), users.get(username="coach")
    plan = plans.build_plan(plans.active_plan(kim))
    today = timezone.localdate()
    session = next(s for s in plan.sessions if s.date >= today)
    from backstride.web.analysis import files
    from backstride.web.logbook.models import LogEntry

    done = make_done_check(kim)
    # The page head video/report_html.py writes (the shared fixture keeps only a title).
    report = files.output_file(done.report_dir, "report.html")
    report.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width,initial-scale=1'>"
        "<title>Backstride form check</title></head><body><main><h1>Form check</h1>"
        "<p>Kim's report</p></main></body></html>",
        encoding="utf-8",
    )
    return {
        "kim": kim,
        "coach": coach,
        "session": session.uid,
        "entry": LogEntry.objects.filter(athlete=kim).latest("date").pk,
        "done": done.pk,
        "waiting": make_check(kim, Status.RUNNING).pk,
        "invite": create_invite(coach).token,
    }


def signed_in(browser: Browser, base: str, username: str, **context: object) -> Page:
    context.setdefault("viewport", PHONE)
    ctx = browser.new_context(device_scale_factor=1, **context)
    ctx.set_default_timeout(browser_support.DEFAULT_TIMEOUT_MS)
    page = ctx.new_page()
    from backstride.web.core.demo import DEMO_PASSWORD

    browser_support.sign_in(page, base, username, DEMO_PASSWORD)
    expect(page).to_have_url(re.compile(r"/home/$"))
    return page


def athlete_pages(d: dict[str, object]) -> list[str]:
    uid = d["session"]
    return [
        "/home/", "/onboarding/", "/onboarding/screening/", "/onboarding/outcome/",
        "/plans/", "/plans/list/", f"/plans/session/{uid}/", f"/plans/session/{uid}/play",
        "/plans/feed/", "/log/", f"/log/session/{uid}/", f"/log/entry/{d['entry']}/",
        f"/log/entry/{d['entry']}/edit/",
        "/log/import/", "/progress/", "/coach/sharing/", "/my-data/", "/my-data/delete/",
        "/form-checks/", f"/form-checks/{d['waiting']}/", f"/form-checks/{d['done']}/",
        f"/form-checks/{d['done']}/report.html", "/accounts/", "/accounts/password/",
        "/accounts/password/done/", f"/coach/invite/{d['invite']}", "/learn/",
        "/learn/safety/", "/balance/", "/balance/test/", "/balance/video/",
        "/this-page-does-not-exist/",
    ]  # fmt: skip


def coach_pages(d: dict[str, object]) -> list[str]:
    kim = d["kim"].pk
    return [
        "/home/", "/coach/", f"/coach/athletes/{kim}/", f"/progress/?athlete={kim}",
        f"/plans/?athlete={kim}", f"/log/?athlete={kim}", f"/form-checks/?athlete={kim}",
        "/accounts/", "/my-data/",
    ]  # fmt: skip


ANONYMOUS_PAGES = [
    "/", "/accounts/login/", "/accounts/signup/", "/accounts/password-reset/",
    "/accounts/password-reset/sent/", "/accounts/reset/MQ/bad-token/", "/accounts/reset/done/",
    "/learn/", "/learn/form/", "/api/docs", "/offline/",
]  # fmt: skip


def check_page(page: Page, url: str, source: str) -> list[str]:
    page.goto(url)
    page.wait_for_load_state("load")
    if url.endswith("/api/docs"):
        page.wait_for_selector(".opblock")
    return [f"{url}: {problem}" for problem in browser_support.axe_problems(page, source)]


@pytest.mark.parametrize(
    ("label", "viewport", "scheme"), [("phone", PHONE, "light"), ("wide", WIDE, "dark")]
)
def test_axe_finds_no_serious_problem_on_any_page(
    live_server: object,
    browser: Browser,
    demo: dict[str, object],
    label: str,
    viewport: dict[str, int],
    scheme: str,
) -> None:
    """Every page, anonymous, athlete and coach: on a phone in light mode, on a laptop in
    dark mode (so contrast is checked in both palettes). The player too, after Start and
    with its cue settings open. Zero serious or critical violations."""
    source = browser_support.axe_source()
    base = live_server.url
    problems: list[str] = []
    visited: set[str] = set()

    # bypass_csp: report.html forbids every script, axe's included.
    look = {"viewport": viewport, "color_scheme": scheme, "bypass_csp": True}
    ctx = browser.new_context(device_scale_factor=1, **look)
    anonymous = ctx.new_page()
    for path in ANONYMOUS_PAGES:
        problems += check_page(anonymous, base + path, source)
        visited.add(path)
    ctx.close()

    kim = signed_in(browser, base, "kim", **look)
    for path in athlete_pages(demo):
        problems += check_page(kim, base + path, source)
        visited.add(path)
    # The import preview, from a real watch file.
    kim.goto(base + "/log/import/")
    kim.get_by_label("Activity file").set_input_files(str(SHARED / "gpx" / "korita-zbevnica.gpx"))
    kim.get_by_role("button", name="Upload and preview").click()
    kim.wait_for_load_state("load")
    # The preview itself, not an error page (a file without usable times is refused).
    expect(kim.get_by_role("heading", name="Check before saving")).to_be_visible()
    problems += [f"import preview: {p}" for p in browser_support.axe_problems(kim, source)]
    # The player while it runs, and its settings dialog.
    kim.goto(base + f"/plans/session/{demo['session']}/play")
    kim.get_by_role("button", name="Start").click()
    problems += [f"player running: {p}" for p in browser_support.axe_problems(kim, source)]
    kim.get_by_role("button", name="Cues").click()
    problems += [f"player cues dialog: {p}" for p in browser_support.axe_problems(kim, source)]
    kim.context.close()

    coach = signed_in(browser, base, "coach", **look)
    for path in coach_pages(demo):
        problems += check_page(coach, base + path, source)
        visited.add(path)
    coach.context.close()

    assert problems == [], "\n".join(problems)
    unchecked = page_routes() - NOT_PAGES - {as_route(p) for p in visited if "does-not" not in p}
    assert sorted(unchecked) == [], "page routes axe never visited: add them above"


# --- The menu ----------------------------------------------------------------------------


def big_text(page: Page) -> None:
    """200 % text: the browser's text size (16 px -> 32 px), which rem and em media queries
    follow, as a person who enlarges the text in their phone's settings has it. Applies
    from the next load."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Page.enable")
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})


def header_rows(page: Page) -> tuple[int, int]:
    """(height of the header, height of the tallest item in the bar): one row when equal-ish."""
    return page.evaluate(
        """() => [document.querySelector('.site-header').getBoundingClientRect().height,
                  Math.max(...[...document.querySelectorAll('.nav-bar > li')]
                    .filter((li) => li.offsetParent !== null)
                    .map((li) => li.getBoundingClientRect().height))]"""
    )


def assert_one_row(page: Page, width: int) -> None:
    # After a redirect the URL changes before the stylesheet is in: measure styled pages.
    page.wait_for_load_state("load")
    tops = page.evaluate(
        """() => [...document.querySelectorAll('.brand, .nav-bar > li')]
            .filter((el) => el.offsetParent !== null)
            .map((el) => Math.round(el.getBoundingClientRect().top
                                    + el.getBoundingClientRect().height / 2))"""
    )
    assert max(tops) - min(tops) <= 4, f"the header wraps: item centres at {tops}"
    right = page.evaluate(
        "Math.max(...[...document.querySelectorAll('.nav-bar > li')]"
        ".filter((el) => el.offsetParent !== null).map((el) => el.getBoundingClientRect().right))"
    )
    assert right <= width, f"the bar runs off the screen ({right} px > {width} px)"


@pytest.mark.parametrize(("username", "main"), [("kim", ["Home", "Plan", "Progress"]),
                                                ("coach", ["Home", "Coach"])])  # fmt: skip
def test_the_phone_menu_is_one_row_with_the_main_places_and_a_menu(
    live_server: object,
    browser: Browser,
    demo: dict[str, object],
    screenshot: Screenshot,
    username: str,
    main: list[str],
) -> None:
    base = live_server.url
    page = signed_in(browser, base, username)
    assert_one_row(page, PHONE["width"])
    bar = page.locator(".nav-bar > li:visible > a")
    expect(bar).to_have_text(main)
    menu = page.locator("details.menu")
    expect(page.get_by_role("link", name="My data")).to_be_hidden()
    menu.locator("summary").click()
    expect(page.get_by_role("link", name="My data")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    screenshot(page, f"phone-menu-open-{username}")
    page.keyboard.press("Escape")
    expect(page.get_by_role("link", name="My data")).to_be_hidden()
    expect(menu.locator("summary")).to_be_focused()
    # A tap outside closes it too.
    menu.locator("summary").click()
    page.mouse.click(200, PHONE["height"] - 20)
    expect(page.get_by_role("link", name="My data")).to_be_hidden()

    big_text(page)
    page.reload()
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") > 30
    assert_one_row(page, PHONE["width"])
    menu.locator("summary").click()
    expect(page.locator(".nav-bar > li:visible > a")).to_have_text(["Home"])
    for name in main[1:]:  # the main places the bar had to give up are in the menu now
        expect(
            page.locator(".menu-list").get_by_role("link", name=name, exact=True)
        ).to_be_visible()
    screenshot(page, f"phone-menu-big-text-{username}")
    page.context.close()

    wide = signed_in(browser, base, username, viewport=WIDE)
    assert_one_row(wide, WIDE["width"])
    expect(wide.locator("details.menu")).to_be_hidden()
    for name in [*main, "Learn", "My data", "Account"]:
        expect(wide.locator(".nav-bar").get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(wide.get_by_role("button", name="Sign out")).to_be_visible()
    wide.context.close()


# --- Reflow at 200 % text ----------------------------------------------------------------

# What sticks out past the right edge of the viewport, widest first: elements clipped by
# a scrolling (or clipping) box of their own are left out, since they do not move the page.
OVERFLOWING = """() => {
  const width = window.innerWidth;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return true;
    }
    return false;
  };
  const name = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    for (const c of el.classList) text += '.' + c;
    const words = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ');
    return words ? `${text} "${words.slice(0, 40)}"` : text;
  };
  const found = [];
  const add = (el, box) => {
    if (box.width === 0 || box.right <= width + 0.5 || clipped(el)) return;
    if (!el.checkVisibility({visibilityProperty: true})) return;  // e.g. in a closed <details>
    found.push({el, right: Math.round(box.right), width: Math.round(box.width)});
  };
  for (const el of document.body.querySelectorAll('*')) add(el, el.getBoundingClientRect());
  // Text runs past its own box when a long word cannot break: measure the words too.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.right > node.parentElement.getBoundingClientRect().right + 0.5) {
      add(node.parentElement, box);
    }
  }
  // The widest first; of equals, the innermost (the cause rather than its containers).
  const inner = (a, b) => (a.el.contains(b.el) ? 1 : b.el.contains(a.el) ? -1 : 0);
  found.sort((a, b) => b.right - a.right || inner(a, b));
  const say = (f) => `${name(f.el)} (${f.width} px wide, right edge ${f.right} px)`;
  return {scroll: document.documentElement.scrollWidth, width,
          big: matchMedia('(max-width: 21em)').matches, widest: found.slice(0, 3).map(say)};
}"""


def too_wide(page: Page, label: str) -> str | None:
    """None when the page fits the viewport, else which page and what sticks out."""
    page.wait_for_load_state("load")
    seen = page.evaluate(OVERFLOWING)
    assert seen["big"], f"{label}: not at 200 % text"
    if seen["scroll"] <= seen["width"]:
        return None
    widest = "; ".join(seen["widest"]) or "no element (a margin or pseudo-element?)"
    return f"{label}: {seen['scroll']} px wide in a {seen['width']} px viewport; widest: {widest}"


def test_every_signed_in_page_reflows_on_a_phone_at_200_percent_text(
    live_server: object,
    browser: Browser,
    demo: dict[str, object],
    screenshot: Screenshot,
    tmp_path: Path,
) -> None:
    """WCAG 1.4.10: at 390 px with the text at 200 % no page of an athlete or a coach
    scrolls sideways (a table may scroll inside its own box; the page may not)."""
    from backstride.web.plans import services as plans
    from tests.web.imports.test_imports import watch_file

    base = live_server.url
    problems: list[str] = []

    kim = signed_in(browser, base, "kim")
    big_text(kim)
    for path in athlete_pages(demo):
        kim.goto(base + path)
        problems.append(too_wide(kim, f"kim {path}"))
    # The import preview, from the watch file of Kim's first session.
    first = plans.build_plan(plans.active_plan(demo["kim"])).sessions[0]
    fit = tmp_path / "morning.fit"
    fit.write_bytes(watch_file(first)[0])
    kim.goto(base + "/log/import/")
    kim.get_by_label("Activity file").set_input_files(str(fit))
    kim.get_by_role("button", name="Upload and preview").click()
    expect(kim.get_by_role("heading", name="Check before saving")).to_be_visible()
    problems.append(too_wide(kim, "kim import preview"))
    # To look at. Not full-page: a full-page screenshot drops the 200 % text.
    kim.goto(base + "/plans/")
    kim.locator(".month").scroll_into_view_if_needed()
    screenshot(kim, "phone-big-text-calendar")
    kim.goto(base + "/accounts/")
    screenshot(kim, "phone-big-text-account")
    kim.get_by_role("heading", name="API tokens").scroll_into_view_if_needed()
    screenshot(kim, "phone-big-text-account-tokens")
    kim.context.close()

    coach = signed_in(browser, base, "coach")
    big_text(coach)
    for path in coach_pages(demo):
        coach.goto(base + path)
        problems.append(too_wide(coach, f"coach {path}"))
    coach.goto(base + f"/coach/athletes/{demo['kim'].pk}/")
    coach.get_by_role("heading", name="Recent sessions").scroll_into_view_if_needed()
    screenshot(coach, "phone-big-text-coach-athlete")
    coach.context.close()

    problems = [p for p in problems if p]
    assert problems == [], "pages that scroll sideways:\n" + "\n".join(problems)


# --- Dark mode ---------------------------------------------------------------------------


def luminance(rgb: str) -> float:
    """Relative luminance (WCAG) of a CSS `rgb(r, g, b)` string."""
    parts = [int(x) / 255 for x in re.findall(r"\d+", rgb)[:3]]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(("label", "viewport"), [("phone", PHONE), ("wide", WIDE)])
def test_dark_mode_follows_the_phone_and_keeps_contrast(
    live_server: object,
    browser: Browser,
    demo: dict[str, object],
    screenshot: Screenshot,
    label: str,
    viewport: dict[str, int],
) -> None:
    base = live_server.url
    colours = {}
    for scheme in ("light", "dark"):
        page = signed_in(browser, base, "kim", viewport=viewport, color_scheme=scheme)
        page.goto(base + "/plans/?month=" + timezone.localdate().strftime("%Y-%m"))
        colours[scheme] = page.evaluate(
            """() => {
              const css = (sel, prop) => getComputedStyle(document.querySelector(sel))[prop];
              const out = document.querySelector('td.out .daynum');
              return {body: css('body', 'backgroundColor'), ink: css('body', 'color'),
                      card: css('.month td:not(.out)', 'backgroundColor'),
                      out: out ? getComputedStyle(out).color : null};
            }"""
        )
        screenshot(page, f"phone-{scheme}-calendar-{label}", full_page=True)
        page.goto(base + "/progress/")
        screenshot(page, f"phone-{scheme}-progress-{label}")
        page.context.close()
    light, dark = colours["light"], colours["dark"]
    assert luminance(light["body"]) > 0.8 and luminance(dark["body"]) < 0.02
    for palette in (light, dark):
        assert contrast(palette["ink"], palette["body"]) >= 7
        if palette["out"]:  # the out-of-month day numbers were at 2.1:1
            assert contrast(palette["out"], palette["body"]) >= 4.5


# --- Install and offline -----------------------------------------------------------------


def cached_urls(page: Page) -> dict[str, list[str]]:
    return page.evaluate(
        """async () => {
          const out = {};
          for (const name of await caches.keys()) {
            out[name] = (await (await caches.open(name)).keys())
              .map((r) => new URL(r.url).pathname);
          }
          return out;
        }"""
    )


def wait_for_worker(page: Page) -> None:
    """Until a service worker is active and controls this page."""
    page.wait_for_function("navigator.serviceWorker.ready.then(() => true)", timeout=WORKER_MS)
    # A page whose navigation was under way while the worker activated (sign-in's redirect
    # to /home/) can miss clients.claim(); as in a browser, the next load is controlled.
    if not page.evaluate("navigator.serviceWorker.controller !== null"):
        page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=WORKER_MS)


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(viewport=PHONE, device_scale_factor=1, service_workers="allow")
    ctx.set_default_timeout(browser_support.DEFAULT_TIMEOUT_MS)
    yield ctx
    ctx.close()


def test_the_app_installs_and_the_player_reloads_offline(
    live_server: object, phone: BrowserContext, demo: dict[str, object], screenshot: Screenshot
) -> None:
    """Manifest and icons are ours; after visiting home, today's (next) session and its
    player open and reload with no network; a page never visited says it is offline."""
    from backstride.web.core.demo import DEMO_PASSWORD

    base = live_server.url
    page = phone.new_page()
    errors = browser_support.watch_page_errors(page)
    browser_support.sign_in(page, base, "kim", DEMO_PASSWORD)
    expect(page).to_have_url(base + "/home/")

    manifest = page.request.get(base + page.locator("link[rel=manifest]").get_attribute("href"))
    data = manifest.json()
    assert data["start_url"] == "/home/" and data["display"] == "standalone"
    for icon in data["icons"]:
        assert page.request.get(base + icon["src"]).ok, icon

    wait_for_worker(page)
    page.reload()  # home again, now through the worker, which keeps it and the next session
    session = f"/plans/session/{demo['session']}/"
    page.wait_for_function(
        """async (paths) => {
          const names = (await caches.keys()).filter((n) => n.startsWith('backstride-pages-'));
          if (names.length !== 1) return false;
          const requests = await (await caches.open(names[0])).keys();
          const kept = requests.map((r) => new URL(r.url).pathname);
          return paths.every((p) => kept.includes(p));
        }""",
        arg=["/home/", session, session + "play"],
        timeout=WORKER_MS,
    )
    caches = cached_urls(page)
    assert f"backstride-pages-{demo['kim'].pk}" in caches
    static = next(v for k, v in caches.items() if k.startswith("backstride-static-"))
    assert "/static/player/engine.js" in static and "/offline/" in static

    phone.set_offline(True)
    page.goto(base + session + "play")
    expect(page.get_by_role("button", name="Start")).to_be_visible()
    page.reload()  # a reload with no network works too
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"Week \d"))
    page.get_by_role("button", name="Start").click()
    expect(page.locator("[data-player]")).to_have_attribute("data-view", "run")
    screenshot(page, "phone-offline-player")
    page.goto(base + session)
    expect(page.get_by_role("link", name="Start session")).to_be_visible()
    page.goto(base + "/progress/")  # never opened: the offline page, not the browser's error
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not on your phone yet")
    screenshot(page, "phone-offline-not-kept")
    phone.set_offline(False)
    assert errors == []


def test_signing_out_drops_the_kept_pages_so_the_next_person_sees_none(
    live_server: object, phone: BrowserContext, demo: dict[str, object]
) -> None:
    """A shared phone: Kim's kept pages go when Kim signs out, and Sam, signing in next on
    the same phone, gets the offline page for Kim's session rather than Kim's plan."""
    from backstride.web.core.demo import DEMO_PASSWORD

    base = live_server.url
    page = phone.new_page()
    browser_support.sign_in(page, base, "kim", DEMO_PASSWORD)
    wait_for_worker(page)
    session = f"/plans/session/{demo['session']}/"
    page.goto(base + session)
    page.wait_for_function(
        "caches.keys().then((names) => names.some((n) => n.startsWith('backstride-pages-')))",
        timeout=WORKER_MS,
    )
    browser_support.sign_out(page)
    expect(page).to_have_url(base + "/")
    page.wait_for_function(
        "caches.keys().then((names) => !names.some((n) => n.startsWith('backstride-pages-')))",
        timeout=WORKER_MS,
    )

    browser_support.sign_in(page, base, "sam", DEMO_PASSWORD)
    expect(page).to_have_url(base + "/home/")
    phone.set_offline(True)
    page.goto(base + session)
    expect(page.get_by_role("heading", level=1)).to_have_text("This page is not on your phone yet")
    phone.set_offline(False)


def test_the_same_page_kept_for_one_user_is_dropped_when_another_is_answered(
    live_server: object, phone: BrowserContext, demo: dict[str, object]
) -> None:
    """Without pressing Sign out (a session that ended on the server): the first page
    answered for someone else, or for nobody, drops the kept pages too."""
    from django.test import Client

    from backstride.web.core.demo import DEMO_PASSWORD

    base = live_server.url
    page = phone.new_page()
    browser_support.sign_in(page, base, "kim", DEMO_PASSWORD)
    wait_for_worker(page)
    page.reload()
    page.wait_for_function(
        "(name) => caches.keys().then((names) => names.includes(name))",
        arg=f"backstride-pages-{demo['kim'].pk}",
        timeout=WORKER_MS,
    )
    phone.clear_cookies()  # as if the server ended the session
    page.goto(base + "/learn/")
    page.wait_for_function(
        "caches.keys().then((names) => !names.some((n) => n.startsWith('backstride-pages-')))",
        timeout=WORKER_MS,
    )
    assert Client().get("/sw.js")["Service-Worker-Allowed"] == "/"


# --- The player on a keyboard, and with no voice ------------------------------------------


def test_after_start_focus_stays_in_the_player_and_space_pauses(
    live_server: object, browser: Browser, demo: dict[str, object]
) -> None:
    base = live_server.url
    page = signed_in(browser, base, "kim")
    page.goto(base + f"/plans/session/{demo['session']}/play")
    # Headless chromium has no voice: the player must not promise one.
    expect(page.locator(".cue-level")).to_have_text(
        "Cues: tones only (this device has no voice for speech)"
    )
    page.get_by_role("button", name="Start").focus()
    page.keyboard.press("Enter")
    player = page.locator("[data-player]")
    expect(player).to_have_attribute("data-view", "run")
    assert page.evaluate("document.activeElement.classList.contains('stage')")
    page.keyboard.press("Space")
    expect(player).to_have_attribute("data-paused", "yes")
    page.keyboard.press("Space")
    expect(player).to_have_attribute("data-paused", "no")
    # Space pauses even when focus has left the controls (a click on the page background).
    page.evaluate("document.activeElement.blur()")
    page.keyboard.press("Space")
    expect(player).to_have_attribute("data-paused", "yes")
    page.context.close()

    voiced = browser.new_context(viewport=PHONE)
    voiced_page = voiced.new_page()
    voiced_page.add_init_script(browser_support.SPEECH_STUB)
    from backstride.web.core.demo import DEMO_PASSWORD

    browser_support.sign_in(voiced_page, base, "kim", DEMO_PASSWORD)
    voiced_page.goto(base + f"/plans/session/{demo['session']}/play")
    expect(voiced_page.locator(".cue-level")).to_have_text("Cues: voice and tones")
    voiced.close()


def test_a_waiting_form_check_shows_its_result_without_a_meta_refresh(
    live_server: object, browser: Browser, demo: dict[str, object]
) -> None:
    """The page asks the API every 5 s and reloads once the check is done."""
    from backstride.web.analysis.models import FormCheck

    base = live_server.url
    page = signed_in(browser, base, "kim")
    page.clock.install(time=dt.datetime.now(dt.UTC))
    page.goto(base + f"/form-checks/{demo['waiting']}/")
    expect(page.get_by_test_id("form-check-pending")).to_be_visible()
    assert page.locator("meta[http-equiv=refresh]").count() == 0
    FormCheck.objects.filter(pk=demo["waiting"]).update(status=Status.FAILED, error="Too dark.")
    page.clock.run_for(6000)
    expect(page.get_by_test_id("form-check-failed")).to_contain_text("Too dark.")
    page.context.close()


def test_the_axe_check_itself_reports_a_serious_problem(browser: Browser) -> None:
    """The harness can fail: an image without a text alternative is a critical finding."""
    source = browser_support.axe_source()
    page = browser.new_page()
    page.set_content(
        "<!doctype html><html lang='en'><title>t</title><main><img src='x.png'></main>"
    )
    problems = browser_support.axe_problems(page, source)
    assert len(problems) == 1 and problems[0].startswith("image-alt (critical")
    page.close()
