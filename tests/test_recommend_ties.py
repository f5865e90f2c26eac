"""Tie strength in the recommender (recent ties, small projects, recent activity) on the stored fixture network.

The network (tests/test_recommend.py): SOLAR AB (1) worked with LUND (2) and VTT (3) in SUNPOWER (2022-01,
3 partners). VTT then worked with PHOTON (4) in PVSTORE (2023-02, 3 partners, with AALBORG 5) and SUNFI
(2023-09, 2 partners); LUND with HYDRO (7) in HYDRO (2022-03, 2 partners).
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from graph.analytics.recommend import Weights, recommend
from graph.analytics.recommend_ties import build_ties
from tests.test_recommend import graph, index, keys, org  # noqa: F401  (fixtures of the same stored network)

ONLY = dict.fromkeys(vars(Weights()), 0.0)


def test_recent_ties_put_partners_of_recent_projects_first(index):  # noqa: F811
    found = recommend(index, [org("1")], k=3, weights=Weights(**ONLY | {"recent_ties": 1.0}))
    # PHOTON (VTT's partner in 2023, twice) before AALBORG (2023, once) before HYDRO (LUND's partner in 2022)
    assert keys(found) == [org("4"), org("5"), org("7")]
    assert found[0].components == pytest.approx({"recent_ties": 1.0})
    assert "recent tie: VTT worked with it in 2023" in found[0].reasons
    assert "recent tie: LUNDS UNIVERSITET worked with it in 2022" in found[2].reasons


def test_small_projects_make_closer_ties_than_large_ones(index):  # noqa: F811
    found = recommend(index, [org("1")], k=3, weights=Weights(**ONLY | {"small_projects": 1.0}))
    # HYDRO is linked through a two-partner project, AALBORG only through three-partner ones
    assert keys(found) == [org("4"), org("7"), org("5")]
    assert "close tie: LUNDS UNIVERSITET links it to SOLAR AB through projects of at most 3 partners" \
        in found[1].reasons
    assert not any(r.startswith("recent tie") for r in found[1].reasons)  # a component without weight says nothing


def test_recent_activity_favours_organisations_active_in_the_last_year(index):  # noqa: F811
    found = recommend(index, [org("1")], k=5, weights=Weights(**ONLY | {"recent_activity": 1.0}))
    assert keys(found) == [org("4"), org("5"), org("6"), org("7"), "Cluster:pic:8"]
    assert "2 projects started in the last year of the data" in found[0].reasons
    assert not any("last year" in r for r in found[4].reasons)  # its only project started in 2022


def test_tie_weights_halve_each_year_and_undated_projects_count_as_new():
    incidence = sp.csr_array(np.array([[1, 1, 0], [1, 0, 1], [0, 1, 1]], dtype=float))  # 3 organisations, 3 projects
    ties = build_ties(incidence, ["2024-01-01", "2023-01-01", ""])
    assert ties.recent.toarray()[0, 1] == pytest.approx(1.0)  # the newest project
    assert ties.recent.toarray()[0, 2] == pytest.approx(0.5, abs=0.001)  # a year older
    assert ties.recent.toarray()[1, 2] == pytest.approx(1.0)  # no date: counted as new
    assert ties.small.toarray()[0, 1] == pytest.approx(1.0)  # two-partner projects: 1 / (2 - 1)
    assert ties.activity == pytest.approx([1.5, 2.0, 1.5], abs=0.001)
