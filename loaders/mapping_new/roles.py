"""Who leads a project, as `mapping new` reads it off a participation table: a lead column, or the role words.

A Bavarian grants table names each project's coordinator in a column of its own (`Konsortialführer`) beside a cell
listing the other partners (`Partner`); `mapping new` had left it among the columns not used, and the coordinator
was lost. A lead column (header words `HEADER_WORDS["coordinator"]`: Konsortialführer, Koordinator, lead partner,
projektledare, koordinaattori ...) becomes the preset's `coordinator` where the organisations are known by their
names, as a lead's cell names it; beside a role column, which says who leads already, or beside organisation
numbers, where a lead by name would be a second node beside its numbered one, it is left unused with a comment
saying why. See docs/mapping.md, "Tables as funders publish them".
"""

from __future__ import annotations

from graph.store.search_text import fold
from loaders.csv_header import HEADER_WORDS
from loaders.generic_rows import split_cell
from loaders.header_guess import guess_by_words
from loaders.mapping_new.listed_names import names_separator
from loaders.role_words import role_of
from loaders.table_cells import as_toml, sample_cells
from loaders.total_rows import total_word

__all__ = ["lead_column", "partnerless_rows", "role_word_lines"]


def lead_column(guessed: dict[str, str], rows: list[dict], at: list[int]) -> tuple[dict[str, str], list[str]]:
    """The guesses, with `coordinator` only where the preset should read it, and comment lines for the template's
    end: why a lead column is left unused, or which coordinators are also listed among their project's partners
    (one participation each, as coordinator). A lead column that is the table's only organisation column (a
    `Päätoteuttaja` or `Lead partner` alone) is the organisation's name, as it was guessed before."""
    lead = guessed.get("coordinator")
    if lead is None:
        return guessed, []
    others = {name: header for name, header in guessed.items() if name != "coordinator"}
    if not {"organisation_id", "organisation_name"} & set(others):
        return others | guess_by_words([lead], {"organisation_name": HEADER_WORDS["organisation_name"]}), []
    if role := others.get("role"):
        return others, [f"# {lead} names each project's lead: not needed, {role} says who leads"]
    name, number = others.get("organisation_name"), others.get("organisation_id")
    if number and number != name:
        return others, [f"# {lead} names each project's lead by name, while the organisations are known by {number}: "
                        f"coordinator = {as_toml(lead)} would make a second node of each lead beside its numbered one"]
    return guessed, _also_partners(lead, name, rows, at) if name else []


def partnerless_rows(name: str, guessed: dict[str, str], rows: list[dict], at: list[int]) -> tuple[str, str]:
    """(`, on_empty = "skip"`, its comment) for a partner list whose cell is empty on rows naming their coordinator
    (a project led by one organisation alone), else ("", ""): the lead is that project's one participation, and
    the empty cell had stopped the load (`the id is empty`)."""
    lead, partners = guessed.get("coordinator"), guessed.get("organisation_name")
    if name != "organisation_id" or not partners:
        return "", ""
    empty = [(row, line) for row, line in zip(rows, at, strict=True)
             if not str(row.get(partners) or "").strip() and not total_word(row)]  # Excel's total row: left out
    alone = [line for row, line in empty if lead and str(row.get(lead) or "").strip()]
    if alone:
        return ', on_empty = "skip"', (f"; {len(alone)} project(s) name no partner but their {lead} ({_lines(alone)}):"
                                       " skipped here, their coordinator still loaded")
    if empty:  # a project listing no partner had stopped the load (`the id is empty`)
        return ', on_empty = "skip"', (f"; {len(empty)} row(s) name no partner ({_lines([ln for _, ln in empty])}): "
                                       "skipped, and reported")
    return "", ""


def role_word_lines(guessed: dict[str, str], rows: list[dict]) -> list[str]:
    """A note on role words the preset does not recode, with the `roles` line that would."""
    if "role" not in guessed:
        return []
    if not (words := dict.fromkeys(c for c in sample_cells(rows, guessed["role"]) if role_of(c) is None)):
        return []
    shown = ", ".join(f'{as_toml(w)} = "participant"' for w in list(words)[:5])
    return ["", "# role words kept as written (the features count `coordinator`); to recode them, above [columns]:",
            f"# roles = {{ {shown} }}"]


def _also_partners(lead: str, partners: str, rows: list[dict], at: list[int]) -> list[str]:
    """A comment on the rows whose coordinator is also listed in their partners' cell: one participation, as
    coordinator (`loaders.mapping_preset_coordinator`), said so it is no surprise."""
    separator = names_separator(rows, partners) or ";"
    both = [line for row, line in zip(rows, at, strict=True) if (named := fold(str(row.get(lead) or "").strip()))
            and named in {fold(item.strip()) for item in split_cell(str(row.get(partners) or ""), separator)}]
    if not both:
        return []
    return [f"# {len(both)} project(s) list their {lead} in {partners} too ({_lines(both)}): one participation "
            "each, as coordinator"]


def _lines(lines: list[int]) -> str:
    from loaders.mapping_new.participation import on_lines  # which imports this module

    return on_lines(lines)
