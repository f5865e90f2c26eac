"""What the tests of interrupted loads share: a generated CORDIS folder big enough to be stopped half-way,
the graph of its uninterrupted load, the command line run on a store, and a load killed at a chosen point.

Real processes and real files: the command line loads the folder and is killed with SIGKILL when the store's
counts pass a point (`kill_when`); the store is held open by the test (`keeper`) so its server outlives the kill.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from graph.store import cypher
from graph.store.falkordb_store import FalkorDBStore
from graph.store.reads import to_networkx

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
    return graph_of_a_load(tmp_path_factory.mktemp("reference") / "store.db", generated)


def graph_of_a_load(db: Path, folder: Path) -> nx.MultiDiGraph:
    """The graph of `load cordis folder` by the command line into a new store at `db`."""
    done = cli(db, "load", "cordis", str(folder))
    assert done.returncode == 0, done.stderr
    store = FalkorDBStore(db)
    try:
        return graph_of(store)
    finally:
        store.close()


def kill_when(store: FalkorDBStore, folder: Path, condition: Callable[[Callable[[str], int]], bool], *,
              server: bool = False, command: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """Start `load cordis` into `store` (or the CLI `command`, e.g. an unload) and SIGKILL it (or, with `server`,
    the database server) as soon as `condition(count)` holds, `count(name)` being the store's number of nodes of
    a label or relationships of a type."""
    def count(what: str) -> int:
        is_label = not what.isupper()
        return store.read(cypher.count_label(what) if is_label else cypher.count_rel_type(what)).rows[0][0]

    args = [sys.executable, "-m", "cli", *(command or ("load", "cordis", str(folder)))]
    load = subprocess.Popen(args, cwd=ROOT, env=_env(store.db_path), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        while not condition(count):
            assert load.poll() is None, "the command finished before it could be interrupted"
            time.sleep(0.005)  # polling the store's counts: the wait is on the condition
    finally:
        if server:
            os.kill(store.server_pid, signal.SIGKILL)
        else:
            load.send_signal(signal.SIGKILL)
        out, err = load.communicate(timeout=300)
    return subprocess.CompletedProcess(args, load.returncode, out, err)
