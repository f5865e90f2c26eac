"""A coarser NUTS region a table named, held back while another load has the node in a finer one inside it, is
given back when that load is unloaded: a Danish grants table naming Syddanmark (DK03) for an organisation a register
placed in DK031. Real loads into the embedded store, real files."""

from __future__ import annotations

from graph.store.reads import to_networkx
from loaders.pipeline import run_load, run_unload
from tests.test_tryout_danish_tables import _places, _table


def test_unloading_the_finer_region_s_load_gives_back_the_region_the_table_named(embedded_store, tmp_path):
    """Unloading the register had left Blue Ocean Robotics placed nowhere, where the grants table alone put it in
    Syddanmark (DK03): only a held-back country link was remembered."""
    run_load(embedded_store, "csv", _table(tmp_path, "register", "pic:1;BLUE OCEAN ROBOTICS APS;DK031\n"))
    run_load(embedded_store, "csv", _table(tmp_path, "grants", "pic:1;Blue Ocean Robotics ApS;DK03\n"))
    assert _places(embedded_store, "Organisation:pic:1") == {"Region:DK031"}
    summary, _ = run_unload(embedded_store, "user:register")
    assert summary.places_given_back == 1
    assert _places(embedded_store, "Organisation:pic:1") == {"Region:DK03"}
    graph = to_networkx(embedded_store)
    assert graph.nodes["Organisation:pic:1"]["nuts_code"] == "DK03"
    assert "Region:DK031" not in graph and list(graph.out_edges("Region:DK03"))  # the region stays, in its country


def test_a_third_load_s_finer_region_keeps_holding_the_region_back(embedded_store, tmp_path):
    """Two loads place the organisation in DK031: unloading one leaves the node in DK031 alone."""
    run_load(embedded_store, "csv", _table(tmp_path, "register", "pic:1;BLUE OCEAN ROBOTICS APS;DK031\n"))
    run_load(embedded_store, "csv", _table(tmp_path, "other", "pic:1;Blue Ocean Robotics;DK031\n"))
    run_load(embedded_store, "csv", _table(tmp_path, "grants", "pic:1;Blue Ocean Robotics ApS;DK03\n"))
    summary, _ = run_unload(embedded_store, "user:register")
    assert summary.places_given_back == 0
    assert _places(embedded_store, "Organisation:pic:1") == {"Region:DK031"}
    assert to_networkx(embedded_store).nodes["Organisation:pic:1"]["nuts_code"] == "DK031"
