"""The currency an amount cell may name beside its number: `3 450 000 kr`, `1 200 000 SEK`, `€ 250.000`.

A Swedish grants sheet saved from Excel in its accounting format writes every amount with `kr`, and each cell was
refused ("expected a number"): `mapping new` told the officer to correct all of them by hand. A column whose
currency is known (the participation preset's `currency`, a column's own `currency`) now reads a mark of that
currency before or after the number; a mark of another currency (`EUR` in a SEK column) is still refused, so an
amount is never stored in a currency its cell does not say. `kr` is the krona or krone of SEK, NOK, DKK and ISK
alike: the column's currency says which. Where no column says it, `marked_currencies` names the currencies a cell's
mark may stand for, so that a refusal and `mapping new` say `currency = "SEK"` instead of "correct the cells".
"""

from __future__ import annotations

__all__ = ["CURRENCY_MARKS", "KRONA_COUNTRIES", "marked_currencies", "mark_of", "without_currency"]

#: A currency's ISO code -> the marks its amounts are written with besides the code itself (case ignored).
CURRENCY_MARKS = {"SEK": ("kr", "kr."), "NOK": ("kr", "kr."), "DKK": ("kr", "kr."), "ISK": ("kr", "kr."),
                  "EUR": ("€",)}
#: The country whose currency each krona or krone is: a table placed in one of them names its `kr`.
KRONA_COUNTRIES = {"SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK"}


def without_currency(text: str, currency: str) -> str:
    """`text` without a mark of `currency` (an ISO code) before or after its number; as it is when it has none.

    >>> without_currency("3 450 000 kr", "SEK"), without_currency("€ 250.000", "EUR"), without_currency("12 EUR", "SEK")
    ('3 450 000', '250.000', '12 EUR')
    """
    if not currency:
        return text
    stripped, folded = text.strip(), text.strip().casefold()
    for mark in sorted({currency.casefold(), *CURRENCY_MARKS.get(currency.upper(), ())}, key=len, reverse=True):
        if folded.endswith(mark) and folded != mark:
            return stripped[:-len(mark)].strip()
        if folded.startswith(mark) and folded != mark:
            return stripped[len(mark):].strip()
    return text


def marked_currencies(text: str) -> tuple[str, ...]:
    """The currencies whose mark `text` carries before or after its number (none when it has none, or is a mark alone).

    >>> marked_currencies("3 450 000 kr"), marked_currencies("€ 250.000")
    (('SEK', 'NOK', 'DKK', 'ISK'), ('EUR',))
    >>> marked_currencies("12 SEK"), marked_currencies("12"), marked_currencies("kr")
    (('SEK',), (), ())
    """
    return tuple(code for code in CURRENCY_MARKS if without_currency(text, code) != text)


def mark_of(text: str, currency: str) -> str:
    """The mark of `currency` that `text` carries, as written (`kr` of `3 450 000 kr`); "" when it carries none.

    >>> mark_of("3 450 000 kr", "SEK"), mark_of("€ 250.000", "EUR"), mark_of("12", "SEK")
    ('kr', '€', '')
    """
    return text.strip().replace(without_currency(text, currency), "", 1).strip()
