"""A query the database could not parse, said where: line, column and the offending line with a caret under it.

Both databases say where a syntax error is, each in its own shape. FalkorDB packs it into one line
(`errMsg: Invalid input 'T': ... line: 1, column: 12, offset: 11 errCtx: MATCH (n) RTURN n errCtxOffset: 11`)
and counts in bytes of UTF-8; Neo4j appends `(line 1, column 11 (offset: 10))` and a caret drawing of its
own, counting characters. Both are turned here into one `QuerySyntaxError` whose line and column count
characters of the query as the user wrote it, so the CLI and the app show the same thing.
"""

from __future__ import annotations

import re

from graph.errors import QuerySyntaxError

__all__ = ["caret_excerpt", "from_falkordb", "from_neo4j", "syntax_error", "used_parameters", "without_literals"]

_STRINGS_AND_COMMENTS = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")

_FALKORDB = re.compile(r"errMsg:\s*(?P<reason>.*?)\s+line:\s*(?P<line>\d+),\s*column:\s*(?P<column>\d+),\s*"
                       r"offset:\s*(?P<offset>\d+)", re.S)
_NEO4J = re.compile(r"^(?P<reason>.*?)\s*\(line (?P<line>\d+), column (?P<column>\d+) \(offset: (?P<offset>\d+)\)\)",
                    re.S)
#: The widest excerpt shown; a longer line is cut around the column.
EXCERPT_WIDTH = 100


def caret_excerpt(query: str, line: int, column: int, width: int = EXCERPT_WIDTH) -> str:
    """The `line`-th line of `query` and a caret under its `column`-th character (both 1-based).

    Tabs before the column are kept in the caret line, so the caret stays under its character;
    a line wider than `width` is cut around the column, with `…` where text was left out.

    Examples
    --------
    >>> print(caret_excerpt("MATCH (n)\\nRTURN n", 2, 2))
    RTURN n
     ^
    """
    lines = query.split("\n")
    if not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1].rstrip("\r")
    at = min(max(column - 1, 0), len(text))
    start = max(0, min(at - width // 2, len(text) - width)) if len(text) > width else 0
    shown = text[start:start + width]
    lead = "…" if start else ""
    tail = "…" if start + width < len(text) else ""
    pad = "".join(c if c == "\t" else " " for c in lead + text[start:at])
    return f"{lead}{shown}{tail}\n{pad}^"


def syntax_error(database: str, reason: str, query: str | None, line: int, column: int) -> QuerySyntaxError:
    """The error for `reason` at `line`, `column` of `query`: one sentence, then the excerpt with its caret."""
    reason = " ".join(reason.split()) or "invalid syntax"
    excerpt = caret_excerpt(query, line, column) if query else ""
    message = f"{database} could not parse the query at line {line}, column {column}: {reason}"
    return QuerySyntaxError(message + (f"\n{excerpt}" if excerpt else ""), reason=reason, line=line, column=column,
                            excerpt=excerpt)


def _position(query: str, offset: int, in_bytes: bool) -> tuple[int, int]:
    """Line and column (1-based, in characters) of the `offset`-th byte or character of `query`."""
    before = query.encode()[:offset].decode("utf-8", "ignore") if in_bytes else query[:offset]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def _located(database: str, found: re.Match, query: str | None, in_bytes: bool) -> QuerySyntaxError:
    line, column = int(found["line"]), int(found["column"])
    if query is not None:
        at_offset = _position(query, int(found["offset"]), in_bytes)
        if at_offset[0] == line:  # the offset agrees with the query we hold: count characters from it
            column = at_offset[1]
        elif in_bytes and line <= len(query.split("\n")):
            column = _position(query.split("\n")[line - 1], column - 1, True)[1]
    return syntax_error(database, found["reason"], query, line, column)


def from_falkordb(message: str, query: str | None = None) -> QuerySyntaxError | None:
    """FalkorDB's syntax error (`errMsg: ... line: L, column: C, offset: O errCtx: ...`), or None for other errors.

    FalkorDB counts bytes of UTF-8 from the start of the query after its `CYPHER name=value` header.
    """
    found = _FALKORDB.search(message)
    return _located("FalkorDB", found, query, in_bytes=True) if found else None


def from_neo4j(message: str, query: str | None = None) -> QuerySyntaxError | None:
    """Neo4j's syntax error (`... (line L, column C (offset: O))` and its own caret drawing), or None."""
    found = _NEO4J.search(message or "")
    return _located("Neo4j", found, query, in_bytes=False) if found else None


def without_literals(cypher: str) -> str:
    """`cypher` with its strings, quoted names and comments blanked: what is left are its clauses and `$names`."""
    return _STRINGS_AND_COMMENTS.sub(" ", cypher)


def used_parameters(cypher: str) -> list[str]:
    """The `$names` the query uses, in order of first use (a `$` inside a string or comment is none)."""
    return list(dict.fromkeys(_PARAM_USE.findall(without_literals(cypher))))

