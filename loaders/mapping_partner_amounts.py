"""A partner's amount beside a JSON list of partner objects: a column of the project (`Tildelt (NOK)`, the whole grant)
is read once per partner, so each partner was given the whole project's amount, and a project of three partners
showed three times its grant in `projects/partners`.

One rule for the two places that meet it: `mapping new` (maps such a column as the project's `project_amount`) and
the mapping check of a [[relationships]] table of participations with `split` over the objects
(`loaders.mapping_checks`: it refuses it, naming the line), which the participation preset's tables go through as a
hand-written one does.
"""

from __future__ import annotations

__all__ = ["of_each_project", "whole_amount_problem", "AMOUNTS"]

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
