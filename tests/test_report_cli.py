"""`python -m canvas_core.report`: any exported plan file becomes a report without
the app; a bad file gets one clear line and exit status 2, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from canvas_core.plan import Plan
from canvas_core.transfer import export_plan

ROOT = Path(__file__).resolve().parent.parent
V1_FILE = Path(__file__).parent / "fixtures" / "plan_v1_example.json"


def cli(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "canvas_core.report", *map(str, args)], cwd=cwd or ROOT,
                          capture_output=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture
def plan_file(tmp_path: Path, example_plan: Plan) -> Path:
    path = tmp_path / "plan.json"
    path.write_bytes(export_plan(example_plan))
    return path


def test_markdown_to_a_file_its_format_taken_from_the_suffix(plan_file: Path, tmp_path: Path):
    out = tmp_path / "report.md"
    done = cli(plan_file, "-o", out)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Support mail triage\n") and "## Sources, licences and attributions" in text
    assert done.stderr.decode().strip() == f"wrote {out}"


def test_markdown_to_standard_output_with_another_iteration(plan_file: Path):
    done = cli(plan_file, "--format", "md", "-o", "-", "--iteration", "7: after the workshop")
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode("utf-8")
    assert text.startswith("# Support mail triage\n") and "· iteration 7: after the workshop ·" in text
    assert done.stderr == b""


def test_without_an_output_the_report_is_named_after_the_plan(plan_file: Path, tmp_path: Path):
    done = cli(plan_file, "--format", "md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [written] = tmp_path.glob("support-mail-triage-report-*.md")
    assert written.read_text(encoding="utf-8").startswith("# Support mail triage")


def test_a_file_in_the_oldest_format_is_migrated_and_rendered():
    done = cli(V1_FILE, "--format", "md", "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8").startswith(f"# {json.loads(V1_FILE.read_text())['meta']['name']}")


def test_pdf_in_either_page_size(plan_file: Path, tmp_path: Path):
    a4, letter = tmp_path / "a4.pdf", tmp_path / "letter.pdf"
    assert cli(plan_file, "-o", a4).returncode == 0
    done = cli(plan_file, "-o", letter, "--page-size", "LETTER")
    assert done.returncode == 0, done.stderr
    assert a4.read_bytes().startswith(b"%PDF")
    portrait = [sorted((round(float(p.mediabox.width)), round(float(p.mediabox.height))))
                for p in (PdfReader(a4).pages[0], PdfReader(letter).pages[0])]
    assert portrait == [[595, 842], [612, 792]]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(letter.read_bytes())).pages[:2])
    assert "Support mail triage" in text


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such file"),
        (b"{not json", "not JSON"),
        (b'{"name": "a shopping list"}', "not an ML Canvas Studio plan"),
        (json.dumps({"schema_version": 99, "meta": {}}).encode(), "newer version"),
        (json.dumps({"schema_version": 2, "meta": {"currency": "euro"}}).encode(), "damaged: meta > currency"),
        (b"[" * 100_000, "more than 20 levels deep"),
        (b'{"schema_version": 3, "meta": {}, "review": {"open_questions": ' + b"[" * 900 + b"]" * 900 + b"}}",
         "more than 20 levels deep"),
        (json.dumps({"schema_version": 3, "meta": {}, "workflow": {"tasks": [
            {"id": "t1", "name": "Read the mail"}, {"id": "t1", "name": "Route the mail"}]}}).encode(),
         "two workflow tasks in Workflow integration share the id 't1'"),
    ],
)
def test_a_bad_file_is_one_clear_line_and_status_2(tmp_path: Path, content: bytes | None, message: str):
    path = tmp_path / "bad.json"
    if content is not None:
        path.write_bytes(content)
    done = cli(path, "-o", tmp_path / "out.md")
    stderr = done.stderr.decode()
    assert done.returncode == 2
    assert message in stderr and str(path) in stderr
    assert len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr
    assert "Nothing was imported" not in stderr  # that is the app's wording for an import
    assert not (tmp_path / "out.md").exists()


def test_a_file_over_the_limit_is_refused_with_its_real_size(tmp_path: Path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 6_000_000)
    done = cli(path, "-o", tmp_path / "out.md")
    assert done.returncode == 2
    assert done.stderr.decode() == f"error: {path}: The file is 6.0 MB; a plan file is at most 5 MB.\n"


def test_a_pipe_over_the_limit_is_refused_after_reading_just_past_it(tmp_path: Path):
    done = subprocess.run([sys.executable, "-m", "canvas_core.report", "/dev/stdin", "-o", str(tmp_path / "out.md")],
                          input=b" " * 6_000_000, cwd=ROOT, capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 2
    assert done.stderr.decode() == "error: /dev/stdin: The file is over 5 MB; a plan file is at most 5 MB.\n"


def test_an_unwritable_output_is_refused(plan_file: Path, tmp_path: Path):
    done = cli(plan_file, "-o", tmp_path / "no" / "such" / "dir.md")
    stderr = done.stderr.decode()
    assert done.returncode == 2 and "cannot be written" in stderr and "Traceback" not in stderr
