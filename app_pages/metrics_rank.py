"""Metrics' ranking: the table with each node's place, and a box that finds a node's place in it. Not a page.

A cluster manager computes the metrics to see where their cluster and its members stand. The table is sorted by
the first metric, so a node's place was only found by scrolling and counting, and a node the graph does not hold
(a seed cluster with no CORDIS record and no member in a project: Automation Småland) simply had no row, with
nothing saying why. The box finds the rows by name or id with their place by each metric, and names each node of
the store it matches that the graph leaves out, with the reason.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common, url_choice
from graph.analytics.metric_places import (
    UNRANKED,
    folded_only_said,
    found_groups,
    found_places,
    graph_of,
    inside_words_said,
)
from graph.analytics.metrics_disk import KeptMetrics
from graph.analytics.projections import Projection

#: The store's labels a graph's nodes are of (a bipartite graph mixes organisations and projects: any label); a
#: Cluster is an Organisation too.
LABELS = {"organisation": ("Organisation", "Cluster"), "cluster": ("Cluster",), "region": ("Region",),
          "country": ("Country",)}
SHOWN = 50  # rows of matches shown; the table above has them all


def place_column(metric: str) -> str:
    return f"place by {metric}"


def ranked_first(metrics) -> list[str]:
    """`metrics` with those that rank (not Louvain's community labels) first, in their order."""
    return sorted(metrics, key=lambda metric: metric in UNRANKED)


def ranking(kept: KeptMetrics) -> pd.DataFrame:
    """One row per node with each metric, sorted by the first metric that ranks, its place by it first (a tie
    shares the better place: 1, 2, 2, 4), as *Find in the ranking* orders its rows. Louvain's community numbers
    are labels, not scores, and get no place: chosen first, they had sorted the table by label, with no place."""
    table = pd.DataFrame({"key": list(kept.names), "name": list(kept.names.values())})
    for metric, result in kept.results.items():
        table[metric] = table["key"].map(result.values)
    first = ranked_first(kept.results)[0]
    if first in UNRANKED:
        return table.sort_values([first, "name"], ignore_index=True)
    table = table.sort_values(first, ascending=False, ignore_index=True, kind="stable")
    table.insert(0, place_column(first), table[first].rank(ascending=False, method="min").astype("Int64"))
    return table


def found_table(found: list[tuple[str, str, dict]], first: str) -> pd.DataFrame:
    """The found rows in the ranking table's column order: the place by its first metric, key, name, then the places
    by the others (the name had come first, and the key second, the other way round from the table above)."""
    rows = pd.DataFrame([{"key": key, "name": name, **{place_column(m): at for m, at in by.items()}}
                         for key, name, by in found])
    if place_column(first) in rows:
        rows.insert(0, place_column(first), rows.pop(place_column(first)))
    return rows


def top_rows(table: pd.DataFrame, metric: str, n: int = 15, most: int = 30) -> tuple[pd.DataFrame, str]:
    """The chart's top `n` rows by `metric` and its caption. Rows tied with the `n`th are drawn too, up to `most`
    (the chart had cut through a tie, leaving out nodes as high as the last one shown); beyond that the caption
    says how many more share the last value."""
    values = table[metric].dropna()
    if len(values) <= n:
        return table.loc[values.index].nlargest(n, metric), f"Top {len(values)} by {metric}"
    last = values.nlargest(n).iloc[-1]
    tied = table[table[metric] >= last].nlargest(most + 1, metric, keep="all")
    if len(tied) <= most:
        return tied, f"Top {n} by {metric}" + (f", with the {len(tied) - n} tied with the last" if len(tied) > n
                                               else "")
    more = int((values == last).sum()) - int((values.nlargest(n) == last).sum())
    return table.nlargest(n, metric), f"Top {n} by {metric} ({more:,} more share the last one's value, {last:,.4g})"


def find_in_ranking(kept: KeptMetrics, spec: Projection) -> None:
    """The *Find in the ranking* box: matching nodes with their places (`graph.analytics.metric_places`, the CLI's
    `--find` too), and the store's matches left out, why."""
    text = st.text_input("Find in the ranking", **url_choice.bound("metrics_find"),
                         placeholder="a name or an id: its place by each metric",
                         help="Your cluster, a member, a region: where it stands among the nodes of this graph")
    if not text.strip():
        return
    groups, inside = found_groups(kept.names, text, kept.other_names)
    found = found_places(kept.names, kept.results, text, groups, kept.other_names)
    if found:
        if inside:
            said = inside_words_said(text)
            st.caption(said[0].upper() + said[1:] + ".")
        st.dataframe(found_table(found[:SHOWN], ranked_first(kept.results)[0]), hide_index=True, key="metrics_found")
        if len(found) > SHOWN:
            st.caption(f"The first {SHOWN} of {len(found):,} matches; type more of the name to narrow them.")
        if folded_only := len(groups[1]):
            st.caption(f"Of the matches, {folded_only_said(folded_only)}.")
    ids = {key.split(":", 1)[1] for key in kept.names}
    absent = [name for key, name in common.search(text, LABELS.get(spec.kind)) if key.split(":", 1)[1] not in ids]
    if absent:
        some = ", ".join(absent[:5]) + (f" and {len(absent) - 5:,} more" if len(absent) > 5 else "")
        why = (f"A {spec.kind} is in it through its organisations' projects that count here (the sidebar's "
               "programme, sector, countries, roles and years)." if spec.kind in ("region", "country") else
               "It holds only what takes part in a project that counts here (the sidebar's programme, sector, "
               "countries, roles and years); a cluster through its CORDIS record or its members' projects. One "
               "without any has no place in a ranking of shared projects: its partners can still be found on the "
               "Partners page.")
        st.info(f"Not in this graph of {graph_of(spec.kind)}: {common.md(some)}. {why}", icon=":material/search_off:")
    elif not found:
        st.warning(nodes_of_other_kinds(text, spec.kind), icon=":material/search_off:")


def nodes_of_other_kinds(text: str, kind: str) -> str:
    """What the store holds named like `text` that no graph of `kind` can hold (an organisation in a graph of
    clusters), with the graph that ranks it; or that nothing is named so. It had said "Nothing in this graph or the
    store" of TECNALIA in a graph of clusters, an organisation the store holds: it had searched the clusters only."""
    hits = [hit for hit in common.search_choices(text) if hit.kind not in LABELS.get(kind, ())]
    if not hits:
        return f"Nothing in this graph or the store is named or numbered like “{common.md(text)}”."
    others = sorted({hit.kind.lower() for hit in hits})
    names = common.md(", ".join(hit.name for hit in hits[:3])) + (f" and {len(hits) - 3} more" if len(hits) > 3 else "")
    what = (f"is {'an' if others[0][0] in 'aeiou' else 'a'} {others[0]}" if len(hits) == 1 else
            f"are {' and '.join(graph_of(k) if k in LABELS else f'{k}s' for k in others)}")
    ranked = [k for k in others if k in LABELS]
    choose = (f"choose Graph of = {' or '.join(ranked)}" if ranked else "no graph of this page ranks "
              + ("it" if len(hits) == 1 else "them"))
    member = (", or find the cluster " + ("it is a member of" if len(hits) == 1 else "they are members of")
              if kind == "cluster" and "organisation" in others else "")
    not_kind = f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}" if len(hits) == 1 else graph_of(kind)
    return f"Not in this graph of {graph_of(kind)}: {names} {what}, not {not_kind}: {choose}{member}."
