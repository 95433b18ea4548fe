"""Every message the app marks, found where it is written: `_`, `N_` and `ngettext` in the code,
and the texts of the data files a person reads (canvas titles, prompts and examples; screening
rules). `python -m canvas_core.i18n.extract` (`make messages`) writes the template
data/locales/messages.pot and brings each language's catalogue up to date with it: new messages
are added untranslated, messages no longer used are dropped, translations are kept."""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from canvas_core.i18n import LOCALES_DIR

ROOT = LOCALES_DIR.parents[1]
TEMPLATE = LOCALES_DIR / "messages.pot"
PROJECT = "ML Canvas Studio"
HEADER = ("# The texts of ML Canvas Studio ({language}). English is the message id; `make messages` keeps\n"
          "# this file in step with the code. Shared under the same terms as the app.")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
_TOML = "canvas_core.i18n.extract:extract_toml"
# Which values of a data file are text a person reads (the rest are ids, links, names and numbers).
_CANVAS_KEYS = ("title short_title description attribution left centre right bottom designed_for team date "
                "iteration name prompts prompt example label help options")
_RULE_KEYS = "title message fix answer"
METHOD_MAP = [
    ("app.py", "python"),
    ("pages/**.py", "python"),
    ("ui/**.py", "python"),
    ("canvas_core/**.py", "python"),
    ("data/canvases/*.toml", _TOML),
    ("data/screening/*.toml", _TOML),
    ("data/mlops_tools.toml", _TOML),
]
OPTIONS_MAP = {"data/canvases/*.toml": {"keys": _CANVAS_KEYS}, "data/screening/*.toml": {"keys": _RULE_KEYS},
               "data/mlops_tools.toml": {"keys": "what title why caution"}}


def extract_toml(fileobj, keywords, comment_tags, options) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel extractor for the data files: the string values under the keys named in options["keys"]
    (in tables, arrays of tables and lists of strings), with the line each is on."""
    text = fileobj.read().decode("utf-8")
    wanted = set(options.get("keys", "").split())
    lines = text.splitlines()

    def line_of(value: str) -> int:
        first = value.splitlines()[0] if value else value
        for number, line in enumerate(lines, start=1):
            if first and first in line:
                return number
        return 0

    def walk(node, key: str | None) -> Iterator[str]:
        if isinstance(node, dict):
            for name, value in node.items():
                yield from walk(value, name)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item, key)
        elif isinstance(node, str) and key in wanted and node.strip():
            yield node

    for value in walk(tomllib.loads(text), None):
        yield line_of(value), None, value, []


def template() -> Catalog:
    """Every marked message of the project, as a gettext template."""
    catalog = Catalog(project=PROJECT, version="1", copyright_holder=PROJECT, msgid_bugs_address="", charset="utf-8",
                      fuzzy=False, header_comment=HEADER.format(language="every language"))
    for filename, lineno, message, comments, context in extract_from_dir(
            ROOT, METHOD_MAP, OPTIONS_MAP, KEYWORDS, strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def languages() -> list[str]:
    return sorted(path.name for path in LOCALES_DIR.iterdir() if path.is_dir())


def read_language(lang: str) -> Catalog:
    """A language's translations, from every .po file in its folder, as one catalogue."""
    merged = Catalog(locale=lang, project=PROJECT, version="1", copyright_holder=PROJECT, msgid_bugs_address="",
                     charset="utf-8", fuzzy=False, header_comment=HEADER.format(language=lang),
                     last_translator=PROJECT, language_team=PROJECT)
    for path in sorted((LOCALES_DIR / lang).glob("**/*.po")):
        with path.open("rb") as handle:
            for message in read_po(handle, locale=lang):
                known = merged.get(message.id, context=message.context) if message.id else None
                if message.id and (known is None or not known.string):
                    if known is not None:  # Babel keeps a message's old string when it is added again
                        merged.delete(message.id, context=message.context)
                    merged.add(message.id, message.string, context=message.context, flags=message.flags)
    return merged


def placeholders(text: str) -> set[str]:
    """The `{name}` fields a message fills in (the translation must keep every one)."""
    return set(re.findall(r"\{(\w*)[^{}]*\}", text.replace("{{", "").replace("}}", "")))


def update(lang: str, source: Catalog) -> Catalog:
    catalog = read_language(lang)
    catalog.update(source, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    return catalog


def main() -> int:
    source = template()
    with TEMPLATE.open("wb") as handle:
        write_po(handle, source, omit_header=False, width=100, sort_output=False, no_location=False)
    for lang in languages():
        catalog = update(lang, source)
        folder = LOCALES_DIR / lang
        for stale in folder.glob("**/*.po"):
            stale.unlink()
        with (folder / "messages.po").open("wb") as handle:
            write_po(handle, catalog, width=100, no_location=True, include_previous=False)
        missing = sum(1 for message in catalog if message.id and not message.string)
        print(f"{lang}: {len(catalog)} messages, {missing} without a translation")
    print(f"template: {len(source)} messages -> {TEMPLATE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
