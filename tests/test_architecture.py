"""canvas_core is the framework-free domain: it must never import Streamlit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parent.parent / "canvas_core"


def test_no_module_in_canvas_core_imports_streamlit():
    offenders = []
    for path in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "streamlit"]
    assert offenders == []


def _modules() -> list[str]:
    """Every module under canvas_core, dotted (packages by their own name)."""
    found = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE.parent).with_suffix("").parts
        found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_importing_all_of_canvas_core_loads_no_streamlit():
    modules = [m for m in _modules() if not m.endswith("__main__")]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "from canvas_core.canvas.specs import canvases; canvases()\n"
        + "print(sorted(m for m in sys.modules if m.split('.')[0] == 'streamlit'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=CORE.parent, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_registry_the_markdown_and_the_summary_load_no_reportlab():
    """reportlab loads with the first PDF, not on every page of the app."""
    code = ("import sys\nimport canvas_core.steps, canvas_core.report.markdown, canvas_core.report.summary\n"
            "from canvas_core.steps import STEPS, completeness_by_step\nfrom canvas_core.plan import Plan\n"
            "completeness_by_step(Plan())\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'reportlab'))")
    out = subprocess.run([sys.executable, "-c", code], cwd=CORE.parent, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
