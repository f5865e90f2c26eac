"""A filter's choices as shown, on the real embedded store: the name and the id, or the name alone when it is the id.
The participation preset names a programme by its cell (id and name `COIN`), and Explore's Programme filter had
offered `COIN (COIN)` (tests/fixtures/austrian_clusters/)."""

from __future__ import annotations

from graph.views.formatting import choice_label
from graph.views.store_views import filter_options
from loaders.pipeline import run_load
from tests.conftest import FIXTURES


def test_a_name_that_is_its_id_is_shown_once():
    assert choice_label("COIN", "COIN") == "COIN"
    assert choice_label("Climate, Energy and Mobility", "HORIZON.2.5") == "Climate, Energy and Mobility (HORIZON.2.5)"
    assert choice_label(None, "arena") == "arena"


def test_a_users_programmes_are_offered_by_their_names(embedded_store):
    run_load(embedded_store, "csv", FIXTURES / "austrian_clusters" / "foerderungen.toml")
    programmes = dict(filter_options(embedded_store).programmes)
    assert programmes["Programme:COIN"] == "COIN"
    assert programmes["Programme:Produktion der Zukunft"] == "Produktion der Zukunft"
