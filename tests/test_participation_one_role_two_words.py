"""Two tables naming one organisation's role in one project in their own words are one participation.

A Danish agency's project export writes `Koordinator`, its grants table `Projektleder`; both are `coordinator` to
the features. The participation had been keyed by the role as written, so the two loads made two PARTICIPATES_IN of
one organisation in one project: its `participations` said 2 and the regions' ranking counted it twice. It is keyed
by the role as read. Real loads into the embedded store, real files."""

from __future__ import annotations

from loaders.pipeline import run_load
from tests.generic_files import write_preset

KEYS = "MATCH ()-[r:PARTICIPATES_IN]->() RETURN r.key ORDER BY r.key"
PARTS = "MATCH (o:Organisation {id: '34209936'})-[r:PARTICIPATES_IN]->(p:Project {id: 'DK-7'}) RETURN r.role, r.sources"


def _table(folder, role: str):
    folder.mkdir()
    return write_preset(folder, f"Prosjekt;Akronym;Orgnr;Navn;Rolle\nDK-7;ROBOFISH;34209936;Blue Ocean Robotics ApS;"
                                f"{role}\nDK-7;ROBOFISH;29189757;Danfoss A/S;Partner\n", {"role": '"Rolle"'},
                        top=f'name = "{folder.name}"')


def test_a_role_written_two_ways_by_two_tables_is_one_participation(embedded_store, tmp_path):
    run_load(embedded_store, "csv", _table(tmp_path / "projekter", "Koordinator"))
    run_load(embedded_store, "csv", _table(tmp_path / "bevillinger", "Projektleder"))
    rows = embedded_store.read(PARTS).rows
    assert len(rows) == 1 and rows[0][0] == "coordinator"
    assert len(rows[0][1]) == 2  # both tables' files give it
    counted = embedded_store.read("MATCH (o:Organisation {id: '34209936'}) RETURN o.participations, "
                                  "o.coordinated_projects").rows
    assert counted == [[1, 1]]


def test_a_table_an_older_version_keyed_as_written_is_keyed_anew_when_loaded_again(embedded_store, tmp_path,
                                                                                    monkeypatch):
    """A store an earlier version wrote holds the table's participations keyed by the words as written, and its load
    entry no records version: loading the same files again (a re-run, otherwise nothing to do) takes those off and
    leaves one participation per role, as a first load by this version makes."""
    from graph.store import load_log
    from loaders import generic_rows

    mapping = _table(tmp_path / "projekter", "Koordinator")
    with monkeypatch.context() as older:
        older.setattr(generic_rows, "rel_key", lambda spec, row, properties: str(row.get(spec.key) or ""))
        older.setattr(load_log, "USER_RECORDS_VERSION", 1)
        run_load(embedded_store, "csv", mapping)
    assert embedded_store.read(KEYS).rows == [["Koordinator"], ["Partner"]]
    report = run_load(embedded_store, "csv", mapping)
    assert embedded_store.read(KEYS).rows == [["coordinator"], ["participant"]]
    assert any("2 relationship(s) removed" in note for note in report.load.notes)
    said = [note for note in report.load.notes if "removed" in note]  # its rows are in the file: keyed anew
    assert said == ["t.csv: 2 relationship(s) were keyed anew (participations are now keyed by the role as "
                    "read, not as written in the file) and written again under their new keys; the old ones were "
                    "taken off: 0 node(s) and 2 relationship(s) removed."]
    assert not any("no longer in it" in note for note in report.load.notes)
    assert run_load(embedded_store, "csv", mapping).summary.relationships_created == 0  # then a re-run is a re-run
