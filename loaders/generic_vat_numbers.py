"""Rows of organisations keyed by a national company number that a node of the store carries in its VAT number.

A programme officer's grants table names its partners by Norwegian organisation number (970422528, "UiT Norges
arktiske universitet"); CORDIS names the same body "UNIVERSITETET I TROMSOE - NORGES ARKTISKE UNIVERSITET", with the
VAT number NO970422528MVA. Neither the name match nor the near-name note could see they are one, so the table's
partner stayed apart from its CORDIS projects without a word. The numbers say it: a Norwegian organisation number
is the VAT number's core (NO...MVA), as are a Swedish one (SE...01), a Danish CVR (DK...), a Finnish business ID
(FI..., written 1234567-8) and a French SIREN (FR, a key of two digits, then the SIREN: Naval Group's 441 133 808 is
CORDIS's FR75441133808; a SIRET, 14 digits, starts with its SIREN) and an Italian partita IVA (11 digits, a company's
codice fiscale too: Telecom Italia's 00488410010 is CORDIS's IT00488410010), a Polish NIP (PL..., written
525-000-58-34, told from a Swedish number by its check digit) and a Spanish NIF (ES..., a company's CIF `F20165940`, a
person's DNI or NIE, where its check character holds); an id already in VAT form is taken as it is. A French
agency's members table keyed by SIREN had made a second Naval Group beside CORDIS's, its projects split; an Italian
one, keyed by partite IVA as Italians write them, six silent duplicates; a Polish one, keyed by NIP, fourteen; a
Basque member list's CIFs without `ES` three (Mondragon Assembly beside CORDIS's ESF20165940).

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

from typing import TYPE_CHECKING

from graph.names import name_key
from graph.store import cypher
from graph.store.contract import GraphStore
from graph.wording import first_few
from loaders.company_numbers import vat_forms
from loaders.generic_ends import held_ids, named_nodes
from loaders.generic_match_move import changed_values, move_matched, taken_twice
from loaders.generic_near_names import OTHER_LABEL_ADVICE

if TYPE_CHECKING:
    from loaders.generic import GenericInput

__all__ = ["by_vat_numbers", "VAT_NUMBERS"]

VAT_NUMBERS = cypher.fixed_statement(__name__, "VAT_NUMBERS", """\
MATCH (n:Organisation) WHERE n.vat_number IS NOT NULL
RETURN n.vat_number AS vat, n.id AS id, n.name AS name, labels(n) AS labels""")

def _of_its_country(forms: tuple[str, ...], country: object) -> tuple[str, ...]:
    """The VAT forms of the row's own country, when the row gives one: a PIC of CORDIS's (nine digits, as a Norwegian
    organisation number) of an organisation in Spain is no Norwegian number, nor a NIP of a row in PL a Swedish one. A
    row of no country keeps every form (`vat_forms` offers ten digits only in the forms whose check digit holds).

    >>> _of_its_country(("DK12345678", "FI12345678"), "FI"), _of_its_country(("NO970422528MVA",), None)
    (('FI12345678',), ('NO970422528MVA',))
    """
    if not isinstance(country, str) or len(country) != 2:
        return forms
    return tuple(form for form in forms if form[:2] == country.upper())


def _share_a_word(one: str, other: str) -> bool:
    """Whether two names share a word of three or more letters, legal forms aside (`UiT Norges arktiske universitet`
    and `UNIVERSITETET I TROMSOE - NORGES ARKTISKE UNIVERSITET` share three)."""
    words = {w for w in name_key(one).split() if len(w) >= 3}
    return bool(words & set(name_key(other).split()))


def _numbers(record) -> tuple[str, ...]:
    """The VAT numbers a row gives, in its country's form where it has one: its id's (an Organisation row keyed by a
    company number) and its `vat_number`'s (a cluster list keyed by codes of its own: Clust-ER Energia's IT04008171201
    had made a second cluster beside CORDIS's ASSOCIAZIONE CLUST-ER ENERGIA E SVILUPPO SOSTENIBILE)."""
    vat = record.properties.get("vat_number")
    given = ([record.id] if record.label == "Organisation" else []) + ([str(vat)] if isinstance(vat, str | int) else [])
    forms = tuple(dict.fromkeys(form for number in given for form in vat_forms(number)))
    return _of_its_country(forms, record.properties.get("country"))


def by_vat_numbers(store: GraphStore, data: GenericInput, held_nodes) -> dict[tuple[str, str], tuple[str, str]]:
    """Put the `match = "name"` rows whose number (`_numbers`) one stored organisation of their label carries as its
    VAT number onto that node (in `data`, with a note), and note the others' such nodes; the moves, (label, the row's
    id) -> (the node's id, its name). `held_nodes`: `generic_match._held_nodes`."""
    places = {id(record) for record in data.places[0]}
    rows = {(r.label, r.id): (r, numbers) for r in data.nodes if id(r) not in places and (numbers := _numbers(r))}
    for label in {label for label, _ in rows}:
        stored = held_ids(store, label, [row_id for of, row_id in rows if of == label])
        rows = {key: row for key, row in rows.items() if key[0] != label or key[1] not in stored}
    if not rows:
        return {}
    carried: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    for vat, node_id, name, labels in store.read(VAT_NUMBERS, row_cap=10**8, timeout_s=600).rows:
        carried.setdefault(str(vat).upper().replace(" ", ""), []).append((node_id, name, tuple(labels)))
    hits: dict[tuple[str, str], tuple[tuple[str, str], str]] = {}  # (label, the row's id) -> (the node, its VAT)
    other_label: dict[tuple[str, str], tuple[tuple[str, str], str]] = {}  # the node is not of the row's label
    for key, (record, numbers) in rows.items():
        nodes = {(node, vat) for vat in numbers for node in carried.get(vat, ())}
        if len(nodes) == 1 and _share_a_word(record.name, (hit := next(iter(nodes)))[0][1]):
            (hits if key[0] in hit[0][2] else other_label)[key] = (hit[0][:2], hit[1])
    hits = _not_named_otherwise(store, data, rows, hits)
    onto: dict[str, dict[tuple[str, str], tuple[str, str]]] = {}
    for key, (node, _) in hits.items():
        if key in data.matchable:
            onto.setdefault(node[0], {})[key] = node
    # rows giving one node its number (`04376620151` and `IT04376620151`) are that node, as one name is; with other
    # data (or beside a row of the node's id): as is
    moved = {key: hit for key, hit in hits.items() if key in data.matchable
             and (len(onto[hit[0][0]]) == 1 or not taken_twice(data, onto[hit[0][0]]))}
    left = {key: hit for key, hit in hits.items() if key not in data.matchable}
    found = {key: node for key, (node, _) in moved.items()}

    def shown(hit) -> str:
        (label, row_id), ((node_id, node_name), vat) = hit
        return (f"{'' if label == 'Organisation' else label + ' '}{row_id} {rows[(label, row_id)][0].name!r} -> "
                f"{node_id} {node_name!r} ({vat})")

    if left:
        data.notes.append(
            f"{len(left)} new organisation(s) have an id or vat_number that is the VAT number of an organisation of "
            f"the store, and stay apart from it: {first_few(sorted(left.items()), 5, shown)}; with match = \"name\" "
            "in their table "
            "(the preset's top, or its [[nodes]] table) each row updates that node instead")
    if other_label:
        data.notes.append(
            f"{len(other_label)} new node(s) give the VAT number of an organisation of the store of another label, and "
            f"stay apart from it: {first_few(sorted(other_label.items()), 5, shown)}; {OTHER_LABEL_ADVICE}")
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
    name_of = {key: rows[key][0].name for key in hits}
    named, _ = named_nodes(store, "Organisation", set(name_of.values()))
    apart = {key: (hit, named[name_of[key]]) for key, hit in hits.items()
             if named[name_of[key]] and hit[0] not in named[name_of[key]]}
    if apart:
        def shown(item) -> str:
            key, (((node_id, node_name), vat), namesakes) = item
            return (f"{key[1]} {name_of[key]!r} (the name of {first_few(sorted(i for i, _ in namesakes), 2)}; "
                    f"{vat} is {node_id} {node_name!r})")

        data.notes.append(
            f"{len(apart)} row(s) give an organisation number that is the VAT number of another organisation of the "
            "store than the one their name names, and are left to their name: "
            f"{first_few(sorted(apart.items()), 5, shown)}"
            "; where the number is right, give the row that organisation's name or id")
    return {key: hit for key, hit in hits.items() if key not in apart}
