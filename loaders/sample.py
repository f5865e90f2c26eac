"""The real sample shipped inside the project, so a fresh clone opens on a real network, offline.

`sample_data/` holds the CORDIS Horizon Europe Nordic extract (5,768 projects, 69,059 participation
rows, 21,680 organisations) and the GISCO NUTS 2021 + 2024 label points, xz-compressed (5.5 MB in all;
gzip would be 11 MB, and xz costs ~0.3 s more to read). The loaders read the `.csv.xz` files as they
are. Attribution and terms: `sample_data/SOURCE.md`. `loaders.pipeline.run_sample` loads it.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SAMPLE_DIR", "SAMPLE_CORDIS", "SAMPLE_NUTS", "sample_files"]

SAMPLE_DIR = Path(__file__).resolve().parent / "sample_data"
SAMPLE_CORDIS = SAMPLE_DIR / "cordis-horizon-europe"
SAMPLE_NUTS = SAMPLE_DIR / "gisco-nuts"


def sample_files() -> list[Path]:
    """Every data file of the sample (what a wheel must carry)."""
    return sorted([*SAMPLE_CORDIS.glob("*.csv.xz"), *SAMPLE_NUTS.glob("*.csv.xz")])
