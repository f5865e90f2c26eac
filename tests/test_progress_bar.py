"""The app's progress bar (app_pages.common.progress_bar) says when its work is done (AppTest)."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def computing(steps: int) -> None:
    from app_pages import common

    advance = common.progress_bar("Computing on organisation")
    for done in range(1, steps + 1):
        advance(done, 4)


def test_the_bar_counts_while_at_work_and_says_done_at_the_end():
    """"Computing on organisation 4 / 4" stayed above the results, read as still at work."""
    halfway = AppTest.from_function(computing, args=(2,)).run()
    assert halfway.get("progress")[0].proto.text == "Computing on organisation 2 / 4"
    finished = AppTest.from_function(computing, args=(4,)).run()
    assert finished.get("progress")[0].proto.text == "Computing on organisation: done"
