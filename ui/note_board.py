"""The sticky notes of a room as one in-page element: the board thirty screens redraw.

Every participant's board is redrawn whenever the room changes; drawn as Streamlit elements, a
board of fifty notes is some three hundred elements per screen per change, and thirty screens
saturate a server. As one element (st.components.v2, no iframe) it is one message of plain data:
the browser builds the cards. Note texts and names are set with textContent, never parsed as HTML.

A participant's Vote and Take back come back as the trigger `vote` ({"note": id, "change": +1 or
-1}); `on_vote(note_id, change)` is called before the board is drawn again.

Every word the browser writes (the buttons, their spoken labels, "your votes: 2") comes in the data,
in the reader's language (`board_words`); the script has none of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from canvas_core.i18n import _

_HTML = '<div class="board"></div>'

# Shadow-DOM styles (isolate_styles): Streamlit's theme arrives as --st-* custom properties.
_CSS = """
:host { display: block; }
.board { font-family: var(--st-font, "Source Sans", sans-serif); color: var(--st-text-color, #31333f); }
ul { list-style: none; margin: 0; padding: 0; display: grid; gap: 0.75rem;
     grid-template-columns: repeat(var(--columns, 3), minmax(0, 1fr)); }
.note { box-sizing: border-box; padding: 0.75rem 1rem; border-radius: var(--st-base-radius, 0.5rem);
        border: 1px solid var(--st-border-color, rgba(49, 51, 63, 0.2));
        background: var(--st-background-color, #fff); display: flex; flex-direction: column; gap: 0.4rem; }
.text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.4; }
/* Captions in the app's grey that passes WCAG AA on white (ui/app_css.py). */
.meta { margin: 0; font-size: 0.875rem; color: #5b5f6b; }
.actions { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
button { font: inherit; font-size: 0.9rem; padding: 0.25rem 0.75rem; cursor: pointer;
         border-radius: var(--st-base-radius, 0.5rem); border: 1px solid var(--st-border-color, #bfc3cc);
         background: var(--st-background-color, #fff); color: inherit; }
button.vote { background: var(--st-primary-color, #2563a8); border-color: var(--st-primary-color, #2563a8);
              color: #fff; }
button:focus-visible { outline: 2px solid var(--st-primary-color, #2563a8); outline-offset: 2px; }
.mine { font-size: 0.9rem; }
.empty { margin: 0; font-size: 0.875rem; color: #5b5f6b; }
.board.large .text { font-size: clamp(1.1rem, 1.6vw, 2rem); line-height: 1.35; }
.board.large .meta { font-size: clamp(0.95rem, 1.1vw, 1.4rem); }
"""

_JS = """
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;  // user text: never parsed as HTML
  return node;
}

// A template's "{name}" filled in; a function, so a "$" in a note is never read as a pattern.
function filled(template, name, value) {
  return template.replace(`{${name}}`, () => String(value));
}

function button(label, className, spoken, onClick) {
  const node = element("button", className, label);
  node.type = "button";
  node.setAttribute("aria-label", spoken);
  node.addEventListener("click", onClick);
  return node;
}

// What each mounted board last drew: a redraw with the same data leaves the cards alone, so a
// button being clicked is never swapped for its copy under the pointer.
const drawn = new WeakMap();

export default function ({ data, parentElement, setTriggerValue }) {
  const board = parentElement.querySelector(".board");
  const wanted = JSON.stringify(data);
  if (drawn.get(board) === wanted) return;
  drawn.set(board, wanted);
  board.className = data.large ? "board large" : "board";
  board.style.setProperty("--columns", String(data.columns));
  if (!data.notes.length) {
    board.replaceChildren(element("p", "empty", data.empty));
    return;
  }
  const list = element("ul");
  list.setAttribute("aria-label", data.label);
  for (const note of data.notes) {
    const card = element("li", "note");
    card.dataset.note = note.id;
    card.append(element("p", "text", note.text));
    if (note.meta) card.append(element("p", "meta", note.meta));
    if (note.can_vote) {
      const words = data.words;
      const short = note.text.length > 60 ? note.text.slice(0, 57) + "..." : note.text;
      const actions = element("div", "actions");
      actions.append(button(words.vote, "vote", filled(words.vote_for, "note", short),
                            () => setTriggerValue("vote", { note: note.id, change: 1 })));
      if (note.my_votes) {
        actions.append(button(words.take_back, "take-back", filled(words.take_back_from, "note", short),
                              () => setTriggerValue("vote", { note: note.id, change: -1 })));
        actions.append(element("span", "mine", filled(words.mine, "count", note.my_votes)));
      }
      card.append(actions);
    }
    list.append(card);
  }
  board.replaceChildren(list);
}
"""

_board = st.components.v2.component("mlcs_note_board", html=_HTML, css=_CSS, js=_JS)


@dataclass(frozen=True)
class Card:
    id: str
    text: str
    meta: str = ""  # author, votes, status: our words around user text
    can_vote: bool = False
    my_votes: int = 0


def board_words() -> dict[str, str]:
    """The words the element writes, in the reader's language ("{note}" and "{count}" it fills in)."""
    return {"vote": _("Vote"), "vote_for": _("Vote for: {note}"), "take_back": _("Take back"),
            "take_back_from": _("Take back a vote from: {note}"), "mine": _("your votes: {count}")}


def note_board(cards: Sequence[Card], *, key: str, label: str, empty: str, columns: int = 3, large: bool = False,
               on_vote: Callable[[str, int], None] | None = None) -> None:
    """Draw the cards; a Vote or Take back calls `on_vote(note_id, +1 or -1)` before the next draw."""
    data = {
        "notes": [{"id": c.id, "text": c.text, "meta": c.meta, "can_vote": c.can_vote, "my_votes": c.my_votes}
                  for c in cards],
        "label": label, "empty": empty, "columns": columns, "large": large, "words": board_words(),
    }

    def voted() -> None:
        event = st.session_state[key].get("vote") if key in st.session_state else None
        if on_vote is not None and isinstance(event, dict) and isinstance(event.get("note"), str) \
                and event.get("change") in (1, -1):
            on_vote(event["note"], event["change"])

    _board(data=data, key=key, on_vote_change=voted)
