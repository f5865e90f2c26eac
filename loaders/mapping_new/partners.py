"""A JSON table of projects whose partners are a list of objects in each project (`"partnere": [{"cvr": ...,
"navn": ..., "rolle": ...}]`), as project databases export them: `mapping new` reads the partners' columns from the
objects and writes the participation preset with `split = { column = "partnere" }`, one participation per object.
It had left `organisation_id` and `organisation_name` empty and said to map the list "with its own table", which the
preset refused ("unknown key 'split'"). See docs/mapping.md, "Tables as funders publish them".

A project's own field naming its lead (`"leadpartner": "Vindtek Esbjerg ApS"`, one of its `partnere`) is no
organisation column beside the list: the header words had taken it for one and the list was left out, every partner
but the lead lost. The list wins over such a field, which is left unused with a comment saying why."""

from __future__ import annotations

from collections.abc import Callable

from graph.store.search_text import fold
from loaders.json_tables import flat, objects_in
from loaders.table_cells import object_lists

__all__ = ["PARTNER_COLUMNS", "partner_list", "lead_notes", "rows_per_object"]

#: The preset's columns a partner object holds: what is said of one organisation in one project.
PARTNER_COLUMNS = ("organisation_id", "organisation_name", "role", "amount", "country", "region", "city", "sme",
                   "participation_key")
ORGANISATION = ("organisation_id", "organisation_name")


def partner_list(rows: list[dict], lines: list[int], object_lines: dict[int, dict[str, list[int]]],
                 guessed: dict[str, str], guess: Callable[[list[str]], dict[str, str]]
                 ) -> tuple[str, dict[str, str], list[dict], list[int], list[str]]:
    """(the list's column, the partner columns guessed in its objects, the rows and lines one per object, the
    table's own columns naming one of each row's objects: its lead) of the first list of objects that names an
    organisation, when the table's own header names none or only such a lead (`leadpartner`, guessed as the
    organisation's name); else ("", {}, rows, lines, []) as given. An object's line is its own (`object_lines`, row
    -> list -> its objects' lines, as `json_tables.per_object` reads them for `load csv`): the template's comments had
    named the line its project starts on. `guess` is `guess_columns`."""
    own = [guessed[name] for name in ORGANISATION if name in guessed]
    others = set(guessed.values()) - set(own) - {guessed.get("coordinator")}  # a `leadpartner` may name an object
    for column, items in object_lists(rows).items():
        found = {name: header for name, header in guess(items).items() if name in PARTNER_COLUMNS}
        if not set(ORGANISATION) & set(found):
            continue
        candidates = [h for h in dict.fromkeys(h for row in rows for h in row)
                      if h != column and not h.startswith(f"{column}.") and h not in others]
        leads = [h for h in candidates if _names_a_partner(rows, h, column, found)]
        if not set(own) <= set(leads):  # an organisation column of the table's own (a contacts list beside it)
            continue
        per_object = [pair for index, (row, line) in enumerate(zip(rows, lines, strict=True))
                      for pair in rows_per_object(row, line, object_lines.get(index, {}).get(column, []), column)]
        return column, found, [row for row, _ in per_object], [line for _, line in per_object], leads
    return "", {}, rows, lines, []


def lead_notes(leads: list[str], column: str, found: dict[str, str]) -> list[str]:
    """A comment on each column left unused for naming a project's lead among its partner objects."""
    role = found.get("role")
    why = (f"not needed, {role} says who leads" if role else
           f"no key of {column} says who leads, so the participations get no role")
    return [f"# {lead} names one of each project's {column}, its lead: {why}" for lead in leads]


def rows_per_object(row: dict, line: int, object_lines: list[int], column: str) -> list[tuple[dict, int]]:
    """The row once per object of its list `column`, each on the object's own line where known (a row without
    objects once, on its own line), its values as `column.key`."""
    objects = objects_in(row.get(column)) or [{}]
    return [({**row, **{f"{column}.{k}": v for k, v in flat(item).items()}},
             object_lines[n] if n < len(object_lines) else line) for n, item in enumerate(objects)]


def _names_a_partner(rows: list[dict], header: str, column: str, found: dict[str, str]) -> bool:
    """Whether the cells of the table's own column `header` name one of their row's objects in `column` (by a
    value of its organisation columns), in more than half the rows holding both."""
    keys = [found[name][len(column) + 1:] for name in ORGANISATION if name in found]
    held = named = 0
    for row in rows:
        cell, objects = fold(str(row.get(header) or "")), objects_in(row.get(column))
        if cell and objects:
            held += 1
            named += cell in {fold(str(value)) for item in objects if (values := flat(item))
                              for key in keys if (value := values.get(key)) is not None}
    return held > 0 and named * 2 > held
