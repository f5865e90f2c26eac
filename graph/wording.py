"""How a message lists many things: the first few, then " ..." when there are more, spelled one way.

A count is spelled with its noun in the number it needs (`counted`): "showing the first 1 rows" had come out of a
result cut at one row.

The loaders' notes, their problems and the recommender's reasons name examples of what they counted ("12 region
name(s) of the table are not ...: Agder, Innlandet ..."); each had its own slice and its own test for the dots.
A national region is named with its country (`national_region_shown`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["first_few", "counted", "national_region_shown"]


def first_few[T](items: Sequence[T], most: int, text: Callable[[T], str] = str, sep: str = ", ") -> str:
    """The first `most` of `items`, each as `text` makes it, joined by `sep`; " ..." after them when there are more.

    >>> first_few(["Agder", "Innlandet", "Viken"], 2)
    'Agder, Innlandet ...'
    >>> first_few([("SE", 3)], 5, lambda pair: f"{pair[0]} ({pair[1]})", " / ")
    'SE (3)'
    """
    return sep.join(text(item) for item in items[:most]) + (" ..." if len(items) > most else "")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, singular for one, plural (`plural`, else `noun` + "s") for any other count.

    >>> counted(1, "row"), counted(2, "row"), counted(1500, "row"), counted(0, "country", "countries")
    ('1 row', '2 rows', '1,500 rows', '0 countries')
    """
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def national_region_shown(region_id: str, name: str) -> str:
    """A national region's name (its id is its country's code, a hyphen and the name: `IT-BO`) with its country, as
    ISO 3166-2 writes a subdivision: an Italian province's sigla `AL`, `AT`, `BG` in a note had read as Albania,
    Austria, Bulgaria. A NUTS region's name (its code holds no hyphen) is shown as it is.

    >>> national_region_shown("IT-AL", "AL"), national_region_shown("SE-14", "14")
    ('IT-AL', 'SE-14')
    >>> national_region_shown("ITC4", "Lombardia")
    'Lombardia'
    >>> national_region_shown("NO-Sogn-og-Fjordane", "Sogn og Fjordane")
    'NO-Sogn og Fjordane'
    """
    return f"{region_id[:2]}-{name}" if "-" in region_id and not name.startswith(f"{region_id[:2]}-") else name
