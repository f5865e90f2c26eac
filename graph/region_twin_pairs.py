"""One place under two NUTS codes: the region a NUTS version recoded, keeping its name, counted as one.

NUTS 2024 recoded some regions of NUTS 2021 and kept their names (Pirkanmaa FI197 became FI19B). Both versions are
loaded so every code resolves, and a source placing by a 2021 code (CORDIS's older records) and one placing by the
name (a member list: the newest code) put one place's organisations under two codes. Per-region figures grouped by
code then showed the place twice, each with part of its organisations (the Map's bubbles, Metrics' regions, the
saved queries' rows). `graph/views/region_twins.py` tells such regions apart in a search; this module says which
codes are one place, so those figures group them.

Twins, read off the bundled GISCO files: the same country, NUTS level and name, one code only in older versions and
the other only in newer ones, label points at most `NEAR_KM` apart. The 50 pairs of NUTS 2021 and 2024 are 0.1 to
72 km apart (Pohjanmaa 72 and Etelä-Savo 38, whose borders moved; most under 5); no two regions of one version share
a country, level and name, and same-named regions that are not twins differ in level (Utrecht NL31, NL310) or
country (Jura CH025, FRC22), so the distance only guards against a future recoding that reuses a name far away.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["NEAR_KM", "RegionPoint", "twins", "twin_keys", "joined_name", "joined_names"]

#: Label points further apart than this are two places, whatever their names (the farthest twins: 72 km).
NEAR_KM = 100.0


@dataclass(frozen=True)
class RegionPoint:
    """What twins are recognised by: a region's code, name, level, country, NUTS versions and label point."""

    code: str
    name: str
    level: int | None
    country: str
    versions: tuple[str, ...]
    lat: float | None
    lon: float | None


def _km(a: RegionPoint, b: RegionPoint) -> float:
    """Great-circle distance between two label points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def twins(regions: Iterable[RegionPoint]) -> dict[str, str]:
    """The code of each region that is another's older twin -> the newer twin's code.

    >>> old = RegionPoint("FI197", "Pirkanmaa", 3, "FI", ("2021",), 61.70, 23.54)
    >>> new = RegionPoint("FI19B", "Pirkanmaa", 3, "FI", ("2024",), 61.66, 23.60)
    >>> far = RegionPoint("FI19X", "Pirkanmaa", 3, "FI", ("2024",), 65.0, 27.0)
    >>> twins([old, new]), twins([old, far]), twins([old, RegionPoint("FI19B", "Pirkanmaa", 3, "FI", ("2021", "2024"),
    ...                                                                  61.66, 23.60)])
    ({'FI197': 'FI19B'}, {}, {})
    """
    named: dict[tuple, list[RegionPoint]] = {}
    for region in regions:
        if region.versions and region.lat is not None and region.lon is not None:
            named.setdefault((region.country, region.level, region.name.casefold()), []).append(region)
    found: dict[str, str] = {}
    for same in named.values():
        if len(same) != 2:  # one region, or several of one name: not a pair to tell as one
            continue
        older, newer = sorted(same, key=lambda r: max(r.versions))
        if max(older.versions) < min(newer.versions) and _km(older, newer) <= NEAR_KM:
            found[older.code] = newer.code
    return found


def _point(code: str, attrs: Mapping[str, Any]) -> RegionPoint:
    level = attrs.get("level")
    return RegionPoint(code, str(attrs.get("name") or code), level if isinstance(level, int) else None,
                       str(attrs.get("country") or code[:2]), tuple(attrs.get("nuts_versions") or ()),
                       attrs.get("lat"), attrs.get("lon"))


def twin_keys(nodes: Iterable[tuple[str, Mapping[str, Any]]]) -> dict[str, str]:
    """`twins` of a graph's nodes (`Region:FI197` -> `Region:FI19B`), from `(key, attributes)` pairs (networkx's
    `G.nodes(data=True)`); nodes of other kinds are passed over."""
    points = [_point(key.split(":", 1)[1], attrs) for key, attrs in nodes
              if attrs.get("kind") == "Region" and ":" in key]
    return {f"Region:{older}": f"Region:{newer}" for older, newer in twins(points).items()}


def joined_name(name: str, newer: tuple[str, Iterable[str]], older: tuple[str, Iterable[str]]) -> str:
    """One place's name with both its codes and their NUTS versions, newest first.

    >>> joined_name("Pirkanmaa", ("FI19B", ["2024"]), ("FI197", ["2021"]))
    'Pirkanmaa FI19B (NUTS 2024) = FI197 (NUTS 2021)'
    """
    said = [f"{code} (NUTS {' and '.join(versions)})" if versions else code
            for code, versions in (newer, older) for versions in [list(versions)]]
    return f"{name} {said[0]} = {said[1]}"


def joined_names(nodes: Mapping[str, Mapping[str, Any]], pairs: Mapping[str, str] | None = None) -> dict[str, str]:
    """The newer twin's key -> its `joined_name`, for a graph's `nodes` (networkx's `G.nodes`) and its twin `pairs`
    (`twin_keys`, found when not given): what a row standing for both codes is called."""
    pairs = twin_keys(nodes.items()) if pairs is None else pairs
    shown = {}
    for older, newer in pairs.items():
        new, old = nodes[newer], nodes[older]
        shown[newer] = joined_name(str(new.get("name") or new.get("id")),
                                   (str(new.get("id")), new.get("nuts_versions") or ()),
                                   (str(old.get("id")), old.get("nuts_versions") or ()))
    return shown
