"""A node's `LOCATED_IN` link as the one-place rules read it, for a table's load (`loaders.generic_stored_places`) and
a CORDIS load (`loaders.cordis_stored_places`) alike: the place, its country, whether it is a region, the link's key
and the files that gave it, and which place lies inside which.

The two loads' rules had each kept their own copy of the link, of the country a region's id names and of the NUTS
containment, and of the read's columns (`graph.store.held_back.located_links`, `placed_by_others`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from graph.store.records import RelRecord

__all__ = ["LINK_COLUMNS", "PlaceLink", "place_link", "country_of", "nuts_inside"]

#: What the reads of a node's links return after its id (`place_link` reads a row of them).
LINK_COLUMNS = "p.id AS place, p.country AS country, labels(p) AS labels, r.key AS key, r.sources AS sources"


class PlaceLink(NamedTuple):
    """A place a node is `LOCATED_IN`: its id, its country, whether it is a region, and the link's key and files."""

    place: str
    country: str
    region: bool
    key: str
    sources: tuple[str, ...]

    def record(self, label: str, node_id: str) -> RelRecord:
        """This link of the `label` node `node_id` as a record (for a load's entry, or to take it off)."""
        return RelRecord("LOCATED_IN", label, node_id, "Region" if self.region else "Country", self.place,
                         self.sources, key=self.key)


def place_link(place: str, country: str | None, labels: Iterable[str], key: str | None,
               sources: Iterable[str] | None) -> PlaceLink | None:
    """A read's row (`LINK_COLUMNS`) as a link; None when the place is neither a region nor a country."""
    labels = set(labels)
    if not labels & {"Region", "Country"}:
        return None
    return PlaceLink(place, country or country_of(place), "Region" in labels, key or "", tuple(sources or ()))


def country_of(place: str) -> str:
    """The country a place's id names: a NUTS region's first two letters, a national region's before its hyphen.

    >>> country_of("FI1D9"), country_of("NO-Hordaland"), country_of("SE")
    ('FI', 'NO', 'SE')
    """
    return place.split("-")[0][:2]


def nuts_inside(finer: str, coarser: str) -> bool:
    """Whether NUTS region `finer` lies inside NUTS region `coarser` (a national region's id holds a hyphen).

    >>> nuts_inside("DK031", "DK03"), nuts_inside("DK03", "DK031"), nuts_inside("NO-Hordaland", "NO")
    (True, False, False)
    """
    return "-" not in finer + coarser and len(finer) > len(coarser) and finer.startswith(coarser)
