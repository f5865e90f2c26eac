"""Where a CSV file's header is and what separates its cells, read from its first lines.

The one CSV reader (`loaders.csv_tables`) takes its separator from here, and users' tables exported from a
spreadsheet with a title above the header are found here (`skip_lines`, `mapping new`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence

__all__ = ["SEPARATORS", "OFFICIAL", "fields", "sniff_separator", "after_lines", "header_line_holding",
           "likely_header"]

#: Every separator the reader knows, with its name for messages.
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
#: The separators the official sources (CORDIS, GISCO) are published with: a tab there means a re-saved file.
OFFICIAL = (",", ";")


def fields(header_line: str, separator: str) -> list[str]:
    """The header's names as `separator` splits them, quotes respected (a header is one line)."""
    return [c.strip() for c in next(csv.reader([header_line], delimiter=separator), [])]


def sniff_separator(header_line: str, expected: Iterable[str] = (), separators: Sequence[str] = OFFICIAL) -> str:
    """The separator whose reading of the header names the most `expected` columns, then gives the most
    fields; the first of `separators` when none splits the line.

    >>> sniff_separator("id;name", {"id"}), sniff_separator("a|b|c", separators=tuple(SEPARATORS))
    (';', '|')
    """
    expected = set(expected)

    def score(separator: str) -> tuple[int, int]:
        names = fields(header_line, separator)
        return len(expected & set(names)), len(names)
    return max(separators, key=score)


def after_lines(text: str, count: int) -> str:
    """`text` from its line `count + 1` on (a title or notes above a spreadsheet's header)."""
    at = 0
    for _ in range(count):
        newline = text.find("\n", at)
        if newline < 0:
            return ""
        at = newline + 1
    return text[at:]


_LOOK_FOR_HEADER = 30  # lines: a spreadsheet's title and notes above its header are rarely more


def header_line_holding(text: str, separator: str, names: Iterable[str]) -> int | None:
    """The line (1-based) among the first ones of `text` whose cells hold every one of `names`, if any:
    where a header sits below a title that the reader took for it."""
    wanted = {n.strip() for n in names if n and n.strip()}
    for number_, line in enumerate(text.splitlines()[:_LOOK_FOR_HEADER], start=1):
        if wanted and wanted <= set(fields(line, separator)):
            return number_
    return None


def likely_header(text: str, separators: Sequence[str] = tuple(SEPARATORS)) -> tuple[int, str]:
    """The line (1-based) that most likely names the columns, and the separator: the one whose fullest line
    among the first ones has the most filled cells; the line, the first with nearly as many (a title above
    it fills one cell or none: `Grants 2023;;;`, `Grants 2023`).

    >>> likely_header("Grants 2023\\nid;name;role\\n1;Acme;lead\\n")
    (2, ';')
    """
    lines = text.splitlines()[:_LOOK_FOR_HEADER]
    filled = {sep: [sum(1 for cell in fields(line, sep) if cell) for line in lines] for sep in separators}
    separator = max(separators, key=lambda sep: max(filled[sep], default=0))
    widest = max(filled[separator], default=0)
    line = next((i for i, n in enumerate(filled[separator], start=1) if n >= 0.8 * widest), 1)
    return (line if widest > 1 else 1), separator
