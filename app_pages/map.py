"""Map: where the activity is and which regions work together (graph/views/geography.py and map_places.py, on the
cached analytics inputs of app_pages/analytics_cache.py; drawing in app_pages/map_layers.py; the cluster layer and
the "this load's nodes" choice in app_pages/map_clusters.py).

Places and their links are computed once per data version, time window and level (the slow part: every
participation is read) and kept on disk (app_pages/map_cache.py), so a visit after a restart reads that file
and not the analytics inputs; which arcs to draw (how many, how strong; a found place's own) is chosen from them at
once. At most the 2,000 most active organisations are drawn.
"""

from __future__ import annotations

import streamlit as st

from app_pages import map_abroad, map_cache, map_clusters, map_countries, map_find, map_layers, timeline, widgets
from graph.views.map_places import LEVELS
from graph.views.timeline import describe_window
from loaders.nuts import ATTRIBUTION

st.title("Map")
start, end = timeline.window()  # the app's time slider
left, find, middle, weakest, right = st.columns([3, 3, 2, 2, 2])
level = map_layers.level_control(left)
text = map_find.find_box(find)
top = middle.number_input("Collaboration arcs", 0, map_cache.MOST_ARCS, 40, step=10, key="map_arcs", bind=widgets.URL,
                          help="How many of the strongest links between places to draw.")
least = weakest.number_input("Min. shared projects", 1, 100_000, 1, step=5, key="map_min_projects",
                             bind=widgets.URL, help="Draw only links between places that share at least this "
                                                    "many projects.")
show_organisations = right.toggle("Organisations", True, key="map_organisations", bind=widgets.URL)
show_clusters, load = map_clusters.controls(right)

placed = map_cache.placed_activity(level, start, end, load)
countries = map_countries.control(placed)
kept = map_countries.keep(placed, countries)
places, organisations, located, active, links, unplaced, (clustered, no_place) = kept
actors = len(map_cache.brought_by(load)) if load else 0
if load and not places and not organisations and not clustered:
    map_clusters.nothing_of_load(load, actors, map_cache.kinds_brought_by(load))
if not places and not organisations:
    st.info("No place or organisation has coordinates yet: load NUTS regions (Data page) to place them.",
            icon=":material/info:")
    from app_pages import common, missing_inputs  # only here: the Map's usual visit needs neither

    missing_inputs.places(common.store())  # and, for a user's own places, the columns that place them
    st.stop()
if not active and (start or end):  # every place at zero and no arc: say why, not only "no collaboration arcs"
    st.info(f"No project of the data runs in the time slider's years ({describe_window(start, end)}), so no place "
            "has activity and no two share a project: move the slider.", icon=":material/event_busy:")
places, organisations = map_layers.frames(places, organisations, level)
found = map_find.matching(places, text)
shown = map_layers.link_frame(map_find.arcs(links, found, top, least))  # a found place's own, else the strongest
clusters = map_layers.cluster_frame(clustered) if show_clusters else None
view = map_abroad.first_view(places, organisations, found, shown, [placed[7].get(c, c) for c in countries])
abroad = map_abroad.far_ends(placed[0], places, shown, level) if countries else None
st.pydeck_chart(map_layers.deck(places, organisations, shown, show_organisations, found, clusters, view, abroad),
                height=map_layers.MAP_HEIGHT, alt="Map of places, organisations, clusters and collaborations")
strongest = map_find.arcs_said(shown, links, found, top, least)
drawn = f"{len(organisations):,}" if len(organisations) == located else \
    f"the {len(organisations):,} most active of {located:,}"
active = f"{active:,} of them in a project" + (f" of {describe_window(start, end)}" if start or end else "")
st.caption(map_clusters.of_load(load, actors) + map_countries.said(placed, countries)
           + f"{len(places):,} places at {LEVELS[level]} (bubble area: participations), {drawn} organisations with "
           f"coordinates ({active}), {strongest}; no base map."
           + (map_abroad.far_said(abroad) if abroad is not None else "")
           + map_countries.unplaced_said(unplaced, LEVELS[level], countries)
           + map_clusters.caption(clustered, no_place, show_clusters, level, countries)
           + (f" Places: NUTS label points. {ATTRIBUTION}" if not places.empty else ""))

map_find.tables(places, links, shown, found, text, level)
