"""Rows of a `match = "name"` table that name one node of the store in two spellings, and differ only by empty cells,
update it together: an empty cell sets nothing, as between rows of one id.

The try-out: `IoT World` with a web address and `IOT WORLD` with a city, on the seeds, were refused as naming the
node iot-world "with other data". Rows that give one property two values are still refused.
"""

from __future__ import annotations

import pytest

from graph.errors import ValidationFailed
from loaders.generic import load_generic
from loaders.seeds import load_seeds

MAPPING = ('name = "klynger"\n\n[[nodes]]\nfile = "klynger.csv"\nlabel = "Cluster"\nid = "navn"\nname = "navn"\n'
           'match = "name"\n\n[nodes.properties]\nwebsite = "web"\ncity = "by"\n')


def _load(store, folder, rows: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "klynger.csv").write_text("navn,web,by\n" + rows, encoding="utf-8")
    (folder / "mapping.toml").write_text(MAPPING, encoding="utf-8")
    return load_generic(store, folder / "mapping.toml")


def test_two_spellings_that_differ_by_empty_cells_update_the_node_together(embedded_store, tmp_path):
    load_seeds(embedded_store)
    report = _load(embedded_store, tmp_path / "a", "IoT World,www.iot.example,\nIOT WORLD,,Linköping\n")
    found = embedded_store.read("MATCH (c:Cluster {id: 'iot-world'}) RETURN c.website, c.city, c.name").rows
    assert found == [["www.iot.example", "Linköping", "IoT World"]]
    assert embedded_store.read("MATCH (c:Cluster) WHERE toLower(c.name) = 'iot world' RETURN count(c)").rows == [[1]]
    assert any("-> iot-world" in note for note in report.notes)


def test_two_spellings_that_give_a_property_two_values_are_still_refused(embedded_store, tmp_path):
    load_seeds(embedded_store)
    with pytest.raises(ValidationFailed, match="with other data"):
        _load(embedded_store, tmp_path / "b", "IoT World,www.iot.example,Linköping\nIOT WORLD,,Norrköping\n")
