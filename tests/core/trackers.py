"""Helpers that build a typed Tracker from small literal rows, as the reader would."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import pandas as pd

from followup.schema import CONTACTS, HISTORY_SHEET, INTERVIEWS, LOG, SEARCH, Sheet
from followup.settings import Settings
from followup.tracker import Tracker

Rows = Sequence[Mapping[str, object]]


def _frame(
    sheet: Sheet, rows: Rows, dates: tuple[str, ...], extra: tuple[str, ...] = ()
) -> pd.DataFrame:
    columns = (*sheet.keys, *extra)
    data = {key: [row.get(key, "") for row in rows] for key in columns}
    frame = pd.DataFrame(data, columns=list(columns), dtype=object)
    for key in dates:
        frame[key] = pd.to_datetime(pd.Series(frame[key]).replace("", None)).astype(
            "datetime64[ns]"
        )
    frame["row"] = range(2, len(frame) + 2)
    return frame


def interviews_frame(rows: Rows) -> pd.DataFrame:
    """Interview rows; ``decision_by`` is a date string or blank (the reader resolves durations)."""
    frame = _frame(INTERVIEWS, rows, ("interview_date", "decision_by"))
    frame["decision_given"] = frame["decision_by"].notna()
    frame["status"] = frame["status"].replace("", "Active")
    return frame


def make_tracker(
    interviews: Rows,
    log: Rows = (),
    history: Rows = (),
    settings: Settings | None = None,
) -> Tracker:
    return Tracker(
        interviews=interviews_frame(interviews),
        log=_frame(LOG, log, ("date",)),
        history=_frame(HISTORY_SHEET, history, ("date",)),
        settings=settings or Settings(),
    )


def sent(
    date: str, step: str, company: str = "Acme", role: str = "Analyst", **more: str
) -> dict[str, object]:
    return {
        "date": date,
        "company": company,
        "role": role,
        "direction": "Sent",
        "step": step,
        **more,
    }


def received(date: str, company: str = "Acme", role: str = "Analyst") -> dict[str, object]:
    return {"date": date, "company": company, "role": role, "direction": "Received"}


# The worked example of the cadence: interview Mon 2 Nov 2026, decision in 3 weeks.
WORKED = {
    "company": "Acme",
    "role": "Analyst",
    "interview_date": "2026-11-02",
    "interviewer": "Dana Reyes",
    "interviewer_type": "Hiring manager",
    "decision_by": "2026-11-23",
    "keep_in_touch": "Yes",
    "key_point": "cutting the monthly close from ten days to five",
}


def contacts_frame(rows: Rows) -> pd.DataFrame:
    """Contacts rows; ``update_every`` is a whole number of days or blank, as the reader gives."""
    frame = _frame(CONTACTS, rows, ("last_update",))
    every = pd.Series(frame["update_every"]).replace("", None)
    frame["update_every"] = pd.to_numeric(every).astype("Int64")
    return frame


def search_frame(rows: Rows) -> pd.DataFrame:
    return _frame(SEARCH, rows, ("date",))


def make_full_tracker(
    interviews: Rows = (),
    log: Rows = (),
    history: Rows = (),
    contacts: Rows = (),
    search: Rows = (),
    settings: Settings | None = None,
) -> Tracker:
    """A tracker with every user sheet: interviews, log, history, contacts and search."""
    return replace(
        make_tracker(interviews, log, history, settings),
        contacts=contacts_frame(contacts),
        search=search_frame(search),
    )


def searches(*dates: str, activity: str = "Application") -> list[dict[str, object]]:
    return [{"date": d, "activity": activity} for d in dates]


# Every detail a draft can use, filled in.
DRAFT_CONTEXT: dict[str, object] = {
    "interviewer": "Dana Reyes",
    "company": "Acme",
    "role": "Analyst",
    "key_point": "cutting the monthly close from ten days to five",
    "your_name": "Sam Patel",
    "call_time": "4:00 PM",
    "call_date": pd.Timestamp("2026-12-08"),
    "ask_timeline": True,
    "ask_keep_in_touch": True,
}
