"""The load log's tables (Overview's *Sources loaded*, the Data page's *Loaded*) are headed in words and write their
counts with thousands marks, as every other page does; they had shown `loaded_at` and 30255."""

from __future__ import annotations

import json

from tests.test_app import app_store, open_page  # noqa: F401  (app_store is a fixture)


def _headings(at) -> dict:
    """The column configuration of the page's table of the load log (the one with a `loaded_at` column)."""
    return next(json.loads(d.proto.columns) for d in at.dataframe if "loaded_at" in d.value.columns)


def test_the_overview_and_data_pages_head_the_log_in_words(app_store):  # noqa: F811
    for page in (None, "data"):
        at = open_page(page)
        assert not at.exception, [e.value for e in at.exception]
        columns = _headings(at)
        assert columns["loaded_at"]["label"] == "Loaded" and columns["source"]["label"] == "Source"
        assert columns["nodes"]["type_config"]["format"] == "localized"


def test_the_overviews_caption_names_the_column_as_headed(app_store):  # noqa: F811
    """The caption had named `loaded_at`, a column headed *Loaded*."""
    said = " ".join(c.value for c in open_page().caption if "A load is complete" in c.value)
    assert "*Loaded*" in said and "loaded_at" not in said
