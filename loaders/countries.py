"""Countries as users write them: the reader lives in `graph.countries` (the store's search texts use it too)."""

from graph.countries import LANGUAGES, country_code, spellings

__all__ = ["country_code", "spellings", "LANGUAGES"]
