"""A Finnish and a Danish cluster manager's member lists and projects tables, matched against the store.

Their try-out (notes/tryout_nordic.md, A3-A7): `Odense Robotics` made a second cluster beside CORDIS's FORENINGEN
ODENSE ROBOTICS; a projects table's `DTU` became a new organisation without a word; a partner cell listing names with
`;` under `separator = ", "` became one organisation; an id in VAT form (`FI32279691`) kept its `FI` beside the
table's compacted `3227969-1`; the cluster `add = true` made had no country. Real files in tmp_path, the real
embedded store, the CLI in-process.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES

#: CORDIS's record of the Danish cluster association (its PIC in the sample), which cluster detection makes a Cluster.
ODENSE_ROBOTICS = ('101039110,UNIFY,892291749,DK31119103,FORENINGEN ODENSE ROBOTICS,,false,OTH,"FORSKERPARKEN 10",'
                   '5230,Odense M,DK,DK031,Fyn,"55.37,10.43",,9,participant,100,100,100,false,,1906299\n')


@pytest.fixture
def env(embedded_server, tmp_path, request):
    """A graph of its own holding the CORDIS fixture (DANMARKS TEKNISKE UNIVERSITET among it) with Odense Robotics."""
    shutil.copytree(FIXTURES / "cordis", tmp_path / "cordis")
    with open(tmp_path / "cordis" / "organizations.csv", "a", encoding="utf-8") as file:
        file.write(ODENSE_ROBOTICS)
    env = cli_env(embedded_server, f"nordic_{request.node.name}"[:60])
    assert invoke(env, "load", "cordis", str(tmp_path / "cordis")).exit_code == 0
    return env


def _write(tmp_path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path / "mapping.toml")


def _members(end: str, rows: str = "12345678;Robo Odense ApS\n23456789;Cobot Fyn ApS\n") -> dict[str, str]:
    return {"medlemmer.csv": "CVR-nr.;Virksomhed\n" + rows, "mapping.toml": (
        'name = "medlemmer"\n[[nodes]]\nfile = "medlemmer.csv"\nlabel = "Organisation"\nid = "CVR-nr."\n'
        'name = "Virksomhed"\ncompact = ["CVR-nr."]\nlocated_in = { country = { value = "DK" } }\n'
        '[[relationships]]\nfile = "medlemmer.csv"\ntype = "MEMBER_OF"\ncompact = ["CVR-nr."]\n'
        f'start = {{ label = "Organisation", column = "CVR-nr." }}\nend = {end}\n')}


def _rows(env, cypher: str) -> list[dict]:
    ran = invoke(env, "query", cypher, "--format", "json")
    assert ran.exit_code == 0, ran.stderr
    return json.loads(ran.stdout)


def test_a_cluster_named_without_its_association_word_is_the_stored_cluster(env, tmp_path):
    mapping = _write(tmp_path, _members('{ label = "Cluster", value = "Odense Robotics", add = true }'))
    checked = invoke(env, "load", "csv", mapping, "--check")
    assert checked.exit_code == 0, checked.stderr
    assert "Cluster 'Odense Robotics' is the store's FORENINGEN ODENSE ROBOTICS (Cluster:pic:892291749)" \
        in checked.stdout
    assert "is in neither the files nor the store" not in checked.stdout
    assert invoke(env, "load", "csv", mapping).exit_code == 0
    assert _rows(env, "MATCH (c:Cluster) WHERE c.name = 'Odense Robotics' RETURN c.id AS id") == []
    members = _rows(env, "MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster {id: 'pic:892291749'}) RETURN o.name AS n")
    assert sorted(row["n"] for row in members) == ["Cobot Fyn ApS", "Robo Odense ApS"]
    again = invoke(env, "load", "csv", mapping)
    assert again.exit_code == 0 and "0 created, 0 updated" in again.stdout  # a re-run changes nothing


def test_an_added_cluster_takes_the_country_its_end_gives(env, tmp_path):
    mapping = _write(tmp_path, _members('{ label = "Cluster", value = "Fynsk Robotklynge", add = true }'))
    checked = invoke(env, "load", "csv", mapping, "--check")
    assert 'every row linked to it is in DK: write country = "DK" beside add = true' in checked.stdout
    mapping = _write(tmp_path, _members(
        '{ label = "Cluster", value = "Fynsk Robotklynge", add = true, country = "DK" }'))
    loaded = invoke(env, "load", "csv", mapping)
    assert loaded.exit_code == 0, loaded.stdout + loaded.stderr
    assert _rows(env, "MATCH (c:Cluster {id: 'Fynsk Robotklynge'}) RETURN c.country AS country") == [
        {"country": "DK"}]


def test_an_id_in_vat_form_is_read_by_compact_as_the_national_number(env, tmp_path):
    mapping = _write(tmp_path, _members('{ label = "Cluster", value = "Fynsk Robotklynge", add = true }',
                                        rows="FI32279691;Pispalan Pinnoitus Oy\n3227969-1;Pispalan Pinnoitus Oy\n"))
    loaded = invoke(env, "load", "csv", mapping)
    assert loaded.exit_code == 0, loaded.stdout + loaded.stderr
    found = _rows(env, "MATCH (o:Organisation) WHERE o.name = 'Pispalan Pinnoitus Oy' RETURN o.id AS id")
    assert found == [{"id": "32279691"}]


PROJECTS = """Projekt;Partnere
ROBOFYN;DTU, Robo Odense ApS, Cobot Fyn ApS
AUTOFYN;"Robo Odense ApS; Cobot Fyn ApS"
"""


def _projects() -> dict[str, str]:
    return {"projekter.csv": PROJECTS, "mapping.toml": (
        'name = "projekter"\n[[nodes]]\nfile = "projekter.csv"\nlabel = "Organisation"\nid = "Partnere"\n'
        'name = "Partnere"\nmatch = "name"\nsplit = { column = "Partnere", separator = ", " }\n')}


def test_the_check_names_new_organisations_and_the_stored_name_holding_an_acronym(env, tmp_path):
    checked = invoke(env, "load", "csv", _write(tmp_path, _projects()), "--check")
    assert checked.exit_code == 0, checked.stderr
    assert "Organisation node(s) of the table are new, named by no node of the store" in checked.stdout
    assert ("Organisation 'DTU' (projekter.csv:2) in pic:999990655 'DANMARKS TEKNISKE UNIVERSITET' (as 'technical "
            "university of denmark dtu')") in checked.stdout  # the short name that holds it, not its name
    loaded = invoke(env, "load", "csv", _write(tmp_path, _projects()))
    assert "will be made" not in loaded.stdout and "Organisation node(s) of the table are new" in loaded.stdout


def test_a_split_cell_holding_another_separator_is_named_with_its_line(env, tmp_path):
    checked = invoke(env, "load", "csv", _write(tmp_path, _projects()), "--check")
    assert checked.exit_code == 0, checked.stderr
    assert ("projekter.csv:3 [Partnere]: the cell 'Robo Odense ApS; Cobot Fyn ApS' holds ';'" in checked.stdout
            and 'write separator = [", ", ";"]' in checked.stdout), checked.stdout


def test_match_by_name_sets_aside_association_words_too(env, tmp_path):
    """The same rule for a row of a `match = "name"` table: `Odense Robotics` is FORENINGEN ODENSE ROBOTICS."""
    mapping = _write(tmp_path, {"klynger.csv": "Klynge;Land\nOdense Robotics;DK\n", "mapping.toml": (
        'name = "klynger"\n[[nodes]]\nfile = "klynger.csv"\nlabel = "Cluster"\nid = "Klynge"\nname = "Klynge"\n'
        'match = "name"\n')})
    checked = invoke(env, "load", "csv", mapping, "--check")
    assert checked.exit_code == 0, checked.stderr
    assert "Cluster 'Odense Robotics' -> pic:892291749" in checked.stdout, checked.stdout
