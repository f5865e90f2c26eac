"""Reasons name a sector one way (`recommend_sectors.sector_display`): a seed sector and the EuroSciVoc field of its
name are one sector to the ranking, and cluster mode had said "Textiles" (the seeds') where an organisation's reason
said "textiles" (CORDIS's). A real store: the seeds with the NUTS and CORDIS fixtures, whose project in textiles is
the field of the seeds' Textiles."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli_invoke import cli_env, invoke
from tests.conftest import fixture_network

GRAPH = "recommend_sector_names"
network = fixture_network(GRAPH, "network")


@pytest.fixture(scope="module")
def env(network, embedded_server):
    return cli_env(embedded_server, GRAPH)


def _spellings(found: list[dict], word: str) -> set[str]:
    said = [reason for c in found for reason in c["reasons"]]
    return {m for reason in said for m in re.findall(word, reason, flags=re.IGNORECASE)}


@pytest.mark.parametrize("candidates", ["organisations", "clusters"])
def test_a_sector_is_named_as_the_seeds_write_it_in_every_mode(env, candidates):
    result = invoke(env, "recommend", "--for", "Cluster:smart-textiles", "--candidates", candidates, "--sector",
                    "Textiles", "-k", "20", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert _spellings(json.loads(result.stdout), r"\btextiles\b") == {"Textiles"}, result.stdout


def test_a_consortiums_sector_role_is_named_as_the_reasons_name_it(env):
    """`--roles textiles` said "works in textiles" above candidates whose reasons say "Textiles"."""
    result = invoke(env, "recommend", "--for", "Cluster:smart-textiles", "--for", "Cluster:iot-world", "--roles",
                    "textiles", "-k", "3")
    assert result.exit_code == 0, result.stderr
    said = set(re.findall(r"\btextiles\b", result.stdout, flags=re.IGNORECASE))
    assert said == {"Textiles"}, result.stdout


def test_the_examples_hold():
    import doctest

    from graph.analytics import recommend_sectors

    found = doctest.testmod(recommend_sectors)
    assert found.attempted and found.failed == 0
