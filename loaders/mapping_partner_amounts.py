"""A partner's amount beside a JSON list of partner objects: a column of the project (`Tildelt (NOK)`, the whole grant)
is read once per partner, so each partner was given the whole project's amount, and a project of three partners
showed three times its grant in `projects/partners`.

The same holds for a project's partners listed in one cell (a Bavarian grants table's `Partner`: `Nürnberger
Verbundwerkstoffe GmbH; Friedrich-Alexander-Universität`, its `Fördersumme` the project's): each partner had been
given the whole grant, H2Quartier's 2.5 M EUR three times, with no word.

One rule for the two places that meet it: `mapping new` (maps such a column as the project's `project_amount`) and
the mapping check of a [[relationships]] table of participations with `split` over the objects
(`loaders.mapping_checks`: it refuses it, naming the line), which the participation preset's tables go through as a
hand-written one does.
"""

from __future__ import annotations

from loaders.mapping_new.listed_names import names_separator

__all__ = ["of_each_project", "listed_partners", "project_grant", "whole_amount_problem", "listed_amount_problem",
           "AMOUNTS"]

#: The participation properties that hold a partner's own money.
AMOUNTS = ("amount", "contribution", "net_contribution")


def of_each_project(column: str, objects: str) -> bool:
    """Whether `column` is one of each project (row), not of its `objects` (a partner object's is `objects.KEY`).

    >>> of_each_project("Tildelt (NOK)", "partnere"), of_each_project("partnere.belop", "partnere")
    (True, False)
    """
    return not column.startswith(f"{objects}.")


def whole_amount_problem(prop: str, column: str, objects: str) -> str:
    """The sentence refusing `prop` read from `column`, a column of each project, beside the `objects` partners."""
    return (f"{prop} is {column!r}, a column of each project, not of its {objects} objects: every partner would be "
            f"given the whole project's amount. Give a partner's own amount by its path ({prop} = \"{objects}.KEY\"), "
            f"and map {column!r} as the project's own amount: project_amount = {column!r} in the participation "
            "preset, or the Project table's amount (docs/mapping.md)")


def listed_partners(guessed: dict[str, str], rows: list[dict]) -> str | None:
    """The column whose cells list each project's partners (`Partner`: "A GmbH; B AG"), the organisations' name and
    id alike, as `mapping new` maps it; None when the organisations are one a row."""
    name = guessed.get("organisation_name")
    return name if name and guessed.get("organisation_id", name) == name and names_separator(rows, name) else None


def listed_amount_problem(prop: str, column: str, listed: str) -> str:
    """The sentence refusing `prop` read from `column` in a table whose `listed` cells list each project's partners."""
    return (f"{prop} is {column!r}, a column of each row, whose {listed!r} cell lists several partners: every partner "
            f"would be given the whole project's amount. Map {column!r} as the project's own amount: project_amount = "
            f"{column!r} in the participation preset, or the Project table's amount (docs/mapping.md)")


def project_grant(guessed: dict[str, str], partners: str | None, rows: list[dict]) -> tuple[str | None, str | None]:
    """(the amount column `guessed` holds that is each project's whole grant, the column listing the partners in one
    cell): beside a JSON list of `partners` objects or partners listed in a cell, the guessed `amount` is the
    project's, so it moves to `project_amount` in `guessed`. (None, ...) when the amount is each row's partner's."""
    in_a_cell = listed_partners(guessed, rows) if not partners else None
    amount = guessed.get("amount")
    if amount and (in_a_cell or partners and of_each_project(amount, partners)):
        guessed["project_amount"] = guessed.pop("amount")
        return amount, in_a_cell
    return None, in_a_cell
