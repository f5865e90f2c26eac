"""A node named the way a person names it: by its key, its id, or its name.

Wherever the tool asks for a node (a saved query's id parameter, `recommend --for`, the app's query
parameters), `resolve_node` takes what was typed and finds the one node meant:

1. a key `Kind:id` or an id that exists wins (`Cluster:iot-world`, `pic:999977851`, `iot-world`); the Kind may
   be any label the node carries (`Organisation:iot-world` too), and the key a message lists is always taken;
2. else the node whose name, acronym, alias or short name equals the text, accents and case ignored (the folded
   `_search` text every node carries: "automation smaland" finds "Automation Småland"; "ntnu" finds the
   organisation whose `short_name` is NTNU before those whose names hold the word). A short name is not in
   the search text: the store compares it with case ignored, so its accents are typed as stored;
3. else the node one of whose names has a word starting with the text ("Småland" finds it too), for a text of
   three letters or more (a code such as `si` is no word's start: "šiaurės", in Lithuanian's name of the
   United Kingdom, had taken it);
4. several nodes at the first step that finds any: `AmbiguousName`, listing up to five with their keys
   so the user can pick one; none at all: `NotFound`, with the names that hold the text's longest word.
   Two nodes that are one body, joined by `SAME_AS` (a seed node and its CORDIS record, linked by
   `loaders.entity_resolution`), are not a choice: the one that takes part in projects is taken (the record,
   which queries of projects and the recommender read), its `same_as` naming the other. Nor are nodes one of
   which is named the text once legal forms and association words are set aside on both sides (`graph.names`, the
   rule a load links names by): "Odense Robotics" takes FORENINGEN ODENSE ROBOTICS over "Odense Robotics Solutions
   ApS"; two nodes so named stay a choice.

`kinds` limits the search to nodes carrying those labels (a Cluster is also an Organisation, so
`kinds=("Organisation",)` finds clusters too). Text only ever travels as a query parameter.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial

from graph.compact_ids import compact_key, digits_written_apart
from graph.errors import NotFound, ParameterError
from graph.names import name_key
from graph.store.contract import GraphStore
from graph.store.cypher import node_states
from graph.store.registry import statement
from graph.store.schema import NODE_LABELS, SEARCH_LABELS, check_label, each_search_label, node_key
from graph.store.search_text import SEARCH_PROPERTY, fold, spellings
from graph.store.semantics import lookup

__all__ = ["ResolvedNode", "AmbiguousName", "resolve_node", "one_body", "some_nodes", "SHOWN_CANDIDATES"]

#: The prefixes the CORDIS loader gives ids (an organisation's PIC, a project's number): a bare number is tried
#: with each (`-p organisation=999977851` was refused, its did-you-mean naming pic:999977851).
CORDIS_PREFIXES = ("pic:", "cordis:")
#: The prefixes it gives the ids of programmes (a framework, a legal basis, a funding scheme) and of sectors (a topic,
#: a EuroSciVoc field): an id of that kind is tried with each, as CORDIS prints it (`HORIZON.2.5`, `HORIZON-RIA`
#: had been refused where `lb:HORIZON.2.5`, `scheme:HORIZON-RIA` were meant).
KIND_PREFIXES = {"Programme": ("fp:", "lb:", "scheme:"), "Sector": ("topic:", "esv:")}
#: How many candidates an ambiguous name or a did-you-mean lists.
SHOWN_CANDIDATES = 5
#: How many matches of one label a name search reads (an ambiguous name says "at least" beyond it).
_READ_LIMIT = 100


@dataclass(frozen=True)
class ResolvedNode:
    """The node a text named: its kind, id and display name; `key` is `Kind:id`."""

    kind: str
    id: str
    name: str
    same_as: str = field(default="", compare=False)  # the key of the other record of this body it was chosen over

    @property
    def key(self) -> str:
        return node_key(self.kind, self.id)

    def describe(self) -> str:
        also = f"; the same body as {self.same_as} (SAME_AS), which takes part in no project" if self.same_as else ""
        return f"{self.name} ({self.key}{also})"

    def taken_for(self, what: str, text: str) -> str:
        """Which node `text`, given for `what` (a parameter, an option), was taken as: "from 'Lund' is LUNDS KOMMUN
        (Organisation:pic:...)". The CLI and the Queries page say it one way wherever a name is read as a node."""
        return f"{what} {text.strip()!r} is {self.describe()}"


class AmbiguousName(ParameterError):
    """A name (or an id of several kinds) that several nodes carry: the message lists some of them with their
    keys; `candidates` holds them all."""

    def __init__(self, message: str, candidates: tuple[ResolvedNode, ...] = ()):
        super().__init__(message)
        self.candidates = candidates


@statement(each_search_label)
def nodes_by_search_text(label: str) -> str:
    """`label` nodes whose folded search text holds `$needle` (`|name|` for an equal name), shortest names first."""
    return (f"MATCH (n:{check_label(label)}) WHERE n.{SEARCH_PROPERTY} CONTAINS $needle "
            f"RETURN n.kind AS kind, n.id AS id, n.name AS name, n.{SEARCH_PROPERTY} AS search "
            "ORDER BY size(n.name), name LIMIT $limit")


def _with_short_names() -> list[tuple[str]]:
    return [(label,) for label in SEARCH_LABELS if lookup(label, "short_name") is not None]


@statement(_with_short_names)
def nodes_by_short_name(label: str) -> str:
    """`label` nodes whose `short_name`, lower-cased, is one of `$names` (it is not in the search text)."""
    return (f"MATCH (n:{check_label(label)}) WHERE toLower(n.short_name) IN $names "
            "RETURN n.kind AS kind, n.id AS id, n.name AS name, n.short_name AS short_name "
            "ORDER BY size(n.name), name LIMIT $limit")


@statement()
def same_body() -> str:
    """Organisations of `$ids` joined by SAME_AS, with how many projects each takes part in."""
    return ("MATCH (a:Organisation)-[:SAME_AS]->(b:Organisation) WHERE a.id IN $ids AND b.id IN $ids\n"
            "WITH DISTINCT a, b\n"
            "OPTIONAL MATCH (a)-[pa:PARTICIPATES_IN]->()\n"
            "WITH a, b, count(pa) AS first\n"
            "OPTIONAL MATCH (b)-[pb:PARTICIPATES_IN]->()\n"
            "RETURN a.id AS start, first, b.id AS end, count(pb) AS second")


def one_body(store: GraphStore, named: list[ResolvedNode]) -> ResolvedNode | None:
    """Of two nodes joined by SAME_AS, the one that takes part in projects (when only one does), else None (also
    for a load's `match = "name"`, `loaders.generic_match`: a name is taken alike everywhere)."""
    if len(named) != 2 or any(node.kind not in ("Cluster", "Organisation") for node in named):
        return None
    rows = store.read(same_body(), {"ids": [node.id for node in named]}).rows
    if len(rows) != 1 or (rows[0][1] > 0) == (rows[0][3] > 0):
        return None
    with_projects = rows[0][0] if rows[0][1] > 0 else rows[0][2]
    chosen, other = sorted(named, key=lambda node: node.id != with_projects)
    return ResolvedNode(chosen.kind, chosen.id, chosen.name, other.key)


def _named_so(store: GraphStore, named: list[ResolvedNode], text: str) -> ResolvedNode | None:
    """The one node (or one body) of `named` whose name is `text` once legal forms and association words are set
    aside (a load's `Odense Robotics` is FORENINGEN ODENSE ROBOTICS: a name typed there is taken alike here), else
    None."""
    key = name_key(text)
    so_named = [node for node in named if name_key(node.name) == key]
    return so_named[0] if len(so_named) == 1 else one_body(store, so_named) if so_named != named else None


def _labels(kinds: Iterable[str] | None) -> list[str]:
    if kinds is None:
        return list(SEARCH_LABELS)
    return [check_label(kind) for kind in kinds]


def _found(rows: Iterable[tuple], found: dict[str, ResolvedNode]) -> None:
    for kind, node_id, name, *_ in rows:
        node = ResolvedNode(str(kind), str(node_id), str(name or node_id))
        found.setdefault(node.key, node)


def _with_id(store: GraphStore, label: str, node_id: str, found: dict[str, ResolvedNode],
             carrying: list[str] | None = None) -> None:
    """The `label` node whose id is `node_id`, if any (and if it carries one of `carrying`, when given): the
    writer's read of node states, by the indexed id."""
    rows = store.read(node_states(label), {"ids": [node_id]}).rows
    _found([(props.get("kind") or label, found_id, props.get("name")) for found_id, props, node_labels in rows
            if carrying is None or set(node_labels or ()) & set(carrying)], found)


def _by_id(store: GraphStore, text: str, labels: list[str]) -> list[ResolvedNode]:
    """A key `Kind:id` whose Kind is any label the node carries, so long as it also carries one of `labels` (the
    key an ambiguous name lists, `Cluster:iot-world`, is taken where an Organisation is asked); else an id."""
    kind, _, rest = text.partition(":")
    found: dict[str, ResolvedNode] = {}
    if kind in NODE_LABELS and rest:
        _with_id(store, kind, rest, found, None if kind in labels else labels)
        if found:
            return list(found.values())
    for label in labels:
        _with_id(store, label, text, found)
    if not found:  # an id as CORDIS prints it, without the prefix the store gives it
        for label in labels:
            for prefix in (CORDIS_PREFIXES if text.isdigit() else ()) + KIND_PREFIXES.get(label, ()):
                _with_id(store, label, prefix + text, found)
    return list(found.values())


def _by_prefixed_id(store: GraphStore, folded: str, labels: list[str]) -> list[ResolvedNode]:
    """An id without the prefix the store gives it, in another case (`horizon.2.5` for `lb:HORIZON.2.5`): the
    folded search text holds the id. `_by_id` finds one typed in the stored case only, and the lower-case id had
    been "no Programme has the id or name", its own sub-programmes offered instead."""
    found: dict[str, ResolvedNode] = {}
    for label in labels:
        for prefix in KIND_PREFIXES.get(label, ()):
            found.update((node.key, node) for node in _by_search(store, f"|{fold(prefix)}{folded}|", [label]))
    return sorted(found.values(), key=lambda n: (len(n.name), n.name, n.key))


def _by_search(store: GraphStore, needle: str, labels: list[str], limit: int = _READ_LIMIT, *,
               word_start: bool = False) -> list[ResolvedNode]:
    """Nodes whose search text holds `needle` (with `word_start`, at the start of a name or of a word)."""
    found: dict[str, ResolvedNode] = {}
    for label in labels:
        rows = store.read(nodes_by_search_text(label), {"needle": needle, "limit": limit}).rows
        _found([r for r in rows if not word_start or f"|{needle}" in r[3] or f" {needle}" in r[3]], found)
    return sorted(found.values(), key=lambda n: (len(n.name), n.name, n.key))


def _by_equal_name(store: GraphStore, text: str, folded: str, labels: list[str]) -> list[ResolvedNode]:
    """Nodes one of whose names equals the text, folded: the name, id, acronym or an alias (the search text), or
    the short name."""
    found = {node.key: node for node in _by_search(store, f"|{folded}|", labels)}
    names = sorted({" ".join(text.lower().split()), folded})
    for label in (label for label in labels if lookup(label, "short_name") is not None):
        rows = store.read(nodes_by_short_name(label), {"names": names, "limit": _READ_LIMIT}).rows
        _found([row for row in rows if fold(row[3]) == folded], found)
    return sorted(found.values(), key=lambda n: (len(n.name), n.name, n.key))


def _listed(nodes: list[ResolvedNode]) -> str:
    shown = "; ".join(n.describe() for n in nodes[:SHOWN_CANDIDATES])
    return shown + (f"; and {len(nodes) - SHOWN_CANDIDATES} more" if len(nodes) > SHOWN_CANDIDATES else "")


def some_nodes(store: GraphStore, kinds: Iterable[str] | None = None) -> str:
    """A few nodes of `kinds` (shortest names first) listed with their keys, as a did-you-mean lists them; "" when
    the store holds none: what to offer where a value names no node and no spelling of it would help."""
    return _listed(_by_search(store, "", _labels(kinds), SHOWN_CANDIDATES)[:SHOWN_CANDIDATES])


def resolve_node(store: GraphStore, text: str, kinds: Iterable[str] | None = None) -> ResolvedNode:
    """The one node `text` names (see the module docstring); raises `AmbiguousName` or `NotFound`.

    `kinds`: labels the node must carry (None: any kind a user can name).
    """
    text = str(text or "").strip()
    labels = _labels(kinds)
    what = (", ".join(labels[:-1]) + " or " + labels[-1] if len(labels) > 2 else " or ".join(labels)) \
        if kinds is not None else "node"  # "Cluster, Organisation or Project"
    if not text:
        raise ParameterError(f"name a {what}: its id or its name")
    by_id = _by_id(store, text, labels)
    folded, forms = fold(text), spellings(text)  # "Göteborgs" also as "goeteborgs", as CORDIS writes it
    kind, _, rest = text.partition(":")  # a key whose id a table gave the node it matched by name (`own_ids`)
    keyed = [partial(_by_equal_name, store, rest, fold(rest), [kind])] if kind in labels and rest.strip() else []
    steps = [lambda: by_id, *keyed, *(partial(_by_equal_name, store, text, form, labels) for form in forms),
             partial(_by_prefixed_id, store, folded, labels),
             *(partial(_by_search, store, form, labels, word_start=True) for form in forms if len(form) >= 3)]
    for step in steps if folded else steps[:1]:
        named = step()
        if len(named) == 1:
            return named[0]
        one = one_body(store, named) or _named_so(store, named, text)
        if one is not None:
            return one
        if named:
            many = f"at least {len(named)}" if len(named) >= _READ_LIMIT else str(len(named))
            raise AmbiguousName(f"{text!r} matches {many} nodes: {_listed(named)}. Give the id (Kind:id) of the "
                                "one you mean.", tuple(named))
    if digits_written_apart(text):  # `2844561-8`: a table read with `compact` holds 28445618
        try:
            return resolve_node(store, compact_key(text), kinds)
        except NotFound:
            pass
    raise NotFound(f"no {what} has the id or name {text!r}.{_did_you_mean(store, folded, labels)}")


def _near_whole_name(store: GraphStore, folded: str, words: list[str], labels: list[str]) -> list[ResolvedNode]:
    """The nodes holding one of the text's words whose whole name the text nearly spells (`graph.nearest`), closest
    first: a word alone finds the names that hold it, shortest first, not the one a typo in another word meant."""
    from graph.nearest import nearest

    by_name: dict[str, list[ResolvedNode]] = {}
    for word in (w for w in words if len(w) >= 3):
        for node in _by_search(store, word, labels):
            if node not in by_name.setdefault(fold(node.name), []):
                by_name[fold(node.name)].append(node)
    return [node for name in nearest(folded, by_name, most=SHOWN_CANDIDATES) for node in by_name[name]]


def _did_you_mean(store: GraphStore, folded: str, labels: list[str]) -> str:
    """Nodes whose names hold the text, or else one of its words (longest first), or else the start of its longest
    word ("automaton" finds "automation" by "automat"): a hint for a text that named nothing; when the store holds
    no node of these kinds at all, that and how to add them (no spelling would help)."""
    from graph.store.requirements import missing_inputs

    words = sorted(dict.fromkeys(folded.split()), key=len, reverse=True)
    if len(words) > 1 and (whole := _near_whole_name(store, folded, words, labels)):
        return f" Did you mean: {_listed(whole)}?"  # "fiber optic valey": Fiber Optic Valley, not FIBERWOOD OY
    longest = words[0] if words else ""
    starts = [longest[:n] for n in range(len(longest) - 1, 2, -1)][:4]  # a misspelling mostly sits at a word's end
    for needle in dict.fromkeys([folded, *words, *starts]):
        near = _by_search(store, needle, labels, SHOWN_CANDIDATES + 1) if len(needle) >= 3 else []
        if near:
            return f" Did you mean: {_listed(near)}?"
    # a few kinds asked for (a parameter's, `recommend --for`'s): whether the store holds any; "any node" is not asked
    absent = missing_inputs(store, " | ".join(labels)) if len(labels) <= 3 else []
    if absent:
        return f" The store holds none: {absent[0].message}."
    return " Check the spelling, or search for it on the Explore page."
