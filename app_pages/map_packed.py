"""The Map's aggregates as their file holds them (`app_pages/map_cache.py`): compact, and back. Not a page.

At NUTS 3 on the 10x store the aggregates' 58,393 links made a 10.6 MB file: each link a dict of eleven keys naming
both its places (key, name, coordinates, country) again. Here each place a link ends in is written once, the links
are three arrays of integers (the two ends' rows, the shared projects), the other lists of rows are columns (their
keys once), and the whole is compressed (zlib). `unpacked(packed(placed)) == placed`.
"""

from __future__ import annotations

import pickle
import zlib
from array import array
from collections import Counter
from typing import Any

__all__ = ["packed", "unpacked", "LINK_KEYS"]

#: Every key of a link row (`geography.region_links`, then `geo_countries.tag_countries`), in order.
LINK_KEYS = ("from", "to", "from_name", "to_name", "from_lon", "from_lat", "to_lon", "to_lat", "projects",
             "from_country", "to_country")
_END = ("name", "lon", "lat", "country")  # what a link says of each of its places
LEVEL = 6  # zlib's: level 9 made the file no smaller and took longer


def _columns(rows: list[dict[str, Any]]) -> tuple[tuple[str, ...], list[list[Any]]] | list[dict[str, Any]]:
    """Rows of the same keys as `(keys, columns)`; rows of different keys as they are."""
    keys = tuple(rows[0]) if rows else ()
    if any(tuple(row) != keys for row in rows):
        return rows
    return keys, [[row[key] for row in rows] for key in keys]


def _rows(held: tuple[tuple[str, ...], list[list[Any]]] | list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(held, list):
        return held
    keys, columns = held  # rows made in C (map, zip, dict): 17 ms for 14,098 rows where a comprehension took 23
    return list(map(dict, map(zip, [keys] * len(columns[0]), zip(*columns, strict=True)))) if columns else []


def _links(links: list[dict[str, Any]]) -> tuple | list[dict[str, Any]]:
    """The links as `(places, ends, projects)`: each place a link ends in once (`(key, name, lon, lat, country)`),
    then two indexes into them per link and its shared projects, as arrays; links of other keys as they are."""
    if any(tuple(link) != LINK_KEYS for link in links):
        return links
    rows: dict[str, int] = {}
    places: list[tuple] = []
    ends = array("I")
    for link in links:
        for side in ("from", "to"):
            key = link[side]
            if key not in rows:
                rows[key] = len(places)
                places.append((key, *(link[f"{side}_{field}"] for field in _END)))
            ends.append(rows[key])
    return places, ends, array("Q", (link["projects"] for link in links))


def _unlinked(held: tuple | list[dict[str, Any]]) -> list[dict[str, Any]]:
    if isinstance(held, list):
        return held
    places, ends, projects = held
    return [{"from": a, "to": b, "from_name": a_name, "to_name": b_name, "from_lon": a_lon, "from_lat": a_lat,
             "to_lon": b_lon, "to_lat": b_lat, "projects": shared, "from_country": a_country, "to_country": b_country}
            for (a, a_name, a_lon, a_lat, a_country), (b, b_name, b_lon, b_lat, b_country), shared
            in zip(map(places.__getitem__, ends[0::2]), map(places.__getitem__, ends[1::2]), projects, strict=True)]


def packed(placed: tuple) -> bytes:
    """The aggregates (`map_cache.Placed`) as the bytes their file holds."""
    places, drawn, located, active, links, unplaced, (clusters, no_place), names = placed
    compact = (_columns(places), _columns(drawn), dict(located), dict(active), _links(links), unplaced,
               (_columns(clusters), no_place), names)
    return zlib.compress(pickle.dumps(compact, protocol=5), LEVEL)


def unpacked(data: bytes) -> tuple:
    """The aggregates `packed` made the bytes of."""
    places, drawn, located, active, links, unplaced, (clusters, no_place), names = pickle.loads(zlib.decompress(data))
    return (_rows(places), _rows(drawn), Counter(located), Counter(active), _unlinked(links), unplaced,
            (_rows(clusters), no_place), names)
