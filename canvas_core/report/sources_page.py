"""The last page: sources, licences and attributions of everything the report reproduces."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from canvas_core.report.context import ReportContext
from canvas_core.report.credits import OTHER_SOURCES
from canvas_core.report.document import PORTRAIT, new_page
from canvas_core.report.summary import canvases_in_order
from canvas_core.report.text import bold, esc, muted, para, styles

LINK = '<a href="{url}" color="#1e3a8a"><u>{text}</u></a>'


def _link(url: str, text: str | None = None) -> str:
    return LINK.format(url=esc(url), text=esc(text or url))


def sources_section(ctx: ReportContext) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [*new_page(PORTRAIT), para("Sources, licences and attributions", st.h1)]
    out.append(para("The canvases in this report are adaptations of published canvases: block titles and grids "
                    "as published, questions and examples in our own words. As their licences ask, the adapted "
                    "templates are shared under the same licence.", st.body))
    for spec in canvases_in_order():
        out.append(KeepTogether([
            para(f"{esc(spec.title)}, version {esc(spec.version)}", st.h3),
            para(f"{bold('Authors:')} {esc(spec.authors)}", st.body),
            para(f"{bold('Licence:')} {_link(spec.licence_url, spec.licence)} ({esc(spec.licence_url)})", st.body),
            para(f"{bold('Source:')} {_link(spec.source_url)}", st.body),
            para(f"{bold('Attribution:')} {esc(spec.attribution)}", st.body),
        ]))
    for credit in OTHER_SOURCES:
        licence = f" Licence: {_link(credit.licence_url, credit.licence)}." if credit.licence else ""
        out += [para(esc(credit.title), st.h3),
                para(f"{esc(credit.text)} Source: {_link(credit.url)}.{licence}", st.body)]
    out += [
        para("Font", st.h3),
        para("Set in DejaVu Sans (" + _link("https://dejavu-fonts.github.io/") + "). Fonts are \u00a9 "
             "Bitstream, Inc. (Bitstream Vera) with glyphs \u00a9 Tavmjong Bah (Arev fonts); DejaVu changes are "
             "in the public domain. Used under the Bitstream Vera and Arev fonts licences, included as "
             "data/fonts/LICENSE with ML Canvas Studio.", st.body),
        para(muted("Report made with ML Canvas Studio."), st.body),
    ]
    return out
