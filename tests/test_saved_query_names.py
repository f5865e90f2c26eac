"""A saved query's name becomes folders and a file: words and slashes only, each part short, and a file that
cannot be written is refused in one line (`queries.runner.save_user_query`), never an OSError's traceback.
"""

from __future__ import annotations

import pytest

from graph.errors import ParameterError
from queries.catalogue import load_catalogue
from queries.runner import NAME_PART_MAX, query_name_problem, save_user_query

CYPHER = "MATCH (c:Cluster) RETURN c.name AS name"


@pytest.mark.parametrize("name", ["mine/partners", "mine/2024/småland_clusters", "a-b/c_d", "x" * NAME_PART_MAX])
def test_words_separated_by_slashes_are_a_name(name):
    assert query_name_problem(name) is None


@pytest.mark.parametrize(("name", "said"), [
    ("", "give the query a name"),
    ("   ", "give the query a name"),
    ("x/<script>alert(1)</script>", "is not a query name; use words (letters, digits, - and _)"),
    ("mine/two words", "is not a query name"),
    ("../outside", "is not a query name"),
    ("/mine/abs", "is not a query name"),
    ("mine//double", "is not a query name"),
    ("mine/x.cypher", "is not a query name"),
    ("mine/" + "a" * (NAME_PART_MAX + 1), f"a query name's part is at most {NAME_PART_MAX} characters"),
])
def test_anything_else_is_refused_saying_why(name, said):
    assert said in (query_name_problem(name) or "")


def test_a_refused_name_writes_nothing(tmp_path):
    for name in ("mine/" + "a" * 300, "x/<script>alert(1)</script>"):
        with pytest.raises(ParameterError, match="query name"):
            save_user_query(tmp_path, name, CYPHER, "Too odd")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_that_cannot_be_written_is_refused_in_one_line(tmp_path):
    not_a_folder = tmp_path / "queries"
    not_a_folder.write_text("a file where the queries folder should be", encoding="utf-8")
    with pytest.raises(ParameterError, match="could not be written") as refused:
        save_user_query(not_a_folder, "mine/clusters", CYPHER, "Clusters")
    assert "\n" not in str(refused.value) and str(not_a_folder) in str(refused.value)


def test_a_good_name_is_saved_and_loaded_under_that_name(tmp_path):
    path = save_user_query(tmp_path, "mine/2024/clusters", CYPHER, "Clusters")
    assert path == tmp_path / "mine" / "2024" / "clusters.cypher"
    assert load_catalogue(tmp_path).get("mine/2024/clusters").title == "Clusters"
    assert [p.name for p in path.parent.iterdir()] == ["clusters.cypher"], "the staged file was left behind"
