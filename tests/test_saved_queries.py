"""The saved-query catalogue and runner: file checks, typed parameters, read-only, limits, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from graph.errors import NotFound, ParameterError, QueryTimeout, ReadOnlyViolation, ValidationFailed
from queries.catalogue import load_catalogue, parse_query_file
from queries.runner import bind_params, export_rows, run_saved, save_user_query, suggestions


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.cypher"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    _, problems = parse_query_file(_write(tmp_path, "q", text), "q")
    return [str(p) for p in problems]


def test_shipped_library_loads_without_problems_and_has_namespaces():
    catalogue = load_catalogue(None)
    assert catalogue.problems == []
    assert len(catalogue.queries) >= 15
    assert catalogue.queries["labels/expiring"].namespace == "labels"
    assert all(q.title and q.tags for q in catalogue.queries.values())


def test_a_text_parameter_comes_folded_too_and_a_number_does_not(tmp_path):
    """`$x_folded` is the runner's (`folded_params`) for a string parameter `x`; an int has none."""
    text = "// title: t\n// param x: {type} = 1\nMATCH (c:Cluster) WHERE c._search CONTAINS $x_folded RETURN c\n"
    assert _problems(tmp_path, text.format(type="string")) == []
    assert _problems(tmp_path, text.format(type="int")) == [
        f"{tmp_path / 'q.cypher'} [x_folded]: parameter $x_folded used but not declared",
        f"{tmp_path / 'q.cypher'}:2 [x]: parameter $x declared but not used"]


def test_parameter_used_but_not_declared_names_the_file(tmp_path):
    problems = _problems(tmp_path, "// title: t\nMATCH (c:Cluster {id: $cluster}) RETURN c\n")
    assert problems == [f"{tmp_path / 'q.cypher'} [cluster]: parameter $cluster used but not declared"]


def test_parameter_declared_but_unused_names_its_line(tmp_path):
    problems = _problems(tmp_path, "// title: t\n// param limit: int = 5\nMATCH (c:Cluster) RETURN c\n")
    assert problems == [f"{tmp_path / 'q.cypher'}:2 [limit]: parameter $limit declared but not used"]


def test_bad_type_and_bad_default_are_reported_with_their_lines(tmp_path):
    problems = _problems(tmp_path, "// title: t\n// param a: number\n// param b: int = many\n"
                                   "RETURN $a, $b\n")
    assert any(":2 [a]: bad type in 'number'" in p for p in problems)
    assert any(":3 [b]: default 'many': expected a whole number" in p for p in problems)


def test_write_clause_is_refused_in_a_saved_query(tmp_path):
    problems = _problems(tmp_path, "// title: t\nMATCH (c:Cluster) SET c.name = 'x' RETURN c\n")
    assert problems == [f"{tmp_path / 'q.cypher'}: SET is a write clause; saved queries are read-only"]


def test_words_inside_strings_are_not_mistaken_for_clauses_or_parameters(tmp_path):
    assert _problems(tmp_path, "// title: t\nMATCH (c) WHERE c.note = 'CREATE $x' RETURN c\n") == []


def test_typed_parameters_are_converted_before_the_database_sees_them():
    query = load_catalogue(None).get("labels/expiring")
    assert bind_params(query, {"on": "24.09.2020", "months": "3"}) == {"on": "2020-09-24", "months": 3}
    for bad, message in [({"months": "soon"}, "expected a whole number"),
                         ({"on": "yesterday"}, "expected a date"),
                         ({"nope": "1"}, "unknown parameter")]:
        with pytest.raises(ParameterError, match=message):
            bind_params(query, bad)


def test_fixed_choices_are_enforced():
    query = load_catalogue(None).get("labels/holders")
    with pytest.raises(ParameterError, match="must be one of esca-bronze, esca-silver, esca-gold"):
        bind_params(query, {"label": "esca-platinum"})


def test_a_number_outside_its_declared_range_is_refused_before_the_database():
    """`months=99999999999` overflowed the date and returned nothing; `limit=0` nothing; `limit=-1` a raw database
    error. A `// range` header bounds a number parameter (either side may stay open)."""
    expiring = load_catalogue(None).get("labels/expiring")
    assert (expiring.param("months").least, expiring.param("months").most) == (0, 1200)
    assert bind_params(expiring, {"months": "1200"})["months"] == 1200
    for months in ("99999999999", "-5"):
        with pytest.raises(ParameterError, match=r"labels/expiring: parameter 'months' must be in 0\.\.1200, not "):
            bind_params(expiring, {"months": months})
    with pytest.raises(ParameterError, match=r"parameter 'limit' must be in 1\.\.1000000, not 0"):
        bind_params(load_catalogue(None).get("projects/coordinators"), {"limit": "0"})


def test_a_bad_range_header_is_a_problem_naming_its_line(tmp_path):
    said = _problems(tmp_path, "// title: t\n// param n: int = 1\n// range n: ten..20\nRETURN $n AS n")
    assert len(said) == 1 and ":3" in said[0] and "range:" in said[0] and "expected a whole number" in said[0]
    said = _problems(tmp_path, "// title: t\n// param s: string = x\n// range s: 1..2\nRETURN $s AS s")
    assert len(said) == 1 and "give a number parameter's range as LEAST..MOST" in said[0]


def test_unknown_query_name_is_a_clear_error():
    with pytest.raises(NotFound, match="no saved query named 'labels/expire'; did you mean"):
        load_catalogue(None).get("labels/expire")


def test_parameter_values_are_never_pasted_into_cypher(seeded_store):
    catalogue = load_catalogue(None)
    hostile = "x'}) DETACH DELETE n //"
    with pytest.raises(NotFound) as missing:  # an id parameter: looked up (as a value), found nowhere
        run_saved(seeded_store, catalogue, "provenance/sources-of", {"id": hostile})
    assert f"has the id or name {hostile!r}" in str(missing.value)
    _, params, result = run_saved(seeded_store, catalogue, "sectors/active-in", {"term": hostile})
    assert params["term"] == hostile and result.rows == []
    assert hostile not in catalogue.get("provenance/sources-of").cypher
    _, _, still = run_saved(seeded_store, catalogue, "labels/holders", {"label": "esca-silver"})
    assert [row[0] for row in still.rows] == ["IoT World"]


def test_row_cap_says_when_it_cut_and_export_is_uncapped(seeded_store):
    catalogue = load_catalogue(None)
    _, params, capped = run_saved(seeded_store, catalogue, "clusters/overview", {}, row_cap=5)
    assert len(capped.rows) == 5 and capped.truncated
    out = io.StringIO()
    rows = export_rows(seeded_store, catalogue.get("clusters/overview"), params, "csv", out)
    assert rows == 24
    assert out.getvalue().startswith("\ufeff")  # the spreadsheets' byte-order mark, as the app's download
    parsed = list(csv.reader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))
    assert parsed[0] == ["id", "cluster", "regions", "programmes", "labels"] and len(parsed) == 25
    out = io.StringIO()
    export_rows(seeded_store, catalogue.get("clusters/overview"), params, "json", out)
    assert len(json.loads(out.getvalue())) == 24


def test_a_runaway_query_is_stopped_by_its_time_limit(tmp_path, seeded_store):
    _write(tmp_path, "slow/cartesian", "// title: slow\n// timeout: 0.2\n"
                                        "MATCH (a), (b), (c), (d) RETURN count(*) AS n\n")
    catalogue = load_catalogue(tmp_path)
    with pytest.raises(QueryTimeout, match="time limit of 0.2 s"):
        run_saved(seeded_store, catalogue, "slow/cartesian")


def test_user_queries_layer_over_the_library_and_clashes_are_reported(tmp_path):
    _write(tmp_path, "mine/sweden", "// title: Swedish clusters\nMATCH (c:Cluster) RETURN c.name\n")
    _write(tmp_path, "labels/expiring", "// title: my version\nMATCH (c) RETURN c\n")
    catalogue = load_catalogue(tmp_path)
    assert catalogue.queries["mine/sweden"].origin == "user"
    assert catalogue.queries["labels/expiring"].origin == "shipped"
    assert any("'labels/expiring' clashes with the shipped query" in str(p) for p in catalogue.problems)


def test_saving_an_ad_hoc_query_checks_it_first(tmp_path, seeded_store):
    path = save_user_query(tmp_path, "mine/labels", "MATCH (q:QualityLabel) RETURN q.name ORDER BY q.level",
                           "Label levels")
    catalogue = load_catalogue(tmp_path)
    _, _, result = run_saved(seeded_store, catalogue, "mine/labels")
    assert path.exists() and [r[0] for r in result.rows] == ["ESCA Bronze", "ESCA Silver", "ESCA Gold"]
    with pytest.raises(ValidationFailed, match="nothing was written") as refused:
        save_user_query(tmp_path, "mine/bad", "MATCH (c) DETACH DELETE c", "Bad")
    assert [p.file for p in refused.value.problems] == [str(tmp_path / "mine" / "bad.cypher")]
    with pytest.raises(ParameterError, match="is not a query name"):
        save_user_query(tmp_path, "../outside", "MATCH (c) RETURN c", "Outside")
    assert not (tmp_path / "mine" / "bad.cypher").exists()


def test_the_database_refuses_writes_even_if_a_file_slips_through(seeded_store):
    with pytest.raises(ReadOnlyViolation):
        seeded_store.read("MATCH (c:Cluster) WITH c LIMIT 1 CREATE (:Award {id: 'x', name: 'x'})")


def test_suggestions_come_from_choices_or_a_read_only_query(seeded_store):
    catalogue = load_catalogue(None)
    assert suggestions(seeded_store, catalogue.get("labels/holders").param("label")) == [
        "esca-bronze", "esca-silver", "esca-gold"]
    assert "s3-cluster-pilot" in suggestions(seeded_store, catalogue.get("programmes/members-by-region")
                                             .param("programme"))



def test_a_file_that_is_not_utf8_is_a_problem_naming_its_line_not_a_crash(tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "latin1.cypher").write_bytes("// title: t\n// description: Malm\xf6\nRETURN 1\n"
                                                      .encode("latin-1"))
    _write(tmp_path, "mine/fine", "// title: fine\nRETURN 1 AS one\n")
    catalogue = load_catalogue(tmp_path)
    assert [str(p) for p in catalogue.problems] == [
        f"{tmp_path / 'mine' / 'latin1.cypher'}:2: byte 0xf6 is not UTF-8 text; save the file as UTF-8"]
    assert "mine/fine" in catalogue.queries and "mine/latin1" not in catalogue.queries


def test_a_folder_named_like_a_query_is_a_namespace(tmp_path):
    _write(tmp_path, "odd.cypher/inner", "// title: inner\nRETURN 1 AS one\n")
    catalogue = load_catalogue(tmp_path)
    assert catalogue.problems == [] and "odd.cypher/inner" in catalogue.queries


@pytest.mark.parametrize("timeout", ["nan", "inf", "-1", "0", "soon"])
def test_a_timeout_header_must_be_a_usable_time_limit(tmp_path, timeout):
    problems = _problems(tmp_path, f"// title: t\n// timeout: {timeout}\nRETURN 1\n")
    assert problems == [f"{tmp_path / 'q.cypher'}:2 [timeout]: timeout {timeout!r} is not a time limit; use a number "
                        "of seconds above 0 and at most 86400, such as 10 or 2.5"]


def test_saving_under_the_name_of_a_shipped_query_is_refused(tmp_path):
    with pytest.raises(ParameterError, match=r"'labels/expiring' is the name of a shipped query.*mine/expiring"):
        save_user_query(tmp_path, "labels/expiring", "MATCH (c:Cluster) RETURN c.name AS name", "My expiring")
    assert not list(tmp_path.rglob("*.cypher*"))  # nothing written, so no clash to report later
    assert not load_catalogue(tmp_path).problems
    assert save_user_query(tmp_path, "labels/mine", "MATCH (c:Cluster) RETURN c.name AS name", "Mine").exists()


@pytest.mark.parametrize(("typed", "choice"), [("ESCA Silver", "esca-silver"), ("Esca-Gold", "esca-gold"),
                                               ("gold", "esca-gold"), (" Silver ", "esca-silver")])
def test_a_choice_is_taken_in_another_case_or_spelling(typed, choice):
    """`-p "label=ESCA Silver"` was refused ("must be one of esca-bronze ..."), against names taken wherever an id
    is asked; a metric `PageRank` too. A word of one choice alone names it (`gold`), as `recommend --min-label gold`
    takes it: the saved query had refused it."""
    from queries.runner import bind_params

    query = load_catalogue(None).get("labels/holders")
    assert bind_params(query, {"label": typed}) == {"label": choice}
    with pytest.raises(ParameterError, match="must be one of esca-bronze, esca-silver, esca-gold, not 'platinum'"):
        bind_params(query, {"label": "platinum"})


@pytest.mark.parametrize(("typed", "meant"), [("goldd", "esca-gold"), ("silvr", "esca-silver"),
                                              ("bronce", "esca-bronze"), ("esca", None), ("platinum", None)])
def test_a_refused_choice_names_the_one_it_is_part_of_or_nearly_spells(typed, meant):
    """`-p label=silvr` was refused with the list of choices alone; a part of one choice, or a near spelling of one
    or of a part of it, is now named. A text that is part of several (`esca`), or near none, names none."""
    from queries.runner import bind_params

    query = load_catalogue(None).get("labels/holders")
    with pytest.raises(ParameterError) as refused:
        bind_params(query, {"label": typed})
    hint = f" (did you mean {meant!r}?)"
    assert str(refused.value).endswith(f"not {typed!r}" + (hint if meant else "")), str(refused.value)
