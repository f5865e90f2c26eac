"""Partners: the ranked organisations have a heading of their own, after the call's gaps as alone.

With call rules, the gaps' tables ("fills it") were followed at once by the ranked candidates, without a heading:
the list read as more of the last gap's (the SME gap's list and the candidates' are much alike). Partner clusters
had a heading; partner organisations had none (app_pages/partners_results.py).
"""

from __future__ import annotations

from tests.test_app import app_store, open_page  # noqa: F401  (app_store is a fixture)


def headings(at) -> list[str]:
    return [s.value for s in at.main.subheader]


def test_the_candidates_after_the_gaps_have_their_own_heading(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="Organisation:pic:999977851", partners_countries="9",
                   partners_roles="coordinator")
    assert headings(at) == ["What the call still needs", "Partner organisations"]
    assert [d.value.columns[0] for d in at.dataframe][-1] == "rank"  # the last table is the heading's


def test_an_organisation_alone_gets_the_same_heading(app_store):  # noqa: F811
    assert headings(open_page("partners", partners_focal="Organisation:pic:999977851")) == ["Partner organisations"]


def test_clusters_keep_theirs(app_store):  # noqa: F811
    assert headings(open_page("partners", partners_focal="Cluster:automation-smaland")) == ["Partner clusters"]
