"""The Partners page's call check: what the consortium lacks for a call's rules and who fills each gap
(graph/analytics/consortium.py). Kept out of app_pages/partners.py for the 80-line rule."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import common, missing_inputs
from graph.analytics.consortium import CallRules, check_consortium
from graph.analytics.recommend import RecommenderIndex, Requirements

__all__ = ["show_gaps"]


def show_gaps(index: RecommenderIndex, focal: list[str], rules: CallRules, requirements: Requirements,
              k: int) -> None:
    """What the consortium lacks for the call's rules and who fills each gap (`k` candidates each, the page's
    Candidates: it gave 5 whatever was asked), with a progress bar per gap."""
    st.subheader("What the call still needs")
    members = f"{len(focal)} organisation{'s' * (len(focal) != 1)} or cluster{'s' * (len(focal) != 1)}"
    st.caption(f"The consortium so far: the {members} chosen above, each counting as a partner of it, as a call "
               "counts them; the partners found below join them.")
    progress = st.progress(0.0, "Checking the call's rules…")
    check = check_consortium(index, focal, rules, k=k, requirements=requirements)
    progress.progress(1.0, "Checked")
    for text in check.met:
        st.success(f"Met: {common.md(text)}", icon=":material/check:")
    if not check.gaps:
        st.success("No gap: the consortium meets every rule given.", icon=":material/check:")
    for number, gap in enumerate(check.gaps):
        st.warning(f"Gap: {common.md(gap.text)}", icon=":material/group_add:")
        rows = [{"fills it": c.name, "score": round(c.score, 3), "why": "; ".join(c.reasons)} for c in gap.candidates]
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True, key=f"partners_gap_{number}")
        else:
            st.caption(common.md(common.sentence(gap.unfilled())))
            missing_inputs.gap(common.store(), gap.rule)
