"""A node parameter's field shows the value the Queries page runs, on a store that lacks the query's example
(AppTest on the members example of tests/test_app_missing_inputs.py: clusters and members, no project).
"""

from __future__ import annotations

from tests.test_app import open_page
from tests.test_app_missing_inputs import members_app, warnings  # noqa: F401  (members_app: a fixture)


def test_a_node_parameter_whose_example_the_store_lacks_shows_the_default_it_runs(members_app):  # noqa: F811
    """`projects/partners` ran its default `iot4industry` while its field stood empty."""
    at = open_page("queries", queries_name="projects/partners")  # example a CORDIS grant; no Project at all
    assert at.selectbox(key="queries_projects/partners:project").value == "iot4industry"
    said = (warnings(at) + " ".join(e.value for e in at.error)).replace("\\", "")
    assert "no Project has the id or name 'iot4industry'" in said
