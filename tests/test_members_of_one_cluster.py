"""A cluster's own member list, which names no cluster, linked to its cluster by an end given as a value.

A Danish cluster organisation's try-out: its export (`Virksomhed;CVR-nr.;...;Medlem siden`) has no cluster column,
every row being a member of Energy Cluster Denmark. `end = { label = "Cluster", value = "..." }` had been refused at
its mapping line, `mapping new` wrote no MEMBER_OF table and listed `Medlem siden` as not used, and
`queries run clusters/members` stayed empty. Real files in tmp_path, the real embedded store, the CLI in-process.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES

MEMBERS = """Virksomhed;CVR-nr.;Adresse;Postnr.;By;Region;Kommune;Branche;Antal ansatte;Medlem siden
Vestas Wind Systems A/S;10403782;Hedeager 4;8200;Aarhus N;Region Midtjylland;Aarhus Kommune;Vindenergi;29.000;01.03.2019
Ørsted A/S;36213728;Kraftværksvej 53;7000;Fredericia;Region Syddanmark;Fredericia Kommune;Energi;8.000;15.06.2020
Syddansk Universitet;29283958;Campusvej 55;5230;Odense M;Region Syddanmark;Odense Kommune;Uddannelse;4.000;01.01.2021
"""
#: CORDIS's record of the cluster (the sample's PIC 893465449), on one of the fixture's projects: cluster detection
#: makes it a Cluster, as `load sample` does.
ENERGY_CLUSTER = ('101039110,UNIFY,893465449,DK41343788,ENERGY CLUSTER DENMARK,,false,OTH,"VISIONSVEJ 51, 2.",9000,'
                  'Aalborg,DK,DK050,Nordjylland,"57.013372,9.989097",,9,participant,100,100,100,false,,1906299\n')


@pytest.fixture
def env(embedded_server, tmp_path, request):
    """A graph of its own holding the CORDIS fixture with Energy Cluster Denmark's record, loaded by the CLI."""
    shutil.copytree(FIXTURES / "cordis", tmp_path / "cordis")
    with open(tmp_path / "cordis" / "organizations.csv", "a", encoding="utf-8") as file:
        file.write(ENERGY_CLUSTER)
    env = cli_env(embedded_server, f"one_cluster_{request.node.name}"[:60])
    assert invoke(env, "load", "cordis", str(tmp_path / "cordis")).exit_code == 0
    return env


def _mapping(tmp_path, value: str) -> str:
    """`mapping new`'s mapping of the member list with its MEMBER_OF table uncommented, naming `value`."""
    (tmp_path / "medlemsliste.csv").write_text(MEMBERS, encoding="utf-8")
    made = invoke(cli_env(tmp_path / "unused.db"), "mapping", "new", str(tmp_path / "medlemsliste.csv"))
    assert made.exit_code == 0, made.stderr
    text = made.stdout
    marker = "# the members of which cluster?"
    head, tail = text.split(marker)
    table, rest = tail.split("\n\n", 1) if "\n\n" in tail else (tail, "")
    body = [line[2:] for line in table.splitlines()[1:]]
    text = head + "\n".join(body).replace("the cluster's name", value) + "\n\n" + rest
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    return str(tmp_path / "mapping.toml")


def test_mapping_new_writes_the_member_of_table_commented_out_with_member_since(tmp_path):
    (tmp_path / "medlemsliste.csv").write_text(MEMBERS, encoding="utf-8")
    made = invoke(cli_env(tmp_path / "unused.db"), "mapping", "new", str(tmp_path / "medlemsliste.csv"))
    assert made.exit_code == 0, made.stderr
    lines = made.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("# the members of which cluster? write its name"))
    assert lines[at].endswith("and uncomment")
    table = lines[at + 1:at + 9]
    assert '# type = "MEMBER_OF"' in table
    assert '# start = { label = "Organisation", column = "CVR-nr." }' in table
    # DK: the one country the list places its rows in
    assert '# end = { label = "Cluster", value = "the cluster\'s name", add = true, country = "DK" }  # add: made ' \
        'from this name if the store has no cluster so named' in table
    assert any(line.startswith('# since = { column = "Medlem siden", type = "date", format = "%d.%m.%Y" }')
               for line in table)
    unused = next(line for line in lines if line.startswith("# columns not used:"))
    assert "Medlem siden" not in unused


def test_a_list_of_clusters_gets_no_member_of_table(tmp_path):
    (tmp_path / "klynger.csv").write_text("Klynge;By\nEnergy Cluster Denmark;Aalborg\nOdense Robotics;Odense\n",
                                          encoding="utf-8")
    made = invoke(cli_env(tmp_path / "unused.db"), "mapping", "new", str(tmp_path / "klynger.csv"))
    assert "members of which cluster" not in made.stdout


def test_members_of_a_cluster_named_by_its_name_are_listed_by_clusters_members(env, tmp_path):
    mapping = _mapping(tmp_path, "Energy Cluster Denmark")
    loaded = invoke(env, "load", "csv", mapping)
    assert loaded.exit_code == 0, loaded.stderr + loaded.stdout
    assert "Cluster 'Energy Cluster Denmark' -> pic:893465449" in loaded.stdout
    assert "made from the mapping's value" not in loaded.stdout  # add = true: no second cluster of the name
    members = invoke(env, "queries", "run", "clusters/members", "-p", "cluster=Energy Cluster Denmark")
    assert members.exit_code == 0, members.stderr
    for name, since in (("Vestas Wind Systems A/S", "2019-03-01"), ("Ørsted A/S", "2020-06-15"),
                        ("Syddansk Universitet", "2021-01-01")):
        assert any(name in line and since in line for line in members.stdout.splitlines()), members.stdout
    assert "load a member list" not in members.stderr
    again = invoke(env, "load", "csv", mapping)
    assert "0 created, 0 updated" in again.stdout  # a re-run changes nothing


def test_a_value_naming_no_node_is_one_problem_at_the_mapping_line(env, tmp_path):
    mapping = _mapping(tmp_path, "Energi Klynge Nord")
    text = Path(mapping).read_text(encoding="utf-8")
    without_add = text.replace(', add = true, country = "DK"', "")  # the store must hold it
    Path(mapping).write_text(without_add, encoding="utf-8")
    checked = invoke(env, "load", "csv", mapping, "--check")
    assert checked.exit_code != 0
    text = (tmp_path / "mapping.toml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(text, 1) if t.startswith("end = {") and "value" in t)
    problems = [p for p in checked.stderr.splitlines() if p.strip().startswith("- ")]
    assert problems == [f"  - mapping.toml:{line} [end]: Cluster 'Energi Klynge Nord' is neither in the mapped files "
                        "nor in the store (by id or name): " + problems[0].split("(by id or name): ", 1)[1]]
    assert "write add = true beside value to make the node from it" in problems[0] and "load seeds" in problems[0]
    assert "1 problem(s)" in checked.stderr


def test_a_value_may_name_a_node_of_the_files_by_its_name(embedded_store, tmp_path):
    from loaders.generic import load_generic
    from tests.generic_files import write_files

    path = write_files(tmp_path, {
        "mapping.toml": 'name = "m"\n[[nodes]]\nfile = "k.csv"\nlabel = "Cluster"\nid = "id"\nname = "navn"\n'
                        '[[nodes]]\nfile = "m.csv"\nlabel = "Organisation"\nid = "cvr"\nname = "navn"\n'
                        '[[relationships]]\nfile = "m.csv"\ntype = "MEMBER_OF"\n'
                        'start = { label = "Organisation", column = "cvr" }\n'
                        'end = { label = "Cluster", value = "energy cluster denmark" }\n',
        "k.csv": "id;navn\necd;Energy Cluster Denmark\n",
        "m.csv": "cvr;navn\n10403782;Vestas\n36213728;Ørsted\n"})
    load_generic(embedded_store, path)
    rows = embedded_store.read("MATCH (o:Organisation)-[:MEMBER_OF]->(c:Cluster) RETURN o.id, c.id ORDER BY o.id").rows
    assert [tuple(r) for r in rows] == [("10403782", "ecd"), ("36213728", "ecd")]


@pytest.mark.parametrize("end, said", [
    ('{ label = "Cluster", column = "klynge", value = "ECD" }', "end names both a column and a value"),
    ('{ label = "Cluster", value = "" }', "end's value must be the id or the name"),
    ('{ label = "Cluster", valeu = "ECD" }', "end must be a table"),
    ('{ label = "Cluster", value = "ECD", add = "yes" }', "end's add must be true or false, got 'yes'"),
    ('{ label = "Cluster", column = "klynge", add = true }', "end's add = true goes with value = \"...\""),
])
def test_a_constant_end_is_checked_at_its_mapping_line(tmp_path, end, said):
    from graph.errors import ValidationFailed
    from loaders.generic import read_generic
    from tests.generic_files import write_files

    path = write_files(tmp_path, {
        "mapping.toml": 'name = "m"\n[[relationships]]\nfile = "m.csv"\ntype = "MEMBER_OF"\n'
                        'start = { label = "Organisation", column = "cvr" }\n'
                        f"end = {end}\n",
        "m.csv": "cvr;navn\n10403782;Vestas\n"})
    with pytest.raises(ValidationFailed) as failed:
        read_generic(path)
    assert [(p.file, p.line, p.field) for p in failed.value.problems] == [("mapping.toml", 6, "end")]
    assert said in failed.value.problems[0].message


def test_add_makes_the_cluster_the_store_lacks_from_its_name(env, tmp_path):
    """A Basque manager's cluster is not in CORDIS: the check had asked for a second file of one row, a [[nodes]]
    table of it, whose upload then crashed the Data page. `add = true` makes it from the mapping's value."""
    name = "Cluster de Fabricación Avanzada de Euskadi"
    mapping = _mapping(tmp_path, name)
    checked = invoke(env, "load", "csv", mapping, "--check")
    assert checked.exit_code == 0, checked.stderr
    assert f"Cluster {name!r} is in neither the files nor the store: made from the mapping's value (add = true)" \
        in checked.stdout
    assert "must be in the store" not in checked.stdout
    loaded = invoke(env, "load", "csv", mapping)
    assert loaded.exit_code == 0, loaded.stderr
    members = invoke(env, "queries", "run", "clusters/members", "-p", f"cluster={name}")
    assert members.exit_code == 0 and "Vestas Wind Systems A/S" in members.stdout, members.stdout + members.stderr
    again = invoke(env, "load", "csv", mapping)
    assert again.exit_code == 0 and "0 created, 0 updated" in again.stdout  # a re-run changes nothing



def test_a_cluster_the_draft_adds_takes_the_one_country_the_list_places_its_rows_in(env, tmp_path):
    """A member list whose rows are all in DK: the cluster `add` made from the draft's name had no place (a Finnish
    list's), and the Map left it out. The draft now gives the end the list's country."""
    mapping = _mapping(tmp_path, "Fyns Energiklynge")  # no cluster of the store is so named: `add` makes it
    loaded = invoke(env, "load", "csv", mapping)
    assert loaded.exit_code == 0, loaded.stderr + loaded.stdout
    found = invoke(env, "query", "MATCH (c:Cluster) WHERE c.name = $name RETURN c.country AS country",
                   "-p", 'name="Fyns Energiklynge"')
    assert found.exit_code == 0, found.stderr
    assert "DK" in found.stdout.split("country", 1)[1], found.stdout
