"""Your own saved queries live beside the store you chose, unless you name a folder.

The Nordic try-out: with `CLUSTER_EXPLORER_DB=/tmp/...` the Queries page said "Save it into your queries folder
(/work/tryout/data/queries)", the checkout's, away from the store. Now `queries/` beside the store file is the
folder when `CLUSTER_EXPLORER_QUERIES` (or `--queries-dir`) is not set; the CLI and the app agree. Real files in
tmp_path, the real embedded store, the CLI in-process and the app by AppTest.
"""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.cli_invoke import ROOT, cli_env, invoke

MINE = "// title: My members by region\nMATCH (c:Cluster) RETURN c.name AS name\n"


def test_the_cli_reads_your_queries_from_beside_the_store_given_by_db(tmp_path):
    db = tmp_path / "stores" / "fi.db"
    (db.parent / "queries" / "mine").mkdir(parents=True)
    (db.parent / "queries" / "mine" / "members.cypher").write_text(MINE, encoding="utf-8")
    env = cli_env(tmp_path / "elsewhere" / "other.db")  # the environment names another store; --db wins
    listed = invoke(env, "--db", str(db), "queries", "list")
    assert listed.exit_code == 0, listed.stderr
    assert "mine/members" in listed.stdout
    named = invoke(env, "--db", str(db), "--queries-dir", str(tmp_path / "own"), "queries", "list")
    assert "mine/members" not in named.stdout  # a folder you name is the one read


def _queries_page(embedded_server, monkeypatch) -> AppTest:
    """The Queries page of the app opened on the session's store, with no queries folder set."""
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.delenv("CLUSTER_EXPLORER_QUERIES", raising=False)
    monkeypatch.setenv("CLUSTER_EXPLORER_DB", str(embedded_server))
    monkeypatch.setenv("CLUSTER_EXPLORER_GRAPH", "queries_folder_beside")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("app_pages/queries.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_queries_page_saves_beside_the_store_the_app_opened(embedded_server, monkeypatch):
    try:
        at = _queries_page(embedded_server, monkeypatch)
        assert f"Save it into your queries folder (`{embedded_server.parent / 'queries'}`), with the parameters " \
               "above." in [c.value for c in at.caption]
    finally:
        st.cache_resource.clear()


def _old_folder_with_three_queries(tmp_path, monkeypatch):
    """The checkout's old data/queries (in tmp_path: the real one is the developer's) holding three queries."""
    old = tmp_path / "checkout" / "data" / "queries"
    (old / "mine").mkdir(parents=True)
    for name in ("members", "partners", "regions"):
        (old / "mine" / f"{name}.cypher").write_text(MINE, encoding="utf-8")
    monkeypatch.setattr("queries.old_folder.OLD_QUERIES_DIR", old)
    return old


def test_queries_list_says_once_which_of_your_queries_the_old_data_queries_holds(tmp_path, monkeypatch):
    """Queries saved in the checkout's data/queries were not listed for a store elsewhere, and nothing said so."""
    old = _old_folder_with_three_queries(tmp_path, monkeypatch)
    db = tmp_path / "stores" / "fi.db"
    (db.parent / "queries" / "mine").mkdir(parents=True)
    (db.parent / "queries" / "mine" / "members.cypher").write_text(MINE, encoding="utf-8")
    listed = invoke(cli_env(db), "queries", "list")
    assert listed.exit_code == 0, listed.stderr
    said = [line for line in listed.stderr.splitlines() if "of your queries" in line]
    assert said == [f"note: 2 of your queries are in {old}, which this store does not read: move them to "
                    f"{db.parent / 'queries'} or set CLUSTER_EXPLORER_QUERIES={old}"]
    named = invoke(cli_env(db, queries=old), "queries", "list")  # the old folder named: nothing left behind
    assert "of your queries" not in named.stderr and "mine/partners" in named.stdout


def test_the_queries_page_says_which_of_your_queries_the_old_data_queries_holds(embedded_server, tmp_path,
                                                                                 monkeypatch):
    old = _old_folder_with_three_queries(tmp_path, monkeypatch)
    try:
        at = _queries_page(embedded_server, monkeypatch)
        notes = [i.value for i in at.info if "of your queries" in i.value]
        assert len(notes) == 1 and notes[0].startswith("3 of your queries are in ") and str(old.name) in notes[0]
        assert "move them to" in notes[0] and "CLUSTER\\_EXPLORER\\_QUERIES=" in notes[0]
    finally:
        st.cache_resource.clear()
