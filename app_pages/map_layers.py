"""The Map page's controls and drawing: the level from the address bar, the tables, the pydeck layers.

Not a page. Drawn with pydeck layers only and no base map (`map_provider=None`), so it needs no tiles
and works offline. Places are bubbles whose area (not radius) follows their participations; arcs join
places whose organisations share projects, only the strongest few by default, each as wide and as
opaque as its weight among those shown; the first view fits the places shown and the arcs' ends
(`graph.views.map_frame`). Clusters are dots at their place's point, one per place holding some, larger
with more; their tooltip names them; a place no larger than its dot is drawn again over it, inside an orange ring
of it. Tooltips are plain text (deck.gl's `text`, not `html`: a name is shown as written, never read as markup).
pydeck reads strings as expressions, so literal strings are quoted ("'pixels'").
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pandas as pd
import pydeck as pdk
import streamlit as st

from graph.views import map_frame, map_places, map_styles
from graph.views.map_places import LEVELS

MAP_HEIGHT = 620
MAP_WIDTH = 800  # the narrowest the map is drawn at in a 1280-pixel window; wider windows show more around it
FROM_COLOUR, TO_COLOUR = (76, 120, 168), (228, 87, 86)
CLUSTER_COLOUR = [242, 142, 43, 235]
NAMED_CLUSTERS = 8  # the most cluster names a tooltip lists; the rest are counted
DEFAULT_LEVEL = 2
FOUND_ZOOM = 6.0  # a region found alone: close enough to see it among its neighbours
#: The names are drawn over every layer below them: with deck.gl's depth test, cluster dots and arcs drawn at the
#: same depth (or above it) hid parts of the names ("Ile-de-F●ance"), whatever the order of the layers.
ON_TOP = {"depthCompare": "always", "depthWriteEnabled": False}
#: The places named, at most: the found ones, then the most active, each only where no stronger one's name is at the
#: first view (`map_frame.apart`): close places' names had been drawn over each other.
NAMED_PLACES = 40
#: The places whose names come back as the user zooms in, from the zoom at which they overlap no other (up to
#: `REVEAL_STEPS` zooms closer than the first view): they had stayed in tooltips only.
REVEALED = 300
REVEAL_STEPS = 4
#: The share of the drawn arcs' weight (shared projects, both ends) that the far arc ends on each side of the first
#: view may hold and still be left outside it: a Countries filter's view had been fitted to the country's places
#: alone, so its collaborations abroad ran off the edge.
ARC_TRIM = 0.05
RING = 2.5  # pixels of a cluster dot left around a smaller place's bubble drawn over it


def level_control(container) -> int:
    """The level slider and `?map_level=`, kept in step by hand: the address may give the level's number
    (`0`-`3`) or its name in any case (`nuts1`, `NUTS 1`), which a slider bound to the URL would drop
    without a word; a word that is no level says so. The address then holds the slider's label."""
    if "map_level" not in st.session_state:
        asked = st.query_params.get("map_level")
        level = map_places.level_from_text(asked)
        if asked is not None and level is None:
            container.warning(f"`map_level={asked}` is not a level: use 0-3 or one of {', '.join(LEVELS.values())}.",
                              icon=":material/warning:")
        st.session_state["map_level"] = DEFAULT_LEVEL if level is None else level
    chosen = container.select_slider("Places", list(LEVELS), format_func=LEVELS.get, key="map_level")
    if chosen != DEFAULT_LEVEL:
        st.query_params["map_level"] = LEVELS[chosen]
    elif "map_level" in st.query_params:
        del st.query_params["map_level"]
    return chosen


def frames(places: list[dict], organisations: list[dict], level: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Tables for the layers and the page: labels for tooltips, bubble radii (the arcs': `link_frame`)."""
    places = pd.DataFrame(places, columns=["key", "name", "kind", "lat", "lon", "activity", "organisations"])
    places["label"] = places["name"] + " — " + places["activity"].map("{:,}".format) + " participations of " \
        + places["organisations"].map("{:,}".format) + " organisations"
    places["radius"] = map_styles.bubble_radii(places["activity"].tolist(), map_styles.BUBBLE_PX[level])
    organisations = pd.DataFrame(organisations, columns=["key", "name", "kind", "lat", "lon", "activity"])
    organisations["label"] = organisations["name"] + " — " + organisations["activity"].astype(str) + " projects"
    return places, organisations


def link_frame(links: list[dict]) -> pd.DataFrame:
    """The arcs' table (`map_styles.strongest_links`' rows): tooltips and the colours of both ends."""
    links = pd.DataFrame(links, columns=["from", "to", "from_name", "to_name", "from_lon", "from_lat", "to_lon",
                                         "to_lat", "projects", "width", "alpha"])
    links["label"] = links["from_name"] + " ↔ " + links["to_name"] + ": " + links["projects"].astype(str) \
        + " shared projects"
    links["from_colour"] = [[*FROM_COLOUR, a] for a in links["alpha"]]
    links["to_colour"] = [[*TO_COLOUR, a] for a in links["alpha"]]
    return links


def cluster_frame(points: list[dict]) -> pd.DataFrame:
    """The cluster layer's table: one row per place holding clusters, with the tooltip's text (how many, where,
    their names: the first `NAMED_CLUSTERS`, then how many more) and a radius growing with their number."""
    frame = pd.DataFrame(points, columns=["key", "name", "lat", "lon", "clusters", "names"])
    frame["label"] = [f"{n:,} cluster{'s' * (n != 1)} in {place}: {', '.join(names[:NAMED_CLUSTERS])}"
                      + (f" and {n - NAMED_CLUSTERS:,} more" if n > NAMED_CLUSTERS else "")
                      for n, place, names in zip(frame["clusters"], frame["name"], frame["names"], strict=True)]
    frame["radius"] = [round(4 + 2 * n ** 0.5, 2) for n in frame["clusters"]]
    return frame.drop(columns="names")


def first_view(places: pd.DataFrame, organisations: pd.DataFrame, found: pd.DataFrame | None = None,
               links: pd.DataFrame | None = None) -> pdk.ViewState:
    """Centre and zoom that fit the places found, else the places shown (or the organisations, when no place has
    coordinates) and the ends of the arcs drawn (`links`). A place found alone is shown at a country's zoom, not the
    closest. Far places of little activity are left out (`map_frame.framed`), and so are the far arc ends holding
    together less than `ARC_TRIM` of the drawn arcs' shared projects on a side: one weak arc to Cyprus does not zoom
    Sweden out to all Europe."""
    if found is not None and not found.empty:
        view = map_frame.fit_view(list(zip(found["lat"], found["lon"], strict=True)), MAP_WIDTH, MAP_HEIGHT,
                                  padding=60, max_zoom=FOUND_ZOOM)
        return pdk.ViewState(latitude=view.latitude, longitude=view.longitude, zoom=view.zoom)
    if not places.empty:
        points = map_frame.framed(list(zip(places["lat"], places["lon"], places["activity"], strict=True)))
    else:
        points = list(zip(organisations["lat"], organisations["lon"], strict=True))
    if links is not None and not links.empty:
        points += map_frame.framed(arc_ends(links), trim=ARC_TRIM)
    view = map_frame.fit_view(points, MAP_WIDTH, MAP_HEIGHT, padding=30)
    return pdk.ViewState(latitude=view.latitude, longitude=view.longitude, zoom=view.zoom)


def arc_ends(links: pd.DataFrame) -> list[tuple[float, float, float]]:
    """Both ends of each arc, `(lat, lon, shared projects)`."""
    return [*zip(links["from_lat"], links["from_lon"], links["projects"], strict=True),
            *zip(links["to_lat"], links["to_lon"], links["projects"], strict=True)]


def names(places: pd.DataFrame, view: pdk.ViewState, found: pd.DataFrame | None = None
          ) -> tuple[pd.DataFrame, list[tuple[float, pd.DataFrame]]]:
    """The names layer's table: the places found, then the `NAMED_PLACES` most active, less those whose name would
    overlap a stronger one's (found first, then by activity) at the first `view`; and the names drawn from a closer
    zoom, each zoom's table (`map_frame.reveal_zooms`, of the `REVEALED` most active places)."""
    def of(count: int) -> pd.DataFrame:
        return places.head(count) if found is None or found.empty else \
            pd.concat([found, places.head(count)]).drop_duplicates("key")

    named = of(REVEALED)
    zooms = map_frame.reveal_zooms(list(zip(named["lat"], named["lon"], named["name"], strict=True)),
                                   map_frame.View(view.latitude, view.longitude, view.zoom), REVEAL_STEPS,
                                   first=len(of(NAMED_PLACES)), width=MAP_WIDTH, height=MAP_HEIGHT)
    at = pd.Series(zooms, index=named.index, dtype=object)
    bands = sorted({zoom for zoom in zooms if zoom is not None and zoom != view.zoom})
    return named[at == view.zoom], [(zoom, named[at == zoom]) for zoom in bands]


def name_band(zoom: float, named: pd.DataFrame, index: int) -> pdk.Layer:
    """The names drawn from `zoom` on, as the names layer draws them. deck.gl's layers draw at every zoom, but a
    TileLayer's `visibleMinZoom` hides it below one: a single tile of the whole world (`maxZoom` 0) whose data, a
    GeoJSON `data:` address, is these names, drawn by its GeoJsonLayer as text."""
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                 "properties": {"name": name}}
                for lat, lon, name in zip(named["lat"], named["lon"], named["name"], strict=True)]
    return pdk.Layer("TileLayer", data="data:application/json," + quote(json.dumps(features, ensure_ascii=False)),
                     id=f"names-{index}", min_zoom=0, max_zoom=0, visible_min_zoom=zoom, point_type="'text'",
                     get_text="properties.name", get_text_size=12, get_text_color=[40, 40, 40],
                     get_text_pixel_offset=[0, -14], text_character_set="'auto'", text_font_family="'sans-serif'",
                     parameters=ON_TOP)


def under_clusters(places: pd.DataFrame, clusters: pd.DataFrame) -> pd.DataFrame:
    """The places whose bubble is not clearly larger than their place's cluster dot, to draw over the dots: the
    whole bubble of a place of few participations had been hidden under its dot. Each is drawn at most `RING`
    pixels inside the dot, so the dot stays an orange ring around it (a bubble as large as its dot hid it)."""
    dots = dict(zip(clusters["key"], clusters["radius"], strict=True))
    over = places[[radius < dots.get(key, -RING) + RING
                   for key, radius in zip(places["key"], places["radius"], strict=True)]]
    return over.assign(radius=[min(radius, dots[key] - RING)
                               for key, radius in zip(over["key"], over["radius"], strict=True)])


def deck(places: pd.DataFrame, organisations: pd.DataFrame, links: pd.DataFrame, show_organisations: bool,
         found: pd.DataFrame | None = None, clusters: pd.DataFrame | None = None,
         view: pdk.ViewState | None = None, abroad: pd.DataFrame | None = None) -> pdk.Deck:
    """The layers, bottom up: places, the places `abroad` in grey (when given: the far ends of the arcs leaving the
    chosen countries, named after the places where their names fit), organisations (when shown), arcs, clusters (when
    given) and the places smaller than their cluster dot over them, names; at the first `view` (`first_view` when
    None)."""
    view = view or first_view(places, organisations, found, links)
    abroad = abroad if abroad is not None else places.head(0)
    named, bands = names(pd.concat([places, abroad], ignore_index=True) if len(abroad) else places, view, found)
    layers = [
        pdk.Layer("ScatterplotLayer", places, id="places", get_position=["lon", "lat"], get_radius="radius",
                  radius_units="'pixels'", get_fill_color=[114, 183, 178, 150], get_line_color=[40, 40, 40, 160],
                  stroked=True, line_width_min_pixels=0.5, pickable=True),
        pdk.Layer("ScatterplotLayer", abroad, id="abroad", get_position=["lon", "lat"], get_radius="radius",
                  radius_units="'pixels'", get_fill_color=[170, 170, 170, 130], get_line_color=[90, 90, 90, 160],
                  stroked=True, line_width_min_pixels=0.5, pickable=True),
        pdk.Layer("ArcLayer", links, id="arcs", get_source_position=["from_lon", "from_lat"],
                  get_target_position=["to_lon", "to_lat"], get_width="width", get_height=0.4,
                  get_source_color="from_colour", get_target_color="to_colour", pickable=True),
        pdk.Layer("TextLayer", named, id="names", get_position=["lon", "lat"], get_text="name",
                  get_size=12, get_color=[40, 40, 40], character_set="'auto'", font_family="'sans-serif'",
                  get_pixel_offset=[0, -14], parameters=ON_TOP),
        *(name_band(zoom, band, index) for index, (zoom, band) in enumerate(bands, 1)),
    ]
    if clusters is not None:
        layers[3:3] = [
            pdk.Layer("ScatterplotLayer", clusters, id="clusters", get_position=["lon", "lat"], get_radius="radius",
                      radius_units="'pixels'", get_fill_color=CLUSTER_COLOUR, get_line_color=[60, 40, 20, 220],
                      stroked=True, line_width_min_pixels=1, pickable=True),
            pdk.Layer("ScatterplotLayer", under_clusters(places, clusters), id="places_over_clusters",
                      get_position=["lon", "lat"], get_radius="radius", radius_units="'pixels'",
                      get_fill_color=[114, 183, 178, 235], get_line_color=[40, 40, 40, 220], stroked=True,
                      line_width_min_pixels=1, pickable=True, parameters=ON_TOP)]
    if show_organisations:
        layers.insert(1, pdk.Layer("ScatterplotLayer", organisations, id="organisations", get_position=["lon", "lat"],
                                   get_radius=1.5, radius_units="'pixels'", get_fill_color=[76, 120, 168, 160],
                                   pickable=True))
    return pdk.Deck(layers=layers, initial_view_state=view, map_provider=None,
                    tooltip={"text": "{label}"})
