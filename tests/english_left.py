"""Finding English left on a page that should be German.

A page is read as its user sees it: every text its elements carry (labels, bodies, help, options,
placeholders, captions, table headings, chart titles), in the AppTest element tree. The plan's own
text is taken out first (user text stays as typed, in any language). What is left must have no
word that is English and not German, and no whole message of the catalogue left untranslated."""

from __future__ import annotations

import functools
import json
import re

from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from canvas_core.i18n import catalogue
from canvas_core.plan import Plan

# English words a German sentence never uses (words both languages share, like "Plan", "Team",
# "Start", "Name", "Canvas", "Workshop", "Link" or "Feature", are not here).
ENGLISH = frozenset("""
a about above add added adding after again all already also always an and another answer answered
answers any are as ask asked at back be because been before being below between both but by can
cannot change changed changes check choose chosen click close closed come could data day days
decide decided delete deleted does done down download each edit empty enough every example few
find first for from full get give given go goes good has have here how if in into is it its just
keep kept last later least left less let like list made make many may more most move much must
my name's need needed needs new next no none not nothing now of off on once one only open opened
or other others our out over own people per please put rather read ready remove right said same
save saved says see seen set shall should show shown since so some someone something still such
take than that the their them then there these they this those though through time to today too
turned two under until up upload us use used uses using very was way we were what when where
which while who whom why will with without would write yet you your yours
step steps answer cost costs value values total totals none unclear rule rules reason reasons
""".split()) - {"an", "in", "see", "per", "made", "will", "also", "was", "so", "last"}
# Names kept in English on a German page: the published titles beside their translation, loanwords.
ALLOWED_PHRASES = ("Made With ML", "No-Go", "CC BY-SA 4.0", "CC BY-SA", "Change-Management", "Open Source",
                   "open source", "Open-Source", "Feature Store")
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:'[a-z]+)?")
# Fields of an element's message that are text a person reads (the rest: ids, keys, data, styles).
_TEXT_FIELDS = frozenset({"body", "label", "help", "placeholder", "options", "display_values", "caption",
                          "text", "title", "value", "delta", "default_text", "message"})


def page_texts(at: AppTest) -> list[str]:
    """Every string a person can read on the page (main area and sidebar)."""
    texts: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            _strings(proto, texts)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return texts


def _strings(message: Message, out: list[str]) -> None:
    for field, value in message.ListFields():
        if field.message_type is not None:
            items = value if field.is_repeated else [value]
            for item in items:
                _strings(item, out)
        elif field.name == "spec" and isinstance(value, str):  # a chart: its titles and axis names
            out.extend(_chart_texts(value))
        elif field.name in _TEXT_FIELDS:
            for text in (value if field.is_repeated else [value]):
                if not isinstance(text, str) or text.lstrip().startswith("<style"):
                    continue  # a style sheet drawn with st.html is not text a person reads
                if re.match(r"^`{3,}mermaid\n", text):  # a Mermaid chart: its labels and its alt text
                    out.extend(re.findall(r'"([^"]*)"', text) + re.findall(r"%% stAlt:(.*)", text))
                else:
                    out.append(text)


def _chart_texts(spec: str) -> list[str]:
    found: list[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and key in {"text", "title", "name", "hovertemplate"}:
            found.append(node)

    try:
        walk(json.loads(spec).get("layout", {}))
    except ValueError:
        pass
    return found


def user_texts(plan: Plan) -> list[str]:
    """Every text of the plan (longest first, so a sentence goes before a word in it)."""
    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, str) and len(node.strip()) > 3:  # not ids like a language code "de"
            found.add(node.strip())
            found.update(line.strip() for line in node.splitlines() if len(line.strip()) > 3)

    walk(plan.model_dump(mode="json"))
    return sorted(found, key=len, reverse=True)


def _plain(text: str) -> str:
    """Markdown as read: escapes, joiners and emphasis marks gone."""
    text = text.replace("\u2060", "").replace("<br>", " ")
    text = re.sub(r"https?://[^\s)]+", " ", text)  # an address is not words
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>~:$@&])", r"\1", text)
    return re.sub(r":material/\w+:", " ", text)


def originals() -> tuple[str, ...]:
    """The canvases' and blocks' published English titles (shown beside the German ones)."""
    from canvas_core.canvas.specs import canvases
    from canvas_core.steps.review.screening import rules_file

    names = set()
    for spec in canvases().values():
        names.update({spec.title, spec.short_title, *(block.title for block in spec.blocks)})
    names.update(source.authors for source in rules_file().sources.values())  # the cited works' authors
    return tuple(sorted(names, key=len, reverse=True))


@functools.cache
def rule_ids() -> tuple[str, ...]:
    from canvas_core.steps.review.screening import rules_file

    return tuple(sorted((rule.id for rule in rules_file().rules), key=len, reverse=True))


def english_left(texts: list[str], plan: Plan, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The texts that still read English once the plan's own text is taken out, each with the
    English words found ("Save the plan [save, the]"); the untranslated catalogue messages too."""
    user = user_texts(plan)
    german = catalogue("de").singular
    german_words = set(german.values())
    found = []
    for raw in texts:
        text = _plain(raw)
        if text in german and german[text] != text and text not in german_words:
            found.append(f"{text!r} [an untranslated message]")
            continue
        for rule_id in rule_ids():  # ids shown for traceability ("Regel data-to-obtain")
            text = re.sub(rf"(?<![\w-]){re.escape(rule_id)}(?![\w-])", " ", text)
        for typed in user:  # first: a note may hold an allowed phrase ("open source") in a sentence
            if typed in text:
                text = text.replace(typed, " ")
        shortened = " ".join(text.split()).rstrip("…").strip()
        if text.rstrip().endswith("…") and any(" ".join(t.split()).startswith(shortened) for t in user):
            continue  # the plan's own text, cut short to fit
        for name in (*originals(), *ALLOWED_PHRASES):
            text = text.replace(name, " ")
        words = sorted({w.lower() for w in _WORD.findall(text)
                        if w.lower() in ENGLISH and w not in allowed and w.lower() not in allowed})
        if words:
            found.append(f"{raw[:120]!r} {words}")
    return found
