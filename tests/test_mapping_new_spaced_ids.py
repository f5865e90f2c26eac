"""Organisation numbers written with spaces on some rows ("912 000 227") and without on others: `mapping new`
reads the key `compact`, so the table's organisations are as many as its numbers (a try-out's table of 129 made
232), and the load's note on ids written two ways has nothing to say. The real-shaped Norwegian grants table of
tests/fixtures/participation, read by the real generic loader."""

from __future__ import annotations

from loaders.generic import read_generic
from loaders.mapping_new.participation import participation_template
from tests.conftest import FIXTURES

TABLE = FIXTURES / "participation" / "tildelinger.csv"


def _organisations(folder) -> tuple[set[str], list[str]]:
    (folder / "mapping.toml").write_text(participation_template(folder / TABLE.name), encoding="utf-8")
    nodes, _, notes = read_generic(folder / "mapping.toml")
    return {n.id for n in nodes if n.label == "Organisation"}, notes


def test_numbers_written_with_spaces_are_read_compact(tmp_path):
    (tmp_path / TABLE.name).write_bytes(TABLE.read_bytes())
    plain, _ = _organisations(tmp_path)
    lines = TABLE.read_text(encoding="utf-8-sig").splitlines()
    spaced = [i for i, line in enumerate(lines) if ";912000227;" in line][1:]  # the first row keeps it plain
    assert spaced, "the case needs an organisation on several rows"
    for i in spaced:
        lines[i] = lines[i].replace(";912000227;", ";912 000 227;")
    (tmp_path / TABLE.name).write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    mapping = participation_template(tmp_path / TABLE.name)
    assert 'compact = true' in next(line for line in mapping.splitlines() if line.startswith("organisation_id"))
    assert f"{len(spaced)} number(s) are written with spaces" in mapping
    found, notes = _organisations(tmp_path)
    assert found == plain and "912000227" in found
    assert not [n for n in notes if "written two ways" in n]
