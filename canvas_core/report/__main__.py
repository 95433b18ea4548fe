"""Render an exported plan file without the app.

    python -m canvas_core.report plan.json -o report.pdf
    python -m canvas_core.report plan.json -o report.md            # the format follows the suffix
    python -m canvas_core.report plan.json --format md -o -        # Markdown to standard output
    python -m canvas_core.report plan.json --page-size letter --iteration 3
    python -m canvas_core.report plan.json --database sqlite:///var/plans.sqlite3   # with its workshops

The file is read like an import in the app (older formats migrated, bad files
refused with the same messages). The report is in the plan's language (the builders say so); the
file name and this tool's own lines are the same in every language. A problem with the input or the
output is one line on standard error and exit status 2; a report that fails to build, exit 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from canvas_core.config import MAX_IMPORT_BYTES, MAX_IMPORT_MB
from canvas_core.plan import Plan
from canvas_core.report.naming import report_filename
from canvas_core.transfer import ImportRefused, read_plan, refuse_if_too_big

FORMATS = {".pdf": "pdf", ".md": "md", ".markdown": "md"}
PAGE_SIZES = {"a4": "A4", "letter": "letter"}
STDOUT = "-"


class CliError(Exception):
    """A problem the user can fix (a bad input file, an unwritable output): one line, exit 2."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m canvas_core.report",
        description="Render an exported ML Canvas Studio plan (.json) as a PDF report or as Markdown.",
    )
    parser.add_argument("plan", type=Path, help="a plan file exported from the app (.json)")
    parser.add_argument("-o", "--output", help="where to write the report; '-' for standard output "
                        "(default: <plan-name>-report-<date>.<format> in the current folder)")
    parser.add_argument("--format", choices=["pdf", "md"],
                        help="pdf or md (default: from the output's suffix, else pdf)")
    parser.add_argument("--page-size", choices=sorted(PAGE_SIZES), default="a4", type=str.lower,
                        help="paper size of the PDF (default: a4)")
    parser.add_argument("--iteration", metavar="LABEL",
                        help="the iteration shown in the report, e.g. '3' or '3: after the workshop' "
                        "(default: the number in the plan's ML Canvas header)")
    parser.add_argument("--database", metavar="URL",
                        help="the app's database (a SQLAlchemy URL, e.g. sqlite:///var/plans.sqlite3): the "
                        "workshops run on the plan are added to the report")
    return parser


def read_plan_file(path: Path) -> Plan:
    try:
        with path.open("rb") as file:
            refuse_if_too_big(os.fstat(file.fileno()).st_size)  # the real size, before reading anything
            data = file.read(MAX_IMPORT_BYTES + 1)  # a pipe has no size: read just enough to refuse it
    except ImportRefused as refused:
        raise CliError(f"{path}: {refused}") from None
    except FileNotFoundError:
        raise CliError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CliError(f"{path}: is a folder, not a plan file") from None
    except OSError as error:
        raise CliError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise CliError(f"{path}: The file is over {MAX_IMPORT_MB} MB; a plan file is at most {MAX_IMPORT_MB} MB.")
    try:
        return read_plan(data)
    except ImportRefused as refused:
        raise CliError(f"{path}: {refused}") from None


def read_workshops(url: str, plan_id: str) -> tuple:
    """The records of the rooms run on the plan, from the app's database; read only (a URL naming a
    SQLite file that is not there is refused rather than made)."""
    import sqlalchemy as sa

    from canvas_core.store import SqlPlanStore, StoreUnavailable
    from canvas_core.workshop import WorkshopStore

    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise CliError(f"{url}: not a database URL (e.g. sqlite:///var/plans.sqlite3)") from None
    if parsed.get_backend_name() == "sqlite" and not (parsed.database and Path(parsed.database).is_file()):
        raise CliError(f"{url}: no such database file")
    try:
        store = SqlPlanStore(url)
        try:
            workshops = WorkshopStore(store.engine)
            return tuple(workshops.record(room.code) for room in workshops.rooms_for(plan_id))
        finally:
            store.close()
    except (StoreUnavailable, sa.exc.SQLAlchemyError) as error:
        raise CliError(f"the database could not be read: {error}") from None


def choose_format(requested: str | None, output: str | None) -> str:
    if requested:
        return requested
    return FORMATS.get(Path(output).suffix.lower(), "pdf") if output and output != STDOUT else "pdf"


def render(plan: Plan, fmt: str, page_size: str, iteration: str | None, workshops: tuple = ()) -> bytes:
    if fmt == "md":
        from canvas_core.report.markdown import build_markdown

        return build_markdown(plan, iteration=iteration, workshops=workshops).encode("utf-8")
    from canvas_core.report.pdf import (
        build_pdf,  # reportlab loads only when a PDF is asked for
    )

    return build_pdf(plan, page_size=PAGE_SIZES[page_size], iteration=iteration, workshops=workshops)


def write(data: bytes, output: str) -> None:
    if output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        Path(output).write_bytes(data)
    except OSError as error:
        raise CliError(f"{output}: cannot be written ({error.strerror or error})") from None


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)  # a usage error exits with status 2, like every argparse tool
    try:
        plan = read_plan_file(args.plan)
        fmt = choose_format(args.format, args.output)
        output = args.output or report_filename(plan, fmt)
        workshops = read_workshops(args.database, plan.id) if args.database else ()
        if args.database and not workshops:
            print("note: the database holds no workshop run on this plan", file=sys.stderr)
        try:
            data = render(plan, fmt, args.page_size, args.iteration, workshops)
        except Exception as error:  # a bug, not the user's fault: still one readable line
            print(f"error: the {fmt} report could not be built ({type(error).__name__}: {error})", file=sys.stderr)
            return 1
        write(data, output)
    except CliError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if output != STDOUT:
        print(f"wrote {output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
