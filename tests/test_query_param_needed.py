"""A saved query's parameter without a default, left out, is refused saying how to give it and with a value to try:
`queries run clusters/members` had said only "parameter 'cluster' (string) needs a value"."""

from __future__ import annotations

import dataclasses

import pytest

from graph.errors import ParameterError
from queries.catalogue import load_catalogue
from queries.runner import bind_params


def test_a_parameter_left_out_is_asked_for_with_its_example():
    with pytest.raises(ParameterError) as refused:
        bind_params(load_catalogue().get("clusters/members"), {})
    assert str(refused.value) == ("clusters/members: parameter 'cluster' (string) needs a value: give it as "
                                  "-p cluster=VALUE (the Queries page: its field), such as 'iot-world' (the query's "
                                  "example); `queries show clusters/members` says what it takes")


def test_a_parameter_left_out_of_a_query_without_an_example_is_asked_for_all_the_same():
    query = load_catalogue().get("collaboration/path")
    with pytest.raises(ParameterError) as refused:
        bind_params(dataclasses.replace(query, example={}), {"to": "x"})
    assert str(refused.value).startswith("collaboration/path: parameter 'from' (string) needs a value: give it as "
                                         "-p from=VALUE (the Queries page: its field); `queries show")
