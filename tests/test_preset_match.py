"""`match = "name"` in the participation preset, and the note on new nodes named like the store's: a national
grants table naming the seeds' clusters (IoT World, one row without an organisation number), Innovasjon Norge and
the ARENA programme made second nodes of those names, silently, until a ranking found two."""

from __future__ import annotations

import textwrap

from graph.store.reads import counts
from graph.store.resolve import resolve_node
from loaders.generic import check_generic, load_generic
from loaders.mapping import read_mapping
from loaders.mapping_new.participation import participation_template
from tests.generic_files import problems_of, snapshot, write_files

GRANTS = """\
    Prosjektnummer;Prosjekttittel;Organisasjonsnummer;Organisasjonsnavn;Rolle;Tildelt beløp;Fylke;Land;Program
    341001;Sensorer for smart havbruk;;IoT World;Partner;1 200 000;;Sverige;ENERGIX
    341001;Sensorer for smart havbruk;915 123 456;Industrial Green Tech;Prosjektansvarlig;4 500 000,50;Viken;NO;ENERGIX
    341001;Sensorer for smart havbruk;912 345 678;Havbruk Sensor AS;Partner;2 300 000;Vestland;NO;ENERGIX
    341002;Automatisert montasje;;Automation Småland;Partner;800 000;;Sverige;ARENA
    341002;Automatisert montasje;986 399 445;Innovasjon Norge;Samarbeidspartner;150 000;Oslo;NO;ARENA
    341002;Automatisert montasje;919 876 543;Montasje Robot AS;Prosjektansvarlig;3 100 000;Innlandet;NO;ARENA
    """


def grants_mapping(top: str = "") -> str:
    """The preset's mapping of `tildelinger.csv`, with `top` (a top-level line) in it."""
    return f"""\
    name = "grants"
    preset = "participation"
    file = "tildelinger.csv"
    decimal = ","
    on_empty = {{ placeholder = "navn:{{Organisasjonsnavn}}" }}
    {top}

    [columns]
    project_id = "Prosjektnummer"
    project_title = "Prosjekttittel"
    organisation_id = "Organisasjonsnummer"
    organisation_name = "Organisasjonsnavn"
    role = "Rolle"
    amount = "Tildelt beløp"
    region = "Fylke"
    country = "Land"
    programme = "Program"
    """


def write_grants(folder, top: str = ""):
    return write_files(folder, {"mapping.toml": grants_mapping(top), "tildelinger.csv": GRANTS})


def named(store, name: str) -> list[tuple]:
    return sorted(tuple(r) for r in store.read("MATCH (n) WHERE toLower(n.name) = $name RETURN n.kind, n.id",
                                               {"name": name.lower()}).rows)


def test_without_match_the_note_names_the_new_nodes_the_store_has_a_node_of_that_name_for(seeded, tmp_path):
    report = load_generic(seeded, write_grants(tmp_path))
    assert ("5 new node(s) have the name of a node the store holds under another id: Organisation 'IoT World' "
            "(row id 'navn:IoT World', tildelinger.csv) beside the store's iot-world, Organisation 'Industrial Green "
            "Tech' (row id '915 123 456', tildelinger.csv) beside the store's industrial-green-tech, Organisation "
            "'Automation Småland' (row id 'navn:Automation Småland', tildelinger.csv) beside the store's "
            "automation-smaland, Organisation 'Innovasjon Norge' (row id '986 399 445', tildelinger.csv) beside the "
            "store's innovasjon-norge, Programme 'ARENA' (row id 'ARENA', tildelinger.csv) beside the store's arena; "
            "add match = \"name\" to the [[nodes]] table (or the preset) to update those nodes instead"
            ) in report.notes
    # the load went through as before: a second node of each name
    assert [node_id for _, node_id in named(seeded, "IoT World")] == ["iot-world", "navn:IoT World"]
    assert named(seeded, "ARENA") == [("Programme", "ARENA"), ("Programme", "arena")]


def test_on_an_empty_store_there_is_nothing_to_note(embedded_store, tmp_path):
    report = load_generic(embedded_store, write_grants(tmp_path))
    assert not [note for note in report.notes if "new node(s) have the name" in note]
    assert counts(embedded_store)[0]["Organisation"] == 6


def test_a_hand_written_table_gets_the_note_and_projects_and_tables_with_match_do_not(seeded, tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": """\
        [[nodes]]
        file = "t.csv"
        label = "Sector"
        id = "sector"
        name = "sector"

        [[nodes]]
        file = "t.csv"
        label = "Cluster"
        id = "cluster"
        name = "cluster"
        match = "name"

        [[nodes]]
        file = "t.csv"
        label = "Project"
        id = "project"
        name = "project"
        """, "t.csv": "sector,cluster,project\nAutomation,IoT World,SAFE-AIR\n"})
    seeded.write("CREATE (:Project {id: 'p-1', name: 'SAFE-AIR', kind: 'Project'})")
    notes = check_generic(seeded, mapping).notes
    namesakes = [note for note in notes if "new node(s) have the name" in note]
    assert namesakes == ["1 new node(s) have the name of a node the store holds under another id: Sector "
                         "'Automation' (row id 'Automation', t.csv) beside the store's automation; add match = "
                         "\"name\" to the [[nodes]] table (or the preset) to update those nodes instead"]


def test_with_match_the_rows_update_the_stores_nodes_which_keep_their_kind(seeded, tmp_path):
    before = counts(seeded)
    report = load_generic(seeded, write_grants(tmp_path, 'match = "name"'))
    assert not [note for note in report.notes if "new node(s) have the name" in note]
    assert ('5 row(s) of match = "name" tables name a node of the store, which they update (keeping its name): '
            "Organisation 'Industrial Green Tech' (id '915 123 456') -> industrial-green-tech, Organisation "
            "'Innovasjon Norge' (id '986 399 445') -> innovasjon-norge, Organisation 'Automation Småland' (id "
            "'navn:Automation Småland') -> automation-smaland, Organisation 'IoT World' (id 'navn:IoT World') -> "
            "iot-world, Programme 'ARENA' -> arena") in report.notes
    after = counts(seeded)
    assert after[0]["Organisation"] - before[0]["Organisation"] == 2  # Havbruk Sensor AS, Montasje Robot AS
    assert after[0]["Programme"] - before[0]["Programme"] == 1  # ENERGIX
    assert named(seeded, "IoT World") == [("Cluster", "iot-world")]
    assert resolve_node(seeded, "IoT World").key == "Cluster:iot-world"  # still a Cluster, and found once
    assert resolve_node(seeded, "IGT").key == "Cluster:industrial-green-tech"  # still found by its acronym
    rows = seeded.read("MATCH (o:Organisation)-[p:PARTICIPATES_IN]->(j:Project) WHERE o.id IN $ids "
                       "RETURN o.id, j.id, p.role, p.amount ORDER BY o.id",
                       {"ids": ["iot-world", "industrial-green-tech", "automation-smaland", "innovasjon-norge"]}).rows
    assert [tuple(r) for r in rows] == [
        ("automation-smaland", "341002", "participant", 800000.0),
        ("industrial-green-tech", "341001", "coordinator", 4500000.5),
        ("innovasjon-norge", "341002", "participant", 150000.0),
        ("iot-world", "341001", "participant", 1200000.0)]
    funded = seeded.read("MATCH (:Project {id: '341002'})-[:FUNDED_BY]->(g:Programme) RETURN g.id").rows
    assert [r[0] for r in funded] == ["arena"]
    before = snapshot(seeded)
    again = load_generic(seeded, write_grants(tmp_path, 'match = "name"')).summary
    assert (again.created, again.updated, again.relationships_created, again.relationships_updated) == (0, 0, 0, 0)
    after = snapshot(seeded)
    assert after[0] == before[0] and after[2] == before[2]
    assert [n for n in after[1] if "'Load:" not in n] == [n for n in before[1] if "'Load:" not in n]


def test_a_cluster_no_name_rule_marks_stays_a_cluster_when_an_organisation_row_matches_it(seeded, tmp_path):
    (tmp_path / "list").mkdir()
    load_generic(seeded, write_files(tmp_path / "list", {"clusters.toml": """\
        [[nodes]]
        file = "clusters.csv"
        label = "Cluster"
        extra_labels = ["Organisation"]
        id = "navn"
        name = "navn"
        """, "clusters.csv": "navn\nHavbruksforum Vest\n"}))
    grants = GRANTS.splitlines()[0] + "\n    341004;Fôr fra tang;921 222 333;Havbruksforum Vest;Partner;;;;\n"
    write_files(tmp_path, {"mapping.toml": grants_mapping('match = "name"'), "tildelinger.csv": grants})
    load_generic(seeded, tmp_path / "mapping.toml")
    assert named(seeded, "Havbruksforum Vest") == [("Cluster", "Havbruksforum Vest")]
    assert resolve_node(seeded, "Havbruksforum Vest").key == "Cluster:Havbruksforum Vest"
    rows = seeded.read("MATCH (c:Cluster)-[:PARTICIPATES_IN]->(j:Project) RETURN c.id, j.id").rows
    assert [tuple(r) for r in rows] == [("Havbruksforum Vest", "341004")]


def test_a_name_a_load_without_match_made_twice_then_refuses_the_load_with_match_and_writes_nothing(seeded, tmp_path):
    load_generic(seeded, write_grants(tmp_path))  # the try-out: a second IoT World, Innovasjon Norge ...
    (tmp_path / "later").mkdir()
    later = write_files(tmp_path / "later", {
        "mapping.toml": grants_mapping().replace('"grants"', '"later"'),
        "tildelinger.csv": GRANTS.splitlines()[0] + "\n    341003;Smarte kaier;915 000 111;IoT World;Partner;;;;\n"})
    assert [note for note in check_generic(seeded, later).notes if "new node(s)" in note] == [
        "1 new node(s) have the name of a node the store holds under another id: Organisation 'IoT World' (row id "
        "'915 000 111', tildelinger.csv) beside the store's iot-world / navn:IoT World (2 nodes of that name); add "
        "match = \"name\" to the [[nodes]] table (or the preset) to update those nodes instead"]
    later.write_text(later.read_text(encoding="utf-8").replace("[columns]", 'match = "name"\n[columns]'),
                     encoding="utf-8")
    before = snapshot(seeded)
    problems = problems_of(later, seeded)
    assert [str(p) for p in problems] == [
        "tildelinger.csv:2 [Organisasjonsnavn]: Organisation 'IoT World' (match = \"name\") is the name of 2 nodes of "
        "the store (iot-world, navn:IoT World): give the one meant as this row's id"]
    assert snapshot(seeded) == before


def test_a_match_other_than_name_is_refused_naming_the_key(tmp_path):
    mapping = write_grants(tmp_path, 'match = "names"')
    assert [str(p) for p in problems_of(mapping)] == [
        "mapping.toml:6 [match]: match = 'names' is not known: write match = \"name\" (an organisation, programme or "
        "sector whose id the store lacks takes the store's node of that name) or leave it out (the default, \"id\": "
        "a new id makes a new node)"]


def test_match_name_goes_to_the_organisation_programme_and_sector_tables_not_the_projects(tmp_path):
    mapping = write_grants(tmp_path, 'match = "name"')
    spec = read_mapping(mapping)
    assert {(s.label, s.match) for s in spec.files if s.kind == "nodes"} == {
        ("Project", "id"), ("Organisation", "name"), ("Programme", "name")}
    assert {s.match for s in read_mapping(write_grants(tmp_path, 'match = "id"')).files} == {"id"}


def test_mapping_new_offers_match_commented_out_and_uncommented_it_reads(tmp_path):
    (tmp_path / "tildelinger.csv").write_text(textwrap.dedent(GRANTS), encoding="utf-8")
    template = participation_template(tmp_path / "tildelinger.csv")
    offered = [line for line in template.splitlines() if 'match = "name"' in line]
    assert len(offered) == 1 and offered[0].startswith('# match = "name"  # uncomment: an organisation')
    (tmp_path / "mapping.toml").write_text(template.replace('# match = "name"', 'match = "name"'), encoding="utf-8")
    assert {s.match for s in read_mapping(tmp_path / "mapping.toml").files if s.label == "Organisation"} == {"name"}
