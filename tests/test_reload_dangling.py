"""A re-load whose files still link a node that a row deleted from another of its files gave is refused, as a
fresh load of those files is (`loaders.generic_ends.only_given_by`).

A member row deleted from members.csv while memberships.json and contacts.csv still named the member had been
loaded: the node stayed with its old name and city, adopted by the links' files, a state no load of the files
gives. Real loads of a copy of examples/members/ into the session's server.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from loaders.pipeline import run_load
from tests.generic_files import snapshot

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "members"
GONE = ("Organisation '556001-0001' is no longer in the mapped files: the store has it only from this mapping's "
        "earlier load of members.csv, which this load takes off. Put its row back, or take out the rows that link "
        "to it")


def _without_first_member(folder: Path) -> Path:
    members = folder / "members.csv"
    lines = members.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    members.write_text("\ufeff" + "".join(line for line in lines if not line.startswith("556001-0001")),
                       encoding="utf-8")
    return folder / "mapping.toml"


def test_a_reload_linking_a_deleted_row_is_refused_and_writes_nothing(embedded_store, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "members")
    run_load(embedded_store, "csv", tmp_path / "members" / "mapping.toml")
    before = snapshot(embedded_store)
    with pytest.raises(ValidationFailed) as refused:
        run_load(embedded_store, "csv", _without_first_member(tmp_path / "members"))
    said = {(p.file, p.line, p.field, p.message) for p in refused.value.problems}
    assert ("memberships.json", 2, "org_nr", GONE) in said and ("contacts.csv", 2, "employer", GONE) in said
    assert snapshot(embedded_store) == before


def test_a_fresh_load_of_those_files_is_refused_too(embedded_store, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "members")
    with pytest.raises(ValidationFailed) as refused:
        run_load(embedded_store, "csv", _without_first_member(tmp_path / "members"))
    assert any(p.file == "memberships.json" and "'556001-0001' is neither in the mapped files nor in the store"
               in p.message for p in refused.value.problems)


def test_a_node_another_load_gives_too_can_still_be_linked(seeded, tmp_path):
    """The seeds give IoT World too: a re-load without clusters.csv's row of it still links it."""
    shutil.copytree(EXAMPLE, tmp_path / "members")
    run_load(seeded, "csv", tmp_path / "members" / "mapping.toml")
    clusters = tmp_path / "members" / "clusters.csv"
    clusters.write_text("\n".join(line for line in clusters.read_text(encoding="utf-8").splitlines()
                                  if not line.startswith("iot-world")) + "\n", encoding="utf-8")
    run_load(seeded, "csv", tmp_path / "members" / "mapping.toml")
    assert seeded.read("MATCH (:Organisation {id: '556001-0001'})-[:MEMBER_OF]->(c:Cluster) RETURN c.id").rows == [
        ["iot-world"]]
