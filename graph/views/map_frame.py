"""The map's first view: centre and zoom that fit the places shown, in deck.gl's Web Mercator.

A fixed centre and zoom cut off whatever lies far from the middle (the Nordics at the top of Europe);
`fit_view` computes them from the points, as deck.gl's own `fitBounds` does in the browser (512-pixel
world at zoom 0), so the server can hand the chart a view that already fits. `framed` leaves out the
few far-flung places with little activity (overseas regions, Svalbard) that would otherwise zoom the
whole map out to the Indian Ocean; they are still drawn, a zoom or a drag away. `apart` keeps the names that
do not overlap at that view, the stronger first; `reveal_zooms` the zoom from which each is drawn as the user zooms
in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["View", "fit_view", "framed", "to_pixels", "apart", "reveal_zooms", "country_frame", "leaving",
           "LEGIBLE_SHARE"]

TILE = 512  # deck.gl's world size in pixels at zoom 0
MAX_LATITUDE = 85.051129  # Web Mercator's edge
#: The share of the map's width or height the chosen countries' places must span at a view framing their
#: collaborations abroad too, for that view to be the first: Sweden spans half the height of its Europe-wide view,
#: Austria a sixth of the width of its own, its names over each other.
LEGIBLE_SHARE = 1 / 3


@dataclass(frozen=True)
class View:
    latitude: float
    longitude: float
    zoom: float


def _world(lat: float, lon: float) -> tuple[float, float]:
    """Web Mercator coordinates in [0, 1]: x from the antimeridian eastwards, y from the north edge down."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180) / 360, 0.5 - y / (2 * math.pi)


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp((0.5 - y) * 2 * math.pi)) - math.pi / 2)


def to_pixels(view: View, lat: float, lon: float, width: float, height: float) -> tuple[float, float]:
    """Where a point lands in a `width` x `height` map showing `view` (pixels from the top left)."""
    scale = TILE * 2 ** view.zoom
    cx, cy = _world(view.latitude, view.longitude)
    x, y = _world(lat, lon)
    return width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale


def fit_view(points: Sequence[tuple[float, float]], width: float = 800, height: float = 620, padding: float = 40,
             max_zoom: float = 9.0) -> View:
    """The centre and largest zoom at which every `(lat, lon)` point lies `padding` pixels inside the map.

    Examples
    --------
    >>> view = fit_view([(55.0, -5.0), (70.0, 30.0)], width=800, height=600, padding=40)
    >>> all(39.5 <= x <= 760.5 and 39.5 <= y <= 560.5
    ...     for x, y in (to_pixels(view, lat, lon, 800, 600) for lat, lon in [(55.0, -5.0), (70.0, 30.0)]))
    True
    """
    if not points:
        return View(50.0, 10.0, 3.0)  # Europe
    xs, ys = zip(*(_world(lat, lon) for lat, lon in points), strict=True)
    spread_x, spread_y = max(xs) - min(xs), max(ys) - min(ys)
    room_x, room_y = max(width - 2 * padding, 1), max(height - 2 * padding, 1)
    fits = [room / (TILE * spread) for room, spread in ((room_x, spread_x), (room_y, spread_y)) if spread > 0]
    zoom = min(max_zoom, math.log2(min(fits))) if fits else max_zoom
    centre_x, centre_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    return View(round(_latitude(centre_y), 5), round(centre_x * 360 - 180, 5), round(zoom, 3))


def framed(points: Sequence[tuple[float, float, float]], trim: float = 0.002) -> list[tuple[float, float]]:
    """The `(lat, lon)` of the weighted points `(lat, lon, weight)` worth framing: those inside the box left
    when, on each of the four sides, the outermost points holding together less than `trim` of the weight
    are set aside.

    Far points with little weight (an overseas region, Svalbard) fall outside; a far point with real
    weight (Nord-Norge, Iceland) sets the edge. With no weight at all, every point counts.

    >>> framed([(50, 10, 100), (52, 12, 100), (70, 20, 30), (-21, 55, 0.1)], trim=0.01)
    [(50, 10), (52, 12), (70, 20)]
    """
    total = sum(max(w, 0) for _, _, w in points)
    if total <= 0:
        return [(lat, lon) for lat, lon, _ in points]
    south, north = _trimmed([(lat, w) for lat, _, w in points], trim * total)
    west, east = _trimmed([(lon, w) for _, lon, w in points], trim * total)
    return [(lat, lon) for lat, lon, _ in points if south <= lat <= north and west <= lon <= east]


def _trimmed(values: Sequence[tuple[float, float]], allowance: float) -> tuple[float, float]:
    """The lowest and highest value left once each end sheds points of weight below `allowance` in all."""
    ordered = sorted(values)
    return _first_kept(ordered, allowance), _first_kept(ordered[::-1], allowance)


def _first_kept(values: Sequence[tuple[float, float]], allowance: float) -> float:
    shed = 0.0
    for value, weight in values:
        shed += max(weight, 0)
        if shed >= allowance:
            return value
    return values[-1][0]


def apart(labels: Sequence[tuple[float, float, str]], view: View, size: float = 12.0, offset_y: float = -14.0,
          margin: float = 2.0, width: float = 800, height: float = 620) -> list[int]:
    """The indexes of the `(lat, lon, text)` labels, strongest first, drawn at `view` without overlapping a stronger
    one: each text is `size` pixels high, about 0.6 `size` per character wide, centred `offset_y` pixels above its
    point (deck.gl's TextLayer with `getPixelOffset`), and kept `margin` pixels apart.

    Close places' names had been drawn over each other (Berlin over Makroregion województwo mazowieckie). deck.gl's
    CollisionFilterExtension, which Streamlit's deck.gl 9.4 registers, drew no name at all in headless Chromium,
    so the names are thinned here, at the first view: a name left out is still in its bubble's tooltip, and drawn
    closer in (`reveal_zooms`).

    >>> view = View(50.0, 10.0, 4.0)
    >>> apart([(50.0, 10.0, "Bayern"), (50.05, 10.1, "Oberbayern"), (55.0, 10.0, "Danmark")], view)
    [0, 2]
    """
    kept: list[tuple[float, float, float, float]] = []
    chosen = []
    for index, (lat, lon, text) in enumerate(labels):
        x, y = to_pixels(view, lat, lon, width, height)
        half_w, half_h = 0.3 * size * len(text) + margin, size / 2 + margin
        box = (x - half_w, y + offset_y - half_h, x + half_w, y + offset_y + half_h)
        if all(box[2] <= k[0] or k[2] <= box[0] or box[3] <= k[1] or k[3] <= box[1] for k in kept):
            kept.append(box)
            chosen.append(index)
    return chosen


def reveal_zooms(labels: Sequence[tuple[float, float, str]], view: View, steps: int = 4, first: int | None = None,
                 **box: float) -> list[float | None]:
    """The zoom from which each of the `(lat, lon, text)` labels (strongest first) is drawn: the first `view`'s for
    those `apart` keeps there (of the `first` few only, when given), else `view.zoom + k` for the first `k` of 1 to
    `steps` at which it overlaps none drawn already nor a stronger one; None for a label that overlaps at every one.

    Zooming in moves every two points apart, so a name drawn from one zoom overlaps none at any closer zoom: the
    names thinned for the first view come back as the user zooms in (they had stayed in tooltips only). `box` is
    `apart`'s sizes.

    >>> view = View(50.0, 10.0, 4.0)
    >>> reveal_zooms([(50.0, 10.0, "Bayern"), (50.05, 10.3, "Oberbayern"), (55.0, 10.0, "Danmark")], view)
    [4.0, 8.0, 4.0]
    """
    zooms: list[float | None] = [None] * len(labels)
    for step in range(steps + 1):
        order = sorted(range(len(labels) if step or first is None else min(first, len(labels))),
                       key=lambda i: (zooms[i] is None, i))  # those drawn already first: they stay
        at = View(view.latitude, view.longitude, view.zoom + step)
        for kept in apart([labels[i] for i in order], at, **box):
            if zooms[order[kept]] is None:
                zooms[order[kept]] = at.zoom
    return zooms


def country_frame(own: Sequence[tuple[float, float]], wide: View, width: float = 800, height: float = 620,
                  padding: float = 60, max_zoom: float = 7.0) -> View | None:
    """The view framing the chosen countries' own `(lat, lon)` places, `padding` pixels inside the map (room for their
    names), when at the `wide` view (their collaborations abroad framed too) they span less than `LEGIBLE_SHARE` of
    the map's width and of its height; None when they span more there, or are a single point (a country at NUTS 0),
    so `wide` serves.

    Austria's collaborations reach all over Europe: framed on them, its nine NUTS 2 places had been a few pixels wide,
    Wien's and Steiermark's names over each other. Sweden, tall, stays large framed on its collaborations.

    >>> wide = fit_view([(48.2, 16.4), (47.1, 15.4), (47.3, 11.4), (64.0, -22.0), (38.0, 23.7)])
    >>> close = country_frame([(48.2, 16.4), (47.1, 15.4), (47.3, 11.4)], wide)
    >>> close.zoom > wide.zoom + 1.5
    True
    >>> country_frame([(69.0, 20.0), (55.6, 13.0), (59.3, 18.1)], fit_view([(69.0, 20.0), (38.0, 23.7), (52.0, -8.0)]))
    """
    if len(set(own)) < 2:
        return None
    spots = [to_pixels(wide, lat, lon, width, height) for lat, lon in own]
    xs, ys = [x for x, _ in spots], [y for _, y in spots]
    if max(xs) - min(xs) >= LEGIBLE_SHARE * width or max(ys) - min(ys) >= LEGIBLE_SHARE * height:
        return None
    return fit_view(own, width, height, padding=padding, max_zoom=max_zoom)


def leaving(view: View, arcs: Sequence[tuple[float, float, float, float]], width: float = 800,
            height: float = 620) -> list[int]:
    """The indexes of the `(from_lat, from_lon, to_lat, to_lon)` arcs with an end outside the map at `view`."""
    def inside(lat: float, lon: float) -> bool:
        x, y = to_pixels(view, lat, lon, width, height)
        return 0 <= x <= width and 0 <= y <= height

    return [i for i, (a, b, c, d) in enumerate(arcs) if not (inside(a, b) and inside(c, d))]
