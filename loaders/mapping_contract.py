"""A mapping measured against the semantic contract (graph/store/semantics.py): near-misses and features.

Two things a user mapping their own table needs to hear, both warnings that never stop a load:

* `near_misses`: a mapped property that is almost a name the features read (`start` for `start_date`,
  `acronymn`, `Country`) fills a property nothing reads; the warning names the mapping file and line
  and the contract name meant.
* `feature_summary`: after a load, which features the data in the store enables, and for each one it
  does not, the missing input and how to add it (`load csv` prints it, the Data page shows it).

`contract_table` is the table of docs/mapping.md's section "The semantic contract" (a test compares
the two; `python -m loaders.mapping_contract` prints it).
"""

from __future__ import annotations

import difflib

from graph.analytics.ungrouped import lacks
from graph.store.contract import GraphStore
from graph.store.placed_participants import participant_placed
from graph.store.requirements import Missing, answers_of, missing_inputs, present
from graph.store.semantics import CONTRACT, FEATURES, lookup, owners_of, property_reads
from loaders.mapping_spec import FileSpec, Mapping

__all__ = ["near_misses", "currency_notes", "feature_report", "feature_summary", "contract_table"]

#: How alike two names must be (difflib's ratio) to count as a near-miss: `acronymn` / `acronym` is 0.93,
#: `lat` / `last` 0.86, while unrelated member columns (`sectors` / `sources`) stay below 0.5.
SIMILAR = 0.8


#: Names of national register and tax numbers, which a mapping keeps as properties of their own: `regon` (Poland) is
#: one letter from `region`, and the warning had told an agency to rename its REGON column to a region.
ID_NAMES = frozenset({"regon", "krs", "nip", "pesel", "siren", "siret", "rna", "cvr", "kvk", "rsin", "ico", "dic",
                      "oib", "mbs", "emso", "cui", "cif", "nif", "nie", "eik", "bulstat", "ytunnus", "orgnr", "uid",
                      "zvr", "hrb", "piva", "rea", "ein", "crn", "kbo", "bce", "rcs", "lei", "duns", "afm", "pic"})


def _near(prop: str, names: list[str]) -> list[str]:
    """Contract names `prop` is a near-miss of: same but for case, a word of it (`start`), or spelled alike; a
    register number's name (`ID_NAMES`, alone or as a word of `prop`: `regon_nr`) is spelled so on purpose."""
    if prop in names:
        return []
    folded = [n for n in names if n.casefold() == prop.casefold()]
    worded = [n for n in names if len(prop) >= 3 and (n.startswith(prop + "_") or n.endswith("_" + prop))]
    an_id = any(word in ID_NAMES for word in prop.casefold().replace("-", "_").split("_"))
    return folded or worded or ([] if an_id else difflib.get_close_matches(prop, names, n=2, cutoff=SIMILAR))


def _owners(spec: FileSpec) -> tuple[str, ...]:
    if spec.kind == "relationships":
        return (spec.type,) if spec.type else ()
    return tuple(dict.fromkeys([spec.label, *spec.extra_labels, *(label for label, _ in spec.label_if)]))


def near_misses(mapping: Mapping) -> list[str]:
    """One warning per mapped property that is a near-miss of a contract name of its label or type.

    Each reads ``mapping.toml:23 [start]: warning: ...`` (file, line of the property in the mapping).
    """
    warnings = []
    for spec in mapping.files:
        names = list(dict.fromkeys(p.name for owner in _owners(spec) for p in CONTRACT
                                   if p.owner in owners_of(owner)))
        for column in spec.properties:
            meant = _near(column.property, names)
            if not meant:
                continue
            owner = next(o for o in _owners(spec) if lookup(o, meant[0]) is not None)
            entry = lookup(owner, meant[0])
            line = spec.lines.get(column.property) or spec.line
            warnings.append(
                f"{mapping.path.name}:{line} [{column.property}]: warning: no feature reads `{column.property}`; "
                f"did you mean {' or '.join(f'`{m}`' for m in meant)}? ({owner}.{meant[0]}: {entry.meaning}; "
                f"read by {', '.join(entry.features)}). The load goes on; rename the property to use it.")
    return warnings


def currency_notes(mapping: Mapping) -> list[str]:
    """A note per table of participations whose amounts are not summed into the EU contributions (EUR) the features
    sum: in another currency (`currency = "NOK"`), or not said to be the EU's money (`funder` in the participation
    preset's [columns]: a national funder's name, or none). They are stored as `amount` with `currency` (and
    `funder`), and left out of `contribution_total` and the contribution columns. A grants table's NOK, and an
    Austrian funder's EUR, were summed with CORDIS's EU contributions before, the EUR without a word."""
    notes = []
    for spec in mapping.files:
        constant = {c.property: c.value for c in spec.properties if c.constant}
        currency, funder = constant.get("currency"), constant.get("funder")
        kept = next((c.column for c in spec.properties if c.property == "amount" and not c.constant), None)
        if spec.type != "PARTICIPATES_IN":
            continue
        if currency and str(currency).upper() != "EUR":
            notes.append(f"{spec.file}: amounts in {currency} are stored as PARTICIPATES_IN amount (with currency "
                         f"{currency}{f', funder {funder}' if funder else ''}), not as contribution: the EU "
                         "contribution totals and columns (EUR) leave them out")
        elif kept and funder:
            notes.append(f"{spec.file}: amounts of {funder} (column '{kept}', EUR) are stored as PARTICIPATES_IN "
                         f"amount with currency EUR and funder {funder}, apart from the EU contributions: the EU "
                         "contribution totals and columns leave them out (funder = { value = \"EU\" } under "
                         "[columns] sums an EU programme's amounts with CORDIS's)")
        elif kept and currency:
            notes.append(f"{spec.file}: amounts of column '{kept}' (EUR) are stored as PARTICIPATES_IN amount with "
                         "currency EUR, apart from the EU contributions, as the mapping does not say whose money they "
                         "are (before this version they were summed with CORDIS's EU contributions; loading the table "
                         "again takes the contributions it gave then off). Say it under [columns]: funder = { value = "
                         "\"EU\" } for an EU programme's amounts (summed with CORDIS's), or the funder's name, "
                         "funder = { value = \"FFG\" }, to keep them apart")
        elif not currency and (euros := _contribution_column(spec)):
            said = f" (funder {funder})" if funder else ""
            notes.append(f"{spec.file}: amounts of column '{euros}' are taken as EU contributions in EUR{said} and "
                         "summed with CORDIS's; amounts in another currency say so in the mapping (currency = \"NOK\")")
    return notes


def _contribution_column(spec) -> str | None:
    """The column a participation table's `contribution` comes from: a national funder's grants table mapped
    without `currency` was summed as EUR with CORDIS's contributions, and nothing said which currency was
    assumed (a try-out's Norwegian grants in NOK)."""
    return next((c.column for c in spec.properties if c.property == "contribution" and not c.constant), None)


#: The features that group organisations taking part in projects by where they are: a place in the store satisfies
#: their inputs, yet when only a cluster list's clusters are placed, every participation is left out.
_GROUPING_PARTICIPANTS = {"countries": "country", "regions": "region"}


def _participants_unplaced(store: GraphStore, feature: str, answers: dict[str, bool]) -> list[Missing]:
    """The gap of a grouping feature whose places are other nodes' alone (a cluster list placed by county, its
    members' grants placed nowhere): the summary had said "countries, regions" enabled, and the projections and
    queries then found nothing."""
    kind = _GROUPING_PARTICIPANTS.get(feature)
    if kind is None or not present(store, "PARTICIPATES_IN", answers) or participant_placed(store, kind, answers):
        return []
    what, how = lacks(kind)
    return [Missing(f"an organisation taking part in a project that {what}",
                    f"no organisation taking part in a project {what}; the places in the store are other nodes' "
                    f"(a cluster list's counties), which Explore's filters find but which group no participation: "
                    f"{how}")]


def feature_report(store: GraphStore) -> tuple[list[str], dict[str, list[Missing]]]:
    """The features the store's data enables, and for each other one its missing inputs."""
    enabled, missing, answers = [], {}, answers_of(store)
    for feature in FEATURES.values():
        gaps = (missing_inputs(store, feature.requires, answers=answers)
                or _participants_unplaced(store, feature.name, answers))
        if gaps:
            missing[feature.name] = gaps
        else:
            enabled.append(feature.name)
    return enabled, missing


def feature_summary(store: GraphStore) -> list[str]:
    """Lines for a load's summary: the features enabled, then each one not enabled with what it lacks."""
    enabled, missing = feature_report(store)
    lines = [f"features the data enables ({len(enabled)} of {len(FEATURES)}): {', '.join(enabled) or 'none'}"]
    for name, gaps in missing.items():
        lines.append(f"not enabled: {name} ({FEATURES[name].what}): " + "; ".join(g.message for g in gaps))
    return lines


def contract_table(query_texts: dict[str, str] | None = None) -> str:
    """The contract as a Markdown table; `query_texts` (name -> Cypher) adds the saved queries reading each."""
    readers: dict[tuple[str, str], set[str]] = {}
    for name, text in (query_texts or {}).items():
        for owner, prop in property_reads(text):
            entry = lookup(owner, prop)
            if entry is not None and "every feature" not in entry.features:
                readers.setdefault((entry.owner, entry.name), set()).add(f"`{name}`")
    rows = ["| label / type | property | type | meaning | read by |", "|---|---|---|---|---|"]
    for p in CONTRACT:
        meaning = p.meaning + (f" *(not mapped: {p.derived})*" if p.derived else "")
        read_by = ", ".join([*p.features, *sorted(readers.get((p.owner, p.name), ()))])
        rows.append(f"| {p.owner} | `{p.name}` | {p.type} | {meaning.replace('|', '/')} | {read_by} |")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover - prints the table for docs/mapping.md
    from queries.catalogue import load_catalogue

    print(contract_table({n: q.cypher for n, q in sorted(load_catalogue().queries.items())}))
