"""`label_if = { SME = "sme" }`: the labels a row of a user's table adds by its yes/no cells.

A yes adds the label; an empty cell adds nothing. For `SME` a cell also says the status both ways (`sme`): a
"nej" is a known non-SME, where it had been an unknown status (a grants table loaded with the participation
preset, whose SME column is a `label_if`, had every "nei" organisation left out of the SME shares it judges on
known statuses), and a re-load of a row changed from ja to nej takes the label off (`loaders.derived` keeps the
label in step with `sme`; the table fills `sme`, so an emptied cell takes it off: `NodeRecord.fills`). Another
label (`label_if = { Cluster = "is_cluster" }`) whose cell a re-load no longer says yes in is taken off too, where
only this load gives the node (it had stayed once given: a label records no load that gave it).
"""

from __future__ import annotations

from typing import Any

from graph import values
from graph.errors import Problem
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.store.registry import statement
from graph.store.schema import check_label, each_label
from loaders.generic_cell_notes import bad_cell
from loaders.mapping_spec import FileSpec, Mapping

__all__ = ["row_labels", "STATUS_OF", "unlabelled", "unsaid", "take_off_emptied_labels"]

#: The property a `label_if` label's cell also sets, both ways.
STATUS_OF = {"SME": "sme"}


def row_labels(spec: FileSpec, row: dict[str, Any], where: tuple[str, int], problems: list[Problem],
               properties: dict[str, Any]) -> set[str]:
    """The table's own extra labels and those `row`'s `label_if` cells say yes to; a status (`STATUS_OF`) goes into
    `properties` unless the table maps it itself."""
    labels = set(spec.extra_labels)
    for label, column in spec.label_if:
        cell = row.get(column)
        try:
            said = None if values.is_empty(cell) else values.as_bool(cell)
        except ValueError as e:
            problems.append(bad_cell(where, column, e))
            continue
        if said:
            labels.add(label)
        if label in STATUS_OF and said is not None:
            properties.setdefault(STATUS_OF[label], said)
    return labels


@statement(lambda: [(status_label,) for status_label in STATUS_OF])
def unlabelled(status_label: str) -> str:
    """Rows `{id, sources}`: the organisation loses `status_label` when its status is unknown now and only `sources`
    give it (what the load's writer left: the value another load gives came back)."""
    status = STATUS_OF[status_label]
    return (f"UNWIND $rows AS row MATCH (n:Organisation {{id: row.id}})\n"
            f"WHERE n:{check_label(status_label)} AND n.{status} IS NULL AND all(s IN n.sources WHERE s IN row.sources)"
            f"\nREMOVE n:{check_label(status_label)}\nRETURN count(n) AS done")


@statement(each_label)
def unsaid(said_label: str) -> str:
    """Rows `{id, label, sources}`: the `label` node loses `said_label` (a `label_if` label no row of it says yes to
    now) when only `sources` give it."""
    said = check_label(said_label)
    return (f"UNWIND $rows AS row MATCH (n:{said} {{id: row.id}})\n"
            f"WHERE row.label IN labels(n) AND all(s IN n.sources WHERE s IN row.sources)\n"
            f"REMOVE n:{said}\nRETURN count(n) AS done")


def _unsaid_rows(nodes: list[NodeRecord], mapping: Mapping) -> dict[str, list[dict]]:
    """said label -> the rows of `unsaid`: the written nodes of a table with that `label_if` label (not a status
    label: `unlabelled` judges those) that none of their rows says yes to."""
    said = {(f"user:{mapping.name}/{spec.file}", spec.label): spec.said_labels - set(STATUS_OF)
            for spec in mapping.files if spec.kind == "nodes"}
    rows: dict[str, list[dict]] = {}
    for node in nodes:
        labels = set().union(*(said.get((source, node.label), ()) for source in node.sources))
        for label in sorted(labels - set(node.extra_labels)):
            rows.setdefault(label, []).append({"id": node.id, "label": node.label, "sources": list(node.sources)})
    return rows


def take_off_emptied_labels(store: GraphStore, nodes: list[NodeRecord], mapping: Mapping | None = None) -> int:
    """Take the status label (`SME`) off the written organisations whose table fills the status and whose rows all
    left its cell empty, where only this load gives the node: the writer takes the emptied `sme` off
    (`NodeRecord.fills`), but the label stayed, and the derived facts then set `sme` true again from it (an SME cell
    a user emptied, the status no longer known, left the organisation an SME). Run after the load's writes, before
    the derived facts. Also for `sme` mapped as a column (`mapping new` of a member list): its fills hold it too.
    With the `mapping`, the other `label_if` labels no row says yes to now are taken off too (`unsaid`)."""
    rows: dict[str, list[dict]] = {}
    for node in nodes:
        if "Organisation" not in (node.label, *node.extra_labels):
            continue
        for status_label, status in STATUS_OF.items():
            if status in node.fills and status not in node.properties and status_label not in node.extra_labels:
                rows.setdefault(status_label, []).append({"id": node.id, "sources": list(node.sources)})
    taken = [(unlabelled(status_label), found) for status_label, found in sorted(rows.items())]
    unsaid_rows = _unsaid_rows(nodes, mapping) if mapping else {}
    taken += [(unsaid(label), found) for label, found in sorted(unsaid_rows.items())]
    return sum(store.write(text, {"rows": found[at:at + 2000]}).rows[0][0]
               for text, found in taken for at in range(0, len(found), 2000))
