"""One fold of a header (`loaders.csv_header.header_word`): the header words `mapping new` guesses columns by and the
entity an id header names (`id_entity`) are written alike; `loaders.table_cells` hands on the same function."""

from __future__ import annotations

import doctest

from loaders import csv_header, header_guess, table_cells
from loaders.mapping_new import list_place, region_column


def test_every_module_folds_a_header_with_the_one_header_word():
    assert table_cells.header_word is csv_header.header_word and table_cells.NOT_WORD is csv_header.NOT_WORD
    assert header_guess.header_word is region_column.header_word is list_place.header_word \
        is csv_header.header_word


def test_an_id_headers_entity_is_its_name_folded_as_a_header_word():
    for header, name in (("Klynge-ID", "Klynge"), ("Org.nr ID", "Org.nr"), ("Partner_Land id", "Partner_Land")):
        assert csv_header.id_entity(header) == csv_header.header_word(name)


def test_the_header_modules_examples_hold():
    found = doctest.testmod(csv_header)
    assert found.failed == 0 and found.attempted >= 5
