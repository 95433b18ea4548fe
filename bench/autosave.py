"""Autosave write time: one change to the worked example, saved to SQLite.

Measures `autosave.save` end to end (serialise, versioned UPDATE, commit) for a
note added to the largest worked example, against a floor measured in the same
run: the same versioned UPDATE of a tiny plan.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from canvas_core import autosave
from canvas_core.autosave import OpenPlan
from canvas_core.canvas import editing
from canvas_core.examples import load_example
from canvas_core.plan import Plan
from canvas_core.store import SqlPlanStore

RUNS = 200


def _measure(store: SqlPlanStore, plan: Plan) -> list[float]:
    store.create(plan)
    tab = OpenPlan.from_store(store.get(plan.id))
    samples = []
    for i in range(RUNS):
        editing.add_note(tab.plan, "ml_canvas", "features", f"bench note {i}")
        start = time.perf_counter()
        outcome = autosave.save(store, tab)
        samples.append((time.perf_counter() - start) * 1000)
        assert outcome.status == "saved", outcome
        last = tab.plan.canvases["ml_canvas"].blocks["features"].notes[-1]
        editing.delete_note(tab.plan, "ml_canvas", "features", last.id)
    return samples


def run() -> dict[str, tuple[float, float]]:
    with tempfile.TemporaryDirectory() as folder:
        store = SqlPlanStore(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        try:
            results = {}
            for name, plan in (("tiny plan (floor)", Plan()), ("worked example", load_example("support_mail_triage"))):
                samples = sorted(_measure(store, plan))
                results[name] = (statistics.median(samples), samples[int(0.95 * (len(samples) - 1))])
            return results
        finally:
            store.close()
