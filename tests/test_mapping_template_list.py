"""`cluster-explorer mapping new` on a list (one row per cluster or organisation, no project column): a mapping
of a list, whose rows naming the store's nodes update them (`match = "name"`), loaded by the real loader."""

from __future__ import annotations

import tomllib

from graph.store.reads import counts
from graph.store.resolve import resolve_node
from loaders.generic import load_generic
from loaders.mapping_new.participation import guesses, participation_template, template_shape
from loaders.pipeline import run_load
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import write_files

KLUSTER = ("Klusternamn;Län;Bransch;Program;ESCA-märkning;Webbplats\n"
           "Automation Region;Västmanlands län;Automation;S3 Cluster Pilot;ESCA Bronze;https://automationregion.example\n"
           "Paper Province;Värmlands län;Skog | Energi;S3 Cluster Pilot;ESCA Gold;https://paperprovince.example\n"
           "Norrbotten Battery;Norrbottens län;Batterier;;;\n")


def test_a_swedish_cluster_list_gets_a_list_mapping_that_loads_onto_the_seeds_clusters(seeded, tmp_path):
    write_files(tmp_path, {"kluster.csv": KLUSTER})
    text = participation_template(tmp_path / "kluster.csv")
    made = tomllib.loads(text)
    assert "preset" not in made and text.startswith("# A mapping for kluster.csv, one row per cluster")
    assert template_shape(text) == "cluster"  # what the Data page says the table is
    [clusters, *_] = made["nodes"]
    assert (clusters["label"], clusters["extra_labels"], clusters["id"], clusters["name"], clusters["match"]) == (
        "Cluster", ["Organisation"], "Klusternamn", "Klusternamn", "name")
    assert clusters["located_in"] == {"region": "Län", "country": {"value": "SE"}}
    assert clusters["properties"] == {"url": "Webbplats"}
    assert [(n["label"], n["id"], n.get("split"), n.get("on_empty")) for n in made["nodes"][1:]] == [
        ("Sector", "Bransch", {"column": "Bransch", "separator": "|"}, None),
        ("Programme", "Program", None, "skip"), ("QualityLabel", "ESCA-märkning", None, "skip")]
    assert [(r["type"], r["start"], r["end"]["label"]) for r in made["relationships"]] == [
        ("ACTIVE_IN", {"label": "Cluster", "column": "Klusternamn"}, "Sector"),
        ("MEMBER_OF", {"label": "Cluster", "column": "Klusternamn"}, "Programme"),
        ("HAS_LABEL", {"label": "Cluster", "column": "Klusternamn"}, "QualityLabel")]
    assert guesses(text) == 10
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    before = counts(seeded)[0]
    report = load_generic(seeded, tmp_path / "mapping.toml")
    after = counts(seeded)[0]
    assert after["Cluster"] == before["Cluster"] + 1  # Norrbotten Battery; the other two are the seeds' clusters
    assert after["Sector"] == before["Sector"] + 3  # Skog, Energi, Batterier; Automation is the seeds'
    assert any("Cluster 'Paper Province' -> paper-province" in note for note in report.notes)
    assert resolve_node(seeded, "Paper Province").key == "Cluster:paper-province"
    linked = seeded.read("MATCH (c:Cluster {id: 'automation-region'})-[r]->(x) WHERE r.sources IS NOT NULL AND "
                         "any(s IN r.sources WHERE s STARTS WITH 'user:') RETURN type(r), x.id ORDER BY type(r)").rows
    assert [tuple(r) for r in linked] == [("ACTIVE_IN", "automation"), ("HAS_LABEL", "esca-bronze"),
                                          ("LOCATED_IN", "SE125"), ("MEMBER_OF", "s3-cluster-pilot")]
    # the län are the seeds' NUTS regions (`Västmanlands län` is SE125), where the seeds put the cluster too
    assert any("placed in the NUTS region their region cell names" in note and "Västmanlands län -> SE125" in note
               for note in report.notes)
    assert not seeded.read("MATCH (r:Region) WHERE r.id STARTS WITH 'SE-' RETURN r.id").rows
    places = seeded.read("MATCH (c:Cluster {id: 'automation-region'})-[:LOCATED_IN]->(r) RETURN r.id").rows
    assert places == [["SE125"]]  # one place, not a second one beside the seeds'


def test_a_member_list_without_a_cluster_word_is_a_list_of_organisations(tmp_path, embedded_server):
    write_files(tmp_path, {"members.csv": "Org.nr,Name,Country,City\n556677-8899,Småland Plast AB,SE,Värnamo\n"})
    made = tomllib.loads(participation_template(tmp_path / "members.csv"))
    [node] = made["nodes"]
    assert (node["label"], node["id"], node["name"], node["located_in"], node["properties"]) == (
        "Organisation", "Org.nr", "Name", {"country": "Country"}, {"city": "City"})
    assert "extra_labels" not in node and "relationships" not in made
    printed = invoke(cli_env(embedded_server, "mapping_template_list"), "mapping", "new", str(tmp_path / "members.csv"))
    assert printed.exit_code == 0 and "one row per organisation" in printed.stdout.splitlines()[0]


def test_a_cluster_list_exported_as_json_gets_its_nested_columns_and_list_cells_split(seeded, tmp_path):
    write_files(tmp_path, {"clusters.json": (
        '{"count": 2, "data": [\n'
        ' {"id": "c1", "name": "Nordic Battery Cluster", "address": {"country": "Sweden", "region": "Norrbotten"},'
        ' "sectors": ["Batteries", "Automation"]},\n'
        ' {"id": "c2", "name": "IoT World", "address": {"country": "SE"}, "sectors": ["Internet of Things"]}]}\n')})
    text = participation_template(tmp_path / "clusters.json")
    made = tomllib.loads(text)
    assert made["nodes"][0]["located_in"] == {"region": "address.region", "country": "address.country"}
    assert made["nodes"][1]["split"] == {"column": "sectors"} == made["relationships"][0]["split"]
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    report = load_generic(seeded, tmp_path / "mapping.toml")
    assert any("Cluster 'IoT World' (id 'c2') -> iot-world" in note for note in report.notes)
    active = seeded.read("MATCH (c:Cluster)-[r:ACTIVE_IN]->(s:Sector) WHERE any(x IN r.sources WHERE x STARTS WITH "
                         "'user:') RETURN c.id, s.name ORDER BY c.id, s.name").rows
    assert [tuple(r) for r in active] == [("c1", "Automation"), ("c1", "Batteries"),
                                          ("iot-world", "Internet of Things")]


def test_an_esca_list_with_award_and_expiry_dates_feeds_the_expiring_labels_query(seeded, tmp_path):
    from queries.catalogue import load_catalogue
    from queries.runner import run_saved

    write_files(tmp_path, {"esca.csv": "Cluster;Country;Label;Awarded;Valid until\n"
                                       "IoT World;SE;ESCA Silver;12.03.2024;12.03.2026\n"
                                       "Nordic Battery Cluster;Sweden;ESCA Bronze;01.06.2025;01.06.2027\n"})
    made = tomllib.loads(text := participation_template(tmp_path / "esca.csv"))
    assert made["relationships"][0]["properties"] == {
        "awarded": {"column": "Awarded", "type": "date", "format": "%d.%m.%Y"},
        "expires": {"column": "Valid until", "type": "date", "format": "%d.%m.%Y"}}
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    load_generic(seeded, tmp_path / "mapping.toml")
    _, _, result = run_saved(seeded, load_catalogue(None), "labels/expiring", {"on": "2026-01-01", "months": 6})
    assert [tuple(r[:4]) for r in result.rows] == [("IoT World", "ESCA Silver", "2024-03-12", "2026-03-12")]


def test_a_member_list_links_each_organisation_to_its_cluster_by_name(seeded, tmp_path):
    write_files(tmp_path, {"medlemmar.csv": "Företag;Org.nr;Kluster;Medlem sedan;Ort\n"
                                            "Småland Plast AB;556677-8899;Automation Småland;12.03.2019;Värnamo\n"
                                            "Växjö Robotics AB;559911-2233;Automation Smaland;01.09.2021;Växjö\n"
                                            "Norrland Batteri AB;559000-1111;Norrbotten Battery;;Luleå\n"})
    text = participation_template(tmp_path / "medlemmar.csv")
    made = tomllib.loads(text)
    assert text.startswith("# A mapping for medlemmar.csv, one row per organisation")
    assert template_shape(text) == "organisation"
    assert [(n["label"], n["id"], n["name"]) for n in made["nodes"]] == [
        ("Organisation", "Org.nr", "Företag"), ("Cluster", "Kluster", "Kluster")]
    [member_of] = made["relationships"]
    assert (member_of["type"], member_of["start"], member_of["properties"]) == (
        "MEMBER_OF", {"label": "Organisation", "column": "Org.nr"},
        {"since": {"column": "Medlem sedan", "type": "date", "format": "%d.%m.%Y"}})
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    before = counts(seeded)[0]
    load_generic(seeded, tmp_path / "mapping.toml")
    assert counts(seeded)[0]["Cluster"] == before["Cluster"] + 1  # Norrbotten Battery; both spellings are the seeds'
    members = seeded.read("MATCH (o:Organisation)-[m:MEMBER_OF]->(c:Cluster) WHERE o.id STARTS WITH '55' "
                          "RETURN o.name, c.id, m.since ORDER BY o.name").rows
    assert [tuple(r) for r in members] == [("Norrland Batteri AB", "Norrbotten Battery", None),
                                           ("Småland Plast AB", "automation-smaland", "2019-03-12"),
                                           ("Växjö Robotics AB", "automation-smaland", "2021-09-01")]


def test_a_lists_date_guess_names_the_dates_it_cannot_read_by_file_and_line(tmp_path):
    """As the participation template's date and amount guesses do: the comment named none of them."""
    rows = [f"Cluster {at};SE;ESCA Bronze;{'31.02.2024' if at == 10 else f'{at + 1:02d}.03.2024'};01.06.2027\n"
            for at in range(25)]
    write_files(tmp_path, {"esca.csv": "Cluster;Country;Label;Awarded;Valid until\n" + "".join(rows)})
    text = participation_template(tmp_path / "esca.csv")
    assert tomllib.loads(text)["relationships"][0]["properties"]["awarded"]["format"] == "%d.%m.%Y"
    awarded = next(line for line in text.splitlines() if line.startswith("awarded = "))
    assert awarded.endswith('#? when the label was awarded; 1 date(s) none of them reads: "31.02.2024" (esca.csv:12): '
                            "fix them in the table (`load csv --check` names them)")


def test_a_member_column_names_the_members_of_the_cluster_column(tmp_path):
    """"member" is how a cluster's own member list heads its names: it had been read as a list of clusters, one
    cluster node per row updated three times, the members dropped and "member since" not even listed as unused."""
    write_files(tmp_path, {"members.csv": "member,country,cluster,member since\n"
                                          "Husqvarna AB,SE,Automation Småland,2019-03-01\n"
                                          "Thule Group AB,SE,Automation Småland,2020-06-30\n"})
    made = tomllib.loads(participation_template(tmp_path / "members.csv"))
    assert [(n["label"], n["name"]) for n in made["nodes"]] == [("Organisation", "member"), ("Cluster", "cluster")]
    [member_of] = made["relationships"]
    assert (member_of["type"], member_of["start"]["column"], member_of["properties"]["since"]["column"]) == (
        "MEMBER_OF", "member", "member since")


def test_a_since_column_a_list_does_not_read_is_said_unused(tmp_path):
    write_files(tmp_path, {"clusters.csv": "cluster,country,member since\nAutomation Småland,SE,2019-03-01\n"})
    text = participation_template(tmp_path / "clusters.csv")
    assert "# columns not used: member since" in text


def test_a_norwegian_member_list_headed_bedriftsnavn_is_read_as_members_of_its_klynge(tmp_path):
    """A cluster manager's member list (`Org.nr;Bedriftsnavn;...;Klynge`): no header word knew `Bedriftsnavn`, so
    the `Klynge` column became every row's name, 29 Cluster rows all named Industrial Green Tech, and `--check`
    refused each of them."""
    rows = "".join(f"915 0{at:02d} 234;Bedrift {at} AS;Skien;Telemark;01.0{at % 9 + 1}.2020;Industrial Green Tech\n"
                   for at in range(6))
    write_files(tmp_path, {"medlemmer.csv": "Org.nr;Bedriftsnavn;Kommune;Fylke;Medlem siden;Klynge\n" + rows})
    text = participation_template(tmp_path / "medlemmer.csv")
    made = tomllib.loads(text)
    assert 'name = "Bedriftsnavn"  #? the name\n' in text  # a header word now, not the fallback
    assert [(n["label"], n["id"], n["name"]) for n in made["nodes"]] == [
        ("Organisation", "Org.nr", "Bedriftsnavn"), ("Cluster", "Klynge", "Klynge")]
    assert [(r["type"], r["start"]["column"], r["end"]["label"]) for r in made["relationships"]] == [
        ("MEMBER_OF", "Org.nr", "Cluster")]


def test_a_member_list_whose_name_header_no_word_knows_takes_the_column_naming_each_row_apart(tmp_path):
    """A cluster column naming the same cluster on several rows is a member list's, never the rows' names: the
    names are the first other column of text that differs on every row (`Juridisk navn` is no header word)."""
    write_files(tmp_path, {"members.csv": "Nr;Juridisk navn;Ansatte;SMB;Klynge\n"
                                          "1;Herøya Industripark AS;45;nei;Industrial Green Tech\n"
                                          "2;Norner Research AS;110;ja;Industrial Green Tech\n"
                                          "3;Cody AS;25;ja;Industrial Green Tech\n"})
    text = participation_template(tmp_path / "members.csv")
    [organisations, clusters] = tomllib.loads(text)["nodes"]
    assert (organisations["label"], organisations["name"], clusters["label"], clusters["id"]) == (
        "Organisation", "Juridisk navn", "Cluster", "Klynge")
    assert 'name = "Juridisk navn"  #? the name: no header says so; its cells differ on every row' in text


def test_a_member_lists_sme_column_of_yes_and_no_marks_its_smes(seeded, tmp_path):
    """`SMB` (ja / nei) was left among the columns not used, so a cluster's SMEs were none to the SME queries and
    to Partners' SME share; a column of other words stays unused."""
    write_files(tmp_path, {"medlemmer.csv": "Org.nr;Bedriftsnavn;SMB;Klynge\n"
                                            "915001234;Grenland Energy AS;ja;Industrial Green Tech\n"
                                            "915002345;Yara Porsgrunn AS;nei;Industrial Green Tech\n"
                                            "915003456;Siljan Sagbruk AS;;Industrial Green Tech\n"})
    text = participation_template(tmp_path / "medlemmer.csv")
    assert tomllib.loads(text)["nodes"][0]["properties"]["sme"] == {"column": "SMB", "type": "bool"}
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    run_load(seeded, "csv", tmp_path / "mapping.toml")  # as `load csv` does: the derived facts label the SMEs
    smes = seeded.read("MATCH (o:SME) WHERE o.id STARTS WITH '915' RETURN o.name").rows
    assert [tuple(r) for r in smes] == [("Grenland Energy AS",)]
    write_files(tmp_path, {"other.csv": "Org.nr;Bedriftsnavn;SMB;Klynge\n1;A AS;small;IGT\n2;B AS;large;IGT\n"})
    assert "# columns not used: SMB" in participation_template(tmp_path / "other.csv")


def test_a_member_without_an_org_number_is_named_by_its_name_and_keeps_its_links(seeded, tmp_path):
    """A row without Org.nr was skipped as a member, yet its sector (`Prosessindustri`) was still made, a node linked
    to nothing. As in the participation template, such a row's organisation is named by its name instead
    (`name:<name>`, reported), with its membership and its sector."""
    write_files(tmp_path, {"medlemmer.csv": "Org.nr;Bedriftsnavn;Bransje;Klynge\n"
                                            "915001234;Grenland Energy AS;Batterier;Industrial Green Tech\n"
                                            ";Eyde-klyngen (observatør);Prosessindustri;Industrial Green Tech\n"
                                            "915002345;Yara Porsgrunn AS;;Industrial Green Tech\n"})
    text = participation_template(tmp_path / "medlemmer.csv")
    made = tomllib.loads(text)
    assert made["nodes"][0]["on_empty"] == {"placeholder": "name:{Bedriftsnavn}"}
    assert [r["on_empty"] for r in made["relationships"]] == [
        {"Org.nr": {"placeholder": "name:{Bedriftsnavn}"}},
        {"Org.nr": {"placeholder": "name:{Bedriftsnavn}"}, "Bransje": "skip"}]  # Yara names no sector
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    report = load_generic(seeded, tmp_path / "mapping.toml")
    assert "medlemmer.csv: 1 row(s) given a placeholder id for their empty key (on_empty): Org.nr on line 3" \
        in report.notes
    links = seeded.read("MATCH (o:Organisation {id: 'name:Eyde-klyngen (observatør)'})-[r]->(x) "
                        "RETURN type(r), x.name ORDER BY type(r)").rows
    assert [tuple(r) for r in links] == [("ACTIVE_IN", "Prosessindustri"), ("MEMBER_OF", "Industrial Green Tech")]
    assert not seeded.read("MATCH (s:Sector) WHERE NOT (s)--() AND any(x IN s.sources WHERE x STARTS WITH "
                           "'user:medlemmer') RETURN s.id").rows  # none of its sectors linked to nothing
