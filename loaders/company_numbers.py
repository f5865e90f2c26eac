"""National company numbers and the VAT numbers they can be: a Norwegian organisation number is the core of NO...MVA,
a Swedish one of SE...01, a Danish CVR of DK..., a Finnish business ID (written 1234567-8) of FI..., a French SIREN of
FR + its key, an Italian partita IVA of IT..., a Polish NIP of PL..., a Spanish NIF of ES...; each where its own check
holds. CORDIS gives organisations their VAT number, while tables of agencies and cluster registers key them by the
national number: `loaders.generic_vat_numbers` finds a table's row's organisation by it, and
`loaders.generic_match_move` keeps a node's stored VAT form when a table gives its national form. Both import it from
here, a module importing neither (the rules had lived in the first, which the second imports).
"""

from __future__ import annotations

import re

__all__ = ["vat_forms"]

_VAT = re.compile(r"[A-Z]{2}[0-9A-Z]{2,13}")
#: Digits of a national number -> its VAT forms: NO organisation number, SE organisation number, PL NIP, DK CVR, FI
#: Y-tunnus, FR SIREN (its key filled in by `_french_vat`), FR SIRET (the SIREN its first nine digits) and IT partita
#: IVA (a company's codice fiscale too).
_FORMS = {9: ("NO{}MVA", "FR{}"), 10: ("SE{}01", "PL{}"), 8: ("DK{}", "FI{}"), 14: ("FR{}",), 11: ("IT{}",)}
#: A Spanish NIF: a company's CIF (the letter of its kind, seven digits, a check digit or letter), a person's DNI
#: (eight digits, a letter) or a foreigner's NIE (X, Y or Z, seven digits, a letter).
_SPANISH_NIF = re.compile(r"[ABCDEFGHJKLMNPQRSUVW][0-9]{7}[0-9A-J]|[XYZ0-9][0-9]{7}[A-Z]")


def _spanish_check_holds(nif: str) -> bool:
    """Whether a Spanish NIF's last character is its check: a CIF's digit (or its letter, JABCDEFGHI) from its seven
    digits (those in odd places doubled, digits summed), a DNI's or NIE's letter its number mod 23 (an NIE's X, Y, Z
    counting 0, 1, 2). Of the sample's 2,044 CORDIS numbers ES + a CIF, all but two pass; a row of no country is
    tried in the Spanish form only when it holds.

    >>> [_spanish_check_holds(n) for n in ("F20165940", "R4868004E", "12345678Z", "X1234567L", "F20165941")]
    [True, True, True, True, False]
    """
    if nif[0] not in "0123456789XYZ":
        digits = [int(d) for d in nif[1:8]]
        check = -(sum(digits[1::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[::2])) % 10
        return nif[8] in (str(check), "JABCDEFGHI"[check])
    number = int(str("XYZ".find(nif[0])) + nif[1:8] if nif[0] in "XYZ" else nif[:8])
    return "TRWAGMYFPDXBNJZSQVHLCKE"[number % 23] == nif[8]


def _check_digit_holds(form: str, digits: str) -> bool:
    """Whether ten digits pass the check of the country `form` writes: a Swedish organisation number's Luhn digit, a
    Polish NIP's (weights 6 5 7 2 3 4 5 6 7, mod 11). Both are ten digits: a NIP had been tried as a Swedish number
    only (`5250005834` as SE525000583401). Of the sample's CORDIS numbers, every Swedish one passes its check and
    every Polish one but one, while about one in ten passes the other country's: a row of no country is tried only in
    the forms whose check holds (rarely both, and then the match still needs one node and a shared word), and a row of
    SE or PL only in its own form (`_of_its_country`) when its check holds (a number failing it is mistyped).

    >>> _check_digit_holds("PL{}", "5250005834"), _check_digit_holds("SE{}01", "5250005834")
    (True, False)
    """
    if form == "PL{}":
        return sum(int(d) * w for d, w in zip(digits, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=False)) % 11 == int(digits[9])
    if form == "SE{}01":
        doubled = (int(d) * (2 - at % 2) for at, d in enumerate(digits))
        return sum(n // 10 + n % 10 for n in doubled) % 10 == 0
    return True


def _french_vat(siren: str) -> str:
    """The French VAT number's digits for a SIREN: its key, (12 + 3 * (SIREN mod 97)) mod 97 in two digits, then it.

    >>> _french_vat("330715368"), _french_vat("441133808")
    ('46330715368', '75441133808')
    """
    return f"{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def vat_forms(number: str) -> tuple[str, ...]:
    """The VAT numbers a company number can be (an id already in VAT form: itself); () for another id. Ten digits are
    a Swedish organisation number or a Polish NIP (`525-000-58-34`) where its check digit holds (`_check_digit_holds`);
    a Spanish NIF (`F20165940`, `F-20.165.940`) is ES + it where its check character holds (`_spanish_check_holds`).

    >>> vat_forms("970 422 528"), vat_forms("556677-8899"), vat_forms("1234567-8"), vat_forms("NO970422528MVA")
    (('NO970422528MVA', 'FR00970422528'), ('SE556677889901',), ('DK12345678', 'FI12345678'), ('NO970422528MVA',))
    >>> vat_forms("441 133 808"), vat_forms("44113380800182"), vat_forms("00488410010")
    (('NO441133808MVA', 'FR75441133808'), ('FR75441133808',), ('IT00488410010',))
    >>> vat_forms("525-000-58-34"), vat_forms("5250005834"), vat_forms("PL5250005834")
    (('PL5250005834',), ('PL5250005834',), ('PL5250005834',))
    >>> vat_forms("F20165940"), vat_forms("F-20.165.940"), vat_forms("ESF20165940"), vat_forms("F20165941")
    (('ESF20165940',), ('ESF20165940',), ('ESF20165940',), ())
    >>> vat_forms("ARENA-2021-017"), vat_forms("12345")
    ((), ())
    """
    text = number.strip().upper().replace(" ", "")
    if _SPANISH_NIF.fullmatch(nif := text.replace("-", "").replace(".", "")):
        return (f"ES{nif}",) if _spanish_check_holds(nif) else ()
    if _VAT.fullmatch(text) and not text[:2].isdigit() and any(c.isdigit() for c in text):
        return (text,)
    digits = text.replace("-", "")
    if not digits.isdigit():
        return ()
    return tuple(form.format(_french_vat(digits[:9]) if form == "FR{}" else digits)
                 for form in _FORMS.get(len(digits), ()) if _check_digit_holds(form, digits))
