"""A link's node named by name, by a key since gone, or by a name of several nodes (`app_pages/linked_nodes.py`).

The node pickers of Partners and Explore keep their choice in the address as keys. A link's value that was no key
(`?partners_focal=Automation Småland`, typed or written by another tool; a node since unloaded) had been dropped
without a word: Partners opened with nothing chosen, Explore without its focus. Values are now resolved as the CLI
resolves a node, and those that name no node, or several, are said under the picker until the choice changes.
"""

from __future__ import annotations

from tests.test_app import app_store, open_page, texts  # noqa: F401  (app_store is a fixture)


def said(at) -> str:
    return texts(at).replace("\\", "")  # shown Markdown-escaped


def test_partners_takes_a_name_from_the_link_and_writes_its_key(app_store):  # noqa: F811
    at = open_page("partners", partners_focal="automation smaland")
    assert at.multiselect(key="partners_focal").value == ["Cluster:automation-smaland"]
    assert at.query_params["partners_focal"] in ("Cluster:automation-smaland", ["Cluster:automation-smaland"])
    assert "Partner clusters" in [s.value for s in at.main.subheader]
    assert "From the link" not in said(at)


def test_partners_says_which_of_the_link_s_names_it_left_out_and_why(app_store):  # noqa: F811
    at = open_page("partners", partners_focal=["IoT World", "Automaton Smaland"])
    assert at.multiselect(key="partners_focal").value == ["Cluster:iot-world"]
    assert ("From the link: “Automaton Smaland” is left out: no Cluster, Organisation or Project has the id or name "
            "'Automaton Smaland'. Did you mean: Automation Småland (Cluster:automation-smaland)?") in said(at)
    at.multiselect(key="partners_focal").unselect("Cluster:iot-world").run()  # the choice changed: not asked any more
    assert "From the link" not in said(at)


def test_explore_says_a_focus_key_the_store_no_longer_holds(app_store):  # noqa: F811
    at = open_page("explore", explore_focus=["Cluster:iot-world", "Cluster:gone"])
    assert at.multiselect(key="explore_focus").value == ["Cluster:iot-world"]
    assert "From the link: “Cluster:gone” is left out: no node has the id or name 'Cluster:gone'." in said(at)


def test_explore_takes_an_id_in_another_case(app_store):  # noqa: F811
    at = open_page("explore", explore_focus="IOT-WORLD")
    assert at.multiselect(key="explore_focus").value == ["Cluster:iot-world"]
    assert "From the link" not in said(at)
