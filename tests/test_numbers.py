"""Numbers typed into a table: stored exactly as typed in the plan's language,
or refused with a reason that quotes the text; shown back so they read the same."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from canvas_core.numbers import (
    MINUS_SIGNS,
    SPACES,
    STYLES,
    NumberLimits,
    NumberRefused,
    decimal_places,
    format_decimal,
    parse_number,
)

MONTHS = NumberLimits(Decimal(1200))
MONEY = NumberLimits(Decimal("1e12"), decimals=2)
COUNT = NumberLimits(Decimal(10**10), decimals=0)
ANY = NumberLimits(Decimal("1e15"))


def refusal(text: str, language: str = "en", limits: NumberLimits = ANY) -> str:
    with pytest.raises(NumberRefused) as refused:
        parse_number(text, language, limits)
    return refused.value.reason


@pytest.mark.parametrize("language, text, value", [
    ("en", "12.5", "12.5"),
    ("en", "1,234.5", "1234.5"),
    ("en", "1,234,567", "1234567"),
    ("en", "1 234 567.25", "1234567.25"),
    ("en", " 7 ", "7"),
    ("en", ".5", "0.5"),
    ("en", "+5", "5"),
    ("de", "12,5", "12.5"),
    ("de", "1.234,5", "1234.5"),
    ("de", "1.234", "1234"),
    ("de", "1\u00a0234,5", "1234.5"),  # no-break space
    ("es", "1.234.567,89", "1234567.89"),
    ("el", "0,4", "0.4"),
    ("fr", "1\u202f234,5", "1234.5"),  # narrow no-break space, as the app writes it
    ("fr", "1\u2009234,5", "1234.5"),  # thin space
    ("fr", "1 234 567", "1234567"),
    ("uk", "12,50", "12.50"),
    ("de-AT", "12,5", "12.5"),
])
def test_a_number_written_for_the_plans_language_is_read_as_typed(language, text, value):
    assert parse_number(text, language, ANY) == Decimal(value)


def test_typed_decimals_are_kept_not_rounded():
    assert str(parse_number("12.50", "en", ANY)) == "12.50"
    assert str(parse_number("0.333333333333333333333333333333", "en", ANY)) == "0.333333333333333333333333333333"


@pytest.mark.parametrize("text", ["", "   ", "\u00a0"])
def test_a_blank_cell_is_no_number(text):
    assert parse_number(text, "en", ANY) is None


@pytest.mark.parametrize("language, text, reason", [
    ("en", "12,5", '"12,5" is not a number in an English plan (use 12.5)'),
    ("en", "1,50", '"1,50" is not a number in an English plan (use 1.50)'),
    ("en", "1.234,5", '"1.234,5" is not a number in an English plan (use 1234.5)'),
    ("en", "12 5", '"12 5" is not a number in an English plan (write numbers like 1234.5)'),
    ("en", "-12,5", '"-12,5" is not a number in an English plan (use -12.5)'),
    ("de", "12.5", '"12.5" is not a number in a German plan (use 12,5)'),
    ("de", "1,234.5", '"1,234.5" is not a number in a German plan (use 1234,5)'),
    ("de", "1,234,567", '"1,234,567" is not a number in a German plan (use 1234567)'),
    ("fr", "12.5", '"12.5" is not a number in a French plan (use 12,5)'),
    ("fr", "1.234", '"1.234" is not a number in a French plan (use 1,234 or 1234)'),
    ("en", "1 234,567.8", '"1 234,567.8" is not a number in an English plan (write numbers like 1234.5)'),
    ("it", "12,5", '"12,5" is not a number in this plan, whose numbers are written as in English (use 12.5)'),
])
def test_text_that_could_mean_another_number_is_refused_with_how_to_type_it(language, text, reason):
    assert refusal(text, language) == reason


@pytest.mark.parametrize("text, reason", [
    ("2.5e1", '"2.5e1" is written with an exponent: write the number out (use 25)'),
    ("1e15", '"1e15" is written with an exponent: write the number out (use 1000000000000000)'),
    ("1E-2", '"1E-2" is written with an exponent: write the number out (use 0.01)'),
    ("1e9999", '"1e9999" is written with an exponent: write the number out'),
])
def test_an_exponent_is_refused_and_the_number_written_out(text, reason):
    assert refusal(text) == reason


@pytest.mark.parametrize("text", ["lots", "12 EUR", "€12", "inf", "NaN", "0x10", "1_000", "١٢", "12\n5", "1/2", "e5"])
def test_text_that_is_no_number_is_refused(text):
    assert refusal(text) == f'"{text.strip()}" is not a number'


@pytest.mark.parametrize("text, limits, reason", [
    ("-1", MONTHS, '"-1" is below the minimum of 0'),
    ("\u22125", MONTHS, '"\u22125" is below the minimum of 0'),  # a minus sign pasted from a document
    ("-0", MONTHS, '"-0" is below the minimum of 0'),
    ("99999999", MONTHS, '"99999999" is over the maximum of 1,200'),
    ("1200.01", MONTHS, '"1200.01" is over the maximum of 1,200'),
    ("5000000000000", MONEY, '"5000000000000" is over the maximum of 1,000,000,000,000'),
    ("12.345", MONEY, '"12.345" has more decimals than this column takes (at most 2)'),
    ("2.5", COUNT, '"2.5" is not a whole number'),
])
def test_a_number_outside_the_fields_limits_is_refused_with_the_limit(text, limits, reason):
    assert refusal(text, "en", limits) == reason


def test_limits_are_written_for_the_plans_language():
    assert refusal("2000", "de", MONTHS) == '"2000" is over the maximum of 1.200'


def test_the_limits_themselves_and_zeros_past_them_are_accepted():
    assert parse_number("1,200", "en", MONTHS) == 1200
    assert parse_number("0", "en", MONTHS) == 0
    assert parse_number("12.500", "en", MONEY) == Decimal("12.5")
    assert parse_number("3.0", "en", COUNT) == 3


def test_very_long_text_is_refused_and_quoted_shortened():
    assert refusal("1" * 50) == f'"{"1" * 40}…" is too long to be a number'


@pytest.mark.parametrize("language, shown", [
    ("en", "1,234,567.50"), ("de", "1.234.567,50"), ("es", "1.234.567,50"), ("el", "1.234.567,50"),
    ("fr", "1\u202f234\u202f567,50"), ("uk", "1\u202f234\u202f567,50"), ("it", "1,234,567.50"),
])
def test_money_is_shown_grouped_with_its_cents(language, shown):
    assert format_decimal(Decimal("1234567.5"), language, decimals=2) == shown


def test_a_shown_number_keeps_every_stored_digit():
    assert format_decimal(Decimal("0.40"), "en") == "0.4"
    assert format_decimal(Decimal("6"), "de") == "6"
    assert format_decimal(Decimal("1E+3"), "en") == "1,000"
    assert format_decimal(60000, "en", decimals=0) == "60,000"
    assert format_decimal(Decimal("0.123456789012345678901234567890123"), "en") == "0.123456789012345678901234567890123"
    assert format_decimal(Decimal("1.005"), "en", decimals=2) == "1.005"  # never rounded to fit


# --- properties ------------------------------------------------------------------------

LANGUAGES = [*STYLES, "de-CH", "pt"]
amounts = st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False, allow_infinity=False)
estimates = st.builds(lambda digits, places: Decimal(digits).scaleb(-places),
                      st.integers(min_value=0, max_value=10**15), st.integers(min_value=0, max_value=6))


@settings(max_examples=300, deadline=None)
@given(value=amounts, language=st.sampled_from(LANGUAGES), grouped=st.booleans())
def test_money_written_for_a_language_reads_back_as_itself(value, language, grouped):
    shown = format_decimal(value, language, decimals=2, grouped=grouped)
    assert parse_number(shown, language, MONEY) == value


@settings(max_examples=300, deadline=None)
@given(value=estimates, language=st.sampled_from(LANGUAGES))
def test_any_number_written_for_a_language_reads_back_as_itself(value, language):
    assert parse_number(format_decimal(value, language), language, ANY) == value


@settings(max_examples=300, deadline=None)
@given(value=estimates.filter(lambda v: decimal_places(v) not in (0, 3)),
       written_in=st.sampled_from(LANGUAGES), read_in=st.sampled_from(LANGUAGES))
def test_a_number_written_for_another_language_is_read_as_itself_or_refused(value, written_in, read_in):
    """A number with decimals never turns into another number: 12,5 is never 125. (Whole
    numbers and three decimals are left out: 1,234 is one number in English, another in German.)"""
    try:
        assert parse_number(format_decimal(value, written_in), read_in, ANY) == value
    except NumberRefused:
        pass


NUMBER_CHARACTERS = "0123456789.,+" + SPACES + MINUS_SIGNS


@settings(max_examples=500, deadline=None)
@given(text=st.text(min_size=1, max_size=20), language=st.sampled_from(LANGUAGES))
def test_text_with_any_other_character_is_never_a_number(text, language):
    if all(ch in NUMBER_CHARACTERS for ch in text.strip()):
        return
    with pytest.raises(NumberRefused) as refused:
        parse_number(text, language, ANY)
    assert f'"{text.strip()[:40]}' in refused.value.reason


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=NUMBER_CHARACTERS, min_size=1, max_size=20), language=st.sampled_from(LANGUAGES))
def test_an_accepted_number_keeps_every_digit_typed_in_order(text, language):
    """Nothing is dropped, added or moved: the digits typed are the digits stored,
    and the decimals typed (after this language's mark) are the decimals stored."""
    try:
        value = parse_number(text, language, ANY)
    except NumberRefused:
        return
    if value is None:
        return
    mark = "." if language.split("-")[0] in ("en", "pt") else ","
    typed_whole, _, typed_fraction = text.strip().partition(mark)
    whole, _, fraction = format(value, "f").partition(".")
    assert "".join(ch for ch in typed_whole if ch.isdigit()).lstrip("0") == whole.lstrip("0")
    assert typed_fraction == fraction
