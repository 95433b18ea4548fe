"""Driving the app through its entry point with AppTest, as the page tests do."""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest

from canvas_core.config import database_url
from canvas_core.store import SqlPlanStore

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(target) -> AppTest:
    """Run the app (`target` is the AppTest or a widget just changed) and check for exceptions."""
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def store() -> SqlPlanStore:
    """This test's plan store (conftest gives every test its own data folder)."""
    return SqlPlanStore(database_url())


def open_app(plan=None, *, plan_id: str | None = None) -> AppTest:
    """A new browser session on Home; with a plan, that plan stored first and opened by its
    link (?plan=...), with `plan_id` a link to a plan already stored (or to none)."""
    at = AppTest.from_file(APP, default_timeout=30)
    if plan is not None:
        store().create(plan)
        plan_id = plan.id
    if plan_id:
        at.query_params["plan"] = plan_id
    return run(at)


def open_page(plan, script: str) -> AppTest:
    """Store `plan` (if given), open it by its link like a user would, and switch to the page `script`."""
    return run(open_app(plan).switch_page(script))


def stored(at: AppTest):
    """The open plan as it was last saved."""
    return store().get(at.session_state["open_plan"].plan.id).plan


def shown(markdown: str) -> str:
    """Markdown as a reader sees it: escapes resolved, emphasis marks gone, invisible joiners dropped."""
    tokens = MarkdownIt("commonmark").parseInline(markdown)
    text = "".join(child.content for token in tokens for child in token.children or []
                   if child.type in ("text", "code_inline"))
    return text.replace("\u2060", "")


def error_messages(at: AppTest) -> list[str]:
    """The error messages on the page as the user reads them."""
    return [shown(e.value) for e in at.error]
