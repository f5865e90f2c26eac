"""`unload SOURCE`: what only that load brought leaves the store, what others brought too stays, and the store
is as it was before the load; a stopped unload finishes when run again; a re-load after it loads again.

Real loads into real graphs of the session's embedded server; stores compared whole (`snapshot`), the load
log apart (its entries carry times).
"""

from __future__ import annotations

import pytest

from graph.errors import ClusterExplorerError
from graph.store import unload
from graph.store.reads import counts, to_networkx
from loaders.pipeline import run_load, run_unload
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES
from tests.generic_files import EXAMPLE, write_files

PARTICIPATION = FIXTURES / "participation" / "mapping.toml"


def _state(store) -> tuple:
    """Every node and relationship with its properties, the load log left out."""
    graph = to_networkx(store)
    nodes = sorted(repr((node, sorted(data.items()))) for node, data in graph.nodes(data=True)
                   if not node.startswith("Load:"))
    edges = sorted(repr((*edge, sorted(data.items()))) for *edge, data in graph.edges(keys=True, data=True))
    labels, types = counts(store)
    return {k: v for k, v in labels.items() if k != "Load"}, types, nodes, edges


@pytest.fixture
def seeded(embedded_store):
    run_load(embedded_store, "seeds")
    return embedded_store


@pytest.mark.parametrize("mapping", [PARTICIPATION, EXAMPLE], ids=["participation table", "members over seeds"])
def test_unloading_a_users_files_gives_back_the_store_as_it_was(seeded, mapping):
    before = _state(seeded)
    run_load(seeded, "csv", mapping)
    assert _state(seeded) != before
    name = "user:" + mapping.read_text(encoding="utf-8").split('name = "', 1)[1].split('"', 1)[0]
    said = []
    summary, _ = run_unload(seeded, name, progress=lambda done, total: said.append((done, total)))
    assert said[:12] == [(step, 12) for step in range(1, 13)]  # each step, then the compaction's own
    assert summary.nodes_removed > 0 and summary.relationships_removed > 0
    assert _state(seeded) == before
    assert name not in {row[0] for row in seeded.read("MATCH (l:Load) RETURN l.source").rows}


def test_what_another_load_brought_too_keeps_that_loads_sources(seeded):
    run_load(seeded, "csv", EXAMPLE)  # the members example names two seed clusters again
    summary, _ = run_unload(seeded, "seeds")
    assert summary.nodes_kept >= 2
    kept = seeded.read("MATCH (c:Cluster) RETURN c.id, c.sources ORDER BY c.id").rows
    assert kept and all(sources and not any(s.startswith("seed:") for s in sources) for _, sources in kept)
    assert not seeded.read("MATCH (n) WHERE any(s IN n.sources WHERE s STARTS WITH 'seed:') RETURN n LIMIT 1").rows


def test_a_stopped_unload_finishes_when_run_again(seeded):
    before = _state(seeded)
    run_load(seeded, "csv", PARTICIPATION)
    params = {"prefix": unload.source_prefix("user:tildelinger"), "source": "user:tildelinger", "batch": 100,
              "nested": []}
    seeded.write(unload.only_from("relationships"), params)  # stopped after one batch of its first step
    assert "user:tildelinger" in {row[0] for row in seeded.read("MATCH (l:Load) RETURN l.source").rows}
    run_unload(seeded, "user:tildelinger")
    assert _state(seeded) == before


def test_a_source_reloads_after_its_unload(embedded_store):
    run_load(embedded_store, "nuts", FIXTURES / "nuts", skip_loaded=True)
    loaded = counts(embedded_store)
    run_unload(embedded_store, "nuts")
    assert counts(embedded_store)[0].get("Region", 0) == 0
    again = run_load(embedded_store, "nuts", FIXTURES / "nuts", skip_loaded=True)
    assert not again.skipped and counts(embedded_store) == loaded


def test_an_unknown_source_is_named_with_the_loaded_ones(seeded):
    with pytest.raises(ClusterExplorerError, match=r"the load log holds no load 'user:nope'; loaded: seeds$"):
        run_unload(seeded, "user:nope")


def test_the_cli_asks_first_and_an_answer_of_no_changes_nothing(embedded_server):
    env = cli_env(embedded_server, "unload_cli")
    assert invoke(env, "load", "csv", str(PARTICIPATION)).exit_code == 0
    before = invoke(env, "status").stdout
    refused = invoke(env, "unload", "user:tildelinger")  # no input: the answer is no
    assert refused.exit_code == 1 and "Remove what user:tildelinger brought" in refused.stderr
    assert "wrote 163 nodes and 384 relationships. Remove" in refused.stderr  # the load it takes out, its size
    assert invoke(env, "status").stdout == before
    done = invoke(env, "unload", "user:tildelinger", "--yes")
    assert done.exit_code == 0, done.stderr
    assert done.stdout.startswith("user:tildelinger: 163 nodes and 384 relationships removed; 0 nodes")
    after = invoke(env, "status").stdout  # the entity-resolution rule's own record is all that stays
    assert after.split("\n", 1)[1] == "nodes:\n  Source                1\n"


def test_every_store_takes_a_load_out_with_the_same_statements(any_store):
    """The store contract: the embedded store always, Neo4j when NEO4J_URI is set (skipped, and saying so,
    otherwise)."""
    run_load(any_store, "seeds")
    before = _state(any_store)
    run_load(any_store, "csv", EXAMPLE)
    summary, _ = run_unload(any_store, "user:members")
    assert summary.relationships_removed == 11 and summary.nodes_kept == 2
    assert _state(any_store) == before


def _orgs_mapping(folder, name: str, rows: str):
    """A table of organisations named `name`, placed in its national regions of Norway."""
    (folder / name).mkdir()
    return write_files(folder / name, {
        "mapping.toml": f'name = "{name}"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\nid = "nr"\n'
                        'name = "navn"\nlocated_in = { region = "fylke", country = { value = "NO" } }\n',
        "orgs.csv": "nr;navn;fylke\n" + rows})


def test_a_place_one_load_made_and_another_load_uses_stays_with_the_other_load(embedded_store, tmp_path):
    """A grants table made the region; an organisations table placed its rows there without bringing it again.
    Unloading the grants kept the region (the organisations' now) and their LOCATED_IN; unloading both leaves
    only the entity-resolution rule's own record."""
    run_load(embedded_store, "csv", _orgs_mapping(tmp_path, "grants", "1;Fjordlab AS;Hedmark\n"))
    run_load(embedded_store, "csv", _orgs_mapping(tmp_path, "orgs", "2;Yara Norge AS;Hedmark\n"))
    summary, _ = run_unload(embedded_store, "user:grants")
    graph = to_networkx(embedded_store)
    assert "Organisation:1" not in graph and summary.nodes_removed == 2  # and the load's Source record
    assert graph.has_edge("Organisation:2", "Region:NO-Hedmark", "LOCATED_IN:")
    assert graph.has_edge("Region:NO-Hedmark", "Country:NO", "PART_OF:")  # a kept region keeps its country
    assert {graph.nodes[place]["sources"][0] for place in ("Region:NO-Hedmark", "Country:NO")} == {
        "user:orgs/orgs.csv"}
    assert (summary.nodes_kept, summary.relationships_kept) == (2, 1)
    run_unload(embedded_store, "user:orgs")
    assert _state(embedded_store)[:2] == ({"Source": 1}, {})


def test_a_matched_load_unloaded_and_loaded_again_gives_its_files_back_to_the_nodes(seeded, tmp_path):
    """The unload takes away the values a list set on the seeds' clusters; the re-load (when the unload left
    them) found them unchanged by their digest and never gave the list's file back to their sources."""
    mapping = write_files(tmp_path, {
        "mapping.toml": 'name = "list"\n[[nodes]]\nfile = "list.csv"\nlabel = "Cluster"\nid = "name"\nname = "name"\n'
                        'match = "name"\n[nodes.properties]\nurl = "url"\n',
        "list.csv": "name;url\nAutomation Region;https://automationregion.example\n"})
    run_load(seeded, "csv", mapping)
    loaded = _state(seeded)
    run_unload(seeded, "user:list")
    [[sources, url]] = seeded.read("MATCH (c:Cluster {id: 'automation-region'}) RETURN c.sources, c.url").rows
    assert "user:list/list.csv" not in sources and url is None
    again = run_load(seeded, "csv", mapping)
    assert again.summary.updated >= 1
    [[sources]] = seeded.read("MATCH (c:Cluster {id: 'automation-region'}) RETURN c.sources").rows
    assert "user:list/list.csv" in sources
    assert _state(seeded) == loaded
    rerun = run_load(seeded, "csv", mapping).summary
    assert (rerun.created, rerun.updated) == (0, 0)  # a re-run: unchanged


def test_the_question_names_every_load_of_the_source_that_goes(embedded_server):
    """Two CORDIS loads (the sample, then an archive) share the source `cordis`: `unload cordis` takes both, and
    the question had said only "what cordis brought"."""
    from graph.store.falkordb_store import FalkorDBStore
    from graph.store.records import NodeRecord
    from graph.store.writer import write_records

    store = FalkorDBStore(embedded_server, "unload_two_loads")
    try:
        store.clear()
        write_records(store, [NodeRecord("Load", f"cordis@{at}", "cordis", ("cordis",), properties={
            "source": "cordis", "checksum": at, "status": "complete", "started_at": at, "loaded_at": at,
            "nodes": nodes, "relationships": 1}) for at, nodes in (("2026-01-01T10:00:00", 31372),
                                                                   ("2026-02-01T10:00:00", 2000))], [])
        asked = invoke(cli_env(embedded_server, "unload_two_loads"), "unload", "cordis")
        assert asked.exit_code == 1
        assert ("The log holds 2 loads of cordis, and all of them go (2026-02-01T10:00:00: 2000 nodes; "
                "2026-01-01T10:00:00: 31372 nodes).") in asked.stderr
    finally:
        store.clear()
        store.close()



def test_an_unknown_source_is_refused_before_the_question_with_the_user_name_meant(embedded_server):
    """`unload tildelinger` asked "Remove what tildelinger brought ...?" and said only after a yes that the log
    holds no such load; the user's files are `user:tildelinger`."""
    env = cli_env(embedded_server, "unload_unknown")
    assert invoke(env, "load", "csv", str(PARTICIPATION)).exit_code == 0
    before = invoke(env, "status").stdout
    refused = invoke(env, "unload", "tildelinger")
    assert refused.exit_code == 1 and "Remove what" not in refused.stderr
    assert refused.stderr.strip() == ("Error: the load log holds no load 'tildelinger' (did you mean "
                                      "user:tildelinger?); loaded: user:tildelinger")
    assert invoke(env, "status").stdout == before
    for typed in ("User:Tildelinger", "TILDELINGER"):  # another case: named, not guessed (it had named the loads alone)
        refused = invoke(env, "unload", typed, "--yes")
        assert refused.exit_code == 1
        assert refused.stderr.strip() == (f"Error: the load log holds no load '{typed}' (did you mean "
                                          "user:tildelinger?); loaded: user:tildelinger")
    assert invoke(env, "status").stdout == before
    assert invoke(env, "unload", "user:tildelinger", "--yes").exit_code == 0


def test_unloading_the_seeds_after_nuts_gives_back_the_store_of_nuts_alone(embedded_store):
    """The seeds link some NUTS regions straight to their country (DE300 -> DE); NUTS links them to their parent
    region only. `unload seeds` kept those links, credited to NUTS, so the store never matched NUTS alone again;
    and the properties the seeds set on NUTS's nodes (a country's `aliases`) stayed."""
    run_load(embedded_store, "nuts", FIXTURES / "nuts")
    nuts_alone = _state(embedded_store)
    run_load(embedded_store, "seeds")
    assert _state(embedded_store)[2] != nuts_alone[2]  # the seeds gave NUTS's countries values of their own
    run_unload(embedded_store, "seeds")
    assert _state(embedded_store) == nuts_alone


def test_the_unload_summary_counts_whole_nodes(embedded_store):
    """`unload nuts` after the seeds said "2,728.0 nodes kept": a step's count came back as a float (a sum())."""
    import dataclasses

    run_load(embedded_store, "seeds")
    run_load(embedded_store, "nuts", FIXTURES / "nuts")
    summary, _ = run_unload(embedded_store, "nuts")
    counts = {f.name: getattr(summary, f.name) for f in dataclasses.fields(summary) if f.type in ("int", int)}
    assert counts["nodes_kept"] > 0 and all(type(value) is int for value in counts.values()), counts
