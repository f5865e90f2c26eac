"""Loading a source again from changed files replaces what it gave (`loaders.reload_gone`): a member row deleted from
the table, a membership pointed at another cluster, a place narrowed to a country are gone from the store, as if
the new files alone had been loaded over the other loads; what another load gives too stays, with that load's
sources and values.

Real loads of tmp copies of examples/members/ into real graphs of the session's embedded server, stores compared
whole (`_state`: every node and relationship with its properties, the load log left out) with a graph where only
the new files were loaded (`alone`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.errors import ValidationFailed
from graph.store import retire as retire_module
from graph.store.load_log import start_load
from graph.store.retire import RETIRED, gone, retire
from graph.store.unload import source_prefix
from graph.store.writer import write_records
from loaders.common import file_checksum
from loaders.generic import check_generic
from loaders.pipeline import run_load, run_unload
from loaders.reload_gone import reload_due
from tests import test_unload_shared
from tests.conftest import FIXTURES
from tests.test_unload import _state
from tests.test_unload_shared import _IN_NORWAY, _IN_TELEMARK, _orgs, to_place

alone = test_unload_shared.alone
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "members"
SOURCE = "user:members"


def _members(folder: Path, *, changed: bool, clusters: bool = False) -> Path:
    """A copy of the members example; `changed`: member 556001-0003 deleted (its row and its membership),
    556001-0004 a member of iot-world instead of automation-smaland, iot-world no longer in clusters.csv (the
    seeds give it too) unless `clusters`, and two cells emptied: 556001-0001's city and 556001-0002's employees."""
    shutil.copytree(EXAMPLE, folder)
    if changed:
        members = (folder / "members.csv").read_text(encoding="utf-8-sig").splitlines(keepends=True)
        members = [line.replace(";Växjö;", ";;") if line.startswith("556001-0001") else
                   line.replace(";210;", ";;") if line.startswith("556001-0002") else line for line in members]
        (folder / "members.csv").write_text(
            "\ufeff" + "".join(line for line in members if not line.startswith("556001-0003")), encoding="utf-8")
        memberships = [m for m in json.loads((folder / "memberships.json").read_text(encoding="utf-8"))
                       if m["org_nr"] != "556001-0003"]
        for m in memberships:
            m["cluster"] = "iot-world" if m["org_nr"] == "556001-0004" else m["cluster"]
        (folder / "memberships.json").write_text(json.dumps(memberships), encoding="utf-8")
        (folder / "clusters.csv").write_text("cluster_id,cluster_name\nautomation-smaland,Automation Småland\n"
                                             "iot-world,IoT World\n" if clusters else
                                             "cluster_id,cluster_name\nautomation-smaland,Automation Småland\n",
                                             encoding="utf-8")
    return folder / "mapping.toml"


@pytest.fixture
def versions(tmp_path) -> tuple[Path, Path]:
    """The example and its changed copy, which keeps iot-world in clusters.csv: the memberships still link it, and
    a load of the changed files alone (with no other load giving iot-world) is refused."""
    return _members(tmp_path / "v1", changed=False), _members(tmp_path / "v2", changed=True, clusters=True)


def _memberships(store) -> list[tuple]:
    return [tuple(r) for r in store.read("MATCH (o:Organisation)-[r:MEMBER_OF]->(c:Cluster) "
                                         "RETURN o.id, c.id ORDER BY o.id, c.id").rows]


@pytest.mark.parametrize("seeds", [True, False], ids=["over the seeds", "alone in the store"])
def test_a_reloaded_table_ends_as_its_new_files_alone_would_have_made_it(embedded_store, alone, tmp_path, seeds):
    """Without the seeds, iot-world stays in clusters.csv: the new files alone would not load without it."""
    v1, v2 = _members(tmp_path / "v1", changed=False), _members(tmp_path / "v2", changed=True, clusters=not seeds)
    for store in (embedded_store, alone):
        if seeds:
            run_load(store, "seeds")
    run_load(alone, "csv", v2)
    run_load(embedded_store, "csv", v1)
    assert ("556001-0003", "iot-world") in _memberships(embedded_store)
    report = run_load(embedded_store, "csv", v2)
    assert _state(embedded_store) == _state(alone)
    assert ("556001-0004", "iot-world") in _memberships(embedded_store)
    assert ("556001-0004", "automation-smaland") not in _memberships(embedded_store)
    assert not embedded_store.read("MATCH (o:Organisation {id: '556001-0003'}) RETURN o").rows
    said = [note for note in report.load.notes if "the earlier load gave are no longer" in note]
    assert said == [
        "1 node(s) and 2 relationship(s) the earlier load gave are no longer in its files (members.csv: 1 node(s) and "
        "0 relationship(s); memberships.json: 0 node(s) and 2 relationship(s)): 1 node(s) and 2 relationship(s) "
        "removed." if not seeds else
        "2 node(s) and 2 relationship(s) the earlier load gave are no longer in its files (clusters.csv: 1 node(s) and "
        "0 relationship(s); members.csv: 1 node(s) and 0 relationship(s); memberships.json: 0 node(s) and 2 "
        "relationship(s)): 1 node(s) and 2 relationship(s) removed; 1 node(s) and 0 relationship(s) kept, as other "
        "loads (or other files of this one) give them too: only these files were taken off their sources."]


def test_with_many_records_gone_everything_is_read_and_the_end_is_the_same(embedded_store, alone, versions,
                                                                             monkeypatch):
    """Above `UNKNOWN_MAX` digests not given, the store is read whole instead of asked for those."""
    monkeypatch.setattr(retire_module, "UNKNOWN_MAX", 0)
    v1, v2 = versions
    for store in (embedded_store, alone):
        run_load(store, "seeds")
    run_load(alone, "csv", v2)
    run_load(embedded_store, "csv", v1)
    run_load(embedded_store, "csv", v2)
    assert _state(embedded_store) == _state(alone)


def test_a_cluster_another_load_gives_too_keeps_that_loads_sources_and_values(embedded_store, tmp_path):
    v1, v2 = _members(tmp_path / "v1", changed=False), _members(tmp_path / "v2", changed=True)  # without iot-world
    run_load(embedded_store, "seeds")
    seed_name = embedded_store.read("MATCH (c:Cluster {id: 'iot-world'}) RETURN c.name").rows
    run_load(embedded_store, "csv", v1)
    run_load(embedded_store, "csv", v2)
    (sources, name), = embedded_store.read("MATCH (c:Cluster {id: 'iot-world'}) RETURN c.sources, c.name").rows
    assert sources and all(s.startswith("seed:") for s in sources)
    assert [[name]] == seed_name


def test_a_place_narrowed_to_a_country_is_that_country_after_the_reload(embedded_store, alone, tmp_path):
    """The first files placed Fjordlab in Telemark, the new ones in Norway only: their load held Norway back, as the
    store still had Telemark; once the earlier link goes, Norway is written, as the new files alone write it."""
    (tmp_path / "v1").mkdir()
    (tmp_path / "v2").mkdir()
    first = _orgs(tmp_path / "v1", "grants", "nr;navn;fylke", "1;Fjordlab AS;Telemark\n", _IN_TELEMARK)
    second = _orgs(tmp_path / "v2", "grants", "nr;navn", "1;Fjordlab AS\n", _IN_NORWAY)
    run_load(alone, *second)
    run_load(embedded_store, *first)
    run_load(embedded_store, *second)
    assert to_place(embedded_store) == to_place(alone) == [("1", "NO", ["user:grants/orgs.csv"])]
    state, want = _state(embedded_store), _state(alone)
    assert state[:2] == want[:2] and state[3] == want[3]  # the region is gone with its links
    # but for the property the earlier files gave: values are not taken off (docs/mapping.md, `drop`)
    assert [n.replace(" ('region', 'NO-Telemark'),", "") for n in state[2]] == want[2]


def test_running_the_same_load_again_reads_nothing_more_and_changes_nothing(embedded_store, versions):
    v1, v2 = versions
    run_load(embedded_store, "csv", v1)
    run_load(embedded_store, "csv", v2)
    before = _state(embedded_store)
    data = check_generic(embedded_store, v2)
    assert reload_due(embedded_store, SOURCE, file_checksum(data.paths)) is None  # the log alone says it
    again = run_load(embedded_store, "csv", v2)
    assert not again.summary.retired and again.summary.created == again.summary.updated == 0
    assert _state(embedded_store) == before
    assert run_load(embedded_store, "csv", v2, skip_loaded=False).summary.relationships_created == 0


def test_loading_the_earlier_files_again_gives_back_what_they_gave(embedded_store, alone, versions):
    """The earlier files are not taken as already loaded: a load of other files of the source came after them."""
    v1, v2 = versions
    run_load(alone, "csv", v1)
    for mapping in (v1, v2):
        run_load(embedded_store, "csv", mapping)
    again = run_load(embedded_store, "csv", v1, skip_loaded=True)
    assert not again.skipped
    assert _state(embedded_store) == _state(alone)


def test_a_reload_refused_for_a_bad_row_leaves_the_store_and_its_log_as_they_were(embedded_store, versions):
    v1, v2 = versions
    run_load(embedded_store, "seeds")
    run_load(embedded_store, "csv", v1)
    members = (v2.parent / "members.csv").read_text(encoding="utf-8-sig")
    (v2.parent / "members.csv").write_text("\ufeff" + members.replace(";45;", ";forty-five;"), encoding="utf-8")
    log = "MATCH (l:Load) RETURN l.source, l.checksum, l.status, l.seq ORDER BY l.source"
    before, logged = _state(embedded_store), embedded_store.read(log).rows
    with pytest.raises(ValidationFailed, match="employees"):
        run_load(embedded_store, "csv", v2)
    assert _state(embedded_store) == before and embedded_store.read(log).rows == logged


def _stopped_after_marking(store, mapping: Path) -> None:
    """The new files' load as `load_records` runs it, stopped once what they no longer give is marked."""
    data = check_generic(store, mapping)
    start_load(store, SOURCE, file_checksum(data.paths), data.held)
    written = write_records(store, data.nodes, data.rels)
    found = gone(store, source_prefix(SOURCE), data.nodes, data.rels, written.digests)
    assert found.nodes and found.relationships
    retire(store, found)


@pytest.mark.parametrize("then", ["the same load", "the unload"])
def test_a_reload_stopped_after_marking_is_finished_by_the_next_load_or_unload(embedded_store, alone, versions, then):
    v1, v2 = versions
    for store in (embedded_store, alone):
        run_load(store, "seeds")
    run_load(embedded_store, "csv", v1)
    _stopped_after_marking(embedded_store, v2)
    marked = f"MATCH (x) WHERE any(s IN x.sources WHERE s STARTS WITH 'user:members/{RETIRED}') RETURN count(x)"
    assert embedded_store.read(marked).rows[0][0] > 0
    if then == "the unload":
        run_unload(embedded_store, SOURCE)
    else:
        run_load(alone, "csv", v2)
        report = run_load(embedded_store, "csv", v2)
        assert any("the earlier load gave are no longer" in note or "had marked" in note for note in report.load.notes)
    assert embedded_store.read(marked).rows[0][0] == 0
    assert _state(embedded_store) == _state(alone)


def test_a_reload_takes_off_what_it_no_longer_gives_on_every_store(any_store, versions):
    """The same registered statements on Neo4j (when NEO4J_URI is set) as on the embedded store."""
    v1, v2 = versions
    run_load(any_store, "csv", v1)
    run_load(any_store, "csv", v2)
    assert ("556001-0004", "automation-smaland") not in _memberships(any_store)
    assert ("556001-0004", "iot-world") in _memberships(any_store)
    assert not any_store.read("MATCH (o:Organisation {id: '556001-0003'}) RETURN o").rows


def test_loads_of_other_files_of_a_source_keep_what_each_gave(embedded_store, alone, tmp_path):
    """NUTS 2021 and 2024 loaded one after the other (as two CORDIS archives are) both stay: only what the files
    a load reads gave before is compared with it. The store holds what both files loaded at once give (the nodes'
    `nuts_versions` aside: the NUTS loader writes the versions of the files it reads)."""
    fixture = FIXTURES / "nuts" / "nuts2021_label_points.csv"
    for folder, names in (("first", ["nuts2021"]), ("second", ["nuts2024"]), ("both", ["nuts2021", "nuts2024"])):
        (tmp_path / folder).mkdir()
        for name in names:
            shutil.copy(fixture, tmp_path / folder / f"{name}_label_points.csv")
    run_load(alone, "nuts", tmp_path / "both")
    run_load(embedded_store, "nuts", tmp_path / "first")
    report = run_load(embedded_store, "nuts", tmp_path / "second")
    assert not report.summary.retired
    state, want = _state(embedded_store), _state(alone)
    assert state[:2] == want[:2] and state[3] == want[3]
    assert not embedded_store.read("MATCH (r:Region) WHERE NOT 'nuts:nuts2021_label_points.csv' IN r.sources "
                                   "RETURN r.id LIMIT 1").rows


def test_a_stopped_load_of_other_files_that_a_complete_one_followed_makes_no_rerun_read_more(embedded_store, versions):
    v1, v2 = versions
    run_load(embedded_store, "csv", v1)
    start_load(embedded_store, SOURCE, "0" * 64)  # other files' load, stopped before its first write
    run_load(embedded_store, "csv", v2)
    data = check_generic(embedded_store, v2)
    assert reload_due(embedded_store, SOURCE, file_checksum(data.paths)) is None


def test_a_load_on_a_new_store_is_a_first_load(tmp_path):
    """FalkorDB refuses a read of a graph no statement has made yet ("empty key"): the log read that decides a
    re-load must take that as an empty log (`load_seeds` straight after opening a new store had failed)."""
    from graph.store.falkordb_store import FalkorDBStore
    from loaders.seeds import load_seeds

    store = FalkorDBStore(tmp_path / "new.db")
    try:
        assert reload_due(store, "seeds", "any") is None
        assert load_seeds(store).nodes > 0
    finally:
        store.close()
