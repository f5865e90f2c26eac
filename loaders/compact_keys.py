"""How `compact` reads a key column, and the notes that say a table needs it.

A national table writes one organisation number several ways: Sweden's `556051-4142` beside `5560514142`, Norway's
`919 303 808` beside `919303808`, Finland's `1234567-8` beside `12345678`. A key is read as written, so each way made
a node of its own (a Swedish agency's table of organisations loaded every such organisation twice). `compact` reads
the key without its spaces and without a hyphen or dot that stands between two digits. A hyphen between letters
stays (`SE-ABC` is not `SEABC`): there it may be what tells two codes apart.

A Nordic organisation number written in its VAT form (`FI32279691`, `DK31119103`, `SE556051414201`,
`NO919303808MVA`) is read as the national number too (`compact_id`): a Finnish member list's one id in VAT form had
kept its `FI` while its other rows' `3227969-1` became `32279691`, so a table writing the national form made a second
node. The store's VAT numbers still find the body (`loaders.generic_vat_numbers` tries the number's VAT forms).

The notes that name the option: `loaders.generic_merge.ids_spelled_two_ways` for ids the load's own tables write two
ways, `loaders.generic_held_spellings` for an id the store holds compacted that a table writes otherwise.
"""

from __future__ import annotations

import re

from graph.compact_ids import compact_key, digits_written_apart  # where a user's typed id is read so too

__all__ = ["compact_key", "compact_id", "digits_written_apart", "compact_advice", "COMPACT_READS"]

#: What `compact` does, in the words of the notes and messages that name it.
COMPACT_READS = "compact reads '556051-4142' and '919 303 808' as 5560514142 and 919303808"

#: A Nordic VAT number around its national organisation number (FI and DK 8 digits, SE 10 + 01, NO 9 + MVA).
_NORDIC_VAT = re.compile(r"(?:FI|DK)(\d{8})|SE(\d{10})01|NO(\d{9})MVA", re.IGNORECASE)


def compact_id(value: str) -> str:
    """A key as `compact` reads it: `compact_key`, and a Nordic VAT form as its national number.

    >>> compact_id("3227969-1"), compact_id("FI32279691"), compact_id("DK 31 11 91 03"), compact_id("NO919303808MVA")
    ('32279691', '32279691', '31119103', '919303808')
    >>> compact_id("FR75441133808"), compact_id("SE-ABC 12")
    ('FR75441133808', 'SE-ABC12')
    """
    compacted = compact_key(value)
    found = _NORDIC_VAT.fullmatch(compacted)
    return next(group for group in found.groups() if group) if found else compacted

_PRESET_KEYS = {"Organisation": "organisation_id", "Project": "project_id"}  # the preset's keys that take compact


def compact_advice(columns: list[str], label: str) -> str:
    """How to read `columns` (ids of `label` nodes) compact: in the table that reads them, or on the participation
    preset's key, and then load again."""
    listed = ", ".join(f'"{column}"' for column in columns)
    key = _PRESET_KEYS.get(label, "its key")
    return (f"add compact = [{listed}] to the table reading it (in the participation preset: {key} = {{ column = "
            f"\"{columns[0]}\", compact = true }}) and load again: {COMPACT_READS}")
