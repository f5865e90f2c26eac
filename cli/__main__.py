"""`python -m cli ...`, as the tests run it."""

from cli import main

main()
