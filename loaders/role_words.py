"""Role words: a participation's role as a national table writes it, read as the roles the features read.

The features read `PARTICIPATES_IN.role` in CORDIS's words (`coordinator`, `participant`, `associatedPartner`,
`thirdParty`; graph.store.semantics): the activity counts and `projects/coordinators` count `coordinator`. A
Norwegian, Swedish, Finnish, Danish or Icelandic table writes `Prosjektansvarlig`, `Samordnare`,
`Koordinaattori`; loaded as written, none of its coordinators was counted. `ROLE_WORDS` is the one table of such
words: the generic loader reads every `PARTICIPATES_IN` role column by it (`with_role_words`), the participation
preset and `cluster-explorer mapping new` (`loaders.mapping_template`) rely on it, and a mapping's own `values`
recode on the column (the preset's `roles`) wins over it. `role_notes` says in the load's summary how many cells
were read so, and names each word no table knows (kept as written, with the `values` line that recodes it).
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from loaders.csv_tables import Table
from loaders.mapping_spec import Column, FileSpec
from loaders.table_cells import as_toml

__all__ = ["ROLE_WORDS", "CONTRACT_ROLES", "role_column", "with_role_words", "role_notes"]

#: The roles the features read (CORDIS's words), kept as they are.
CONTRACT_ROLES = ("coordinator", "participant", "associatedPartner", "thirdParty")
#: Role words of national tables (case-folded) -> the role the features read.
ROLE_WORDS = {word: "coordinator" for word in (
    "coordinator", "koordinator", "prosjektansvarlig", "prosjektleder", "hovedsøker", "søker", "projektledare",
    "projektkoordinator", "samordnare", "huvudsökande", "lead", "lead partner", "projektansvarlig", "projektleder",
    "ansøger", "hovedansøger", "koordinaattori", "päätoteuttaja", "hakija", "verkefnisstjóri", "umsækjandi",
    "aðalumsækjandi",
    # the other languages the activity counts read as coordinating (loaders.derived.COORDINATOR_ROLES)
    "coordinating", "koordinaator", "coordinateur", "coordinatore", "coordinador", "coordenador", "coördinator",
    "koordynator", "koordinátor")}
ROLE_WORDS |= {word: "participant" for word in (
    "participant", "partner", "deltaker", "deltager", "samarbeidspartner", "projektpartner", "medsökande",
    "samarbetspartner", "beneficiary", "samarbejdspartner", "medansøger", "partneri", "osatoteuttaja", "kumppani",
    "yhteistyökumppani", "samstarfsaðili", "þátttakandi", "meðumsækjandi")}
#: Examples of a note, and of a recode, shown at most.
_SHOWN = 5


def role_column(spec: FileSpec) -> Column | None:
    """The column of `spec` read as a participation's role: a `PARTICIPATES_IN` table's `role` read as text."""
    if spec.kind != "relationships" or spec.type != "PARTICIPATES_IN":
        return None
    return next((c for c in spec.properties if c.property == "role" and c.type == "string" and not c.constant), None)


def with_role_words(spec: FileSpec) -> FileSpec:
    """`spec` with its role column reading `ROLE_WORDS` under the mapping's own `values` (which win); any other
    table as it is."""
    column = role_column(spec)
    if column is None:
        return spec
    read = dataclasses.replace(column, recode={**ROLE_WORDS, **column.recode})
    return dataclasses.replace(spec, properties=tuple(read if c is column else c for c in spec.properties))


def role_notes(spec: FileSpec, table: Table) -> list[str]:
    """What the role words did to the table's role cells: how many were read as which role from which word, and
    each word no table knows, kept as written (file, first line, column), with the recode that reads it. `spec`
    is the mapping's own (its `values` are the user's)."""
    column = role_column(spec)
    if column is None:
        return []
    read: Counter = Counter()  # (role, word as first written) -> cells
    unknown: dict[str, list[int]] = {}  # word as first written -> lines
    spelled: dict[str, str] = {}  # case-folded -> first spelling
    known = {role.casefold() for role in CONTRACT_ROLES}
    for row, line in zip(table.rows, table.lines, strict=True):
        cell = row.get(column.column)
        if not isinstance(cell, str) or not cell.strip() or (folded := cell.strip().casefold()) in column.recode:
            continue
        word = spelled.setdefault(folded, cell.strip())
        if folded in ROLE_WORDS and ROLE_WORDS[folded] != word:
            read[ROLE_WORDS[folded], word] += 1
        elif folded not in ROLE_WORDS and folded not in known:
            unknown.setdefault(word, []).append(line)
    notes = []
    if read:
        notes.append(f"{spec.file} [{column.column}]: {read.total()} role(s) read as the roles the features count: "
                     f"{_read_as(read)} (a `values` recode on the column wins)")
    if unknown:
        notes.append(_unknown_note(spec, column, unknown))
    return notes


def _read_as(read: Counter) -> str:
    """`12 as coordinator from 'Koordinator', 35 as participant (from 'Partner' 30, 'Deltaker' 5)`."""
    by_role: dict[str, list[tuple[str, int]]] = {}
    for (role, word), n in read.most_common():
        by_role.setdefault(role, []).append((word, n))
    parts = []
    for role, words in sorted(by_role.items(), key=lambda item: (-sum(n for _, n in item[1]), item[0])):
        total = sum(n for _, n in words)
        parts.append(f"{total} as {role} from {words[0][0]!r}" if len(words) == 1 else
                     f"{total} as {role} (from {', '.join(f'{word!r} {n}' for word, n in words)})")
    return ", ".join(parts)


def _unknown_note(spec: FileSpec, column: Column, unknown: dict[str, list[int]]) -> str:
    first = min(lines[0] for lines in unknown.values())
    words = sorted(unknown.items(), key=lambda item: (-len(item[1]), item[1][0]))
    shown = "; ".join(f"{word!r} {len(lines)} (line{'s' if len(lines) > 1 else ''} "
                      f"{', '.join(map(str, lines[:3]))}{' ...' if len(lines) > 3 else ''})"
                      for word, lines in words[:_SHOWN])
    more = f" and {len(words) - _SHOWN} more" if len(words) > _SHOWN else ""
    recode = ", ".join(f'{as_toml(word.casefold())} = "participant"' for word, _ in words[:_SHOWN])
    return (f"{spec.file}:{first} [{column.column}]: {len(words)} role word(s) no table knows, kept as written: "
            f"{shown}{more}; the features count `coordinator` as coordinating: if they are roles, recode them on the "
            f"column, each to \"coordinator\" or \"participant\": role = {{ column = {as_toml(column.column)}, "
            f"values = {{ {recode} }} }} (participation preset: roles = {{ {recode} }} above [columns])")
