"""Node positions computed on the server, so the browser draws a network at once with physics off.

vis-network's own physics needs about 80 s to settle 1,000 nodes; igraph's Fruchterman-Reingold with
its grid approximation lays them out in about 0.05 s. Each connected component is laid out on its own
and the components are packed side by side, largest first, so a filtered view with many small islands
stays readable instead of drifting apart. Results are cached by the graph's structure and the nodes' drawn
sizes: redrawing the same view (another colour) costs nothing.

No two nodes are drawn on top of each other. A force layout puts nodes with the same neighbours (two hubs
linked to the same 25 clusters, leaves of one project) at nearly one spot, which a drawing with discs up to
40 px wide showed as one node. After the layout, discs that overlap are pushed apart along the line between
them (coincident ones in a direction fixed by their numbers) until each pair is at least the sum of the radii
plus a gap apart.
"""

from __future__ import annotations

import hashlib
import math
import random
from collections import OrderedDict
from collections.abc import Hashable, Mapping

import igraph as ig
import networkx as nx
import numpy as np
from scipy.spatial import cKDTree

from graph.seeded_igraph import seeded

__all__ = ["positions", "start_positions", "SPACING", "GAP"]

#: Typical distance in pixels from a node to its nearest other node, in vis-network's canvas coordinates.
SPACING = 45.0
#: Free pixels between two drawn discs (a focus's border is 4 px wide).
GAP = 4.0
_SEPARATION_ROUNDS = 200
_CACHE: OrderedDict[str, dict[Hashable, tuple[float, float]]] = OrderedDict()
_CACHE_SIZE = 32


def _fingerprint(nodes: list[Hashable], edges: list[tuple[int, int]], seed: int, widths: list[int],
                 radii: list[float]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    digest.update(repr((seed, len(nodes), widths, radii)).encode())
    digest.update("\x1f".join(map(str, nodes)).encode())
    digest.update(repr(edges).encode())
    return digest.hexdigest()


def start_positions(n: int, seed: int) -> list[list[float]]:
    """Where the force layout of `n` nodes starts: seeded (the global RNG is left alone), inside igraph's frame.

    igraph's grid Fruchterman-Reingold (`grid=True`, used above 100 nodes) files the nodes in cells of 2 units
    covering the square of side sqrt(n) around 0, the square its own random start fills; a node outside it is
    filed in a border cell. Starts in the square twice as wide crowded those cells, and every node there was
    compared with every other: half the CPU of a 5,000-node layout, for a picture as even (docs/app.md).
    """
    rng, half = random.Random(seed), math.sqrt(n) / 2
    return [[rng.uniform(-half, half), rng.uniform(-half, half)] for _ in range(n)]


def _component_layout(graph: ig.Graph, members: list[int], seed: int, spacing: float) -> list[tuple[float, float]]:
    """Coordinates of one component, centred on 0 and scaled so nodes sit about `spacing` from the nearest."""
    n = len(members)
    if n == 1:
        return [(0.0, 0.0)]
    if n == 2:
        return [(-spacing / 2, 0.0), (spacing / 2, 0.0)]
    sub = graph.induced_subgraph(members)
    start = start_positions(n, seed)
    iterations = 500 if n <= 300 else 300
    with seeded(seed):  # igraph also draws random numbers during the layout, not only for the start
        coords = sub.layout_fruchterman_reingold(seed=start, niter=iterations, grid=n > 100).coords
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    cx, cy = sum(xs) / n, sum(ys) / n
    nearest, _ = cKDTree(coords).query(coords, k=2)
    typical = float(sorted(nearest[:, 1])[n // 2])  # median distance to the nearest other node
    scale = spacing / typical if typical > 0 else 1.0
    return [((x - cx) * scale, (y - cy) * scale) for x, y in coords]


def _separate(coords: list[tuple[float, float]], radii: list[float]) -> list[tuple[float, float]]:
    """`coords` moved so that no two discs of `radii` overlap: each pair at least the sum of their radii plus `GAP`
    apart. Each round pushes every overlapping pair apart along the line between them by half the shortfall each
    (coincident ones along an angle set by their numbers), so the result is deterministic.

    The pairs near enough to overlap are found with a margin and kept until some disc has moved half of it (no pair
    outside can then have come within reach): a 5,000-node view took 37 rounds, each building a tree and listing
    its pairs anew."""
    if len(coords) < 2:
        return coords
    xy, radius = np.array(coords, dtype=float), np.array(radii, dtype=float)
    reach = 2 * float(radius.max()) + GAP
    margin, anchor, near = reach / 4, None, None
    for _ in range(_SEPARATION_ROUNDS):
        if anchor is None or float(np.hypot(*(xy - anchor).T).max()) > margin / 2:
            near, anchor = cKDTree(xy).query_pairs(reach + margin, output_type="ndarray"), xy.copy()
        if not len(near):
            break
        first, second = near[:, 0], near[:, 1]
        delta = xy[second] - xy[first]
        distance = np.hypot(delta[:, 0], delta[:, 1])
        needed = radius[first] + radius[second] + GAP
        short = distance < needed - 0.01
        if not short.any():
            break
        first, second, delta, distance, needed = (a[short] for a in (first, second, delta, distance, needed))
        same = distance < 1e-6
        angle = (first[same] * 2.399963 + second[same]) % (2 * math.pi)  # the golden angle: spread, not a line
        delta[same] = np.column_stack([np.cos(angle), np.sin(angle)])
        distance[same] = 1.0
        push = delta * ((needed - distance) * 0.51 / distance)[:, None]  # a hair over half: no endless creeping
        for axis in (0, 1):
            xy[:, axis] += (np.bincount(second, push[:, axis], len(xy)) - np.bincount(first, push[:, axis], len(xy)))
    return [(float(x), float(y)) for x, y in xy]


def _pack(blocks: list[tuple[list[int], list[tuple[float, float]]]], room: float) -> dict[int, tuple[float, float]]:
    """Place component blocks in rows (largest first) inside a roughly square area, `room` apart."""
    boxes = []
    for members, coords in blocks:
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        boxes.append((members, coords, min(xs), min(ys), max(xs) - min(xs) + room, max(ys) - min(ys) + room))
    area = sum(w * h for *_, w, h in boxes)
    row_width = max(math.sqrt(area) * 1.2, max(w for *_, w, _ in boxes))
    placed: dict[int, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for members, coords, min_x, min_y, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for index, (cx, cy) in zip(members, coords, strict=True):
            placed[index] = (x + cx - min_x, y + cy - min_y)
        x += width
        row_height = max(row_height, height)
    return placed


def _rows_of_singles(widths: list[float], spacing: float) -> list[tuple[float, float]]:
    """Nodes without links in rows, like words in a paragraph: each takes the room of its label (`widths`,
    centred on the node) plus a gap, so no two labels overlap; the block is about as wide as it is tall."""
    gap, row_height = spacing * 0.3, spacing
    room = [max(w, spacing * 0.6) + gap for w in widths]
    row_width = max(math.sqrt(sum(room) * row_height), max(room))
    placed, x, y = [], 0.0, 0.0
    for width in room:
        if x > 0 and x + width > row_width:
            x, y = 0.0, y + row_height
        placed.append((x + width / 2, y))
        x += width
    return placed


def positions(graph: nx.Graph, *, seed: int = 7, spacing: float | None = None,
              widths: Mapping[Hashable, float] | None = None,
              radii: Mapping[Hashable, float] | None = None) -> dict[Hashable, tuple[float, float]]:
    """`{node: (x, y)}` in pixels for any networkx graph (directions and parallel edges are ignored).

    `spacing` is the typical distance from a node to its nearest other node; by default it grows for
    small graphs (drawn with bigger nodes) from `SPACING` up to 4 times it. Deterministic for a given
    graph and seed, and cached by the graph's nodes and edges. `widths` (pixels, by node) are the widths
    of the labels drawn under the nodes: nodes without links are set in rows with room for theirs. `radii`
    (pixels, by node) are the drawn discs' radii (a quarter of `spacing` for a node not in it): no two discs
    overlap, each pair is at least `GAP` apart.

    Examples
    --------
    >>> pos = positions(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3]
    True
    """
    nodes = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in graph.edges() if u != v})
    if spacing is None:
        spacing = SPACING * min(4.0, max(1.0, math.sqrt(300 / max(len(nodes), 1))))
    widths, radii = widths or {}, radii or {}
    radius = [float(radii.get(n, spacing / 4)) for n in nodes]
    key = _fingerprint(nodes, edges, seed, [round(widths.get(n, 0)) for n in nodes], radius) + f"@{spacing:g}"
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    if not nodes:
        return {}
    igraph_graph = ig.Graph(n=len(nodes), edges=edges)
    components = sorted(igraph_graph.connected_components(), key=len, reverse=True)
    big = [members for members in components if len(members) > 1]
    singles = [members[0] for members in components if len(members) == 1]
    blocks = [(members, _component_layout(igraph_graph, members, seed, spacing)) for members in big]
    if singles:
        blocks.append((singles, _rows_of_singles([widths.get(nodes[i], spacing) for i in singles], spacing)))
    blocks = [(members, _separate(coords, [radius[i] for i in members])) for members, coords in blocks]
    placed = _pack(blocks, max(spacing, 2 * max(radius) + GAP))
    result = {node: (round(placed[i][0], 1), round(placed[i][1], 1)) for node, i in index.items()}
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result
