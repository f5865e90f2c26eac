"""A re-load of a newer CORDIS export ends as the export alone would have made it, the places its first load made
included: the regions and countries the store holds are not written again (`loaders.nuts.keep_stored_places`), and
were then taken for records the new files no longer give (the generic loader's case, mended by the try-out).

Real loads of tmp copies of tests/fixtures/cordis (one project and its participations left out of the newer one)
into real graphs; stores compared whole (`tests.test_unload._state`)."""

from __future__ import annotations

import shutil

from loaders.pipeline import run_load
from tests.conftest import FIXTURES
from tests.test_unload import _state
from tests.test_unload_shared import alone  # noqa: F401  (a fixture: a second empty graph)

DROPPED = "101039110"  # UNIFY: its rows go from projects.csv and organizations.csv


def _newer(folder):
    shutil.copytree(FIXTURES / "cordis", folder)
    for name in ("projects.csv", "organizations.csv", "project_euroscivoc.csv", "project_topics.csv",
                 "project_legal_basis.csv"):
        lines = (folder / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text("".join(line for line in lines if not line.startswith(DROPPED)),
                                   encoding="utf-8")
    return folder


def test_a_newer_export_reloaded_ends_as_it_alone(embedded_store, alone, tmp_path):  # noqa: F811
    newer = _newer(tmp_path / "newer")
    run_load(alone, "cordis", newer)
    run_load(embedded_store, "cordis", FIXTURES / "cordis")
    report = run_load(embedded_store, "cordis", newer)
    assert _state(embedded_store) == _state(alone)
    said = " ".join(report.load.notes)
    assert "no longer in" in said  # the project that went is said
