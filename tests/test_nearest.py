"""The one "did you mean" (`graph.nearest`): its examples, the same hint for a typo wherever it is typed, and no
other `difflib` call left to drift from it."""

from __future__ import annotations

import doctest
from pathlib import Path

from graph import nearest
from loaders import mapping_spec
from queries import choices
from queries.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parents[1]


def test_the_examples_hold():
    for module in (nearest, mapping_spec, choices):
        found = doctest.testmod(module)
        assert found.attempted and found.failed == 0


def test_case_does_not_count_and_the_known_name_is_shown_as_written():
    assert nearest.nearest("ORGANIZATION", ["Cluster", "Organisation"]) == ["Organisation"]
    assert nearest.did_you_mean("Betweeness", ["betweenness", "degree"]) == " (did you mean 'betweenness'?)"
    assert nearest.nearest("", ["Cluster"]) == [] and nearest.did_you_mean(3, ["Cluster"]) == ""


def test_a_saved_query_misspelt_names_the_near_ones():
    catalogue = load_catalogue()
    try:
        catalogue.get("clusters/membres")
    except Exception as e:  # noqa: BLE001 - the message is what is checked
        assert "did you mean clusters/members" in str(e)
    else:
        raise AssertionError("a misspelt query name was found")


def test_no_other_module_asks_difflib_on_its_own():
    """Each hint had its own `difflib` call, folding case or not, with its own cutoff; the same typo got a hint in one
    place and none in another. The mapping checker's near-misses (two names, its own ratio) are the one other."""
    callers = sorted(str(path.relative_to(ROOT)) for folder in ("graph", "loaders", "queries", "cli", "app_pages")
                     for path in (ROOT / folder).rglob("*.py") if "difflib" in path.read_text(encoding="utf-8"))
    assert callers == ["graph/nearest.py", "loaders/mapping_contract.py"]
