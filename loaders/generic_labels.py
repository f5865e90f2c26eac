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
from loaders.generic_cell_notes import bad_cell
from loaders.mapping_spec import FileSpec

__all__ = ["row_labels", "STATUS_OF"]

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
