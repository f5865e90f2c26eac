"""The Map's first view with a Countries filter: the chosen countries framed, their collaborations abroad a toggle
away. Not a page.

Framed on their collaborations abroad too (`app_pages.map_layers.first_view`), a small country such as Austria had
been a few pixels wide, its place names over each other. When the chosen countries would span less than
`graph.views.map_frame.LEGIBLE_SHARE` of the map there, the first view frames their own places instead (padded for
their names); the arcs abroad are drawn leaving the frame, a caption counts them and the toggle "Frame the
collaborations abroad" (`?map_abroad=true`) frames them too. A large country (Sweden) keeps the view holding its
collaborations abroad, and no toggle.
"""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from app_pages import common, map_layers, widgets
from graph.views import map_frame, map_styles


def first_view(places: pd.DataFrame, organisations: pd.DataFrame, found: pd.DataFrame | None, links: pd.DataFrame,
               names: list[str]) -> pdk.ViewState:
    """The map's first view (`map_layers.first_view`, unless the chosen countries, `names`, would be small in it: then
    theirs, with the caption and toggle saying how many collaborations leave it)."""
    wide = map_layers.first_view(places, organisations, found, links)
    if not names or places.empty or (found is not None and not found.empty):
        return wide
    own = map_frame.framed(list(zip(places["lat"], places["lon"], places["activity"], strict=True)))
    close = map_frame.country_frame(own, map_frame.View(wide.latitude, wide.longitude, wide.zoom),
                                    map_layers.MAP_WIDTH, map_layers.MAP_HEIGHT)
    if close is None:
        return wide
    arcs = list(zip(links["from_lat"], links["from_lon"], links["to_lat"], links["to_lon"], strict=True)) \
        if not links.empty else []
    out = map_frame.leaving(close, arcs, map_layers.MAP_WIDTH, map_layers.MAP_HEIGHT)
    close_view = pdk.ViewState(latitude=close.latitude, longitude=close.longitude, zoom=close.zoom)
    if not out:
        return close_view
    them = common.md(", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])
    small, it = ("is", "it") if len(names) == 1 else ("are", "them")
    abroad = st.toggle("Frame the collaborations abroad", False, key="map_abroad", bind=widgets.URL,
                       help=f"Zoom the map out to the places {them} collaborates with; off, the map frames {them}.")
    if abroad:
        st.caption(f"Framed on the {len(arcs):,} collaborations drawn as well: {them} {small} small at this view; turn "
                   f"*Frame the collaborations abroad* off to frame {it}.")
        return wide
    st.caption(f"Framed on {them}: {len(out):,} of the {len(arcs):,} collaborations drawn lead to places beyond "
               "this view's edge (their arcs leave the map); turn *Frame the collaborations abroad* on, or zoom out, "
               "to see them.")
    return close_view


def far_ends(every: list[dict], places: pd.DataFrame, shown: pd.DataFrame, level: int) -> pd.DataFrame:
    """The places of `every` place at an end of the arcs `shown` that the Countries filter left out of `places`, most
    active first, as `map_layers.frames` makes them; their bubbles on the chosen places' scale (none larger than the
    largest), their tooltips saying they are abroad."""
    ends = set(shown["from"]) | set(shown["to"]) if not shown.empty else set()
    far = sorted((p for p in every if p["key"] in ends - set(places["key"])), key=lambda p: -p["activity"])
    frame = map_layers.frames(far, [], level)[0]
    top = places["activity"].max() if not places.empty else 0  # the chosen places' scale, none above its largest
    frame["radius"] = map_styles.bubble_radii([top, *(min(a, top) for a in frame["activity"])],
                                              map_styles.BUBBLE_PX[level])[1:]
    frame["label"] = frame["label"] + " (abroad: at the far end of the collaborations drawn)"
    return frame


def far_said(abroad: pd.DataFrame) -> str:
    """The caption's sentence on the grey bubbles, when there are any."""
    return f" Grey bubbles: the {len(abroad):,} places abroad the collaborations drawn lead to." if len(abroad) else ""
