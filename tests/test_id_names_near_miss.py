"""A register number's name is no near-miss: `regon` (the Polish business register number) is one letter from
`region`, and `load csv` warned "no feature reads `regon`; did you mean `region`?", which would have put REGON
numbers into the organisations' regions. A misspelt contract name (`regin`) is still said. The mapping is written by
the test and read by the real mapping reader."""

from __future__ import annotations

from loaders.mapping import read_mapping
from loaders.mapping_contract import near_misses
from tests.generic_files import write_files

MAPPING = """
    name = "klastry"
    [[nodes]]
    file = "members.csv"
    label = "Organisation"
    id = "NIP"
    name = "Name"
    [nodes.properties]
    regon = "REGON"
    siret = "SIRET"
    krs_nr = "KRS"
    regin = "Region"
"""


def test_register_number_names_get_no_near_miss_while_a_misspelt_region_does(tmp_path):
    path = write_files(tmp_path, {"mapping.toml": MAPPING, "members.csv": "NIP,Name,REGON,SIRET,KRS,Region\n"})
    warnings = near_misses(read_mapping(path))
    assert [w.split(": warning: ")[1].split(";")[0] for w in warnings] == ["no feature reads `regin`"]
    assert "did you mean `region`?" in warnings[0]
