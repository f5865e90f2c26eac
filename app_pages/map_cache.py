"""The Map's aggregates, made once per data version (and time window) and level: in memory for every session,
and on disk beside the analytics cache, so a restart with unchanged data computes nothing.

Not a page. At 10x (283,993 nodes) placing the activity and linking the regions took 24 CPU seconds,
and drawing every one of the 219,027 organisations that have coordinates made a 70 MB map description
that the browser took over a minute to take in (5,000 still cost a second of JSON per run). So the map
draws the `ORGANISATIONS_DRAWN` most active organisations (the caption says how many of how many), and
the aggregates are kept in a pickle that only this module writes (packed: `app_pages/map_packed.py`), in the
store's cache folder (`graph.analytics.cache`: its folder, store tag and atomic pickle files), the newest `KEPT`
per store.
Reading them back needs no analytics inputs: after a restart the Map reads this file alone (at 10x the
inputs, 193 MB, took most of the Map's 77.6 s first visit at load 30). The app's warm-up (`app_pages.startup`)
makes the first view's (`prepare`), so the first Map visit after a start finds them in memory.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import networkx as nx
import streamlit as st

from app_pages import analytics_cache, common, map_packed, timeline
from graph.analytics.cache import cache_dir_for, keep, read_pickle, store_tag
from graph.memory import gc_paused
from graph.views import geo_countries, geography, load_nodes, map_places

__all__ = ["Placed", "placed_activity", "brought_by", "kinds_brought_by", "prepare", "forget", "ORGANISATIONS_DRAWN",
           "MOST_ARCS", "PLACE_ARCS", "COUNTRY_ORGANISATIONS"]

ORGANISATIONS_DRAWN = 2_000
MOST_ARCS = 1000
#: Each place's own strongest links kept beside the `MOST_ARCS` strongest of all: a place found draws its own arcs.
PLACE_ARCS = 50
KEPT = 8
#: Each country's most active organisations kept beside the `ORGANISATIONS_DRAWN` most active of all: the country
#: filter then draws a country's own (up to this many of each), not only those among the most active of all.
COUNTRY_ORGANISATIONS = 500
#: What the files hold; a new one reads no older file (their aggregates had no `active`, no `unplaced`, no clusters;
#: 4 counted a seed cluster's CORDIS record as a cluster of its own; 5 kept no link of a place outside the
#: `MOST_ARCS` strongest; 6 no country of the rows, counts by country, nor country names; 7 counted the organisations
#: and clusters in no place of the level for all countries only; 8 was lists of dicts, not `map_packed`'s bytes; 9
#: counted the clusters in no place for all countries only; 10 drew a seed cluster's record that a load gave alone as a
#: cluster of its own).
FORMAT = 11
#: places, the organisations drawn (most active first: of all, and of each country), how many organisations have
#: coordinates and how many of them take part in a project (of the window: a time window keeps every organisation,
#: active or not), each by country, links (the `MOST_ARCS` strongest and each place's `PLACE_ARCS` strongest), the
#: organisations and clusters in no place of the level with coordinates by country (None: no country known), with
#: the national regions among theirs (`geo_countries.unplaced_by_country`), the clusters by place with how many are
#: in none by country (`geography.cluster_points`), and the countries of the places by key, their names. Every row
#: has its `country` (links `from_country`, `to_country`: `geo_countries`).
Placed = tuple[list[dict], list[dict], Counter, Counter, list[dict], tuple[Counter, dict[str | None, list[str]]],
               tuple[list[dict], Counter], dict[str, str]]


def _compute(graph: nx.MultiDiGraph, level: int, only: frozenset[str] | None = None) -> Placed:
    place_of = map_places.Placer(graph, level, only)  # each actor's place found once for the four aggregates
    places, organisations = geography.geo_points(graph, level, place_of)
    links = geography.region_links(graph, level, MOST_ARCS, place_of, PLACE_ARCS)
    clusters = geography.cluster_points(graph, level, place_of)
    geo_countries.tag_countries(graph, places, organisations, links, clusters[0], place_of)
    drawn = geo_countries.most_active(organisations, ORGANISATIONS_DRAWN, COUNTRY_ORGANISATIONS)
    located = Counter(o["country"] for o in organisations)
    active = Counter(o["country"] for o in organisations if o["activity"])
    return (places, drawn, located, active, links, geo_countries.unplaced_by_country(graph, level, place_of),
            clusters, geo_countries.country_names(graph, places))


def _file(version: str, level: int, load: str | None) -> Path:
    store = common.store()
    of_load = f"|{load}" if load else ""  # a load's aggregates beside the whole's, each in its own file
    name = hashlib.sha256(f"{version}|{level}|{ORGANISATIONS_DRAWN}|{FORMAT}{of_load}".encode()).hexdigest()[:16]
    return cache_dir_for(store, common.settings().cache_dir) / f"{store_tag(store)}-map-{name}.pickle"


def _read(path: Path, key: tuple) -> Placed | None:
    saved = read_pickle(path)
    if not (isinstance(saved, dict) and saved.get("key") == key):
        return None
    try:
        with gc_paused():  # tens of thousands of rows made at once: no collection meanwhile finds any garbage
            return map_packed.unpacked(saved["placed"])
    except Exception:  # a damaged file, whatever zlib or pickle raise: computed again
        return None


def _write(path: Path, key: tuple, placed: Placed) -> None:
    """Atomically (`keep`, which says why a folder cannot take it), packed (`map_packed`: 10.6 MB at NUTS 3 at 10x
    as lists of dicts); the oldest map files of this store beyond `KEPT` go."""
    if not keep(path, {"key": key, "placed": map_packed.packed(placed)}):
        return  # a folder we cannot write: the aggregates are still kept in memory
    try:
        mine = sorted(path.parent.glob(f"{path.name.split('-map-')[0]}-map-*.pickle"), key=lambda p: p.stat().st_mtime)
        for old in mine[:-KEPT]:
            old.unlink(missing_ok=True)
    except OSError:
        pass  # another process removed one meanwhile


class _NeedsInputs(Exception):
    """Neither memory nor disk holds the aggregates asked for: the caller fetches the analytics inputs."""


@st.cache_resource(max_entries=8, show_spinner="Placing the activity…")
def _placed(_graph: nx.MultiDiGraph | None, version: str, level: int, load: str | None = None) -> Placed:
    path, key = _file(version, level, load), (version, level, ORGANISATIONS_DRAWN, FORMAT, load)
    placed = _read(path, key)
    if placed is None:
        if _graph is None:
            raise _NeedsInputs(version)  # not cached: the next call brings the graph
        placed = _compute(_graph, level, brought_by(load) if load else None)
        _write(path, key, placed)
    return placed


@st.cache_resource(max_entries=4, show_spinner=False)
def _brought_by(key: str, load: str) -> frozenset[str]:
    return load_nodes.actors_brought_by(common.store(), load)


@st.cache_resource(max_entries=4, show_spinner=False)
def _kinds_brought_by(key: str, load: str) -> dict[str, int]:
    return load_nodes.kinds_brought_by(common.store(), load)


def kinds_brought_by(load: str) -> dict[str, int]:
    """How many nodes of each kind the load `load` gave (`graph.views.load_nodes.kinds_brought_by`)."""
    return _kinds_brought_by(common.version(), load)


def brought_by(load: str) -> frozenset[str]:
    """The keys of the organisations and clusters the load `load` gave, in the current data."""
    return _brought_by(common.version(), load)


def placed_activity(level: int, start: str | None = None, end: str | None = None, load: str | None = None) -> Placed:
    """The map's aggregates at `level` of the current data in the window `start`..`end` (`timeline.window()`), of
    the organisations and clusters the load `load` gave (`graph.views.load_nodes`), or of all.

    From memory, else from disk, without the analytics inputs (a restart with unchanged data reads no more
    than the aggregates' file); only when neither holds them are the inputs fetched (and waited for, the page
    saying so) and the aggregates computed and kept.
    """
    try:
        return _placed(None, timeline.window_version(common.data_version_now(), start, end), level, load)
    except _NeedsInputs:
        current = timeline.sliced(analytics_cache.inputs(), start, end)
        return _placed(current.graph, current.version, level, load)


def prepare(level: int, small: bool) -> bool:
    """The warm-up's: the aggregates of the Map's first view (`level`, every year) read back from disk, or computed
    when the Map was used on this store before (a file of its aggregates is there, maybe of older data) or it is
    `small` (1.3 CPU s for the bundled sample; 24 at 10x); False when nothing was made."""
    store = common.store()
    folder = cache_dir_for(store, common.settings().cache_dir)
    if not (small or any(folder.glob(f"{store_tag(store)}-map-*.pickle"))):
        return False
    placed_activity(level)
    return True


def forget() -> None:
    """Forget the aggregates held in memory (what a restart does); the files stay."""
    _placed.clear()
