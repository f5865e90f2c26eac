"""The SME reason of a partner for a consortium that names a cluster, on the real embedded store with the Austrian
cluster programme of tests/fixtures/austrian_clusters/ (loaded by the real pipeline): the ranking counts the cluster's
members, the call's gap the cluster itself, and the reason had said "the consortium has 1 of 2" below a gap of "0 SMEs
of the 1 partner whose SME status is known". It now says whose count it is."""

from __future__ import annotations

from graph.analytics.inputs import read_inputs
from graph.analytics.recommend import RecommenderIndex, Requirements, recommend
from loaders.pipeline import run_load
from tests.conftest import FIXTURES

AUSTRIAN = FIXTURES / "austrian_clusters"


def _sme_reasons(store, focal: list[str]) -> set[str]:
    found = recommend(RecommenderIndex(read_inputs(store)), focal, Requirements(sme_share=0.5), k=5,
                      exclude_existing=False)
    return {r for c in found for r in c.reasons if r.startswith("an SME (")}


def test_a_clusters_members_are_said_to_be_counted(embedded_store):
    run_load(embedded_store, "csv", AUSTRIAN / "cluster.toml")
    run_load(embedded_store, "csv", AUSTRIAN / "foerderungen.toml")
    said = _sme_reasons(embedded_store, ["Cluster:ooe-kunststoff", "Organisation:FN 123456a"])
    assert said == {"an SME (the consortium's organisations, its clusters' members included, have 1 of 2)"}
    assert _sme_reasons(embedded_store, ["Organisation:FN 123456a"]) == {"an SME (the consortium has 0 of 1)"}
