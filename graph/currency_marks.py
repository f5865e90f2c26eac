"""The currency an amount cell may name beside its number: `3 450 000 kr`, `1 200 000 SEK`, `€ 250.000`.

A Swedish grants sheet saved from Excel in its accounting format writes every amount with `kr`, and each cell was
refused ("expected a number"): `mapping new` told the officer to correct all of them by hand. A column whose
currency is known (the participation preset's `currency`, a column's own `currency`) now reads a mark of that
currency before or after the number; a mark of another currency (`EUR` in a SEK column) is still refused, so an
amount is never stored in a currency its cell does not say. `kr` is the krona or krone of SEK, NOK, DKK and ISK
alike: the column's currency says which.
"""

from __future__ import annotations

__all__ = ["CURRENCY_MARKS", "without_currency"]

#: A currency's ISO code -> the marks its amounts are written with besides the code itself (case ignored).
CURRENCY_MARKS = {"SEK": ("kr", "kr."), "NOK": ("kr", "kr."), "DKK": ("kr", "kr."), "ISK": ("kr", "kr."),
                  "EUR": ("€",)}


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
