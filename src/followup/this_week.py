"""The whole This Week list: cadence steps, application follow-ups and the while-you-wait
actions, in one order; and the actions a snooze hides from it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup import applications, cadence, network, snooze
from followup.identity import action_identity, with_step
from followup.schema import APPLICATION_FOLLOW_UP, THIS_WEEK_WHEN, WHEN_ORDER
from followup.tracker import Tracker


def this_week(
    tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Sorted by When (Overdue first), then Due, then Company, as SPEC section 6 orders it;
    application follow-ups come after the other actions of the same day (SPEC section 4a).
    An action snoozed past the window's last day (``as_of`` + ``days`` - 1) is left out;
    one snoozed to a later day inside it is listed This week, due that day (SPEC 6).

    ``updates``: the Network Updates rows, when already computed. Columns:
    ``THIS_WEEK_SHEET.keys`` plus ``number`` (a nudge's number, "" for other actions).
    """
    rows = _all_rows(tracker, as_of, days, updates)
    when = rows["when"].to_numpy(dtype=object)
    rank = np.select([when == w for w in WHEN_ORDER], list(range(len(WHEN_ORDER))), -1)
    nudge = rows["step"].to_numpy(dtype=object) == APPLICATION_FOLLOW_UP
    # Sorted as arrays (a stable sort, last key first), the rows taken once in that order.
    keys = (rows["company"].to_numpy(dtype=object), nudge, rows["due"].to_numpy(), rank)
    return rows.take(np.lexsort(keys)).reset_index(drop=True)


def _all_rows(
    tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame | None
) -> pd.DataFrame:
    rows = pd.concat(
        [
            cadence.this_week(tracker, as_of, days),
            applications.this_week(tracker, as_of, days),
            _while_you_wait(tracker, as_of, days, updates),
        ],
        ignore_index=True,
    )
    rows["number"] = rows["number"].astype(object).fillna("")
    return rows


def _while_you_wait(
    tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame | None
) -> pd.DataFrame:
    """The while-you-wait rows (SPEC 5: due on ``as_of``, glow calls on the day of a round
    booked in the window) with their snoozes applied: one snoozed past the window is left
    out, one snoozed to a later day inside it is due that day, This week (cadence steps and
    nudges: their plans know their snoozes)."""
    rows = network.this_week_rows(tracker, as_of, updates, days)
    if snooze.in_force(tracker).empty:  # as most weeks: nothing to hide or move
        return rows
    until = snooze.dates(tracker, rows)
    kept = ~snooze.hidden(until, _last(as_of, days))
    rows, until = rows[kept].copy(), until[kept]
    ahead = until > rows["due"]
    rows.loc[ahead, "due"] = until[ahead]
    rows.loc[ahead, "when"] = THIS_WEEK_WHEN
    return rows


def _last(as_of: pd.Timestamp, days: int) -> pd.Timestamp:
    """The last day of the window of ``days`` days from ``as_of``."""
    return as_of + pd.Timedelta(days=days - 1)


def unsnoozed_updates(
    tracker: Tracker, updates: pd.DataFrame, as_of: pd.Timestamp, days: int
) -> pd.DataFrame:
    """The Network Updates rows without those a snooze hides from the window of ``days``
    days from ``as_of``."""
    until = snooze.dates(tracker, with_step(updates))
    return updates[~snooze.hidden(until, _last(as_of, days))].reset_index(drop=True)


def snoozed(tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame) -> pd.Series:
    """Every action a snooze hides from the window of ``days`` days from ``as_of``:
    identity -> the day it comes back.

    Cadence steps and application nudges in state "snoozed", and the while-you-wait actions
    (``updates``: every Network Updates row due, before any snooze is applied) snoozed past
    the window's last day. Each action once.
    """
    if snooze.in_force(tracker).empty:
        return pd.Series(dtype="datetime64[ns]", index=pd.Index([], dtype=object))
    planned = pd.concat(
        [
            cadence.steps(tracker, as_of, days),
            applications.nudges(tracker, as_of, days).assign(
                number=lambda frame: frame["number"].astype(str)
            ),
        ],
        ignore_index=True,
    )
    planned = planned[planned["state"] == snooze.SNOOZED]
    planned = planned.assign(number=planned["number"].astype(object).fillna(""))
    others = network.this_week_rows(tracker, as_of, updates, days)
    others = others.assign(snooze=snooze.dates(tracker, others))
    others = others[snooze.hidden(others["snooze"], _last(as_of, days))]
    found = pd.concat(
        [
            pd.DataFrame({"identity": action_identity(part), "until": part["snooze"]})
            for part in (planned, others)
        ],
        ignore_index=True,
    ).drop_duplicates("identity")
    return pd.Series(found["until"].to_numpy(), index=found["identity"].to_numpy())
