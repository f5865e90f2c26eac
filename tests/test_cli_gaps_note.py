"""`recommend` with call rules prints the gaps, and says where the ranking of partners is: the Partners page shows
both, and the CLI's answer had left the ranking out without a word. The network is tests/test_cluster_partners.py's."""

from __future__ import annotations

from cli.recommending import GAPS_ONLY
from tests.cli_invoke import invoke
from tests.test_cluster_partners import env, graph  # noqa: F401  (fixtures)


def test_the_gaps_say_where_the_ranking_is(env):  # noqa: F811
    with_rules = invoke(env, "recommend", "--for", "Organisation:pic:1", "--min-countries", "2")
    assert with_rules.exit_code == 0, with_rules.stderr
    assert GAPS_ONLY in with_rules.stderr and "gap (countries)" in with_rules.stdout
    ranked = invoke(env, "recommend", "--for", "Organisation:pic:1")
    assert ranked.exit_code == 0 and GAPS_ONLY not in ranked.stderr
