"""A first mapping for a list of clusters or organisations, one row each (`cluster-explorer mapping new`).

Cluster managers and regional agencies keep lists, not participation tables: a cluster's name, its region,
its sectors, the programmes it is in, its quality label. `mapping new` wrote the participation preset for
every table, so such a list got a mapping asking for a project column it does not have. A table whose header
names no project but names names is read as a list instead: each row a Cluster (when the file's name or its
header says clusters) or an Organisation (an SME where its yes / no column says so), placed by its region and
country, and its sectors, programmes and labels as nodes linked to it. Every node table has `match = "name"`
(`loaders.generic_match`): a row naming what the store holds (the seeds' Automation Region, their sector
Automation, ESCA Gold) updates that node instead of making a second one. Guesses are marked `#?` as in the
participation template.
"""

from __future__ import annotations

import re
from pathlib import Path

from graph.values import ISO_DATE
from loaders.csv_header import SEPARATORS
from loaders.mapping_new.cluster_coordinator import COORDINATOR_WORDS, coordinator_tables, merge_line
from loaders.mapping_new.list_place import list_place
from loaders.mapping_new.listed_names import names_split
from loaders.mapping_new.nested_members import SINCE_WORDS, cluster_members, members_list_of
from loaders.mapping_new.number_columns import number_lines
from loaders.mapping_new.one_cluster import majority_region, members_of_one_cluster, says_clusters
from loaders.mapping_new.participation import HEADER_WORDS, guess_by_words, on_lines, spaced_numbers
from loaders.mapping_new.region_column import region_guesses
from loaders.mapping_new.sme_column import SIZE_HEADERS, sme_line
from loaders.table_cells import (
    NOT_WORD,
    SAMPLE,
    as_toml,
    date_format,
    list_separator,
    object_lists_note,
    sample_at,
    unread_dates,
    unread_said,
)

__all__ = ["LIST_WORDS", "list_template"]

#: Header words of a list's columns (see `loaders.mapping_new.participation.HEADER_WORDS`).
LIST_WORDS: dict[str, tuple[str, ...]] = {
    "id": (*HEADER_WORDS["organisation_id"], "id", "clusterid", "klusterid", "klyngeid"),
    "name": (*HEADER_WORDS["organisation_name"], "member", "membername", "memberorganisation", "medlem",
             "medlemsnamn", "medlemsföretag", "medlemsforetag", "medlemsbedrift", "medlemsvirksomhed", "jäsen",
             "mitglied", "membre", "socio", "miembro", "soci"),
    "cluster": ("cluster", "clustername", "kluster", "klusternamn", "klynge", "klyngenavn", "klyngenamn", "clusternavn",
                "nomducluster", "pôle", "pole", "nomdupôle", "nomdupole", "pôledecompétitivité", "poledecompetitivite",
                "nomecluster", "denominazionecluster", "klaster", "nazwaklastra", "clúster", "clusterorganisation",
                "memberof", "medlemav", "medlemi"),
    "since": SINCE_WORDS,
    "sme": (*HEADER_WORDS["sme"], *SIZE_HEADERS),
    "country": HEADER_WORDS["country"],
    "region": HEADER_WORDS["region"],
    "city": HEADER_WORDS["city"],
    "url": ("url", "website", "web", "homepage", "webbplats", "webbsida", "hemsida", "nettside", "nettsted",
            "hjemmeside", "webseite", "internetseite", "siteweb", "siteinternet"),
    "sector": (*HEADER_WORDS["sector"], "sectors", "industry", "industri", "næring", "focusarea", "fokusområde"),
    "programme": (*HEADER_WORDS["programme"], "programmes", "programs", "programmer"),
    "label": ("label", "labels", "esca", "escalabel", "qualitylabel", "märkning", "kvalitetsmerke", "merking",
              "gütesiegel", "siegel", "labellisation"),
    "awarded": ("awarded", "awarddate", "dateawarded", "labelawarded", "labeldate", "certified", "certificationdate",
                "verliehen", "verliehenam", "utdelad", "tilldelad", "tilldelat", "tilldelningsdatum", "tildelingsdato",
                "märkningsdatum", "märkningdatum", "märktdatum", "märktsedan", "myönnetty", "datedobtention"),
    "expires": ("expires", "expiry", "expirydate", "expiration", "expirationdate", "validuntil", "validto", "gültigbis",
                "gueltigbis", "gyldigtil", "giltigtill", "utgår", "utløper", "udløber", "datedexpiration"),
    **COORDINATOR_WORDS}
#: The columns of a list whose ids an id header (`Cluster-ID`, `Mitglied-ID`) holds (`loaders.header_guess`).
LIST_IDS = {"name": "id", "cluster": "cluster_id", "sector": "sector_id", "programme": "programme_id",
            "label": "label_id"}
#: A letter of any script: a name holds one.
LETTER = re.compile(r"[^\W\d_]")
#: Columns whose cells name other nodes: (label, relationship from the row's node, what they are).
LINKED = {"sector": ("Sector", "ACTIVE_IN", "a sector"), "programme": ("Programme", "MEMBER_OF", "a programme"),
          "label": ("QualityLabel", "HAS_LABEL", "a quality label")}


def list_template(data: Path, file: str | None, headers: list[str], rows: list[dict], separator: str | None,
                  above: int, at: list[int], object_at: dict[int, dict[str, list[int]]] | None = None) -> str | None:
    """A mapping of the list `data` (its header, rows, separator, lines above the header, each row's line and its
    objects' lines as read), guesses marked; `file` as in `participation_template`. None when no column looks like a
    name. A list of clusters holding their members as objects gets the members' tables too (`cluster_members`)."""
    guessed = region_guesses(guess_by_words(headers, LIST_WORDS, LIST_IDS), rows)
    if "name" in guessed and _numbers_only(rows, guessed["name"]):  # `Mitglieder`: 1.234 members, not a member's name
        guessed.pop("name")
    named_apart = None
    if "name" not in guessed and "cluster" in guessed and _repeats(rows, guessed["cluster"]):
        if named_apart := _names_apart(headers, guessed, rows):  # a member list, its names unheaded
            guessed["name"] = named_apart
    members = "name" in guessed and "cluster" in guessed  # organisations, each naming its cluster
    guessed = guessed if members else {k: v for k, v in guessed.items() if k not in COORDINATOR_WORDS}
    since = guessed.pop("since", None) if not members else None  # a membership's date: a member list's
    if "name" not in guessed:
        if "cluster" not in guessed:
            return None
        guessed["name"] = guessed.pop("cluster")  # a list of clusters, named in a "Cluster" column
    if not members and "id" not in guessed and "cluster_id" in guessed:
        guessed["id"] = guessed.pop("cluster_id")  # a list of clusters: its Cluster-ID is the rows' id
    said = says_clusters(data.stem, headers)
    holding = None if members or said else members_list_of(rows)  # `register.json`'s rows holding `medlemmer`
    clusters = not members and (said or bool(holding))
    label, kind = ("Cluster", "cluster") if clusters else ("Organisation", "organisation")
    reading = [f"file = {as_toml(file or data.name)}"]
    if separator is not None:
        reading.append(f"separator = {as_toml(separator)}  # {SEPARATORS[separator]}, as read from the header")
    if above:
        reading.append(f"skip_lines = {above}  #? the header is on line {above + 1}; the lines above it look like a "
                       "title or notes")
    key = guessed.get("id", guessed["name"])
    keyless = [line for row, line in zip(rows, at, strict=True) if not str(row.get(key) or "").strip()]
    named = bool("id" in guessed and keyless)  # a row without its id is named by its name (as participations are)
    placeholder = as_toml("name:{" + guessed["name"] + "}")
    spaced = spaced_numbers(rows, at, key, hyphens=True) if "id" in guessed else ""  # 556051-4142 and 5560514142
    compacted = [f"compact = [{as_toml(key)}]  # the {key} read as the {label} table reads them"] if spaced else []
    split, several = names_split(rows, guessed["name"], key) if not clusters else (None, "")  # `A S.p.A., B S.r.l.`
    compacted += [split] if split else []  # the tables linking the rows split them as the node table does
    rule = (f"{{ placeholder = {placeholder} }}" if named else '"skip"') if keyless else None
    lines = [f"# A mapping for {data.name}, one row per {kind}, made by `cluster-explorer mapping new` from the",
             "# file's header and cells: no column looked like a project, so it is read as a list, not as",
             "# participations. Check each guess (marked #?), then:",
             "#   cluster-explorer load csv THIS-FILE --check",
             '# The format: docs/mapping.md. match = "name": a row naming a node of the store updates it.',
             f"name = {as_toml(NOT_WORD.sub('-', data.stem.casefold()).strip('-') or 'list')}",
             "", "[[nodes]]", *reading,
             f"label = {as_toml(label)}  #? " + (f"each row holds its members, in {holding}" if holding else
                                                "the file's name or header says clusters" if clusters else
                                                f"members of the clusters in {guessed['cluster']}" if members else
                                                'no word of the file says clusters: "Cluster" if they are'),
             *(['extra_labels = ["Organisation"]  # a cluster is an organisation too'] if clusters else []),
             f"id = {as_toml(key)}  #? " + ("the id" if "id" in guessed else
                                          "no column of ids found, so the name is the id"),
             *([f"compact = [{as_toml(key)}]  #? {spaced}"] if spaced else []),
             f"name = {as_toml(guessed['name'])}  #? the name" + (": no header says so; its cells differ on every row"
                                                               if named_apart else "") + several,
             *([split] if split else []),
             f'match = "name"  # a row naming {"an" if label[0] in "AEIOU" else "a"} {label} of the store (by name, '
             "acronym or alias) updates it", *merge_line(rows, at, key, [guessed[c] for c in (
                 "name", "region", "country", "city", "sme") if c in guessed], bool(spaced)),
             *([f"on_empty = {rule}  #? {len(keyless)} row(s) have no {key} ({on_lines(keyless)}): " + (
                 'named by their name, name:<name>, and reported (or on_empty = "skip" to leave them out)' if named
                 else "skipped, and reported")] if keyless else [])]
    placed, country = list_place(guessed, rows)
    lines += placed
    props = [f"{prop} = {as_toml(guessed[prop])}  #? the {what}" for prop, what in (("city", "city"), ("url", "web "
             "address")) if prop in guessed]
    if "sme" in guessed and (clusters or not (sme := sme_line(rows, guessed["sme"]))):
        guessed.pop("sme")  # a cluster is no SME; other words than yes / no, SME or large are left for the user
    props += [sme] if "sme" in guessed else []
    numbers = number_lines([h for h in headers if h and h not in guessed.values() and h != since], rows, at, guessed)
    lines += ["[nodes.properties]", *props, *numbers] if props or numbers else []
    if members:
        lines += _linked(guessed["cluster"], "Cluster", "MEMBER_OF", "a cluster", label, key, reading, rows, rule,
                         guessed.get("cluster_id"), compacted)
        lines += ["[relationships.properties]", _date_line("since", guessed["since"], (rows, at, data.name),
                                                           "member since")] if "since" in guessed else []
        lines += coordinator_tables(guessed, reading)
    for column, (end, rel_type, what) in LINKED.items():
        if column in guessed:
            lines += _linked(guessed[column], end, rel_type, what, label, key, reading, rows, rule,
                             guessed.get(LIST_IDS[column]), compacted)
            lines += _label_dates(guessed, (rows, at, data.name)) if column == "label" else []
    idle = {guessed[key] for name, key in LIST_IDS.items() if key != "id" and key in guessed and (
        name not in guessed or (name == "cluster" and not members) or _listing(rows, guessed[name]))}
    one_cluster = not members and label == "Organisation"  # a cluster's own list: its members, every row
    if one_cluster:
        lines += members_of_one_cluster(label, key, reading, _date_line(
            "since", since, (rows, at, data.name), "member since") if since else None,
            [f"on_empty = {rule}"] * bool(rule) + compacted, country=country,
            region=majority_region(rows, guessed.get("region"), country))
    nested, nested_lines = cluster_members(rows, at, object_at or {}, data.name, reading, (key, rule, bool(spaced)),
                                           _date_line) if clusters else ("", [])
    lines += nested_lines
    unused = [h for h in headers if h and (h not in guessed.values() or h in idle) and not (one_cluster and h == since)]
    if unused:
        lines += ["", f"# columns not used: {', '.join(unused)}"]
    lines += [""] * bool(note := object_lists_note([{k: v for k, v in row.items() if k != nested} for row in rows]))
    lines += note
    return "\n".join(lines) + "\n"


def _numbers_only(rows: list[dict], column: str) -> bool:
    """Whether every filled cell of `column` is written without a letter (`1.234`, `310`): a count, never a name."""
    cells = [cell for row in rows[:SAMPLE] if (cell := str(row.get(column) or "").strip())]
    return bool(cells) and not any(LETTER.search(cell) for cell in cells)


def _listing(rows: list[dict], column: str) -> bool:
    """Whether cells of `column` list several items (separated, or JSON lists): such a column is its nodes' ids too."""
    return bool(list_separator(rows, column)) or any(isinstance(row.get(column), list) for row in rows[:500])


def _repeats(rows: list[dict], column: str) -> bool:
    """Whether a cell of `column` is on several rows: a member list's cluster column, never a list's names."""
    cells = [str(row.get(column) or "").strip().casefold() for row in rows]
    named = [cell for cell in cells if cell]
    return len(set(named)) < len(named)


def _names_apart(headers: list[str], guessed: dict[str, str], rows: list[dict]) -> str | None:
    """The first column no word placed whose cells are text and differ on every row: a member list's names under a
    header no word knows (`Juridisk navn`); the cluster column had become every row's name. None when none is."""
    for header in headers:
        cells = [str(row.get(header) or "").strip() for row in rows[:SAMPLE]]
        if header and header not in guessed.values() and all(cells) and len(set(cells)) == len(cells) \
                and all(any(c.isalpha() for c in cell) for cell in cells):
            return header
    return None


def _linked(column: str, end: str, rel_type: str, what: str, label: str, key: str, reading: list[str],
            rows: list[dict], keyless: str | None, id_column: str | None = None,
            compacted: list[str] = ()) -> list[str]:
    """A node table of the column's `end` nodes (matched by name to the store's) and the relationships to them
    (`keyless`: the rule of rows without their key, when some have none: "skip", and the relationships skip them
    too, or a placeholder naming them by their name, which the relationships' start takes too; a skipped member
    still made its sector, a node linked to nothing). `id_column`: the ids of the end nodes (`Cluster-ID`), whose
    names `column` then holds; a column listing several names in a cell is both. `compacted`: the `compact` line of
    the relationships' start column, when the node table reads its ids so (`556051-4142` as 5560514142)."""
    listed = list_separator(rows, column)
    split = [f"split = {{ column = {as_toml(column)}, separator = {as_toml(listed)} }}  #? cells list several, "
             f"separated by {as_toml(listed)}"] if listed else []
    if any(isinstance(row.get(column), list) for row in rows[:500]):  # a JSON list: no separator
        split = [f"split = {{ column = {as_toml(column)} }}  #? cells are lists: a row per item"]
    end_id = id_column if id_column and not split else column
    unnamed = any(not str(row.get(end_id) or "").strip() for row in rows)
    empty = [f'on_empty = "skip"  # rows naming no {what[2:]} link to none'] if unnamed else []
    linked = [f'on_empty = "skip"  # rows without their {key} or naming no {what[2:]} link to none'] \
        if keyless == '"skip"' else empty
    if keyless and keyless != '"skip"':
        linked = [f"on_empty = {{ {as_toml(key)} = {keyless}" + (f', {as_toml(end_id)} = "skip"' if unnamed else "")
                  + f" }}  # rows without their {key} start at their name:<name>"
                  + (f"; rows naming no {what[2:]} link to none" if unnamed else "")]
    return ["", "[[nodes]]", *reading, f"label = {as_toml(end)}",
            *(['extra_labels = ["Organisation"]'] if end == "Cluster" else []),
            f"id = {as_toml(end_id)}  #? " + (f"the id of {what}" if end_id != column else f"{what} per cell"),
            f"name = {as_toml(column)}",
            f'match = "name"  # a {end} of the store named so ({_EXAMPLES[end]}) is that one; others are new',
            *split, *empty,
            "", "[[relationships]]", *reading, f"type = {as_toml(rel_type)}",
            f"start = {{ label = {as_toml(label)}, column = {as_toml(key)} }}",
            f"end = {{ label = {as_toml(end)}, column = {as_toml(end_id)} }}", *split, *linked,
            *(line for line in compacted if not (split and line.startswith("split")))]  # one split a table


def _label_dates(guessed: dict[str, str], table: tuple[list[dict], list[int], str]) -> list[str]:
    """The HAS_LABEL table's `awarded` and `expires` dates (what `labels/expiring` reads), in the cells' format."""
    props = [_date_line(prop, guessed[prop], table, f"when the label {what}")
             for prop, what in (("awarded", "was awarded"), ("expires", "expires")) if prop in guessed]
    return ["[relationships.properties]", *props] if props else []


def _date_line(prop: str, column: str, table: tuple[list[dict], list[int], str], what: str) -> str:
    """`prop = { column = ..., type = "date" }`, with the format (or the formats) the column's cells are written in,
    and the cells none reads by file and line (`table`: the rows, their lines and the file's name)."""
    rows, at, file = table
    sampled = sample_at(rows, at, column)
    cells = [cell for _, cell in sampled]
    fmt = date_format(cells)
    odd = unread_said(sampled, unread_dates(cells, fmt), file, "date(s) none of them reads") if fmt else ""
    written = f", format = {as_toml(fmt)}" if fmt and fmt != ISO_DATE else ""
    if fmt is None and cells:  # read as ISO dates, which `--check` then flags row by row: say so here
        odd = (f"; dates like {as_toml(cells[0])}: no common format reads nearly all of them; add theirs (format = "
               "Python strptime codes, one or a list)")
    odd = "; years alone, each read as its 1 January" + odd if fmt == "%Y" else odd  # a member list's `2019`
    return f"{prop} = {{ column = {as_toml(column)}, type = \"date\"{written} }}  #? {what}{odd}"


_EXAMPLES = {"Cluster": "Automation Småland", "Sector": "Automation", "Programme": "ARENA, S3 Cluster Pilot",
             "QualityLabel": "ESCA Gold"}
