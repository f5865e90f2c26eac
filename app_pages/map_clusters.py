"""The Map's cluster layer and its "this load's nodes" choice: their controls and what the caption says of them.

Not a page (app_pages/map.py draws; the aggregates are app_pages/map_cache.py's). Clusters, the `Cluster` label
(the seeds' and those cluster detection found), are placed as the bubbles are, by their region or country at the
chosen level (`graph.views.geography.cluster_points`); those in no place of it with coordinates are counted and
said, not dropped without a word. A chosen load keeps the organisations and clusters its files gave, and the
places and collaborations they make (`graph.views.load_nodes`).
"""

from __future__ import annotations

import streamlit as st

from app_pages import common, map_countries, url_choice, widgets
from graph.views import load_nodes
from graph.views.map_places import LEVELS

PLURAL = {"Region": "regions", "Country": "countries"}


def controls(toggles) -> tuple[bool, str | None]:
    """The Clusters toggle (below Organisations, in `toggles`) and, in the sidebar, the load whose nodes alone
    the map shows."""
    shown = toggles.toggle("Clusters", True, **url_choice.bound("map_clusters"),
                           help="Clusters as orange dots at their region or country")
    with st.sidebar:
        load = widgets.choose_load("map_load")
    return shown, load


def caption(points: list[dict], missing: tuple[int, int], shown: bool, level: int, countries: tuple[str, ...] = ()
            ) -> str:
    """The caption's sentence on clusters: how many are drawn in how many places, how many in no place (`missing`:
    of the chosen `countries`' when some are, and of no known country, said apart with a filter, as the organisations'
    sentence says them: `map_countries.unplaced_said`)."""
    placed, (missing, unknown) = sum(p["clusters"] for p in points), missing
    unknown_said = map_countries.of_no_country(unknown, "cluster", "clusters", bool(missing)) \
        if countries and unknown else ""
    if not placed and not missing:
        return " No cluster." + unknown_said
    where = f"{placed:,} cluster{'s' * (placed != 1)} in {len(points):,} place{'s' * (len(points) != 1)}" + (
        "" if shown else " (hidden: the Clusters toggle)")
    return (f" Clusters (orange dots): {where}" if shown else f" {where}") + (
        f"; {missing:,} {'of their clusters ' if countries else ''}in no place of {LEVELS[level]} with coordinates, "
        "so not drawn (give their region or country in your table)." if missing else ".") + unknown_said


def of_load(load: str | None, actors: int) -> str:
    """The caption's opening when a load is chosen: whose nodes the map shows."""
    return (f"Only the load {common.md(load)}: its {actors:,} organisations and clusters, the places they are in "
            "and the collaborations among them. ") if load else ""


def nothing_of_load(load: str, actors: int, kinds: dict[str, int]) -> None:
    """Say why a load's map is empty, and stop the page. A load of places alone (NUTS) gives no organisation: it
    had been said to have given "0 organisations and clusters", as if it were broken."""
    if not actors and load_nodes.places_only(kinds):
        places = " and ".join(f"{n:,} {kind.lower() if n == 1 else PLURAL[kind]}" for kind, n in kinds.items())
        st.info(f"The load {common.md(load)} holds places only ({places}), no organisation or cluster: it has no "
                "activity of its own to map. Its places hold the other loads' organisations: choose every load.",
                icon=":material/info:")
    else:
        held = ", ".join(f"{n:,} {kind}" for kind, n in kinds.items()) or "no node"
        st.info(f"The load {common.md(load)} gave {actors:,} organisations and clusters ({held} in all), none with a "
                "place on the map: choose every load, or give them a region or country in your table.",
                icon=":material/info:")
    st.stop()
