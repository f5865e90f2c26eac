"""Map: where the activity is and which regions work together (graph/views/geography.py, on the cached
analytics inputs of app_pages/analytics_cache.py).

Drawn with pydeck layers only and no base map (`map_provider=None`), so it needs no tiles and works
offline: places sized by project participations, organisations as small dots, arcs between places
whose organisations share projects, names of the busiest places. Tooltips are plain text (deck.gl's
`text`, not `html`). pydeck reads strings as expressions, so literal strings are quoted ("'pixels'").
"""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk
import streamlit as st

from app_pages import analytics_cache, timeline, widgets
from graph.views import geography
from loaders.nuts import ATTRIBUTION

st.title("Map")
current = timeline.windowed(analytics_cache.inputs())  # the app's time slider
LEVELS = {0: "Countries", 1: "NUTS 1", 2: "NUTS 2", 3: "NUTS 3"}
left, middle, right = st.columns(3)
level = left.select_slider("Places", list(LEVELS), value=2, format_func=LEVELS.get, key="map_level", bind=widgets.URL)
top = middle.number_input("Collaboration arcs", 0, 2000, 300, step=50, key="map_arcs", bind=widgets.URL)
show_organisations = right.toggle("Organisations", True, key="map_organisations", bind=widgets.URL)


@st.cache_data(max_entries=8, show_spinner="Placing the activity…")
def placed_activity(_graph, version: str, level: int, top: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    places, organisations = geography.geo_points(_graph, level)
    links = geography.region_links(_graph, level, top)
    places = pd.DataFrame(places, columns=["key", "name", "kind", "lat", "lon", "activity", "organisations"])
    places["label"] = places["name"] + " — " + places["activity"].astype(str) + " participations of " \
        + places["organisations"].astype(str) + " organisations"
    places["radius"] = 4 + 2.5 * places["activity"].map(math.sqrt)
    organisations = pd.DataFrame(organisations, columns=["key", "name", "kind", "lat", "lon", "activity"])
    organisations["label"] = organisations["name"] + " — " + organisations["activity"].astype(str) + " projects"
    links = pd.DataFrame(links, columns=["from", "to", "from_name", "to_name", "from_lon", "from_lat", "to_lon",
                                         "to_lat", "projects"])
    links["label"] = links["from_name"] + " ↔ " + links["to_name"] + ": " + links["projects"].astype(str) \
        + " shared projects"
    links["width"] = 1 + links["projects"].map(math.log2)
    return places, organisations, links


places, organisations, links = placed_activity(current.graph, current.version, level, top)
if places.empty and organisations.empty:
    st.info("No place or organisation has coordinates yet: load NUTS regions (Data page) to place them.",
            icon=":material/info:")
    st.stop()
layers = [
    pdk.Layer("ArcLayer", links, get_source_position=["from_lon", "from_lat"], get_target_position=["to_lon", "to_lat"],
              get_width="width", get_source_color=[76, 120, 168, 140], get_target_color=[228, 87, 86, 140],
              pickable=True),
    pdk.Layer("ScatterplotLayer", places, get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
              get_fill_color=[114, 183, 178, 170], get_line_color=[40, 40, 40], stroked=True, pickable=True),
    pdk.Layer("TextLayer", places.head(15), get_position=["lon", "lat"], get_text="name", get_size=12,
              get_color=[40, 40, 40], character_set="'auto'", font_family="'sans-serif'",
              get_pixel_offset=[0, -14]),
]
if show_organisations:
    layers.append(pdk.Layer("ScatterplotLayer", organisations, get_position=["lon", "lat"], get_radius=2,
                            radius_units="'pixels'", get_fill_color=[76, 120, 168, 200], pickable=True))
located = places if not places.empty else organisations
view = pdk.ViewState(latitude=float(located["lat"].median()), longitude=float(located["lon"].median()), zoom=3.2)
st.pydeck_chart(pdk.Deck(layers=layers, initial_view_state=view, map_provider=None,
                         tooltip={"text": "{label}"}),
                height=620, alt="Map of places, organisations and collaborations")
st.caption(f"{len(places):,} places at {LEVELS[level]}, {len(organisations):,} organisations with coordinates, "
           f"{len(links):,} strongest collaborations; no base map." + (f" Places: NUTS label points. {ATTRIBUTION}"
                                                                        if not places.empty else ""))

most, pairs = st.columns(2)
most.dataframe(places[["name", "activity", "organisations"]].head(50), hide_index=True, key="map_places")
pairs.dataframe(links[["from_name", "to_name", "projects"]].head(50), hide_index=True, key="map_links")
