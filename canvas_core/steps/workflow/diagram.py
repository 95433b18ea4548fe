"""The workflow's process diagram for the PDF, drawn with reportlab shapes.

The process diagram is a left-to-right layered drawing of `workflow.process_graph`
in the app's colours (chosen task dark, previous steps blue, following steps
green, other prediction candidates dashed). A long process folds into bands
read like lines of text, so it stays legible from 1 to 30 tasks and more:
arrows to the next layer are straight, every other arrow runs on a lane of its
own in the channel between bands (see routing). Tasks connected to nothing sit
in a row of their own below.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable, Paragraph

from canvas_core.i18n import N_, _
from canvas_core.report import fonts
from canvas_core.report.text import MUTED, WrapOnce, esc, make_style, shortened
from canvas_core.steps.workflow import rules as wf
from canvas_core.steps.workflow.routing import ARROW, Geometry, Slot, route

# role -> (fill, stroke, text colour), as the app's Mermaid class definitions
ROLE_COLOURS = {
    "other": ("#ffffff", "#9ca3af", "#1f2937"),
    "previous": ("#dbeafe", "#60a5fa", "#1f2937"),
    "following": ("#dcfce7", "#4ade80", "#1f2937"),
    "chosen": ("#1e3a8a", "#0f172a", "#ffffff"),
}
ROLE_LABELS = {"chosen": N_("The chosen task"), "previous": N_("Before it"), "following": N_("After it"),
               "other": N_("Elsewhere")}
MIN_BOX_W, MAX_BOX_W = 86.0, 150.0
GAP_X, GAP_Y = 20.0, 9.0
MAX_GAP_X = 34.0  # a gap (or margin) widens up to this when many arrows run down it
LANE = 5.0
CHANNEL_PAD = 7.0
LABEL_SIZE = 7.5
MARGIN = 16.0  # room left of the first column for the arrows that enter it from the side
MIN_SCALE = 0.55


@dataclass
class _Box:
    index: int
    node: wf.ProcessNode
    x: float = 0.0
    y: float = 0.0  # bottom
    band: int = 0
    layer: int = 0
    col: int = 0
    first: bool = True  # top one in its column of its band
    last: bool = True  # bottom one


def _layers(graph: wf.ProcessGraph) -> tuple[dict[int, int], list[tuple[int, int]]]:
    """Layer per node index (longest path from a start, cycles broken at back edges), and the edges by index."""
    index = {}
    for i, node in enumerate(graph.nodes):
        index.setdefault(node.id, i)
    edges = [(index[a], index[b]) for a, b in graph.edges if a in index and b in index and index[a] != index[b]]
    out: dict[int, list[int]] = {}
    for a, b in edges:
        out.setdefault(a, []).append(b)
    # Back edges: found by an iterative depth-first search in task order.
    state: dict[int, int] = {}
    back: set[tuple[int, int]] = set()
    order: list[int] = []
    for root in range(len(graph.nodes)):
        if root in state:
            continue
        stack = [(root, iter(out.get(root, ())))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                order.append(node)
                stack.pop()
            elif state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(out.get(child, ()))))
    layer = dict.fromkeys(range(len(graph.nodes)), 0)
    forward = [(a, b) for a, b in edges if (a, b) not in back]
    succ: dict[int, list[int]] = {}
    for a, b in forward:
        succ.setdefault(a, []).append(b)
    for node in reversed(order):  # reverse post-order is a topological order of the forward edges
        for child in succ.get(node, ()):
            layer[child] = max(layer[child], layer[node] + 1)
    return layer, edges


def _ordered(layers: dict[int, list[int]], edges: list[tuple[int, int]]) -> dict[int, list[int]]:
    """Fewer crossings: sort each layer by the mean position of its neighbours (two sweeps)."""
    pos = {n: i for members in layers.values() for i, n in enumerate(members)}
    preds: dict[int, list[int]] = {}
    succs: dict[int, list[int]] = {}
    for a, b in edges:
        preds.setdefault(b, []).append(a)
        succs.setdefault(a, []).append(b)
    for neighbours, keys in ((preds, sorted(layers)), (succs, sorted(layers, reverse=True)), (preds, sorted(layers))):
        for key in keys:
            members = layers[key]

            def centre(n: int, neighbours: dict[int, list[int]] = neighbours) -> float:
                near = [pos[m] for m in neighbours.get(n, ())]
                return sum(near) / len(near) if near else pos[n]

            members.sort(key=lambda n: (centre(n), pos[n]))
            for i, n in enumerate(members):
                pos[n] = i
    return layers


class ProcessDiagram(Flowable):
    """The process as boxes and arrows, scaled down to fit the frame."""

    def __init__(self, graph: wf.ProcessGraph, width: float, max_height: float):
        super().__init__()
        self.graph = graph
        self.avail_width = width
        self.max_height = max_height
        self._layout()

    # --- layout -----------------------------------------------------------------
    def _layout(self, gap_x: float = GAP_X, margin: float = MARGIN) -> None:
        graph = self.graph
        layer, edges = _layers(graph)
        linked = {a for a, _ in edges} | {b for _, b in edges}
        connected = [i for i in range(len(graph.nodes)) if i in linked]
        loose = [i for i in range(len(graph.nodes)) if i not in linked]
        by_layer: dict[int, list[int]] = {}
        for i in connected:
            by_layer.setdefault(layer[i], []).append(i)
        by_layer = _ordered(by_layer, edges)
        n_layers = max(by_layer, default=-1) + 1
        usable = self.avail_width - 2 * margin  # margins hold the arrows that enter the first column
        most = max(1, int((usable + GAP_X) // (MIN_BOX_W + GAP_X)))
        # Balanced bands: 6 layers with room for 4 become 3 + 3, not 4 + 2.
        n_bands = max(1, math.ceil(n_layers / most))
        per_band = max(1, math.ceil(n_layers / n_bands)) if n_layers else most
        columns = max(1, min(most, max(per_band if n_layers else 0, min(len(loose), most))))
        self.box_w = min(MAX_BOX_W, (usable - (columns - 1) * gap_x) / columns)
        self.labels = [self._label(node) for node in graph.nodes]
        self.box_h = max([26.0, *(h + 8 for _, h in self.labels)])
        self.boxes = [_Box(i, node) for i, node in enumerate(graph.nodes)]
        self.edges = edges

        bands: list[list[int]] = []  # layer numbers per band
        for start in range(0, n_layers, per_band):
            bands.append(list(range(start, min(n_layers, start + per_band))))
        band_of_layer = {layer: b for b, ls in enumerate(bands) for layer in ls}
        lanes_below = [0] * (len(bands) + 1)
        lanes_above = [0] * (len(bands) + 1)
        self.routes: list[tuple[int, int, str]] = []  # (from, to, kind)
        for a, b in edges:
            la, lb = layer[a], layer[b]
            ba, bb = band_of_layer[la], band_of_layer[lb]
            if ba == bb and lb == la + 1:
                self.routes.append((a, b, "straight"))
            elif bb < ba:
                self.routes.append((a, b, "above"))
                lanes_above[ba] += 1
            else:
                self.routes.append((a, b, "below"))
                lanes_below[ba] += 1

        def channel(lanes: int) -> float:
            return CHANNEL_PAD * 2 + lanes * LANE if lanes else CHANNEL_PAD

        # Top to bottom, then flip to reportlab's bottom-up coordinates.
        y = 0.0
        self.band_spans: list[tuple[float, float]] = []
        for b, layers in enumerate(bands):
            y += channel(lanes_above[b])
            rows = max(len(by_layer[layer]) for layer in layers)
            band_h = rows * self.box_h + (rows - 1) * GAP_Y
            for col, layer in enumerate(layers):
                members = by_layer[layer]
                offset = (rows - len(members)) * (self.box_h + GAP_Y) / 2
                for r, i in enumerate(members):
                    box = self.boxes[i]
                    box.band, box.layer, box.col = b, layer, col
                    box.first, box.last = r == 0, r == len(members) - 1
                    box.x = margin + col * (self.box_w + gap_x)
                    box.y = y + offset + r * (self.box_h + GAP_Y)  # top, measured downwards for now
            self.band_spans.append((y, y + band_h))
            y += band_h + channel(lanes_below[b])
        if loose:
            y += 14.0  # room for the caption of the unconnected row
            self.loose_caption_y = y - 4
            per_row = max(1, int((usable + gap_x) // (self.box_w + gap_x)))
            for k, i in enumerate(loose):
                box = self.boxes[i]
                box.x = margin + (k % per_row) * (self.box_w + gap_x)
                box.y = y + (k // per_row) * (self.box_h + GAP_Y)
                box.band = -1
            rows = math.ceil(len(loose) / per_row)
            y += rows * self.box_h + (rows - 1) * GAP_Y + 4
        else:
            self.loose_caption_y = None
        self.natural_height = max(y, self.box_h)
        self.natural_width = self.avail_width
        for box in self.boxes:  # flip: y becomes the bottom edge, measured upwards
            box.y = self.natural_height - box.y - self.box_h
        self.band_spans = [(self.natural_height - bottom, self.natural_height - top) for top, bottom in self.band_spans]
        geometry = Geometry(self.box_w, self.box_h, margin, gap_x, self.avail_width, tuple(self.band_spans),
                            CHANNEL_PAD, LANE)
        slots = [Slot(b.x, b.y, b.band, b.col, b.first, b.last) for b in self.boxes]
        routing = route(slots, self.routes, geometry)
        # Lanes in a gap or a margin would run too close: widen them (the boxes narrow a little) and lay out again.
        wider_gap = min(MAX_GAP_X, max(gap_x, routing.gap_width_needed()))
        wider_margin = min(MAX_GAP_X, max(margin, routing.margin_needed()))
        if wider_gap > gap_x + 0.5 or wider_margin > margin + 0.5:
            return self._layout(wider_gap, wider_margin)
        self.margin = margin
        self.connectors = routing.connectors  # polylines ending at their arrow's tip
        # Shrunk to fit one page. Down to MIN_SCALE the labels stay readable; a larger process
        # (far beyond 30 tasks) shrinks further and the section says so: its task table lists all.
        self.scale = min(1.0, self.max_height / self.natural_height) if self.natural_height else 1.0
        self.width = self.natural_width
        self.height = self.natural_height * self.scale

    def _label(self, node: wf.ProcessNode) -> tuple[Paragraph, float]:
        *_rest, ink = ROLE_COLOURS[node.role]
        text = _cut(node.label) or _("Unnamed task")
        markup = f'<font color="{ink}"><b>{esc(text)}</b></font>'
        if node.actor.strip():
            actor_ink = "#dbeafe" if node.role == "chosen" else MUTED.hexval()
            markup += f'<br/><font color="{actor_ink}" size="{LABEL_SIZE - 0.5}">{esc(_cut(node.actor, 60))}</font>'
        p = WrapOnce(markup, _label_style())  # drawn at the width measured here: no second wrap
        _w, h = p.wrap(self._inner_width(), 1e6)
        return p, h

    def _inner_width(self) -> float:
        return getattr(self, "box_w", MAX_BOX_W) - 8

    def wrap(self, availWidth, availHeight):
        return self.width, self.height

    # --- drawing ------------------------------------------------------------------
    def draw(self):
        c = self.canv
        c.saveState()
        if self.scale != 1.0:
            c.translate((self.width - self.natural_width * self.scale) / 2, 0)
            c.scale(self.scale, self.scale)
        c.setLineWidth(0.9)
        c.setStrokeColor(colors.HexColor("#6b7280"))
        c.setFillColor(colors.HexColor("#6b7280"))
        self._draw_edges(c)
        if self.loose_caption_y is not None:
            c.setFont(fonts.OBLIQUE, 7)
            c.setFillColor(MUTED)
            c.drawString(self.margin, self.natural_height - self.loose_caption_y,
                         _("Tasks not connected to any other task:"))
        for box in self.boxes:
            self._draw_box(c, box)
        c.restoreState()

    def _draw_box(self, c, box: _Box) -> None:
        fill, stroke, _ink = ROLE_COLOURS[box.node.role]
        c.saveState()
        c.setFillColor(colors.HexColor(fill))
        c.setStrokeColor(colors.HexColor(stroke))
        dashed = box.node.candidate and box.node.role != "chosen"
        c.setLineWidth(1.6 if dashed or box.node.role == "chosen" else 0.9)
        if dashed:
            c.setDash(4, 2.5)
        c.roundRect(box.x, box.y, self.box_w, self.box_h, 4, stroke=1, fill=1)
        c.restoreState()
        p, h = self.labels[box.index]
        p.wrap(self.box_w - 8, 1e6)
        p.drawOn(c, box.x + 4, box.y + (self.box_h - h) / 2)

    def _draw_edges(self, c) -> None:
        for points in self.connectors:
            (x1, y1), (x2, y2) = points[-2], points[-1]
            length = math.hypot(x2 - x1, y2 - y1) or 1.0
            stop = (x2 - (x2 - x1) * ARROW * 0.8 / length, y2 - (y2 - y1) * ARROW * 0.8 / length)
            _poly(c, [*points[:-1], stop])
            _arrow(c, x1, y1, x2, y2, ARROW)


def _poly(c, points) -> None:
    path = c.beginPath()
    path.moveTo(*points[0])
    for p in points[1:]:
        path.lineTo(*p)
    c.drawPath(path, stroke=1, fill=0)


def _arrow(c, x1, y1, x2, y2, size: float = 4.5) -> None:
    """A filled arrowhead at (x2, y2) pointing from (x1, y1)."""
    angle = math.atan2(y2 - y1, x2 - x1)
    left = (x2 - size * math.cos(angle - 0.45), y2 - size * math.sin(angle - 0.45))
    right = (x2 - size * math.cos(angle + 0.45), y2 - size * math.sin(angle + 0.45))
    path = c.beginPath()
    path.moveTo(x2, y2)
    path.lineTo(*left)
    path.lineTo(*right)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _cut(text: str, limit: int = wf.MAX_LABEL_CHARS) -> str:
    """Diagram labels stay short (the task table next to the diagram has the full text)."""
    return shortened(text, limit)


@functools.cache
def _label_style():
    return make_style("diagram_label", LABEL_SIZE, leading=LABEL_SIZE * 1.18)


def legend() -> str:
    """Markup for the diagram's key (our own words only)."""
    parts = []
    for role in ("chosen", "previous", "following", "other"):
        fill, stroke, _ink = ROLE_COLOURS[role]
        parts.append(f'<font color="{fill if role == "chosen" else stroke}">■</font> {esc(_(ROLE_LABELS[role]))}')
    parts.append(esc(_("dashed border: another prediction candidate")))
    return " &nbsp; ".join(parts)
