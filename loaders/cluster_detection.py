"""Which organisations are cluster organisations.

A *cluster organisation* manages or facilitates an industrial cluster (or a national body of such
organisations, like Clusters of Sweden). `detect_cluster` decides from a name, a short name and a
country, and returns the rule that matched, so every mark can be explained (docs/cluster_detection.md):

1. ``alias:<name>``: the name is a known cluster organisation or one of its aliases (`KNOWN_CLUSTERS`,
   checked by hand; an alias only counts in its own country).
2. ``pattern:<family>``: a word for "cluster" in one of many languages, compared without accents and
   case, on whole words (compounds ending in the word count: Holzcluster, Solenergiklyngen), unless
   the name uses it in a research or computing sense ("Exzellenzcluster", "HPC cluster") or it is a
   hand-checked false positive (`KNOWN_NON_CLUSTERS`).

`mark_clusters` applies it to every loader's Organisation records before they are written (the one
write path, `loaders.common.load_records`), so a detected cluster is written as a Cluster (label and
kind) by whichever loader read it, and a re-run writes it the same. Which CORDIS participant is which
seed cluster is `loaders.entity_resolution`'s question.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace

from graph.names import fold, name_key
from graph.store.records import NodeRecord
from graph.wording import first_few

__all__ = ["KnownCluster", "KNOWN_CLUSTERS", "KNOWN_NON_CLUSTERS", "fold", "name_key", "detect_cluster",
           "aliases_of", "mark_clusters", "made_clusters_note"]


@dataclass(frozen=True)
class KnownCluster:
    """A cluster organisation checked by hand: its usual name, country and other names."""

    name: str
    country: str
    aliases: tuple[str, ...] = ()


# country | name | aliases separated by ";"  (seed clusters first, then bodies found in the CORDIS data)
_KNOWN_TABLE = """
SE|IoT World|IoT World Mjärdevi
SE|Automation Småland|Automation Småland Jönköping
SE|Mobile Heights|Mobile Heights Skåne
SE|IUC Syd|IUC Skåne;IUC Syd Skåne
SE|TechTank|TechTank Blekinge
SE|Interior Cluster|Interior Cluster Sweden AB;Interior Cluster Kronoberg
SE|Smart Textiles|Smart Textiles Västra Götaland
SE|Agro Väst|Agroväst Livsmedel AB;Agro Väst Västra Götaland
SE|Aerospace Cluster Sweden|Aerospace Cluster Sweden Östergötland
SE|Urban ICT Arena|Urban ICT Arena Stockholm
SE|Tillverkningstekniskt centrum|TTC Karlskoga
SE|Compare|Compare Värmland
SE|Paper Province|Paper Province Värmland
SE|Automation Region|Automation Region Västmanland
SE|Järnvägsklustret|Järnvägsklustret Västmanland
SE|Triple Steelix|Triple Steelix Dalarna
SE|Visit Dalarna|
SE|Fiber Optic Valley|Fiber Optic Valley Gävleborg
SE|Bron Innovation|Bron Innovation AB;Bron Innovation Västernorrland
SE|Georange|Georange Västerbotten
SE|Datacenter Norrbotten|AI & Big Data Innovations
SE|Entreprenörsdrivet Företagsnav|Entreprenörsdrivet Företagsnav Jämtland-Härjedalen
NO|Industrial Green Tech|
SE|Clusters of Sweden|
SE|Sustainable Business Hub|Sustainable Business Hub Scandinavia AB
NO|Oslo Cancer Cluster|Oslo Cancer Cluster SA
NO|The Seafood Innovation Cluster|The Seafood Innovation Cluster AS;NCE Seafood;NCE Seafood Innovation
NO|GCE Ocean Technology|GCE Ocean Technology SA
NO|GCE NODE|
NO|Eyde-klyngen|Eyde Cluster;Eydeklyngen
NO|Solenergiklyngen|Norwegian Solar Energy Cluster
NO|Norway Health Tech|
NO|NCE Finance Innovation|Finance Innovation
NO|NCE Maritime CleanTech|Maritime CleanTech
NO|Energy Valley|
NO|Electronic Coast|
DK|Energy Cluster Denmark|
DK|Danish Life Science Cluster|Foreningen Danish Life Science Cluster
DK|CLEAN|CLEAN Cluster
DK|Food & Bio Cluster Denmark|FBCD AS;FBCD
DK|Odense Robotics|Foreningen Odense Robotics
DK|MADE|Foreningen MADE;MADE Manufacturing Academy of Denmark
DK|Lifestyle & Design Cluster|Den Erhvervsdrivende Fond Lifestyle & Design Cluster
DK|Medicon Valley Alliance|Medicon Valley Academy F.M.B.A. Forening
FI|CLIC Innovation|CLIC Innovation Oy
IS|Iceland Ocean Cluster|Íslenski sjávarklasinn ehf
FR|Aerospace Valley|
FR|Agri Sud-Ouest Innovation|
FR|CARA|Association CARA
FR|Techtera|Association Techtera Auvergne Rhône Alpes
FR|Tenerrdis|
FR|Axelera|Axelera - Association Chimie-Environnement Lyon et Rhône-Alpes
FR|Bioeconomy For Change|B4C
FR|Cap Digital|
FR|Materalia|
FR|Medicen Paris Region|
FR|Minalogic|Minalogic Auvergne-Rhône-Alpes
FR|Mov'eo|NextMove
FR|Polymeris|
FR|Systematic Paris-Region|System@tic Paris Region
FR|Vegepolys Valley|
FR|Xylofutur|Xylofutur Produits et Matériaux des Forêts Cultivées
FR|Photonics Bretagne|
BE|Wagralim|
BE|Flanders' Food|
NL|Foodvalley NL|Stichting Food Valley
DE|Silicon Saxony|Silicon Saxony e.V.
DE|BioRegio STERN|BioRegio STERN Management GmbH
PT|TICE.PT|
PT|BlueBio Alliance|
"""

KNOWN_CLUSTERS: tuple[KnownCluster, ...] = tuple(
    KnownCluster(name, country, tuple(a for a in aliases.split(";") if a))
    for country, name, aliases in (line.split("|") for line in _KNOWN_TABLE.strip().splitlines()))

#: Names a pattern marks that were checked by hand and are not cluster organisations: name -> why.
KNOWN_NON_CLUSTERS: dict[str, str] = {
    "Wasserkluster Lunz Biologische Station GmbH": "a limnology research station, 'water cluster' by name",
    "European Secretariat for Cluster Analysis": "awards the ESCA quality labels to clusters; not a cluster itself",
    "European Cluster Collaboration Platform": "the European Commission's platform for clusters; not a cluster",
}

_ALIASES: dict[str, list[KnownCluster]] = {}
for _known in KNOWN_CLUSTERS:
    for _name in (_known.name, *_known.aliases):
        _ALIASES.setdefault(name_key(_name), []).append(_known)
_DENIED = {name_key(n) for n in KNOWN_NON_CLUSTERS}

# (reason, regex on folded text, countries the pattern is limited to or None for any)
_PATTERNS: list[tuple[str, re.Pattern[str], frozenset[str] | None]] = [
    ("pole-de-competitivite", re.compile(r"\bpoles? de competi\w*"), None),
    ("cluster", re.compile(r"\b(\w*?)(cluster)(?:s|e|es|i|ul|ului|ele|elor|net)?\b"), None),
    ("clust-er", re.compile(r"\b()(clust) er\b"), None),
    ("kluster", re.compile(r"\b(\w*?)(klust)(?:er|ere|ers|eri|erin|eria|erit|erra|ret|ren)\b"), None),
    ("klaster", re.compile(r"\b(\w*?)(klaster|klastr|klaszter)(?:s|is|iai|io|iu|a|u|y|e|i|ow|ach|om|ze|ra)?\b"),
     None),
    ("klynge", re.compile(r"\b(\w*?)(klynge)(?:n|r|ne|ns)?\b"), None),
    ("klasi", re.compile(r"\b(\w*?)(klas)(?:i|inn|ans|anum|ar|arnir)\b"), frozenset({"IS"})),
    ("grozd", re.compile(r"\b(\w*?)(grozd)(?:a|u|i)?\b"), frozenset({"SI", "HR"})),
    ("pole", re.compile(r"\bpoles?\b"), frozenset({"FR", "BE", "LU"})),
    ("nce-gce-arena", re.compile(r"\b(nce|gce|arena)\b"), frozenset({"NO"})),
    ("aei", re.compile(r"\bagrupaci\w* (?:d |de )?empres\w* innovador\w*|\baei\b"), frozenset({"ES"})),
    ("distretto-tecnologico", re.compile(r"\bdistretto (?:tecnologico|(?:ad )?alta tecnologia)\b"), None),
]
#: Compounds whose first part gives "cluster" a research or computing sense.
_EXCLUDED_PREFIXES = ("exzellenz", "excellen", "forschungs", "rannsokn", "rechen", "computer", "supercomputer")
_EXCLUDED_PHRASES = re.compile(
    r"\bclusters? (?:of|d|de) excel+en\w*|\bexcel+en\w* clusters?\b"
    r"|\bresearch clusters?\b|\bcomput\w* clusters?\b|\bclusters? comput\w*|\b(?:hpc|gpu) clusters?\b"
    r"|\bgalaxy clusters?\b|\bpole emploi\b")
#: Czech and Slovak write "klastr" for cluster; "klaster"/"klastor" there mean monastery (klášter, kláštor).
_MONASTERY_COUNTRIES = frozenset({"CZ", "SK"})


#: Each pattern needs one of these in the text; most names have none, and this one look settles them.
_ANY_STEM = re.compile(r"clust|klust|klas|klynge|grozd|pole|nce|gce|arena|agrupaci|aei|distretto")


def _pattern_reason(text: str, country: str | None) -> str | None:
    if not text or not _ANY_STEM.search(text) or _EXCLUDED_PHRASES.search(text):
        return None
    for reason, regex, countries in _PATTERNS:
        if countries is not None and country not in countries and not (
                reason == "nce-gce-arena" and "klynge" in text):
            continue
        for match in regex.finditer(text):
            if regex.groups >= 2:
                prefix, stem = match.group(1), match.group(2)
                if prefix.startswith(_EXCLUDED_PREFIXES):
                    continue
                if stem == "klaster" and country in _MONASTERY_COUNTRIES:
                    continue
            return f"pattern:{reason}"
    return None


@functools.lru_cache(maxsize=1 << 18)  # a load asks up to three times per organisation; cleared after it
def detect_cluster(name: str, short_name: str | None, country: str | None) -> str | None:
    """The rule that marks this organisation as a cluster organisation, or None.

    `country` is the EU-style code (SE, NO, EL, UK, ...). The answer is a short reason such as
    ``"alias:Clusters of Sweden"``, ``"pattern:klynge"`` or ``"pattern:pole-de-competitivite"``.

    Examples
    --------
    >>> detect_cluster("EYDE-KLYNGEN", None, "NO")
    'alias:Eyde-klyngen'
    >>> detect_cluster("Holzcluster Steiermark GmbH", None, "AT")
    'pattern:cluster'
    >>> detect_cluster("Exzellenzcluster Physics of Life", None, "DE") is None
    True
    """
    country = (country or "").upper() or None
    folded = [fold(text) if text else "" for text in (name, short_name)]
    keys = [name_key(text) if text else "" for text in (name, short_name)]  # `& Co` read before `&` is folded away
    for key in keys:
        for known in _ALIASES.get(key, []) if key else []:
            if country is None or known.country == country:
                return f"alias:{known.name}"
    if keys[0] in _DENIED:
        return None
    for text in folded:
        reason = _pattern_reason(text, country)
        if reason:
            return reason
    return None


def aliases_of(key: str) -> list[KnownCluster]:
    """The hand-checked cluster organisations one of whose names has the name key `key`."""
    return _ALIASES.get(key, [])


def mark_clusters(nodes: list[NodeRecord]) -> list[NodeRecord]:
    """`nodes` with every Organisation that `detect_cluster` marks carrying the `Cluster` label (so its kind
    is Cluster) and `cluster_rule`; records already marked, or of other labels, are returned as they are."""
    marked = []
    for node in nodes:
        if node.label == "Organisation" and "Cluster" not in node.extra_labels:
            props = node.properties
            country = props.get("country")
            rule = detect_cluster(node.name, props.get("short_name"), country if isinstance(country, str) else None)
            if rule:
                node = replace(node, extra_labels=("Cluster", *node.extra_labels),
                               properties={**props, "cluster_rule": rule})
        marked.append(node)
    return marked


def made_clusters_note(nodes: list[NodeRecord]) -> str | None:
    """A note naming the organisations of a user's table that `mark_clusters` will write as Clusters, by their
    names (a try-out's "Bergen Maritime Cluster Services AS" became one without a word); None when none will."""
    named = [f"{n.name} ({marked.properties['cluster_rule']})"
             for n, marked in zip(nodes, mark_clusters(nodes), strict=True) if marked is not n]
    if not named:
        return None
    return (f"{len(named)} organisation(s) are Clusters by their names (cluster detection, "
            f"docs/cluster_detection.md): {first_few(named, 5)}")
