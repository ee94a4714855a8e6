"""The whole This Week list: cadence steps, application follow-ups and the while-you-wait
actions, in one order."""

from __future__ import annotations

import pandas as pd

from followup import applications, cadence, network
from followup.schema import APPLICATION_FOLLOW_UP, WHEN_ORDER
from followup.tracker import Tracker


def this_week(
    tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Sorted by When (Overdue first), then Due, then Company, as SPEC section 6 orders it;
    application follow-ups come after the other actions of the same day (SPEC section 4a).

    ``updates``: the Network Updates rows, when already computed.
    """
    rows = pd.concat(
        [
            cadence.this_week(tracker, as_of, days),
            applications.this_week(tracker, as_of, days).drop(columns="number"),
            network.this_week_rows(tracker, as_of, updates),
        ],
        ignore_index=True,
    )
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
