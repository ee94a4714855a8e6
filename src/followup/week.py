"""The whole This Week list: cadence steps plus the while-you-wait actions, in one order."""

from __future__ import annotations

import pandas as pd

from followup import cadence, network
from followup.schema import WHEN_ORDER
from followup.tracker import Tracker


def this_week(
    tracker: Tracker, as_of: pd.Timestamp, days: int, updates: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Sorted by When (Overdue first), then Due, then Company, as SPEC section 6 orders it.

    ``updates``: the Network Updates rows, when already computed.
    """
    rows = pd.concat(
        [
            cadence.this_week(tracker, as_of, days),
            network.this_week_rows(tracker, as_of, days, updates),
        ],
        ignore_index=True,
    )
    order = rows["when"].map({w: i for i, w in enumerate(WHEN_ORDER)})
    keys = pd.DataFrame({"order": order, "due": rows["due"], "company": rows["company"]})
    return rows.loc[keys.sort_values(["order", "due", "company"], kind="stable").index].reset_index(
        drop=True
    )
