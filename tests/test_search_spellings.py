"""The Explore search and the name resolution find an organisation by its CORDIS short name ("KTH") and by the
spelling people type for a transliterated name ("Göteborgs univ" for GOETEBORGS UNIVERSITET); a store written
before the short name was in the search text catches up at its next load (real embedded store)."""

from __future__ import annotations

from graph.store.records import NodeRecord
from graph.store.resolve import resolve_node
from graph.store.writer import write_records
from graph.views import store_views
from loaders.derived_search import refresh_search_texts

SOURCE = ("test:spellings",)
ORGS = [NodeRecord("Organisation", "pic:1", "KUNGLIGA TEKNISKA HOEGSKOLAN", SOURCE, properties={"short_name": "KTH"}),
        NodeRecord("Organisation", "pic:2", "GOETEBORGS UNIVERSITET", SOURCE, properties={"short_name": "GU"})]


def test_a_short_name_and_a_transliterated_spelling_find_the_organisation(embedded_store):
    write_records(embedded_store, ORGS, [])
    assert [key for key, _ in store_views.search(embedded_store, "KTH")] == ["Organisation:pic:1"]
    assert [key for key, _ in store_views.search(embedded_store, "Göteborgs univ")] == ["Organisation:pic:2"]
    assert resolve_node(embedded_store, "Göteborgs universitet", ["Organisation"]).key == "Organisation:pic:2"


def test_a_store_whose_search_texts_lack_short_names_catches_up(embedded_store):
    write_records(embedded_store, ORGS, [])
    embedded_store.write("MATCH (o:Organisation {id: 'pic:1'}) SET o._search = '|kungliga tekniska hoegskolan|pic:1|' "
                         "RETURN 0")
    assert store_views.search(embedded_store, "KTH") == []
    assert refresh_search_texts(embedded_store) == 1
    assert [key for key, _ in store_views.search(embedded_store, "KTH")] == ["Organisation:pic:1"]
    assert refresh_search_texts(embedded_store) == 0


def test_a_country_is_found_by_its_name_in_the_languages_tables_use(embedded_store):
    """`queries run collaboration/cross-border -p second=Tyskland` said "no Country has the id or name 'Tyskland'",
    where a table's country column, `metrics --country` and the app's Find box read it as DE."""
    write_records(embedded_store, [NodeRecord("Country", "DE", "Germany", SOURCE),
                                   NodeRecord("Country", "EL", "Greece", SOURCE)], [])
    for typed, key in (("Tyskland", "Country:DE"), ("Saksa", "Country:DE"), ("Allemagne", "Country:DE"),
                       ("Grekland", "Country:EL"), ("Hellas", "Country:EL")):
        assert resolve_node(embedded_store, typed, ["Country"]).key == key, typed
        assert [k for k, _ in store_views.search(embedded_store, typed)] == [key], typed
    embedded_store.write("MATCH (c:Country {id: 'DE'}) SET c._search = '|germany|de|' RETURN 0")  # an older release's
    assert refresh_search_texts(embedded_store) == 1
    assert resolve_node(embedded_store, "tyskland", ["Country"]).key == "Country:DE"


def test_a_name_with_nordic_letters_is_found_as_written_in_ascii_and_the_reverse(embedded_store):
    """Searching `miljø-og` in Explore found nothing: CORDIS writes NMBU `NORGES MILJO-OG ...`; folding writes ø, æ,
    œ, ł as registers write them in ASCII, on both sides."""
    write_records(embedded_store, [
        NodeRecord("Organisation", "pic:999902967", "NORGES MILJO-OG BIOVITENSKAPLIGE UNIVERSITET", SOURCE),
        NodeRecord("Organisation", "971040238", "Næringsforeningen i Tromsø", SOURCE)], [])
    for typed, key in (("miljø-og", "Organisation:pic:999902967"), ("Norges miljø", "Organisation:pic:999902967"),
                       ("naeringsforeningen", "Organisation:971040238"), ("Tromso", "Organisation:971040238"),
                       ("NÆRINGSFORENINGEN I TROMSØ", "Organisation:971040238")):
        assert [found for found, _ in store_views.search(embedded_store, typed)] == [key], typed
    assert resolve_node(embedded_store, "Norges miljø-og biovitenskaplige universitet",
                        ["Organisation"]).key == "Organisation:pic:999902967"


def test_a_store_whose_search_texts_kept_nordic_letters_catches_up(embedded_store):
    """A store written before ø was folded keeps `|næringsforeningen i tromsø|`, which no folded search matches any
    more: the derived facts write it again (derived version 6), once, whatever the node's kind."""
    write_records(embedded_store, [NodeRecord("Organisation", "971040238", "Næringsforeningen i Tromsø", SOURCE),
                                   NodeRecord("Project", "320100", "Grønn Omstilling", SOURCE)], [])
    for label, node_id, old in (("Organisation", "971040238", "|næringsforeningen i tromsø|971040238|"),
                                ("Project", "320100", "|grønn omstilling|320100|")):
        embedded_store.write(f"MATCH (o:{label} {{id: $id}}) SET o._search = $old RETURN 0",
                             {"id": node_id, "old": old})
    assert store_views.search(embedded_store, "tromsø") == []
    assert refresh_search_texts(embedded_store) == 2
    assert [key for key, _ in store_views.search(embedded_store, "tromsø")] == ["Organisation:971040238"]
    assert [key for key, _ in store_views.search(embedded_store, "grønn", kinds=["Project"])] == ["Project:320100"]
    assert refresh_search_texts(embedded_store) == 0


def test_the_nodes_are_not_read_for_nordic_letters_once_the_loads_were_derived_with_them_folded(embedded_store):
    """The read over every node costs 0.5-0.9 s at 10x: after a derivation of version 6 or later it is not made."""
    from loaders.derived_version import stamp_derived_version

    write_records(embedded_store, [NodeRecord("Organisation", "971040238", "Næringsforeningen i Tromsø", SOURCE),
                                   NodeRecord("Load", "l@1", "l", SOURCE, properties={"status": "complete"})], [])
    embedded_store.write("MATCH (o:Organisation) SET o._search = '|tromsø|' RETURN 0")
    stamp_derived_version(embedded_store)
    assert refresh_search_texts(embedded_store) == 0  # (a store stamped 6 holds no such text but by a hand's write)
    embedded_store.write("MATCH (l:Load) SET l.derived_version = 5 RETURN 0")
    assert refresh_search_texts(embedded_store) == 1
