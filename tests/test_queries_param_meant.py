"""A saved query's parameter given under another name says the one meant, in the same one line.

The Finnish try-out: `queries run organisations/smes-in-region -p region=Pirkanmaa` was refused with "unknown
parameter(s) region; declared: area", while the query's title says "SMEs of a region or country". The CLI runs
in-process on the real embedded store.
"""

from __future__ import annotations

import pytest

from tests.cli_invoke import cli_env, invoke


@pytest.mark.parametrize(("given", "meant"), [
    ("region=Pirkanmaa", 'did you mean -p area=Pirkanmaa (its title says "region")?'),
    ("aera=SE", 'did you mean -p area=SE (close to "aera")?'),
])
def test_the_parameter_meant_is_named_on_the_error_line(embedded_server, given, meant):
    refused = invoke(cli_env(embedded_server, "queries_param_meant"), "queries", "run",
                     "organisations/smes-in-region", "-p", given)
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [
        f"Error: organisations/smes-in-region: unknown parameter(s) {given.split('=')[0]}; declared: area; {meant}"]


def test_a_word_the_help_of_one_parameter_says_names_it(embedded_server):
    refused = invoke(cli_env(embedded_server, "queries_param_meant"), "queries", "run", "labels/expiring",
                     "-p", "day=2024-01-01")
    assert refused.stderr.strip().endswith("; declared: on, months; did you mean -p on=2024-01-01 (its help says "
                                           '"day")?')
