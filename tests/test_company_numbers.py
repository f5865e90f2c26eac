"""The company-number rules (`loaders.company_numbers`) on their own: their examples hold, and the modules that
use them import them from there (they had lived in `loaders.generic_vat_numbers`, which imports
`loaders.generic_match_move`, so the latter imported them inside a function to break the cycle)."""

from __future__ import annotations

import ast
import doctest
from pathlib import Path

from loaders import company_numbers

ROOT = Path(__file__).resolve().parents[1]


def test_the_examples_of_the_company_number_rules_hold():
    found = doctest.testmod(company_numbers)
    assert found.failed == 0 and found.attempted >= 8


def test_no_module_imports_the_rules_inside_a_function():
    for module in ("loaders/generic_match_move.py", "loaders/generic_vat_numbers.py"):
        tree = ast.parse((ROOT / module).read_text())
        nested = [node.module for function in ast.walk(tree) if isinstance(function, ast.FunctionDef)
                  for node in ast.walk(function) if isinstance(node, ast.ImportFrom)]
        assert "loaders.generic_vat_numbers" not in nested and "loaders.company_numbers" not in nested, module
