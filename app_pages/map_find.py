"""The Map's *Find a place* and its two tables. Not a page.

The tables under the map listed the 50 most active places and the arcs drawn, with no heading saying so; a
manager's own region (Småland med öarna is the 171st of 326 NUTS 2 regions) was in neither, and the map offered no
way to go there but panning. A place found by name or code is framed on the map and labelled, its own strongest
collaborations are drawn (each place's are kept, whether among the level's 1,000 strongest or not: Småland's were
not, and it showed no arc), and the tables show it with its place among all, and its strongest collaborations.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common, widgets
from graph.store.search_text import fold
from graph.views import map_styles, region_twins
from graph.views.map_places import LEVELS

LISTED = 50  # rows of each table


def find_box(container) -> str:
    return container.text_input("Find a place", key="map_find", bind=widgets.URL,
                                placeholder="a region or country, by name or code",
                                help="Frames it on the map and lists its figures and strongest collaborations "
                                     "(Småland, SE21, Sverige, Norway)")


def matching(places: pd.DataFrame, text: str) -> pd.DataFrame:
    """The places whose name or code holds `text` (accents and case ignored), or that the store's search finds by
    another of their names (Sverige, Suomi), with their place by activity."""
    ranked = places.assign(place=places["activity"].rank(ascending=False, method="min").astype(int))
    wanted = fold(text).strip()
    if not wanted:
        return ranked.iloc[0:0]
    known = {key for key, _ in common.search(text, ("Country", "Region"))}
    hits = [key in known or wanted in fold(f"{name}|{key.split(':', 1)[-1]}")
            for name, key in zip(places["name"], places["key"], strict=True)]
    return ranked[hits]


def other_levels(text: str) -> str:
    """Where the places the store's search finds for `text` are, by their NUTS code's length (a region of Telemark,
    NO094, is at NUTS 3; the page had only said "try another level"); else what to try. Two of one name say their
    NUTS versions and whose organisations they hold (`graph.views.region_twins`)."""
    hits = [hit for hit in common.search_choices(text, ("Country", "Region")) if len(code := _code(hit)) - 2 in LEVELS
            and code.isalnum() and code[:2].isalpha()][:3]
    twins = region_twins.twin_names(hits)
    held = region_twins.holders(common.store(), [_code(h) for h in hits if h.name in twins]) if twins else {}
    found = [f"{common.md(hit.name)} ("
             + (region_twins.told_apart(_code(hit), hit.versions, held.get(_code(hit), (0, 0))) if hit.name in twins
                else _code(hit)) + f") is at {LEVELS[len(_code(hit)) - 2]}" for hit in hits]
    return (f"{'; '.join(found)}: choose that level of Places." + (
        " NUTS 2024 gave some regions new codes under their old names: an organisation sits in the one its data "
        "names (CORDIS's records give the code, often NUTS 2021's; a table naming the region lands on NUTS "
        "2024's)." if twins else "")) if found else "try another level of Places or a part of the name."


def _code(hit) -> str:
    return hit.key.split(":", 1)[-1]


def touching(links: list[dict[str, Any]], found: pd.DataFrame) -> list[dict[str, Any]]:
    """The links with an end among the places `found`."""
    keys = set(found["key"])
    return [lk for lk in links if lk["from"] in keys or lk["to"] in keys]


def arcs(links: list[dict[str, Any]], found: pd.DataFrame, top: int, least: int) -> list[dict[str, Any]]:
    """The arcs to draw: the `top` strongest sharing `least` projects or more, of the places found when some are
    (their own, kept for each place whether among the level's strongest or not), else of all."""
    return map_styles.strongest_links(touching(links, found) if len(found) else links, top, least)


def arcs_said(shown: pd.DataFrame, links: list[dict[str, Any]], found: pd.DataFrame, top: int, least: int) -> str:
    """The caption's words on the arcs drawn (`arcs`): how many, of which places, or why none."""
    of = " of the places found" if len(found) else ""
    if len(shown):
        return f"the {len(shown):,} strongest collaborations{of} (width and colour: shared projects)"
    if len(found) and top:
        return "no collaboration arcs (" + (f"none of the places found shares {least:,} projects or more with "
                                            "another: lower Min. shared projects)" if touching(links, found) else
                                            "the places found share no project with another place)")
    return f"no collaboration arcs (no pair of places shares {least:,} projects or more: lower Min. shared " \
        "projects)" if len(links) and top else "no collaboration arcs"


def links_caption(touching: int, level: int) -> str:
    """What the found places' collaborations table holds: their own strongest, kept for each place whether among the
    level's strongest or not (a place outside the 1,000 strongest had shown none, "theirs are weaker").

    >>> links_caption(0, 2)
    'The places found share no project with another place of NUTS 2'
    """
    if not touching:
        return f"The places found share no project with another place of {LEVELS[level]}"
    return f"Their {touching:,} strongest collaborations at {LEVELS[level]} (shared projects)"


def tables(places: pd.DataFrame, links: list[dict[str, Any]], drawn: pd.DataFrame, found: pd.DataFrame, text: str,
           level: int) -> None:
    """The places table and the collaborations table: of the places found when a text is given, else the most
    active places and the arcs drawn; each headed by what it holds."""
    if text.strip() and found.empty:
        st.warning(f"No place at {LEVELS[level]} is named or coded like “{common.md(text)}”; {other_levels(text)}",
                   icon=":material/search_off:")
    most, pairs = st.columns(2)
    if found.empty:
        active = places[places["activity"] > 0]  # a window without projects listed 50 places at 0 as the most active
        most.caption(f"The {min(LISTED, len(active)):,} most active of {len(places):,} places (activity: project "
                     "participations of their organisations)" if len(active) else
                     f"None of the {len(places):,} places has a project participation in these years")
        most.dataframe(active[["name", "activity", "organisations"]].head(LISTED), hide_index=True, key="map_places")
        pairs.caption(f"The {len(drawn):,} collaborations drawn (shared projects)")
        pairs.dataframe(drawn[["from_name", "to_name", "projects"]].head(LISTED), hide_index=True, key="map_links")
        return
    most.caption(f"Found {len(found):,} of {len(places):,} places; *place*: by activity among all of them")
    most.dataframe(found[["name", "place", "activity", "organisations"]].head(LISTED), hide_index=True,
                   key="map_places")
    theirs = map_styles.strongest_links(touching(links, found), LISTED)
    pairs.caption(links_caption(len(theirs), level))
    pairs.dataframe(pd.DataFrame(theirs, columns=["from_name", "to_name", "projects"]), hide_index=True,
                    key="map_links")
