"""Records say what is wrong with them, also after many good ones: the checks remember good property names and
source ids (a load repeats a few dozen of each over millions of records), never bad ones."""

from __future__ import annotations

import pytest

from graph.store.records import NodeRecord, RelRecord

GOOD = NodeRecord("Organisation", "pic:1", "Acme", ("cordis:organizations.csv",),
                  properties={"country": "SE", "lat": 59.3, "sme": True, "aliases": ["ACME AB"], "order": 3})

BAD_NODES = [
    (NodeRecord("Organisation", "pic:2", "Acme", ("s",), properties={"kind": "x"}), "property 'kind' is reserved"),
    (NodeRecord("Organisation", "pic:2", "Acme", ("s",), properties={"bad name": 1}), "invalid property name"),
    (NodeRecord("Organisation", "pic:2", "Acme", ("s",), properties={"country": {"a": 1}}),
     "property 'country' has unsupported value"),
    (NodeRecord("Organisation", "pic:2", "Acme", ("s",), properties={"city": "Kiruna\x00"}),
     "property 'city' holds a NUL character"),
    (NodeRecord("Organisation", "pic:2", "Acme", ("s",), properties={"aliases": ["ok", "half \ud800"]}),
     "property 'aliases' holds a lone surrogate"),
    (NodeRecord("Organisation", "pic:2", "Acme", ("cordis:\x00x",)), "a source id holds a NUL character"),
    (NodeRecord("Organisation", "pic:2", "x" * 10, ("s",), properties={"title": "y" * 1_000_001}),
     "property 'title' is 1,000,001 characters long"),
]


@pytest.mark.parametrize(("record", "said"), BAD_NODES, ids=[s for _, s in BAD_NODES])
def test_a_bad_node_is_found_before_and_after_good_ones(record, said):
    assert any(said in p for p in record.problems())
    for _ in range(3):
        assert GOOD.problems() == []
    assert any(said in p for p in record.problems())


def test_relationships_are_checked_alike():
    good = RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "cordis:9", ("s",),
                     {"role": "coordinator", "contribution": 12.5}, key="1")
    assert [good.problems() for _ in range(3)] == [[], [], []]
    bad = RelRecord("PARTICIPATES_IN", "Organisation", "pic:1", "Project", "cordis:9", ("s",),
                    {"role": "co\x00ordinator", "colour": "red", "contribution": object()}, key="1")
    found = bad.problems()
    assert any("property 'role' holds a NUL character" in p for p in found)
    assert any("PARTICIPATES_IN has no property 'colour'" in p for p in found)
    assert any("property 'contribution' has unsupported value" in p for p in found)


def test_the_bulk_check_finds_a_bad_relationship_among_many_sound_ones_of_its_shape():
    from graph.store.records import relationships_with_problems

    def participation(n: int, **changes) -> RelRecord:
        fields = dict(type="PARTICIPATES_IN", start_label="Organisation", start_id=f"pic:{n}", end_label="Project",
                      end_id="cordis:9", sources=("s",), properties={"role": "participant", "order": n}, key=str(n))
        return RelRecord(**fields | changes)

    bad = [participation(1001, properties={"role": "x\x00"}), participation(1002, properties={"colour": "red"}),
           participation(1003, start_id="pic:\ud800"), participation(1004, end_id=""),
           participation(1005, key="k\x00"), participation(1006, properties={"order": [1, {"a": 2}]})]
    rels = [participation(n) for n in range(1000)] + bad + [participation(n) for n in range(1000, 1001)]
    found = list(relationships_with_problems(rels))
    assert [r for r, _ in found] == bad
    assert [problems == r.problems() for r, problems in found] == [True] * len(bad)


def test_sources_given_as_a_list_are_checked_like_a_tuple():
    from graph.store.records import relationships_with_problems

    node = NodeRecord("Organisation", "pic:1", "Acme", ["cordis:organizations.csv"])  # type: ignore[arg-type]
    assert node.problems() == []
    rel = RelRecord("LOCATED_IN", "Organisation", "pic:1", "Country", "SE", ["s", "t\x00"])  # type: ignore[arg-type]
    found = list(relationships_with_problems([rel, rel]))
    assert len(found) == 2 and all("a source id holds a NUL character" in p for _, ps in found for p in ps)
