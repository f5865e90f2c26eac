"""Which version of the derived facts a store holds, so a store loaded by an earlier release catches up.

The derived facts (activity counts, SMEs, cluster detection, country aggregates, entity resolution:
`loaders.pipeline.derive_facts`) are made after a load. A load already in the log is skipped by its next
run (`./dev run`, `load sample`), so a store loaded before a release that derives more (the seed
organisations linked to their CORDIS records, say) would never get it: "Innovasjon Norge" stayed two nodes a
query had to choose between. So `derive_facts` ends by stamping every `Load` with the `derived_version` the
facts were made with (a load still held back from its `complete` mark keeps the stamp when it gets it); a load
command that skips everything derives them again when the completed loads' newest stamp is older than
`DERIVED_VERSION` (a re-derivation writes only what differs).

Raise `DERIVED_VERSION` with any change to what `derive_facts` writes.
"""

from __future__ import annotations

from graph.store.contract import GraphStore
from graph.store.disk import write
from graph.store.registry import fixed_statement

__all__ = ["DERIVED_VERSION", "derived_outdated", "stamp_derived_version"]

#: 1: the facts before the stamp existed (a store without it counts as 0); 2: seed organisations linked to
#: their CORDIS records (`loaders.entity_resolution`), detected clusters labelled, country aggregates; 3: places
#: and organisations found by more of their names: local names, names in several languages, ISO codes, short
#: names (`loaders.derived_search`); 4: countries found by their names in the languages tables use ("Tyskland");
#: 5: no `contribution_total` (rather than 0) for an organisation none of whose participations gives an amount;
#: 6: search texts with ø, æ, œ, ł, đ, ð, þ written as in ASCII (`graph.store.search_text.OWN_LETTERS`); 7: search
#: texts made again keep a table's own ids (`own_ids`), which they had dropped from organisations with a short name;
#: 8: entity resolution sets aside the legal forms the note on near names did (AG, KG, GmbH & Co KG, SE, Inc, S.r.l.,
#: d.o.o. ...: one list, `graph.legal_forms`), so a seed `KEBA` is SAME_AS CORDIS's `KEBA AG`; 9: legal forms
#: only where they are forms: `og`, `se`, `eu`, `inc` only last (or before `& Co`), `co` only as `& Co`, `Co KG`,
#: `Co Ltd` ..., and dotted S.A.S., S.A.R.L., Ges.m.b.H. too (`SUSMETRO EU BV` keeps its EU); 10: NUTS regions found
#: by the names their countries' tables write (`Pirkanmaan maakunta`, `Region Syddanmark`: `graph.region_spellings`);
#: 11: Sweden's counties by their regions' names too (`Region Skåne`, `Västra Götalandsregionen`, `Region Sörmland`);
#: 12: search texts hold a name with ä, ö, ü, ø, å also written out (ae, oe, ue, oe, aa: "Muenchen" finds "München",
#: `graph.store.search_text.spellings`), and entity resolution takes a seed's "Universität" as CORDIS's UNIVERSITAET;
#: 13: search texts write every apostrophe (' ’ ʼ) as ' and every dash (- – —) as a space (`search_text.PUNCTUATION`:
#: a table's "Provence-Alpes-Côte d'Azur" is NUTS's "Provence-Alpes-Côte d’Azur", "Ile de France" "Île-de-France");
#: 14: entity resolution sets aside Italy's S.C.p.A., S.Cons.p.A., S.c.r.l., S.n.c., S.a.p.a. and the written-out forms
#: (società per azioni ...), so a seed `Centro Ricerche Fiat S.C.p.A.` is SAME_AS CORDIS's CENTRO RICERCHE FIAT SCPA;
#: 15: Italy's provinces by their usual short names (`Monza e Brianza`, `Reggio Emilia`, `Bolzano`, `Olbia-Tempio`:
#: `graph.region_spellings`); 16: entity resolution sets aside Poland's legal forms as CORDIS writes them (SPOLKA Z
#: OGRANICZONA ODPOWIEDZIALNOSCIA, SP ZOO, SPOLKA AKCYJNA, SC last, sp.k., sp.j., P.S.A.), so `Saule S.A.` is SAULE
#: SPOLKA AKCYJNA; 17: Poland's voivodeships by the names Poles write (`mazowieckie`, `Mazowsze` as PL9, `Dolny Śląsk`,
#: `Małopolska`: `graph.region_spellings`); 18: entity resolution sets aside Spain's and Catalonia's legal forms
#: (S.L.U., S.A.U., S. Coop. and CORDIS's SOCIEDAD COOPERATIVA, SOCIEDAD LIMITADA, A.I.E., S.C.C.L.), so `Mondragon
#: Assembly S. Coop.` is MONDRAGON ASSEMBLY SOCIEDAD COOPERATIVA; 19: Spain's communities and provinces by the names
#: its tables write (`Euskadi`, `Catalunya`, `Comunidad Valenciana`, `Vizcaya`, `Lérida`: `graph.region_spellings`);
#: 20: entity resolution sets aside association words (Foreningen, Föreningen, ry, yhdistys, Verein, Vereniging, a
#: first Association: `graph.legal_forms`), so `Odense Robotics` is FORENINGEN ODENSE ROBOTICS.
DERIVED_VERSION = 20

NEWEST_STAMP = fixed_statement(
    __name__, "NEWEST_STAMP",
    "MATCH (l:Load) WHERE coalesce(l.status, 'complete') <> 'started' "
    "RETURN count(l) AS loads, max(coalesce(l.derived_version, 0)) AS newest")
STAMP = fixed_statement(
    __name__, "STAMP",
    "MATCH (l:Load) WHERE coalesce(l.derived_version, 0) <> $version SET l.derived_version = $version "
    "RETURN count(l) AS stamped")


def derived_outdated(store: GraphStore) -> bool:
    """Whether the store holds completed loads whose derived facts were all made by an earlier version."""
    loads, newest = store.read(NEWEST_STAMP).rows[0]
    return bool(loads) and (newest or 0) < DERIVED_VERSION


def stamp_derived_version(store: GraphStore) -> None:
    """Mark every load as derived with this version (the end of `derive_facts`); a stamped store is not
    written again. The stamp is part of the data version (`graph.store.load_log.LOAD_STAMPS`): caches made
    before the re-derivation are not used after it."""
    write(store, STAMP, {"version": DERIVED_VERSION})
