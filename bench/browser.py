"""What a user waits for in the browser, against bare Streamlit apps timed in the same run.

Two round trips, each in Chromium against a real server, with the time taken inside the page
(the key or click event's own timestamp to the moment a MutationObserver sees the result), so
Playwright's own messaging is not part of the figure:

- a note: Enter in an ML Canvas cell's add box (worked example open) until the note's text is on
  the page; floor: a bare app with a text box and five columns that lists what was typed below it;
- a page switch: the sidebar link from ML Canvas to Workflow integration until that page's heading
  shows; floor: a bare two-page st.navigation app.

Elements are found by widget key, link address and text only (never by the page's structure),
so the figures stay comparable while the canvas page is reworked.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("MLCS_CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
EXAMPLE = "support_mail_triage"
BLOCK = "decisions"  # the ML Canvas cell the notes are typed into
WARMUP, RUNS = 3, 20  # the machine is noisy: 20 runs keep the medians steady
NOTE_TARGET, SWITCH_TARGET = 1.3, 1.2
STARTUP_S, STEP_MS = 40.0, 20_000

IDLE = "[data-testid='stApp'][data-test-script-state='notRunning'][data-test-connection-state='CONNECTED']"

NOTE_FLOOR_APP = """
import streamlit as st

st.title("Bare notes")
if "notes" not in st.session_state:
    st.session_state.notes = []

def add():
    st.session_state.notes.append(st.session_state.add)
    st.session_state.add = ""

for column in st.columns(5):
    column.text("A block")
st.text_input("Add a note", key="add", on_change=add)
st.text("\\n".join(st.session_state.notes))
"""

SWITCH_FLOOR_APP = """
import streamlit as st

def alpha():
    st.title("Alpha page")

def beta():
    st.title("Beta page")

st.navigation([st.Page(alpha, title="Alpha", url_path="alpha", default=True),
               st.Page(beta, title="Beta", url_path="beta")]).run()
"""

# Installed before each measured action: the action's event time, then the time the expected text
# appears in the DOM (added nodes or changed text; an input's value is not DOM text, so typing does not count).
WATCH = """([event, needle, selector]) => {
    const bench = window.__bench = {start: null, ms: null};
    const seen = () => {
        for (const el of document.querySelectorAll(selector)) {
            if (el.textContent.includes(needle)) return true;
        }
        return false;
    };
    const listener = (e) => {
        if (bench.start === null && (event !== 'keydown' || e.key === 'Enter')) bench.start = e.timeStamp;
    };
    window.addEventListener(event, listener, true);
    const observer = new MutationObserver(() => {
        if (bench.start !== null && bench.ms === null && seen()) {
            bench.ms = performance.now() - bench.start;
            observer.disconnect();
            window.removeEventListener(event, listener, true);
        }
    });
    observer.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


@dataclass(frozen=True)
class Figure:
    name: str
    median_ms: float
    floor_name: str
    floor_ms: float
    target: float
    target_words: str  # "at most" or "about"

    @property
    def ratio(self) -> float:
        return self.median_ms / self.floor_ms


def unavailable() -> str | None:
    """Why the browser section cannot run here, in one line; None when it can."""
    if not os.path.exists(CHROMIUM):
        return f"Chromium not found at {CHROMIUM} (install Debian's chromium or set MLCS_CHROMIUM)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as error:
        return f"Playwright is not installed ({error})"
    return None


def _free_port() -> int:
    """A free port; MLCS_BENCH_PORTS="8640-8649" keeps the servers in a range (on a shared machine)."""
    span = os.environ.get("MLCS_BENCH_PORTS")
    candidates = range(int(span.split("-")[0]), int(span.split("-")[1]) + 1) if span else [0]
    for port in candidates:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return s.getsockname()[1]
    raise RuntimeError(f"no free port in {span}")


@contextmanager
def _server(args: list[str], cwd: Path, env: dict[str, str] | None = None):
    """A Streamlit server (`args` after `python -m`) on a free port; yields its URL."""
    with started_server(args, cwd, env) as (url, _proc):
        yield url


@contextmanager
def started_server(args: list[str], cwd: Path, env: dict[str, str] | None = None,
                   port: int | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """A Streamlit server (`args` after `python -m`) on a free port, healthy; yields (URL, process)."""
    port = port or _free_port()
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [sys.executable, "-m", *args, "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"],
        cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"server {args} did not start:\n{log.read().decode(errors='replace')}") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _idle(page) -> None:
    page.wait_for_selector(IDLE, state="attached", timeout=STEP_MS)


def _timed(page, event: str, needle: str, selector: str, act) -> float:
    """Milliseconds from the event `act` causes until `needle` is in an element matching `selector`."""
    page.evaluate(WATCH, [event, needle, selector])
    act()
    page.wait_for_function("window.__bench.ms !== null", timeout=STEP_MS)
    ms = page.evaluate("window.__bench.ms")
    _idle(page)  # the run has finished: the next one starts from a quiet page
    return ms


def _paired(measure, floor) -> tuple[float, float]:
    """Medians of the app's and the floor's runs, taken in turns: on a busy machine both see the same load."""
    for i in range(WARMUP):
        measure(f"warm-up {i}")
        floor(f"warm-up {i}")
    times: list[float] = []
    floor_times: list[float] = []
    for i in range(RUNS):
        times.append(measure(f"run {i}"))
        floor_times.append(floor(f"run {i}"))
    return statistics.median(times), statistics.median(floor_times)


def _note_round_trip(page, url: str, box_key: str):
    """A measurement for the page at `url`: type a new note into the box, time Enter until it shows."""
    page.goto(url)
    _idle(page)
    box = page.locator(f".st-key-{box_key} input")
    stamp = time.time_ns()

    def measure(label: str) -> float:
        text = f"Bench note {label} {stamp}"
        box.fill(text)
        return _timed(page, "keydown", text, "[data-testid='stText'], [data-testid='stMarkdown']",
                      lambda: box.press("Enter"))

    return measure


def _page_switch(page, url: str, there: tuple[str, str], back: tuple[str, str]):
    """A measurement: the switch to `there` (sidebar link text, page heading); `back` returns, untimed."""
    page.goto(url)
    _idle(page)

    def link(text: str):
        return page.locator("[data-testid='stSidebar'] a", has_text=text).first

    def measure(_: str) -> float:
        ms = _timed(page, "click", there[1], "h1", lambda: link(there[0]).click())
        _timed(page, "click", back[1], "h1", lambda: link(back[0]).click())
        return ms

    return measure


def _stored_example(data_dir: str) -> str:
    """The worked example stored in a fresh data folder, as after `Open a copy`; returns its id."""
    os.environ["MLCS_DATA_DIR"] = data_dir
    from canvas_core.config import database_url
    from canvas_core.examples import load_example
    from canvas_core.store import SqlPlanStore

    store = SqlPlanStore(database_url())
    plan = load_example(EXAMPLE)
    store.create(plan)
    store.close()
    return plan.id


def run() -> list[Figure]:
    from playwright.sync_api import sync_playwright

    from canvas_core.steps import STEPS_BY_ID

    canvas, workflow = STEPS_BY_ID["ml_canvas"], STEPS_BY_ID["workflow"]
    with ExitStack() as stack:
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        (scratch / "notes.py").write_text(NOTE_FLOOR_APP, encoding="utf-8")
        (scratch / "pages.py").write_text(SWITCH_FLOOR_APP, encoding="utf-8")
        data_dir = scratch / "data"
        data_dir.mkdir()
        previous_data_dir = os.environ.get("MLCS_DATA_DIR")
        plan_id = _stored_example(str(data_dir))
        if previous_data_dir is None:
            os.environ.pop("MLCS_DATA_DIR", None)
        else:
            os.environ["MLCS_DATA_DIR"] = previous_data_dir
        app = stack.enter_context(_server(["ui.launch"], ROOT, {"MLCS_DATA_DIR": str(data_dir)}))
        notes_floor = stack.enter_context(_server(["streamlit", "run", "notes.py"], scratch))
        pages_floor = stack.enter_context(_server(["streamlit", "run", "pages.py"], scratch))

        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        stack.callback(browser.close)

        def fresh_page():
            context = browser.new_context(viewport={"width": 1600, "height": 1000})
            stack.callback(context.close)
            return context.new_page()

        canvas_url = f"{app}/{canvas.url_path}?plan={plan_id}"
        note, note_floor = _paired(
            _note_round_trip(fresh_page(), canvas_url, f"add-ml-canvas-{BLOCK.replace('_', '-')}"),
            _note_round_trip(fresh_page(), notes_floor, "add"))
        workflow_link = f"{workflow.number}. {workflow.title}"  # the page's heading says the same
        switch, switch_floor = _paired(
            _page_switch(fresh_page(), canvas_url, (workflow_link, workflow_link),
                         (f"{canvas.number}. {canvas.title}", _canvas_heading())),
            _page_switch(fresh_page(), pages_floor, ("Beta", "Beta page"), ("Alpha", "Alpha page")))  # Alpha: default
    return [
        Figure("note: Enter to note shown", note, "bare app: Enter to text shown", note_floor,
               NOTE_TARGET, "at most"),
        Figure("page switch: ML Canvas to Workflow", switch, "bare two-page app", switch_floor,
               SWITCH_TARGET, "about"),
    ]


def _canvas_heading() -> str:
    from canvas_core.canvas.specs import canvases

    return canvases()["ml_canvas"].title


def report() -> None:
    """Print the section; a missed target is reported, never raised."""
    print(f"Browser round trips (Chromium, real servers; median of {RUNS} runs after {WARMUP} warm-up runs, "
          "app and floor in turns)")
    reason = unavailable()
    if reason:
        print(f"skipped: {reason}")
        return
    for line in table(run()):
        print(line)


def table(figures: list[Figure]) -> list[str]:
    lines = [f"{'what':36} {'median ms':>10}  {'floor':32} {'floor ms':>9} {'x floor':>8}  target"]
    for f in figures:
        if f.target_words == "at most":
            verdict = "ok" if f.ratio <= f.target else "MISSED"
        else:
            verdict = "ok" if f.ratio <= f.target * 1.1 else "above"
        lines.append(f"{f.name:36} {f.median_ms:10.1f}  {f.floor_name:32} {f.floor_ms:9.1f} {f.ratio:8.2f}  "
                     f"{verdict} ({f.target_words} {f.target}x)")
    return lines
