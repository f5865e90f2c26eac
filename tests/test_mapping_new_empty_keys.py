"""Empty keys, each handled on its own: a row without a project number is skipped, one without an organisation
number names its organisation by its name, and neither rule reaches the other key (docs/mapping.md, `on_empty`).

The table is the real-shaped Norwegian grants table of tests/fixtures/participation (248 rows, 13 without an
organisation number), with one project number emptied as a try-out's export had it; each mapping is read by the
real generic loader, and the load test writes to the embedded store.
"""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from loaders.generic import read_generic
from tests.conftest import FIXTURES
from tests.generic_files import write_files

TABLE = FIXTURES / "participation" / "tildelinger.csv"
EMPTY_PROJECT_LINE = 10  # 320109;Batterier: ...;912000220;Lofoten Algae AS: its organisation is numbered


@pytest.fixture
def folder(tmp_path):
    """The fixture table with the project number of line 10 emptied."""
    lines = TABLE.read_text(encoding="utf-8-sig").splitlines()
    assert lines[EMPTY_PROJECT_LINE - 1].startswith("320109;")
    lines[EMPTY_PROJECT_LINE - 1] = lines[EMPTY_PROJECT_LINE - 1].removeprefix("320109")
    (tmp_path / TABLE.name).write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return tmp_path


def _key_notes(notes: list[str]) -> tuple[str, str]:
    skipped = next(n for n in notes if "skipped: their key is empty" in n)
    filled = next(n for n in notes if "given a placeholder id" in n)
    return skipped, filled


# --- the mapping language: a rule per key column ---------------------------------------------------------

RELATIONSHIP = """
    name = "members"

    [[nodes]]
    file = "klynger.csv"
    label = "Cluster"
    id = "id"
    name = "id"

    [[nodes]]
    file = "orgs.csv"
    label = "Organisation"
    id = "nr"
    name = "navn"
    on_empty = { placeholder = "navn:{navn}" }

    [[relationships]]
    file = "orgs.csv"
    type = "MEMBER_OF"
    on_empty = { "nr" = { placeholder = "navn:{navn}" }, "klynge" = "skip" }
    start = { label = "Organisation", column = "nr" }
    end = { label = "Cluster", column = "klynge" }
"""
ORG_ROWS = "nr;navn;klynge\n1;Fjordlab AS;havklyngen\n;Uten Nummer AS;havklyngen\n3;Nordsee GmbH;\n"


def test_a_relationship_table_gives_each_end_its_own_rule(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": RELATIONSHIP, "orgs.csv": ORG_ROWS,
                                     "klynger.csv": "id\nhavklyngen\n"})
    _, rels, notes = read_generic(mapping)
    assert sorted((r.start_id, r.end_id) for r in rels) == [("1", "havklyngen"), ("navn:Uten Nummer AS", "havklyngen")]
    assert "orgs.csv: 1 row(s) skipped: their key is empty (on_empty = \"skip\"): klynge on line 4" in notes
    assert "orgs.csv: 1 row(s) given a placeholder id for their empty key (on_empty): nr on line 3" in notes


def test_a_rule_for_a_column_that_is_no_key_is_named_at_its_line(tmp_path):
    mapping = write_files(tmp_path, {"mapping.toml": RELATIONSHIP.replace('"klynge" = "skip"', '"navn" = "skip"'),
                                     "orgs.csv": ORG_ROWS, "klynger.csv": "id\nhavklyngen\n"})
    with pytest.raises(ValidationFailed) as caught:
        read_generic(mapping)
    assert [str(p) for p in caught.value.problems] == [
        "mapping.toml:19 [on_empty]: on_empty names 'navn', which is not a key column of this table ('nr', 'klynge')"]
