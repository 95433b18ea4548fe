"""Connector routes for the process diagram: every arrow gets lanes of its own.

The diagram folds a long process into bands (rows of columns). An arrow to the next column is a
straight line; every other arrow runs through the channel between two bands on a lane of its own.
It leaves its task downwards (or upwards) when no task sits between it and the channel, otherwise
from the side into the gap beside the column, and enters its target from above (or below) in the
same way, or from the left. Vertical runs in a gap or along a task's edge each have an x of their
own, ends on a task's side a y of their own, so no two arrows share a stretch of line and each
has its own arrowhead; gaps and channels hold no tasks, so no arrow crosses one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Point = tuple[float, float]

ARROW = 4.5  # the arrowhead's length: the line stops there and the head covers the rest
GAP_LANE = 5.5  # preferred distance between vertical runs in a gap
EDGE_LANE = 12.0  # ... and between runs leaving or entering a task's top or bottom
SIDE_LANE = 6.0  # ... and between arrow ends on a task's side


@dataclass
class Slot:
    """A box placed in the diagram, as the router needs it (y is the bottom edge, upwards)."""

    x: float
    y: float
    band: int
    col: int
    first: bool  # the top one in its column of its band: nothing between it and the band's top
    last: bool  # the bottom one: nothing between it and the band's bottom


@dataclass(frozen=True)
class Geometry:
    box_w: float
    box_h: float
    margin: float
    gap_x: float
    width: float
    band_spans: tuple[tuple[float, float], ...]  # (bottom, top) per band
    channel_pad: float
    lane: float


@dataclass
class _Route:
    a: int
    b: int
    kind: str  # "straight", "below" (runs in the channel under the source band) or "above"
    boundary: int = 0  # channel between band boundary - 1 (above) and band boundary (below)
    lane: int = 0
    exit_mode: str = "side"  # "side" or "edge" (top or bottom)
    entry_mode: str = "side"
    exit_x: float = 0.0
    exit_y: float = 0.0
    entry_x: float = 0.0
    entry_y: float = 0.0
    points: list[Point] = field(default_factory=list)


@dataclass(frozen=True)
class Routing:
    connectors: list[list[Point]]  # per route, a polyline from the source's border to its arrow's tip
    busiest_gap: int  # the most vertical runs in one gap between columns
    busiest_margin: int  # ... in the margin left of the first column or right of the last

    def gap_width_needed(self) -> float:
        """The gap between columns that gives the busiest one GAP_LANE between its runs."""
        return _room(self.busiest_gap)

    def margin_needed(self) -> float:
        return _room(self.busiest_margin)


def _room(runs: int) -> float:
    """Width for runs GAP_LANE apart, with room for an arrowhead and a little air either side."""
    return (runs - 1) * GAP_LANE + ARROW + 6 if runs > 1 else 0.0


def route(slots: list[Slot], routes: list[tuple[int, int, str]], geo: Geometry) -> Routing:
    """Each connector as a polyline from its source's border to the tip of its arrowhead."""
    w, h = geo.box_w, geo.box_h
    rs = [_Route(a, b, kind) for a, b, kind in routes]
    for r in rs:
        if r.kind == "straight":
            continue
        src, dst = slots[r.a], slots[r.b]
        r.boundary = src.band + 1 if r.kind == "below" else src.band
        if (src.band == r.boundary - 1 and src.last) or (src.band == r.boundary and src.first):
            r.exit_mode = "edge"
        if (dst.band == r.boundary and dst.first) or (dst.band == r.boundary - 1 and dst.last):
            r.entry_mode = "edge"

    def col_x(col: int) -> float:
        return geo.margin + col * (w + geo.gap_x)

    def gap_bounds(gap: int) -> tuple[float, float]:
        left = col_x(gap - 1) + w + 2 if gap > 0 else 2.0
        right = col_x(gap) - ARROW - 2 if gap == 0 or col_x(gap) < geo.width else geo.width - 2
        return left, right

    # Rough ends of each channel run, to order lanes and slots so that runs cross as little as possible.
    def rough_start(r: _Route) -> float:
        src = slots[r.a]
        return src.x + w / 2 if r.exit_mode == "edge" else sum(gap_bounds(src.col + 1)) / 2

    def rough_end(r: _Route) -> float:
        dst = slots[r.b]
        return dst.x + w / 2 if r.entry_mode == "edge" else sum(gap_bounds(dst.col)) / 2

    channels: dict[tuple[int, str], list[_Route]] = {}
    for r in rs:
        if r.kind != "straight":
            channels.setdefault((r.boundary, r.kind), []).append(r)
    for members in channels.values():
        # The longest run nearest the source band: shorter runs turn off before reaching its end.
        members.sort(key=lambda r: (-abs(rough_end(r) - rough_start(r)), r.a, r.b))
        for lane, r in enumerate(members):
            r.lane = lane

    # Vertical runs along a task's top or bottom, per channel and column.
    edge_runs: dict[tuple[int, int], list[tuple[float, _Route, str]]] = {}
    # Vertical runs in a gap: leaving ones left of entering ones, so their short horizontal ends never meet.
    gap_runs: dict[int, list[tuple[int, float, _Route, str]]] = {}
    for r in rs:
        if r.kind == "straight":
            continue
        src, dst = slots[r.a], slots[r.b]
        if r.exit_mode == "edge":
            edge_runs.setdefault((r.boundary, src.col), []).append((rough_end(r), r, "exit"))
        else:
            gap_runs.setdefault(src.col + 1, []).append((0, -r.lane, r, "exit"))
        if r.entry_mode == "edge":
            edge_runs.setdefault((r.boundary, dst.col), []).append((rough_start(r), r, "entry"))
        else:
            gap_runs.setdefault(dst.col, []).append((1, r.lane, r, "entry"))
    for (_, col), runs in edge_runs.items():
        runs.sort(key=lambda run: (run[0], run[1].lane))
        for x, (_, r, end) in zip(_spread(col_x(col) + w / 2, len(runs), EDGE_LANE, w - 20), runs):
            setattr(r, f"{end}_x", x)
    for gap, runs in gap_runs.items():
        runs.sort(key=lambda run: run[:2])
        left, right = gap_bounds(gap)
        for x, (*_, r, end) in zip(_spread((left + right) / 2, len(runs), GAP_LANE, right - left), runs):
            setattr(r, f"{end}_x", x)

    # Arrow ends on a task's side: straight arrows and side exits on the right, side entries on the left.
    sides: dict[tuple[int, str], list[tuple[float, _Route, str]]] = {}
    for r in rs:
        src, dst = slots[r.a], slots[r.b]
        if r.kind == "straight" or r.exit_mode == "side":
            sides.setdefault((r.a, "right"), []).append((dst.y if r.kind == "straight" else -r.lane, r, "exit"))
        if r.kind == "straight" or r.entry_mode == "side":
            sides.setdefault((r.b, "left"), []).append((src.y if r.kind == "straight" else -r.lane, r, "entry"))
    for (index, _), ends in sides.items():
        ends.sort(key=lambda end: end[0])
        for y, (_, r, end) in zip(_spread(slots[index].y + h / 2, len(ends), SIDE_LANE, h - 8), ends):
            setattr(r, f"{end}_y", y)

    for r in rs:
        src, dst = slots[r.a], slots[r.b]
        if r.kind == "straight":
            r.points = [(src.x + w, r.exit_y), (dst.x, r.entry_y)]
            continue
        bottom, top = geo.band_spans[src.band]
        offset = geo.channel_pad + r.lane * geo.lane
        cy = bottom - offset if r.kind == "below" else top + offset
        if r.exit_mode == "edge":
            pts = [(r.exit_x, src.y if r.kind == "below" else src.y + h), (r.exit_x, cy)]
        else:
            pts = [(src.x + w, r.exit_y), (r.exit_x, r.exit_y), (r.exit_x, cy)]
        if r.entry_mode == "edge":
            pts += [(r.entry_x, cy), (r.entry_x, dst.y + h if dst.band == r.boundary else dst.y)]
        else:
            pts += [(r.entry_x, cy), (r.entry_x, r.entry_y), (dst.x, r.entry_y)]
        r.points = _simplified(pts)
    inner = [len(runs) for gap, runs in gap_runs.items() if 0 < gap and col_x(gap) < geo.width]
    outer = [len(runs) for gap, runs in gap_runs.items() if gap == 0 or col_x(gap) >= geo.width]
    return Routing([r.points for r in rs], max(inner, default=0), max(outer, default=0))


def _spread(centre: float, n: int, step: float, room: float) -> list[float]:
    """n positions around centre, step apart, closer together when room is short."""
    if n <= 1:
        return [centre] * n
    step = min(step, max(room, 0.0) / (n - 1))
    return [centre + (i - (n - 1) / 2) * step for i in range(n)]


def _simplified(points: list[Point]) -> list[Point]:
    """Repeated points and points in the middle of a straight run taken out."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-6 and abs(p[1] - out[-1][1]) < 1e-6:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if abs((x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)) < 1e-6:
                out[-1] = p
                continue
        out.append(p)
    return out
