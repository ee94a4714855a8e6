"""This Week's open actions as calendar events (RFC 5545), for any calendar app.

Each action keeps the same UID from export to export (it is derived from the action, not
its date), so importing a newer file moves events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from icalendar import Calendar, Event

from followup import parsing
from followup.columns import long_day
from followup.identity import action_identity, named_actions
from followup.outputs import CALENDAR_PRODID
from followup.schema import OVERDUE

_MORNING = dt.time(9, 0)
_LENGTH = dt.timedelta(minutes=30)
_UID_DOMAIN = "followup.local"


def uids(rows: pd.DataFrame) -> pd.Series:
    """Each row's event UID: a digest of its action's identity, the same from week to week."""
    return action_identity(rows).map(
        lambda action: hashlib.sha1(action.encode()).hexdigest()[:20] + "@" + _UID_DOMAIN
    )


def calendar(rows: pd.DataFrame, as_of: pd.Timestamp, stamp: dt.datetime) -> bytes:
    """One event per open action; overdue ones land on the as-of day, so they are not lost
    in the past. `stamp` is the DTSTAMP (fixed by the caller, so exports are repeatable)."""
    cal = Calendar()
    cal.add("prodid", CALENDAR_PRODID)  # also the marker of followup's calendar files
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Job search follow-ups")
    named = rows.assign(action=named_actions(rows))
    for row, event_uid in zip(named.to_dict("records"), uids(rows), strict=True):
        event = Event()
        event.add("uid", event_uid)
        event.add("dtstamp", stamp)
        on = max(row["due"], as_of).date()
        when = _time(row["time"])
        if when is None:
            event.add("dtstart", on)
            event.add("dtend", on + dt.timedelta(days=1))
        else:
            start = dt.datetime.combine(on, when)
            event.add("dtstart", start)
            event.add("dtend", start + _LENGTH)
        # The company once: an action such as an advocate ask already names it.
        company = str(row["company"])
        who = f" ({company})" if company and company not in str(row["action"]) else ""
        event.add("summary", f"{row['action']}{who}")
        late = f"Overdue since {long_day(row['due'])}. " if row["when"] == OVERDUE else ""
        event.add("description", f"{late}{row['why']}\n\n{row['draft']}".strip())
        cal.add_component(event)
    return bytes(cal.to_ical())


def _time(text: object) -> dt.time | None:
    if str(text).strip().casefold() == "morning":
        return _MORNING
    return parsing.time_of_day(text) if str(text).strip() else None
