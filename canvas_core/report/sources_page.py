"""The last page: sources, licences and attributions of everything the report reproduces."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from canvas_core.canvas.titles import shown_title, translation_note
from canvas_core.i18n import _
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
    out: list[Flowable] = [*new_page(PORTRAIT), para(esc(_("Sources, licences and attributions")), st.h1)]
    out.append(para(esc(_("The canvases in this report are adaptations of published canvases: block titles and "
                          "grids as published, questions and examples in our own words. As their licences ask, "
                          "the adapted templates are shared under the same licence.")), st.body))
    note = translation_note()  # in another language than English: the translation is ours
    for spec in canvases_in_order():
        out.append(KeepTogether([
            para(esc(_("{title}, version {version}").format(title=shown_title(spec.title), version=spec.version)),
                 st.h3),
            para(bold(esc(_("Authors:"))) + f" {esc(spec.authors)}", st.body),
            para(bold(esc(_("Licence:"))) + f" {_link(spec.licence_url, spec.licence)} ({esc(spec.licence_url)})",
                 st.body),
            para(bold(esc(_("Source:"))) + f" {_link(spec.source_url)}", st.body),
            para(bold(esc(_("Attribution:"))) + " " + esc(_(spec.attribution)), st.body),
            *([para(bold(esc(_("Translation:"))) + f" {esc(note)}", st.body)] if note else []),
        ]))
    for credit in OTHER_SOURCES:
        if credit.licence:
            text = esc(_("{text} Source: {source}. Licence: {licence}.")).format(
                text=esc(_(credit.text)), source=_link(credit.url), licence=_link(credit.licence_url, credit.licence))
        else:
            text = esc(_("{text} Source: {source}.")).format(text=esc(_(credit.text)), source=_link(credit.url))
        out += [para(esc(_(credit.title)), st.h3), para(text, st.body)]
    out += [
        para(esc(_("Font")), st.h3),
        para(esc(_("Set in DejaVu Sans ({link}). Fonts are \u00a9 Bitstream, Inc. (Bitstream Vera) with glyphs "
                   "\u00a9 Tavmjong Bah (Arev fonts); DejaVu changes are in the public domain. Used under the "
                   "Bitstream Vera and Arev fonts licences, included as data/fonts/LICENSE with ML Canvas "
                   "Studio.")).format(link=_link("https://dejavu-fonts.github.io/")), st.body),
        para(muted(esc(_("Report made with ML Canvas Studio."))), st.body),
    ]
    return out
