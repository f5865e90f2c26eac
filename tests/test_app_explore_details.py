"""Explore's details panel on the seeded app store (AppTest)."""

from __future__ import annotations

from tests.test_app import app_store, open_page  # noqa: F401  (app_store is a fixture)


def test_explore_details_give_a_long_value_in_full_under_the_table(app_store):  # noqa: F811
    """The browser try-out: a description longer than the table's cell was cut ("... an ambitious ind…")."""
    from loaders.seeds import read_seed_records

    seeded = read_seed_records()
    nodes = seeded[0] if isinstance(seeded, tuple) else seeded.nodes
    description = next(n.properties["description"] for n in nodes if n.id == "european-commission")
    at = open_page("explore", explore_focus="Organisation:european-commission")
    assert len(description) > 80
    assert any(c.value.replace("\\", "") == f"**description**: {description}" for c in at.caption), [
        c.value for c in at.caption]
