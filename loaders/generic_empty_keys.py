"""An empty key is one problem per row, however many tables of its file need that row's keys.

A participation table serves three tables (its projects, its organisations, the `PARTICIPATES_IN` between them), so
a row without its project and its organisation number was four problems: each key column's empty id, then the
relationship's empty start and end. The user has one thing to mend, the row, so it is said once, naming every empty
key column (`t.csv:3 [Prosjekt, Orgnr]`); a row with one empty key keeps its first problem (the node's id). A key
whose `on_empty` placeholder needs cells the row leaves empty too (an Excel total row under a grants sheet, naming no
organisation) is that one problem as well: its organisation's id, its name and its participation's start had been
three.
"""

from __future__ import annotations

from graph.errors import Problem

__all__ = ["EMPTY_CELL", "EMPTY_KEY", "EMPTY_KEY_HINT", "empty_key", "empty_placeholder", "one_per_row"]

#: What mends an empty key, ending every such problem.
EMPTY_KEY_HINT = "(set on_empty in the mapping to skip such rows or give them a placeholder id)"
#: The `Problem.kind` of an empty key, by which `one_per_row` knows them (not by the message: a cell's text that
#: ends as the hint does is no empty key).
EMPTY_KEY = "empty key"
#: The `Problem.kind` of an empty cell a table needs besides its keys (a node's name): said with the row's empty key
#: when that key's placeholder needed the same cell.
EMPTY_CELL = "empty cell"


def empty_key(where: tuple[str, int], column: str, what: str) -> Problem:
    """The problem of an empty key `column` (`what` the table needs it as: "id", "start (Organisation id)")."""
    return Problem(*where, column, f"the {what} is empty {EMPTY_KEY_HINT}", mapping_can_fix=True, kind=EMPTY_KEY)


def empty_placeholder(where: tuple[str, int], column: str, what: str, empty: tuple[str, ...]) -> Problem:
    """The problem of an empty key `column` whose `on_empty` placeholder needs the cells `empty` the row leaves empty
    too; `value` holds them, so that `one_per_row` says the row's empty name (one of them) with it."""
    return Problem(*where, column, f"the {what} is empty, and so is {', '.join(empty)}, which its on_empty placeholder "
                   'needs (or add otherwise = "skip" to the placeholder to skip such rows)', mapping_can_fix=True,
                   kind=EMPTY_KEY, value=empty)


def one_per_row(problems: list[Problem]) -> list[Problem]:
    """`problems` with the empty keys of each row (file and line) said once, where the first was, naming every empty
    key column of the row; the other problems as they were, in their order.

    Examples
    --------
    >>> row = ("t.csv", 3)
    >>> found = [empty_key(row, "Prosjekt", "id"), empty_key(row, "Orgnr", "id"),
    ...          empty_key(row, "Orgnr", "start (Organisation id)"), Problem("t.csv", 4, "Navn", "the name is empty")]
    >>> [str(p) for p in one_per_row(found)]  # doctest: +NORMALIZE_WHITESPACE
    ['t.csv:3 [Prosjekt, Orgnr]: the keys Prosjekt and Orgnr are both empty (set on_empty in the mapping to skip
      such rows or give them a placeholder id)', 't.csv:4 [Navn]: the name is empty']
    """
    by_row: dict[tuple[str, int | None], list[Problem]] = {}
    for problem in problems:
        if problem.kind == EMPTY_KEY:
            by_row.setdefault((problem.file, problem.line), []).append(problem)
    said = []
    for problem in problems:
        row = by_row.get((problem.file, problem.line)) if problem.kind in (EMPTY_KEY, EMPTY_CELL) else None
        if problem.kind == EMPTY_CELL and row and any(problem.field in (p.value or ()) or problem.field == p.field
                                                      for p in row):
            continue  # the name a placeholder needed, or the key's own cell (a project named by its acronym, its id)
        if row is None or problem.kind == EMPTY_CELL:
            said.append(problem)
        elif problem is row[0]:
            columns = list(dict.fromkeys(p.field for p in row if p.field))
            said.append(problem if len(columns) < 2 else Problem(
                problem.file, problem.line, ", ".join(columns), f"the keys {', '.join(columns[:-1])} and {columns[-1]} "
                f"are {'both ' if len(columns) == 2 else ''}empty {EMPTY_KEY_HINT}", mapping_can_fix=True,
                kind=EMPTY_KEY))
    return said
