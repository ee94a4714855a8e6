"""The whole This Week list: cadence steps, application follow-ups and the while-you-wait
actions, in one order; and the actions a snooze hides from it."""

from __future__ import annotations

import pandas as pd

from followup import applications, cadence, network, snooze
from followup.identity import action_identity, with_step
from followup.schema import APPLICATION_FOLLOW_UP, WHEN_ORDER
from followup.tracker import Tracker


def this_week(
    tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Sorted by When (Overdue first), then Due, then Company, as SPEC section 6 orders it;
    application follow-ups come after the other actions of the same day (SPEC section 4a).
    An action snoozed past ``as_of`` is left out.

    ``updates``: the Network Updates rows, when already computed. Columns:
    ``THIS_WEEK_SHEET.keys`` plus ``number`` (a nudge's number, "" for other actions).
    """
    rows = _all_rows(tracker, as_of, days, updates)
    rows = rows[~_snoozed_rows(tracker, rows, as_of)]
    order = rows["when"].map({w: i for i, w in enumerate(WHEN_ORDER)})
    keys = pd.DataFrame(
        {
            "order": order,
            "due": rows["due"],
            "nudge": rows["step"].eq(APPLICATION_FOLLOW_UP),
            "company": rows["company"],
        }
    )
    ranked = keys.sort_values(["order", "due", "nudge", "company"], kind="stable").index
    return rows.loc[ranked].reset_index(drop=True)


def _all_rows(
    tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame | None
) -> pd.DataFrame:
    rows = pd.concat(
        [
            cadence.this_week(tracker, as_of, days),
            applications.this_week(tracker, as_of, days),
            network.this_week_rows(tracker, as_of, updates),
        ],
        ignore_index=True,
    )
    rows["number"] = rows["number"].astype(object).fillna("")
    return rows


def _snoozed_rows(tracker: Tracker, rows: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """The while-you-wait rows a snooze hides (cadence steps and nudges never reach This
    Week while snoozed: their plans know their snoozes)."""
    return snooze.hidden(rows.assign(snooze=snooze.dates(tracker, rows)), as_of)


def unsnoozed_updates(tracker: Tracker, updates: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """The Network Updates rows without those a snooze hides on ``as_of``."""
    until = snooze.dates(tracker, with_step(updates))
    return updates[~(until > as_of)].reset_index(drop=True)


def snoozed(tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame) -> pd.Series:
    """Every action a snooze hides on ``as_of``: identity -> the day it comes back.

    Cadence steps and application nudges in state "snoozed", and the while-you-wait actions
    (``updates``: every Network Updates row due, before any snooze is applied) snoozed past
    ``as_of``. Each action once.
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
    others = network.this_week_rows(tracker, as_of, updates)
    others = others.assign(snooze=snooze.dates(tracker, others))
    others = others[snooze.hidden(others, as_of)]
    found = pd.concat(
        [
            pd.DataFrame({"identity": action_identity(part), "until": part["snooze"]})
            for part in (planned, others)
        ],
        ignore_index=True,
    ).drop_duplicates("identity")
    return pd.Series(found["until"].to_numpy(), index=found["identity"].to_numpy())
