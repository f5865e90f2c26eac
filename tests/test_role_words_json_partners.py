"""The role words of a JSON table's list of partner objects (`split = { column = "partnere" }`, a role column
`partnere.rolle`) are read as the roles the features count, as a CSV column's are: a Danish project export's
`Koordinator` counts as coordinating (tests/fixtures/danish_projects, loaded through the pipeline on the embedded
store). They had been kept as written, and the summary had said the participations had no role at all."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.pipeline import run_load
from tests.conftest import FIXTURES

MAPPING = FIXTURES / "danish_projects" / "mapping.toml"
COORDINATORS = {"34209936", "38112233", "35251448", "10403782"}  # one Koordinator per project


def test_the_partners_role_words_are_read_as_roles(embedded_store):
    run_load(embedded_store, "csv", MAPPING)
    graph = to_networkx(embedded_store)
    roles = sorted(data["role"] for _, _, data in graph.edges(data=True) if data["type"] == "PARTICIPATES_IN")
    assert roles == ["coordinator"] * 4 + ["participant"] * 8
    coordinated = {node[len("Organisation:"):] for node, data in graph.nodes(data=True)
                   if node.startswith("Organisation:") and data.get("coordinated_projects")}
    assert coordinated == COORDINATORS


def test_the_summary_counts_the_partners_roles_and_says_none_is_missing(embedded_store):
    notes = run_load(embedded_store, "csv", MAPPING).load.notes
    assert ("projekter.json [partnere.rolle]: 12 role(s) read as the roles the features count: 8 as participant from "
            "'Partner', 4 as coordinator from 'Koordinator' (a `values` recode on the column wins)") in notes
    assert not any("with no role" in n for n in notes)

