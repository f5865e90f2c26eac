"""The Overview's cards count the projects beside the organisations (AppTest, real embedded store): the sample's
5,769 projects had been in the chart alone, with no card."""

from __future__ import annotations

from graph.store.cypher import count_label
from tests.test_app import app_store, open_page  # noqa: F401  (app_store is a fixture)


def test_the_overview_counts_the_projects(app_store):  # noqa: F811
    cards = {m.label: m.value for m in open_page().metric}
    held = app_store.read(count_label("Project")).rows[0][0]
    assert held > 0 and cards["Projects"] == f"{held:,}"
