"""Rows of organisations keyed by a national company number that a node of the store carries in its VAT number.

A programme officer's grants table names its partners by Norwegian organisation number (970422528, "UiT Norges
arktiske universitet"); CORDIS names the same body "UNIVERSITETET I TROMSOE - NORGES ARKTISKE UNIVERSITET", with the
VAT number NO970422528MVA. Neither the name match nor the near-name note could see they are one, so the table's
partner stayed apart from its CORDIS projects without a word. The numbers say it: a Norwegian organisation number
is the VAT number's core (NO...MVA), as are a Swedish one (SE...01), a Danish CVR (DK...), a Finnish business ID
(FI..., written 1234567-8) and a French SIREN (FR, a key of two digits, then the SIREN: Naval Group's 441 133 808 is
CORDIS's FR75441133808; a SIRET, 14 digits, starts with its SIREN); an id already in VAT form is taken as it is. A
French agency's members table keyed by SIREN had made a second Naval Group beside CORDIS's, its projects split.

A row of a `match = "name"` table whose id no node has, and whose number exactly one Organisation carries, is put
onto that node as a match by name puts it (its properties, sources and links; the number kept in its `own_ids`). A row
that gives its country is looked up in that country's form only (CORDIS's nine-digit PICs look like Norwegian
numbers). Without `match`, the note says which new organisations are such nodes and how to load them onto them.
Either way the two names must share a word (legal forms aside): a number typed wrong, or an internal number that
happens to be a CVR, stays apart; and a row whose name names another organisation of the store (by the rule of
`match = "name"`) is left to its name, with a note: a French members table gave `Université Grenoble Alpes` the
SIREN of the Université Gustave Eiffel (FR59130026123), and the number had taken the row from its namesake, the two
names sharing `université`.
One read of the store's VAT numbers, made only when a row's id can be a company number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.store import cypher
from graph.store.contract import GraphStore
from graph.wording import first_few
from loaders.generic_ends import held_ids, named_nodes
from loaders.generic_match_move import changed_values, move_matched
from loaders.generic_near_names import near_key

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["vat_forms", "by_vat_numbers", "VAT_NUMBERS"]

VAT_NUMBERS = cypher.fixed_statement(__name__, "VAT_NUMBERS", """\
MATCH (n:Organisation) WHERE n.vat_number IS NOT NULL
RETURN n.vat_number AS vat, n.id AS id, n.name AS name""")

_VAT = re.compile(r"[A-Z]{2}[0-9A-Z]{2,13}")
#: Digits of a national number -> its VAT forms: NO organisation number, SE organisation number, DK CVR, FI Y-tunnus,
#: FR SIREN (its key filled in by `_french_vat`) and FR SIRET (the SIREN its first nine digits).
_FORMS = {9: ("NO{}MVA", "FR{}"), 10: ("SE{}01",), 8: ("DK{}", "FI{}"), 14: ("FR{}",)}


def _french_vat(siren: str) -> str:
    """The French VAT number's digits for a SIREN: its key, (12 + 3 * (SIREN mod 97)) mod 97 in two digits, then it.

    >>> _french_vat("330715368"), _french_vat("441133808")
    ('46330715368', '75441133808')
    """
    return f"{(12 + 3 * (int(siren) % 97)) % 97:02d}{siren}"


def vat_forms(number: str) -> tuple[str, ...]:
    """The VAT numbers a company number can be (an id already in VAT form: itself); () for another id.

    >>> vat_forms("970 422 528"), vat_forms("556677-8899"), vat_forms("1234567-8"), vat_forms("NO970422528MVA")
    (('NO970422528MVA', 'FR00970422528'), ('SE556677889901',), ('DK12345678', 'FI12345678'), ('NO970422528MVA',))
    >>> vat_forms("441 133 808"), vat_forms("44113380800182")
    (('NO441133808MVA', 'FR75441133808'), ('FR75441133808',))
    >>> vat_forms("ARENA-2021-017"), vat_forms("12345")
    ((), ())
    """
    text = number.strip().upper().replace(" ", "")
    if _VAT.fullmatch(text) and not text[:2].isdigit() and any(c.isdigit() for c in text):
        return (text,)
    digits = text.replace("-", "")
    if not digits.isdigit():
        return ()
    return tuple(form.format(_french_vat(digits[:9]) if form == "FR{}" else digits)
                 for form in _FORMS.get(len(digits), ()))


def _of_its_country(forms: tuple[str, ...], country: object) -> tuple[str, ...]:
    """The VAT forms of the row's own country, when the row gives one: a PIC of CORDIS's (nine digits, as a Norwegian
    organisation number) of an organisation in Spain is no Norwegian number.

    >>> _of_its_country(("DK12345678", "FI12345678"), "FI"), _of_its_country(("NO970422528MVA",), None)
    (('FI12345678',), ('NO970422528MVA',))
    """
    if not isinstance(country, str) or len(country) != 2:
        return forms
    return tuple(form for form in forms if form[:2] == country.upper())


def _share_a_word(one: str, other: str) -> bool:
    """Whether two names share a word of three or more letters, legal forms aside (`UiT Norges arktiske universitet`
    and `UNIVERSITETET I TROMSOE - NORGES ARKTISKE UNIVERSITET` share three)."""
    words = {w for w in near_key(one).split() if len(w) >= 3}
    return bool(words & set(near_key(other).split()))


def by_vat_numbers(store: GraphStore, data: GenericInput, held_nodes) -> dict[tuple[str, str], tuple[str, str]]:
    """Put the `match = "name"` Organisation rows whose number one stored organisation carries as its VAT number onto
    that node (in `data`, with a note), and note the others' such nodes; the moves, (label, the row's id) -> (the
    node's id, its name). `held_nodes`: `generic_match._held_nodes`."""
    places = {id(record) for record in data.places[0]}
    rows = {r.id: r for r in data.nodes if r.label == "Organisation" and id(r) not in places and vat_forms(r.id)}
    if not rows:
        return {}
    stored = held_ids(store, "Organisation", list(rows))
    rows = {row_id: r for row_id, r in rows.items() if row_id not in stored}
    if not rows:
        return {}
    carried: dict[str, list[tuple[str, str]]] = {}
    for vat, node_id, name in store.read(VAT_NUMBERS, row_cap=10**8, timeout_s=600).rows:
        carried.setdefault(str(vat).upper().replace(" ", ""), []).append((node_id, name))
    hits: dict[str, tuple[tuple[str, str], str]] = {}  # the row's id -> (the node, its VAT number)
    for row_id, record in rows.items():
        nodes = {(node, vat) for vat in _of_its_country(vat_forms(row_id), record.properties.get("country"))
                 for node in carried.get(vat, ())}
        if len(nodes) == 1 and _share_a_word(record.name, (node := next(iter(nodes)))[0][1]):
            hits[row_id] = node
    hits = _not_named_otherwise(store, data, rows, hits)
    taken: dict[str, list[str]] = {}
    for row_id, ((node_id, _), _) in hits.items():
        taken.setdefault(node_id, []).append(row_id)
    hits = {row_id: hit for row_id, hit in hits.items() if len(taken[hit[0][0]]) == 1}  # two rows onto one: as is
    moved = {row_id: hit for row_id, hit in hits.items() if ("Organisation", row_id) in data.matchable}
    left = {row_id: hit for row_id, hit in hits.items() if row_id not in moved}
    found = {("Organisation", row_id): node for row_id, (node, _) in moved.items()}

    def shown(hit) -> str:
        row_id, ((node_id, node_name), vat) = hit
        return f"{row_id} {rows[row_id].name!r} -> {node_id} {node_name!r} ({vat})"

    if left:
        data.notes.append(
            f"{len(left)} new organisation(s) have an id that is the VAT number of an organisation of the store, and "
            f"stay apart from it: {first_few(sorted(left.items()), 5, shown)}; with match = \"name\" in their table "
            "(the preset's top, or its [[nodes]] table) each row updates that node instead")
    if found:
        held, stored_props = held_nodes(store, found)
        move_matched(data, found, {key: labels for key, (labels, _) in held.items()}, stored_props)
        data.notes += changed_values(data, found, stored_props, "rows matched by their organisation number")
        data.notes.append(
            f"{len(found)} row(s) of match = \"name\" tables give an organisation number that is the VAT number of an "
            f"organisation of the store: they update that node, not a new one: "
            f"{first_few(sorted(moved.items()), 5, shown)}")
    return found


def _not_named_otherwise(store: GraphStore, data: GenericInput, rows: dict, hits: dict) -> dict:
    """`hits` without the rows whose name names organisations of the store (`generic_ends.named_nodes`, the rule of
    `match = "name"`) none of which is the node their number gives: a number typed wrong, or another body's, beside a
    name that says which one is meant. A note names them, which are left to their name."""
    named, _ = named_nodes(store, "Organisation", {rows[row_id].name for row_id in hits})
    apart = {row_id: (hit, named[rows[row_id].name]) for row_id, hit in hits.items()
             if named[rows[row_id].name] and hit[0] not in named[rows[row_id].name]}
    if apart:
        def shown(item) -> str:
            row_id, (((node_id, node_name), vat), namesakes) = item
            return (f"{row_id} {rows[row_id].name!r} (the name of {first_few(sorted(i for i, _ in namesakes), 2)}; "
                    f"{vat} is {node_id} {node_name!r})")

        data.notes.append(
            f"{len(apart)} row(s) give an organisation number that is the VAT number of another organisation of the "
            "store than the one their name names, and are left to their name: "
            f"{first_few(sorted(apart.items()), 5, shown)}"
            "; where the number is right, give the row that organisation's name or id")
    return {row_id: hit for row_id, hit in hits.items() if row_id not in apart}
