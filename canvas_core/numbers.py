"""Numbers as a plan's language writes them: shown in a table cell, and read
back from what someone typed into one.

A typed number is stored exactly as typed or refused with a reason; it is
never clamped, rounded, stripped of characters or given another sign. Where
the text could mean two numbers (a decimal comma in an English plan, a
thousands dot in a French one) it is refused with a hint showing how to type
it in this plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from canvas_core.i18n import N_, _

# Spaces people (and the formatter, for French and Ukrainian) use to group digits:
# space, no-break space, narrow no-break space, thin space, figure space.
SPACES = " \u00a0\u202f\u2009\u2007"
MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash (what a keyboard or a paste gives)
MAX_TYPED_CHARS = 40  # longer than any number a plan holds, with its grouping


@dataclass(frozen=True)
class NumberStyle:
    group: str  # the grouping mark the app writes
    mark: str  # the decimal mark
    plan: str  # how a refusal names the plan: "an English plan" (marked; translated where shown)


# A small table instead of a locale library: the app offers only these languages,
# and any other falls back to English (as money is formatted).
STYLES: dict[str, NumberStyle] = {
    "en": NumberStyle(",", ".", N_("an English plan")),
    "de": NumberStyle(".", ",", N_("a German plan")),
    "el": NumberStyle(".", ",", N_("a Greek plan")),
    "es": NumberStyle(".", ",", N_("a Spanish plan")),
    "fr": NumberStyle("\u202f", ",", N_("a French plan")),
    "uk": NumberStyle("\u202f", ",", N_("a Ukrainian plan")),
}


def style_of(language: str) -> NumberStyle:
    base = language.split("-")[0]
    if base in STYLES:
        return STYLES[base]
    return NumberStyle(",", ".", N_("this plan, whose numbers are written as in English"))


@dataclass(frozen=True)
class NumberLimits:
    """What a number field takes: 0 up to `maximum`, with at most `decimals` decimals (None: any)."""

    maximum: Decimal
    decimals: int | None = None


class NumberRefused(ValueError):
    """Typed text that is not stored; `reason` says why and names the text, e.g.
    '"12,5" is not a number in an English plan (use 12.5)'."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


# --- showing ----------------------------------------------------------------------


def format_decimal(value: Decimal | int, language: str, *, decimals: int | None = None, grouped: bool = True) -> str:
    """`value` written for the plan's language, e.g. 1234.5 -> "1,234.5" (en), "1.234,5" (de).

    Nothing is rounded: trailing zeros are dropped, and `decimals` pads to that
    many places (money shows its cents), but every stored digit is shown.
    """
    sign = "-" if value < 0 else ""
    whole, _, fraction = format(Decimal(value).copy_abs(), "f").partition(".")  # exact, never scientific
    fraction = fraction.rstrip("0").ljust(decimals or 0, "0")
    style = style_of(language)
    if grouped:
        whole = _grouped(whole, style.group)
    return sign + whole + (style.mark + fraction if fraction else "")


def _grouped(digits: str, mark: str) -> str:
    head = len(digits) % 3 or 3
    return mark.join([digits[:head], *(digits[i:i + 3] for i in range(head, len(digits), 3))])


def decimal_places(value: Decimal) -> int:
    """How many decimals `value` needs (12.50 needs 1), counted exactly."""
    return len(format(value.copy_abs(), "f").partition(".")[2].rstrip("0"))


# --- reading ----------------------------------------------------------------------

_EXPONENT = re.compile(r"^([0-9.,\s]*[0-9])[eE]([+\-\u2212]?[0-9]{1,4})$")


@dataclass(frozen=True)
class _Convention:
    """One way of writing numbers: the decimal mark and the marks that may group digits."""

    mark: str
    groups: str


def _convention(style: NumberStyle) -> _Convention:
    groups = SPACES if style.group in SPACES else style.group + SPACES
    return _Convention(style.mark, groups)


_POINT = _Convention(".", "," + SPACES)  # 1,234.5
_COMMA = _Convention(",", "." + SPACES)  # 1.234,5


def parse_number(text: str, language: str, limits: NumberLimits) -> Decimal | None:
    """The number typed as `text` in a plan written in `language`; None for a blank cell.

    Raises NumberRefused (with the reason, naming the text) for anything else:
    text that is not a number or could be read two ways, exponents, a minus sign,
    more than the maximum or more decimals than the field takes.
    """
    typed = text.strip()
    if not typed:
        return None
    shown = _quoted(typed)
    style = style_of(language)
    if len(typed) > MAX_TYPED_CHARS:
        raise NumberRefused(_("{shown} is too long to be a number").format(shown=shown))
    negative = typed[0] in MINUS_SIGNS
    body = typed[1:].lstrip() if typed[0] in MINUS_SIGNS + "+" else typed
    exponent = _EXPONENT.match(body)
    if exponent:
        written = _written_out(exponent, style)
        if written:
            raise NumberRefused(_("{shown} is written with an exponent: write the number out (use {number})")
                                .format(shown=shown, number=written))
        raise NumberRefused(_("{shown} is written with an exponent: write the number out").format(shown=shown))
    if not body or any(not (ch.isascii() and ch.isdigit()) and ch not in ".," + SPACES for ch in body):
        raise NumberRefused(_("{shown} is not a number").format(shown=shown))
    value = _read(body, _convention(style))
    if value is None:
        raise NumberRefused(_("{shown} is not a number in {plan} ({how})").format(
            shown=shown, plan=_(style.plan), how=_how_to_type(body, style, negative)))
    if negative:
        raise NumberRefused(_("{shown} is below the minimum of 0").format(shown=shown))
    _check_limits(value, shown, limits, language)
    return value


def _quoted(typed: str) -> str:
    if len(typed) > MAX_TYPED_CHARS:
        typed = typed[:MAX_TYPED_CHARS] + "…"
    return _('"{text}"').format(text=typed)


def _read(body: str, convention: _Convention) -> Decimal | None:
    """`body` (digits, marks, spaces; no sign) read in one convention, None if it does not fit it."""
    whole, mark, fraction = body.partition(convention.mark)
    if convention.mark in fraction or (mark and not (whole or fraction)):
        return None
    if fraction and not fraction.isdigit():
        return None
    whole_digits = _ungrouped(whole, convention.groups)
    if whole_digits is None or not (whole_digits or fraction):
        return None
    return Decimal(f"{whole_digits or '0'}.{fraction}" if fraction else whole_digits)


def _ungrouped(whole: str, groups: str) -> str | None:
    """The digits of an integer part, if any grouping in it is one mark between groups of three."""
    if whole.isdigit() or not whole:
        return whole
    marks = {ch for ch in whole if not ch.isdigit()}
    # All spaces count as one mark: "1 234\u00a0567" mixes them invisibly.
    if not marks <= set(groups) or (len(marks) > 1 and not marks <= set(SPACES)):
        return None
    parts = re.split("[" + re.escape("".join(marks)) + "]", whole)
    if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:]) and all(p.isdigit() for p in parts)):
        return None
    return "".join(parts)


def _how_to_type(body: str, style: NumberStyle, negative: bool) -> str:
    """The numbers `body` could have meant, written for this plan, or an example."""
    own = _convention(style)
    readings = []
    for convention in (_POINT, _COMMA):
        if convention == own:
            continue
        value = _read(body, convention)
        if value is not None and value not in readings:
            readings.append(value)
    if not readings:
        return _("write numbers like {example}").format(example=f"1234{style.mark}5")
    sign = "-" if negative else ""
    shown = [sign + _plain(value, style) for value in readings]
    if len(shown) == 1:
        return _("use {number}").format(number=shown[0])
    return _("use {first} or {second}").format(first=shown[0], second=shown[1])


def _plain(value: Decimal, style: NumberStyle) -> str:
    """`value` with its typed decimals, ungrouped, with this plan's decimal mark."""
    return format(value, "f").replace(".", style.mark)


def _written_out(match: re.Match, style: NumberStyle) -> str:
    mantissa = _read(match.group(1), _convention(style))
    if mantissa is None:
        mantissa = _read(match.group(1), _POINT)
    power = int(match.group(2).replace("\u2212", "-"))
    if mantissa is None or abs(power) > 20:
        return ""
    return _plain(mantissa.scaleb(power), style)


def _check_limits(value: Decimal, shown: str, limits: NumberLimits, language: str) -> None:
    if value > limits.maximum:
        raise NumberRefused(_("{shown} is over the maximum of {maximum}").format(
            shown=shown, maximum=format_decimal(limits.maximum, language)))
    if limits.decimals is not None and decimal_places(value) > limits.decimals:
        if limits.decimals == 0:
            raise NumberRefused(_("{shown} is not a whole number").format(shown=shown))
        raise NumberRefused(_("{shown} has more decimals than this column takes (at most {decimals})").format(
            shown=shown, decimals=limits.decimals))
