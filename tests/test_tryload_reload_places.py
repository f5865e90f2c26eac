"""A re-load of a changed table with `located_in` keeps the places its earlier load made, and says nothing of them.

The regions and countries a table's earlier load made are in the store when the table is loaded again, so the load
leaves them out (`loaders.nuts.keep_stored_places`); the re-load's removal then took them for rows no longer in
the file, and every re-load said "3 node(s) and 2 relationship(s) the earlier load gave are no longer in it: ...
kept" of a table with no row deleted. Real loads of tmp tables into the session's server.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load

REGIONS = "MATCH (r:Region)-[:PART_OF]->(c:Country) RETURN r.id, c.id, r.sources ORDER BY r.id"
SOURCE = ["user:grants/orgs.csv"]


def _table(folder: Path, rows: str) -> Path:
    """A mapping `grants` of one Organisation table (`id;name;employees;fylke`) located in its fylke of Norway."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name;employees;fylke\n" + rows, encoding="utf-8")
    (folder / "mapping.toml").write_text(
        'name = "grants"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "id"\nname = "name"\n\n'
        '[nodes.properties]\nemployees = { column = "employees", type = "int" }\n\n'
        '[nodes.located_in]\ncountry = { value = "NO" }\nregion = "fylke"\n', encoding="utf-8")
    return folder / "mapping.toml"


def test_a_reload_keeps_the_places_of_its_earlier_load_and_says_nothing_of_them(embedded_store, tmp_path):
    rows = "911111111;Havkraft AS;10;Hordaland\n922222222;Nordlys AS;5;Sogn og Fjordane\n"
    run_load(embedded_store, "csv", _table(tmp_path / "v1", rows))
    both = [["NO-Hordaland", "NO", SOURCE], ["NO-Sogn-og-Fjordane", "NO", SOURCE]]
    assert embedded_store.read(REGIONS).rows == both
    report = run_load(embedded_store, "csv", _table(tmp_path / "v2", rows.replace(";10;", ";12;")))
    assert report.summary.retired == [], report.summary.retired
    assert embedded_store.read(REGIONS).rows == both
    # a row deleted: its organisation and the region only it named go, and the note counts those alone
    report = run_load(embedded_store, "csv", _table(tmp_path / "v3", "911111111;Havkraft AS;12;Hordaland\n"))
    assert embedded_store.read(REGIONS).rows == [["NO-Hordaland", "NO", SOURCE]]
    assert report.summary.retired[0].startswith("orgs.csv: 2 node(s) and 2 relationship(s) the earlier load gave "
                                                "are no longer in it: 2 node(s) and 2 relationship(s) removed."), \
        report.summary.retired
