"""Where a key of a mapping file is written: the line every problem of the mapping names.

Apart from the checks (`loaders.mapping_checks`) because it reads the mapping's text, not its parsed tables: a
TOML table's keys are found by their `[[nodes]]` / `[[relationships]]` heading, a preset's (not in the text) by
the column it names.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MappingLines"]


class MappingLines:
    """Finds the line of a key inside the n-th `[[nodes]]` / `[[relationships]]` table of a mapping."""

    def __init__(self, text: str, toml: bool):
        # a TOML comment names columns too (`mapping new`'s `# amount = ""  # "Tildelt (NOK)" is the project's ...`):
        # a key's line is where it is written, not where a comment mentions it
        self.lines = [_without_comment(line) for line in text.splitlines()] if toml else text.splitlines()
        self.toml = toml
        heads = [(i, m.group(1)) for i, line in enumerate(self.lines)
                 if (m := re.match(r"\s*\[\[\s*(\w+)\s*\]\]", line))]
        self.tables = {kind: [(start, next((s for s, _ in heads if s > start), len(self.lines)))
                              for start, k in heads if k == kind] for kind in ("nodes", "relationships")}

    def find(self, kind: str | None, index: int, key: str | None = None, value: Any = None) -> int | None:
        """The line of `key` (or of its `value`) in the table; a table a preset made is not in the text, so there
        the value is looked for first (`project_title = "Tittel"` under [columns], not the mapping's `name`)."""
        start, end = 0, len(self.lines)
        written = bool(kind and self.toml and index < len(self.tables.get(kind, [])))
        if written:
            start, end = self.tables[kind][index]
        quoted = json.dumps(value, ensure_ascii=False) if isinstance(value, str) else None
        by_key = key and rf'^\s*"?{re.escape(key)}"?\s*[=:]'
        by_value = quoted and re.escape(quoted)
        made = bool(kind and self.toml and not written)  # by a preset: no [[nodes]] / [[relationships]] here
        in_inline = key and rf'[{{,]\s*"?{re.escape(key)}"?\s*='  # `located_in = { region = "fylke", country = ... }`
        for pattern in ((by_value, by_key) if made else (by_key, by_value)) + (
                key and rf'"{re.escape(key)}"\s*:', key and rf'^\s*\[\s*{re.escape(key)}\s*\]', in_inline):
            for n in range(start, end):
                if pattern and re.search(pattern, self.lines[n]):
                    return n + 1
        return start + 1 if kind and self.toml and index < len(self.tables.get(kind, [])) else None


def _without_comment(line: str) -> str:
    """A TOML line without its comment (a `#` outside a string).

    >>> _without_comment('amount = "Beløp #2"  # a note'), _without_comment('# amount = "x"')
    ('amount = "Beløp #2"  ', '')
    """
    quote = None
    for at, char in enumerate(line):
        if quote:
            quote = None if char == quote and line[at - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char == "#":
            return line[:at]
    return line
