"""Print the benchmark figures: `python -m bench` (or `make bench`)."""

from __future__ import annotations

import logging

from bench import autosave, browser, report, reruns, workshop

BUDGET_MS = 30.0
BUDGET_RATIO = 4.0
AUTOSAVE_P95_MS = 20.0
REPORT_EXAMPLE_S = 0.5
REPORT_SCALE_LIMIT = 10.0  # the 10x plan may take at most 10x the worked example


def main() -> None:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    floor, widget_floor, pages = reruns.run()
    print(f"Page rerun, server side, worked example loaded ({reruns.RUNS} runs each)")
    print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'x floor':>8}  budget")
    for timing in (floor, widget_floor, *pages):
        if timing in (floor, widget_floor):
            print(f"{timing.name:28} {timing.median_ms:10.2f} {timing.p95_ms:8.2f} "
                  f"{timing.median_ms / floor.median_ms:8.1f}  reference")
            continue
        ratio = timing.median_ms / floor.median_ms
        ok = timing.median_ms < BUDGET_MS and ratio < BUDGET_RATIO
        print(f"{timing.name:28} {timing.median_ms:10.2f} {timing.p95_ms:8.2f} {ratio:8.1f}  "
              f"{'ok' if ok else 'OVER'} (< {BUDGET_MS:.0f} ms and < {BUDGET_RATIO:.0f}x)")


    print()
    print(f"Autosave write, SQLite ({autosave.RUNS} saves each)")
    print(f"{'plan':28} {'median ms':>10} {'p95 ms':>8}  budget")
    for name, (median, p95) in autosave.run().items():
        verdict = "reference" if "floor" in name else ("ok" if p95 < AUTOSAVE_P95_MS else "OVER")
        print(f"{name:28} {median:10.2f} {p95:8.2f}  {verdict} (p95 < {AUTOSAVE_P95_MS:.0f} ms)")

    print()
    register_ms, floor, (example, large) = report.run()
    print(f"PDF report build (median; fonts registered once per process: {register_ms:.0f} ms)")
    print(f"{'document':28} {'median ms':>10} {'pages':>6} {'x floor':>8}  budget")
    print(f"{floor.name:28} {floor.median_ms:10.1f} {floor.pages:6d} {1:8.1f}  reference")
    ok = example.median_ms < REPORT_EXAMPLE_S * 1000
    print(f"{example.name:28} {example.median_ms:10.1f} {example.pages:6d} {example.median_ms / floor.median_ms:8.1f}  "
          f"{'ok' if ok else 'OVER'} (< {REPORT_EXAMPLE_S * 1000:.0f} ms)")
    scale = large.median_ms / example.median_ms
    print(f"{large.name:28} {large.median_ms:10.1f} {large.pages:6d} {large.median_ms / floor.median_ms:8.1f}  "
          f"{'ok' if scale < REPORT_SCALE_LIMIT else 'OVER'} ({scale:.1f}x the worked example, "
          f"< {REPORT_SCALE_LIMIT:.0f}x)")

    print()
    browser.report()

    print()
    workshop.report()


if __name__ == "__main__":
    main()
