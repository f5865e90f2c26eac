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

#: A currency's ISO code -> the marks its amounts are written with besides the code itself (case ignored): the
#: euro's and those of Europe's other currencies, as registers write them before or after amounts (`4 250 000,00 zł`
#: had been refused cell by cell); `kn` is the kuna of Croatian tables before 2023.
CURRENCY_MARKS = {"SEK": ("kr", "kr."), "NOK": ("kr", "kr."), "DKK": ("kr", "kr."), "ISK": ("kr", "kr."),
                  "EUR": ("€",), "PLN": ("zł", "zl"), "CZK": ("Kč", "Kc"), "HUF": ("Ft",), "RON": ("lei", "leu"),
                  "BGN": ("лв", "лв.", "lv"), "HRK": ("kn",), "CHF": ("Fr.", "SFr."), "GBP": ("£",),
                  "RSD": ("din", "din.", "дин", "дин.")}
#: The country whose currency each krona or krone is: a table placed in one of them names its `kr`.
KRONA_COUNTRIES = {"SE": "SEK", "NO": "NOK", "DK": "DKK", "IS": "ISK"}


def without_currency(text: str, currency: str) -> str:
    """`text` without a mark of `currency` (an ISO code) before or after its number; as it is when it has none.

    >>> without_currency("3 450 000 kr", "SEK"), without_currency("€ 250.000", "EUR"), without_currency("12 EUR", "SEK")
    ('3 450 000', '250.000', '12 EUR')
    >>> without_currency("4 250 000,00 zł", "PLN"), without_currency("12 500 Kč", "CZK")
    ('4 250 000,00', '12 500')
    >>> without_currency("Baldin", "RSD"), without_currency("Fr. 1'200", "CHF")
    ('Baldin', "1'200")
    """
    if not currency:
        return text
    stripped, folded = text.strip(), text.strip().casefold()
    marks = {currency.casefold(), *(mark.casefold() for mark in CURRENCY_MARKS.get(currency.upper(), ()))}
    for mark in sorted(marks, key=len, reverse=True):
        rest = stripped[:-len(mark)] if folded.endswith(mark) else stripped[len(mark):] if folded.startswith(mark) \
            else ""
        if any(c.isdigit() for c in rest):  # beside a number: `Baldin` in an amount column is no dinar
            return rest.strip()
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
