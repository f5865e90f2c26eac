"""Loads are all-or-nothing, or complete themselves on the next run (issue #11, item 3).

Real processes and real files: the command line loads a generated CORDIS folder (8,000 participation
rows, big enough to be stopped half-way) and is killed with SIGKILL when the store's counts pass a
point; `status` then names the interrupted load, and running the same load again gives exactly the
graph of a load that was never interrupted (every node, relationship and property). Text no store can
hold is refused before the first write, with file, line and column; a full disk (a small tmpfs) stops
the load with a message that says so, and the load completes once there is room.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import ValidationFailed
from graph.store import cypher
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import to_networkx
from graph.store.records import MAX_TEXT, NodeRecord
from graph.store.writer import write_records
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ("SE", "DE", "FR", "IT", "ES", "PL", "NL", "FI")
PROJECT_COLUMNS = ("id", "acronym", "title", "startDate", "endDate", "totalCost", "ecMaxContribution",
                   "legalBasis", "topics", "frameworkProgramme", "fundingScheme", "objective")
ORG_COLUMNS = ("projectID", "organisationID", "name", "shortName", "SME", "activityType", "city", "country",
               "nutsCode", "geolocation", "order", "role", "ecContribution")


def _csv_line(values) -> str:
    return ",".join('"' + str(v).replace('"', '""') + '"' for v in values) + "\n"


def write_cordis(folder: Path, projects: int = 1000, per_project: int = 8, seed: int = 11) -> Path:
    """A CORDIS extract of `projects` projects with `per_project` participations each, in the shared
    extract's layout; organisations located in some 500 NUTS-3 codes (so places and PART_OF links)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    places = [f"{c}{a}{b}{d}" for c in COUNTRIES for a in "1234" for b in "123" for d in "12345"]
    pics = [str(900000000 + n) for n in range(4000)]
    home = {pic: rng.choice(places) for pic in pics}
    with (folder / "projects.csv").open("w", encoding="utf-8") as out:
        out.write(",".join(PROJECT_COLUMNS) + "\n")
        for n in range(projects):
            out.write(_csv_line([
                100000000 + n, f"P{n}", f"Project number {n}", f"202{n % 5}-0{1 + n % 9}-01",
                f"202{5 + n % 4}-12-31", 1000 + n, 500 + n, f"HORIZON.{1 + n % 3}.{1 + n % 4}",
                f"TOPIC-{n % 40}", "HORIZON", f"HORIZON-{('RIA', 'IA', 'CSA')[n % 3]}",
                f"Objective {n}\nsecond line, \"quoted\" and é"]))
    with (folder / "organizations.csv").open("w", encoding="utf-8") as out:
        out.write(",".join(ORG_COLUMNS) + "\n")
        for n in range(projects):
            for order, pic in enumerate(rng.sample(pics, per_project), start=1):
                place = home[pic]
                out.write(_csv_line([
                    100000000 + n, pic, f"Organisation {pic}", f"O{pic[-4:]}", ("true", "false")[order % 2],
                    ("PRC", "HES", "REC")[int(pic) % 3], f"City {place}", place[:2], place,
                    f"{50 + int(pic) % 900 / 100},{10 + int(pic) % 700 / 100}", order,
                    "coordinator" if order == 1 else "participant", 100 * order]))
    return folder


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    return write_cordis(tmp_path_factory.mktemp("generated") / "cordis")


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "CLUSTER_EXPLORER_"))}
    env["CLUSTER_EXPLORER_DB"] = str(db)
    return env


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, env=_env(db), capture_output=True,
                          text=True, timeout=600, check=False)


def graph_of(store: FalkorDBStore) -> nx.MultiDiGraph:
    """Everything the store holds but the load log (whose times differ from run to run)."""
    graph = to_networkx(store)
    graph.remove_nodes_from([n for n, data in graph.nodes(data=True) if "Load" in data["labels"]])
    return graph


@pytest.fixture
def keeper(tmp_path):
    """The store of `tmp_path / "store.db"`, held open so that its server outlives every command run on it
    (the commands then share it instead of each starting one) and the SIGKILL."""
    store = FalkorDBStore(tmp_path / "store.db")
    store.setup_schema()
    yield store
    store.close()


def assert_same_graph(got: nx.MultiDiGraph, want: nx.MultiDiGraph) -> None:
    assert dict(got.nodes(data=True)) == dict(want.nodes(data=True))
    edges = lambda g: Counter(json.dumps([a, b, k, d], sort_keys=True) for a, b, k, d in g.edges(keys=True, data=True))  # noqa: E731
    assert edges(got) == edges(want)


@pytest.fixture(scope="module")
def reference(generated, tmp_path_factory) -> nx.MultiDiGraph:
    """The graph of an uninterrupted load of the generated folder."""
    db = tmp_path_factory.mktemp("reference") / "store.db"
    done = cli(db, "load", "cordis", str(generated))
    assert done.returncode == 0, done.stderr
    store = FalkorDBStore(db)
    try:
        return graph_of(store)
    finally:
        store.close()


def kill_when(store: FalkorDBStore, folder: Path, condition: Callable[[Callable[[str], int]], bool], *,
              server: bool = False) -> subprocess.CompletedProcess:
    """Start `load cordis` into `store` and SIGKILL it (or, with `server`, the database server) as soon as
    `condition(count)` holds, `count(name)` being the store's number of nodes of a label or relationships
    of a type."""
    def count(what: str) -> int:
        is_label = not what.isupper()
        return store.read(cypher.count_label(what) if is_label else cypher.count_rel_type(what)).rows[0][0]

    args = [sys.executable, "-m", "cli", "load", "cordis", str(folder)]
    load = subprocess.Popen(args, cwd=ROOT, env=_env(store.db_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        while not condition(count):
            assert load.poll() is None, "the load finished before it could be interrupted"
            time.sleep(0.005)  # polling the store's counts: the wait is on the condition
    finally:
        if server:
            os.kill(store.server_pid, signal.SIGKILL)
        else:
            load.send_signal(signal.SIGKILL)
        out, err = load.communicate(timeout=300)
    return subprocess.CompletedProcess(args, load.returncode, out, err)


KILL_POINTS = {
    "once the load marker is written": lambda count: count("Load") >= 1,
    "among the organisations": lambda count: count("Organisation") >= 1,
    "among the locations": lambda count: count("LOCATED_IN") >= 1,
}


def _links(graph: nx.MultiDiGraph) -> int:
    return sum(1 for _, _, data in graph.edges(data=True) if data["type"] == "PART_OF")


@pytest.mark.parametrize("point", list(KILL_POINTS))
def test_a_killed_load_shows_in_status_and_the_next_run_completes_it_exactly(point, generated, reference, keeper):
    db = keeper.db_path
    kill_when(keeper, generated, KILL_POINTS[point])
    assert graph_of(keeper).number_of_edges() < reference.number_of_edges()
    status = cli(db, "status")
    assert status.returncode == 0, status.stderr
    assert "cordis                   started, not finished" in status.stdout
    assert "interrupted: the cordis load started at" in status.stdout
    assert "run the same load again to complete it" in status.stdout

    again = cli(db, "load", "cordis", str(generated))
    assert again.returncode == 0, again.stderr
    assert_same_graph(graph_of(keeper), reference)
    status = cli(db, "status")
    assert "interrupted" not in status.stdout and "not finished" not in status.stdout


def test_a_kill_after_the_places_leaves_no_part_of_link_missing_for_good(generated, reference, keeper):
    """The probe's case: places written, their PART_OF links not; the re-run found the places stored and
    left their links out for good (the CORDIS loader keeps places already stored as they are)."""
    kill_when(keeper, generated, lambda count: count("PARTICIPATES_IN") >= 2000)
    assert _links(graph_of(keeper)) < _links(reference)
    assert cli(keeper.db_path, "load", "cordis", str(generated)).returncode == 0
    assert _links(graph_of(keeper)) == _links(reference)
    assert "Nothing changed" in cli(keeper.db_path, "load", "cordis", str(generated)).stdout


def test_a_load_that_loses_its_database_says_so_and_the_next_run_completes_it(generated, reference, tmp_path):
    watcher = FalkorDBStore(tmp_path / "store.db")
    watcher.setup_schema()
    try:
        lost = kill_when(watcher, generated, lambda count: count("PARTICIPATES_IN") >= 2000, server=True)
    finally:
        watcher.close()
    assert lost.returncode != 0
    assert lost.stderr.startswith(f"Error: lost the embedded FalkorDB store at {watcher.db_path}")
    assert "The cordis load stopped part-way; run it again to complete it" in lost.stderr.splitlines()[0]
    assert "interrupted: the cordis load started at" in cli(watcher.db_path, "status").stdout
    assert cli(watcher.db_path, "load", "cordis", str(generated)).returncode == 0
    store = FalkorDBStore(watcher.db_path)
    try:
        assert_same_graph(graph_of(store), reference)
    finally:
        store.close()


# -- refused before the first write ---------------------------------------------------------------------

def _with_cell(tmp_path: Path, line: int, column: str, value: str) -> Path:
    """The CORDIS fixture with `column` of `line` of organizations.csv set to `value`."""
    folder = tmp_path / "cordis"
    shutil.copytree(FIXTURES / "cordis", folder)
    path = folder / "organizations.csv"
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[line - 1][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return folder


@pytest.fixture
def loaded(keeper) -> FalkorDBStore:
    """A store holding the NUTS fixture: a refused load must leave it exactly as it was."""
    assert cli(keeper.db_path, "load", "nuts", str(FIXTURES / "nuts")).returncode == 0
    return keeper


@pytest.mark.parametrize("value, said", [
    ("OULUN\x00YLIOPISTO", "holds a NUL character (0x00) at character 6"),
    ("x" * (MAX_TEXT + 1), f"is {MAX_TEXT + 1:,} characters long"),
])
def test_text_no_store_can_hold_is_refused_with_file_line_and_column(value, said, loaded, tmp_path):
    before = graph_of(loaded)
    refused = cli(loaded.db_path, "load", "cordis", str(_with_cell(tmp_path, 2, "name", value)))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert f"organizations.csv:2 [name]: the value {said}" in refused.stderr
    assert "nothing was written" in refused.stderr
    assert_same_graph(graph_of(loaded), before)
    assert "interrupted" not in cli(loaded.db_path, "status").stdout


def test_a_nul_in_a_multi_line_cell_is_reported_on_its_own_line(tmp_path):
    folder = _with_cell(tmp_path, 2, "name", "first line\nsecond line\nthird \x00 line")
    with pytest.raises(ValidationFailed) as refused:
        from loaders.cordis import read_cordis

        read_cordis(folder)
    assert str(refused.value.problems[0]).startswith(f"{folder / 'organizations.csv'}:4 [name]: the value holds a NUL")


def test_other_control_characters_are_removed_and_counted(tmp_path):
    from loaders.cordis import read_cordis

    nodes, _, notes = read_cordis(_with_cell(tmp_path, 3, "name", "OSLO\x1a UNIVERSITETS\x07SYKEHUS HF"))
    assert "OSLO UNIVERSITETSSYKEHUS HF" in {n.name for n in nodes}
    assert ("organizations.csv: removed 2 control characters in 1 value (the first on line 3, column name); they are "
            "invisible and would stop a search from finding the text.") in notes


def test_a_lone_surrogate_in_a_json_file_is_refused_with_file_line_and_column(loaded, tmp_path):
    (tmp_path / "people.json").write_text('[\n  {"id": "p1", "name": "Ada"},\n  {"id": "p2", "name": "B\\ud800b"}\n]\n',
                                          encoding="utf-8")
    (tmp_path / "mapping.toml").write_text('name = "people"\n[[nodes]]\nfile = "people.json"\nlabel = "Person"\n'
                                           'id = "id"\nname = "name"\n', encoding="utf-8")
    before = graph_of(loaded)
    refused = cli(loaded.db_path, "load", "csv", str(tmp_path / "mapping.toml"))
    assert refused.returncode != 0 and "Traceback" not in refused.stderr
    assert "people.json:3 [name]: the value holds a lone surrogate (U+D800), which is not text" in refused.stderr
    assert_same_graph(graph_of(loaded), before)


def test_the_writer_refuses_such_text_from_any_loader_before_writing(embedded_store):
    records = [NodeRecord("Country", "SE", "Sweden", ("test",)),
               NodeRecord("Country", "NO", "Nor\ud800way", ("test",)),
               NodeRecord("Country", "DK", "Denmark", ("test",), properties={"note": "a\x00b"})]
    with pytest.raises(ValidationFailed) as refused:
        write_records(embedded_store, records, [], origin="records.json")
    said = str(refused.value)
    assert "node Country 'NO': the name holds a lone surrogate (U+D800)" in said
    assert "node Country 'DK': property 'note' holds a NUL character (0x00) at character 2" in said
    assert embedded_store.read(cypher.count_label("Country")).rows[0][0] == 0


# -- a full disk ------------------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (root may mount one; elsewhere this case cannot be made without root)."""
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0:
        pytest.fail("the disk-full case mounts a small tmpfs, which needs root: run the tests as root "
                    "(as CI does), or deselect it with -k 'not full_disk' and say so")
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)], check=True)
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_stops_the_load_with_a_clear_message_and_the_next_run_completes_it(
        small_disk, generated, reference):
    db = small_disk / "store.db"
    full = cli(db, "load", "cordis", str(generated))
    assert full.returncode != 0
    first = full.stderr.strip().splitlines()[0]
    assert first.startswith(f"Error: the disk holding the store ({db}) is full; free space and run the same "
                            "load again to complete it"), full.stderr
    assert "interrupted: the cordis load started at" in cli(db, "status").stdout

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)
    again = cli(db, "load", "cordis", str(generated))
    assert again.returncode == 0, again.stderr
    store = FalkorDBStore(db)
    try:
        assert_same_graph(graph_of(store), reference)
    finally:
        store.close()
