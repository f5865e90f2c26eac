"""The fast paths of a load give the same results as the plain ones they replaced.

* FalkorDB parameter text (`parameter_text`, `params_header`) is the falkordb client's, character for
  character, on tricky and on randomly generated values, and reads back verbatim from the server.
* `fold` / `name_key` equal the reference loops they replaced, on every name of the CORDIS fixture, and the
  quick look for stems changes no decision of cluster detection.
* The search text's `fold` takes a short path for ASCII text: the same as the full fold on every name of the
  fixture and on random ASCII text (white space and control characters included).
* A load hands the interpreter between its threads every 0.5 ms (`graph.switching`), and as before after it.

The writer's change detection: tests/test_writer_change_detection.py.
"""

from __future__ import annotations

import csv
import math
import random
import re
import sys
import unicodedata

import pytest
from falkordb.graph import Graph
from falkordb.helpers import stringify_param_value

from graph import names as name_rule
from graph import switching
from graph.legal_forms import ASSOCIATION_WORDS, LAST_ONLY, LEGAL_FORMS
from graph.store import search_text
from graph.store.falkordb_store import parameter_text, params_header
from loaders import cluster_detection
from loaders.cluster_detection import detect_cluster, fold, name_key
from tests.conftest import FIXTURES

TRICKY_STRINGS = [
    "", " ", "plain", 'say "hi"', "back\\slash", "\\", "\\\\", '\\"', '"', "'", "`", "``", "a`b",
    "line\nbreak", "\r\n", "\t", "\x00", "\x01", "\u0001", "\x1f", "\x7f", "\\u0001", "\\n", "é", "Ωmega",
    "日本語", "emoji 🙂", "\u2028\u2029", "\u00a0", "\ufeff", "ﬁ", "x\\", '}) DETACH DELETE n //', "$rows",
    "CYPHER x=1", "<img src=x onerror=alert(1)>", "null", "true", "1e-07", "{`a`:1}", "[1,2]",
]
TRICKY_NUMBERS = [0, 1, -1, 2**63 - 1, -(2**63), 10**30, 0.0, -0.0, 1e-7, 1e20, 1e300, 5e-324, 0.1, 1 / 3,
                  123456789.123456789, math.inf, -math.inf, math.nan, True, False]


def _random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 3 else 4)
    if kind == 0:
        return rng.choice(TRICKY_STRINGS)
    if kind == 1:
        return "".join(rng.choice(["a", "Z", "0", " ", '"', "\\", "\n", "\x01", "é", "`", "🙂", "\ud800", "{"])
                       for _ in range(rng.randrange(12)))
    if kind == 2:
        return rng.choice(TRICKY_NUMBERS + [rng.uniform(-1e9, 1e9), rng.randrange(-10**6, 10**6)])
    if kind == 3:
        return None
    if kind in (4, 5):
        items = [_random_value(rng, depth + 1) for _ in range(rng.randrange(5))]
        return tuple(items) if kind == 5 else items
    return {rng.choice(["id", "name", "props", "x_1", "Ω", "a b", "@type", 7, b"raw"]): _random_value(rng, depth + 1)
            for _ in range(rng.randrange(5))}


# -- parameter text ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", TRICKY_STRINGS + TRICKY_NUMBERS + [None, [], {}, [[]], {"k": []}, ("a", 1)])
def test_parameter_text_of_tricky_values_is_the_clients(value):
    assert parameter_text(value) == stringify_param_value(value)


def test_parameter_text_of_random_nested_values_is_the_clients():
    rng = random.Random(20240601)
    for _ in range(5000):
        value = _random_value(rng)
        assert parameter_text(value) == stringify_param_value(value), value


def test_params_header_is_the_clients():
    rng = random.Random(7)
    for _ in range(500):
        params = {name: _random_value(rng) for name in rng.sample(["rows", "ids", "limit", "a_b", "Ω"], 3)}
        assert params_header(params) == Graph._build_params_header(None, params)
    assert params_header(None) == ""


@pytest.mark.parametrize("params", [{"": 1}, {"a`b": 1}, {"rows": [{"": 1}]}, {"rows": {"x`": 2}}])
def test_bad_names_raise_the_clients_errors(params):
    with pytest.raises(ValueError) as theirs:
        Graph._build_params_header(None, params)
    with pytest.raises(ValueError) as ours:
        params_header(params)
    assert str(ours.value) == str(theirs.value)


def test_tricky_strings_read_back_verbatim(embedded_store):
    strings = [s for s in TRICKY_STRINGS if "\x00" not in s]  # FalkorDB strings end at NUL
    result = embedded_store.read("UNWIND $values AS v RETURN v", {"values": strings}, row_cap=1000)
    assert [row[0] for row in result.rows] == strings
    nested = {"rows": [{"id": s, "props": {"name": s, "n": 1e-7}, "sources": [s, s]} for s in strings]}
    result = embedded_store.read("UNWIND $rows AS row RETURN row.id, row.props.name, row.props.n, row.sources",
                                 nested, row_cap=1000)
    assert result.rows == [[s, s, 1e-7, [s, s]] for s in strings]


# -- cluster detection: folding once, stripping legal forms with one pattern --------------------------------

def _reference_fold(text, ampersand=False):
    text = unicodedata.normalize("NFKD", (text or "").lower().translate(name_rule._SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    if ampersand:
        return " ".join(re.sub(r"[^a-z0-9&]+", " ", text.replace("&", " & ")).split())
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _reference_name_key(name):
    """`_reference_legal_key`, then association words set aside word by word: at the end (all but `association`,
    the longest first, the legal forms before them set aside again), then at the start, a word always left."""
    words = _reference_legal_key(name).split()
    words_of = sorted((tuple(a.split()) for a in ASSOCIATION_WORDS), key=len, reverse=True)
    trailing = [a for a in words_of if a != ("association",)]
    ending = next((a for a in trailing if len(words) > len(a) and tuple(words[-len(a):]) == a), None)
    if ending:
        while ending:
            words = words[:-len(ending)]
            ending = next((a for a in trailing if len(words) > len(a) and tuple(words[-len(a):]) == a), None)
        words = _reference_legal_key(" ".join(words)).split()
    while leading := next((a for a in words_of if len(words) > len(a) and tuple(words[:len(a)]) == a), None):
        words = words[len(leading):]
    return " ".join(words)


def _reference_legal_key(name):
    """The first word, and every word up to the first from which the rest is all legal forms (a `LAST_ONLY` word
    only last or before `& co` / `co kg|og|ohg`), tried form by form; no `&` left."""
    words = _reference_fold(name, ampersand=True).split()
    while words and words[0] == "&":
        words = words[1:]
    forms = [tuple(form.split()) for form in LEGAL_FORMS]

    def all_forms(i):
        if i == len(words):
            return True
        for form in forms:
            j = i + len(form)
            if tuple(words[i:j]) != form or not all_forms(j):
                continue
            if form[0] in LAST_ONLY and len(form) == 1 and j < len(words) and words[j:j + 2] != ["&", "co"] \
                    and not (words[j] == "co" and words[j + 1:j + 2] in (["kg"], ["og"], ["ohg"])):
                continue
            return True
        return False

    first = next((i for i in range(1, len(words)) if all_forms(i)), len(words))
    return " ".join(w for w in words[:first] if w != "&")


def _fixture_names() -> set[str]:
    names = set(TRICKY_STRINGS)
    with open(FIXTURES / "cordis" / "organizations.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            names.update((row["name"], row["shortName"]))
    with open(FIXTURES / "cluster_labels.csv", newline="", encoding="utf-8") as f:
        names.update(row[0] for row in csv.reader(f))
    forms = sorted(LEGAL_FORMS)
    names.update(f"Acme {a} {b}" for a in forms for b in forms)
    names.update(["İstanbul AS", "ǅemal ApS", "ﬁrma oy", "Öl  A/S", "x e.V.", "Bar F.M.B.A.", "x a/s a/s", "ab", " ab",
                  "Foreningen Odense Robotics", "Robo yhdistys ry", "Verein", "Ideell förening Kraft AB",
                  "Association Française de Normalisation", "Kraft ideell förening", "Nordic Association"])
    return names


def test_fold_and_name_key_equal_the_reference_loops():
    for name in _fixture_names():
        assert (fold(name), name_key(name)) == (_reference_fold(name), _reference_name_key(name)), name


def test_the_quick_look_for_stems_changes_no_decision(monkeypatch):
    names = sorted(_fixture_names())
    countries = [None, "SE", "NO", "IS", "SI", "FR", "ES", "IT", "CZ", "DK"]
    quick = [detect_cluster(name, short, country) for name in names for short in (None, name[:12])
             for country in countries]
    monkeypatch.setattr(cluster_detection, "_ANY_STEM", re.compile(""))  # every text gets the full look
    full = [detect_cluster(name, short, country) for name in names for short in (None, name[:12])
            for country in countries]
    assert quick == full and any(quick)


# -- the search text's fold: ASCII text takes a short path -----------------------------------------------------

def _full_search_fold(text):
    decomposed = unicodedata.normalize("NFKD", str(text))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(kept.translate(search_text.OWN_LETTERS).translate(search_text.PUNCTUATION).split())


def test_search_fold_of_ascii_text_is_the_full_fold():
    rng = random.Random(11)
    texts = [*_fixture_names(), *("".join(chr(rng.randrange(128)) for _ in range(rng.randrange(24)))
                                  for _ in range(20000))]
    assert any(t.isascii() for t in texts) and any(not t.isascii() for t in texts)
    for text in texts:
        assert search_text.fold(text) == _full_search_fold(text), repr(text)
    assert search_text.fold("  STRASSE\tAB ") == "strasse ab" and search_text.fold(12) == "12"


# -- thread hand-overs during a load ---------------------------------------------------------------------------

def test_a_load_hands_over_often_and_then_as_before(embedded_store, monkeypatch):
    """The compaction's own interval is seen as it starts: its progress reports had been asserted, and it reports none
    when the store's log is small beside its snapshot (the session's server, after other tests' loads)."""
    from loaders.pipeline import run_load

    before = sys.getswitchinterval()
    seen, at_compaction = [], []
    compact = embedded_store.compact

    def compact_seen(progress=None):
        at_compaction.append(sys.getswitchinterval())
        return compact(progress)
    monkeypatch.setattr(embedded_store, "compact", compact_seen)
    run_load(embedded_store, "seeds", progress=lambda done, total: seen.append(sys.getswitchinterval()))
    assert seen[0] == min(before, switching.LOAD_SWITCH_INTERVAL_S)  # the writes' reports
    assert at_compaction == [before]  # the compaction, after the load, on one thread: as before
    assert sys.getswitchinterval() == before


def test_quick_switches_never_makes_hand_overs_rarer():
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.0001)
        low = sys.getswitchinterval()  # as the interpreter keeps it (in microseconds)
        with switching.quick_switches():
            assert sys.getswitchinterval() == low
        assert sys.getswitchinterval() == low
    finally:
        sys.setswitchinterval(before)
