"""One exception tree. Messages say what happened and what to do; the CLI and the app show them as-is."""

from __future__ import annotations

from dataclasses import dataclass


class ClusterExplorerError(Exception):
    """Base of every error the tool raises on purpose."""


class StoreUnavailable(ClusterExplorerError):
    """The store cannot be reached or opened (wrong URI, password, a server that will not start)."""


class QueryError(ClusterExplorerError):
    """The database rejected a query (syntax, unknown function, ...)."""


class ReadOnlyViolation(QueryError):
    """A write was sent down the read-only path; the database refused it and nothing changed."""


class QueryTimeout(QueryError):
    """The database stopped a query that ran past its time limit."""


@dataclass(frozen=True)
class Problem:
    """One problem in an input: where it is and what is wrong."""

    file: str
    line: int | None
    field: str | None
    message: str

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
