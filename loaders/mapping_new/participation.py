"""A first mapping for a participation table, written from the table itself (`cluster-explorer mapping new`).

Issue 14's user needed four tries to map a national grants table. Most of what a mapping says can be read
off the file: which header is the project's number or the organisation's name (header words of the
languages our users' funders publish in), how dates and amounts are written, whether some rows lack an
organisation number. The template says what it guessed and leaves each guess for the user to check;
`load csv --check` then checks it against the file. Nothing here is loaded or written to a store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from graph import values
from loaders.compact_keys import compact_key
from loaders.county_numbers import earlier_said, numbers_said
from loaders.csv_header import HEADER_WORDS, SEPARATORS
from loaders.header_guess import PARTICIPATION_IDS, guess_by_words
from loaders.mapping_new.amounts import amount_lines
from loaders.mapping_new.listed_names import names_separator
from loaders.mapping_new.partners import lead_notes, partner_list
from loaders.mapping_new.region_column import (
    county_numbers_in,
    national_country,
    region_guesses,
    region_value,
    undecided_numbers,
)
from loaders.mapping_new.roles import lead_column, partnerless_rows, role_word_lines
from loaders.mapping_partner_amounts import project_grant
from loaders.mapping_presets import PARTICIPATION_COLUMNS
from loaders.table_cells import (
    DATE_FORMATS,
    NOT_WORD,
    as_toml,
    date_format,
    list_separator,
    object_lists_note,
    read_table,
    sample_at,
    sample_cells,
    unread_dates,
    unread_said,
    with_encoding,
)

__all__ = ["HEADER_WORDS", "DATE_FORMATS", "participation_template", "guess_columns", "guess_by_words", "guesses",
           "template_shape", "on_lines", "spaced_numbers"]

#: Preset columns whose cell may list several items (`split` in the tables the preset makes).
LISTS = ("sector", "programme", "organisation_id", "organisation_name")
#: Of those, a project's partners listed in one cell ("Volvo AB; Chalmers"): the id and the name are that cell.
PARTNER_LISTS = ("organisation_id", "organisation_name")


def guess_columns(headers: Iterable[str]) -> dict[str, str]:
    """The preset's column names -> the header that most likely holds each (each header used once).

    >>> guess_columns(["Prosjektnummer", "Organisasjonsnummer", "Organisasjonsnavn", "Land"])
    {'project_id': 'Prosjektnummer', 'organisation_id': 'Organisasjonsnummer', 'organisation_name': \
'Organisasjonsnavn', 'country': 'Land'}
    """
    guessed = guess_by_words(headers, HEADER_WORDS, PARTICIPATION_IDS)
    return {name: guessed[name] for name in PARTICIPATION_COLUMNS if name in guessed}


def participation_template(data: Path | str, file: str | None = None, notes: list[str] | None = None,
                           encoding: str | None = None) -> str:
    """A participation-preset mapping for the table `data`, its guesses marked; `file` is the table's path as the
    mapping names it (default: its name, for a mapping saved next to it); what the user must fix in the table
    (amounts no guess reads, by file, line and column) also goes to `notes`, for the command's output. A table
    naming no project but names (a cluster list) gets a mapping of a list instead (`loaders.mapping_new.lists`).
    The table is read in `encoding` (default: detected), which the mapping then names when it is not UTF-8."""
    return with_encoding(_template(Path(data), file, notes, encoding), Path(data), encoding)


def _template(data: Path, file: str | None, notes: list[str] | None, encoding: str | None) -> str:
    headers, rows, separator, above, at, object_at = read_table(data, encoding)
    guessed = region_guesses(guess_columns(headers), rows)
    if not {"project_id", "project_title", "project_acronym"} & set(guessed):
        from loaders.mapping_new.lists import list_template  # a list of clusters or organisations, no projects

        if (listed := list_template(data, file, headers, rows, separator, above, at, object_at)) is not None:
            return listed
    partners, in_objects, rows, at, leads = partner_list(rows, at, object_at, guessed, guess_columns)  # JSON partners
    guessed = {name: header for name, header in guessed.items() if header not in leads} | in_objects  # not its lead's
    guessed, lead_said = lead_column(guessed, rows, at)  # `Konsortialführer` beside a `Partner` cell: coordinator
    whole, in_a_cell = project_grant(guessed, partners, rows)  # `Tildelt (NOK)` beside the partners: not each one's
    lines = [f"# A mapping for {data.name}, one row per participation, made by `cluster-explorer mapping new`",
             "# from the file's header and cells. Check each guess (marked #?), then:",
             "#   cluster-explorer load csv THIS-FILE --check",
             "# The preset and each column's meaning: docs/mapping.md, \"Tables as funders publish them\".",
             f"name = {as_toml(NOT_WORD.sub('-', data.stem.casefold()).strip('-') or 'participations')}",
             'preset = "participation"', f"file = {as_toml(file or data.name)}"]
    if separator is not None:
        lines.append(f"separator = {as_toml(separator)}  # {SEPARATORS[separator]}, as read from the header")
    if partners:
        lines.append(f"split = {{ column = {as_toml(partners)} }}  #? one participation per object of {partners}, "
                     "the project's partners")
    if above:
        lines.append(f"skip_lines = {above}  #? the header is on line {above + 1}; the lines above it look like a "
                     "title or notes")
    lines += _formats(guessed, rows, at, data.name, notes)
    if "organisation_name" in guessed:  # the option reads the names: offered (not set) once a column holds them
        lines.append('# match = "name"  # uncomment: an organisation, programme or sector whose id the store lacks '
                     "takes the store's node of its name (a seed cluster, a CORDIS partner) instead of making a second "
                     "one; a name several nodes share then stops the load")
    lines += ["", "[columns]"]
    named_by = {"organisation_id": ("organisation_name",), "project_id": ("project_acronym", "project_title")}
    without = {name: {line: row for row, line in zip(rows, at, strict=True) if not str(row.get(key) or "").strip()}
               for name in ("project_id", "organisation_id") if (key := guessed.get(name))}
    spaced = {name: found for name in ("project_id", "organisation_id") if name in guessed
              and (found := spaced_numbers(rows, at, guessed[name], hyphens=name == "organisation_id"))}
    for name, (required, what) in PARTICIPATION_COLUMNS.items():
        by_name = next((guessed[n] for n in named_by.get(name, ()) if n in guessed), None)
        column = guessed.get(name) or (by_name if name == "organisation_id" else None)
        listing = names_separator if name in PARTNER_LISTS else list_separator  # `;` and ` / `, `, ` after S.p.A.
        if name in LISTS and column and (listed := listing(rows, column)) and (
                name not in PARTNER_LISTS or guessed.get("organisation_name") == column):
            skip, alone = partnerless_rows(name, guessed, rows, at)  # a project led by its coordinator alone
            marks = listed if isinstance(listed, list) else [listed]
            lines.append(f"{name} = {{ column = {as_toml(column)}, separator = {as_toml(listed)}{skip} }}  #? {what}; "
                         f"cells list several, separated by {' or '.join(map(as_toml, marks))}"
                         + (": one participation each, the name as the id" if name in PARTNER_LISTS else "") + alone)
        elif without.get(name) and (name == "project_id" or "organisation_name" in guessed):
            lines.append(_empty_key(name, guessed, without[name], what, spaced.get(name)))
        elif name in spaced:
            lines.append(f"{name} = {{ column = {as_toml(guessed[name])}, compact = true }}  #? {what}; "
                         f"{spaced[name]}")
        elif name == "region" and name in guessed and (numbers := county_numbers_in(guessed, rows)):
            lines.append(f"region = {region_value(guessed[name], numbers)}  #? {what.split(' (')[0]}: the cells are "
                         f"{numbers_said(sample_cells(rows, guessed[name]), numbers)}, each read as its NUTS 3 region"
                         + (f" ({said})" if (said := earlier_said(sample_cells(rows, guessed[name]), numbers)) else "")
                         + ("; a row's region places every partner its cell lists: check it is each partner's, not "
                            "only the project's" if in_a_cell else ""))
        elif name == "region" and name in guessed and (undecided := undecided_numbers(guessed, rows)):
            lines.append(f"region = {as_toml(guessed[name])}  #? {what.split(' (')[0]}: {undecided}")
        elif name == "amount" and whole and partners:
            lines.append(f"# amount = \"\"  # a partner's own amount, by its path ({partners}.KEY); {as_toml(whole)} "
                         f"is the project's whole grant, mapped as project_amount")
        elif name == "project_amount" and whole:
            lines.append(f"project_amount = {as_toml(whole)}  #? {what}: of each project, not of its "
                         + (partners or f"partners listed in {in_a_cell}"))
        elif name in guessed:
            lines.append(f"{name} = {as_toml(guessed[name])}  #? {what}")
        elif by_name:  # no number column: the name is the key
            lines.append(f"{name} = {as_toml(by_name)}  #? {what}: {_name_as_id(name)}")
        elif name == "country" and "region" in guessed:  # regions need their country: a national table's own
            code, comment = national_country(guessed["region"], sample_cells(rows, guessed["region"]),
                                             numbers=county_numbers_in(guessed, rows))
            lines.append(f'country = {{ value = "{code}" }}  {comment}')
        elif required and not (name == "project_title" and "project_acronym" in guessed):
            lines.append(f'{name} = ""  # needed: the column of the {what}; none of the header looked like it')
        elif name == "project_title" and "project_acronym" not in guessed and _named(rows, guessed.get("project_id")):
            lines.append(f'{name} = {as_toml(guessed["project_id"])}  #? {what}: no column names the projects but '
                         f'their id, whose cells are names')
        elif name == "project_title" and "project_acronym" not in guessed:
            lines.append(f'{name} = ""  # needed (or project_acronym): the column of the {what}')
        else:
            lines.append(f'# {name} = ""  # {what}')
    unused = [h for h in headers if h and h not in guessed.values() and h not in (partners, whole)]
    if unused:
        lines.append(f"# columns not used: {', '.join(unused)}")
    lines += lead_notes(leads, partners, in_objects) + lead_said
    lines += object_lists_note([{k: v for k, v in row.items() if k != partners and not k.startswith(f"{partners}.")}
                                for row in rows] if partners else rows) + role_word_lines(guessed, rows)
    return "\n".join(lines) + "\n"


def guesses(template: str) -> int:
    """How many guesses a template marks for the user to check (`#?`)."""
    return sum(1 for line in template.splitlines() if "  #? " in line)


def template_shape(template: str) -> str:
    """What one row of the table is, as the template's first line says (`participation`, `cluster`,
    `organisation`): both templates start `# A mapping for FILE, one row per SHAPE, ...`."""
    shape = re.match(r"# A mapping for .*?, one row per (\w+),", template)
    return shape.group(1) if shape else "participation"


def _formats(guessed: dict[str, str], rows: list[dict], at: list[int], file: str, notes: list[str] | None
             ) -> list[str]:
    """`date_format`, `decimal` and `thousands` lines where the cells call for them (`notes`: as in
    `participation_template`)."""
    lines = []
    dated = [pair for name in ("start_date", "end_date") if name in guessed
             for pair in sample_at(rows, at, guessed[name])]
    dates = [cell for _, cell in dated]
    if dates:
        fmt = date_format(dates)
        odd = unread_said(dated, unread_dates(dates, fmt), file, "date(s) none of them reads") if fmt else ""
        if fmt is None:
            lines.append(f"# date_format = \"\"  # dates like {as_toml(dates[0])}: no common format reads them all; "
                         "write theirs (Python strptime codes), one or a list")
        elif isinstance(fmt, list):
            like = " and ".join(as_toml(_like(dates, f)) for f in fmt)
            lines.append(f"date_format = {as_toml(fmt)}  #? dates written {len(fmt)} ways, like {like}; a date is read "
                         f"with the first that fits{odd}")
        elif fmt != values.ISO_DATE:
            lines.append(f"date_format = {as_toml(fmt)}  #? dates like {as_toml(_like(dates, fmt))}{odd}")
        elif odd:
            lines.append(f"# date_format = {as_toml(fmt)}  # the default{odd}")
    return lines + amount_lines(guessed, rows, at, file, notes)


def _empty_key(name: str, guessed: dict[str, str], without: dict[int, dict], what: str, spaced: str | None) -> str:
    """The key's line with its own `on_empty`: a row without a project number is skipped, one without an
    organisation number names its organisation by its name. One rule for both keys skipped every row without an
    organisation number once one project number was missing, or named that project after its organisation.
    Rows that name no organisation at all (an Excel sheet's `Summa` row under the grants) are skipped: the
    placeholder had needed a name they lack, and `load csv` refused the mapping `mapping new` had written; beside a
    row that has a name (a partner without a business id), by the placeholder's `otherwise = "skip"`. `without`: the
    sampled rows without the key, by line."""
    column, rows = as_toml(guessed[name]), f"{len(without)} row(s) have none ({on_lines([*without])})"
    column += ", compact = true" if spaced else ""
    also = f"; {spaced}" if spaced else ""
    if name == "project_id":
        return (f'{name} = {{ column = {column}, on_empty = "skip" }}  #? {what}; {rows}: skipped, and reported (no '
                f"project, participation, programme or sector from them; the row's organisation is still loaded){also}")
    named = [line for line, row in without.items() if str(row.get(guessed["organisation_name"]) or "").strip()]
    if not named:
        return (f'{name} = {{ column = {column}, on_empty = "skip" }}  #? {what}; {rows} and no organisation name '
                f"either (a total or an empty row): skipped, and reported{also}")
    placeholder = as_toml("name:{" + guessed["organisation_name"] + "}")
    if not (nameless := [line for line in without if line not in named]):
        return (f"{name} = {{ column = {column}, on_empty = {{ placeholder = {placeholder} }} }}  #? {what}; {rows}: "
                'named by their organisation name, name:<name>, and reported (or on_empty = "skip" to leave them '
                "out)" + also)
    return (f'{name} = {{ column = {column}, on_empty = {{ placeholder = {placeholder}, otherwise = "skip" }} }}  #? '
            f"{what}; {rows}: {on_lines(named)}: named by their organisation name, name:<name>, and reported; "
            f"{on_lines(nameless)}, which names no organisation either (a total or an empty row): skipped, and "
            f"reported{also}")


def spaced_numbers(rows: list[dict], at: list[int], column: str, hyphens: bool) -> str:
    """`3 number(s) are written with spaces (line 268: "919 303 808"): compact reads them without ...`, or "" when
    no cell of the key column is digits in groups: such a table writes the same organisation number both ways, two
    nodes where one is meant, unless the key is read `compact`. `hyphens`: a hyphen or dot between digits counts
    too (an organisation number: Sweden's 556051-4142, Finland's 1234567-8, written plain in another table); a
    project number keeps its hyphen (Vinnova's 2021-01234 is written so throughout)."""
    found = [(line, cell) for row, line in zip(rows, at, strict=True)
             if (cell := " ".join(str(row.get(column) or "").split())) != (plain := compact_key(cell))
             and plain.isdigit() and (hyphens or cell.replace(" ", "") == plain)]
    if not found:
        return ""
    how = " or ".join(w for w, marks in (("spaces", " "), ("hyphens", "-"), ("dots", ".")) if any(
        mark in cell for _, cell in found for mark in marks)) or "hyphens"
    return (f"{len(found)} number(s) are written with {how} ({on_lines([line for line, _ in found])}: "
            f"{as_toml(found[0][1])}): compact reads them without, as another row or table may write them")


def on_lines(lines: list[int]) -> str:
    """`line 202`, or `lines 11, 13, 33, 38, 41 and 93 more`."""
    lines = list(dict.fromkeys(lines))  # objects of a JSON list may share their line
    shown = ", ".join(map(str, lines[:5])) + (f" and {len(lines) - 5} more" if len(lines) > 5 else "")
    return f"line{'s' if len(lines) > 1 else ''} {shown}"


def _named(rows: list[dict], column: str | None) -> bool:
    """Whether a project id's cells are names of words (`Älykäs konepaja 2025`), not numbers or codes (`INNO-2201`): a
    Finnish table's `Hanke` had its title left "", and `load csv` refused the draft until the user wrote it again."""
    cells = sample_cells(rows, column) if column else []
    return bool(cells) and sum(" " in c and any(ch.isalpha() for ch in c) for c in cells) * 2 > len(cells)


def _name_as_id(name: str) -> str:
    """Why a name as the id needs checking: two projects named "Förstudie" were silently loaded as one."""
    what, number = (("projects", "project number (Diarienr, grant number)") if name == "project_id" else
                    ("organisations", "organisation number (Org.nr, VAT number)"))
    return (f"no column of numbers found, so the name is the id: {what} sharing a name become ONE node, their rows "
            f"merged; if the table has a {number}, set {name} to that column")


def _like(dates: list[str], fmt: str) -> str:
    """The first of `dates` that `fmt` reads (one of a column written several ways)."""
    for date in dates:
        try:
            values.as_date(date, (fmt,))
        except values.BadValue:
            continue
        return date
    return ""

