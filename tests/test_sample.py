"""The bundled real sample: read in place (xz), loaded whole by `load sample`, skipped on a second run."""

from __future__ import annotations

import csv
import fnmatch
import gzip
import io
import lzma
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph.settings import PROJECT_ROOT
from loaders.common import read_text
from loaders.csv_tables import read_table
from loaders.sample import SAMPLE_CORDIS, SAMPLE_DIR, SAMPLE_NUTS, sample_files
from loaders.seeds import read_seed_records
from tests.conftest import FIXTURES


def sample_rows(path):
    with lzma.open(path, "rt", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def files():
    """What the sample's files hold, read with the csv module alone."""
    projects = sample_rows(SAMPLE_CORDIS / "projects.csv.xz")
    parts = sample_rows(SAMPLE_CORDIS / "organizations.csv.xz")
    codes = {r["NUTS_ID"] for year in ("2021", "2024")
             for r in sample_rows(SAMPLE_NUTS / f"nuts{year}_label_points.csv.xz")}
    pairs = Counter((r["projectID"], r["organisationID"]) for r in parts)
    return {"projects": len({p["id"] for p in projects}), "organisations": len({r["organisationID"] for r in parts}),
            "participations": len(parts), "nuts_codes": len(codes),
            "repeated_pairs": sum(n > 1 for n in pairs.values())}


def seed_counts() -> Counter:
    """Nodes per label (extra labels included) of the seed knowledge base, which the sample loads too."""
    nodes, _ = read_seed_records()
    return Counter(label for n in nodes for label in (n.label, *n.extra_labels))


@pytest.fixture(scope="module")
def sample_env(tmp_path_factory) -> dict[str, str]:
    """The settings of one fresh store for the sample (its file and graph)."""
    folder = tmp_path_factory.mktemp("sample")
    return {"CLUSTER_EXPLORER_DB": str(folder / "store.db"), "CLUSTER_EXPLORER_GRAPH": "sample"}


@pytest.fixture(scope="module")
def sample_cli(sample_env):
    """`load sample` run twice into one fresh store through the CLI, and `status` after each."""
    env = sample_env
    runner = CliRunner()
    runs = [runner.invoke(main, args, env=env) for args in (["load", "sample"], ["status"], ["load", "sample"],
                                                             ["status"])]
    return runs


def status_counts(output: str) -> dict[str, int]:
    return {name: int(n) for name, n in re.findall(r"^  (\w+)\s+(\d+)$", output, re.M)}


def test_the_sample_holds_the_extract_as_its_source_describes(files):
    assert files == {"projects": 5768, "organisations": 21680, "participations": 69059, "nuts_codes": 2088,
                     "repeated_pairs": 130}


def test_load_sample_loads_seeds_nuts_and_the_extract(sample_cli, files):
    first, status, *_ = sample_cli
    assert first.exit_code == 0, first.output
    assert [line.split(":")[0] for line in first.output.splitlines() if not line.startswith(" ")] == \
        ["seeds", "nuts", "cordis"]
    found, seeds = status_counts(status.output), seed_counts()
    assert found["Project"] == files["projects"] + seeds["Project"] >= 5768
    assert found["Organisation"] == files["organisations"] + seeds["Organisation"] >= 21680
    assert found["PARTICIPATES_IN"] == files["participations"]
    assert found["Region"] + found["Country"] >= files["nuts_codes"]
    assert f"{files['repeated_pairs']} (project, organisation) pairs occur on more than one row" in first.output
    assert "activity counts: 21680 organisation(s) recounted" in first.output
    assert "1 is in no NUTS version loaded (e.g. FR615)" in first.output  # one code, one verb


def test_a_second_load_sample_reads_and_writes_nothing(sample_cli):
    _, status, again, status_again = sample_cli
    assert again.exit_code == 0, again.output
    skipped = [f"{source}: already loaded (same files), skipped" for source in ("seeds", "nuts", "cordis")]
    assert again.output.splitlines() == skipped
    assert status_again.output == status.output  # the same counts and the same load times: nothing was written


def test_every_cluster_of_the_sample_is_a_cluster_by_kind(sample_cli, sample_env):
    """Seed clusters and the organisations cluster detection marks: one kind, so filters, colours, counts
    and pickers (all by kind) see every one."""
    from graph.store.falkordb_store import FalkorDBStore
    from graph.views.store_views import filter_options, node_counts, search

    store = FalkorDBStore(Path(sample_env["CLUSTER_EXPLORER_DB"]), sample_env["CLUSTER_EXPLORER_GRAPH"])
    try:
        kinds = dict(store.read("MATCH (c:Cluster) RETURN c.kind AS kind, count(c) AS n").rows)
        detected = store.read("MATCH (c:Cluster) WHERE c.cluster_rule IS NOT NULL RETURN count(c)").rows[0][0]
        assert kinds == {"Cluster": 174} and detected == 150
        assert node_counts(store).kinds["Cluster"] == 174 and "Cluster" in filter_options(store).kinds
        assert [key for key, _ in search(store, "Clusters of Sweden", kinds=["Cluster"])][:1] == \
            ["Cluster:pic:888827588"]
    finally:
        store.close()


def test_compressed_files_read_as_the_plain_ones(tmp_path):
    plain = FIXTURES / "cordis" / "organizations.csv"
    (tmp_path / "organizations.csv.gz").write_bytes(gzip.compress(plain.read_bytes()))
    (tmp_path / "organizations.csv.xz").write_bytes(lzma.compress(plain.read_bytes()))
    want = read_table(plain, required=("projectID",))
    for name in ("organizations.csv.gz", "organizations.csv.xz"):
        assert read_text(tmp_path / name) == read_text(plain)
        assert read_table(tmp_path / name, required=("projectID",)).rows == want.rows


def test_a_wheel_carries_the_sample():
    config = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["loaders"]
    shipped = [p.relative_to(SAMPLE_DIR.parent).as_posix() for p in [*sample_files(), SAMPLE_DIR / "SOURCE.md"]]
    assert len(shipped) == 9
    assert [f for f in shipped if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)] == []


def test_the_sample_says_where_it_comes_from_and_on_what_terms():
    source = (SAMPLE_DIR / "SOURCE.md").read_text(encoding="utf-8")
    for needed in ("© European Union", "2011/833/EU", "© EuroGeographics for the administrative boundaries",
                   "not used for commercial purposes", "x3ro/cordis-horizon-projects-xml"):
        assert needed in source
    readme = io.StringIO((PROJECT_ROOT / "README.md").read_text(encoding="utf-8")).read()
    assert "loaders/sample_data/SOURCE.md" in readme


def test_a_sample_store_of_an_earlier_version_catches_up_when_every_load_is_skipped(sample_cli, sample_env):
    """A store loaded before the seed organisations were linked to their CORDIS records kept "Innovasjon Norge"
    as two nodes after every later `./dev run` (each load skipped): the skipped run now derives the facts again."""
    from graph.store.falkordb_store import FalkorDBStore

    store = FalkorDBStore(Path(sample_env["CLUSTER_EXPLORER_DB"]), sample_env["CLUSTER_EXPLORER_GRAPH"])
    link = "MATCH (:Organisation {id: 'pic:996614570'})-[r:SAME_AS]->(:Organisation {id: 'innovasjon-norge'}) "
    try:
        assert store.read(link + "RETURN count(r)").rows == [[1]]
        store.write(link + "DELETE r")
        store.write("MATCH (l:Load) SET l.derived_version = NULL")
        runner = CliRunner()
        caught_up, quiet = (runner.invoke(main, ["load", "sample"], env=sample_env) for _ in range(2))
        lines = caught_up.output.splitlines()
        assert caught_up.exit_code == 0, caught_up.output
        assert lines[:3] == [f"{s}: already loaded (same files), skipped" for s in ("seeds", "nuts", "cordis")]
        assert lines[3] == "  - facts derived again: the store's were made by an earlier version of the tool"
        assert any(line.startswith("  - entity resolution:") for line in lines[4:]), caught_up.output
        assert store.read(link + "RETURN count(r)").rows == [[1]]
        assert len(quiet.output.splitlines()) == 3  # stamped: the next run derives nothing
    finally:
        store.close()
