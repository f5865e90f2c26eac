"""A member list's `member_since` written as years alone (`2019`): a year is read as its 1 January, as the seed texts'
are. A browser try-out's list had got `since = { ..., type = "date" }` with "no common format reads nearly all of
them", twelve problems telling to fix the data, and `format = "%Y"` refused ("does not read back a full date").
Real files in tmp_path, `mapping new` in-process, the generic loader into the real embedded store."""

from __future__ import annotations

from loaders.generic import load_generic
from tests.cli_invoke import cli_env, invoke
from tests.generic_files import problems_of, write_files

MEMBERS = """organisation,org_number,city,country,sme,cluster,member_since
Växjö Robotik AB,556001-0001,Växjö,SE,yes,Automation Småland,2019
Jönköpings Automation AB,556001-0002,Jönköping,SE,yes,Automation Småland,2020
Kalmar Sensor AB,556001-0003,Kalmar,SE,no,Automation Småland,2021
"""


def test_mapping_new_reads_years_alone_as_dates_and_they_load(embedded_store, tmp_path):
    (tmp_path / "members.csv").write_text(MEMBERS, encoding="utf-8")
    made = invoke(cli_env(tmp_path / "unused.db"), "mapping", "new", str(tmp_path / "members.csv"))
    assert made.exit_code == 0, made.stderr
    assert ('since = { column = "member_since", type = "date", format = "%Y" }  #? member since; years alone, each '
            "read as its 1 January") in made.stdout
    (tmp_path / "members.toml").write_text(made.stdout, encoding="utf-8")
    load_generic(embedded_store, tmp_path / "members.toml")
    since = embedded_store.read("MATCH (o:Organisation)-[m:MEMBER_OF]->(:Cluster) RETURN o.name, m.since "
                                "ORDER BY o.name").rows
    assert since == [["Jönköpings Automation AB", "2020-01-01"], ["Kalmar Sensor AB", "2021-01-01"],
                     ["Växjö Robotik AB", "2019-01-01"]]


def _organisations(folder, founded: str, table: str):
    """A mapping of organisations (`nr`, `name`) whose `founded` property is the TOML value `founded`, and its table."""
    return write_files(folder, {"mapping.toml": f"""
        [[nodes]]
        file = "t.csv"
        label = "Organisation"
        id = "nr"
        name = "name"
        [nodes.properties]
        founded = {founded}
        """, "t.csv": table})


def test_a_format_without_a_year_is_still_refused_and_a_month_and_year_reads_the_first_day(tmp_path):
    def mapping(fmt: str):
        return _organisations(tmp_path, f'{{ column = "founded", type = "date", format = "{fmt}" }}',
                              "nr,name,founded\n1,A AB,03.2019\n")

    (problem,) = problems_of(mapping("%d.%m"))
    assert problem.message.startswith("property 'founded': date format '%d.%m' does not read back a date: it needs a "
                                      "year")
    from loaders.generic import read_generic

    nodes = read_generic(mapping("%m.%Y"))[0]
    assert [n.properties["founded"] for n in nodes if n.label == "Organisation"] == ["2019-03-01"]


def test_a_column_of_dates_in_another_format_is_one_problem_naming_the_format(tmp_path):
    """Twelve rows of `2019` under a date column without a format had been twelve problems, and the Data page said to
    fix the data files: the mapping's one line is the fix."""
    table = "nr,name,since\n" + "".join(f"{n},Firma {n} AB,{2010 + n}\n" for n in range(1, 13)) + "13,Odd AB,soon\n"
    problems = problems_of(_organisations(tmp_path, '{ column = "since", type = "date" }', table))
    assert [(p.line, p.field, p.mapping_can_fix) for p in problems] == [(2, "since", True), (14, "since", False)]
    assert problems[0].message == (
        "12 cells are dates written like '2011' (lines 2, 3, 4, 5, 6 and 7 more), which the column's format does not "
        'read: set format = "%Y" in the mapping (on this column; in the participation preset, date_format at its top '
        "level); a year alone is read as its 1 January")
