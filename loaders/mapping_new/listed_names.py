"""Organisations listed in one cell with commas: `Comau S.p.A., Meccanica Brianzola S.r.l., STMicroelectronics S.r.l.`.

`mapping new` guesses a list's separator where it is `;` or `|` (`loaders.table_cells.list_separator`), never a
comma alone: a theme's name may hold one (`Energy, climate`), and so may a company's (`Acme, Inc.`). An Italian
POR-FESR table listed each project's partners with `, ` (one row with ` / `), and each cell was taken for one
organisation's name: `--check` called the mapping valid, and a load made an organisation named after three. A comma
separates names where the name before it ends in a legal form (S.p.A., S.r.l., GmbH, SAS: `graph.legal_forms`)
and what follows is more than a legal form; a column where a tenth of the cells list so is a list of names.
"""

from __future__ import annotations

from graph.legal_forms import LEGAL_FORMS, strip_legal_forms
from graph.names import fold
from loaders.table_cells import and_slash, as_toml, list_separator, sample_cells

__all__ = ["names_separator", "lists_names", "names_split"]


def names_separator(rows: list[dict], column: str) -> str | list[str] | None:
    """The separator (or separators) of a column whose cells list several organisations: `;` or `|`, or `, ` after
    a name ending in a legal form, with ` / ` and `, ` where other cells use them (`and_slash`); None when the cells
    hold one name each.

    >>> names_separator([{"p": "Comau S.p.A., Meccanica Brianzola S.r.l."}, {"p": "A S.r.l. / B"}], "p")
    [', ', ' / ']
    >>> names_separator([{"p": "Acme, Inc."}, {"p": "Energy, climate"}], "p") is None
    True
    """
    if mark := list_separator(rows, column):
        return and_slash(rows, column, mark)
    cells = sample_cells(rows, column)
    if not cells or sum(map(lists_names, cells)) < max(1, len(cells) / 10):
        return None
    return and_slash(rows, column, ", ")


def lists_names(cell: str) -> bool:
    """Whether `cell` holds a name ending in a legal form, then `, ` and more than a legal form (`Acme, Inc.` is one
    name; `Comau S.p.A., Politecnico di Milano` two)."""
    parts = [fold(part, ampersand=True) for part in cell.split(", ")]
    return any(strip_legal_forms(name) != name and following not in LEGAL_FORMS
               for name, following in zip(parts, parts[1:], strict=False))


def names_split(rows: list[dict], name: str, key: str) -> tuple[str | None, str]:
    """For a list whose `name` cells list several organisations: (the `split` line its node table and the tables
    linking its rows take, where the name is the id too, else None; what the name's `#?` comment adds). (None, "")
    when each cell holds one name: a list's cell of three partners had been offered as one organisation's name."""
    if not (listed := names_separator(rows, name)):
        return None, ""
    marks = " or ".join(map(as_toml, listed if isinstance(listed, list) else [listed]))
    split = f"split = {{ column = {as_toml(name)}, separator = {as_toml(listed)} }}"
    if key == name:
        return split, f"; cells list several, separated by {marks}: one organisation each"
    return None, (f"; but its cells list several names, separated by {marks}, one {key} a row: map them with the "
                  f"name as the id, id = {as_toml(name)} and {split}")
