"""Your saved queries left in the checkout's old folder, said where the library is listed.

Your own queries now live in `queries/` beside the store you chose (`graph.settings.queries_beside`;
`CLUSTER_EXPLORER_QUERIES` overrides). Queries saved before that, in the checkout's `data/queries`, were no longer
listed for a store elsewhere, and nothing said so: a user took them for lost. The Queries page and
`cluster-explorer queries list` say it in one line, with the two ways to get them back.
"""

from __future__ import annotations

from pathlib import Path

from graph.settings import DEFAULT_DB_PATH, queries_beside

__all__ = ["OLD_QUERIES_DIR", "left_behind", "left_behind_note"]

#: Where the app and the CLI saved your queries before they moved beside the store: the checkout's data/queries.
OLD_QUERIES_DIR = queries_beside(DEFAULT_DB_PATH)


def left_behind(current_dir: Path, old_dir: Path | None = None) -> list[str]:
    """The names (`mine/partners`) of the queries in `old_dir` (`OLD_QUERIES_DIR` when None) that `current_dir`
    lacks; none when the two folders are one, or `old_dir` holds none."""
    old, current = Path(old_dir or OLD_QUERIES_DIR).resolve(), Path(current_dir).resolve()
    if old == current or not old.is_dir():
        return []
    names = (path.relative_to(old).with_suffix("").as_posix() for path in old.rglob("*.cypher") if path.is_file())
    return sorted(name for name in names if not (current / f"{name}.cypher").is_file())


def left_behind_note(current_dir: Path, old_dir: Path | None = None) -> str | None:
    """One line saying how many of your queries `old_dir` holds that `current_dir` does not, and how to use them;
    None when there are none.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     old = Path(tmp, "data", "queries")
    ...     _ = (old / "mine").mkdir(parents=True), (old / "mine" / "partners.cypher").write_text("RETURN 1")
    ...     left_behind_note(Path(tmp, "store", "queries"), old).replace(tmp, "TMP")
    '1 of your queries is in TMP/data/queries, which this store does not read: move it to TMP/store/queries or set \
CLUSTER_EXPLORER_QUERIES=TMP/data/queries'
    """
    names, old_dir = left_behind(current_dir, old_dir), old_dir or OLD_QUERIES_DIR
    if not names:
        return None
    one = len(names) == 1
    return (f"{len(names):,} of your queries {'is' if one else 'are'} in "
            f"{old_dir}, which this store does not read: move {'it' if one else 'them'} to {current_dir} or set "
            f"CLUSTER_EXPLORER_QUERIES={old_dir}")
