"""What a Bavarian agency's try-out of its own tables found (a grants table listing a project's partners in one cell,
`;` in one row and ` / ` in the next; a project named by its acronym, its id). Real files in tmp_path, the generic
loader reading them, the real embedded store where a load is asserted.
"""

from __future__ import annotations

from loaders.generic import load_generic, read_generic
from tests.generic_files import problems_of, write_files

TABLE = """Projekt;Akronym;Partner;Programm
Leichtbau aus Naturfaser;NaturKaro;"Nürnberger Verbundwerkstoffe GmbH; Friedrich-Alexander-Universität";BayVFP
Sensorik in der Keramik;SensKer;"Oberpfälzer Keramik GmbH / Ostbayerische Technische Hochschule Regensburg";BayVFP
Summe;;;
"""


def _mapping(tmp_path, separator: str, role: str = "", project_id: str = '"Akronym"'):
    return write_files(tmp_path, {"mapping.toml": f"""
        preset = "participation"
        file = "projekte.csv"
        separator = ";"
        [columns]
        project_id = {project_id}
        project_title = "Projekt"
        project_acronym = "Akronym"
        organisation_id = {{ column = "Partner", separator = {separator}, on_empty = "skip" }}
        organisation_name = {{ column = "Partner", separator = {separator} }}
        programme = "Programm"
        {role}
        """, "projekte.csv": TABLE})


def test_a_cell_may_list_its_items_between_several_separators(embedded_store, tmp_path):
    """`separator = [";", "/"]` had been refused with `split must be a table`, and with `;` alone the partners
    written with ` / ` were one organisation."""
    mapping = _mapping(tmp_path, '[";", " / "]', project_id='{ column = "Akronym", on_empty = "skip" }')
    load_generic(embedded_store, mapping)
    names = sorted(r[0] for r in embedded_store.read("MATCH (o:Organisation) RETURN o.name").rows)
    assert names == ["Friedrich-Alexander-Universität", "Nürnberger Verbundwerkstoffe GmbH", "Oberpfälzer Keramik GmbH",
                     "Ostbayerische Technische Hochschule Regensburg"]
    from loaders.generic_rows import split_cell

    assert split_cell("A GmbH; B AG / C e.V.", (";", " / ")) == ["A GmbH", " B AG", "C e.V."]


def test_a_list_of_separators_must_hold_texts(tmp_path):
    problems = problems_of(_mapping(tmp_path, '[";", 3]'))
    assert any(p.field == "split" and 'or several: separator = [";", " / "]' in p.message for p in problems), problems


def test_a_constant_role_is_a_problem_at_its_line_not_a_crash(tmp_path):
    """`role = { value = "participant" }` had ended `load csv --check` with `KeyError: 'column'`."""
    problems = problems_of(_mapping(tmp_path, '";"', role='role = { value = "participant" }'))
    assert [(p.field, p.message) for p in problems if p.field == "role"] == [
        ("role", 'role must name a column: role = "column"')]


def test_a_row_without_its_project_id_that_is_its_name_too_is_one_problem(tmp_path):
    """The total row `Summe;;;` had been two problems, `the id is empty` (with the fix) and `the name is empty`
    (without), for one empty cell: the project's acronym, its id and its name."""
    problems = problems_of(_mapping(tmp_path, '";"'))
    assert [str(p) for p in problems] == [
        "projekte.csv:4 [Akronym]: the id is empty (set on_empty in the mapping to skip such rows or give them a "
        "placeholder id)"]
    assert read_generic(_mapping(tmp_path, '";"', project_id='{ column = "Akronym", on_empty = "skip" }'))
