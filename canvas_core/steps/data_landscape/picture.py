"""Where each data asset sits in the landscape picture, as plain numbers.

The picture puts the use of the data (the ML Canvas prediction task and
decisions) in the centre, with rings for private, shared and public data
around it. Each asset is a dot in its ring, coloured by its status. The layout
is computed here once so the app (plotly) and the PDF (reportlab) draw the
same picture. Coordinates are in the unit circle: centre (0, 0), y up. The
top of every ring (a wedge of LABEL_GAP around 12 o'clock) is kept free of
dots for the ring's label.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from canvas_core.i18n import _
from canvas_core.plan import DataAsset, Plan
from canvas_core.steps.data_landscape.rules import (
    SHARING_LABELS,
    STATUS_LABELS,
    is_paid,
)

# Status colours after the sticky-note habit of canvas workshops: green for what
# exists, yellow for what is planned, red for what is missing, white for a question.
STATUS_COLOURS = {"available": "#3aa76d", "accessible": "#f5c542", "missing": "#e0474c", "question": "#ffffff"}
STATUS_ORDER = ("available", "accessible", "missing", "question")
RING_ORDER = ("private", "shared", "public")

CENTRE_RADIUS = 0.28
RING_WIDTH = (1.0 - CENTRE_RADIUS) / len(RING_ORDER)
MARKER_RADIUS = 0.04
MIN_MARKER_RADIUS = 0.008
SPACING = 2.6  # centre-to-centre distance between neighbouring dots, in marker radii
LABEL_GAP = math.radians(36)
ARC = 2 * math.pi - LABEL_GAP
CENTRE_SOURCES = (("ml_canvas", "prediction_task"), ("ml_canvas", "decisions"))


@dataclass(frozen=True)
class RingBand:
    sharing: str
    label: str
    inner: float
    outer: float


@dataclass(frozen=True)
class PlacedAsset:
    id: str
    name: str  # raw user text
    sharing: str
    status: str
    colour: str
    x: float
    y: float
    personal_data: str
    uses: tuple[str, ...]
    paid: bool


@dataclass(frozen=True)
class LegendEntry:
    status: str
    label: str
    colour: str


@dataclass(frozen=True)
class LandscapePicture:
    centre_title: str
    centre_lines: tuple[str, ...]  # raw user text: the prediction task, then the decisions
    centre_radius: float
    rings: tuple[RingBand, ...]
    assets: tuple[PlacedAsset, ...]
    legend: tuple[LegendEntry, ...]
    marker_radius: float


def _rings() -> tuple[RingBand, ...]:
    return tuple(
        RingBand(sharing, _(SHARING_LABELS[sharing]), CENTRE_RADIUS + i * RING_WIDTH, CENTRE_RADIUS + (i + 1) * RING_WIDTH)
        for i, sharing in enumerate(RING_ORDER)
    )


def _tracks(band: RingBand, count: int, marker: float) -> list[tuple[float, int]] | None:
    """Concentric tracks (radius, dots) that hold `count` dots in the band, or None."""
    for n_tracks in range(1, 9):
        radii = [band.inner + (band.outer - band.inner) * (k + 1) / (n_tracks + 1) for k in range(n_tracks)]
        if n_tracks > 1 and (band.outer - band.inner) / (n_tracks + 1) < marker * SPACING:
            return None  # neighbouring tracks would overlap
        capacity = [max(1, int(ARC * r / (SPACING * marker))) for r in radii]
        if sum(capacity) >= count:
            # Share the dots out in proportion to each track's length.
            total = sum(capacity)
            shares = [min(c, math.ceil(count * c / total)) for c in capacity]
            while sum(shares) > count:
                shares[shares.index(max(shares))] -= 1
            return [(r, s) for r, s in zip(radii, shares) if s]
    return None


def _marker_for(rings: tuple[RingBand, ...], counts: dict[str, int]) -> float:
    """The largest dot size (up to MARKER_RADIUS) at which every ring holds its assets."""
    marker = MARKER_RADIUS
    while marker > MIN_MARKER_RADIUS and any(
        counts[band.sharing] and _tracks(band, counts[band.sharing], marker) is None for band in rings
    ):
        marker *= 0.85
    return max(marker, MIN_MARKER_RADIUS)


def _place(band: RingBand, ring_index: int, assets: list[DataAsset], marker: float) -> list[PlacedAsset]:
    tracks = _tracks(band, len(assets), marker) or [((band.inner + band.outer) / 2, len(assets))]
    placed: list[PlacedAsset] = []
    queue = iter(assets)
    for track_index, (radius, count) in enumerate(tracks):
        step = ARC / count
        # Clockwise from the label gap, shifted a little per ring and track so dots of
        # neighbouring rings do not line up along one spoke (their labels would collide).
        shift = (0.5 * ring_index + 0.3 * track_index) % 1 - 0.5  # within half a step either way
        start = math.pi / 2 - LABEL_GAP / 2
        for k in range(count):
            asset = next(queue)
            angle = start - (k + 0.5 + shift / 2) * step
            placed.append(PlacedAsset(
                id=asset.id, name=asset.name, sharing=asset.sharing, status=asset.status,
                colour=STATUS_COLOURS[asset.status], x=round(radius * math.cos(angle), 6),
                y=round(radius * math.sin(angle), 6), personal_data=asset.personal_data,
                uses=tuple(asset.uses), paid=is_paid(asset),
            ))
    return placed


def _centre_lines(plan: Plan) -> tuple[str, ...]:
    lines: list[str] = []
    for canvas_id, block_id in CENTRE_SOURCES:
        content = plan.canvases.get(canvas_id)
        if content and block_id in content.blocks:
            lines += [n.text for n in content.blocks[block_id].notes]
    return tuple(lines)


def landscape_picture(plan: Plan) -> LandscapePicture:
    rings = _rings()
    by_ring: dict[str, list[DataAsset]] = {sharing: [] for sharing in RING_ORDER}
    for asset in plan.data_landscape.assets:
        by_ring[asset.sharing].append(asset)
    for sharing in RING_ORDER:  # grouped by status within a ring, so a colour reads as one arc
        by_ring[sharing].sort(key=lambda a: STATUS_ORDER.index(a.status))
    marker = _marker_for(rings, {s: len(a) for s, a in by_ring.items()})
    placed = [p for i, band in enumerate(rings) if by_ring[band.sharing]
              for p in _place(band, i, by_ring[band.sharing], marker)]
    return LandscapePicture(
        centre_title=_("Use of the data"),
        centre_lines=_centre_lines(plan),
        centre_radius=CENTRE_RADIUS,
        rings=rings,
        assets=tuple(placed),
        legend=tuple(LegendEntry(s, _(STATUS_LABELS[s]), STATUS_COLOURS[s]) for s in STATUS_ORDER),
        marker_radius=marker,
    )
