"""Ctrl-C during a load says what it left and what finishes it (click said only "Aborted!"), and a command that
only reads, given a store in a folder that does not exist (a mistyped `--db`), stops instead of making the folder
and an empty store. Real processes: the generated CORDIS folder of tests/killed_loads.py, a real SIGINT."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest

from tests import killed_loads
from tests.killed_loads import ROOT, _env, cli

generated, keeper = killed_loads.generated, killed_loads.keeper


def test_ctrl_c_during_a_load_says_the_next_run_completes_it(generated, keeper):
    args = [sys.executable, "-m", "cli", "load", "cordis", str(generated)]
    # SIGINT's default restored: a shell's background job inherits it ignored, and Python then never sees it
    load = subprocess.Popen(args, cwd=ROOT, env=_env(keeper.db_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        while not keeper.read("MATCH (o:Organisation) RETURN count(o)").rows[0][0]:
            assert load.poll() is None, "the load finished before it could be interrupted"
            time.sleep(0.005)
    finally:
        load.send_signal(signal.SIGINT)
        _, err = load.communicate(timeout=300)
    # 130 as the CLI exits, or killed by SIGINT itself, which a shell reports as 130 too: once in a fresh-clone CI
    # the process printed the message below and then ended by the signal (a KeyboardInterrupt during its exit)
    assert load.returncode in (130, -signal.SIGINT), err
    assert err.rstrip().endswith("Stopped (Ctrl-C): the load did not finish; `cluster-explorer status` names it, and "
                                 "running the same load again completes it (nothing it wrote is lost)"), err
    assert "Traceback" not in err and "Aborted!" not in err
    assert "interrupted: the cordis load started at" in cli(keeper.db_path, "status").stdout


def test_a_reading_command_on_a_store_in_a_missing_folder_stops(tmp_path):
    db = tmp_path / "no-such-folder" / "store.db"
    for args in (("status",), ("queries", "run", "labels/holders"), ("recommend", "--for", "x")):
        done = cli(db, *args)
        assert done.returncode == 1
        assert done.stderr.strip() == (f"Error: no store at {db}: the folder {db.parent} does not exist. Check --db "
                                       "(or CLUSTER_EXPLORER_DB); a load makes a new store")
    assert not db.parent.exists()


def test_a_load_that_lost_its_server_says_how_it_completes():
    """A write of the load log or the derived facts cut off by a lost server said only "this write was not
    confirmed"; a load's error now says how to complete it, unless the error says so itself (`finished_by`). That
    was read from the words " again" in the message, which "(it was started again)" has too: no advice then."""
    import click
    from click.testing import CliRunner

    from cli.main import OneLineErrors
    from graph.errors import DiskFull, StoreUnavailable, finished_by

    @click.group(cls=OneLineErrors)
    def group() -> None:
        pass

    @group.command("load")
    @click.argument("message")
    @click.option("--said", is_flag=True)
    @click.option("--full", is_flag=True)
    def load(message: str, said: bool, full: bool) -> None:
        raise DiskFull(message) if full else finished_by(StoreUnavailable(message)) if said else \
            StoreUnavailable(message)

    advice = ("; the load did not finish; `cluster-explorer status` names it, and running the same load again "
              "completes it (nothing it wrote is lost)")
    for message in ("lost the store: its server had stopped; this write was not confirmed",
                    "lost the store: its server had stopped (it was started again); this write was not confirmed"):
        lost = CliRunner().invoke(group, ["load", message])
        assert lost.exit_code == 1
        assert lost.output.strip() == f"Error: {message}{advice}"
    told = "lost the store; the cordis load stopped part-way; run it again"
    assert CliRunner().invoke(group, ["load", "--said", told]).output.strip() == f"Error: {told}"
    full = CliRunner().invoke(group, ["load", "--full", "the disk is full; free space and run the same load again"])
    assert full.output.strip() == "Error: the disk is full; free space and run the same load again"


def test_ctrl_c_during_the_compaction_after_a_load_leaves_it_complete_and_says_so(tmp_path, monkeypatch):
    """The compaction runs after the complete marks: Ctrl-C there said "the load did not finish" while `status`
    named nothing unfinished and a re-run skipped everything. The Ctrl-C is made where the rewrite is asked for
    (the window is too short to hit with a signal from outside); the store and the load are real."""
    import click
    from click.testing import CliRunner

    from cli.main import OneLineErrors
    from graph.errors import StoppedAfterCompletion
    from graph.store import falkordb_store
    from graph.store.falkordb_store import FalkorDBStore
    from graph.store.load_log import interrupted_loads
    from graph.store.reads import last_loads
    from loaders.pipeline import run_load

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt

    store = FalkorDBStore(tmp_path / "store.db")
    try:
        store.setup_schema()
        monkeypatch.setattr(falkordb_store, "rewrite_append_only", stopped)
        with pytest.raises(StoppedAfterCompletion):
            run_load(store, "seeds")
        loads = last_loads(store)
        assert [e["status"] for e in loads] == ["complete"] and interrupted_loads(loads) == []
    finally:
        store.close()

    @click.group(cls=OneLineErrors)
    def group() -> None:
        pass

    @group.command("load")
    def load() -> None:
        raise StoppedAfterCompletion

    said = CliRunner().invoke(group, ["load"])
    assert said.exit_code == 130
    assert said.output.strip() == ("Stopped (Ctrl-C): the load had completed; only the compaction of the store's "
                                   "files was stopped, and nothing is lost or left to do")
