"""A workshop's shared countdown, drawn and ticked in the browser.

The server sends the timer once per run (an absolute end time, or the seconds left while paused)
with its own clock; a small in-page element (st.components.v2, no iframe) counts down every second
on its own, so no server rerun is needed per second, and corrects for the laptop's clock so that
every screen in the room shows the same time. Same key, same element: a new end time ("add five
minutes") updates the digits in place, without a reload or a remount.

Only numbers and our own fixed words reach the page; nothing typed by a user. The words come from
here, in the reader's language (`timer_words`), never from the script: a fragment's rerun in German
hands the element German words, and the element redraws them in place.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import streamlit as st

from canvas_core.i18n import _, ngettext
from canvas_core.workshop.timer import remaining_seconds

Size = Literal["normal", "large"]
SIZES: tuple[str, ...] = ("normal", "large")

_HTML = """<div class="timer" role="timer" data-mode="" data-size="normal">
  <span class="digits"></span>
  <span class="status"></span>
</div>"""

# Shadow-DOM styles (isolate_styles): Streamlit's theme arrives as --st-* custom properties.
_CSS = """
:host { display: block; }
.timer {
  box-sizing: border-box;
  display: inline-flex; align-items: baseline; gap: 0.75rem;
  padding: 0.5rem 1rem;
  border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2));
  border-radius: var(--st-base-radius, 0.5rem);
  background: var(--st-secondary-background-color, #f0f2f6);
  color: var(--st-text-color, #31333f);
  font-family: var(--st-font, "Source Sans", sans-serif);
  line-height: 1.2;
}
.digits {
  font-size: 2.25rem; font-weight: 700;
  font-variant-numeric: tabular-nums; letter-spacing: 0.02em;
}
.status { font-size: 1rem; font-weight: 600; }
.timer[data-mode="none"] { background: transparent; border-style: dashed; }
.timer[data-mode="none"] .digits { display: none; }
.timer[data-mode="none"] .status { font-weight: 400; }
.timer[data-mode="paused"] { border-style: dashed; border-width: 2px; }
/* Time is up: dark red on pale red, 8.1:1 (WCAG AA asks 4.5:1), whatever the theme. */
.timer[data-mode="up"] { background: #fdecea; color: #8a1c1c; border: 2px solid #8a1c1c; }
.timer[data-size="large"] {
  display: flex; flex-direction: column; align-items: center; gap: 0.25rem;
  width: 100%; padding: 1rem 1.5rem;
}
.timer[data-size="large"] .digits { font-size: clamp(3rem, 8vw, 7rem); line-height: 1; }
.timer[data-size="large"] .status { font-size: clamp(1.25rem, 2.5vw, 2.25rem); }
"""

_JS = """
// One record per mounted element: its interval, the clock offset and what its label last said.
// Streamlit calls this function again with the new data on every run that changes it, but keeps
// the cleanup it returned for the unmount only: the previous interval is cleared here.
// The words (data.words) come from the server in the reader's language.
const timers = new WeakMap();
const LABEL_EVERY_MS = 15000;  // a screen reader's label changes at most this often while running

function clock(seconds) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

// "{count}" in a template becomes n; a function, so a "$" in a word is never read as a pattern.
function filled(template, name, value) {
  return template.replace(`{${name}}`, () => String(value));
}

function spoken(seconds, words) {
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  // Each unit's [one, many] forms: the languages the app speaks say "one" for 1 only.
  const part = (n, unit) => filled(words.units[unit][n === 1 ? 0 : 1], "count", n);
  const parts = [];
  if (h) parts.push(part(h, "hour"));
  if (m) parts.push(part(m, "minute"));
  if (s || !parts.length) parts.push(part(s, "second"));
  return parts.join(" ");
}

export default function ({ data, parentElement }) {
  const box = parentElement.querySelector(".timer");
  if (!box) return;
  const digits = box.querySelector(".digits"), status = box.querySelector(".status");
  let timer = timers.get(parentElement);
  if (!timer) { timer = {}; timers.set(parentElement, timer); }
  clearInterval(timer.interval);

  // This laptop's clock against the server's, taken when the data arrives. The difference also
  // holds the one-way latency of the message (the tab runs that much behind the server), well
  // under a second. The same data handed in again (a redraw) keeps the offset it had.
  if (timer.serverNowMs !== data.server_now_ms) {
    timer.serverNowMs = data.server_now_ms;
    timer.offset = data.server_now_ms - Date.now();
  }
  const words = data.words;
  const timerState = `${data.mode}|${data.end_ms}|${data.remaining_ms}|${JSON.stringify(words)}`;
  const changed = timer.state !== timerState;
  timer.state = timerState;
  box.dataset.size = data.size;

  const draw = (force) => {
    let mode = data.mode, left = 0;
    if (mode === "running") left = data.end_ms - (Date.now() + timer.offset);
    else if (mode === "paused") left = data.remaining_ms;
    // Whole seconds, rounded up: 0:00 shows exactly when time is up.
    const seconds = Math.max(0, Math.ceil(left / 1000));
    if (mode !== "none" && seconds === 0) mode = "up";
    const text = mode === "none" ? "" : clock(seconds);
    if (digits.textContent !== text) digits.textContent = text;
    const modeChanged = box.dataset.mode !== mode;
    if (modeChanged) box.dataset.mode = mode;
    if (status.textContent !== words[mode]) status.textContent = words[mode];
    const now = Date.now();
    if (force || modeChanged || now - (timer.labelAt || 0) >= LABEL_EVERY_MS) {
      timer.labelAt = now;
      const label = mode === "running" ? filled(words.running_label, "time", spoken(seconds, words))
        : mode === "paused" ? filled(words.paused_label, "time", spoken(seconds, words)) : words[mode];
      box.setAttribute("aria-label", label);
    }
    return mode;
  };

  // Checked four times a second, redrawn only when the second changes: two screens then turn
  // over within a quarter of a second of each other, not up to a whole second apart.
  if (draw(changed) === "running") {
    const interval = setInterval(() => { if (draw(false) !== "running") clearInterval(interval); }, 250);
    timer.interval = interval;
    return () => clearInterval(interval);
  }
}
"""

_timer = st.components.v2.component("mlcs_countdown", html=_HTML, css=_CSS, js=_JS)


def timer_data(*, end_at: datetime | None, paused_remaining: float | None, server_now: datetime,
               size: str = "normal") -> dict[str, object]:
    """What the element is given: numbers and one of our fixed words, nothing else."""
    if size not in SIZES:
        raise ValueError(f"size must be one of {SIZES}, got {size!r}")
    left = remaining_seconds(end_at, paused_remaining, server_now)  # also refuses naive times
    data: dict[str, object] = {"mode": "none", "end_ms": None, "remaining_ms": None,
                               "server_now_ms": _epoch_ms(server_now), "size": size}
    if paused_remaining is not None:
        data.update(mode="paused", remaining_ms=round(left * 1000))
    elif end_at is not None:
        data.update(mode="running", end_ms=_epoch_ms(end_at))
    return data


def timer_words() -> dict[str, object]:
    """The element's words in the reader's language: the status of each mode, the screen reader's
    labels ("{time}" is filled in by the element) and each unit's singular and plural."""
    return {
        "running": _("Time left"), "paused": _("Paused"), "up": _("Time is up"), "none": _("No timer running"),
        "running_label": _("Time left: {time}"), "paused_label": _("Paused, time left: {time}"),
        "units": {  # [the form for 1, the form for others]
            "hour": [ngettext("{count} hour", "{count} hours", n) for n in (1, 2)],
            "minute": [ngettext("{count} minute", "{count} minutes", n) for n in (1, 2)],
            "second": [ngettext("{count} second", "{count} seconds", n) for n in (1, 2)],
        },
    }


def countdown(*, end_at: datetime | None, paused_remaining: float | None, server_now: datetime,
              key: str, size: Size = "normal") -> None:
    """Draw the shared countdown: running to `end_at`, paused with `paused_remaining` seconds, or,
    with neither, a quiet "No timer running". `server_now` is the server's clock at this run;
    `size="large"` is for a projector. The same `key` keeps the same element across runs."""
    data = timer_data(end_at=end_at, paused_remaining=paused_remaining, server_now=server_now, size=size)
    data["words"] = timer_words()
    _timer(data=data, key=key, width="stretch" if size == "large" else "content")


def _epoch_ms(moment: datetime) -> int:
    return round(moment.timestamp() * 1000)
