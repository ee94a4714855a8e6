"""The tracker as the core sees it: typed DataFrames, one per sheet, plus Settings.

Column names are the schema's keys. Every frame has a ``row`` column holding the
worksheet row number, so any later message can still point at the user's cell.
Conventions: dates are ``datetime64`` at midnight (NaT when blank); text is ``str``
with ``""`` for blank; choice values are the schema's canonical spelling.
"""

from __future__ import annotations

import dataclasses
import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, overload

import pandas as pd

from followup.schema import (
    CONTACTS,
    HISTORY_SHEET,
    INTERVIEWS,
    LOG,
    NETWORK_SHEET,
    SEARCH,
    THIS_WEEK_SHEET,
    Sheet,
)
from followup.settings import Settings


def empty_frame(sheet: Sheet) -> pd.DataFrame:
    return pd.DataFrame({key: pd.Series(dtype=object) for key in (*sheet.keys, "row")})


@dataclass(frozen=True)
class Tracker:
    """All the user's data, validated.

    ``interviews`` also has ``decision_given`` (bool: the user typed a Decision by), and
    ``decision_by`` holds the resolved decision date (durations already added).
    ``log`` has ``role`` filled in when the company has only one role.
    ``history``, ``this_week`` and ``network`` come from followup's own sheets (empty
    before the first refresh); ``this_week`` and ``network`` also have ``written``, the
    as-of date of the refresh that wrote the sheet (NaT when its title no longer says).
    ``snoozed`` holds the snoozes kept beside This Week for actions they hid (columns
    ``identity``, ``until``: see ``snooze``). ``tick_date_order`` (MDY, DMY, YMD, "" when
    none is needed) reads the numbers-only dates typed in Done and Snooze until: the Settings
    Date order, else the order the tracker's own dates show (SPEC 3).
    """

    interviews: pd.DataFrame = field(default_factory=lambda: empty_frame(INTERVIEWS))
    log: pd.DataFrame = field(default_factory=lambda: empty_frame(LOG))
    contacts: pd.DataFrame = field(default_factory=lambda: empty_frame(CONTACTS))
    search: pd.DataFrame = field(default_factory=lambda: empty_frame(SEARCH))
    settings: Settings = field(default_factory=Settings)
    history: pd.DataFrame = field(default_factory=lambda: empty_frame(HISTORY_SHEET))
    this_week: pd.DataFrame = field(default_factory=lambda: empty_frame(THIS_WEEK_SHEET))
    network: pd.DataFrame = field(default_factory=lambda: empty_frame(NETWORK_SHEET))
    snoozed: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame(
            {"identity": pd.Series(dtype=object), "until": pd.Series(dtype="datetime64[ns]")}
        )
    )
    tick_date_order: str = ""

    @property
    def tick_order(self) -> str:
        """How a numbers-only date typed in Done or Snooze until reads (see above)."""
        return self.tick_date_order or self.settings.date_order


_Result = TypeVar("_Result")


@overload
def remember_latest(
    fn: Callable[[Tracker], _Result],
) -> Callable[[Tracker], _Result]: ...
@overload
def remember_latest(
    fn: Callable[[Tracker, pd.Timestamp], _Result],
) -> Callable[[Tracker, pd.Timestamp], _Result]: ...
def remember_latest(fn: Callable[..., _Result]) -> Callable[..., _Result]:
    """Keep the latest result of a pure function of a tracker (and an as-of date).

    One refresh asks several times for the same derived frames (the cadence's plan for This
    Week, the network updates and the Summary; the follow-ups sent for the sandwich and the
    chart). The key is the tracker and the as-of date only (as a date: the time of day is
    dropped before ``fn`` sees it), so anything that varies per call, such as This Week's
    window of days, cannot be part of what is kept; callers derive it from the result.

    Trackers are immutable, so the latest result stays right for as long as that tracker
    lives; it is held only by weak reference, so a tracker's sheets are never kept in memory
    after the caller is done with them. Each caller gets its own copy of the frames (cheap:
    with pandas' copy-on-write, data is copied only when a caller writes to it), so no
    caller's change reaches the next one.
    """
    latest: list[tuple[weakref.ref[Tracker], tuple[pd.Timestamp, ...], Any]] = []

    @functools.wraps(fn)
    def remembered(tracker: Tracker, /, *as_of: pd.Timestamp) -> _Result:
        key = tuple(pd.Timestamp(day).normalize() for day in as_of)
        if not (latest and latest[0][0]() is tracker and latest[0][1] == key):
            result = fn(tracker, *key)
            if not latest or latest[0][0]() is not tracker:  # one finalizer per tracker
                weakref.finalize(tracker, _forget_dead, latest)
            latest[:] = [(weakref.ref(tracker), key, result)]
        handed_out: _Result = _unshared(latest[0][2])
        return handed_out

    return remembered


def _unshared(result: Any) -> Any:
    """``result`` with every frame in it a copy of its own (a shallow one: copy-on-write
    copies the data only if the holder writes to it)."""
    if isinstance(result, pd.DataFrame | pd.Series):
        return result.copy(deep=False)
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        fields = {f.name: _unshared(getattr(result, f.name)) for f in dataclasses.fields(result)}
        return dataclasses.replace(result, **fields)
    if isinstance(result, int | float | str | bool | pd.Timestamp | type(None)):
        return result
    raise TypeError(f"remember_latest cannot hand out a {type(result).__name__} unshared")


def _forget_dead(latest: list[tuple[weakref.ref[Tracker], tuple[pd.Timestamp, ...], Any]]) -> None:
    if latest and latest[0][0]() is None:
        latest.clear()
