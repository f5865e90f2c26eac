"""Role words: a participation's role as a national table writes it, read as the roles the features read.

The features read `PARTICIPATES_IN.role` in CORDIS's words (`coordinator`, `participant`, `associatedPartner`,
`thirdParty`; graph.store.semantics): the activity counts and `projects/coordinators` count `coordinator`. A
Norwegian, Swedish, Finnish, Danish or Icelandic table writes `Prosjektansvarlig`, `Samordnare`,
`Koordinaattori`; loaded as written, none of its coordinators was counted. `ROLE_WORDS` is the one table of such
words: the generic loader reads every `PARTICIPATES_IN` role column by it (`with_role_words`), the participation
preset and `cluster-explorer mapping new` (`loaders.mapping_new.participation`) rely on it, and a mapping's own `values`
recode on the column (the preset's `roles`) wins over it. A word is looked up by `role_key`, which sets case, spaces,
`_` and `-` aside: a user's table writes CORDIS's `associatedPartner` as `Associated partner` or `ASSOCIATED_PARTNER`,
which were kept as written and then matched no feature (no two words of the table meet so, a test checks).
`role_notes` says in the load's summary how many cells were read so, and names each word no table knows (kept as
written, with the `values` line that recodes it).

`partner` is `participant` here, though CORDIS's Horizon 2020 files write `partner` for an organisation that takes
part without signing the grant agreement or receiving EU funds (`load cordis` keeps CORDIS's word): in a national
table (Forskningsrådet's, Vinnova's, Interreg's) a partner is a member of the consortium, funded or not. A column
that also writes CORDIS's own `thirdParty` or `associatedPartner` looks like such a file: `role_notes` then says how
to keep `partner` (docs/mapping.md, Roles).
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterator

from loaders.csv_tables import Table
from loaders.json_tables import per_object
from loaders.mapping_spec import Column, FileSpec
from loaders.table_cells import as_toml

__all__ = ["ROLE_WORDS", "CONTRACT_ROLES", "role_key", "role_of", "role_column", "with_role_words", "role_notes"]

#: The roles the features read (CORDIS's words), kept as they are.
CONTRACT_ROLES = ("coordinator", "participant", "associatedPartner", "thirdParty")
#: Role words of national tables (case-folded) -> the role the features read.
ROLE_WORDS = {word: "coordinator" for word in (
    "coordinator", "koordinator", "prosjektansvarlig", "prosjektleder", "hovedsøker", "søker", "projektledare",
    "projektkoordinator", "samordnare", "huvudsökande", "lead", "lead partner", "projektansvarlig", "projektleder",
    "ansøger", "hovedansøger", "koordinaattori", "päätoteuttaja", "hakija", "verkefnisstjóri", "umsækjandi",
    "aðalumsækjandi", "konsortialführer", "projektleiter", "antragsteller", "hauptantragsteller",
    # the other languages the activity counts read as coordinating (loaders.derived.COORDINATOR_ROLES)
    "coordinating", "koordinaator", "coordinateur", "coordinatore", "coordinador", "coordenador", "coördinator",
    "koordynator", "koordinátor")}
ROLE_WORDS |= {word: "participant" for word in (
    "participant", "partner", "deltaker", "deltager", "samarbeidspartner", "projektpartner", "medsökande",
    "samarbetspartner", "beneficiary", "samarbejdspartner", "medansøger", "partneri", "osatoteuttaja", "kumppani",
    "yhteistyökumppani", "samstarfsaðili", "þátttakandi", "meðumsækjandi", "konsortialpartner", "mitantragsteller")}
#: Examples of a note, and of a recode, shown at most.
_SHOWN = 5
#: CORDIS's own words that no national table writes as they are: with `partner`, the column may be a CORDIS file's.
_CORDIS_ONLY = ("thirdParty", "associatedPartner")


def role_key(cell: str) -> str:
    """A role word as `ROLE_WORDS` and `CONTRACT_ROLES` are looked up: case-folded, without spaces, `_` and `-`.

    >>> role_key("ASSOCIATED_PARTNER"), role_key(" Associated partner"), role_key("Lead-Partner")
    ('associatedpartner', 'associatedpartner', 'leadpartner')
    """
    return re.sub(r"[\s_-]+", "", cell.casefold())


#: role_key -> the role the features read: the table's words and the contract's roles, in any case or spacing.
_BY_KEY = {role_key(word): role for word, role in ROLE_WORDS.items()} | {role_key(r): r for r in CONTRACT_ROLES}


def role_of(cell: str) -> str | None:
    """The role the features read that the cell is (`Prosjektansvarlig`: coordinator; `ASSOCIATED_PARTNER`:
    associatedPartner), or None for a word no table knows."""
    return _BY_KEY.get(role_key(cell))


def role_column(spec: FileSpec) -> Column | None:
    """The column of `spec` read as a participation's role: a `PARTICIPATES_IN` table's `role` read as text."""
    if spec.kind != "relationships" or spec.type != "PARTICIPATES_IN":
        return None
    return next((c for c in spec.properties if c.property == "role" and c.type == "string" and not c.constant), None)


def _rows(spec: FileSpec, table: Table) -> Iterator[tuple[dict, int]]:
    """The table's (row, line) pairs as the table reads them: with `split` on a JSON list of objects, one per object,
    its values as `column.key` (a role column `partnere.rolle` of a project's `partnere`: read from the rows as
    they are, it was no cell of any row, so its words were kept as written and the note said none had a role)."""
    column = spec.split[0] if spec.split else None
    for index, (row, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        yield from (column and per_object(table, index, row, line, column)) or [(row, line)]


def with_role_words(spec: FileSpec, table: Table) -> FileSpec:
    """`spec` with its role column reading the table's cells by `role_of`, under the mapping's own `values` (which
    win, in any spelling of their words too); any other table as it is. The recode holds the cells `table` writes
    (case-folded, as `values` are), so `Associated partner` finds its role as `associated partner`."""
    column = role_column(spec)
    if column is None:
        return spec
    own = {role_key(word): value for word, value in column.recode.items()}
    cells = {cell.strip().casefold() for row, _ in _rows(spec, table)
             if isinstance(cell := row.get(column.column), str)}
    read = {folded: value for folded in cells if folded not in column.recode
            and (value := own.get(role_key(folded), role_of(folded))) is not None}
    read = dataclasses.replace(column, recode={**read, **column.recode})
    return dataclasses.replace(spec, properties=tuple(read if c is column else c for c in spec.properties))


def role_notes(spec: FileSpec, table: Table, skipped: frozenset[int] = frozenset()) -> list[str]:
    """What the role words did to the table's role cells: how many were read as which role from which word, and
    each word no table knows, kept as written (file, first line, column), with the recode that reads it. `spec`
    is the mapping's own (its `values` are the user's). The rows on the lines `skipped` (`on_empty`: an Excel total
    row) are no participations: they had been counted as loaded without a role."""
    column = role_column(spec)
    if column is None:
        return []
    rows = [(row, line) for row, line in _rows(spec, table) if line not in skipped]
    cells = Counter(cell.strip() for row, _ in rows if isinstance(cell := row.get(column.column), str))
    read: Counter = Counter()  # (role, word as first written) -> cells
    unknown: dict[str, int] = {}  # word as first written -> cells
    spelled: dict[str, str] = {}  # case-folded -> first spelling
    own = {role_key(word) for word in column.recode}
    loose: Counter = Counter()  # cells read once case, spaces, `_` and `-` are set aside
    for cell, n in cells.items():  # distinct cells: a table of 690,000 rows holds a handful
        if not cell or (folded := cell.casefold()) in column.recode or role_key(cell) in own:
            continue
        if role := role_of(cell):
            if role != cell:  # `coordinator` as written is no news
                read[role, spelled.setdefault(folded, cell)] += n
            if folded not in ROLE_WORDS and role != cell:  # CORDIS's role in another case, a word spaced otherwise
                loose[spelled[folded]] += n
        else:
            word = spelled.setdefault(folded, cell)
            unknown[word] = unknown.get(word, 0) + n
    notes = []
    if read:
        said = (f"; {loose.total():,} of them read once case, spaces, '_' and '-' are set aside: "
                f"{', '.join(f'{word!r} {n:,}' for word, n in loose.most_common(_SHOWN))}" if loose else "")
        notes.append(f"{spec.file} [{column.column}]: {read.total():,} role(s) read as the roles the features count: "
                     f"{_read_as(read)}{said} (a `values` recode on the column wins)")
    if unknown:
        notes.append(_unknown_note(spec, column, unknown, _first_lines(rows, column.column, spelled, unknown)))
    notes += _cordis_partner(spec, column, cells, own)
    if cells.get("") or len(rows) > cells.total():  # blank cells, or rows without the cell (JSON)
        notes += _empty_note(spec, column, rows)
    return notes


def _cordis_partner(spec: FileSpec, column: Column, cells: Counter, own: set[str]) -> list[str]:
    """A note when the column reads `partner` as participant but also writes CORDIS's own roles as CORDIS writes
    them: in a CORDIS Horizon 2020 file `partner` takes part without signing the grant agreement or EU funds."""
    partners = sum(n for cell, n in cells.items() if role_key(cell) == "partner")
    cordis = [word for word in _CORDIS_ONLY if cells.get(word)]
    if not partners or not cordis or "partner" in own:
        return []
    return [f"{spec.file} [{column.column}]: {partners:,} 'partner' cell(s) read as participant, but the column also "
            f"writes CORDIS's own {', '.join(map(repr, cordis))}: in CORDIS's Horizon 2020 files `partner` is an "
            "organisation taking part without signing the grant agreement or receiving EU funds (`load cordis` keeps "
            "the word); if this table is such a file, keep it: role = { column = "
            f'{as_toml(column.column)}, values = {{ "partner" = "partner" }} }}']


def _empty_note(spec: FileSpec, column: Column, rows: list[tuple[dict, int]]) -> list[str]:
    """The participations of `table` without a role: loaded all the same, none counted as coordinating (they had
    loaded without a word, though the activity counts and `projects/coordinators` pass them by)."""
    lines = [line for row, line in rows
             if (cell := row.get(column.column)) is None or (isinstance(cell, str) and not cell.strip())]
    if not lines:
        return []
    shown = ", ".join(map(str, lines[:3])) + (" ..." if len(lines) > 3 else "")
    return [f"{spec.file}:{lines[0]} [{column.column}]: {len(lines):,} participation(s) with no role (line"
            f"{'s' if len(lines) > 1 else ''} {shown}), loaded without one: none of them is counted as coordinating "
            "(activity counts, `projects/coordinators`); fill the cells to count them"]


def _read_as(read: Counter) -> str:
    """`12 as coordinator from 'Koordinator', 35 as participant (from 'Partner' 30, 'Deltaker' 5)`."""
    by_role: dict[str, list[tuple[str, int]]] = {}
    for (role, word), n in read.most_common():
        by_role.setdefault(role, []).append((word, n))
    parts = []
    for role, words in sorted(by_role.items(), key=lambda item: (-sum(n for _, n in item[1]), item[0])):
        total = sum(n for _, n in words)
        parts.append(f"{total:,} as {role} from {words[0][0]!r}" if len(words) == 1 else
                     f"{total:,} as {role} (from {', '.join(f'{word!r} {n:,}' for word, n in words)})")
    return ", ".join(parts)


def _first_lines(rows: list[tuple[dict, int]], column: str, spelled: dict[str, str],
                 unknown: dict[str, int]) -> dict[str, list[int]]:
    """The first three lines of each unknown word (in any case), read until each has them."""
    lines: dict[str, list[int]] = {word: [] for word in unknown}
    wanted = len(unknown)
    for row, line in rows:
        cell = row.get(column)
        word = spelled.get(cell.strip().casefold()) if isinstance(cell, str) else None
        if word in lines and len(lines[word]) < 3:
            lines[word].append(line)
            wanted -= len(lines[word]) == 3
            if not wanted:
                break
    return lines


def _unknown_note(spec: FileSpec, column: Column, unknown: dict[str, int], lines: dict[str, list[int]]) -> str:
    first = min(at[0] for at in lines.values())
    words = sorted(unknown.items(), key=lambda item: (-item[1], lines[item[0]][0]))
    shown = "; ".join(f"{word!r} {n:,} (line{'s' if n > 1 else ''} {', '.join(map(str, lines[word]))}"
                      f"{' ...' if n > 3 else ''})" for word, n in words[:_SHOWN])
    more = f" and {len(words) - _SHOWN} more" if len(words) > _SHOWN else ""
    recode = ", ".join(f'{as_toml(word.casefold())} = "participant"' for word, _ in words[:_SHOWN])
    return (f"{spec.file}:{first} [{column.column}]: {len(words)} role word(s) no table knows, kept as written: "
            f"{shown}{more}; the features count `coordinator` as coordinating: if they are roles, recode them on the "
            f"column, each to \"coordinator\" or \"participant\": role = {{ column = {as_toml(column.column)}, "
            f"values = {{ {recode} }} }} (participation preset: roles = {{ {recode} }} above [columns])")
