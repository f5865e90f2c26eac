"""The one value vocabulary (graph/values.py), and each place that reads values proving it uses it:
saved-query parameters, mapping columns and label_if cells, and the typed cells of the CSV reader."""

from __future__ import annotations

import datetime as dt
import doctest
import textwrap
from pathlib import Path

import pytest

from graph import values, wording
from graph.errors import ClusterExplorerError, ParameterError
from graph.values import FALSE_WORDS, TRUE_WORDS, BadValue
from loaders import csv_tables
from loaders.generic import read_generic
from queries.params import convert as param

# --- the vocabulary, one table per kind -------------------------------------------------------------------

BOOLS = [(word, True) for word in sorted(TRUE_WORDS)] + [(word, False) for word in sorted(FALSE_WORDS)]


@pytest.mark.parametrize(("kind", "text", "options", "expected"), [
    *[("bool", spelled, {}, value) for word, value in BOOLS for spelled in (word, word.upper(), f" {word.title()} ")],
    ("bool", True, {}, True), ("bool", 0, {}, False),
    ("int", "12", {}, 12), ("int", "-3", {}, -3), ("int", "1 250", {}, 1250), ("int", "1\u00a0250", {}, 1250),
    ("int", 7, {}, 7),
    ("float", "6.2", {}, 6.2), ("float", "1e3", {}, 1000.0), ("float", "-0.5", {}, -0.5), ("float", "2", {}, 2.0),
    ("float", "6,2", {"decimal": ","}, 6.2), ("float", "6.2", {"decimal": ","}, 6.2),
    ("float", "1 295 440,77", {"decimal": ","}, 1295440.77), ("float", 3, {}, 3.0),
    ("float", "1.295.440,77", {"decimal": ",", "thousands": "."}, 1295440.77),
    ("float", "1.295", {"decimal": ",", "thousands": "."}, 1295.0),
    ("float", "1,295,440.77", {"thousands": ","}, 1295440.77), ("float", "1'295", {"thousands": "'"}, 1295.0),
    ("date", "2020-09-24", {}, "2020-09-24"), ("date", "2020-09-24T10:00:00", {}, "2020-09-24"),
    ("date", "2020-9-4", {}, "2020-09-04"), ("date", "12.03.2009", {"formats": ("%d.%m.%Y",)}, "2009-03-12"),
    ("date", "2009-03-12", {"formats": ("%d.%m.%Y", "%Y-%m-%d")}, "2009-03-12"),
    ("date", dt.date(2020, 1, 2), {}, "2020-01-02"), ("date", dt.datetime(2020, 1, 2, 3, 4), {}, "2020-01-02"),
    ("list", "SE, NO", {}, ["SE", "NO"]), ("list", "IoT|edge||", {"separator": "|"}, ["IoT", "edge"]),
    ("list", [1, " x ", ""], {}, [1, "x"]), ("list", "", {}, []),
    ("string", "Växjö", {}, "Växjö"), ("string", True, {}, "true"), ("string", 7, {}, "7"),
])
def test_the_vocabulary_reads(kind, text, options, expected):
    assert values.convert(kind, text, **options) == expected


@pytest.mark.parametrize(("kind", "text", "options", "expected_words"), [
    ("bool", "perhaps", {}, "expected yes or no"), ("bool", "", {}, "expected yes or no"),
    ("bool", "2", {}, "expected yes or no"),
    ("int", "1.5", {}, "expected a whole number"), ("int", "about 40", {}, "expected a whole number"),
    ("int", "1_000", {}, "expected a whole number"), ("int", True, {}, "expected a whole number"),
    ("int", "", {}, "expected a whole number"),
    ("float", "1,500", {}, "expected a number"), ("float", "nan", {}, "finite"), ("float", "inf", {}, "finite"),
    ("float", "1e400", {}, "finite"), ("float", "1_000", {}, "expected a number"),
    ("float", float("nan"), {}, "finite"), ("float", False, {}, "expected a number"),
    ("float", "1.234,5", {"decimal": ","}, "got '1.234,5'; if '.' stands between thousands, set thousands = '.'"),
    ("float", "1,234,567", {}, "got '1,234,567'; if ',' stands between thousands, set thousands = ','"),
    ("float", "ca 300.000", {"decimal": ",", "thousands": "."}, "got 'ca 300.000'"),  # as written: was 'ca 300000'
    ("date", "2021-02-31", {}, "expected a date like 2024-12-31"),
    ("date", "31.02.2021", {"formats": ("%d.%m.%Y",)}, "expected a date like 31.12.2024 (format %d.%m.%Y)"),
    ("string", {"a": 1}, {}, "expected text"),
    ("colour", "red", {}, "unknown type 'colour'"),
])
def test_the_vocabulary_refuses_with_what_it_expected_and_found(kind, text, options, expected_words):
    with pytest.raises(BadValue) as caught:
        values.convert(kind, text, **options)
    assert expected_words in str(caught.value)
    if kind != "colour":
        assert "got" in str(caught.value)


def test_its_error_is_one_kind_of_parameter_error_and_of_value_error():
    assert issubclass(BadValue, ParameterError) and issubclass(BadValue, ClusterExplorerError)
    assert issubclass(BadValue, ValueError)  # the readers' `except ValueError` around a cell keeps working


def test_the_yes_and_no_words_do_not_overlap():
    assert TRUE_WORDS.isdisjoint(FALSE_WORDS)
    assert all(word == word.strip().lower() for word in TRUE_WORDS | FALSE_WORDS)


@pytest.mark.parametrize("module", [values, wording])
def test_the_examples_in_the_docstrings_hold(module):
    tried = doctest.testmod(module)
    assert tried.attempted and not tried.failed


def test_the_user_guide_and_the_readme_list_every_yes_no_word():
    root = Path(__file__).resolve().parents[1]
    for document in ("docs/mapping.md", "README.md"):
        text = (root / document).read_text(encoding="utf-8")
        missing = [word for word in TRUE_WORDS | FALSE_WORDS if f"`{word}`" not in text]
        assert not missing, f"{document} does not list {missing}"


# --- every call site uses it ------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "value"), BOOLS)
def test_query_parameters_read_every_yes_no_word(word, value):
    assert param("bool", word.upper()) is value


def test_query_parameters_fail_with_the_vocabulary_error():
    with pytest.raises(BadValue, match="expected yes or no"):
        param("bool", "perhaps")
    assert param("float", "6,2") == 6.2 and param("date", "24.09.2020") == "2020-09-24"


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return folder / next(iter(files))


def test_mapping_columns_and_label_if_read_every_yes_no_word(tmp_path):
    rows = "".join(f"o{i};Org {i};{word.upper()};{word}\n" for i, (word, _) in enumerate(BOOLS))
    mapping = write(tmp_path, {"mapping.toml": """
        [[nodes]]
        file = "orgs.csv"
        label = "Organisation"
        id = "id"
        name = "name"
        label_if = { SME = "sme" }

        [nodes.properties]
        member = { column = "member", type = "bool" }
        """, "orgs.csv": "id;name;sme;member\n" + rows + "o-empty;Empty;;\n"})
    nodes, _, _ = read_generic(mapping)
    by_id = {n.id: n for n in nodes if n.label == "Organisation"}
    for i, (word, value) in enumerate(BOOLS):
        assert ("SME" in by_id[f"o{i}"].extra_labels) is value, word
        assert by_id[f"o{i}"].properties["member"] is value, word
    assert by_id["o-empty"].extra_labels == () and "member" not in by_id["o-empty"].properties


def test_the_csv_reader_types_cells_with_the_vocabulary(tmp_path):
    rows = "".join(f"{i};{word.title()};1 250;6,2;2020-09-24\n" for i, (word, _) in enumerate(BOOLS))
    path = tmp_path / "flags.csv"
    path.write_text("id;flag;count;amount;day\n" + rows, encoding="utf-8")
    table = csv_tables.read_table(path, required=("id", "flag"), types={
        "flag": csv_tables.boolean, "count": csv_tables.integer, "amount": csv_tables.number,
        "day": csv_tables.iso_date})
    assert [row["flag"] for row in table.rows] == [value for _, value in BOOLS]
    assert {(row["count"], row["amount"], row["day"]) for row in table.rows} == {(1250, 6.2, "2020-09-24")}


def test_the_csv_reader_names_the_cell_a_word_outside_the_vocabulary_is_in(tmp_path):
    path = tmp_path / "flags.csv"
    path.write_text("id,flag\n1,ja\n2,perhaps\n", encoding="utf-8")
    with pytest.raises(ClusterExplorerError) as caught:
        csv_tables.read_table(path, types={"flag": csv_tables.boolean})
    [problem] = caught.value.problems
    assert (problem.file, problem.line, problem.field) == (str(path), 3, "flag")
    assert "expected yes or no" in problem.message and "'perhaps'" in problem.message
