"""The tables `mapping new` writes for a member list's cluster coordinators, and the `on_conflict` line its members
need when one of them is on several rows with different data.

A KKK member list names each cluster's coordinator beside its members (`Koordynator klastra`, `NIP koordynatora`;
`Coordinator`, `Coordinator VAT`), and both had been left "not used". The schema has no relationship for the body
that runs a cluster (`RUNS` ends at a Programme, Project, QualityLabel or Award, `COORDINATES` at a Project) and
`MEMBER_OF` has no role, so the coordinator is mapped as a member of its cluster, which `clusters/members` lists;
a comment says so. The user's own way, `MEMBER_OF` with `status = "koordynator"`, was shown by no query.

A member of two clusters in two voivodeships is on two rows that place it differently: `--check` had refused the
template with "given twice with different data". The members' table then gets `on_conflict = "merge"`.
"""

from __future__ import annotations

from graph.compact_ids import compact_key
from loaders.table_cells import as_toml

__all__ = ["COORDINATOR_WORDS", "coordinator_tables", "merge_line"]

#: Header words of a member list's coordinator columns (`loaders.mapping_new.lists.LIST_WORDS` holds them too).
COORDINATOR_WORDS = {
    "coordinator": ("koordynatorklastra", "koordynator", "coordinator", "clustercoordinator", "clusterkoordinator"),
    "coordinator_id": ("nipkoordynatora", "coordinatorvat", "coordinatorid", "coordinatorvatnumber")}


def coordinator_tables(guessed: dict[str, str], reading: list[str]) -> list[str]:
    """The node table of the coordinators named in `guessed["coordinator"]` (their id: `coordinator_id`, else the
    name) and their MEMBER_OF to the row's cluster; [] for a list without a coordinator column."""
    if "coordinator" not in guessed:
        return []
    name = guessed["coordinator"]
    key = guessed.get("coordinator_id", name)
    compact = [f"compact = [{as_toml(key)}]  # its number read without hyphens or spaces"] if key != name else []
    return ["", f"# the cluster's coordinator ({name}): the schema has no relationship for the body that runs a "
            "cluster (RUNS is a programme's, a project's, a label's or an award's) and MEMBER_OF has no role, so it is "
            "mapped as a member of its cluster, which clusters/members lists",
            "[[nodes]]", *reading, 'label = "Organisation"', f"id = {as_toml(key)}  #? the coordinator's id",
            *compact, f"name = {as_toml(name)}  #? the coordinator of the cluster in {guessed['cluster']}",
            'match = "name"', 'on_conflict = "merge"  # a coordinator may be a member on its own row too',
            "", "[[relationships]]", *reading, 'type = "MEMBER_OF"',
            f'start = {{ label = "Organisation", column = {as_toml(key)} }}',
            f'end = {{ label = "Cluster", column = {as_toml(guessed["cluster"])} }}', *compact]


def merge_line(rows: list[dict], at: list[int], key: str, columns: list[str], compact: bool) -> list[str]:
    """`on_conflict = "merge"` with what it is for, when a member (its `key`, read compact when the table does) is on
    several rows (`at`: their lines) whose `columns` (its name and place) differ; else []."""
    seen: dict[str, tuple[int, tuple]] = {}
    differing: dict[str, None] = {}
    for line, row in zip(at, rows, strict=True):
        cell = str(row.get(key) or "").strip()
        data = tuple(str(row.get(column) or "").strip() for column in columns)
        if not cell:
            continue
        first = seen.setdefault(compact_key(cell) if compact else cell, (line, data))
        if first[1] != data:
            differing.setdefault(f"{cell!r} (lines {first[0]}, {line})")
    if not differing:
        return []
    return [f'on_conflict = "merge"  #? {len(differing)} member(s) are on several rows with different data (a member '
            f"of two clusters in two regions): {', '.join(list(differing)[:3])}; merged, the most frequent values "
            "kept (others of a name in aliases)"]
