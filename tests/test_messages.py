"""A message that quotes what someone typed shows it exactly as typed: the
page's alerts render Markdown, so the text is escaped for it, never interpreted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from tests.app_driver import shown
from ui.state import markdown_literal

PARSER = MarkdownIt("commonmark")


def test_a_refusal_quoting_typed_markup_reads_as_typed():
    message = 'Row 1, Months: "**5** [x](https://e.com) <b>1</b> $2$ :smile: `3`" is not a number.'
    assert shown(markdown_literal(message)) == message


def test_web_and_mail_addresses_are_not_made_links():
    literal = markdown_literal("www.example.com https://example.com name@example.com")
    # Streamlit links these even when escaped; a word joiner (invisible) breaks each start.
    assert "www\u2060\\.example" in literal and "https\\:\u2060\\/\\/" in literal and "name\\@\u2060" in literal
    assert shown(literal) == "www.example.com https://example.com name@example.com"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"], blacklist_characters="\u2060"), max_size=60))
def test_any_text_is_shown_as_plain_text(text):
    if not text.strip():
        return
    tokens = PARSER.parse(markdown_literal(text))
    # One paragraph of plain text: no heading, list, quote, code block, link, emphasis or HTML.
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {child.type for child in tokens[1].children} <= {"text", "softbreak"}
    assert shown(markdown_literal(text)).strip() == " ".join(text.splitlines()).strip()
