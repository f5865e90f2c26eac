"""Every shipped query says what an empty answer means, and how to add what it reads (`// empty:`): a French try-out's
`labels/valid-on` had printed its header alone, its store's labels having no award date. Real parts: the shipped
library, the seed data loaded by the CLI into a graph of its own."""

from __future__ import annotations

import pytest

from queries.catalogue import load_catalogue
from tests.cli_invoke import cli_env, invoke


def test_every_shipped_query_says_what_an_empty_answer_means():
    catalogue = load_catalogue()
    silent = sorted(name for name, query in catalogue.queries.items() if query.origin == "shipped" and not query.empty)
    assert silent == []


@pytest.fixture(scope="module")
def seeds(embedded_server):
    env = cli_env(embedded_server, "query_empty_texts")
    assert invoke(env, "load", "seeds").exit_code == 0
    return env


def test_valid_on_a_day_before_any_award_says_only_dated_awards_count(seeds):
    ran = invoke(seeds, "queries", "run", "labels/valid-on", "-p", "on=1990-01-01")
    assert ran.exit_code == 0, ran.stderr
    assert "No cluster holds a label of that level on that day. Only awards with a date count" in ran.stderr
