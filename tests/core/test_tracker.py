"""The memo of derived frames: computed once per tracker, and never keeping a tracker alive."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

import pandas as pd

from followup.tracker import Tracker, remember_latest


def _counting() -> tuple[list[int], Callable[[Tracker, int], int]]:
    calls: list[int] = []

    @remember_latest
    def rows(tracker: Tracker, extra: int) -> int:
        calls.append(extra)
        return len(tracker.log) + extra

    return calls, rows


def test_the_same_tracker_and_arguments_are_computed_once() -> None:
    calls, rows = _counting()
    tracker = Tracker()
    assert rows(tracker, 1) == rows(tracker, 1) == 1
    assert calls == [1]


def test_other_arguments_or_another_tracker_are_computed_afresh() -> None:
    calls, rows = _counting()
    first, second = Tracker(), Tracker()
    rows(first, 1)
    rows(first, 2)
    rows(second, 2)
    assert calls == [1, 2, 2]


def test_a_tracker_is_freed_once_the_caller_lets_go_of_it() -> None:
    _calls, rows = _counting()
    tracker = Tracker(log=pd.DataFrame({"row": range(1000)}))
    rows(tracker, 0)
    gone = weakref.ref(tracker)
    del tracker
    gc.collect()
    assert gone() is None
