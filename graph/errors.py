"""One exception tree. Messages say what happened and what to do; the CLI and the app show them as-is.

Modelled on networkx's `NetworkXException` tree: callers catch the root, `ClusterExplorerError`, or one
precise kind; nothing the tool raises on purpose is a bare `ValueError`. The kinds that stand for bad
input from a caller (a setting, a parameter, a name) also derive from `ValueError`, so code that
catches `ValueError` around a conversion keeps working (`NotFound` is a `KeyError` and a `ValueError`:
an unknown name is bad input too).

    ClusterExplorerError
    ├── SettingError          a setting or option that cannot be used (CLUSTER_EXPLORER_QUERY_TIMEOUT=abc)
    ├── SchemaError           a label, relationship type or property name that the schema does not know
    ├── ParameterError        a parameter value that cannot be used (a query's, a metric's, a projection's)
    ├── NotFound              a node, query, file or source that does not exist
    ├── InputError            an input file that cannot be read at all (encoding, format)
    ├── ValidationFailed      input rejected before anything was written, with every problem
    ├── StoreUnavailable      the store cannot be reached, opened or started
    │   ├── StoreDamaged      the store's files are missing, truncated or corrupt; nothing was changed
    │   └── DiskFull          the disk holding the store is full; a load stopped there completes on a re-run
    ├── StoreBusy             another process holds the store for a load
    ├── MetricFailed          a metric the numerical library could not compute on this graph
    └── QueryError            the database rejected a query
        ├── QuerySyntaxError  a query the database could not parse: line, column and the text with a caret
        ├── ReadOnlyViolation a write sent down the read-only path
        ├── QueryTimeout      a query stopped at its time limit
        └── QueryTooLarge     a query stopped at its memory or row limit
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class ClusterExplorerError(Exception):
    """Base of every error the tool raises on purpose."""

    #: The message says itself what finishes the work it stopped ("run the same load again ..."), so a caller adds
    #: no advice of its own (the CLI's "the load did not finish; ..."). Set by `finished_by`.
    says_how_to_finish = False


def finished_by(error: ClusterExplorerError) -> ClusterExplorerError:
    """`error`, marked as saying what finishes the work it stopped (`says_how_to_finish`), for `raise`."""
    error.says_how_to_finish = True
    return error


class SettingError(ClusterExplorerError, ValueError):
    """A setting (environment variable) or command-line option whose value cannot be used."""


class MetricFailed(ClusterExplorerError):
    """A metric the numerical library could not compute on this graph; the message names the metric, the graph's
    size and the library's reason, and what to do."""


class SchemaError(ClusterExplorerError, ValueError):
    """A label, relationship type or property name that is not in the schema."""


class ParameterError(ClusterExplorerError, ValueError):
    """A parameter value that cannot be used: of a saved query, a metric, a projection, a view."""


class NotFound(ClusterExplorerError, KeyError, ValueError):
    """A node, saved query, file or source that does not exist."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class InputError(ClusterExplorerError):
    """An input file that cannot be read at all (its encoding, its format); nothing was written."""


class StoreUnavailable(ClusterExplorerError):
    """The store cannot be reached or opened (wrong URI, password, a server that will not start). `reason`, when
    given, is the server's own words, for a caller that says them otherwise (`store restore` of a backup)."""

    def __init__(self, message: str = "", *, reason: str | None = None):
        super().__init__(message)
        self.reason = reason


class StoreDamaged(StoreUnavailable):
    """The store's files are missing, truncated or corrupt. Nothing was changed; the message says what to do."""


class DiskFull(StoreUnavailable):
    """The disk holding the store is full. What was written stays; free space and re-run the load to complete it."""

    says_how_to_finish = True  # its message says so, always


class StoppedAfterCompletion(KeyboardInterrupt):
    """Ctrl-C while the store's files were compacted, after the load or unload had completed: nothing is lost or
    left to do (the CLI said "the load did not finish" while `status` named nothing unfinished)."""


class StoreBusy(ClusterExplorerError):
    """Another process holds the store for a load; the message says which and what to do."""


class QueryError(ClusterExplorerError):
    """The database rejected a query (syntax, unknown function, ...)."""


class QuerySyntaxError(QueryError):
    """A query the database could not parse. `line` and `column` (1-based, in characters of the query as
    written) say where; `reason` is the database's own words and `excerpt` the line with a caret under it."""

    def __init__(self, message: str, *, reason: str, line: int, column: int, excerpt: str = ""):
        super().__init__(message)
        self.reason, self.line, self.column, self.excerpt = reason, line, column, excerpt


class ReadOnlyViolation(QueryError):
    """A write was sent down the read-only path; the database refused it and nothing changed."""


class QueryTimeout(QueryError):
    """The database stopped a query that ran past its time limit."""

    @classmethod
    def stopped(cls, timeout_s: float | None) -> QueryTimeout:
        """The error for a query the database stopped, saying where its limit is set: the Queries page had said
        "raise the limit" and offers no control for it."""
        limit = f"{timeout_s:g} s" if timeout_s is not None else "the database's limit"
        return cls(f"the query ran past its time limit of {limit} and was stopped by the database; narrow it down, "
                   "or raise the limit: CLUSTER_EXPLORER_QUERY_TIMEOUT (seconds) for the app and the CLI, the CLI's "
                   "--timeout, a saved query's // timeout: line")


class QueryTooLarge(QueryError):
    """A query was stopped at its memory or row limit; the server stays up."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input: where it is and what is wrong."""

    file: str
    line: int | None
    field: str | None
    message: str
    #: The message offers a setting of the mapping that mends it (`on_empty`, `skip_lines`, a recoding), so the
    #: data page says "fix the data files, or the mapping where a problem says so".
    mapping_can_fix: bool = False
    #: Which of the problems the loader gathers into one this is (`loaders.generic_empty_keys.EMPTY_KEY`, ...;
    #: "" for the rest), and `value` the cell it is about, as read: what those passes need, kept beside the
    #: message because the message quotes the user's cells and so cannot be read back. Not compared: two
    #: problems are the same when they say the same (one file's tables find the same).
    kind: str = field(default="", compare=False)
    value: Any = field(default=None, compare=False)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return f"{where}: {self.message}"


class ValidationFailed(ClusterExplorerError):
    """Input was rejected before anything was written. Carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[:50])
        more = f"\n  ... and {len(self.problems) - 50} more" if len(self.problems) > 50 else ""
        super().__init__(f"{len(self.problems)} problem(s); nothing was written:\n{shown}{more}")
