"""*Find in the ranking* and `metrics --find`: a country by any of its names, and words that fit the graph's kind.

The try-out: Graph of = country, Find "Sverige" said nothing in the graph was named so (Sweden was there; the CLI's
`--country` and the Map's Find take Sverige); "this graph of cluster" read oddly; and a country's or region's
absence was explained by clusters' CORDIS records and `recommend --for`, which do not apply to them.
"""

from __future__ import annotations

from graph.analytics.metric_places import find_lines, found_places


class _Result:
    def __init__(self, values: dict) -> None:
        self.values = values


class _Found:
    def __init__(self, names: dict) -> None:
        self.names = names

    def number_of_nodes(self) -> int:
        return len(self.names)


COUNTRIES = {"Country:SE": "Sweden", "Country:NO": "Norway", "Country:FI": "Finland"}
DEGREE = {"degree": _Result({"Country:SE": 5.0, "Country:NO": 3.0, "Country:FI": 3.0})}


def test_a_country_is_found_by_its_own_name():
    assert found_places(COUNTRIES, DEGREE, "Sverige") == [("Country:SE", "Sweden", {"degree": "1 of 3"})]
    assert found_places(COUNTRIES, DEGREE, "suomi") == [("Country:FI", "Finland", {"degree": "2 of 3, tied with 1"})]


def test_nothing_found_in_a_graph_of_countries_says_why_in_its_own_words():
    line, = find_lines(_Found(COUNTRIES), DEGREE, "country", "Danmark")
    assert line == ("find 'Danmark': nothing in this graph of countries is named or numbered like it; a country is "
                    "in it through its organisations' projects that count here (the chosen programme, sectors, "
                    "countries, roles and years)")
    assert "recommend --for" not in line


def test_a_graph_of_clusters_is_called_so():
    line, = find_lines(_Found({"Cluster:a": "IoT World"}), {"degree": _Result({"Cluster:a": 1.0})}, "cluster", "zz")
    assert line.startswith("find 'zz': nothing in this graph of clusters is named")
    assert "`recommend --for` still ranks its partners" in line
