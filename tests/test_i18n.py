"""The catalogues: every message the app marks has its German translation, with the same
placeholders, and the marks take literal text (an f-string inside `_()` could never be found in a
catalogue). The language belongs to the code that asked for it, never to the process."""

from __future__ import annotations

import ast
import threading
from pathlib import Path

import pytest

from canvas_core import i18n
from canvas_core.i18n import _, language, ngettext
from canvas_core.i18n.extract import ROOT, TEMPLATE, placeholders, read_language, template

MARKS = {"_", "N_", "ngettext"}  # how the code marks a message (canvas_core.i18n)


@pytest.fixture(scope="module")
def marked():
    return {(message.id, message.context): message for message in template() if message.id}


@pytest.mark.parametrize("lang", [lang for lang in i18n.NAMES if lang != i18n.SOURCE])
def test_every_marked_message_has_a_translation_with_the_same_placeholders(marked, lang):
    translations = read_language(lang)
    missing, broken = [], []
    for key, context in marked:
        entry = translations.get(key, context=context)
        forms = () if entry is None or entry.fuzzy else (
            entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if not forms or not all(forms):
            missing.append(key if isinstance(key, str) else key[0])
            continue
        wanted = placeholders(key if isinstance(key, str) else key[1])
        broken += [f"{key!r} -> {form!r}" for form in forms
                   if placeholders(form) - wanted or (wanted - placeholders(form)) - {"count"}]
    assert not missing, f"{len(missing)} messages without a {lang} translation, e.g. {missing[:15]}"
    assert not broken, broken[:15]


def test_the_template_for_translators_lists_every_marked_message(marked):
    """data/locales/messages.pot is what a translator starts a new language from (`make messages`)."""
    with TEMPLATE.open("rb") as handle:
        from babel.messages.pofile import read_po

        listed = {(message.id, message.context) for message in read_po(handle) if message.id}
    assert listed == set(marked), "run `make messages`: " + repr(sorted(set(marked) ^ listed, key=str)[:10])


def _python_files():
    for folder in ("app.py", "pages", "ui", "canvas_core"):
        path = ROOT / folder
        yield from ([path] if path.is_file() else sorted(path.rglob("*.py")))


@pytest.mark.parametrize("path", list(_python_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_marks_take_literal_text(path: Path):
    """`_()` of a text built at run time (an f-string, a sum, a .format) can match no catalogue entry:
    the text is marked whole, with named placeholders filled in after translation."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    wrong = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKS:
            texts = node.args[:2] if node.func.id == "ngettext" else node.args[:1]
            if node.func.id == "_" and texts and not isinstance(texts[0], (ast.JoinedStr, ast.BinOp, ast.Call)):
                continue  # a name: text marked where it is declared (N_), translated where shown
            if not texts or not all(isinstance(t, ast.Constant) and isinstance(t.value, str) for t in texts):
                wrong.append(f"line {node.lineno}: {ast.unparse(node)[:80]}")
    assert not wrong, wrong


@pytest.mark.parametrize("path", list(_python_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_message_is_marked_inside_an_f_string(path: Path):
    """The extractor cannot see a `_()` written inside an f-string: its text would never reach the
    catalogue (and stay English). Translate first, then put it in: `label = _("Save")`, then f"{label}"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hidden = [f"line {call.lineno}: {ast.unparse(call)[:60]}"
              for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
              for call in ast.walk(node)
              if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in MARKS
              and call.args and isinstance(call.args[0], ast.Constant)]  # a literal the extractor misses
    assert not hidden, hidden


def test_a_message_reads_in_the_language_of_the_block_that_asks_and_english_elsewhere():
    message = "Try saving again"
    german = i18n.catalogue("de").singular[message]
    assert german != message
    with language("de"):
        assert _(message) == german
        with language("en"):
            assert _(message) == message
    assert _(message) == message
    seen = {}

    def other_thread():
        seen["text"] = _(message)

    with language("de"):
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()
    assert seen["text"] == message  # a language never leaks to another thread (another session)


def test_a_counted_message_takes_the_form_of_its_count():
    with language("de"):
        assert ngettext("{count} note", "{count} notes", 1) != ngettext("{count} note", "{count} notes", 2)
    assert ngettext("{count} note", "{count} notes", 1) == "{count} note"


def test_an_unknown_language_reads_as_english_and_regional_codes_as_their_language():
    assert i18n.base("de-AT") == "de" and i18n.base("fr") == "en" and i18n.base(None) == "en"
    with language("fr"):
        assert _("Try saving again") == "Try saving again"
