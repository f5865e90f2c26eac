"""An id as `compact` reads it: a number without the spaces, hyphens or dots written between its digits.

A table writes one organisation number several ways (Sweden's `556051-4142`, Finland's `2844561-8`); a mapping's
`compact` stores it as `5560514142` (`loaders.compact_keys`, which says when a table needs it), and a user then types
it as the table wrote it: `recommend --for 2844561-8` and a query's `-p organisation=0245895-5` had found nothing
(`graph.store.resolve` tries the compacted form too).
"""

from __future__ import annotations

import re

__all__ = ["compact_key", "digits_written_apart"]

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
