"""The member tables `mapping new` writes for a list of clusters whose objects hold their members as objects.

A cluster register exported as JSON nests each cluster's members in it (`"jasenet": [{"nimi": "Nokia Oyj",
"y_tunnus": "0112038-9"}, ...]`). The list template mapped the clusters and left the list to a comment ("map each
with its own table"), and a Finnish try-out's user wrote 17 lines by hand: an Organisation table with `split` on the
list, and a MEMBER_OF table from each member to its row's cluster. A list of objects whose keys the header words take
for an organisation's number or name (`y_tunnus`, `nimi`; `orgnr`, `namn`) is read so: its number the members' id
(`compact` when written with hyphens, a placeholder from the name for a member without one, as a participation
table's organisation), a member-since key (`medlemSedan`) the membership's `since`.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.store.search_text import fold
from loaders.csv_header import HEADER_WORDS, header_word
from loaders.header_guess import guess_by_words
from loaders.mapping_new.participation import on_lines, spaced_numbers
from loaders.mapping_new.partners import rows_per_object
from loaders.mapping_new.region_column import county_numbers_in, national_country, region_value, regions_said
from loaders.mapping_new.sme_column import SIZE_HEADERS, sme_line
from loaders.table_cells import as_toml, object_lists, sample_cells

__all__ = ["SINCE_WORDS", "MEMBER_WORDS", "cluster_members", "members_list_of"]

#: Header words of a membership's date (a member list's column, or a key of a member object).
SINCE_WORDS = ("since", "membersince", "memberfrom", "joined", "medlemsiden", "medlemfra", "medlemsedan",
               "medlemfrån", "mitgliedseit", "depuis", "adhésion", "jäsenyysalkanut", "jasenyysalkanut", "liittynyt",
               "dataadesione", "adesione", "dataingresso", "dataprzystąpienia", "przystąpienie", "sociodesde",
               "fechadealta", "fechaalta", "fechadeadhesión", "fechadeadhesion", "socidesde", "datadalta",
               "liittymispäivä", "liittymispaiva", "liittymispvm", "jäsenalkaen", "jasenalkaen", "jäsenyysalkaen",
               "medlemskapfra", "indmeldt", "innmeldt", "indmeldelsesdato", "innmeldingsdato", "inträdesdatum",
               "medlemsdatum")
#: Words in the name of a list of objects that make its objects a cluster's members (`jasenet`, `medlemmar`).
MEMBER_WORDS = ("member", "medlem", "jasen", "mitglied", "membre", "soci", "associat", "membri", "aderent")
_WORDS = {"id": HEADER_WORDS["organisation_id"], "name": HEADER_WORDS["organisation_name"], "since": SINCE_WORDS,
          "city": HEADER_WORDS["city"], "sme": (*HEADER_WORDS["sme"], *SIZE_HEADERS), "region": HEADER_WORDS["region"]}
_PROJECT_WORDS = {word for name in ("project_id", "project_title", "project_acronym") for word in HEADER_WORDS[name]}

#: (the member object's rows, their lines, the file's name) -> a date property's line (`_date_line` of the list).
DateLine = Callable[[str, str, tuple[list[dict], list[int], str], str], str]


def cluster_members(rows: list[dict], at: list[int], object_at: dict[int, dict[str, list[int]]], file: str,
                    reading: list[str], cluster: tuple[str, str | None, bool], date_line: DateLine
                    ) -> tuple[str, list[str]]:
    """(the list's column, the Organisation and MEMBER_OF tables reading it) for the first list of objects of the
    cluster rows `rows` that holds members; ("", []) when none does. `at` and `object_at`: each row's line and its
    objects' lines (`read_table`); `cluster`: the cluster table's id column, its `on_empty` rule (or None) and whether
    it reads the ids `compact`; `date_line` writes the `since` line in the cells' date format."""
    found = _member_list(rows)
    if found is None:
        return "", []
    column, guessed, items = found
    members = [pair for index, (row, line) in enumerate(zip(rows, at, strict=True))
               for pair in rows_per_object(row, line, object_at.get(index, {}).get(column, []), column)]
    member_rows, member_at = [row for row, _ in members], [line for _, line in members]
    key, name = guessed.get("id", guessed.get("name", "")), guessed.get("name")
    rule, said = _empty_rule(member_rows, member_at, column, key, name if "id" in guessed else None)
    spaced = spaced_numbers(member_rows, member_at, key, hyphens=True) if "id" in guessed else ""
    split = f"split = {{ column = {as_toml(column)} }}"
    cluster_key, cluster_rule, cluster_compact = cluster
    compact = [k for k, read in ((key, spaced), (cluster_key, cluster_compact)) if read]
    ends_rule = (f"on_empty = {{ {as_toml(key)} = {rule}, {as_toml(cluster_key)} = {cluster_rule} }}" if rule and
                 cluster_rule else f"on_empty = {rule or cluster_rule}" if rule or cluster_rule else None)
    since = [date_line("since", guessed["since"], (member_rows, member_at, file), "member since")] \
        if "since" in guessed else []
    if "sme" in guessed and not (sme := sme_line(member_rows, guessed["sme"])):
        guessed.pop("sme")  # other words than yes / no, SME or large are left for the user ("not used")
    props = [f"city = {as_toml(guessed['city'])}  #? the member's city"] if "city" in guessed else []
    props += [sme] if "sme" in guessed else []
    unused = [item for item in items if item not in guessed.values()]
    return column, [
        "", "[[nodes]]", *reading, f'label = "Organisation"  #? the members of each cluster, in {column}',
        f"{split}  #? one member per object of {column}",
        f"id = {as_toml(key)}  #? " + ("the member's id" if "id" in guessed else
                                     "no key of numbers found, so the name is the id"),
        *([f"compact = [{as_toml(key)}]  #? {spaced}"] if spaced else []),
        *([f"name = {as_toml(name)}  #? the member's name"] if name else []),
        'match = "name"  # a row naming an Organisation of the store (by name, acronym or alias) updates it',
        *([f"on_empty = {rule}  #? {said}"] if rule else []),
        *(_members_place(guessed["region"], member_rows) if "region" in guessed else []),
        *(["[nodes.properties]", *props] if props else []),
        *([f"# of each {column} object, not used: {', '.join(unused)}"] if unused else []),
        "", "[[relationships]]", *reading, 'type = "MEMBER_OF"', split,
        f'start = {{ label = "Organisation", column = {as_toml(key)} }}',
        f'end = {{ label = "Cluster", column = {as_toml(cluster_key)} }}',
        *([f"compact = [{', '.join(map(as_toml, compact))}]"] if compact else []),
        *([ends_rule] if ends_rule else []),
        *(["[relationships.properties]", *since] if since else [])]


def _members_place(region: str, member_rows: list[dict]) -> list[str]:
    """The members' `located_in` line: their objects' region key (an Italian register's `soci.provincia`, read as
    province sigle), in the country it implies; commented out, asking for the country, when none is implied. The
    members had been left "not used" there, so none was in Lombardia."""
    numbers = county_numbers_in({"region": region}, member_rows)
    code, comment = national_country(region, sample_cells(member_rows, region), numbers=numbers)
    comment += regions_said({"region": region}, member_rows, None) if not numbers else ""
    line = f'located_in = {{ region = {region_value(region, numbers)}, country = {{ value = "{code}" }} }}  {comment}'
    return [line if code else f"# {line}"]


def members_list_of(rows: list[dict]) -> str | None:
    """The list of objects named as members (`medlemmer`, `jasenet`) whose objects have an organisation's number or
    name, which makes `rows` clusters whatever the file's name and header say (a `register.json` of
    `{"navn": ..., "medlemmer": [...]}`); None when the rows hold none."""
    found = _member_list(rows)
    return found[0] if found is not None and _as_members(found[0]) else None


def _member_list(rows: list[dict]) -> tuple[str, dict[str, str], list[str]] | None:
    """(column, its keys guessed as id / name / since, its columns) of the first list of objects naming members: a
    list named as members (`jasenet`, `medlemmar`) whose objects have an organisation's number or name, else one
    whose objects have an organisation's number; never a list of projects (`projekt.titel`) or of persons."""
    lists = object_lists(rows)
    for column in sorted(lists, key=lambda column: not _as_members(column)):
        items = lists[column]
        if any(header_word(item.rsplit(".", 1)[-1]) in _PROJECT_WORDS for item in items):
            continue
        guessed = guess_by_words(items, _WORDS)
        if "id" in guessed or (_as_members(column) and "name" in guessed):
            return column, guessed, items
    return None


def _as_members(column: str) -> bool:
    """Whether a list's name says its objects are members (`jasenet`, `Jäsenet`, `medlemmar`, `members`)."""
    return any(word in fold(header_word(column)) for word in MEMBER_WORDS)


def _empty_rule(rows: list[dict], at: list[int], column: str, key: str, name: str | None) -> tuple[str | None, str]:
    """The members' `on_empty` rule and what its comment says: a member without its number named by its name,
    `name:<name>`, as a participation table's organisation is; a cluster without members (an empty list, its row
    then naming no member), or a member without its number and name, skipped. (None, "") when every one has it."""
    keyless = [(row, line) for row, line in zip(rows, at, strict=True) if not str(row.get(key) or "").strip()]
    if not keyless:
        return None, ""
    has_name = [bool(name and str(row.get(name) or "").strip()) for row, _ in keyless]
    named = [line for (_, line), has in zip(keyless, has_name, strict=True) if has]
    skipped = [line for (_, line), has in zip(keyless, has_name, strict=True) if not has]
    no_member = f"{len(skipped)} row(s) name no member ({on_lines(skipped)}: a cluster without {column}, or a " \
        "member without its id or name): skipped, and reported"
    if not named:
        return '"skip"', no_member
    placeholder = as_toml("name:{" + str(name) + "}")
    said = (f"{len(named)} member(s) have no {key} ({on_lines(named)}): named by their name, name:<name>, and "
            "reported")
    if not skipped:
        return f"{{ placeholder = {placeholder} }}", said
    return f'{{ placeholder = {placeholder}, otherwise = "skip" }}', f"{said}; {no_member}"
