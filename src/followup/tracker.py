"""The tracker as the core sees it: typed DataFrames, one per sheet, plus Settings.

Column names are the schema's keys. Every frame has a ``row`` column holding the
worksheet row number, so any later message can still point at the user's cell.
Conventions: dates are ``datetime64`` at midnight (NaT when blank); text is ``str``
with ``""`` for blank; choice values are the schema's canonical spelling.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd

from followup import headers
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
    ``history``, ``this_week`` and ``network`` come from the tool's own sheets (empty
    before the first refresh); ``this_week`` and ``network`` also have ``written``, the
    as-of date of the refresh that wrote the sheet (NaT when its title no longer says).
    ``snoozed`` holds the snoozes kept beside This Week for actions they hid (columns
    ``identity``, ``until``: see ``snooze``).
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


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cell values as the reader found them, before any checking.

    ``rows`` has one column per worksheet column, named by its letter ("A", "B", ...),
    and is indexed by worksheet row number (1-based), header row and the rows above it
    excluded, blank rows dropped. ``labels`` maps each column letter to its header as typed.
    ``uncached`` holds the cells ("C7") whose formula has no saved result; ``errors`` the
    cells holding a formula error, with the error as Excel shows it ("C7" -> "#N/A"), which
    the reader hands over as blank.
    """

    name: str
    header_row: int
    rows: pd.DataFrame
    uncached: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)  # column letter -> header as typed
    errors: dict[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()  # an owned sheet's title lines above its header, as text

    def where(self, letter: str, row: int) -> str:
        return f"{self.name}!{letter}{row}"

    def letters(self, sheet: Sheet) -> dict[str, str]:
        """Schema column key -> the letter of its column, for the columns found (SPEC 3)."""
        return headers.match(sheet.columns, self.labels)


_Args = ParamSpec("_Args")
_Result = TypeVar("_Result")


def remember_latest(
    fn: Callable[Concatenate[Tracker, _Args], _Result],
) -> Callable[Concatenate[Tracker, _Args], _Result]:
    """Keep the latest result of a pure function of a tracker (and further arguments).

    One refresh asks several times for the same derived frames (the cadence's plan for This
    Week, the network updates and the Summary; the follow-ups sent for the sandwich and the
    chart). Trackers are immutable, so the latest result stays right for as long as that
    tracker lives; it is held only by weak reference, so a tracker's sheets are never kept
    in memory after the caller is done with them.
    """
    latest: list[tuple[weakref.ref[Tracker], tuple[Any, ...], _Result]] = []

    @functools.wraps(fn)
    def remembered(tracker: Tracker, /, *args: _Args.args, **kwargs: _Args.kwargs) -> _Result:
        key = (*args, *sorted(kwargs.items()))
        if latest and latest[0][0]() is tracker and latest[0][1] == key:
            return latest[0][2]
        result = fn(tracker, *args, **kwargs)
        if not latest or latest[0][0]() is not tracker:  # one finalizer per tracker
            weakref.finalize(tracker, _forget_dead, latest)
        latest[:] = [(weakref.ref(tracker), key, result)]
        return result

    return remembered


def _forget_dead(latest: list[tuple[weakref.ref[Tracker], tuple[Any, ...], Any]]) -> None:
    if latest and latest[0][0]() is None:
        latest.clear()
