"""The data landscape picture as a plotly figure, drawn from the layout canvas_core computes.

The figure is a function of the (hashable) picture, kept for the session
(ui.figures), so a rerun that changed no asset reuses it. Names reach plotly as data, never as markup:
hover and point texts go through `_plain`, because plotly reads a small HTML
subset (<b>, <br>, <a href>) in every text it draws.
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go

from canvas_core.i18n import _, current
from canvas_core.steps.data_landscape.picture import LandscapePicture
from canvas_core.steps.data_landscape.rules import PERSONAL_LABELS, USE_LABELS, label_of, labels_of
from ui.figures import session_figure

RING_FILLS = {"private": "#eef2f7", "shared": "#e3e9f1", "public": "#d8e0eb"}
OUTLINE = "#44546a"
LABEL_LIMIT = 26  # characters of a name drawn beside its dot; the hover shows all
MAX_LABELLED = 40  # beyond this many dots, names only on hover


def _plain(text: str) -> str:
    """User text for plotly: tags shown as typed, not interpreted."""
    return html.escape(text, quote=False)


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def landscape_figure(picture: LandscapePicture) -> go.Figure:
    return session_figure("landscape", _figure, picture, current())  # its words: the language is part of the key


def _figure(picture: LandscapePicture, lang: str) -> go.Figure:
    fig = go.Figure()
    for band in reversed(picture.rings):  # outermost first, so inner discs paint over it
        fig.add_shape(type="circle", x0=-band.outer, y0=-band.outer, x1=band.outer, y1=band.outer,
                      fillcolor=RING_FILLS[band.sharing], line=dict(color="#b7c3d3", width=1), layer="below")
        fig.add_annotation(x=0, y=(band.inner + band.outer) / 2, text=f"<b>{_plain(band.label)}</b>",
                           showarrow=False, font=dict(size=12, color=OUTLINE))
    r = picture.centre_radius
    fig.add_shape(type="circle", x0=-r, y0=-r, x1=r, y1=r, fillcolor="#ffffff",
                  line=dict(color=OUTLINE, width=1.5), layer="below")
    _centre(fig, picture)
    labelled = len(picture.assets) <= MAX_LABELLED
    for entry in picture.legend:
        dots = [a for a in picture.assets if a.status == entry.status]
        fig.add_trace(go.Scatter(
            # An empty status still gets its legend entry, so the legend reads the same on every plan.
            x=[a.x for a in dots] or [None], y=[a.y for a in dots] or [None], name=entry.label,
            customdata=[a.id for a in dots],
            mode="markers+text" if labelled else "markers",
            text=[_plain(_short(a.name, LABEL_LIMIT)) for a in dots],
            textposition=["middle right" if a.x >= 0 else "middle left" for a in dots],
            textfont=dict(size=11),
            hovertext=[_hover(a) for a in dots], hoverinfo="text",
            marker=dict(color=entry.colour, size=18, line=dict(color=OUTLINE, width=1.5),
                        symbol=["diamond" if a.personal_data != "none" else "circle" for a in dots]),
        ))
    fig.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=_("Diamond: holds personal data"),
                             marker=dict(symbol="diamond", size=12, color="#ffffff", line=dict(color=OUTLINE, width=1.5)),
                             hoverinfo="skip"))
    # Height and ranges are chosen so the circle fills the column: the width allows a little
    # more than the circle, for the names beside the outer dots.
    fig.update_xaxes(visible=False, range=[-1.5, 1.5], fixedrange=True)
    fig.update_yaxes(visible=False, range=[-1.05, 1.05], scaleanchor="x", scaleratio=1, fixedrange=True)
    fig.update_layout(height=560, margin=dict(l=0, r=0, t=10, b=10), showlegend=True, clickmode="event+select",
                      legend=dict(orientation="h", yanchor="top", y=0, x=0.5, xanchor="center"),
                      dragmode=False, plot_bgcolor="rgba(0,0,0,0)")
    return fig


def _centre(fig: go.Figure, picture: LandscapePicture) -> None:
    first = picture.centre_lines[0] if picture.centre_lines else _("State the prediction task on the ML Canvas")
    wrapped = "<br>".join(_plain(line) for line in textwrap.wrap(_short(first, 72), 24))
    fig.add_annotation(x=0, y=0.07, yanchor="bottom", text=f"<b>{_plain(picture.centre_title)}</b>",
                       showarrow=False, font=dict(size=13, color=OUTLINE))
    fig.add_annotation(x=0, y=0.05, yanchor="top", text=wrapped, showarrow=False,
                       font=dict(size=10, color="#333333"))
    # An invisible point in the centre carries the whole task and decisions as its hover.
    full = "<br>".join(_plain(_short(line, 160)) for line in picture.centre_lines) or _plain(first)
    fig.add_trace(go.Scatter(x=[0], y=[0], mode="markers", marker=dict(size=60, opacity=0), showlegend=False,
                             hovertext=[full], hoverinfo="text", name=picture.centre_title))


def _hover(asset) -> str:
    uses = labels_of(USE_LABELS, asset.uses) or _("no use given")
    lines = [f"<b>{_plain(asset.name)}</b>", _plain(_("Used as: {uses}").format(uses=uses)),
             _plain(_("Personal data: {grade}").format(grade=label_of(PERSONAL_LABELS, asset.personal_data)))]
    if asset.paid:
        lines.append(_plain(_("Paid data")))
    return "<br>".join(lines)
