"""A small table of a user's own, loaded over the seeds and the NUTS and CORDIS fixtures: what the "this load's
nodes" choice and the Map's cluster layer are tested on (`tests/test_load_nodes.py`, `tests/test_app_load_nodes.py`).

Two clusters of its own (one in a NUTS 3 region of Västra Götaland, with a name that is markup; one given no
place at all), the seed cluster IoT World named again (the load adds its file to the seed's sources), and two
organisations of its own, one in Norway, one in Sweden, members of its clusters.
"""

from __future__ import annotations

from pathlib import Path

from loaders.pipeline import run_load
from tests.generic_files import write_files

LOAD = "user:egne"
#: The clusters and organisations the load gives (IoT World a seed cluster too).
MARKUP = "<b>Väst</b> & <i>Co</i>"
ACTORS = {"Cluster:K1", "Cluster:K2", "Cluster:iot-world", "Organisation:O1", "Organisation:O2"}

FILES = {"mapping.toml": """
name = "egne"

[[nodes]]
file = "kluster.json"
label = "Cluster"
extra_labels = ["Organisation"]
id = "id"
name = "namn"
located_in = { region = "lan", country = "land" }

[[nodes]]
file = "medlemmer.csv"
label = "Organisation"
id = "orgnr"
name = "navn"

[nodes.properties]
country = "land"

[[relationships]]
file = "medlemmer.csv"
type = "MEMBER_OF"
start = { label = "Organisation", column = "orgnr" }
end = { label = "Cluster", column = "klynge" }
""", "kluster.json": (
    '[{"id": "K1", "namn": "' + MARKUP.replace('"', '\\"') + '", "lan": "Västra Götalands län", "land": "SE"}, '
    '{"id": "K2", "namn": "Klynge uten sted", "lan": "", "land": ""}, '
    '{"id": "iot-world", "namn": "IoT World", "lan": "", "land": ""}]'),
    "medlemmer.csv": "orgnr,navn,land,klynge\nO1,Fjordtek AS,NO,K1\nO2,Västkust Robotik AB,SE,K2\n"}


def load_own_table(store, folder: Path) -> None:
    """Load the table of `FILES` (written into `folder`) as the load `LOAD`."""
    run_load(store, "csv", write_files(folder, FILES))
