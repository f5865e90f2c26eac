"""How `compact` reads a key column, and the notes that say a table needs it.

A national table writes one organisation number several ways: Sweden's `556051-4142` beside `5560514142`, Norway's
`919 303 808` beside `919303808`, Finland's `1234567-8` beside `12345678`. A key is read as written, so each way made
a node of its own (a Swedish agency's table of organisations loaded every such organisation twice). `compact` reads
the key without its spaces and without a hyphen or dot that stands between two digits. A hyphen between letters
stays (`SE-ABC` is not `SEABC`): there it may be what tells two codes apart.

The notes that name the option: `loaders.generic_merge.ids_spelled_two_ways` for ids the load's own tables write two
ways, `loaders.generic_held_spellings` for an id the store holds compacted that a table writes otherwise.
"""

from __future__ import annotations

import re

__all__ = ["compact_key", "digits_written_apart", "compact_advice", "COMPACT_READS"]

#: What `compact` does, in the words of the notes and messages that name it.
COMPACT_READS = "compact reads '556051-4142' and '919 303 808' as 5560514142 and 919303808"

_PRESET_KEYS = {"Organisation": "organisation_id", "Project": "project_id"}  # the preset's keys that take compact
# A hyphen (also the Unicode hyphens and the en dash a spreadsheet may write for one) or a dot, between digits.
_BETWEEN_DIGITS = re.compile(r"(?<=\d)[-.\u2010\u2011\u2013](?=\d)")
_APART = re.compile(r"(?<=\d)(?:\s+|[-.\u2010\u2011\u2013])(?=\d)")


def compact_key(value: str) -> str:
    """`value` as a `compact` key column reads it: no spaces, and no hyphen or dot between two digits.

    >>> compact_key("556051-4142"), compact_key("919 303 808"), compact_key("1234567-8"), compact_key("919.303.808")
    ('5560514142', '919303808', '12345678', '919303808')
    >>> compact_key("SE-ABC 12")
    'SE-ABC12'
    """
    return _BETWEEN_DIGITS.sub("", "".join(value.split()))


def digits_written_apart(value: str) -> bool:
    """Whether `compact` changes `value` only between its digits: a number written in groups or with a hyphen,
    not a name with spaces (`Universitetet i Oslo`), which no store writes without them.

    >>> digits_written_apart("556051-4142"), digits_written_apart("919 303 808"), digits_written_apart("SE-ABC 12")
    (True, True, False)
    """
    value = value.strip()
    return compact_key(value) != value and _APART.sub("", value) == compact_key(value)


def compact_advice(columns: list[str], label: str) -> str:
    """How to read `columns` (ids of `label` nodes) compact: in the table that reads them, or on the participation
    preset's key, and then load again."""
    listed = ", ".join(f'"{column}"' for column in columns)
    key = _PRESET_KEYS.get(label, "its key")
    return (f"add compact = [{listed}] to the table reading it (in the participation preset: {key} = {{ column = "
            f"\"{columns[0]}\", compact = true }}) and load again: {COMPACT_READS}")
