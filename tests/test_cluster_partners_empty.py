"""An empty partner-cluster ranking says why: the requirements left out every cluster it reached, or nothing links.

The try-out: `recommend --for "Automation Småland" --min-label esca-gold` noted that the label left out 117 clusters,
then said "no candidate: nothing links the focal nodes to others (no shared sector, programme or project)", which was
not so. The network is tests/test_cluster_partners.py's.
"""

from __future__ import annotations

from graph.analytics.cluster_partners import NOTHING_LINKS, REQUIREMENTS_LEFT_OUT, partner_clusters
from graph.analytics.recommend import Requirements
from tests.cli_invoke import invoke
from tests.test_cluster_partners import clusters, env, graph, index  # noqa: F401  (fixtures)

EVERYWHERE = ("SE", "DK", "FI", "NO", "DE", "AT", "EE", "NL", "FR", "IT", "ES", "BE", "PL", "LT", "LV", "IS")


def test_requirements_that_leave_out_every_cluster_say_so(clusters):  # noqa: F811
    reached = partner_clusters(clusters, ["Cluster:automation-smaland"])
    assert reached.candidates and reached.why_none is None
    ranking = partner_clusters(clusters, ["Cluster:automation-smaland"],
                               requirements=Requirements(avoid_places=EVERYWHERE))
    assert ranking.candidates == [] and ranking.why_none == REQUIREMENTS_LEFT_OUT
    assert "left out as required" in ranking.note
    assert ranking.why_none != NOTHING_LINKS


def test_the_cli_gives_the_reason(env):  # noqa: F811
    args = ["recommend", "--for", "Cluster:automation-smaland", "--candidates", "clusters"]
    for place in EVERYWHERE:
        args += ["--avoid", place]
    result = invoke(env, *args)
    assert result.exit_code == 0, result.stderr
    assert f"no candidate: {REQUIREMENTS_LEFT_OUT}" in result.stdout
    assert NOTHING_LINKS not in result.stdout
