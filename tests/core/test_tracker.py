"""The memo of derived frames: computed once per tracker and as-of date, never keeping a
tracker alive, and handing every caller frames of its own."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable

import pandas as pd
import pytest

from followup import applications, cadence, network, summary
from followup.tracker import Tracker, remember_latest
from tests.core.trackers import make_full_tracker, sent

MON = pd.Timestamp("2026-11-02")
TUE = pd.Timestamp("2026-11-03")


def _counting() -> tuple[list[pd.Timestamp], Callable[[Tracker, pd.Timestamp], int]]:
    calls: list[pd.Timestamp] = []

    @remember_latest
    def rows(tracker: Tracker, as_of: pd.Timestamp) -> int:
        calls.append(as_of)
        return len(tracker.log)

    return calls, rows


def test_the_same_tracker_and_as_of_date_are_computed_once() -> None:
    calls, rows = _counting()
    tracker = Tracker()
    # A time of day is the same as-of date: the function sees the date alone.
    assert rows(tracker, MON) == rows(tracker, MON + pd.Timedelta(hours=15)) == 0
    assert calls == [MON]


def test_another_as_of_date_or_another_tracker_are_computed_afresh() -> None:
    calls, rows = _counting()
    first, second = Tracker(), Tracker()
    rows(first, MON)
    rows(first, TUE)
    rows(second, TUE)
    assert calls == [MON, TUE, TUE]


def test_a_tracker_is_freed_once_the_caller_lets_go_of_it() -> None:
    _calls, rows = _counting()
    tracker = Tracker(log=pd.DataFrame({"row": range(1000)}))
    rows(tracker, MON)
    gone = weakref.ref(tracker)
    del tracker
    gc.collect()
    assert gone() is None


def test_a_result_it_cannot_hand_out_unshared_is_refused() -> None:
    @remember_latest
    def listed(tracker: Tracker, as_of: pd.Timestamp) -> list[int]:
        return [len(tracker.log), as_of.day]

    with pytest.raises(TypeError, match="list"):
        listed(Tracker(), MON)


def _busy_tracker() -> Tracker:
    interviews = [
        {"company": "Acme", "role": "Analyst", "interview_date": "2026-10-05",
         "interviewer": "Dana Kim", "decision_by": "2026-10-19"},
        {"company": "Globex", "role": "Engineer", "interview_date": "2026-11-09",
         "interviewer": "Lee Park", "decision_by": "2026-11-20"},
        {"company": "Initech", "role": "Lead", "interview_date": "2026-09-14",
         "interviewer": "Sam Roy", "decision_by": "2026-09-25"},
    ]  # fmt: skip
    contacts = [
        {"name": "Maria Gonzalez", "relationship": "Core network"},
        {"name": "Omar Haddad", "relationship": "Advocate", "company": "Acme"},
        {"name": "Ines Berg", "relationship": "Advocate", "company": "Initech"},
    ]
    search = [
        {"date": "2026-11-02", "activity": "Application", "company": "Hooli"},
        {"date": "2026-11-10", "activity": "Application", "company": "Umbrella"},
    ]
    log = [sent("2026-10-05", "thank-you"), sent("2026-09-14", "thank-you", "Initech", "Lead")]
    return make_full_tracker(interviews, log, contacts=contacts, search=search)


def _scribble(frame: pd.DataFrame | pd.Series) -> None:
    """What a careless caller might do to a frame it was given: write over its values in
    place (each column reversed), add a column."""
    if isinstance(frame, pd.Series):
        frame.iloc[:] = frame.iloc[::-1].to_numpy()
        return
    for i in range(frame.shape[1]):
        frame.iloc[:, i] = frame.iloc[::-1, i].to_numpy()
    frame["scribbled"] = 1


@pytest.mark.parametrize(
    "derived",
    [
        lambda t, d: cadence.steps(t, d, 14),
        lambda t, d: cadence.steps(t, d, 7),
        cadence.opportunities,
        lambda t, d: cadence.this_week(t, d, 14),
        applications.applications,
        summary.followups_sent,
        network.network_updates,
        network._silent,
        network._contacts,
        lambda t, d: applications.nudges(t, d, 14),
    ],
    ids=["steps-14", "steps-7", "opportunities", "this-week", "applications", "sent",
         "updates", "silent", "contacts", "nudges"],
)  # fmt: skip
def test_a_caller_changing_a_frame_it_was_given_changes_no_later_answer(
    derived: Callable[[Tracker, pd.Timestamp], pd.DataFrame | pd.Series],
) -> None:
    tracker, as_of = _busy_tracker(), pd.Timestamp("2026-11-23")
    first = derived(tracker, as_of)
    expected = first.copy(deep=True)
    _scribble(first)
    assert not first.equals(expected)  # the check means something only with rows to spoil
    again = derived(tracker, as_of)
    if isinstance(expected, pd.DataFrame):
        pd.testing.assert_frame_equal(again, expected)
    else:
        pd.testing.assert_series_equal(again, expected)
