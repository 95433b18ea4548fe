"""Server-side rerun time of every page with the worked example loaded.

Each page is driven through the real entry point with AppTest, and the time is
taken around Streamlit's own ScriptRunner._run_script: the work a server does
for one rerun (running the scripts, building and queueing every element),
without the test harness's polling and element-tree parsing. The floor is the
same measurement for an empty page, so the ratio is comparable across machines.
"""

from __future__ import annotations

import gc
import os
import statistics
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.testing.v1 import AppTest

from canvas_core.config import database_url
from canvas_core.examples import load_example
from canvas_core.i18n import language
from canvas_core.store import SqlPlanStore
from ui.navigation import ALL_PAGES

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
EXAMPLE = "support_mail_triage"
GERMAN_EXAMPLE = "kundenmails_triage"  # the same plan in German: every text looked up in the catalogue
WARMUP, RUNS = 3, 30


@dataclass(frozen=True)
class Timing:
    name: str
    median_ms: float
    p95_ms: float


@contextmanager
def _timed_script_runs(samples: list[float]):
    # A server compiles each script once and keeps the bytecode for its lifetime;
    # AppTest makes a new cache per run, which would time the compiler, not the app.
    shared_cache = ScriptCache()
    original_cache = app_test_module.ScriptCache
    app_test_module.ScriptCache = lambda: shared_cache
    original = ScriptRunner._run_script

    def timed(self, rerun_data):
        start = time.perf_counter()
        try:
            return original(self, rerun_data)
        finally:
            samples.append((time.perf_counter() - start) * 1000)

    ScriptRunner._run_script = timed
    try:
        yield
    finally:
        ScriptRunner._run_script = original
        app_test_module.ScriptCache = original_cache


def _measure(name: str, at: AppTest) -> Timing:
    samples: list[float] = []
    with _timed_script_runs(samples):
        for _ in range(WARMUP):
            at.run()
        samples.clear()
        gc.collect()  # start each page from the same heap, not the previous page's garbage
        for _ in range(RUNS):
            at.run()
    assert not at.exception, f"{name} raised: {[e.value for e in at.exception]}"
    ordered = sorted(samples)
    return Timing(name, statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))])


def empty_page() -> Timing:
    return _measure("empty page (floor)", AppTest.from_string("import streamlit as st\n", default_timeout=30))


# What Streamlit itself costs for the widgets a 12-block canvas needs (one text
# box and one button per block, nothing of ours): the floor for a canvas page.
WIDGET_FLOOR_SCRIPT = """
import streamlit as st
for i in range(12):
    with st.container(border=True, height=200, key=f"c{i}"):
        st.button(f"Block {i}", key=f"b{i}")
        st.text_input("Add", key=f"t{i}", label_visibility="collapsed")
        st.text("A note")
"""


def widget_floor() -> Timing:
    return _measure("12 bare blocks (Streamlit)", AppTest.from_string(WIDGET_FLOOR_SCRIPT, default_timeout=30))


def page(script: str, data_dir: str, example: str = EXAMPLE) -> Timing:
    """The page with the worked example opened by its link, as after a refresh."""
    os.environ["MLCS_DATA_DIR"] = data_dir
    store = SqlPlanStore(database_url())
    plan = load_example(example)
    if store.version_of(plan.id) is None:
        store.create(plan)
    store.close()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["plan"] = plan.id
    # AppTest words a choice's options in this thread (a server does it in the session's): the page's language.
    with language(plan.meta.language):
        at.run()
        at.switch_page(script)
        return _measure(script if example == EXAMPLE else f"{script} (de)", at)


def run() -> tuple[Timing, Timing, list[Timing]]:
    with tempfile.TemporaryDirectory() as data_dir:
        os.environ.pop("MLCS_DATABASE_URL", None)
        english = [page(p.script, data_dir) for p in ALL_PAGES]
        german = [page(p.script, data_dir, GERMAN_EXAMPLE) for p in ALL_PAGES if p.step_id in GERMAN_PAGES]
        return empty_page(), widget_floor(), english + german


# The German pages measured beside the English: the largest canvas and the step pages with most text.
GERMAN_PAGES = ("ml_canvas", "mlops_stack", "costs", "workflow", "review", "data_landscape")
