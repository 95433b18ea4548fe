"""The shared countdown in a real browser: every screen shows the same time left whatever its own
clock says, it counts down without the server, a pause freezes it, the end says "Time is up", a
new end time updates the element in place, and the page passes axe's audit.

The page is tests/e2e/apps/countdown_app.py, started with `streamlit run` on a port of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.e2e.conftest import REPO_ROOT, AppServer, _free_port
from tests.e2e.helpers import by_key, open_app, running
from tests.e2e.test_accessibility import audit

pytestmark = pytest.mark.e2e

APP = Path(__file__).resolve().parent / "apps" / "countdown_app.py"
KEY = "room-timer"
SKEW_MS = 5 * 60 * 1000
# A laptop whose clock is five minutes fast: Date.now() (what the element reads) runs ahead.
FAST_CLOCK = f"(() => {{ const real = Date.now; Date.now = () => real() + {SKEW_MS}; }})()"


class CountdownApp(AppServer):
    """`streamlit run` of the countdown page, with AppServer's health wait, stop and logs."""

    def start(self) -> CountdownApp:
        self._starts += 1
        self._stdout_path = self._log_dir / "countdown.stdout"
        self._stderr_path = self._log_dir / "countdown.stderr"
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1"}
        cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.port", str(self.port),
               "--server.address", "127.0.0.1", "--server.headless", "true",
               "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]
        with open(self._stdout_path, "wb") as out, open(self._stderr_path, "wb") as err:
            self._proc = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=out, stderr=err,
                                          stdin=subprocess.DEVNULL)
        self._wait_healthy()
        return self


@pytest.fixture(scope="module")
def countdown_app(tmp_path_factory) -> Iterator[CountdownApp]:
    base = tmp_path_factory.mktemp("countdown_app")
    server = CountdownApp(_free_port(), base, base)
    server.url = f"http://127.0.0.1:{server.port}"
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def fast_context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.add_init_script(FAST_CLOCK)
    try:
        yield context
    finally:
        context.close()


def now_ms() -> int:
    return int(time.time() * 1000)


def timer(page: Page) -> Locator:
    return by_key(page, KEY).locator(".timer")  # inside the element's shadow root (Playwright pierces it)


def digits(page: Page) -> Locator:
    return timer(page).locator(".digits")


def seconds_shown(page: Page) -> int:
    return seconds_in(digits(page).text_content() or "")


def seconds_in(text: str) -> int:
    assert re.fullmatch(r"(\d+:)?\d{1,2}:\d\d", text), f"not a time: {text!r}"
    parts = [int(p) for p in text.split(":")]
    return sum(p * 60 ** i for i, p in enumerate(reversed(parts)))


def open_timer(page: Page, url: str, query: str) -> Page:
    open_app(page, f"{url}/?{query}")
    expect(timer(page)).to_have_attribute("aria-label", re.compile(r"."))  # drawn by its script
    return page


class Frames:
    """What the server sent the page over its socket (runs, deltas), counted from now on."""

    def __init__(self, page: Page):
        self.kinds: list[str] = []
        page.on("websocket", lambda ws: ws.on("framereceived", self._received))

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes):
            self.kinds.append(ForwardMsg.FromString(payload).WhichOneof("type") or "")


def test_laptops_with_different_clocks_show_the_same_time_left(countdown_app, page, fast_context):
    end = now_ms() + 10 * 60 * 1000
    fast = fast_context.new_page()
    open_timer(page, countdown_app.url, f"end={end}")
    open_timer(fast, countdown_app.url, f"end={end}")
    assert fast.evaluate("Date.now()") - page.evaluate("Date.now()") >= SKEW_MS - 1000  # the skew is real
    before, other, after = seconds_shown(page), seconds_shown(fast), seconds_shown(page)
    # Read one after the other: the fast laptop's reading lies between the two of the right clock.
    assert after - 1 <= other <= before + 1, (before, other, after)
    assert 9 * 60 + 30 <= other <= 10 * 60
    expect(timer(fast)).to_have_attribute("aria-label", re.compile(r"^Time left: (9 minutes|10 minutes)"))


def test_it_counts_down_in_the_browser_without_a_server_run(countdown_app, page):
    frames = Frames(page)
    open_timer(page, countdown_app.url, f"end={now_ms() + 5 * 60 * 1000}")
    label = timer(page).get_attribute("aria-label")
    frames.kinds.clear()
    first = digits(page).text_content()
    expect(digits(page)).not_to_have_text(first)  # expect polls: it changes by itself
    second = digits(page).text_content()
    expect(digits(page)).not_to_have_text(second)
    assert seconds_shown(page) < seconds_in(first)
    expect(page.locator("[data-testid='stApp']")).to_have_attribute("data-test-script-state", "notRunning")
    assert frames.kinds == [], f"the server sent {frames.kinds} while the timer ticked"
    # A screen reader's label is not rewritten every second.
    assert timer(page).get_attribute("aria-label") == label
    expect(timer(page)).to_have_attribute("role", "timer")
    expect(timer(page).locator(".status")).to_have_text("Time left")


def test_a_paused_timer_shows_its_frozen_time(countdown_app, page):
    page.clock.install()
    open_timer(page, countdown_app.url, "paused=125")
    expect(digits(page)).to_have_text("2:05")
    expect(timer(page).locator(".status")).to_have_text("Paused")
    expect(timer(page)).to_have_attribute("aria-label", "Paused, time left: 2 minutes 5 seconds")
    page.clock.fast_forward("01:00")  # a minute later on this laptop
    expect(digits(page)).to_have_text("2:05")


def test_a_minute_later_a_running_timer_shows_a_minute_less(countdown_app, page):
    page.clock.install()
    open_timer(page, countdown_app.url, f"end={now_ms() + 5 * 60 * 1000}")
    before = seconds_shown(page)
    page.clock.fast_forward("01:00")
    expect(digits(page)).to_have_text(re.compile(r"^[34]:\d\d$"))
    assert before - 62 <= seconds_shown(page) <= before - 59


def test_an_end_in_the_past_says_time_is_up(countdown_app, page):
    open_timer(page, countdown_app.url, f"end={now_ms() - 90_000}")
    expect(digits(page)).to_have_text("0:00")
    expect(timer(page).locator(".status")).to_have_text("Time is up")
    expect(timer(page)).to_have_attribute("aria-label", "Time is up")
    expect(timer(page)).to_have_css("background-color", "rgb(253, 236, 234)")


def test_a_running_timer_reaching_zero_says_time_is_up_and_stays(countdown_app, page):
    page.clock.install()
    open_timer(page, countdown_app.url, f"end={now_ms() + 60_000}")
    expect(timer(page).locator(".status")).to_have_text("Time left")
    running_background = timer(page).evaluate("e => getComputedStyle(e).backgroundColor")
    page.clock.fast_forward("01:01")
    expect(timer(page).locator(".status")).to_have_text("Time is up")
    expect(digits(page)).to_have_text("0:00")
    assert timer(page).evaluate("e => getComputedStyle(e).backgroundColor") != running_background
    expect(timer(page)).to_have_attribute("aria-label", "Time is up")
    page.clock.fast_forward("10:00")
    expect(digits(page)).to_have_text("0:00")
    expect(timer(page).locator(".status")).to_have_text("Time is up")


def test_a_new_end_time_updates_the_same_element_without_a_reload(countdown_app, page):
    open_timer(page, countdown_app.url, f"end={now_ms() + 4 * 60 * 1000}")
    timer(page).evaluate("e => { e.stillHere = true; }")
    page.evaluate("window.notReloaded = true")
    before = seconds_shown(page)
    with running(page):
        page.get_by_role("button", name="Add 5 minutes").click()
    expect(digits(page)).to_have_text(re.compile(r"^(8|9):\d\d$"))
    assert before + 295 <= seconds_shown(page) <= before + 300
    expect(timer(page)).to_have_attribute("aria-label", re.compile(r"^Time left: (8|9) minutes"))
    assert timer(page).evaluate("e => e.stillHere === true"), "the element was drawn anew"
    assert page.evaluate("window.notReloaded === true")
    # It keeps counting from the new end, with one interval: an interval left over from the old
    # end would draw the old time in between, four times a second.
    digits(page).evaluate("d => { window.shown = []; new MutationObserver(() => window.shown.push(d.textContent))"
                          ".observe(d, {childList: true, characterData: true, subtree: true}); }")
    for _ in range(2):
        expect(digits(page)).not_to_have_text(digits(page).text_content() or "")
    shown = [seconds_in(text) for text in page.evaluate("window.shown")]
    assert shown and shown == sorted(shown, reverse=True) and min(shown) >= before + 290, shown

    with running(page):
        page.get_by_role("button", name="Pause").click()
    expect(timer(page).locator(".status")).to_have_text("Paused")
    assert before + 285 <= seconds_shown(page) <= before + 300
    assert timer(page).evaluate("e => e.stillHere === true")


@pytest.mark.parametrize("query", ["end={soon}", "end={soon}&size=large", "paused=125", "end={past}&size=large"])
def test_the_timer_page_passes_axe(countdown_app, page, query):
    open_timer(page, countdown_app.url, query.format(soon=now_ms() + 600_000, past=now_ms() - 1000))
    findings = audit(page)
    assert not findings, "\n".join(findings)
