"""Start a Streamlit server that also writes how long each script run took, for bench/workshop.py.

`python -m bench.live_server TARGET [streamlit run options]`: TARGET is a script path (run as
`streamlit run TARGET`) or a module with a `main(argv)` such as `ui.launch`. With MLCS_LIVE_TIMINGS
set to a file, each run appends a line "full|fragment wall_ms cpu_ms", timed around Streamlit's
ScriptRunner._run_script (the work of one rerun in its script thread; cpu is that thread's time).
With MLCS_LIVE_PROFILE naming a file, the first fragment runs are profiled (cProfile) into it;
MLCS_LIVE_PROFILE_LOOP="file,after_s,for_s" profiles the event loop thread for a while.
"""

from __future__ import annotations

import cProfile
import functools
import importlib
import os
import sys
import threading
import time

from streamlit.runtime.scriptrunner.script_runner import ScriptRunner
from streamlit.web import cli

PROFILE_RUNS = 50  # fragment runs profiled when MLCS_LIVE_PROFILE names a file for the stats


def install(path: str) -> None:
    log = open(path, "a", buffering=1, encoding="ascii")  # noqa: SIM115 - open for the server's life
    original = ScriptRunner._run_script

    profile_path = os.environ.get("MLCS_LIVE_PROFILE")
    profiler = cProfile.Profile() if profile_path else None
    profiled = 0

    @functools.wraps(original)
    def timed(self, rerun_data):
        nonlocal profiled
        kind = "fragment" if rerun_data.fragment_id_queue else "full"
        profiling = profiler is not None and kind == "fragment" and profiled < PROFILE_RUNS
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            if profiling:
                return profiler.runcall(original, self, rerun_data)
            return original(self, rerun_data)
        finally:
            log.write(f"{kind} {(time.perf_counter() - wall) * 1000:.3f} {(time.thread_time() - cpu) * 1000:.3f}\n")
            if profiling:
                profiled += 1
                if profiled == PROFILE_RUNS:
                    profiler.dump_stats(profile_path)

    ScriptRunner._run_script = timed


def profile_event_loop(path: str, after_s: float, for_s: float) -> None:
    """Profile the server's event loop thread (websocket, sessions, messages) for `for_s` seconds."""
    from streamlit.runtime import Runtime

    profiler = cProfile.Profile()

    def stop() -> None:
        profiler.disable()
        profiler.dump_stats(path)

    def start() -> None:
        loop = Runtime.instance()._get_async_objs().eventloop
        loop.call_soon_threadsafe(profiler.enable)
        loop.call_soon_threadsafe(lambda: loop.call_later(for_s, stop))

    threading.Timer(after_s, start).start()


def main(argv: list[str]) -> None:
    if os.environ.get("MLCS_LIVE_TIMINGS"):
        install(os.environ["MLCS_LIVE_TIMINGS"])
    if os.environ.get("MLCS_LIVE_PROFILE_LOOP"):  # "path,after_s,for_s"
        path, after_s, for_s = os.environ["MLCS_LIVE_PROFILE_LOOP"].split(",")
        profile_event_loop(path, float(after_s), float(for_s))
    target, rest = argv[0], argv[1:]
    if target.endswith(".py"):
        sys.argv = ["streamlit", "run", target, *rest]
        cli.main()
    else:
        importlib.import_module(target).main(rest)


if __name__ == "__main__":
    main(sys.argv[1:])
