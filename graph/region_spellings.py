"""The names people write for NUTS regions that NUTS does not: a region's name as its own country's tables and officers
write it.

A Finnish agency's grants sheet writes its regions `Pirkanmaan maakunta` (the region's name in the genitive, then
"region"), `Uusimaa` (NUTS: Helsinki-Uusimaa) or in Swedish, `Österbotten` (NUTS: Pohjanmaa); a Danish member list
writes `Region Syddanmark` (NUTS: Syddanmark); a Swedish one `Region Skåne` or `Västra Götalandsregionen`, the county
council's name (NUTS: Skåne län, Västra Götalands län). Each had become a national region of its own, off the Map,
ranked beside the NUTS region it is, and `--region` or a query's `area` given those words found nothing. Here each NUTS
name (of its country) has the other names: the generic loader reads a table's name as the NUTS region's
(`loaders.generic_regions`), and the region's search text holds them (`graph.store.search_text`), so a query, a
`--region` and the app's search find the region by them.
"""

from __future__ import annotations

import functools

from graph.store.search_text import fold

__all__ = ["OTHER_NAMES", "other_names", "nuts_name_of"]

#: (country, NUTS name) -> the other names of that region: Finland's regions (maakunta) in the genitive with
#: `maakunta` (and a common misspelling of Uusimaa's), in Swedish, Finnish for Åland; Denmark's with `Region`;
#: Sweden's counties (län) by their regions' own names (`Region Skåne`, `Region Sörmland`, `Västra Götalandsregionen`,
#: `Region Jämtland Härjedalen`): a Swedish table's words, which the loader's rule (`Region X` as `X län`) reads only
#: where the county's name follows it, and which no search text held; Italy's provinces by their usual short names
#: (`Monza e Brianza`, `Reggio Emilia`, `Bolzano`), which had each become a national region off the Map; Poland's
#: voivodeships as Poles write them (`mazowieckie`, `Mazowsze`: NUTS has only its macroregion, PL9, `Makroregion
#: województwo mazowieckie`; `Dolny Śląsk`, `Małopolska`): `mazowieckie` had made a national region beside PL9;
#: Spain's communities and provinces in the language NUTS does not write (`Euskadi`, `Catalunya`, `Vizcaya`, `Lérida`):
#: `area=Euskadi` had found nothing (NUTS's `Araba/Álava` is found by either part already).
OTHER_NAMES: dict[tuple[str, str], tuple[str, ...]] = {
    ("FI", "Helsinki-Uusimaa"): ("Uusimaa", "Uudenmaan maakunta", "Uusimaan maakunta", "Nyland"),
    ("FI", "Varsinais-Suomi"): ("Varsinais-Suomen maakunta", "Egentliga Finland"),
    ("FI", "Satakunta"): ("Satakunnan maakunta",),
    ("FI", "Kanta-Häme"): ("Kanta-Hämeen maakunta", "Egentliga Tavastland"),
    ("FI", "Pirkanmaa"): ("Pirkanmaan maakunta", "Birkaland"),
    ("FI", "Päijät-Häme"): ("Päijät-Hämeen maakunta", "Päijänne-Tavastland"),
    ("FI", "Kymenlaakso"): ("Kymenlaakson maakunta", "Kymmenedalen"),
    ("FI", "Etelä-Karjala"): ("Etelä-Karjalan maakunta", "Södra Karelen"),
    ("FI", "Etelä-Savo"): ("Etelä-Savon maakunta", "Södra Savolax"),
    ("FI", "Pohjois-Savo"): ("Pohjois-Savon maakunta", "Norra Savolax"),
    ("FI", "Pohjois-Karjala"): ("Pohjois-Karjalan maakunta", "Norra Karelen"),
    ("FI", "Keski-Suomi"): ("Keski-Suomen maakunta", "Mellersta Finland"),
    ("FI", "Etelä-Pohjanmaa"): ("Etelä-Pohjanmaan maakunta", "Södra Österbotten"),
    ("FI", "Pohjanmaa"): ("Pohjanmaan maakunta", "Österbotten"),
    ("FI", "Keski-Pohjanmaa"): ("Keski-Pohjanmaan maakunta", "Mellersta Österbotten"),
    ("FI", "Pohjois-Pohjanmaa"): ("Pohjois-Pohjanmaan maakunta", "Norra Österbotten"),
    ("FI", "Kainuu"): ("Kainuun maakunta", "Kajanaland"),
    ("FI", "Lappi"): ("Lapin maakunta",),  # not its Swedish Lappland: a Swedish province too
    ("FI", "Åland"): ("Ahvenanmaa", "Ahvenanmaan maakunta", "Landskapet Åland"),
    ("DK", "Hovedstaden"): ("Region Hovedstaden",),
    ("DK", "Sjælland"): ("Region Sjælland",),
    ("DK", "Syddanmark"): ("Region Syddanmark",),
    ("DK", "Midtjylland"): ("Region Midtjylland",),
    ("DK", "Nordjylland"): ("Region Nordjylland",),
    ("SE", "Stockholms län"): ("Region Stockholm",),
    ("SE", "Uppsala län"): ("Region Uppsala",),
    ("SE", "Södermanlands län"): ("Region Sörmland", "Sörmland"),
    ("SE", "Östergötlands län"): ("Region Östergötland",),
    ("SE", "Örebro län"): ("Region Örebro län", "Region Örebro"),
    ("SE", "Västmanlands län"): ("Region Västmanland",),
    ("SE", "Jönköpings län"): ("Region Jönköpings län", "Region Jönköping"),
    ("SE", "Kronobergs län"): ("Region Kronoberg",),
    ("SE", "Kalmar län"): ("Region Kalmar län", "Region Kalmar"),
    ("SE", "Gotlands län"): ("Region Gotland",),
    ("SE", "Blekinge län"): ("Region Blekinge",),
    ("SE", "Skåne län"): ("Region Skåne",),
    ("SE", "Hallands län"): ("Region Halland",),
    ("SE", "Västra Götalands län"): ("Västra Götalandsregionen", "Region Västra Götaland"),
    ("SE", "Värmlands län"): ("Region Värmland",),
    ("SE", "Dalarnas län"): ("Region Dalarna",),
    ("SE", "Gävleborgs län"): ("Region Gävleborg",),
    ("SE", "Västernorrlands län"): ("Region Västernorrland",),
    ("SE", "Jämtlands län"): ("Region Jämtland Härjedalen", "Jämtland Härjedalen", "Region Jämtland"),
    ("SE", "Västerbottens län"): ("Region Västerbotten",),
    ("SE", "Norrbottens län"): ("Region Norrbotten",),
    ("IT", "Monza e della Brianza"): ("Monza e Brianza", "Monza Brianza"),
    ("IT", "Reggio nell’Emilia"): ("Reggio Emilia",),
    ("IT", "Bolzano-Bozen"): ("Bolzano", "Bozen", "Alto Adige", "Südtirol"),
    ("IT", "Reggio di Calabria"): ("Reggio Calabria",),  # NUTS 2021's name; 2024 writes Reggio Calabria
    ("IT", "Pesaro e Urbino"): ("Pesaro Urbino",),
    ("IT", "Sassari"): ("Olbia-Tempio",),  # Sardinia's provinces abolished in 2016, in the one that holds each now
    ("IT", "Nuoro"): ("Ogliastra",),
    ("IT", "Sud Sardegna"): ("Carbonia-Iglesias", "Medio Campidano"),
    ("PL", "Makroregion województwo mazowieckie"): ("Mazowieckie", "Województwo mazowieckie", "Mazowsze"),
    ("PL", "Dolnośląskie"): ("Dolny Śląsk",), ("PL", "Śląskie"): ("Śląsk",), ("PL", "Małopolskie"): ("Małopolska",),
    ("PL", "Wielkopolskie"): ("Wielkopolska",), ("PL", "Pomorskie"): ("Pomorze", "Pomorze Gdańskie"),
    ("PL", "Zachodniopomorskie"): ("Pomorze Zachodnie",), ("PL", "Kujawsko-pomorskie"): ("Kujawy i Pomorze",),
    ("PL", "Warmińsko-mazurskie"): ("Warmia i Mazury",), ("PL", "Lubuskie"): ("Ziemia Lubuska",),
    ("PL", "Łódzkie"): ("Ziemia Łódzka",), ("PL", "Opolskie"): ("Opolszczyzna",),
    ("PL", "Lubelskie"): ("Lubelszczyzna",), ("PL", "Podkarpackie"): ("Podkarpacie",),
    ("PL", "Podlaskie"): ("Podlasie",),
    ("ES", "País Vasco"): ("Euskadi", "Euskal Autonomia Erkidegoa", "Basque Country"),  # not Euskal Herria: wider
    ("ES", "Cataluña"): ("Catalunya", "Catalonia"), ("ES", "Comunitat Valenciana"): ("Comunidad Valenciana",),
    ("ES", "Galicia"): ("Galiza",), ("ES", "Navarra"): ("Nafarroa",), ("ES", "Canarias"): ("Islas Canarias",),
    ("ES", "Illes Balears"): ("Islas Baleares", "Baleares"), ("ES", "Eivissa y Formentera"): ("Ibiza y Formentera",),
    ("ES", "Gipuzkoa"): ("Guipúzcoa",), ("ES", "Bizkaia"): ("Vizcaya",), ("ES", "Girona"): ("Gerona",),
    ("ES", "Lleida"): ("Lérida",), ("ES", "A Coruña"): ("La Coruña",), ("ES", "Ourense"): ("Orense",),
}
#: What a country's tables write before a region's name (`Città metropolitana di Milano`, `Provincia di Torino`,
#: `województwo dolnośląskie`, `woj. śląskie`, `Comunidad Autónoma de Euskadi`), folded: the region is the name after
#: it.
_TITLES = {"IT": ("citta metropolitana di ", "provincia autonoma di ", "provincia di ",
                  "libero consorzio comunale di "),
           "PL": ("wojewodztwo ", "woj. ", "woj "),
           "ES": ("comunidad autonoma del ", "comunidad autonoma de ", "provincia de ")}


@functools.cache
def _by_folded() -> tuple[dict[tuple[str, str], tuple[str, ...]], dict[tuple[str, str], str]]:
    others = {(country, fold(name)): names for (country, name), names in OTHER_NAMES.items()}
    nuts = {(country, fold(other)): name for (country, name), names in OTHER_NAMES.items() for other in names}
    return others, nuts


def other_names(region_id: str, name: str | None) -> tuple[str, ...]:
    """The other names of the NUTS region `region_id` named `name` (its country is its code's first two letters).

    >>> other_names("FI19B", "Pirkanmaa"), other_names("DK03", "Syddanmark"), other_names("SE33", "Övre Norrland")
    (('Pirkanmaan maakunta', 'Birkaland'), ('Region Syddanmark',), ())
    """
    return _by_folded()[0].get((region_id[:2], fold(name or "")), ())


def nuts_name_of(name: str, country: str) -> str | None:
    """The NUTS name of the region of `country` a table calls `name` by another name, or None.

    >>> nuts_name_of("Pirkanmaan maakunta", "FI"), nuts_name_of("uusimaa", "FI"), nuts_name_of("Lappland", "SE")
    ('Pirkanmaa', 'Helsinki-Uusimaa', None)
    >>> nuts_name_of("Region Sörmland", "SE"), nuts_name_of("Västra Götalandsregionen", "SE")
    ('Södermanlands län', 'Västra Götalands län')

    An Italian province's name after its title is the province's (`_TITLES`), by its other name if it has one, and so
    is a Polish voivodeship's (NUTS has Mazovia's as `Makroregion województwo mazowieckie`, others as `Dolnośląskie`):

    >>> nuts_name_of("Città metropolitana di Milano", "IT"), nuts_name_of("Provincia di Reggio Emilia", "IT")
    ('Milano', 'Reggio nell’Emilia')
    >>> nuts_name_of("mazowieckie", "PL"), nuts_name_of("Województwo mazowieckie", "PL")
    ('Makroregion województwo mazowieckie', 'Makroregion województwo mazowieckie')
    >>> nuts_name_of("Dolny Śląsk", "PL"), nuts_name_of("woj. śląskie", "PL"), nuts_name_of("Dolnośląskie", "PL")
    ('Dolnośląskie', 'śląskie', None)
    >>> nuts_name_of("Euskadi", "ES"), nuts_name_of("Comunidad Autónoma de Euskadi", "ES")
    ('País Vasco', 'País Vasco')
    >>> nuts_name_of("Vizcaya", "ES"), nuts_name_of("Provincia de Gipuzkoa", "ES"), nuts_name_of("Bizkaia", "ES")
    ('Bizkaia', 'Gipuzkoa', None)
    """
    folded = fold(name)
    title = next((t for t in _TITLES.get(country, ()) if folded.startswith(t)), "")
    short = " ".join(name.split()[len(title.split()):])  # the words after the title
    return _by_folded()[1].get((country, folded[len(title):])) or (short if title else None)
