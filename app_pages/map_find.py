"""The Map's *Find a place* and its two tables. Not a page.

The tables under the map listed the 50 most active places and the arcs drawn, with no heading saying so; a
manager's own region (Småland med öarna is the 171st of 326 NUTS 2 regions) was in neither, and the map offered no
way to go there but panning. A place found by name or code is framed on the map and labelled, and the tables show
it with its place among all, and its strongest collaborations, drawn or not.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import common, widgets
from graph.store.search_text import fold
from graph.views import geography
from graph.views.geography import LEVELS

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
    NO094, is at NUTS 3; the page had only said "try another level"); else what to try."""
    found = [f"{common.md(name)} ({code}) is at {LEVELS[len(code) - 2]}" for key, name in
             common.search(text, ("Country", "Region")) if len(code := key.split(":", 1)[-1]) - 2 in LEVELS
             and code.isalnum() and code[:2].isalpha()][:3]
    return f"{'; '.join(found)}: choose that level of Places." if found else \
        "try another level of Places or a part of the name."


def links_caption(touching: int, kept: int, level: int) -> str:
    """What the found places' collaborations table holds. The map keeps only the `kept` strongest collaborations of
    a level, so a place with none among them is said to have weaker ones, not none ("Their 0 strongest").

    >>> links_caption(0, 1000, 2)[:60]
    'None of the 1,000 strongest collaborations at NUTS 2 involve'
    """
    if not touching:
        return (f"None of the {kept:,} strongest collaborations at {LEVELS[level]} involves them: theirs are weaker "
                "(another level of Places may show them)")
    return f"Their {touching:,} strongest collaborations among the {kept:,} strongest at {LEVELS[level]}, drawn or not"


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
    keys = set(found["key"])
    most.caption(f"Found {len(found):,} of {len(places):,} places; *place*: by activity among all of them")
    most.dataframe(found[["name", "place", "activity", "organisations"]].head(LISTED), hide_index=True,
                   key="map_places")
    touching = geography.strongest_links([lk for lk in links if lk["from"] in keys or lk["to"] in keys], LISTED)
    pairs.caption(links_caption(len(touching), len(links), level))
    pairs.dataframe(pd.DataFrame(touching, columns=["from_name", "to_name", "projects"]), hide_index=True,
                    key="map_links")
