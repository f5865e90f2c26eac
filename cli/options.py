"""What the CLI reads from its options: `-p key=value` parameters, time limits, row caps and shares.

One rule for `-p` in both `query` and `queries run`: a value that parses as JSON is that JSON value,
so `-p 'code="123"'` is the text 123 in both. An ad-hoc query has no declarations, so there the JSON
value is final (`-p n=5` is the number 5, `-p name=IoT World` text). A saved query declares its
parameters' types, so there a JSON text or list is taken as it is and anything else stays text that
the declared type converts (`-p months=6`, `-p on=2020-06-01`, `-p countries=SE,NO`).
"""

from __future__ import annotations

import json
import math
from typing import Any

import click

from graph.errors import SettingError
from graph.settings import row_cap, time_limit

__all__ = ["ROW_CAP", "SHARE", "TIME_LIMIT", "as_json_or_text", "as_typed_text", "parse_params"]


def parse_params(texts: tuple[str, ...]) -> dict[str, str]:
    """`key=value` options as a dict of raw text; refuses a missing `=`, an empty key or a key given twice."""
    params: dict[str, str] = {}
    for text in texts:
        key, sep, raw = text.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{text!r} is not key=value", param_hint="'-p'")
        if key.strip() in params:  # the last one silently won: which did the user mean?
            raise click.BadParameter(f"{key.strip()} is given twice ({params[key.strip()]!r} and {raw!r}); give it "
                                     "once (a list as JSON: [\"a\", \"b\"])", param_hint="'-p'")
        params[key.strip()] = raw
    return params


def as_json_or_text(raw: str) -> Any:
    """The JSON value of `raw` when it parses (5, 2.5, true, ["a","b"], "123"), else `raw` as text."""
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        return raw


def as_typed_text(raw: str) -> Any:
    """For a typed parameter: a JSON text or list as its value (`"123"` is 123), anything else as typed."""
    value = as_json_or_text(raw)
    return value if isinstance(value, (str, list)) else raw


def share(value: object) -> float:
    """`value` as a share between 0 and 1 (click's FloatRange lets `nan` through)."""
    try:
        number = float(str(value).strip())
    except ValueError:
        number = math.nan
    if not 0 <= number <= 1:
        raise SettingError(f"{value!r} is not a share; use a number from 0 to 1, such as 0.3")
    return number


class _Checked(click.ParamType):
    """An option value checked by the same function that checks its setting, so both accept the same."""

    def __init__(self, name: str, check: Any):
        self.name = name
        self._check = check

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return self._check(value)
        except SettingError as e:
            self.fail(str(e), param, ctx)


TIME_LIMIT = _Checked("seconds", time_limit)
ROW_CAP = _Checked("rows", row_cap)
SHARE = _Checked("share", share)
