"""The Queries page's parameter fields: a picker by name for each parameter that names a node, a form for the rest.

Not a page. A parameter the query matches a node's id with (`(a:Organisation {id: $from})`, found by
`queries.params.node_id_params`) gets a search box and a choice among the nodes whose name, acronym or id
holds the text, so nobody has to know a PIC. The picker sits outside the form: its search runs as you type.
The chosen id is kept in the URL under the same key as the plain field, so old links still work; a name
typed into the choice itself is accepted too (the runner resolves names to ids). A query's example that names
no node of this store (a CORDIS PIC on a user's own table) gives way to the first node the store offers, else to
the parameter's default (the run then says the store lacks it). An emptied field runs empty, as `-p area=` does on
the command line, never silently with the default it no longer shows; an emptied node choice waits for one. A
link's value the query takes in a form the field does not read from the address (`31/12/2024`, `1,5`) is put in the
field's form; one the field does not run (`level=9`, `01/02/2024`, which may be either day) is said above the result.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from app_pages import common, widgets
from graph.errors import ParameterError
from graph.store.contract import GraphStore
from queries.catalogue import Param, SavedQuery
from queries.params import as_written, node_id_params, readings
from queries.runner import bind_value, suggestions


def _names(kinds: tuple[str, ...], ids: list[str]) -> dict[str, str]:
    """Display names of these ids (each looked up as a node of each kind it may be)."""
    found = common.names_of(tuple(f"{kind}:{node_id}" for node_id in ids for kind in kinds))
    return {key.partition(":")[2]: name for key, name in found.items()}


def _searched_kinds(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """The kinds to search for a parameter of node labels `kinds`: a cluster is an Organisation too (the runner
    takes it, `collaboration/path`'s own example MARINN is one), but the search tells nodes apart by kind."""
    return (*kinds, "Cluster") if "Organisation" in kinds and "Cluster" not in kinds else kinds


def node_picker(graph_store: GraphStore, param: Param, kinds: tuple[str, ...], key: str, default: Any) -> str | None:
    """Search nodes of `kinds` by name; returns the chosen node's id (or the text typed, for the runner to resolve)."""
    if key not in st.session_state:
        asked = st.query_params.get(key)
        start = asked or default or param.default
        if not asked and start is not None and not _names(kinds, [str(start)]):
            # the query's example names a node this store lacks (a CORDIS PIC on a user's own table): open on
            # a node the store offers instead of on an error
            offered = suggestions(graph_store, param, limit=1)
            start = offered[0] if offered else param.default
        st.session_state[key] = None if start is None else str(start)
        st.session_state[f"{key}_example"] = None if asked else st.session_state[key]
    search, choice = st.columns(2)
    text = search.text_input(f"{param.name}: find by name", key=f"{key}_search", help=param.help or None,
                             placeholder="a name, an acronym or an id, then Enter")
    if text.strip():
        hits = {k.partition(":")[2]: name for k, name in common.search(text, _searched_kinds(kinds))}
    else:
        offered = [str(v) for v in suggestions(graph_store, param, limit=50)]
        hits = {**dict.fromkeys(offered, ""), **_names(kinds, offered)}
    current = _found_replaces_example(key, hits, search) if text.strip() else st.session_state[key]
    names = {**({current: ""} if current else {}), **_names(kinds, [current] if current else []), **hits}
    if text.strip() and not hits:  # the old choice (and its result) stays: say so, not nothing
        kept = f"; the choice stays {names[current] or current}" if current else ""
        search.caption(common.md(f"No match for {text.strip()!r}{kept}."))
    picked = choice.selectbox(param.name, list(names), key=key, accept_new_options=True,
                              format_func=lambda v: f"{names[v]} · {v}" if names.get(v) else str(v),
                              placeholder="search by name first" if not names else "choose one",
                              help=f"{len(hits):,} match(es)" if text.strip() else None)
    if picked:
        st.query_params[key] = picked
    elif key in st.query_params:
        del st.query_params[key]
    return picked


def _found_replaces_example(key: str, hits: dict[str, str], search) -> str | None:
    """The choice after a search: the node found, in place of the query's example the user never touched; none, with
    a word to pick one, when several are found. A try-out's search found their cluster and added it to the choices,
    but the example (IoT World) stayed chosen, and Run answered for it. A choice of the user's own stays."""
    current = st.session_state[key]
    if not hits or current is None or current != st.session_state.get(f"{key}_example") or current in hits:
        return current
    st.session_state[f"{key}_example"] = None  # replaced once: the user's choices from here on are theirs
    st.session_state[key] = next(iter(hits)) if len(hits) == 1 else None
    if len(hits) > 1:
        search.caption(f"{len(hits):,} nodes match: pick one in the list (the query's example is no longer chosen).")
    return st.session_state[key]


def _picked(query: SavedQuery) -> dict[str, tuple[str, ...]]:
    """The parameters that name a node, with the kinds it may be: each gets a picker."""
    return {name: kinds for name, kinds in node_id_params(query.cypher).items()
            if (p := query.param(name)) is not None and p.type == "string" and not p.choices}


def unchosen_nodes(query: SavedQuery, raw: dict[str, Any]) -> list[str]:
    """The node parameters with no node chosen (none to start with, or the choice emptied): the query waits for
    them, not errs, and never runs a default the field does not show."""
    return [name for name in _picked(query) if not str(raw.get(name) or "").strip()]


def _as_shown(param: Param, value: Any) -> Any:
    """A text field's value as the field shows it: emptied is the empty text (the field gives None for it, which
    would run the default), as the CLI runs `-p area=`."""
    return "" if value is None and param.type == "string" else value


def _take_bare_links(query: SavedQuery) -> None:
    """A link's value under the parameter's own name (`?queries_name=clusters/members&cluster=...`, as the docs write
    `level=9`) goes to the query's field, the address then holding its key (`queries_clusters/members:cluster`): it had
    been left unread, the field showing the query's example without a word. `time` (the slider) is never a field."""
    bare = [p.name for p in query.params if p.name != "time" and p.name in st.query_params]
    for name in bare:
        key, value = f"queries_{query.name}:{name}", st.query_params[name]
        del st.query_params[name]
        if key not in st.query_params and key not in st.session_state:
            st.query_params[key] = value
    if bare:
        st.rerun()  # a bound field is seeded from the address the run starts with


def parameter_fields(graph_store: GraphStore, query: SavedQuery) -> dict[str, Any]:
    """Every parameter's value as given (None when empty): pickers for node ids, the rest in a form."""
    _take_bare_links(query)
    pick = _picked(query)
    raw = {p.name: node_picker(graph_store, p, pick[p.name], f"queries_{query.name}:{p.name}",
                               query.example.get(p.name)) for p in query.params if p.name in pick}
    linked = {p.name: st.query_params.get(key) for p in query.params if p.name not in pick
              and (key := f"queries_{query.name}:{p.name}") not in st.session_state and key in st.query_params}
    _refit_links(query, linked)
    with st.form("queries_form"):
        raw.update({p.name: _as_shown(p, widgets.param_input(graph_store, p, f"queries_{query.name}:{p.name}",
                                                             query.example.get(p.name)))
                    for p in query.params if p.name not in pick})
        st.form_submit_button("Run", type="primary", icon=":material/play_arrow:")
    _unfit_link_values(query, linked, raw)
    return raw


#: What a field reads from the address that the query's types do not: a whole number with a point, `2.0` (the number
#: field reads 2), and a date year first with slashes, `2020/06/01` (Streamlit's older form of a date).
_WHOLE = re.compile(r"\s*([+-]?\d+)\.0*\s*")
_YEAR_FIRST = re.compile(r"\s*(\d{4})/(\d{1,2})/(\d{1,2})\s*")
#: The form a field reads a link's value in, by the parameter's type: what a warning names.
_FIELD_FORMS = {"date": "a date as YYYY-MM-DD", "float": "a number with a decimal point"}


def _field_form(query: SavedQuery, param: Param, value: str) -> str | None:
    """A link's `value` in the form `param`'s field reads from the address (`2024-12-31` for `31/12/2024` or
    `31.12.2024`, `1.5` for `1,5`, `1000` for `1 000`, `esca-gold` for `ESCA Gold`), when the query takes it and it
    means one value; else None (a free text, a list, a value to be said)."""
    if param.type == "list" or (param.type == "string" and not param.choices) or readings(param.type, value):
        return None
    try:
        bound = bind_value(query, param, _as_field_reads(param, value))
    except ParameterError:
        return None
    if isinstance(bound, bool):
        return "true" if bound else "false"
    return str(bound)


def _as_field_reads(param: Param, value: str) -> str:
    """`value` as the query's type reads it, where the field reads it too (`2.0` is 2, `2020/06/01` is 2020-06-01):
    such a link's value had been warned about as not used, the field showing it."""
    if param.type == "int" and (whole := _WHOLE.fullmatch(value)):
        return whole[1]
    if param.type == "date" and (year_first := _YEAR_FIRST.fullmatch(value)):
        return "-".join(year_first.groups())
    return value


def _refit_links(query: SavedQuery, linked: dict[str, str]) -> None:
    """Put a link's values that a field would drop, though the query takes them, in the form the field reads, and run
    the page again: Streamlit seeds a bound field from the address as it is (dates as YYYY-MM-DD, numbers with a
    point, a choice as written), and a day-first date or a decimal comma had been dropped without a word."""
    refit = {name: form for name, value in linked.items()
             if (form := _field_form(query, query.param(name), value)) is not None and form != value}
    if refit:
        for name, form in refit.items():
            st.query_params[f"queries_{query.name}:{name}"] = form
        st.rerun()


def _link_problem(query: SavedQuery, name: str, value: str, shown: Any) -> str | None:
    """Why the field of `name` does not run a link's `value`: the query does not take it (`level=9`), it may mean two
    values (`01/02/2024`, `1,500`), or the field cannot show it and shows `shown`; else None."""
    param = query.param(name)
    if two := readings(param.type, value):
        said = " and as ".join(f"{as_written(meant)} {reading}" for reading, meant in two.items())
        links = " or ".join(f"{name}={as_written(meant)}" for meant in two.values())
        return f"it reads as {said}; the field takes {_FIELD_FORMS[param.type]}: {links}"
    try:
        meant = bind_value(query, param, _as_field_reads(param, value))
    except ParameterError as e:
        return str(e).split(f"parameter {name!r}", 1)[-1].lstrip(": ")
    try:
        ran = None if shown is None else bind_value(query, param, shown)
    except ParameterError:
        ran = shown
    if ran == meant or (param.type == "list" and all(item in (ran or []) for item in meant)):  # (its last item)
        return None
    return (f"the field takes days from {widgets.EARLIEST} to {widgets.LATEST}" if param.type == "date"
            else "the field cannot show it")


def _unfit_link_values(query: SavedQuery, linked: dict[str, str], raw: dict[str, Any]) -> None:
    """Say which of a link's values the field does not run: Streamlit drops a bound field's URL value it cannot
    show (`level=9`, `limit=abc`), and the field had shown its default without a word. The warning stays while the
    field still shows the value put in the link's place: it had gone at the page's next run (a Run pressed, the
    editor below used), the result still of a question other than the link's."""
    kept = st.session_state.setdefault("queries_unfit_links", {})
    for name, value in linked.items():
        if reason := _link_problem(query, name, value, raw.get(name)):
            kept[f"queries_{query.name}:{name}"] = (f"The link's {name}={value!r} is not used: {reason}; the field "
                                                    "shows another value.", raw.get(name))
    for name in [p.name for p in query.params]:
        said, shown = kept.get(f"queries_{query.name}:{name}", (None, None))
        if said is not None and raw.get(name) != shown:  # the field changed since: the user's value runs
            del kept[f"queries_{query.name}:{name}"]
        elif said is not None:
            st.warning(common.md(said), icon=":material/link_off:")
