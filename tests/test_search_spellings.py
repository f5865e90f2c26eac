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
