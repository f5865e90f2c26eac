"""The command line's advice on adding data, said in the app's words.

An empty result's advice is made once, for the CLI (`graph.store.requirements`, a saved query's `empty:` header):
"load a member list (`cluster-explorer mapping new TABLE` writes its mapping from the table; docs/mapping.md)",
"map a column to `country` (string) in a [[nodes]] table of Cluster". Shown in the browser, it had asked a
programme officer for a command line and a mapping file, where the Data page's upload of a table alone makes the
mapping. `for_the_app` rewrites those phrases, so the app's pages say the same advice without a second copy of it.
"""

from __future__ import annotations

import re

__all__ = ["for_the_app"]

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
