"""The short account of the week a refresh prints: counts, overdue actions, ticks recorded.

Pure: frames in, lines of plain text out; the CLI only prints them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup.columns import long_day
from followup.identity import named_actions
from followup.schema import ASK_ADVOCATE, LOG_STEP_IDS, NETWORK_UPDATE, OVERDUE
from followup.wording import count, tally

MOST_OVERDUE_SHOWN = 10  # a long list belongs in This Week, not on the terminal (issue 20)


def week_lines(as_of: pd.Timestamp, days: int, week: pd.DataFrame, updates: int) -> list[str]:
    """The window, how many actions of each colour, and the 10 longest overdue actions by
    name (the rest counted)."""
    last = as_of + pd.Timedelta(days=days - 1)
    lines = [
        f"Week of {long_day(as_of)} to {long_day(last)}:",
        f"  {tally(week['when'])}; {count(updates, 'network update')}.",
    ]
    overdue = np.flatnonzero(week["when"].to_numpy() == OVERDUE)
    if len(overdue):
        lines.append("Overdue:")
        # The longest overdue first: This Week's own order (Due, then Company). Only the rows
        # shown are taken out of the frame: the command prints this once, whatever its size.
        shown = week.iloc[overdue[:MOST_OVERDUE_SHOWN]]
        for company, role, action, due in zip(
            shown["company"].tolist(),
            shown["role"].tolist(),
            named_actions(shown).tolist(),
            shown["due"].tolist(),
            strict=True,
        ):
            who = f"{company}{f' ({role})' if role else ''}: " if company else ""
            lines.append(f"  - {who}{action}, due {long_day(pd.Timestamp(due))}")
        if len(overdue) > MOST_OVERDUE_SHOWN:
            lines.append(f"  and {len(overdue) - MOST_OVERDUE_SHOWN} more: see This Week.")
    return lines


def recorded_line(steps: pd.Series, *, dry_run: bool) -> str | None:
    """ "Recorded 3 done actions from your ticks: 2 follow-ups, 1 network update." """
    if steps.empty:
        return None
    kinds = {
        "follow-up": steps.isin(LOG_STEP_IDS).sum(),
        "network update": steps.eq(NETWORK_UPDATE).sum(),
        "advocate ask": steps.eq(ASK_ADVOCATE).sum(),
        "other action": (~steps.isin([*LOG_STEP_IDS, NETWORK_UPDATE, ASK_ADVOCATE])).sum(),
    }
    parts = ", ".join(count(int(n), kind) for kind, n in kinds.items() if n)
    verb = "Would record" if dry_run else "Recorded"
    return f"{verb} {count(len(steps), 'done action')} from your ticks: {parts}."
