"""A national region a table names that the store holds as a NUTS region (`Telemark` is NO094) is that NUTS
region: the rows are placed there, no `NO-Telemark` is made beside it (`loaders.generic_regions`)."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.generic import check_generic, load_generic
from loaders.mapping import read_mapping
from tests.generic_files import write_files

MAPPING = """
name = "orgs"

[[nodes]]
file = "orgs.csv"
label = "Organisation"
id = "nr"
name = "navn"
located_in = { region = "fylke", country = { value = "NO" } }
"""
NUTS = [("NO", "Norge", 0), ("NO09", "Agder og Sør-Østlandet", 2), ("NO094", "Telemark", 3),
        ("NO02", "Innlandet", 2), ("NO020", "Innlandet", 3), ("SE125", "Västmanlands län", 3),
        ("DE1", "Hordaland", 1),  # a region of another country with a Norwegian county's name
        ("NO021", "Hedmark", 3)]  # NUTS 2016's: the bundled files (2021, 2024) do not know the name


def _nuts(store) -> None:
    for code, name, level in NUTS:
        label = "Country" if level == 0 else "Region"
        store.write(f"CREATE (:{label} {{id: $id, name: $name, level: $level, kind: '{label}', "
                    "sources: ['nuts:test']})", {"id": code, "name": name, "level": level})


def test_county_names_of_nuts_regions_place_rows_there_and_the_others_keep_their_own(embedded_store, tmp_path):
    _nuts(embedded_store)
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "orgs.csv": (
        "nr;navn;fylke\n1;Fjordlab AS;Telemark\n2;Innlandet Tre AS;innlandet\n3;Vestlab AS;Hordaland\n"
        "4;Uten Fylke AS;\n")})
    report = load_generic(embedded_store, mapping)
    graph = to_networkx(embedded_store)
    assert graph.has_edge("Organisation:1", "Region:NO094", "LOCATED_IN:")
    assert graph.has_edge("Organisation:2", "Region:NO020", "LOCATED_IN:")  # the most detailed of NO02 and NO020
    assert graph.has_edge("Organisation:3", "Region:NO-Hordaland", "LOCATED_IN:")  # DE1 is in another country
    assert graph.has_edge("Organisation:4", "Country:NO", "LOCATED_IN:")
    assert {n for n in graph if n.startswith("Region:NO-")} == {"Region:NO-Hordaland"}
    assert (graph.nodes["Organisation:1"]["nuts_code"], graph.nodes["Organisation:1"].get("region")) == ("NO094", None)
    assert graph.nodes["Organisation:3"]["region"] == "NO-Hordaland"
    assert graph.nodes["Region:NO094"]["sources"] == ["nuts:test"]  # NUTS's region is not written over
    assert any(note.startswith("2 node(s) are placed in the NUTS region their region cell names") and
               "Telemark -> NO094" in note and "innlandet -> NO020" in note for note in report.notes)
    again = load_generic(embedded_store, mapping).summary
    assert (again.created, again.updated) == (0, 0)  # a re-run changes nothing


def test_a_national_region_an_earlier_load_made_stays_and_a_name_of_two_at_one_level_keeps_its_own(
        embedded_store, tmp_path):
    _nuts(embedded_store)
    embedded_store.write("CREATE (:Region {id: 'NO-Telemark', name: 'Telemark', kind: 'Region', country: 'NO', "
                         "scheme: 'national', sources: ['user:old/orgs.csv']})")
    embedded_store.write("CREATE (:Region {id: 'NO081', name: 'Østlandet', level: 3, kind: 'Region'}), "
                         "(:Region {id: 'NO082', name: 'Østlandet', level: 3, kind: 'Region'})")
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING,
                                     "orgs.csv": "nr;navn;fylke\n1;Fjordlab AS;Telemark\n2;Oslo Lab AS;Østlandet\n"})
    data = check_generic(embedded_store, mapping)
    located = sorted((r.start_id, r.end_id) for r in data.rels if r.type == "LOCATED_IN")
    assert located == [("1", "NO-Telemark"), ("2", "NO-Østlandet")]
    assert not any("placed in the NUTS region" in note for note in data.notes)
    assert any("Østlandet (names NO081 and NO082)" in note for note in data.notes), data.notes


def test_the_check_counts_what_the_load_writes_when_the_store_holds_the_places(embedded_store, tmp_path):
    """The check counted the places the store holds (the country, the NUTS regions), which the load leaves out:
    a cluster list's check said 23 nodes, its load 18."""
    _nuts(embedded_store)
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "orgs.csv": "nr;navn;fylke\n1;Fjordlab AS;Telemark\n"
                                                                          "2;Vestlab AS;Hordaland\n"})
    said = check_generic(embedded_store, mapping).would_write()
    assert said.startswith("3 nodes (Organisation 2, Region 1)")  # NO-Hordaland; Norway and Telemark are held
    written = load_generic(embedded_store, mapping).summary
    assert said.startswith(f"{written.nodes - 1} nodes")  # the summary counts the Source record too, and the
    assert f"({written.nodes} nodes in all, as the load's summary counts them)" in said  # check says so


def test_a_table_loaded_before_nuts_is_told_where_its_regions_now_have_a_nuts_namesake(embedded_store, tmp_path):
    """Loaded before NUTS, a table's `Hedmark` stays NO-Hedmark at a re-load (a re-run changes nothing), beside
    NUTS's Hedmark: said, with the way to move the rows; unloaded and loaded again, they are in NO021. (A name the
    bundled NUTS files know is their region at the first load already: Hedmark is NUTS 2016's, which they lack.)"""
    from loaders.pipeline import run_load, run_unload

    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "orgs.csv": "nr;navn;fylke\n1;Fjordlab AS;Hedmark\n"})
    load_generic(embedded_store, mapping)
    _nuts(embedded_store)
    again = load_generic(embedded_store, mapping)
    assert ("1 national region(s) an earlier load made have the name of a NUTS region, and stay where their rows "
            "are: NO-Hedmark (NO021); to place the rows in the NUTS regions, take this load out "
            f"(`cluster-explorer unload user:{read_mapping(mapping).name}`, or the Data page's Take a load out) and "
            "load it again") in again.notes  # the Data page says it too: the CLI's command alone had been named
    assert to_networkx(embedded_store).has_edge("Organisation:1", "Region:NO-Hedmark", "LOCATED_IN:")
    run_unload(embedded_store, "user:orgs")
    run_load(embedded_store, "csv", mapping)
    graph = to_networkx(embedded_store)
    assert graph.has_edge("Organisation:1", "Region:NO021", "LOCATED_IN:") and "Region:NO-Hedmark" not in graph


def test_an_organisation_whose_other_row_lacks_its_region_is_in_the_region_alone(embedded_store, tmp_path):
    """Two rows of one organisation, one without its county: it was LOCATED_IN both Norway and the county."""
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING, "orgs.csv": "nr;navn;fylke\n1;Fjordlab AS;Hordaland\n"
                                                                          "1;Fjordlab AS;\n2;Uten Fylke AS;\n"})
    load_generic(embedded_store, mapping)
    placed = embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(p) RETURN o.id, p.id ORDER BY o.id").rows
    assert placed == [["1", "NO-Hordaland"], ["2", "NO"]]


def test_names_of_several_versions_languages_and_swedish_counties_find_their_nuts_region(embedded_store, tmp_path):
    """A user's Finnish, Norwegian and Swedish regions by the names people use (a try-out found ten of thirty made
    national regions without a place): the newest NUTS version's region of a name two versions hold, a part of
    a name in several languages, a county without its `län`; a name of no NUTS region is said."""
    from graph.store.records import NodeRecord
    from graph.store.writer import write_records

    regions = [("FI193", "Keski-Suomi", ["2021"]), ("FI198", "Keski-Suomi", ["2024"]),
               ("NO060", "Trøndelag/Trööndelage", ["2024"]), ("SE121", "Uppsala län", ["2021", "2024"]),
               ("SE231", "Hallands län", ["2021", "2024"])]
    write_records(embedded_store, [NodeRecord("Region", code, name, ("nuts:test",),
                                              properties={"level": 3, "nuts_versions": versions})
                                   for code, name, versions in regions], [])
    mapping = write_files(tmp_path, {"mapping.toml": MAPPING.replace('{ value = "NO" }', '"land"'), "orgs.csv": (
        "nr;navn;fylke;land\n1;Paperikone Oy;Keski-Suomi;FI\n2;Fjordlab AS;Trøndelag;NO\n3;Uppsala Lab AB;Uppsala;SE\n"
        "4;Halmstad AB;Halland;SE\n5;Helsinki Oy;Itä-Uusimaa;FI\n")})
    report = load_generic(embedded_store, mapping)
    placed = dict(embedded_store.read("MATCH (o:Organisation)-[:LOCATED_IN]->(r:Region) RETURN o.id, r.id").rows)
    assert placed == {"1": "FI198", "2": "NO060", "3": "SE121", "4": "SE231", "5": "FI-Itä-Uusimaa"}
    assert any(note.startswith("1 region name(s) of the table are not the name of one NUTS region (of the store or "
                               "of the bundled NUTS files) of their country, so each is made a region of its own, "
                               "without a place on the Map: FI-Itä-Uusimaa;")
               for note in report.notes), report.notes
