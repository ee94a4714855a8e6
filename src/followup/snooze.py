"""Snooze (SPEC section 6): a date typed in Snooze until puts one action aside.

The action is hidden until that day; it then comes back due that day, as if that were its
due date: its actionable window counts from then, and the steps timed from its done-or-due
date are timed from it (the cadence and the application nudges apply that). Snoozes are
found by the action's identity (``identity.action_identity``), so a snooze on one panel
member's thank-you hides only theirs.

A hidden action has no row to carry its snooze, so every snooze that hides an action is kept
in a hidden column beside This Week (one "YYYY-MM-DD identity" line per cell) and written
again on each refresh until its day comes; once the action is listed again, its Snooze until
cell carries the snooze over like Note. The Draft and Note the user edited on a hidden action
are kept in the columns beside those lines, and come back with it (SPEC 6, carried edits).

Pure: frames in, frames and problems out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup import columns, parsing
from followup.errors import Problem, show
from followup.identity import action_identity, with_step
from followup.schema import (
    NETWORK_SHEET,
    SNOOZED_ACTION_HEADER,
    SNOOZED_DRAFT_HEADER,
    SNOOZED_HEADER,
    SNOOZED_NOTE_HEADER,
    THIS_WEEK_SHEET,
    Sheet,
)
from followup.tracker import Tracker, remember_latest

SNOOZED = "snoozed"  # the state of a step a snooze hides from the refresh's window
_EXAMPLE = "2026-11-20"


def _typed(frame: pd.DataFrame, order: str) -> pd.DataFrame:
    """The Snooze until cells filled in on unticked rows of an owned sheet as read back.

    Columns: ``identity``, ``until`` (NaT where the cell holds no date, or a date that could
    be read day first or month first with no ``order`` known), ``either_way`` (True for the
    latter: validation reports those, SPEC 3), ``value`` (the cell as typed), on ``frame``'s
    index.
    """
    values = columns.text(frame, "snooze")
    typed = _typed_rows(frame, values)
    rows, values = frame[typed], values[typed]
    if rows.empty:  # as most weeks: no need to name actions or read dates
        none = pd.Series(dtype=object, index=rows.index)
        return pd.DataFrame(
            {
                "identity": none,
                "until": none.astype("datetime64[ns]"),
                "either_way": none.astype(bool),
                "value": values,
            },
            index=rows.index,
        )
    until, _bad = parsing.dates(values, values, order=order)
    either_way = parsing.date_order(values, order).either_way
    return pd.DataFrame(
        {
            "identity": action_identity(with_step(rows)),
            "until": until,
            "either_way": either_way,
            "value": values,
        },
        index=rows.index,
    )


def _typed_rows(frame: pd.DataFrame, values: pd.Series | None = None) -> np.ndarray:
    """Where a Snooze until cell is filled in on an unticked row (``values``: the Snooze
    until column as text, when the caller has it)."""
    snoozes = columns.text(frame, "snooze") if values is None else values
    typed: np.ndarray = (columns.text(frame, "done").to_numpy() == "") & (snoozes.to_numpy() != "")
    return typed


@remember_latest
def in_force(tracker: Tracker) -> pd.Series:
    """Every snooze the user has set: identity -> the day the action comes back.

    Typed on unticked rows of This Week and Network Updates (a typed cell wins), then the
    ones kept beside This Week for actions they hid. A value that is not a date sets none
    (``warnings`` tells the user).
    """
    sheets = (tracker.this_week, tracker.network)
    if tracker.snoozed.empty and not any(_typed_rows(sheet).any() for sheet in sheets):
        # As most weeks: no snooze at all, so no action to name or date to read.
        return pd.Series(dtype="datetime64[ns]", index=pd.Index([], dtype=object))
    order = tracker.tick_order
    typed = [_typed(sheet, order) for sheet in sheets]
    found = pd.concat(
        [*(t[["identity", "until"]] for t in typed), tracker.snoozed[["identity", "until"]]]
    )
    found = found[columns.dates(found["until"]).notna()]
    found = found.drop_duplicates("identity", keep="first")
    return pd.Series(columns.dates(found["until"]).to_numpy(), index=found["identity"].to_numpy())


def dates(tracker: Tracker, actions: pd.DataFrame) -> pd.Series:
    """The day each action of ``actions`` is snoozed until, NaT where none.

    ``actions``: rows with the columns ``action_identity`` reads. Returns datetime64[ns] on
    ``actions``' index.
    """
    snoozes = in_force(tracker)
    if snoozes.empty or actions.empty:
        return pd.Series(pd.NaT, index=actions.index, dtype="datetime64[ns]")
    found = action_identity(actions).map(snoozes)
    return columns.dates(pd.Series(found.to_numpy(), index=actions.index))


def warnings(tracker: Tracker, as_of: pd.Timestamp | None = None) -> list[Problem]:
    """One warning per Snooze until cell that holds no date: its action stays listed; and,
    given the as-of date, one line per snooze already over by then: its action is listed
    again, due on the snooze's day (SPEC 6).

    Part of reading the tracker (validate.py), so `check` and `refresh` say the same."""
    order = tracker.tick_order
    problems = []
    sheets: tuple[tuple[pd.DataFrame, Sheet], ...] = (
        (tracker.this_week, THIS_WEEK_SHEET),
        (tracker.network, NETWORK_SHEET),
    )
    for frame, sheet in sheets:
        typed = _typed(frame, order)
        unread = typed.index[typed["until"].isna() & ~typed["either_way"]]
        ended = _ended(frame, typed, as_of) if as_of is not None else {}
        if unread.empty and not ended:
            continue
        # The planning modules load only when there is something to say (check plans none).
        from followup.ticks import cell

        for index in unread:
            problems.append(
                Problem(
                    "warning",
                    cell(frame, sheet, "snooze", index),
                    f"{show(typed.loc[index, 'value'])} is not a date, so this action is not "
                    f"snoozed and stays listed. Type the day it should come back, such as "
                    f"{_EXAMPLE}, or clear the cell.",
                )
            )
        for index, message in ended.items():
            problems.append(
                Problem("info", cell(frame, sheet, "snooze", index), message, every_run=True)
            )
    return problems


def _ended(frame: pd.DataFrame, typed: pd.DataFrame, as_of: pd.Timestamp) -> dict[object, str]:
    """The Snooze until cells (of ``_typed``) whose day is over by ``as_of``, each with what to
    tell: a day before the action was due hid nothing; a later one is over, and the action
    is back, due that day. Quiet once the action is listed on its snooze's day (its Due is
    that day), and for a Network Updates row (no Due) once the sheet was written after it."""
    until = typed["until"]
    due = columns.dates(frame.get("due", frame.get("written", pd.Series(pd.NaT, frame.index))))
    due = due.reindex(typed.index)
    over = (until < as_of) & until.ne(due)
    if "due" not in frame:
        over &= until > due
    told = {}
    for index in typed.index[over.fillna(False).astype(bool)]:
        day = columns.long_day(until[index])
        if pd.notna(due[index]) and until[index] < due[index]:
            told[index] = (
                f"the snooze until {day} was over before this action was due "
                f"({columns.long_day(due[index])}), so it hides nothing. Type a later day to "
                "snooze it, or clear the cell."
            )
        else:
            told[index] = f"the snooze until {day} is over: this action comes back, due that day."
    return told


def hidden(until: pd.Series, last: pd.Timestamp) -> pd.Series:
    """True where a snooze (``until``: a date, NaT where none) hides its action from a
    refresh whose window ends on ``last`` (as-of + days - 1).

    A snooze to a day inside the window lists the action that week, due that day: a weekly
    user must see it in the week it comes due, not a week late (SPEC 6, Snooze until).
    """
    return columns.dates(until) > last


def cells_of(rows: pd.DataFrame, tracker: Tracker) -> pd.Series:
    """The Snooze until cells of the new rows: the snooze in force for each action as a date,
    else what was carried over (a value that is not a date stays, so it can be fixed)."""
    until = dates(tracker, with_step(rows))
    carried = columns.text(rows, "snooze")
    return until.astype(object).where(until.notna(), carried)


KEPT_EDITS = ("draft", "note", "action")
_LEDGER_HEADERS = {
    "draft": SNOOZED_DRAFT_HEADER,
    "note": SNOOZED_NOTE_HEADER,
    "action": SNOOZED_ACTION_HEADER,
}


def ledger(
    snoozed: pd.Series, kept: pd.DataFrame | None = None
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The columns kept beside This Week for the hidden actions, as (header, lines): the
    snoozes, "YYYY-MM-DD identity", then, when any edit is kept, the Draft and Note edited
    on each (blank where none) and the action as the user saw it.

    ``snoozed``: identity -> the day it comes back; ``kept``: the edits of hidden actions
    (``identity`` and ``KEPT_EDITS`` columns)."""
    if snoozed.empty:
        return ()
    days = columns.dates(pd.Series(snoozed.to_numpy())).dt.strftime("%Y-%m-%d")
    lines = tuple(f"{day} {identity}" for day, identity in zip(days, snoozed.index, strict=True))
    kept_columns: list[tuple[str, tuple[str, ...]]] = [(SNOOZED_HEADER, lines)]
    if kept is not None and len(kept):
        edits = kept.drop_duplicates("identity").set_index("identity")
        edits = edits.reindex(index=snoozed.index, columns=list(KEPT_EDITS))
        kept_columns += [
            (_LEDGER_HEADERS[key], tuple(columns.text(edits, key))) for key in KEPT_EDITS
        ]
    return tuple(kept_columns)


def read_ledger(kept: pd.DataFrame) -> pd.DataFrame:
    """The columns of ``ledger`` as read back (``kept``: ``line`` and any of ``KEPT_EDITS``):
    columns ``identity``, ``until`` and ``KEPT_EDITS`` ("" where none); a line that does not
    read (the column edited by hand) is left out."""
    text = columns.as_text(kept["line"])
    parts = text.str.split(" ", n=1, expand=True).reindex(columns=[0, 1])
    until = pd.to_datetime(parts[0], format="%Y-%m-%d", errors="coerce")
    frame = pd.DataFrame(
        {
            "identity": parts[1].fillna("").astype(object),
            "until": until,
            **{key: columns.text(kept, key) for key in KEPT_EDITS},
        }
    )
    frame = frame[frame["until"].notna() & frame["identity"].ne("")]
    return frame.reset_index(drop=True)
