"""`metrics --find`: a name typed with accents finds those holding them first, and a name's words from their start.

The officer's `--find Ålö` found Ålö AB and also ALOADED AB: the search takes accents off (it must: CORDIS writes
Ålö AB as ALO AB), and it matched anywhere in a name (`alo` inside CATALONIA too). A match is now at the start of
a word of a name, and for a text with accents the names holding them as typed come first, with one line saying how
many match only without them. The Nordic grants table writes Linnéuniversitetet, CORDIS LINNEUNIVERSITETET.
"""

from __future__ import annotations

import pytest

from graph.analytics.metric_places import found_places, matching_keys
from tests.cli_invoke import cli_env, invoke
from tests.conftest import FIXTURES


class _Result:
    def __init__(self, values: dict) -> None:
        self.values = values


@pytest.fixture(scope="module")
def env(embedded_server):
    """CORDIS and the Nordic grants table, loaded through the CLI into a graph of their own."""
    env = cli_env(embedded_server, "metric_find_accents")
    for args in (("cordis", str(FIXTURES / "cordis")), ("csv", str(FIXTURES / "nordic_grants" / "mapping.toml"))):
        loaded = invoke(env, "load", *args)
        assert loaded.exit_code == 0, loaded.stderr
    return env


def found(env, text: str) -> list[str]:
    """The lines `metrics compute --find TEXT` prints after the top nodes."""
    computed = invoke(env, "metrics", "compute", "--metric", "degree", "-k", "1", "--find", text)
    assert computed.exit_code == 0, computed.stderr
    return computed.stdout.split(f"find {text!r}")[1].splitlines()


def test_a_name_with_accents_finds_it_as_typed_first_and_says_how_many_only_without(env):
    lines = found(env, "Linné")
    assert lines[0].startswith(": 2 node(s) of ")
    assert lines[1] == ("  (1 of them match only without accents or with ä, ö, ü written as ae, oe, ue, listed after "
                        "those written as typed (names written in ASCII, as CORDIS writes Ålö AB: ALO AB, München: "
                        "MUENCHEN))")
    assert lines[2].startswith("  Linnéuniversitetet  (") and lines[3].startswith("  LINNEUNIVERSITETET  (")
    ascii_only = found(env, "linne")  # folding changes no ASCII text: both match alike, nothing said of accents
    assert ascii_only[0].startswith(": 2 node(s)") and "without accents" not in "\n".join(ascii_only)


def test_a_text_is_found_at_the_start_of_a_word_not_inside_one(env):
    names = "\n".join(found(env, "universitet"))
    assert "UNIVERSITETET I OSLO" in names and "LUNDS UNIVERSITET" in names
    assert "LINNEUNIVERSITETET" not in names and "Linnéuniversitetet" not in names


def test_alo_finds_alo_ab_written_either_way_before_aloaded_and_never_catalonia():
    names = {"a": "ALO AB", "b": "Ålö AB", "c": "ALOADED AB", "d": "UNIVERSITAT POLITECNICA DE CATALONIA"}
    degree = {"degree": _Result({"a": 1.0, "b": 3.0, "c": 5.0, "d": 2.0})}
    # ALO AB holds it as a whole word: before ALOADED AB, better connected (whole words first: `--find CEA`)
    assert [key for key, *_ in found_places(names, degree, "Ålö")] == ["b", "a", "c"]
    assert matching_keys(names, "Ålö") == (["b"], ["a", "c"])
    assert matching_keys(names, "alo") == (["a", "b", "c"], [])


def test_a_text_no_word_starts_with_finds_the_compound_names_holding_it_and_says_so(env):
    lines = found(env, "teknikk")  # no word starts with it; Bølgeteknikk AS holds it, as Nordic compounds do
    assert lines[0].startswith(": 1 node(s) of ")
    assert lines[1] == ("  (no name has a word starting with 'teknikk'; these hold it inside a word (a compound name: "
                        "Bølgeteknikk holds teknikk))")
    assert lines[2].startswith("  Bølgeteknikk AS  (")
    assert "inside a word" not in "\n".join(found(env, "universitet"))  # words start with it: those alone


def test_a_find_looks_at_the_nodes_ids_not_at_the_label_their_keys_start_with():
    """`--find cluster` in the graph of clusters had matched CLIC INNOVATION OY by its key, `Cluster:pic:...`."""
    names = {"Cluster:pic:1": "CLIC INNOVATION OY", "Cluster:pic:2": "Oslo Cancer Cluster SA", "Region:SE21": "Småland"}
    assert matching_keys(names, "cluster") == (["Cluster:pic:2"], [])
    assert matching_keys(names, "se21") == (["Region:SE21"], [])
    assert matching_keys(names, "Cluster:pic:1") == (["Cluster:pic:1"], [])  # a key as the app shows it
