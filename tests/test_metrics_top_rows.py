"""The Metrics page's Top-15 chart and *Find in the ranking* table (app_pages/metrics_rank.py).

The chart took `nlargest(15)`, which cut through a tie: nodes as high as the last one drawn were left out, and which
of them was drawn depended on the table's order. The found rows came as name, key, places, the other way round
from the ranking table above them (place, key, name).
"""

from __future__ import annotations

import pandas as pd

from app_pages.metrics_rank import found_table, top_rows


def _table(values: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"key": [f"Organisation:{i}" for i in range(len(values))],
                         "name": [f"org {i}" for i in range(len(values))], "degree": values})


def test_nodes_tied_with_the_last_are_drawn_too():
    rows, caption = top_rows(_table([20 - i for i in range(14)] + [3.0] * 4 + [1.0] * 10), "degree")
    assert len(rows) == 18 and set(rows["degree"].iloc[-4:]) == {3.0}
    assert caption == "Top 15 by degree, with the 3 tied with the last"


def test_a_tie_too_large_to_draw_is_counted_in_the_caption():
    rows, caption = top_rows(_table([9.0, 8.0] + [2.0] * 100), "degree")
    assert len(rows) == 15
    assert caption == "Top 15 by degree (87 more share the last one's value, 2)"


def test_without_a_tie_or_with_few_nodes_the_caption_is_plain():
    assert top_rows(_table([float(i) for i in range(40)]), "degree")[1] == "Top 15 by degree"
    rows, caption = top_rows(_table([1.0, None, 3.0]), "degree")
    assert list(rows["degree"]) == [3.0, 1.0] and caption == "Top 2 by degree"


def test_found_rows_take_the_ranking_tables_column_order():
    found = [("Cluster:a", "A", {"degree": "1 of 9", "pagerank": "3 of 9"})]
    assert list(found_table(found, "pagerank").columns) == ["place by pagerank", "key", "name", "place by degree"]
