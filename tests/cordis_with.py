"""The committed CORDIS fixture with a country's organisations added, as participants of one of its projects: the
tests of a country's ids and legal forms (tests/test_italian_ids_and_forms.py, tests/test_polish_ids_and_forms.py)
need CORDIS records with that country's VAT numbers and names, which the Nordic fixture lacks."""

from __future__ import annotations

import shutil
from pathlib import Path

from loaders.cordis import load_cordis
from tests.conftest import FIXTURES

#: A project of the CORDIS fixture the added organisations take part in (its id and acronym, as the file writes them).
PROJECT = "101039110,UNIFY"


def load_cordis_with(store, folder: Path, country: str, organisations: list[tuple[str, str, str]]) -> None:
    """Load the CORDIS fixture, copied to `folder`, with `organisations` ((PIC, VAT number, name) of `country`) added
    as participants of `PROJECT`, into `store`."""
    cordis = folder / "cordis"
    shutil.copytree(FIXTURES / "cordis", cordis)
    with (cordis / "organizations.csv").open("a", encoding="utf-8") as rows:
        for order, (pic, vat, name) in enumerate(organisations, start=2):
            rows.write(f'{PROJECT},{pic},{vat},"{name}",,false,PRC,,,,{country},,,,,{order},participant,0,0,0,false,,\n')
    load_cordis(store, cordis)


def stored_node(store, node_id: str):
    """(name, own_ids, aliases) of the node of `node_id`, or None: what a matched row left on it."""
    rows = store.read("MATCH (o {id: $id}) RETURN o.name, o.own_ids, o.aliases", {"id": node_id}).rows
    return rows[0] if rows else None
