"""The participation preset's `coordinator` column: a project's lead partner named in a column of its own.

A Bavarian grants table is one row per project, `Konsortialführer` naming its coordinator and `Partner` listing the
other partners in one cell. The preset read one organisation column, so the coordinator was left "not used" and
lost, and a hand-written `[[relationships]]` table beside a preset is refused. `coordinator = "Konsortialführer"`
adds, for each row, that organisation (the name as its id, as for partners listed in a cell) and its
`PARTICIPATES_IN` the row's project with `role = "coordinator"`; an empty cell skips that link only.

An organisation both named as coordinator and listed among the project's partners is one participation, as
coordinator: the partners' participations carry no role, and two records of one link that differ only by a
property one of them lacks are one (`loaders.generic_merge.agrees`), the role kept. Beside a `role` column or a
`participation_key` the partners' participations are keyed by that cell, so the coordinator's would be a second,
parallel participation with another role: that is refused, saying the role column already says who leads.
"""

from __future__ import annotations

from typing import Any

from loaders.mapping_spec import Checker

__all__ = ["COORDINATOR_ROLE", "with_coordinator"]

#: The role the coordinator's participation gets: the word the activity counts and `projects/coordinators` read.
COORDINATOR_ROLE = "coordinator"


def with_coordinator(tables: dict[str, Any], columns: dict[str, Any], check: Checker) -> dict[str, Any]:
    """`tables` (the preset's, its Project and Organisation node tables first, the partners' participations the
    first relationship table) with the coordinator's Organisation table and `PARTICIPATES_IN` table added, when
    `columns` name a `coordinator`; unchanged, after a problem, when a role column or participation key already
    tells the participations apart."""
    spec = columns.get("coordinator")
    if spec is None:
        return tables
    column = spec if isinstance(spec, str) else spec["column"]
    if keyed := [name for name in ("role", "participation_key") if name in columns]:
        check.problem(None, 0, f"coordinator names each project's lead beside partners that carry no role; with "
                      f"{' and '.join(keyed)} in [columns] the lead would be a second participation beside its own "
                      "row's: leave coordinator out and let the role column say who coordinates (roles = { \"word "
                      "in the file\" = \"coordinator\" })", "coordinator")
        return tables
    project, organisation = tables["nodes"][:2]
    partners = tables["relationships"][0]
    project_id = partners["end"]["column"]
    kept = ("file", "separator", "encoding", "skip_lines", "on_conflict", "match", "drop")
    node: dict[str, Any] = {**{k: organisation[k] for k in kept if k in organisation}, "label": "Organisation",
                            "id": column, "name": column, "on_empty": "skip", "properties": {}}
    if "separator" in organisation.get("split", {}):  # a row's places hold for each organisation its cells name
        node |= {k: organisation[k] for k in ("properties", "label_if", "located_in") if k in organisation}
    project_empty = project.get("on_empty")
    compact = [project_id] if project_id in partners.get("compact", ()) else []
    properties = {"role": {"value": COORDINATOR_ROLE},
                  **{k: v for k, v in partners["properties"].items() if k == "funder"}}
    link: dict[str, Any] = {**{k: partners[k] for k in kept[:4] if k in partners},
                            **({"compact": compact} if compact else {}), "type": "PARTICIPATES_IN",
                            "properties": properties,
                            # no cell: no link; no project number: the project's own rule (its placeholder), else none
                            "on_empty": {project_id: project_empty if isinstance(project_empty, dict) else "skip",
                                         column: "skip"},
                            "start": {"label": "Organisation", "column": column},
                            "end": {"label": "Project", "column": project_id}}
    return {**tables, "nodes": [*tables["nodes"], node], "relationships": [*tables["relationships"], link]}
