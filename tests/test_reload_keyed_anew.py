"""A re-load's note tells the relationships keyed anew from those the files no longer give.

A table an older version loaded had its participations keyed by the role as written (`Koordinator`); this version
keys them by the role as read (`coordinator`: `load_log.USER_RECORDS_VERSION` 2), so its next load takes the old
keys' relationships off and writes the rows again under the new keys (`loaders.reload_gone`). The note had said
all of them "are no longer in it", though their rows were still in the file. Here the table also lost a row since:
that row's organisation and participation are no longer in it, the other participation was keyed anew. The older
version is simulated by patching, as in tests/test_participation_one_role_two_words.py; real loads into the
embedded store, real files."""

from __future__ import annotations

from loaders.pipeline import run_load
from tests.generic_files import write_preset

ROWS = ("DK-7;ROBOFISH;34209936;Blue Ocean Robotics ApS;Koordinator\n",
        "DK-7;ROBOFISH;29189757;Danfoss A/S;Partner\n")
KEYS = "MATCH (o:Organisation)-[r:PARTICIPATES_IN]->() RETURN o.id, r.key ORDER BY o.id"


def _table(folder, rows: tuple[str, ...]):
    return write_preset(folder, "Prosjekt;Akronym;Orgnr;Navn;Rolle\n" + "".join(rows), {"role": '"Rolle"'},
                        top='name = "projekter"')


def test_rows_keyed_anew_are_told_apart_from_rows_no_longer_in_the_file(embedded_store, tmp_path, monkeypatch):
    from graph.store import load_log
    from loaders import generic_rows

    with monkeypatch.context() as older:
        older.setattr(generic_rows, "rel_key", lambda spec, row, properties: str(row.get(spec.key) or ""))
        older.setattr(load_log, "USER_RECORDS_VERSION", 1)
        run_load(embedded_store, "csv", _table(tmp_path, ROWS))
    assert embedded_store.read(KEYS).rows == [["29189757", "Partner"], ["34209936", "Koordinator"]]
    report = run_load(embedded_store, "csv", _table(tmp_path, ROWS[:1]))  # Danfoss's row deleted meanwhile
    assert embedded_store.read(KEYS).rows == [["34209936", "coordinator"]]
    said = [note for note in report.load.notes if "removed" in note]
    assert said == ["t.csv: 1 node(s) and 1 relationship(s) the earlier load gave are no longer in it, and 1 "
                    "relationship(s) were keyed anew (participations are now keyed by the role as read, not as "
                    "written in the file) and written again under their new keys; the old ones were taken off: 1 "
                    "node(s) and 2 relationship(s) removed."]


def test_a_table_this_version_keyed_says_a_changed_role_is_no_longer_in_it(embedded_store, tmp_path):
    """Without an older version's keys, a role changed in the file is the file's change: no "keyed anew"."""
    run_load(embedded_store, "csv", _table(tmp_path, ROWS))
    report = run_load(embedded_store, "csv", _table(tmp_path, (ROWS[0], ROWS[1].replace("Partner", "Koordinator"))))
    said = [note for note in report.load.notes if "removed" in note]
    assert said == ["t.csv: 0 node(s) and 1 relationship(s) the earlier load gave are no longer in it: 0 node(s) and "
                    "1 relationship(s) removed."]
