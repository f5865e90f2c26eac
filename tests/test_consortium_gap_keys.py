"""A consortium gap's key stays when the sector's wording changes.

The CORDIS field `textiles` (`esv:/25/63/399`) is said "textiles" until the seeds are loaded, then "Textiles", as
the seed sector bridged to it writes it (`sector_display`). The gap's key had been made of the words said:
`role:textiles` became `role:Textiles`, and a caller holding the key (the JSON, `needs.why_gap_unfilled`, the
Partners page) lost its gap. The key is now the Sector node's key when the role gives it (its id), else the name
asked, folded; the words stay in the gap's text. A real embedded store, the CLI run in process."""

from __future__ import annotations

import json

from graph.analytics.consortium import CallRules, check_consortium
from graph.analytics.inputs import read_inputs
from graph.analytics.needs import why_gap_unfilled
from graph.analytics.recommend import RecommenderIndex
from graph.store.writer import write_records
from loaders.seeds import load_seeds
from tests.cli_invoke import cli_env, invoke
from tests.test_cluster_partners import TEXTILES, network_records

ROLES = (TEXTILES, "TEXTILES")  # the field by its id, and by its name written otherwise than either display


def _gaps(store) -> dict[str, str]:
    """The gaps of ROBOT FACTORY AB (no textiles project) for each role of ROLES, key -> text."""
    index = RecommenderIndex(read_inputs(store))
    return {role: next((g.rule, g.text) for g in check_consortium(index, ["Organisation:pic:1"],
                                                                  CallRules(roles=(role,))).gaps)
            for role in ROLES}


def _json_rules(server, store, role: str) -> list[str]:
    result = invoke(cli_env(server, store.graph_name), "recommend", "--for", "Organisation:pic:1", "--roles", role,
                    "--format", "json", "-k", "1")
    assert result.exit_code == 0, result.stderr
    return [gap["rule"] for gap in json.loads(result.stdout)["gaps"]]


def test_a_sector_gaps_key_is_the_same_whatever_the_display_casing_and_is_what_the_json_gives(embedded_server,
                                                                                             embedded_store):
    nodes, rels = network_records()
    write_records(embedded_store, nodes, rels)
    plain = _gaps(embedded_store)
    assert plain[TEXTILES][1] == "no partner works in textiles: 1 partner that does"
    load_seeds(embedded_store)  # the seed sector `Textiles` now writes the field's name
    seeded = _gaps(embedded_store)
    assert seeded[TEXTILES][1] == "no partner works in Textiles: 1 partner that does"  # the words follow the display
    assert seeded[TEXTILES][0] == plain[TEXTILES][0] == f"role:Sector:{TEXTILES}"  # the key does not
    assert seeded["TEXTILES"][0] == plain["TEXTILES"][0] == "role:textiles"
    for role in ROLES:
        assert _json_rules(embedded_server, embedded_store, role) == [seeded[role][0]]
        assert why_gap_unfilled(embedded_store, seeded[role][0]) is None  # a reader of the key: a sector's gap


def test_one_sector_asked_by_its_id_and_by_its_name_is_one_gap(embedded_store):
    nodes, rels = network_records()
    write_records(embedded_store, nodes, rels)
    index = RecommenderIndex(read_inputs(embedded_store))
    gaps = check_consortium(index, ["Organisation:pic:1"], CallRules(roles=(TEXTILES, "textiles", "Textiles"))).gaps
    assert [g.rule for g in gaps] == [f"role:Sector:{TEXTILES}"]
