"""`label_if = { SME = "sme" }`: the labels a row of a user's table adds by its yes/no cells.

A yes adds the label; an empty cell adds nothing. For `SME` a cell also says the status both ways (`sme`): a
"nej" is a known non-SME, where it had been an unknown status (a grants table loaded with the participation
preset, whose SME column is a `label_if`, had every "nei" organisation left out of the SME shares it judges on
known statuses), and a re-load of a row changed from ja to nej takes the label off (`loaders.derived` keeps the
label in step with `sme`; the table fills `sme`, so an emptied cell takes it off: `NodeRecord.fills`).
"""

from __future__ import annotations

from typing import Any

from graph import values
from graph.errors import Problem
from graph.store.contract import GraphStore
from graph.store.records import NodeRecord
from graph.store.registry import statement
from graph.store.schema import check_label
from loaders.generic_cell_notes import bad_cell
from loaders.mapping_spec import FileSpec

__all__ = ["row_labels", "STATUS_OF", "unlabelled", "take_off_emptied_labels"]

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


def take_off_emptied_labels(store: GraphStore, nodes: list[NodeRecord]) -> int:
    """Take the status label (`SME`) off the written organisations whose table fills the status and whose rows all
    left its cell empty, where only this load gives the node: the writer takes the emptied `sme` off
    (`NodeRecord.fills`), but the label stayed, and the derived facts then set `sme` true again from it (an SME cell
    a user emptied, the status no longer known, left the organisation an SME). Run after the load's writes, before
    the derived facts. Also for `sme` mapped as a column (`mapping new` of a member list): its fills hold it too."""
    rows: dict[str, list[dict]] = {}
    for node in nodes:
        if "Organisation" not in (node.label, *node.extra_labels):
            continue
        for status_label, status in STATUS_OF.items():
            if status in node.fills and status not in node.properties and status_label not in node.extra_labels:
                rows.setdefault(status_label, []).append({"id": node.id, "sources": list(node.sources)})
    return sum(store.write(unlabelled(status_label), {"rows": found[at:at + 2000]}).rows[0][0]
               for status_label, found in sorted(rows.items()) for at in range(0, len(found), 2000))
