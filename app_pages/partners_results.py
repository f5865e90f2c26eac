"""The Partners page's results: candidate tables with reasons and Explore links, and partner clusters.

Kept out of app_pages/partners.py so the page stays a short list of widgets (the 80-line rule).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common, missing_inputs, partners_index
from graph.analytics.cluster_partners import known_by, partner_clusters
from graph.analytics.ranking_notes import ranking_notes
from graph.analytics.recommend import RecommenderIndex, Requirements, history_note, places_note, recommend
from graph.analytics.recommend_empty import no_candidate_reason
from graph.analytics.recommend_reasons import sme_note
from graph.app_wording import SCORE_PARTS
from graph.store.schema import is_cluster
from graph.views.filters import display_name

__all__ = ["all_clusters", "say_projects", "show_organisations", "show_clusters"]


def all_clusters(graph, focal: list[str]) -> bool:
    return all(key in graph and is_cluster(graph.nodes[key]) for key in focal)


def say_projects(graph, projects: dict[str, list[str]]) -> None:
    """Say that each project picked is a project and that its partners (`projects_as_partners`) are the starting
    set: the ranking is for organisations or clusters, as `recommend --for PROJECT` says in the CLI."""
    for project, partners in projects.items():
        name = common.md(display_name(project, graph.nodes[project]))
        names = ", ".join(common.md(display_name(k, graph.nodes[k])) for k in partners[:6])
        more = f" and {len(partners) - 6} more" if len(partners) > 6 else ""
        st.info(f"{name} is a project: the consortium is its {len(partners)} partner{'s' * (len(partners) != 1)} "
                f"({names}{more})." if partners else f"{name} is a project with no partner in the store: search for "
                "organisations or clusters instead.", icon=":material/groups:")


def _note(note: str | None) -> None:
    if note:
        st.info(f"{note[:1].upper()}{note[1:]}.", icon=":material/info:")


def _candidates(candidates: list, key: str, why_none: str | None = None) -> None:
    """A table of scores, a CSV download, and one expander per candidate with reasons and Explore links; when
    there is none, `why_none` (`graph.analytics.recommend_empty`, as the CLI says it)."""
    if not candidates:
        st.info(common.md(common.sentence(f"no candidate: {why_none}")) if why_none else
                "No candidate fits these requirements.")
        return
    table = pd.DataFrame([{"rank": i, "candidate": c.name, "score": round(c.score, 3),
                           **{part: round(v, 3) for part, v in c.components.items()}}
                          for i, c in enumerate(candidates, start=1)]).fillna(0.0)
    explained = common.explained_columns(table.columns, SCORE_PARTS)  # `sectors 0.22` had read as a code
    st.dataframe(table, hide_index=True, key=f"{key}_table", column_config=explained)
    whole = table.assign(key=[c.key for c in candidates], reasons=["; ".join(c.reasons) for c in candidates])
    common.csv_download(st, "Download (CSV)", whole.to_csv(index=False), f"{key}.csv", f"{key}_csv",
                        help="With each candidate's key (Kind:id, as the store and the CLI name it) and its reasons")
    for rank, candidate in enumerate(candidates, start=1):
        with st.expander(f"{rank}. {common.md(candidate.name)} — score {candidate.score:.2f}", expanded=rank == 1):
            st.markdown("\n".join(f"- {common.md(reason)}" for reason in candidate.reasons) or "No reason recorded.")
            for path in candidate.paths:
                text, link = st.columns([3, 1], vertical_alignment="center")  # [5, 1] cut the label
                text.caption(common.md(path.text))
                link.page_link("app_pages/explore.py", label="Open in Explore", icon=":material/route:",
                               query_params={"path": ",".join(path.nodes)})


def show_organisations(index: RecommenderIndex, focal: list[str], requirements: Requirements, k: int,
                       exclude_existing: bool) -> None:
    st.subheader("Partner organisations")  # under the call's gaps, the list had read as the last gap's
    _note(history_note(index, focal))
    candidates = recommend(index, focal, requirements, k=k, exclude_existing=exclude_existing)
    _note(places_note(index, focal, requirements, candidates))  # a wanted place no candidate shown is in
    _note(sme_note(index, focal, requirements))  # a wanted SME share the consortium already has
    for note in ranking_notes(index, focal, sectors=requirements.sectors, ranked=bool(candidates),
                              ask="Sectors, topics or fields"):  # its own and its members' sectors, a broad profile
        _note(note)
    if not candidates:
        missing_inputs.candidates(common.store(), requirements)  # which inputs are missing, and how to add them
        _candidates(candidates, "partners", no_candidate_reason(
            index, focal, requirements, exclude_existing=exclude_existing,
            include_hint="turn on Include known partners to rank them"))
        return
    _candidates(candidates, "partners")


def show_clusters(index: RecommenderIndex, version: str, focal: list[str], k: int, requirements=None) -> None:
    st.subheader("Partner clusters")
    cindex = partners_index.clusters(index, version)
    ranking = partner_clusters(cindex, focal, k=k, requirements=requirements)
    _note(ranking.note)
    read = known_by(cindex, focal)
    for note in ranking_notes(index, focal, clusters=read):
        _note(note)
    _candidates(ranking.candidates, "partners", ranking.why_none)
