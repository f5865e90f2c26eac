"""German role words of a grants table (`Konsortialführer`, `Partner`), read by the participation preset as the roles
the features count: an Austrian table's consortium leads (tests/fixtures/austrian_clusters/foerderungen.csv) had
been kept as written, and `mapping new` offered to recode them to `participant`."""

from __future__ import annotations

import shutil

from loaders.generic import parse_generic
from loaders.role_words import role_of
from tests.conftest import FIXTURES

AUSTRIAN = FIXTURES / "austrian_clusters"


def test_german_lead_and_partner_words_are_roles():
    assert [role_of(w) for w in ("Konsortialführer", "Projektleiter", "Antragsteller", "Konsortialpartner")] == \
        ["coordinator", "coordinator", "coordinator", "participant"]


def test_an_austrian_grants_tables_leads_are_coordinators_without_a_recode(tmp_path):
    shutil.copy(AUSTRIAN / "foerderungen.csv", tmp_path)
    mapping = (AUSTRIAN / "foerderungen.toml").read_text(encoding="utf-8")
    (tmp_path / "mapping.toml").write_text(
        "\n".join(line for line in mapping.splitlines() if not line.startswith("roles =")), encoding="utf-8")
    roles = {(r.start_id, r.end_id): r.properties.get("role") for r in parse_generic(tmp_path / "mapping.toml").rels
             if r.type == "PARTICIPATES_IN"}
    assert roles[("FN 123456a", "FFG-880011")] == "coordinator"
    assert roles[("FN 234567b", "FFG-880011")] == "participant"
