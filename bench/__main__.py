"""Print the benchmark figures: `python -m bench` (or `make bench`)."""

from __future__ import annotations

import logging

from bench import autosave, reruns

BUDGET_MS = 30.0
BUDGET_RATIO = 4.0
AUTOSAVE_P95_MS = 20.0


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


if __name__ == "__main__":
    main()
