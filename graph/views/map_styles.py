"""How the Map draws its aggregates legibly: the strongest links, arc widths and opacities by weight, bubbles by area.

Pure functions of numbers, apart from the aggregates (`graph.views.geography`) that read the graph: changing how
many arcs, or how strong, redraws without reading the graph again.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["BUBBLE_PX", "strongest_links", "arc_styles", "bubble_radii"]

# The radius of the busiest place, in pixels, per level: the more places, the smaller each.
BUBBLE_PX = {0: 34.0, 1: 24.0, 2: 16.0, 3: 10.0}


def strongest_links(links: Sequence[Mapping[str, Any]], top: int, min_projects: int = 1) -> list[dict[str, Any]]:
    """The `top` links sharing at least `min_projects` projects, strongest first (ties by name, so stable).

    Each is a copy with `width` (pixels) and `alpha` (0-255) from `arc_styles`: a map of a few weighted
    arcs reads where a tangle of hundreds of equal ones does not.

    >>> links = [{"from_name": n, "to_name": "X", "projects": p} for n, p in (("A", 9), ("B", 3), ("C", 1))]
    >>> [(l["from_name"], l["width"]) for l in strongest_links(links, top=5, min_projects=2)]
    [('A', 4.0), ('B', 0.5)]
    """
    strength = lambda link: (-link["projects"], link.get("from_name", ""), link.get("to_name", ""))  # noqa: E731
    kept = sorted((link for link in links if link["projects"] >= min_projects), key=strength)[:max(top, 0)]
    styles = arc_styles([link["projects"] for link in kept])
    return [{**link, "width": width, "alpha": alpha} for link, (width, alpha) in zip(kept, styles, strict=True)]


def arc_styles(projects: Sequence[float], thinnest: float = 0.5, thickest: float = 4.0, faintest: int = 50,
               darkest: int = 210) -> list[tuple[float, int]]:
    """Width (pixels) and opacity (0-255) per arc, rising with its shared projects over the range shown.

    The weakest arc shown is the thinnest and faintest, the strongest the thickest and darkest; with
    one weight only, every arc is drawn at the middle.

    >>> arc_styles([10, 5, 0])
    [(4.0, 210), (2.25, 130), (0.5, 50)]
    """
    if not projects:
        return []
    low, high = min(projects), max(projects)
    shares = [0.5 if high == low else (p - low) / (high - low) for p in projects]
    return [(round(thinnest + (thickest - thinnest) * s, 2), round(faintest + (darkest - faintest) * s))
            for s in shares]


def bubble_radii(activities: Sequence[float], largest: float, smallest: float = 2.0) -> list[float]:
    """Radii (pixels) whose areas are proportional to activity: the busiest place gets `largest`.

    Area, not radius: a place with four times the participations covers four times the ground (twice the
    radius), so Germany stays a bubble among others. No bubble is smaller than `smallest`.

    >>> bubble_radii([400, 100, 0], largest=20)
    [20.0, 10.0, 2.0]
    """
    top = max(activities, default=0)
    if top <= 0:
        return [smallest for _ in activities]
    return [round(max(smallest, largest * math.sqrt(max(a, 0) / top)), 2) for a in activities]
