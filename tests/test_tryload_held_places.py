"""A place another load held back is counted as written back once, when it is written, not at every later unload.

A survey naming an organisation with its country only holds its link to the country back while a register has the
organisation in a region there (`graph.store.held_back`); unloading the register writes the link. Every later
unload or re-load that took anything off then said "1 place(s) other loads gave and had held back written" again (the
statement counted the link it found already there) and made the facts that read places again. Real loads of tmp
tables into the session's server.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load, run_unload

PLACES = "MATCH (o:Organisation {id: '911111111'})-[:LOCATED_IN]->(p) RETURN p.id"


def _table(folder: Path, name: str, rows: str, fylke: bool) -> Path:
    """A mapping `name` of one Organisation table (`id;name;fylke`) in Norway, in its fylke when `fylke`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "orgs.csv").write_text("id;name;fylke\n" + rows, encoding="utf-8")
    region = '\nregion = "fylke"' if fylke else ""
    (folder / "mapping.toml").write_text(
        f'name = "{name}"\n\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "id"\nname = "name"\n\n'
        f'[nodes.located_in]\ncountry = {{ value = "NO" }}{region}\n', encoding="utf-8")
    return folder / "mapping.toml"


def test_a_held_back_place_is_counted_once_when_it_is_written(embedded_store, tmp_path):
    register = _table(tmp_path / "register", "register", "911111111;Havkraft AS;Hordaland\n", True)
    run_load(embedded_store, "csv", register)
    run_load(embedded_store, "csv", _table(tmp_path / "survey", "survey", "911111111;Havkraft AS;\n", False))
    assert embedded_store.read(PLACES).rows == [["NO-Hordaland"]]  # the survey's country link is held back
    unloaded, _ = run_unload(embedded_store, "user:register")
    assert unloaded.places_given_back == 1
    assert unloaded.given_back().endswith("; 1 place(s) other loads gave and had held back written.")
    assert embedded_store.read(PLACES).rows == [["NO"]]
    # another table loaded, then loaded again with its row deleted: the survey's link is there already
    run_load(embedded_store, "csv", _table(tmp_path / "other1", "other", "933333333;Batteriverket AS;Agder\n", True))
    report = run_load(embedded_store, "csv", _table(tmp_path / "other2", "other", "944444444;Fjord AS;Agder\n", True))
    assert not any("held back written" in note for note in report.summary.retired), report.summary.retired
    unloaded, _ = run_unload(embedded_store, "user:other")
    assert unloaded.places_given_back == 0
    assert embedded_store.read(PLACES).rows == [["NO"]]
