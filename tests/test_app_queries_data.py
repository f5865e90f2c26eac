"""The Queries and Data pages' state, run by AppTest on the real embedded store of tests/test_app.py (issue 15).

Queries: an error replaces the result it follows, a syntax error shows line, column and caret, a refused
save says what is wrong with the query, node-id parameters are picked by name. Data: a mapping waits for
its files, the preview starts with the user's records, problems come sorted by file and line.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import FIXTURES
from tests.test_app import EXAMPLES, app_store, open_page, table, upload  # noqa: F401  (app_store: a fixture)

pytestmark = pytest.mark.usefixtures("app_store")
BAD = FIXTURES / "generic_bad"


def run_adhoc(at, cypher: str):
    at.text_area(key="queries_adhoc").input(cypher).run()
    return at.button(key="queries_adhoc_run").click().run()


def test_an_error_replaces_the_result_it_follows():
    at = run_adhoc(open_page("queries"), "MATCH (c:Cluster {id: 'iot-world'}) RETURN c.name AS name")
    assert at.dataframe[-1].value["name"].tolist() == ["IoT World"]
    at = run_adhoc(at, "MATCH (c:Cluster)\nRTURN c.name")
    assert not at.exception
    said = at.error[0].value.replace("\\", "")  # shown Markdown-escaped
    assert len(at.error) == 1 and said.startswith("FalkorDB could not parse the query at line 2, column 2: Invalid")
    assert [c.value for c in at.code if c.value.startswith("RTURN")] == ["RTURN c.name\n ^"]
    assert not [d for d in at.dataframe if "name" in d.value.columns], "the earlier result is still shown"
    assert "errMsg" not in said


def test_a_refused_save_says_what_is_wrong_with_the_query(tmp_path):
    at = open_page("queries")
    at.text_area(key="queries_adhoc").input("MATCH (c:Cluster {id: $id}) RETURN c.name AS name").run()
    at.text_input(key="queries_save_name").input("mine/needs-id")
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    message = at.error[-1].value
    assert message.startswith("Not saved: parameter $id used but not declared.")
    assert "Parameters as JSON" in message and ".cypher" not in message and "/" not in message.split("(")[0]
    at.text_input(key="queries_save_title").input("  ")
    at.button(key="FormSubmitter:queries_save-Save").click().run()
    assert at.error[-1].value == "Not saved: give the query a title."


def test_a_node_id_parameter_is_picked_by_name():
    at = open_page("queries", queries_name="collaboration/path")
    picker = at.selectbox(key="queries_collaboration/path:from")
    assert picker.value == "pic:884723712"  # the query's example, shown with its name
    assert "MARINN" in picker.format_func(picker.value)
    at.text_input(key="queries_collaboration/path:from_search").input("university of california").run()
    picker = at.selectbox(key="queries_collaboration/path:from")
    assert any(o.endswith("· pic:999467340") for o in picker.options) and not at.exception
    at = picker.set_value("pic:999467340").run()
    assert at.query_params["queries_collaboration/path:from"] == "pic:999467340"
    assert not at.exception


def test_a_mapping_waits_for_the_files_it_names():
    at = open_page("data")
    said = " ".join(c.value for c in at.caption)
    assert "preset = \"participation\"" in said and "cluster-explorer mapping new TABLE" in said
    assert "tests/" not in said  # a wheel install has no tests folder
    folder = BAD / "bad_date"
    at.file_uploader(key="data_mapping").set_value(("mapping.toml", (folder / "mapping.toml").read_bytes(),
                                                    "text/plain"))
    at.run()
    assert not at.error and not at.exception
    assert [i.value for i in at.info if "not uploaded yet" in i.value]
    assert "members\\.csv" in at.info[-1].value  # the name as typed (Markdown-escaped)


def test_a_table_uploaded_alone_offers_a_mapping_made_from_it():
    at = open_page("data")
    table_file = FIXTURES / "participation" / "tildelinger.csv"
    at.file_uploader(key="data_files").set_value([(table_file.name, table_file.read_bytes(), "text/plain"),
                                                  ("x.csv", b"\x00\x01PK", "text/plain")])
    at.run()
    assert not at.exception and not at.error
    (button,) = at.get("download_button")
    assert button.proto.label == "Download mapping"  # "A mapping for bad_members.csv" was cut in its column
    assert button.proto.help == "This mapping as tildelinger.mapping.toml, to keep or to edit elsewhere"
    said = " ".join(c.value for c in at.caption).replace("\\", "")  # shown Markdown-escaped
    assert "a mapping with 13 guesses from its header and cells, each marked #?" in said
    assert "No mapping can be made from x.csv: x.csv:1: the first line holds the control character" in said
    (text,) = at.text_area
    assert 'project_id = "Prosjektnummer"' in text.value and not at.get("stDataFrame")
    at = text.input(text.value.replace('"Fylke"', '"Fylket"')).run()  # a user's edit with a typo
    at = at.toggle[0].set_value(True).run()
    assert not at.exception
    assert list(table(at, "problem")["problem"])[0].startswith("column 'Fylket' (located_in region, "
                                                              "tildelinger.mapping.toml:")
    assert "Fix the mapping in the box above: each problem names its file, line and column." in at.error[0].value
    at = at.text_area[0].input(at.text_area[0].value.replace('"Fylket"', '"Fylke"')).run()
    # 6 regions: the table's 9 counties are NUTS regions by their names (Trøndelag by a part of NUTS's
    # "Trøndelag/Trööndelage"), where their rows are placed; 4 the store holds, 5 are made with the one parent it
    # lacks; no Country: the store holds the 6 already, and the preview counts what a load writes
    assert at.success[0].value.startswith("Valid: 146 nodes (Project 90, Organisation 45, Region 6, Programme 5)")
    assert at.button(key="data_load")


def test_problems_come_sorted_by_file_and_line(tmp_path):
    (tmp_path / "both").mkdir()  # two files of problems, uploaded under one mapping
    shutil.copy(BAD / "bad_date" / "members.csv", tmp_path / "both" / "b_members.csv")
    shutil.copy(BAD / "bad_date" / "members.csv", tmp_path / "both" / "a_members.csv")
    mapping = (BAD / "bad_date" / "mapping.toml").read_text()
    (tmp_path / "both" / "mapping.toml").write_text(
        mapping.replace('name = "bad_date"', 'name = "both"').replace("members.csv", "b_members.csv")
        + "\n" + mapping.split("\n", 1)[1].replace("members.csv", "a_members.csv"))
    at = upload(open_page("data"), tmp_path / "both")
    problems = table(at, "problem")
    order = list(zip(problems["file"], problems["line"].fillna(0), strict=True))
    assert order == sorted(order) and set(problems["file"]) == {"a_members.csv", "b_members.csv"}
    # the rows are wrong, and a date written 2019-05-01 offers the mapping's format (set format = "%Y-%m-%d")
    assert "Fix the data files, or the mapping mapping.toml and upload it again where a problem says so" in \
        at.error[0].value


@pytest.mark.parametrize(("data", "offered"), [
    ("org_nr;name;founded;employees\n;Alfa AB;12.03.2009;12\n", "set on_empty in the mapping"),
    ("Medlemmar;2024;;\norg_nr;name;founded;employees\n1;Alfa AB;12.03.2009;12\n", "set skip_lines = 1 in the")])
def test_an_empty_id_says_the_fix_may_be_in_the_mapping_too(tmp_path, data, offered):
    """"the id is empty (set on_empty in the mapping ...)" came under "Fix the data files and upload them again".
    A problem says so by its `mapping_can_fix` (a title line above the header too), not by its words."""
    shutil.copy(BAD / "bad_date" / "mapping.toml", tmp_path / "mapping.toml")
    (tmp_path / "members.csv").write_text(data)
    at = upload(open_page("data"), tmp_path)
    assert offered in list(table(at, "problem")["problem"])[0]
    assert "Fix the data files, or the mapping mapping.toml and upload it again where a problem says so" in \
        at.error[0].value


def test_a_cell_naming_the_mapping_is_still_a_fix_of_the_data(tmp_path):
    """The page told a column the mapping names that the table lacks by the mapping's name in the message, which a
    quoted cell says too: `see mapping.toml:10` in a number column sent the user to fix the mapping."""
    shutil.copy(BAD / "bad_date" / "mapping.toml", tmp_path / "mapping.toml")
    (tmp_path / "members.csv").write_text("org_nr;name;founded;employees\n1;Alfa AB;12.03.2009;see mapping.toml:10\n")
    at = upload(open_page("data"), tmp_path)
    assert list(table(at, "problem")["problem"]) == ["expected a whole number, got 'see mapping.toml:10'"]
    assert "Fix the data files and upload them again" in at.error[0].value


def test_a_problem_in_an_uploaded_mapping_says_to_fix_that_file():
    at = upload(open_page("data"), BAD / "unknown_label")
    assert "Fix the mapping mapping.toml and upload it again" in at.error[0].value


def test_the_preview_starts_with_the_users_records():
    at = upload(open_page("data"), EXAMPLES)
    nodes = table(at, "label")
    assert "Source" not in set(nodes["label"]) and nodes.iloc[0]["label"] == "Cluster"
    assert "Source record(s)" in at.success[0].value


def test_a_result_cut_at_the_cap_offers_every_row_for_download(monkeypatch, app_store):  # noqa: F811
    monkeypatch.setenv("CLUSTER_EXPLORER_ROW_CAP", "2")
    at = open_page("queries", queries_name="provenance/loads")
    assert "cut at the display cap" in " ".join(c.value for c in at.caption)
    assert not at.get("download_button")
    at = at.button(key="queries_prepare").click().run()
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) == {"All rows as CSV", "All rows as JSON"}
    assert all(b.url and not b.HasField("deferred_file_id") for b in buttons.values())  # prepared, not deferred
    every = at.session_state["queries_prepared"][1]  # what the buttons were prepared from
    assert not every.truncated and len(every.rows) == len(app_store.read("MATCH (l:Load) RETURN l").rows) > 2


def test_a_load_is_taken_out_again_from_the_data_page(app_store):  # noqa: F811
    """Last in this module: it loads the members example into the module's store and takes it out again."""
    def people() -> int:
        return app_store.read("MATCH (p:Person) RETURN count(p)").rows[0][0]

    before = people()
    at = upload(open_page("data"), EXAMPLES)
    at.button(key="data_load").click().run()
    assert people() == before + 4
    assert "user:members" in set(table(at, "loaded_at")["source"])
    at.selectbox(key="data_unload_source").set_value("seeds").run()
    at = at.checkbox(key="data_unload_sure:seeds").check().run()
    at.selectbox(key="data_unload_source").set_value("user:members").run()  # the tick stays with the seeds
    assert not at.checkbox(key="data_unload_sure:user:members").value
    assert at.button(key="data_unload").disabled  # not before the tick
    at = at.checkbox(key="data_unload_sure:user:members").check().run()
    at = at.button(key="data_unload").click().run()
    assert not at.exception
    said = at.success[-1].value.replace("\\", "")  # shown Markdown-escaped
    assert said.startswith("user:members: 14 nodes and 11 relationships removed; 2 nodes and 0 relationships "
                           "kept without its files")  # the two seed clusters it names again
    assert people() == before
    assert "user:members" not in set(table(at, "loaded_at")["source"])
    shown = at.selectbox(key="data_unload_source").value
    assert not at.checkbox(key=f"data_unload_sure:{shown}").value  # the next one is ticked anew


def test_edits_of_a_made_mapping_stay_when_the_table_is_uploaded_again():
    """The page's advice is to fix the data and upload it again: that reset the box to a new made mapping, every
    edit lost and the check switched off (a try-out's on_empty and typed columns)."""
    at = open_page("data")
    table_file = FIXTURES / "participation" / "tildelinger.csv"
    data = table_file.read_bytes()
    at.file_uploader(key="data_files").set_value([(table_file.name, data, "text/plain")])
    at.run()
    made = at.text_area[0].value
    at = at.text_area[0].input(made + '\non_empty = "skip"\n').run()
    at = at.toggle[0].set_value(True).run()
    at.file_uploader(key="data_files").set_value([(table_file.name, data + b"\n", "text/plain")])  # fixed, again
    at.run()
    assert not at.exception
    assert at.text_area[0].value == made + '\non_empty = "skip"\n' and at.toggle[0].value
    assert any("Your edits of this mapping are kept" in c.value for c in at.caption)
    at = at.button(key="data_template_reset_tildelinger.csv").click().run()
    assert at.text_area[0].value == made
    assert not any("Your edits of this mapping are kept" in c.value for c in at.caption)


def test_the_check_says_which_organisations_will_be_clusters(tmp_path):
    (tmp_path / "mapping.toml").write_text('name = "maritime"\n[[nodes]]\nfile = "orgs.csv"\nlabel = "Organisation"\n'
                                           'id = "nr"\nname = "name"\n')
    (tmp_path / "orgs.csv").write_text("nr;name\n9990001;Bergen Maritime Cluster Services AS\n")
    at = upload(open_page("data"), tmp_path)
    said = [c.value.replace("\\", "") for c in at.caption]
    assert any("1 organisation(s) are Clusters by their names (cluster detection, docs/cluster_detection.md): "
               "Bergen Maritime Cluster Services AS (pattern:cluster)" in line for line in said), said
