"""Languages: English, the language the code is written in, and the catalogues beside it.

Every text a person reads is written in English in the code and marked: `_("Save")` where it is
shown, `N_("Save")` where it is only declared (a module-level table, read before any language is
known) and translated where shown, `ngettext(...)` where the wording depends on a count. The
English text is the message id; `data/locales/<language>/*.po` (gettext catalogues, read with
Babel) hold the translations. A message that has none is shown in English.

The language is never set for the whole process (everyone would see the first user's): a
`with language("de"):` block sets it for the code it runs (a report in its plan's language, a
test), and otherwise the resolver the app installs answers per call (the session's language).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.pofile import read_po

SOURCE = "en"
LOCALES_DIR = Path(__file__).resolve().parents[2] / "data" / "locales"


def _offered() -> dict[str, str]:
    """The languages a person can choose, each named in its own words: English and every language
    with a catalogue folder (adding a language is adding its folder; README, "Languages")."""
    names = {SOURCE: "English"}
    for folder in sorted(LOCALES_DIR.iterdir()):
        if folder.is_dir() and any(folder.glob("**/*.po")):
            name = Locale.parse(folder.name).display_name or folder.name
            names[folder.name] = name[:1].upper() + name[1:]
    return names


NAMES = _offered()

_explicit: contextvars.ContextVar[str | None] = contextvars.ContextVar("mlcs_language", default=None)
_resolver: Callable[[], str | None] = lambda: None  # noqa: E731 (replaced by the app)


def base(code: str | None) -> str:
    """The language a code names, as the app knows it: "de-AT" -> "de"; unknown or None -> English."""
    return supported(code) or SOURCE


def supported(code: str | None) -> str | None:
    """The app's language a code names ("de-CH" -> "de"), or None when the app does not speak it."""
    short = (code or "").replace("_", "-").split("-")[0].lower()
    return short if short in NAMES else None


def install_resolver(resolver: Callable[[], str | None]) -> None:
    """How to find the language when no `language()` block is open (the app: the session's)."""
    global _resolver
    _resolver = resolver


def current() -> str:
    chosen = _explicit.get()
    return base(chosen if chosen is not None else _resolver())


@contextmanager
def language(code: str | None) -> Iterator[str]:
    """Run a block in one language (a report in its plan's language), whatever the session's."""
    token = _explicit.set(base(code))
    try:
        yield base(code)
    finally:
        _explicit.reset(token)


def _(message: str) -> str:
    """`message` in the current language."""
    if not message:
        return message
    lang = current()
    if lang == SOURCE:
        return message
    return catalogue(lang).singular.get(message, message)


def N_(message: str) -> str:
    """Marks `message` for the catalogue without translating it: translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a counted message (`{count}` is left for the caller to fill in)."""
    lang = current()
    if lang != SOURCE:
        entry = catalogue(lang).plural.get(singular)
        if entry:
            return entry[catalogue(lang).plural_index(count)]
    return singular if count == 1 else plural


def translated(message: str, lang: str) -> str:
    """`message` in `lang` (for a message built before its language is known)."""
    with language(lang):
        return _(message)


class Catalogue:
    """One language's messages: singular and plural forms, read from its .po files."""

    def __init__(self, lang: str, singular: dict[str, str], plural: dict[str, tuple[str, ...]],
                 plural_expr: Callable[[int], int]):
        self.lang, self.singular, self.plural, self._plural_expr = lang, singular, plural, plural_expr

    def plural_index(self, count: int) -> int:
        return self._plural_expr(count)


@functools.cache
def catalogue(lang: str) -> Catalogue:
    """`lang`'s catalogue, read once per process: every .po file under data/locales/<lang>/.
    Fuzzy and empty translations are left out (the English shows)."""
    singular: dict[str, str] = {}
    plural: dict[str, tuple[str, ...]] = {}
    plural_expr: Callable[[int], int] = lambda n: 0 if n == 1 else 1  # noqa: E731
    for path in sorted((LOCALES_DIR / lang).glob("**/*.po")):
        with path.open("rb") as handle:
            po = read_po(handle, locale=lang)
        plural_expr = _plural_function(po.plural_expr)
        for message in po:
            if not message.id or message.fuzzy:
                continue
            if isinstance(message.id, tuple):
                forms = tuple(message.string)
                if all(forms):
                    plural[message.id[0]] = forms
            elif message.string:
                singular[message.id] = message.string
    return Catalogue(lang, singular, plural, plural_expr)


def _plural_function(expression: str) -> Callable[[int], int]:
    """A catalogue's plural rule ("(n != 1)") as a function, through Babel's own compiler."""
    from gettext import c2py

    return c2py(expression)


def date_text(day: dt.date) -> str:
    """A date as the current language writes it: 2026-12-02 in English (ISO, as before), the
    language's own medium form otherwise (02.12.2026 in German)."""
    lang = current()
    return day.isoformat() if lang == SOURCE else format_date(day, format="medium", locale=lang)


def datetime_text(moment: dt.datetime) -> str:
    """A moment (UTC) as the current language writes it: 2026-12-02 14:05 UTC, 02.12.2026 14:05 UTC."""
    return f"{date_text(moment.date())} {moment:%H:%M} UTC"
