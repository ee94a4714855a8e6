"""Applications before any interview (SPEC section 4a): the short nudges about them.

An *application* is a Search row with Activity Application, a Company and an open Status, for
an opportunity (Company, Role; a blank Role is the company's only opportunity) that has no
interview. Each gets up to ``Application follow-ups`` numbered ``application-follow-up``
steps, the first ``Application follow-up after (days)`` after applying, each later one that
many days after the previous one was done (or was due), rolled to a working day.

Everything is computed column-wise over all applications at once, one nudge number at a
time. Search, Log and History rows dated after the as-of date have not happened yet and are
ignored, as in the cadence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from followup import columns, snooze, wording
from followup.business_days import BusinessCalendar
from followup.cadence import step_state
from followup.drafts import drafts
from followup.schema import (
    ACTIVE,
    APPLICATION,
    APPLICATION_FOLLOW_UP,
    CLOSED_STATUSES,
    ON_HOLD,
    OVERDUE,
    RECEIVED,
    SENT,
    THIS_WEEK_SHEET,
    THIS_WEEK_WHEN,
    TODAY,
    WHEN_ORDER,
)
from followup.tracker import Tracker, remember_latest

DAY = pd.Timedelta(days=1)
# However many applications fall due, This Week lists at most this many nudges (the oldest
# first), so a busy week of applications never buries an interview's follow-up.
WEEKLY_CAP = 10

# The state of an application (Summary counts them).
WAITING, NO_RESPONSE, REPLIED, INTERVIEWED, PAUSED, CLOSED = (
    "awaiting reply",
    "no response",
    "replied",
    "interviewed",
    "paused",
    "closed",
)
_LISTED = {"overdue": OVERDUE, "today": TODAY, "this week": THIS_WEEK_WHEN}

APPLICATION_COLUMNS = (
    "company",
    "role",
    "contact",
    "status",
    "applied",
    "replied",
    "state",
    "row",
)
NUDGE_COLUMNS = (
    "company",
    "role",
    "step",
    "number",
    "contact",
    "applied",
    "due",
    "done",
    "window_end",
    "after",
    "previous_sent",
    "snooze",
    "state",
)
_KEYS = ["ck", "rk"]


@dataclass(frozen=True)
class _Plan:
    applications: pd.DataFrame  # one row per application, APPLICATION_COLUMNS plus keys
    nudges: pd.DataFrame  # one row per nudge of an open application, NUDGE_COLUMNS plus keys


def _latest_applications(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per opportunity applied to by ``as_of``: its latest Application row."""
    search = tracker.search
    company = columns.text(search, "company")
    applied = columns.dates(search["date"])
    mine = (columns.text(search, "activity") == APPLICATION) & (company != "")
    mine &= applied.notna() & (applied <= as_of)
    rows = search[mine]
    apps = pd.DataFrame(
        {
            "company": company[mine],
            "role": columns.text(rows, "role"),
            "contact": columns.text(rows, "contact"),
            "status": columns.text(rows, "status").replace("", ACTIVE),
            "applied": applied[mine],
            "row": rows["row"],
        }
    )
    apps["ck"], apps["rk"] = columns.key(apps["company"]), columns.key(apps["role"])
    apps = apps.sort_values([*_KEYS, "applied", "row"], kind="stable")
    # Applying again to the same role: the latest application is the one to follow up.
    return apps.drop_duplicates(_KEYS, keep="last").reset_index(drop=True)


def _interviewed(tracker: Tracker, apps: pd.DataFrame) -> pd.Series:
    """True where the opportunity has an interview (any date: one on the calendar counts)."""
    iv = tracker.interviews
    iv = iv[columns.dates(iv["interview_date"]).notna()]
    companies = set(columns.key(iv["company"]))
    pairs = set(columns.key(iv["company"]) + "|" + columns.key(iv["role"]))
    by_pair = (apps["ck"] + "|" + apps["rk"]).isin(pairs)
    # A blank Role is the company's only opportunity, so any interview there is its own.
    return by_pair | ((apps["rk"] == "") & apps["ck"].isin(companies))


def _touchpoints(tracker: Tracker, apps: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Log and History rows about each application, dated from its applied day to ``as_of``.

    Columns: ``ck``, ``rk`` (the application's keys), ``date``, ``direction``, ``step``.
    """
    log, history = tracker.log, tracker.history
    parts = [
        pd.DataFrame(
            {
                "date": columns.dates(log["date"]),
                "tck": columns.key(log["company"]),
                "trk": columns.key(log["role"]),
                "direction": columns.text(log, "direction"),
                "step": columns.text(log, "step"),
            }
        ),
        pd.DataFrame(
            {
                "date": columns.dates(history["date"]),
                "tck": columns.key(history["company"]),
                "trk": columns.key(history["role"]),
                "direction": SENT,  # History counts exactly as Sent rows of Log
                "step": columns.text(history, "step"),
            }
        ),
    ]
    rows = pd.concat(parts, ignore_index=True)
    rows = rows[rows["date"].notna() & (rows["date"] <= as_of)]
    rows = apps[[*_KEYS, "applied"]].merge(rows, left_on="ck", right_on="tck")
    # A blank Role on either side means the company's only opportunity.
    same = (rows["rk"] == "") | (rows["trk"] == "") | (rows["rk"] == rows["trk"])
    rows = rows[same & (rows["date"] >= rows["applied"])]
    return rows[[*_KEYS, "date", "direction", "step"]]


def _nth_sent(sent: pd.DataFrame, apps: pd.DataFrame, number: int) -> pd.Series:
    """The date of each application's ``number``-th follow-up sent (NaT when fewer)."""
    nth = sent[sent["number"] == number].set_index(_KEYS)["date"]
    keys = pd.MultiIndex.from_frame(apps[_KEYS])
    return columns.dates(pd.Series(nth.reindex(keys).to_numpy(), index=apps.index))


def _plan(tracker: Tracker, as_of: pd.Timestamp, days: int) -> _Plan:
    """The plan on ``as_of`` with each nudge's state for a window of ``days`` days."""
    as_of = pd.Timestamp(as_of).normalize()
    plan = _computed(tracker, as_of)
    nudges = plan.nudges.assign(state=step_state(plan.nudges, as_of, days))
    return _Plan(plan.applications, nudges)


@remember_latest
def _computed(tracker: Tracker, as_of: pd.Timestamp) -> _Plan:
    """Every application and the dates of its nudges on ``as_of`` (a date): all that does
    not depend on This Week's window."""
    settings = tracker.settings
    apps = _latest_applications(tracker, as_of)
    touch = _touchpoints(tracker, apps, as_of)
    replies = touch[touch["direction"] == RECEIVED].groupby(_KEYS)["date"].min()
    keys = pd.MultiIndex.from_frame(apps[_KEYS])
    apps["replied"] = columns.dates(pd.Series(replies.reindex(keys).to_numpy(), index=apps.index))
    apps["interviewed"] = _interviewed(tracker, apps)
    open_ = ((apps["status"] == ACTIVE) & ~apps["interviewed"] & apps["replied"].isna()).to_numpy()

    # Ticked and logged on the same day is one follow-up; the n-th one sent completes nudge n.
    sent = touch[(touch["direction"] == SENT) & (touch["step"] == APPLICATION_FOLLOW_UP)]
    sent = sent.drop_duplicates([*_KEYS, "date"]).sort_values([*_KEYS, "date"], kind="stable")
    sent = sent.assign(number=sent.groupby(_KEYS).cumcount() + 1)

    count = settings.application_follow_ups if settings.application_follow_up_days > 0 else 0
    gap = pd.Timedelta(days=settings.application_follow_up_days)
    cal = BusinessCalendar.from_settings(settings)
    parts: list[pd.DataFrame] = []
    previous = apps["applied"]
    previous_sent = pd.Series(pd.NaT, index=apps.index, dtype="datetime64[ns]")
    for number in range(1, count + 1):
        # A snoozed nudge is due on its snooze day, and the next is timed from it; a snooze
        # dated before the application was set for an earlier one.
        actions = apps[["company", "role"]].assign(step=APPLICATION_FOLLOW_UP, number=str(number))
        until = snooze.dates(tracker, actions)
        until = until.where(until >= apps["applied"])
        planned = cal.roll(previous + gap)
        due = until.fillna(planned)
        done = _nth_sent(sent, apps, number)
        parts.append(
            pd.DataFrame(
                {
                    "ck": apps["ck"],
                    "rk": apps["rk"],
                    "number": number,
                    "after": previous,
                    "due": due,
                    "planned": planned,
                    "done": done,
                    "previous_sent": previous_sent,
                    "snooze": until,
                }
            )
        )
        previous, previous_sent = done.fillna(due), done
    for number, part in enumerate(parts, start=1):
        # Actionable until the next one is due as planned (its own snooze moves only it);
        # the last one for the same gap.
        nxt = parts[number]["planned"] if number < len(parts) else part["due"] + gap
        part["window_end"] = np.maximum(part["due"], nxt - DAY)

    apps["state"] = _application_state(apps, parts, as_of)
    if parts:
        nudges = pd.concat([p[open_] for p in parts], ignore_index=True)
    else:
        nudges = pd.DataFrame(
            columns=[
                *_KEYS,
                "number",
                "after",
                "due",
                "done",
                "previous_sent",
                "snooze",
                "window_end",
            ]
        )
    nudges = nudges.merge(
        apps[[*_KEYS, "company", "role", "contact", "applied", "row"]], on=_KEYS, how="left"
    )
    for col in ("after", "due", "done", "window_end", "applied", "previous_sent", "snooze"):
        nudges[col] = columns.dates(nudges[col])
    nudges["number"] = nudges["number"].astype(int)
    nudges["step"] = APPLICATION_FOLLOW_UP
    nudges = nudges.sort_values(["applied", *_KEYS, "number"], kind="stable")
    return _Plan(apps, nudges.reset_index(drop=True))


def _application_state(
    apps: pd.DataFrame, parts: list[pd.DataFrame], as_of: pd.Timestamp
) -> pd.Series:
    if parts:
        last = parts[-1]
        finished = (last["done"].notna() | (as_of > last["window_end"])).to_numpy()
    else:
        finished = np.zeros(len(apps), dtype=bool)
    state = np.select(
        [
            apps["status"].isin(CLOSED_STATUSES),
            apps["interviewed"],
            apps["status"] == ON_HOLD,
            apps["replied"].notna(),
            finished,
        ],
        [CLOSED, INTERVIEWED, PAUSED, REPLIED, NO_RESPONSE],
        default=WAITING,
    )
    return pd.Series(state, index=apps.index, dtype=object)


def applications(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per opportunity applied to by ``as_of`` (its latest Application row).

    Columns: ``APPLICATION_COLUMNS``. ``state`` is "awaiting reply", "no response" (the last
    follow-up is done or missed, with no reply), "replied", "interviewed", "paused" (On
    hold) or "closed".
    """
    return _computed(tracker, as_of).applications.reindex(columns=list(APPLICATION_COLUMNS))


def nudges(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> pd.DataFrame:
    """One row per follow-up of each open application (SPEC section 4a).

    Columns: ``NUDGE_COLUMNS``; ``number`` counts from 1; ``state`` as for cadence steps:
    "done", "missed", "overdue", "today", "this week" or "later".
    """
    plan = _plan(tracker, as_of, days)
    return plan.nudges.reindex(columns=list(NUDGE_COLUMNS))


def _listed(tracker: Tracker, as_of: pd.Timestamp, days: int) -> pd.DataFrame:
    """Every nudge of the window, the oldest first."""
    plan = _plan(tracker, pd.Timestamp(as_of).normalize(), days)
    rows = plan.nudges[plan.nudges["state"].isin(list(_LISTED))]
    return rows.sort_values(["due", "applied", "company", "role", "number"], kind="stable")


def held_back(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> int:
    """How many nudges of the window This Week leaves off (beyond ``WEEKLY_CAP``)."""
    return max(len(_listed(tracker, as_of, days)) - WEEKLY_CAP, 0)


def this_week(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> pd.DataFrame:
    """The application follow-ups of This Week: at most ``WEEKLY_CAP``, the oldest first.

    Columns: ``THIS_WEEK_SHEET.keys`` plus ``number`` (text: "1", "2", ...), part of each
    nudge's identity (SPEC 6).
    """
    as_of = pd.Timestamp(as_of).normalize()
    rows = _listed(tracker, as_of, days).head(WEEKLY_CAP).copy()
    total = tracker.settings.application_follow_ups
    rows["when"] = rows["state"].map(_LISTED)
    rows["action"] = wording.fill(wording.APPLICATION_ACTION, rows[["number"]], total=total)
    rows["channel"] = "Email"
    rows["time"] = ""
    rows["why"] = _whys(rows, as_of)
    rows["draft"] = drafts(
        pd.DataFrame(
            {
                "step": APPLICATION_FOLLOW_UP,
                "interviewer": rows["contact"],
                "company": rows["company"],
                "role": rows["role"],
                "applied": rows["applied"],
                "number": rows["number"],
                "your_name": tracker.settings.your_name,
            },
            index=rows.index,
        )
    )
    rows["done"] = ""
    rows["snooze"] = ""
    rows["note"] = ""
    out = rows.reindex(columns=[*THIS_WEEK_SHEET.keys, "number"]).reset_index(drop=True)
    out["number"] = out["number"].astype(str)
    for col in THIS_WEEK_SHEET.keys:
        if col != "due":
            out[col] = out[col].fillna("").astype(str)
    out["due"] = columns.dates(out["due"])
    order = out["when"].map({w: i for i, w in enumerate(WHEN_ORDER)})
    return out.loc[order.sort_values(kind="stable").index].reset_index(drop=True)


def _whys(rows: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    sent = rows["previous_sent"].notna()
    reason = np.select(
        [rows["number"] == 1, sent],
        [wording.APPLICATION_WHY_FIRST, wording.APPLICATION_WHY_SENT],
        wording.APPLICATION_WHY_UNSENT,
    )
    fields = pd.DataFrame(
        {
            "applied": columns.day_text(rows["applied"]),
            "previous": columns.day_text(rows["previous_sent"].where(sent, rows["after"])),
            "due": columns.day_text(rows["due"]),
            "end": columns.day_text(rows["window_end"]),
        },
        index=rows.index,
    )
    late = wording.optional(wording.WHY_STILL_USEFUL, fields, rows["due"] < as_of)
    parts = pd.DataFrame({"reason": wording.fill_each(reason, fields), "late": late})
    return wording.fill(wording.APPLICATION_WHY, parts)
