"""An own query that runs and matches nothing says so (AppTest, real embedded store): "0 rows" alone had left a
programme officer unsure whether it ran; a label the store holds none of is still named, as before."""

from __future__ import annotations

import pytest

from tests.test_app import app_store, open_page  # noqa: F401  (app_store: a fixture)
from tests.test_app_queries_adhoc import run_adhoc

pytestmark = pytest.mark.usefixtures("app_store")


def infos(at) -> str:
    return "\n".join(i.value for i in at.info)


def test_a_valid_query_matching_nothing_says_it_ran():
    at = run_adhoc(open_page("queries"), "MATCH (o:Organisation)-[:PARTICIPATES_IN]->(p:Project) "
                                         "WHERE o.country = 'XX' RETURN o.name AS name")
    said = infos(at)
    assert "The query ran and matched nothing" in said
    assert "Organisation, Project" in said and "PARTICIPATES_IN" in said


def test_a_label_the_store_lacks_is_named_instead():
    said = infos(run_adhoc(open_page("queries"), "MATCH (o:organisation) RETURN o.name AS name"))
    assert "holds no node labelled organisation (did you mean Organisation?)" in said
    assert "matched nothing" not in said
