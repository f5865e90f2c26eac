"""`mapping new` on a JSON export of projects whose partners are a list of objects in each project (a Danish cluster
programme's `projekter.json`: `"partnere": [{"cvr", "navn", "rolle"}]`) writes the participation preset with `split =
{ column = "partnere" }` and the partners' columns by their path, and that mapping loads one participation per
partner on the real embedded store with no line changed. It had left the organisation's columns empty and said to
map the list with `split`, which the preset refused as an unknown key."""

from __future__ import annotations

import shutil

import pytest

from graph.errors import ValidationFailed
from graph.store.reads import to_networkx
from loaders.mapping import read_mapping
from loaders.mapping_new.participation import participation_template
from loaders.pipeline import run_load
from tests.conftest import FIXTURES

PROJECTS = FIXTURES / "danish_projects" / "projekter.json"


def test_the_template_reads_the_partners_from_their_objects():
    template = participation_template(PROJECTS)
    assert 'split = { column = "partnere" }' in template
    assert 'organisation_id = "partnere.cvr"' in template
    assert 'organisation_name = "partnere.navn"' in template
    assert 'role = "partnere.rolle"' in template
    assert "lists of objects" not in template


def test_the_template_loads_a_participation_per_partner(embedded_store, tmp_path):
    shutil.copy(PROJECTS, tmp_path / PROJECTS.name)
    (tmp_path / "mapping.toml").write_text(participation_template(PROJECTS), encoding="utf-8")
    run_load(embedded_store, "csv", tmp_path / "mapping.toml")
    graph = to_networkx(embedded_store)
    roles = sorted(data["role"] for _, _, data in graph.edges(data=True) if data["type"] == "PARTICIPATES_IN")
    assert roles == ["coordinator"] * 4 + ["participant"] * 8
    assert sum(1 for node in graph if node.startswith("Organisation:")) == 11


def test_a_split_that_names_no_list_is_refused_saying_what_it_takes(tmp_path):
    shutil.copy(PROJECTS, tmp_path / PROJECTS.name)
    text = participation_template(PROJECTS).replace('split = { column = "partnere" }', 'split = "partnere"')
    (tmp_path / "mapping.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValidationFailed) as e:
        read_mapping(tmp_path / "mapping.toml")
    assert 'mapping.toml:8 [split]: split in the participation preset names the JSON list of partner objects' in str(
        e.value)
