"""The one time slider of the app: a window of years that Explore, Metrics, Partners and Map all obey.

Not a page. The router (app.py) draws the slider (`slider()`) in the sidebar of the pages of `PAGES`, before
the page runs, under the key `time`, kept in the URL (`?time=2021&time=2023`); the page reads it with `window()`.
Drawn by the router, it is one widget on every page, so the window follows the user from page to page and a
link carries it: drawn by each page, it was one widget per page, and a window from a link was dropped on the
first page change. The address is written by hand (`app_pages/url_choice.py`): bound to it, the slider now and
then lost the window from the address on a page change while still showing it (seen again with
`persist_state="session"`: tests/test_e2e_page_changes.py, one run in four). Streamlit's browser side pushes a
history entry for any address the script writes (a bound widget's own write replaces the entry instead), so each
step of the slider had added one and Back walked through the steps. A small script in the page (`_REPLACE_STEPS`,
constant text) turns such a push into a replacement when the new address differs from the current one in `time`
alone, on the same page: a change of the window replaces the entry, as a bound slider's does, and the address
still holds the window for a link; a page change or any other choice pushes as before.
Projects count when they run at some time in the window; quality labels and memberships when they are
valid at some time in it (`graph.views.timeline`). Explore passes the window to its store reads
(`Filters.start` / `end`); Metrics to its projection; Partners and Map call `windowed(inputs)`, which
slices the cached analytics graph once per data version and window, shared by every session (`sliced`, with
`window_version` naming the slice, when the page has read the window itself).
"""

from __future__ import annotations

import dataclasses

import networkx as nx
import streamlit as st

from app_pages import common, url_choice
from graph.analytics.cache import Inputs
from graph.memory import gc_paused, long_lived
from graph.store.contract import GraphStore
from graph.views import store_views
from graph.views.timeline import describe_window, time_slice, window_of_years

KEY = "time"
_CHANGED = "time_link_changed"  # what a link's window became, said once
#: The pages (URL paths) that obey the window, and show the slider.
PAGES = ("explore", "metrics", "partners", "map")
#: Run in the app's own page (not a frame), once: a history push of an address that differs from the current one in
#: the `time` parameter alone, on the same path, becomes a replacement (Streamlit pushes one for every address the
#: script writes, so each step of the slider had added a history entry).
_REPLACE_STEPS = """<style>
  [data-testid="stElementContainer"]:has(#ce-time-steps) { display: none; }  /* no gap in the sidebar */
</style><span id="ce-time-steps"></span><script>
(function () {
  if (window.ceTimeStepsReplaced) { return; }
  window.ceTimeStepsReplaced = true;
  var push = window.history.pushState;
  function withoutTime(address) {
    var url = new URL(address, window.location.href);
    url.searchParams.delete("KEY");
    return url.pathname + "?" + url.searchParams.toString();
  }
  window.history.pushState = function (state, title, address) {
    if (address != null && withoutTime(address) === withoutTime(window.location.href)) {
      return window.history.replaceState(state, title, address);
    }
    return push.apply(window.history, arguments);
  };
})();
</script>""".replace("KEY", KEY)
HELP = ("Projects running at some time in these years; quality labels and memberships valid at some time in "
        "them. Applies on Explore, Metrics, Partners and Map, and stays in the address bar.")


@st.cache_resource(max_entries=4, show_spinner=False)
def _years(_store: GraphStore, key: str) -> tuple[int, int] | None:
    return store_views.project_years(_store)


def _store_years() -> tuple[int, int] | None:
    """The first and last years of the store's projects, or None when there are not two."""
    years = _years(common.store(), common.version())
    return years if years and years[0] < years[1] else None


def slider() -> None:
    """Draw the time slider and a caption of the window in the sidebar (the router's call, see above)."""
    if not (years := _store_years()):
        return
    low, high = years
    url_choice.start_from_link(KEY, lambda linked: _linked_window(linked, low, high), page=False)
    if not all(low <= y <= high for y in st.session_state[KEY]):
        st.session_state[KEY] = (low, high)  # a window from another data version: back to all years
    with st.sidebar:
        st.subheader("Time")
        if changed := st.session_state.pop(_CHANGED, None):
            st.warning(changed, icon=":material/date_range:")
        first, last = st.slider("Projects and labels in", low, high, key=KEY, persist_state="session", help=HELP)
        st.html(_REPLACE_STEPS, unsafe_allow_javascript=True)
    url_choice.kept_in_url(KEY, [str(first), str(last)] if (first, last) != (low, high) else [], page=False)
    start, end = window()
    if start or end:
        st.sidebar.caption(f"Showing projects and labels of {describe_window(start, end)} only.")


def _linked_window(linked: list[str], low: int, high: int) -> tuple[int, int]:
    """The window a link names (`?time=2021&time=2023`, or one year) within the data's years, or all years when
    it names none of them; a window changed from the link's is said once (`_CHANGED`), not silently."""
    asked = sorted(int(y) for y in linked if y.strip().isdigit())
    if not asked:
        return low, high
    first, last = max(asked[0], low), min(asked[-1], high)
    window = (first, last) if first <= last else (low, high)
    if window != (asked[0], asked[-1]):
        st.session_state[_CHANGED] = (f"The link asked for projects of {asked[0]}–{asked[-1]}; the data's run "
                                      f"{low}–{high}, so the window is {window[0]}–{window[1]}.")
    return window


def window() -> tuple[str | None, str | None]:
    """The chosen window as ISO dates (None where open), from the router's slider (all years when it is not drawn)."""
    if not (years := _store_years()):
        return None, None
    first, last = st.session_state.get(KEY, years)
    return window_of_years(first, last, *years)


@st.cache_resource(max_entries=4, show_spinner="Slicing the network to the years chosen…")
def _sliced(_graph: nx.MultiDiGraph, version: str, start: str | None, end: str | None) -> nx.MultiDiGraph:
    with gc_paused():  # a concrete copy (views of views are slow to walk), every object of it kept
        return long_lived(lambda: nx.MultiDiGraph(time_slice(_graph, start, end)))  # kept for every session


def windowed(inputs: Inputs) -> Inputs:
    """The analytics inputs as they were in the window the slider sets (the inputs themselves for all years)."""
    return sliced(inputs, *window())


def window_version(version: str, start: str | None, end: str | None) -> str:
    """The version of data `version` seen through a window: every cache keyed by it keeps the slices apart."""
    return f"{version}|{start or ''}..{end or ''}" if start or end else version


def sliced(inputs: Inputs, start: str | None, end: str | None) -> Inputs:
    """The analytics inputs in the window `start`..`end` (from `window()`), their version naming the window."""
    if not start and not end:
        return inputs
    return dataclasses.replace(inputs, graph=_sliced(inputs.graph, inputs.version, start, end),
                               version=window_version(inputs.version, start, end))
