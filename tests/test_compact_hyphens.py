"""An organisation number written with a hyphen on some rows or in one table (Sweden's `556051-4142`, Finland's
`0245895-5`) and without on others (`5560514142`): `compact` reads both as one id, and a load without it names the
pairs and the option, also against an id the store holds. A Swedish regional agency's table had made two
organisations of each, `compact` reading only spaces away, and its note naming only the namesakes. Real parts: the
tables of tests/fixtures/organisation_numbers, the generic loader, the embedded store, `mapping new`'s template."""

from __future__ import annotations

import doctest
import shutil

from loaders import compact_keys
from loaders.generic import load_generic
from tests.conftest import FIXTURES

TABLES = FIXTURES / "organisation_numbers"
COMPACT = 'compact = ["Organisationsnummer"]\n'


def _mapping(tmp_path, name: str, compact: bool = False):
    for path in TABLES.glob(f"{name}.*"):
        shutil.copy(path, tmp_path / path.name)
    if compact:
        with (tmp_path / f"{name}.toml").open("a", encoding="utf-8") as mapping:
            mapping.write(COMPACT)
    return tmp_path / f"{name}.toml"


def _organisations(store) -> list[str]:
    return sorted(row[0] for row in store.read("MATCH (o:Organisation) RETURN o.id").rows)


def test_the_examples_hold():
    assert doctest.testmod(compact_keys).failed == 0


def test_compact_reads_hyphens_and_spaces_between_digits_as_one_id(tmp_path, embedded_store):
    load_generic(embedded_store, _mapping(tmp_path, "organisationer", compact=True))
    assert _organisations(embedded_store) == ["02458955", "2021002841", "5560514142", "919303808", "SE-ABC"]
