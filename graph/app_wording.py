"""The app's words for what the CLI and the analytics name in code: advice on adding data, score parts, metrics.

An empty result's advice is made once, for the CLI (`graph.store.requirements`, a saved query's `empty:` header):
"load a member list (`cluster-explorer mapping new TABLE` writes its mapping from the table; docs/mapping.md)",
"map a column to `country` (string) in a [[nodes]] table of Cluster". Shown in the browser, it had asked a
programme officer for a command line and a mapping file, where the Data page's upload of a table alone makes the
mapping. `for_the_app` rewrites those phrases, so the app's pages say the same advice without a second copy of it.
"""

from __future__ import annotations

import re

__all__ = ["for_the_app", "SCORE_PARTS", "METRIC_WORDS", "METRICS_HELP", "explained"]

#: Where the app loads a table, and why no mapping needs writing there (app_pages/data_upload.py).
DATA_PAGE, ALONE = "the Data page", "the upload alone makes its mapping"

#: (the CLI's phrase, the app's), in the order they are tried.
_PHRASES = (
    (re.compile(r"\(`cluster-explorer\s+mapping\s+new\s+TABLE`\s+writes\s+[^;)]*;\s*docs/mapping\.md\)"),
     f"(upload it on {DATA_PAGE}: {ALONE})"),
    (re.compile(r"map a column to (`\w+`)(?: \([\w ]+\))? in a \[\[nodes\]\] table of (\w+)"),
     rf"upload a table of \2 with a \1 column on {DATA_PAGE} ({ALONE})"),
    (re.compile(r"map `located_in` \(a country or region column\) in a \[\[nodes\]\] table of (\w+)"),
     rf"upload a table of \1 with a country or region column on {DATA_PAGE} ({ALONE})"),
)


def for_the_app(message: str | None) -> str | None:
    """`message` with its command-line advice on adding data pointing to the Data page instead; None stays None.

    Examples
    --------
    >>> for_the_app("load a member list (`cluster-explorer mapping new TABLE` writes its mapping from the table; "
    ...             "docs/mapping.md).")
    'load a member list (upload it on the Data page: the upload alone makes its mapping).'
    >>> for_the_app('no Cluster has `country` = "XX": check the value, or map a column to `country` (string) in a '
    ...             '[[nodes]] table of Cluster')
    'no Cluster has `country` = "XX": check the value, or upload a table of Cluster with a `country` column on the \
Data page (the upload alone makes its mapping)'
    """
    if message is None:
        return None
    for phrase, words in _PHRASES:
        message = phrase.sub(words, message)
    return message


#: The partner rankings' score parts (`graph.analytics.recommend.Weights`, `cluster_partners.ClusterWeights`), in
#: words: a cluster manager had read `sectors 0.22, projects 2.44, pagerank 0.31` as unexplained codes. Each part
#: is points added to the score, so higher is better in every column.
SCORE_PARTS: dict[str, tuple[str, str]] = {
    "rank": ("Rank", "1 is the best fit, by the score"),
    "candidate": ("Candidate", "The organisation or cluster proposed as a partner"),
    "score": ("Score", "The sum of the columns to its right: higher is a better fit. Compare candidates of one list; "
                       "the number means nothing on its own."),
    "adamic_adar": ("Shared partners", "Partners the candidate and the consortium both worked with, rarer ones "
                                       "counting more (Adamic-Adar)"),
    "resource_allocation": ("Close partners in common", "Partners in common that have few partners themselves "
                                                        "(resource allocation)"),
    "pagerank": ("Near in the network", "How easily the consortium's network reaches the candidate (personalised "
                                        "PageRank)"),
    "thematic": ("Same topics", "How alike the candidate's project fields and topics are to the consortium's"),
    "complementarity": ("New country", "The candidate is in a country the consortium lacks"),
    "experience": ("Experience", "Projects the candidate took part in and coordinated"),
    "recent_ties": ("Recent ties", "Shared partners, recent projects counting more"),
    "small_projects": ("Partners met in small projects", "Partners in common met in small consortia, where "
                                                         "partners know each other"),
    "recent_activity": ("Active lately", "How many projects the candidate took part in lately"),
    "wanted_place": ("In a place asked for", "The candidate is in a country or region you asked for"),
    "sme": ("SME", "The candidate is an SME, when you asked for a share of SMEs"),
    "label": ("Quality label", "The candidate's cluster quality label (ESCA Bronze, Silver, Gold)"),
    "asked_sector": ("Works in the sector asked", "Projects in a sector you asked for"),
    "nearby": ("Near the consortium", "In the consortium's region or country (it has no project to go by)"),
    "programme": ("Same programme", "A member of a programme the consortium belongs to"),
    "sectors": ("Same sectors", "How alike the two clusters' sectors are"),
    "projects": ("Projects together", "Projects in which members of both clusters took part"),
    "programmes": ("Same programmes", "Programmes both clusters belong to"),
    "places": ("Place", "A neighbouring or the same country or region"),
    "asked_sectors": ("Works in the sector asked", "How much the cluster works in a sector you asked for"),
}

#: The Metrics page's measures (`graph.analytics.metrics.METRICS`), in words first, with which way is better.
METRIC_WORDS: dict[str, tuple[str, str]] = {
    "degree": ("Partners (degree)", "How many others it shares a project with: higher is better connected"),
    "weighted_degree": ("Shared projects (weighted degree)", "Projects shared with others, summed over them: "
                                                             "higher is more collaboration"),
    "betweenness": ("Bridge (betweenness)", "How often it lies on the shortest way between two others: higher "
                                            "is more of a bridge between groups"),
    "closeness": ("Reach (closeness)", "How few steps it takes to reach all others: higher is more central"),
    "eigenvector": ("Well-connected partners (eigenvector)", "Linked to others that are themselves well linked: "
                                                            "higher is more central"),
    "pagerank": ("Influence (PageRank)", "Links from important nodes count more: higher is more influential"),
    "clustering": ("Close-knit partners (clustering)", "How far its partners also work with each other, 0 to 1: "
                                                       "higher is a tighter circle"),
    "core_number": ("Core (k-core)", "The densest core it belongs to: higher is deeper in the network's core"),
    "community": ("Group (Louvain community)", "A group number, not a score: nodes of one number collaborate "
                                               "more with each other"),
}


def explained(column: str, words: dict[str, tuple[str, str]]) -> tuple[str, str | None]:
    """A column's header and tooltip: its words when `words` has them, else the column's name and none.

    >>> explained("pagerank", METRIC_WORDS)[0], explained("name", METRIC_WORDS)
    ('Influence (PageRank)', ('name', None))
    """
    return words.get(column, (column, None))

#: The Metrics field's tooltip: each measure's name as the page and the address write it, then its words.
METRICS_HELP = "  \n".join(f"**{metric}**: {label}. {meaning}." for metric, (label, meaning) in METRIC_WORDS.items())
