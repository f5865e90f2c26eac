"""Widget groups several pages use: graph filters, a node picker by name, a form field per query parameter.

Not a page. Each function draws widgets and returns plain values (a `Filters`, a `Projection`, node
keys, a parameter value); keys start with the calling page's prefix so pages never share state, and
most are bound to the URL (`bind="query-params"`), so a link reproduces the view.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import networkx as nx
import streamlit as st

from app_pages import common, linked_choices, linked_nodes, timeline, url_choice
from graph.analytics.metrics import METRICS
from graph.analytics.projections import KINDS, ROLE_RANK, Projection
from graph.analytics.recommend_hints import near_choices
from graph.errors import ParameterError
from graph.store.contract import GraphStore
from graph.store.search_text import fold
from graph.views import filters
from graph.views.filters import FilterOptions, Filters
from graph.views.node_search import choice_label, kind_label
from queries.catalogue import Param
from queries.runner import suggestions

URL = url_choice.URL
#: The days a query's date field offers (Streamlit's own are ten years either side of its value: a link's
#: `on=2005-01-01` had been dropped, and the calendar offered no such day).
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
#: The most choices a filter sends the browser at once (`choose`).
OFFERED = 200
#: Why the Partners page's label box is greyed out (`choose_one` without choices).
NO_LABELS = ("No organisation or cluster in the store holds a quality label: load a table of labels (HAS_LABEL to "
             "esca-bronze, esca-silver or esca-gold, docs/mapping.md) to ask for one.")


@st.cache_resource(max_entries=2)
def options_of(_graph: nx.MultiDiGraph, graph_key: str) -> FilterOptions:
    return filters.filter_options(_graph)


@st.cache_resource(max_entries=2)
def metrics_on(_graph: nx.MultiDiGraph, graph_key: str) -> list[str]:
    """The metrics written back to the store that nodes of this graph carry (to size nodes by)."""
    return [m for m in METRICS if m != "community" and any(m in d for _, d in _graph.nodes(data=True))]


def choose(label: str, choices: list[tuple[str, str]], key: str, help: str | None = None) -> tuple[str, ...]:
    """Several of `(key, label)` choices, shown by label, bound to the URL.

    Beyond `OFFERED` choices (2,204 places and 2,584 sectors in the sample: 300 KB that every run sent the
    browser to decode and render), a "Find" box above narrows them on the server: the widget offers what is
    chosen, then the choices whose label (a country: any of its names) contains the text found, or the first
    `OFFERED` when it is empty. A list of countries has the box however short (Metrics' 152 countries): the
    widget's own filter reads the label alone, so "Norge" found no Norway there.
    Every choice stays reachable, and a link with any of them still opens with it chosen.
    """
    names = dict(choices)
    offered = list(names)
    placeholder = None
    if not names:  # greyed out: say why, so an empty picker is not a silent one
        placeholder = "none in the store"
        help = f"The store holds none yet: load data that has them (docs/mapping.md). {help or ''}".strip()
    elif len(names) > OFFERED or any(k.startswith("Country:") for k in names):  # a country by any of its names
        found = fold(st.text_input(f"Find {label[0].lower()}{label[1:]}", **url_choice.bound(f"{key}_find"),
                                   placeholder=f"a name or code ({len(names):,})"))
        matches = [k for k in names if found in _searched(k, names[k])] if found else offered
        near = near_choices(found, names) if found and not matches else []  # "germny": Germany offered, and said
        offered = list(dict.fromkeys([*_chosen(key, names), *matches[:OFFERED], *near]))
        placeholder = f"{len(matches):,} found" if found else f"the first {OFFERED} of {len(names):,}" \
            if len(names) > OFFERED else f"{len(names):,} to choose from"  # "the first 200 of 38" had been said
        placeholder += f"; did you mean {' or '.join(names[k] for k in near)}?" if near else ""
        placeholder += f" (first {OFFERED} shown)" if found and len(matches) > OFFERED else ""
    if key not in st.session_state:  # a link's first visit: its values no choice has are said, not dropped unsaid
        linked_choices.labels_from_link(key, names)
    picked = tuple(st.multiselect(label, offered, format_func=lambda k: names.get(k, k), **url_choice.bound(key),
                                  help=help, placeholder=placeholder, on_change=st.session_state.pop,
                                  args=(linked_choices.left_out_key(key), None)))
    linked_choices.say_left_out(key, "choices here")
    return picked


def _searched(key: str, label: str) -> str:
    """What the Find box looks in: the label, and for a country every name it goes by ("Sverige", "Suomi")."""
    from graph.countries import names_of

    return fold(" ".join(names_of(key, label)))


def _chosen(key: str, names: dict[str, str]) -> list[str]:
    """The keys a bound multiselect holds (this session's value, else the URL's, which may name them by label)."""
    if key in st.session_state:
        return [k for k in st.session_state[key] if k in names]
    by_label = {name: k for k, name in names.items()}
    return [v if v in names else by_label[v] for v in st.query_params.get_all(key) if v in names or v in by_label]


def graph_filters(options: FilterOptions, prefix: str) -> Filters:
    """Kinds, places, programmes, labels and sectors, and the app's time window, in the sidebar."""
    with st.sidebar:
        st.subheader("Filters")
        default = [k for k in filters.DEFAULT_KINDS if k in options.kinds]
        # all chips shown, wrapped (a multiselect of ten cut them off)
        kinds = st.pills("Kinds of node", options.kinds, selection_mode="multi", default=default,
                         **url_choice.bound(f"{prefix}_kinds"))
        places = choose("Country or region", options.places, f"{prefix}_places", "Regions include their sub-regions")
        programmes = choose("Programme", options.programmes, f"{prefix}_programmes")
        labels = choose("Quality label", options.labels, f"{prefix}_labels")
        sectors = choose("Sector, topic or field", options.sectors, f"{prefix}_sectors")
        _fields_taken_along(sectors, options)
        load = choose_load(f"{prefix}_load")
    start, end = timeline.window()
    return Filters(tuple(kinds), places, programmes, labels, sectors, start, end, load)


def choose_load(key: str) -> str | None:
    """One load of the load log whose nodes alone to show (`Filters.load`), or None for every node; in the URL as
    the load's source (`?explore_load=user:grants`)."""
    offered = common.loads_offered()
    return choose_one("This load's nodes", {source: source for source in offered}, key, "every load",
                      help="Show only what one load brought: the nodes its files gave (your own table's load is "
                           "`user:<name>`)." if offered else "Nothing is loaded yet.")


def _fields_taken_along(sectors: tuple[str, ...], options: FilterOptions) -> None:
    """Say which CORDIS field a chosen sector of the seeds takes along: its projects come with it, though they
    are not linked to the chosen node (without the field, the seeds' Automation kept none of them)."""
    if same := common.sector_fields(sectors):
        names = dict(options.sectors)
        st.caption("With the CORDIS field of the same name: " + "; ".join(
            f"{names.get(seed, seed)} takes {names.get(field, field)}" for seed, field in same.items()) + ".")


def projection_form(options: FilterOptions, prefix: str) -> Projection:
    """Which graph to measure (organisations, clusters, regions, ...) and which projects count."""
    with st.sidebar:
        st.subheader("Network to measure", help="Which nodes to compare, linked when their organisations share a "
                     "project (the docs call this a projection)")
        kind = st.selectbox("Graph of", KINDS, **url_choice.bound(f"{prefix}_kind"),
                            help="Nodes linked when their organisations share a project")
        level = st.select_slider("NUTS level", [1, 2, 3], value=2,
                                 **url_choice.bound(f"{prefix}_level")) if kind == "region" else 2
        programmes = choose("Programme", options.programmes, f"{prefix}_programmes")
        sectors = choose("Sector, topic or field", options.sectors, f"{prefix}_sectors")
        _fields_taken_along(sectors, options)
        countries = choose("Countries", [(k, n) for k, n in options.places if k.startswith("Country:")],
                            f"{prefix}_countries")
        regions = choose("Regions", [(k, n) for k, n in options.places if k.startswith("Region:")],
                         f"{prefix}_regions", "Organisations located in a region or one under it (SE21 takes SE212)")
        roles = st.multiselect("Roles", list(ROLE_RANK), **url_choice.bound(f"{prefix}_roles"), help="All when empty")
    start, end = timeline.window()
    return Projection(kind=kind, start=start, end=end, programmes=programmes, sectors=sectors,
                      countries=tuple(c.split(":", 1)[1] for c in countries), roles=tuple(roles), region_level=level,
                      regions=tuple(r.split(":", 1)[1] for r in regions))


def from_url(key: str, allowed: list[str]) -> None:
    """Start an unbound widget at the URL's value (for widgets whose URL form must be their value, not
    their displayed label, which is what `bind` stores when a `format_func` is given)."""
    if key not in st.session_state and st.query_params.get(key) in allowed:
        st.session_state[key] = st.query_params[key]


def pick_nodes(graph: nx.MultiDiGraph, label: str, key: str, kinds: tuple[str, ...] | None = None,
               keep: tuple[str, ...] = ()) -> list[str]:
    """Search by name, then choose nodes among the hits (and those already chosen or named in `keep`).

    The choice is kept in the URL as node keys (`?key=Cluster:iot-world&key=...`), written by hand:
    a bound multiselect would store the displayed names instead. It outlives a visit to another page
    (`persist_state`), as the bound widgets do.
    """
    url_choice.start_from_link(key, lambda linked: linked_nodes.resolved(
        (_current_key(graph, k) for k in linked), key, graph.__contains__, kinds))
    text = st.text_input(f"Search {label}", **url_choice.bound(f"{key}_search"),
                         placeholder="a name, an acronym, an id")
    chosen = [k for k in st.session_state[key] if k in graph]
    hits = [h for h in dict.fromkeys([*keep, *chosen, *filters.search(graph, text, 50, kinds)]) if h in graph]

    def name(k: str) -> str:
        return " · ".join([filters.display_name(k, graph.nodes[k]), graph.nodes[k].get("kind", ""),
                           *_told_apart(graph, k)])

    picked = st.multiselect(label.capitalize(), hits, format_func=name, key=key, persist_state="session",
                            placeholder="search, then choose" if hits else "search first",
                            on_change=linked_nodes.forget_unresolved, args=(key,))
    linked_nodes.say_unresolved(key)
    return url_choice.kept_in_url(key, picked)


def _told_apart(graph: nx.MultiDiGraph, key: str) -> list[str]:
    """An organisation's country and how many projects it takes part in (a cluster's members too: a member list's
    cluster had read "0 projects" alone), as a choice shows them: CORDIS's two RISE PICs had looked alike."""
    attrs = graph.nodes[key]
    if attrs.get("kind") not in ("Organisation", "Cluster"):
        return []
    projects = {end for _, end, kind in graph.out_edges(key, data="type") if kind == "PARTICIPATES_IN"}
    members = {start for start, _, kind in graph.in_edges(key, data="type") if kind == "MEMBER_OF"}
    return [*([attrs["country"]] if attrs.get("country") else []),
            f"{len(projects):,} project{'s' if len(projects) != 1 else ''}",
            *([f"{len(members):,} member{'s' if len(members) != 1 else ''}"] if members else [])]


def choose_one(label: str, choices: dict[str, str], key: str, none: str, help: str | None = None) -> str | None:
    """One of `choices` (value -> name shown), or None (shown as `none`); the URL holds the value, not the name
    (a bound selectbox with a `format_func` would store the name), and it outlives a visit to another page. A link
    naming no choice (a load since taken out, a mistyped label) is said under the box until another is chosen: it
    had shown `none` as if the link asked for it."""
    url_choice.start_from_link(key, lambda linked: _first_offered(linked, choices, key))
    chosen = st.selectbox(label, [None, *choices], format_func=lambda v: none if v is None else choices[v], key=key,
                          persist_state="session", help=help, disabled=not choices)  # greyed out: `help` says why
    url_choice.kept_in_url(key, [chosen] if chosen else [])
    unknown = st.session_state.get(linked_choices.left_out_key(key)) if chosen is None else None
    if unknown:
        st.caption(f"The link asked for {', '.join(f'“{common.md(v)}”' for v in unknown)}, which is not among the "
                   f"choices here: showing {none}.")
    return chosen


def _first_offered(linked: list[str], choices: dict[str, str], key: str) -> str | None:
    """The first of a link's values that `choices` offers, by its value or its name in any case (`ESCA Gold`,
    `esca-GOLD`: they had been said to be no choice); those it does not are kept for `choose_one` to say."""
    taken = [linked_choices.named_choice(v, choices) for v in linked]
    st.session_state[linked_choices.left_out_key(key)] = [v for v, t in zip(linked, taken, strict=True) if t is None]
    return next((t for t in taken if t is not None), None)


def _current_key(graph: nx.MultiDiGraph, key: str) -> str:
    """`key`, or `Cluster:<id>` for a link made with `Organisation:<id>` before detection made it a Cluster."""
    moved = "Cluster:" + key.partition(":")[2]
    return moved if key not in graph and key.startswith("Organisation:") and moved in graph else key


def search_nodes(label: str, key: str, kinds: tuple[str, ...] | None = None) -> list[str]:
    """Like `pick_nodes`, served from the store: a search read per text typed, names of the chosen keys.

    The choice is kept in the URL as node keys; a link's value that is none is resolved as a name, or said
    (`linked_nodes`).
    """
    url_choice.start_from_link(key, lambda linked: linked_nodes.resolved(
        linked, key, lambda k: bool(common.names_of((k,))), kinds))
    text = st.text_input(f"Search {label}", **url_choice.bound(f"{key}_search"),
                         placeholder="a name, an acronym, an id")
    names = {**{k: kind_label(k, n) for k, n in common.names_of(tuple(st.session_state[key])).items()},
             **{hit.key: choice_label(hit, text) for hit in common.search_choices(text, kinds)}}  # each says its kind
    st.session_state[key] = list(common.names_of(tuple(st.session_state[key])))  # as the store keys them now
    picked = st.multiselect(label.capitalize(), list(names), format_func=names.get, key=key, persist_state="session",
                            placeholder="search, then choose" if names else "search first",
                            on_change=linked_nodes.forget_unresolved, args=(key,))
    linked_nodes.say_unresolved(key)
    return url_choice.kept_in_url(key, picked)


def param_input(graph_store: GraphStore, param: Param, key: str, default: Any = None) -> Any:
    """One form field for a typed saved-query parameter, with its default, choices or suggestions."""
    label, help_text = param.name, param.help or None
    default = param.default if default is None else default
    if param.type == "bool":
        return st.checkbox(label, value=bool(default), key=key, help=help_text, bind=URL)
    if param.type in ("int", "float"):
        cast = int if param.type == "int" else float
        return st.number_input(label, param.least, param.most, cast(default or 0), key=key, help=help_text, bind=URL)
    if param.type == "date":
        value = dt.date.fromisoformat(default) if default else dt.date.today()
        return st.date_input(label, value=value, min_value=EARLIEST, max_value=LATEST, key=key, help=help_text,
                             bind=URL).isoformat()
    offered = [str(v) for v in suggestions(graph_store, param)]
    if param.type == "list":
        chosen = [str(v) for v in (default or [])]
        return st.multiselect(label, list(dict.fromkeys([*chosen, *offered])), default=chosen, key=key,
                              help=help_text, accept_new_options=True, bind=URL)
    if offered:
        current = None if default is None else str(default)
        choices = offered if current is None or current in offered else [current, *offered]
        return st.selectbox(label, choices, index=choices.index(current) if current else 0, key=key,
                            help=help_text, accept_new_options=not param.choices, bind=URL)
    value = st.text_input(label, value="" if default is None else str(default), key=key, help=help_text, bind=URL)
    return value or None


def json_params(text: str) -> dict[str, Any]:
    """The parameters typed as a JSON object; raises ParameterError saying what is wrong."""
    try:
        values = json.loads(text or "{}")
    except json.JSONDecodeError as e:
        raise ParameterError(f"the parameters are not JSON ({e.msg} at character {e.pos + 1}); "
                             'write an object such as {"country": "SE"}') from None
    if not isinstance(values, dict):
        raise ParameterError('the parameters must be a JSON object, such as {"country": "SE"}')
    return values


def declared_params(values: dict[str, Any]) -> tuple[Param, ...]:
    """Parameter declarations for an ad-hoc query being saved: the type and default of each given value."""
    types = {bool: "bool", int: "int", float: "float", list: "list"}
    return tuple(Param(k, types.get(type(v), "string"), ", ".join(map(str, v)) if isinstance(v, list) else v)
                 for k, v in values.items())
