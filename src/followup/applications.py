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

from followup import columns, rounds, snooze, wording
from followup.business_days import BusinessCalendar
from followup.cadence import logged, step_state
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
    """One row per opportunity applied to by ``as_of``: its latest Application row, in the
    order of the opportunity keys ``ck``, ``rk``."""
    search = tracker.search
    company, role = columns.text(search, "company"), columns.text(search, "role")
    applied = columns.dates(search["date"]).to_numpy()
    activity = columns.text(search, "activity").to_numpy()
    # An undated row (NaT) compares False: it is no application.
    mine = (activity == APPLICATION) & (company.to_numpy() != "")
    at = np.flatnonzero(mine & (applied <= as_of.to_datetime64()))
    ck, rk = columns.key(company).to_numpy()[at], columns.key(role).to_numpy()[at]
    # Sorted as arrays, each column taken once in that order (a stable sort, last key first).
    row = search["row"].to_numpy()[at]
    order = np.lexsort((row, applied[at], rk, ck))
    # Applying again to the same role: the latest application is the one to follow up.
    latest = np.ones(len(order), dtype=bool)
    latest[:-1] = (ck[order][1:] != ck[order][:-1]) | (rk[order][1:] != rk[order][:-1])
    order = order[latest]
    status = _taken(columns.text(search, "status"), at[order])
    return pd.DataFrame(
        {
            "company": _taken(company, at[order]),
            "role": _taken(role, at[order]),
            "contact": _taken(columns.text(search, "contact"), at[order]),
            "status": status.where(status != "", ACTIVE),
            "applied": applied[at[order]],
            "row": row[order],
            "ck": pd.Series(ck[order], dtype=object),
            "rk": pd.Series(rk[order], dtype=object),
        }
    )


def _taken(values: pd.Series, at: np.ndarray) -> pd.Series:
    """The values at positions ``at``, typed as ``values`` and indexed from 0."""
    return pd.Series(values.to_numpy()[at], dtype=values.dtype)


def _interviewed(tracker: Tracker, apps: pd.DataFrame) -> np.ndarray:
    """True where the opportunity has an interview (any date: one on the calendar counts)."""
    iv = rounds.keyed_rounds(tracker)
    ck, rk = apps["ck"].to_numpy(dtype=object), apps["rk"].to_numpy(dtype=object)
    booked_ck, booked_rk = iv["ck"].to_numpy(dtype=object), iv["rk"].to_numpy(dtype=object)
    by_pair = pd.Index(ck + "|" + rk).isin(booked_ck + "|" + booked_rk)
    # A blank Role is the company's only opportunity, so any interview there is its own.
    return np.asarray(by_pair | ((rk == "") & pd.Index(ck).isin(booked_ck)), dtype=bool)


def _touchpoints(
    tracker: Tracker, apps: pd.DataFrame, as_of: pd.Timestamp
) -> dict[str, np.ndarray]:
    """Log and History rows about each application, dated from its applied day to ``as_of``.

    ``apps`` in the order of ``ck`` (as ``_latest_applications`` gives them). Arrays, one
    item per row and application it is about: ``app`` (the application's row in ``apps``),
    ``date`` (numpy days), ``direction``, ``step``, ``number`` (text: the nudge a ticked
    row was, "" for a Log row).
    """
    rows = logged(tracker)
    date = columns.day_array(rows["date"])
    tck, trk, direction, step, number = (
        rows[c].to_numpy(dtype=object) for c in ("ck", "rk", "direction", "step", "number")
    )
    at = np.flatnonzero(date <= np.datetime64(as_of.date(), "D"))  # NaT compares False
    # A row meets each application of its company: with ``apps`` in key order, those are
    # one run of rows, found by binary search rather than by a merge.
    ck = apps["ck"].to_numpy(dtype=object)
    first = np.searchsorted(ck, tck[at], side="left")
    count = np.searchsorted(ck, tck[at], side="right") - first
    row = np.repeat(at, count)
    app = np.repeat(first, count) + np.arange(len(row)) - np.repeat(np.cumsum(count) - count, count)
    rk, applied = apps["rk"].to_numpy(dtype=object)[app], columns.day_array(apps["applied"])[app]
    # A blank Role on either side means the company's only opportunity.
    same = (rk == "") | (trk[row] == "") | (rk == trk[row])
    found = same & (date[row] >= applied)
    row = row[found]
    return {
        "app": app[found],
        "date": date[row],
        "direction": direction[row],
        "step": step[row],
        "number": number[row],
    }


def _plan(tracker: Tracker, as_of: pd.Timestamp, days: int) -> _Plan:
    """The plan on ``as_of`` with each nudge's state for a window of ``days`` days."""
    as_of = pd.Timestamp(as_of).normalize()
    plan = _computed(tracker, as_of)
    nudges = plan.nudges.assign(state=step_state(plan.nudges, as_of, days))
    return _Plan(plan.applications, nudges)


@remember_latest
def _computed(tracker: Tracker, as_of: pd.Timestamp) -> _Plan:
    """Every application and the dates of its nudges on ``as_of`` (a date): all that does
    not depend on This Week's window.

    The dates are worked out as numpy days on whole columns: one row per application, one
    column per nudge number, then spread into one row per nudge."""
    settings = tracker.settings
    apps = _latest_applications(tracker, as_of)
    touch = _touchpoints(tracker, apps, as_of)
    count = settings.application_follow_ups if settings.application_follow_up_days > 0 else 0
    shape = (len(apps), count)
    got = touch["direction"] == RECEIVED
    replied = np.full(len(apps), np.iinfo(np.int64).max)
    np.minimum.at(replied, touch["app"][got], touch["date"][got].astype(np.int64))
    replied = np.where(
        replied == np.iinfo(np.int64).max, columns.NO_DAY, replied.astype("datetime64[D]")
    )
    interviewed = _interviewed(tracker, apps)
    status = apps["status"]
    open_ = (status == ACTIVE).to_numpy() & ~interviewed & np.isnat(replied)

    numbered, (sent_app, sent_day) = _sent_nudges(touch, len(apps), count)

    # A snoozed nudge is due on its snooze day, and the next is timed from it; a snooze
    # dated before the application was set for an earlier one.
    applied = columns.day_array(apps["applied"])
    until = _snoozes(tracker, apps, count)
    until = np.where(until >= applied[:, None], until, columns.NO_DAY)
    gap = np.timedelta64(settings.application_follow_up_days, "D")
    cal = BusinessCalendar.from_settings(settings)
    planned, due, after, previous_sent, done = (np.full(shape, columns.NO_DAY) for _ in range(5))
    previous, last_sent = applied, np.full(len(apps), columns.NO_DAY)
    each = np.arange(len(apps))
    next_sent = np.searchsorted(sent_app, each, side="left")
    end_sent = np.searchsorted(sent_app, each, side="right")
    unsent, one_day = np.append(sent_day, columns.NO_DAY), np.timedelta64(1, "D")
    for i in range(count):
        planned[:, i] = cal.roll_days(previous + gap)
        due[:, i] = np.where(np.isnat(until[:, i]), planned[:, i], until[:, i])
        after[:, i], previous_sent[:, i] = previous, last_sent
        # A follow-up sent without a number (a Log row) is the nudge actionable on its day:
        # one sent after a nudge's window leaves that nudge missed and is the next one; the
        # last one takes any later follow-up. Beside a ticked nudge of the same window it is
        # the same follow-up (its earlier day, SPEC 6).
        waiting = next_sent < end_sent
        candidate = unsent[np.where(waiting, next_sent, len(sent_day))]
        if i < count - 1:
            missed_after = np.maximum(due[:, i], cal.roll_days(due[:, i] + gap) - one_day)
            takes = waiting & (candidate <= missed_after)
        else:
            takes = waiting
        ticked = numbered[:, i]
        done[:, i] = np.where(
            np.isnat(ticked),
            np.where(takes, candidate, columns.NO_DAY),
            np.where(takes, np.minimum(ticked, candidate), ticked),
        )
        next_sent = next_sent + takes
        previous = np.where(np.isnat(done[:, i]), due[:, i], done[:, i])
        last_sent = done[:, i]
    # Actionable until the next one is due as planned (its own snooze moves only it); the
    # last one for the same gap.
    following = np.column_stack([planned[:, 1:], due[:, -1:] + gap]) if count else due
    window_end = np.maximum(due, following - one_day)

    apps = apps.assign(
        replied=replied.astype("datetime64[ns]"),
        interviewed=interviewed,
        state=_application_state(status, interviewed, replied, done, window_end, as_of),
    )
    return _Plan(
        apps,
        _spread(
            apps,
            open_,
            {
                "after": after,
                "due": due,
                "done": done,
                "previous_sent": previous_sent,
                "snooze": until,
                "window_end": window_end,
            },
        ),
    )


def _sent_nudges(
    touch: dict[str, np.ndarray], applications: int, count: int
) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
    """The application follow-ups sent (SPEC 4a), split by whether the row says which nudge
    it was: a ticked nudge keeps its number in History (SPEC 6 identity), a Log row has none.

    ``touch``: ``_touchpoints``. Returns the earliest day of each numbered nudge (days, one
    row per application, one column per nudge number, NaT where none) and the unnumbered
    ones as (application, day) arrays sorted by both. Ticked and logged on the same day is
    one follow-up (the ticked one); two nudges ticked on one day are two; a number outside
    1..``count`` counts as none."""
    sent = (touch["direction"] == SENT) & (touch["step"] == APPLICATION_FOLLOW_UP)
    typed = pd.to_numeric(pd.Series(touch["number"][sent], dtype=object), errors="coerce")
    number = typed.where(typed.between(1, count), 0).fillna(0).astype(np.int64).to_numpy()
    app, day = touch["app"][sent].astype(np.int64), touch["date"][sent]
    order = np.lexsort((day, app))
    app, day, number = app[order], day[order], number[order]
    ticked = number > 0
    numbered = np.full((applications, count), columns.NO_DAY)
    # Reversed, the earliest of a number's rows is written last, so it is the one kept.
    numbered[app[ticked][::-1], number[ticked][::-1] - 1] = day[ticked][::-1]
    # One key per application and day (any day Excel holds is within 5 million days of 1970).
    on_day = app * 10_000_000 + day.astype(np.int64) + 5_000_000
    alone = ~ticked & ~np.isin(on_day, on_day[ticked])
    alone[1:] &= on_day[1:] != on_day[:-1]
    return numbered, (app[alone], day[alone])


def _snoozes(tracker: Tracker, apps: pd.DataFrame, count: int) -> np.ndarray:
    """Each application's snooze of each nudge (days, one column per nudge number, NaT
    where none)."""
    if snooze.in_force(tracker).empty or not count:  # as most weeks: no action to name
        return np.full((len(apps), count), columns.NO_DAY)
    actions = pd.DataFrame(
        {
            "company": np.repeat(apps["company"].to_numpy(dtype=object), count),
            "role": np.repeat(apps["role"].to_numpy(dtype=object), count),
            "step": APPLICATION_FOLLOW_UP,
            "number": np.tile(np.arange(1, count + 1).astype(str).astype(object), len(apps)),
        }
    )
    return columns.day_array(snooze.dates(tracker, actions)).reshape(len(apps), count)


def _spread(
    apps: pd.DataFrame, open_: np.ndarray, per_nudge: dict[str, np.ndarray]
) -> pd.DataFrame:
    """One row per nudge of each open application (``per_nudge``: each field's days, one
    row per application, one column per nudge number), the oldest application first."""
    count = next(iter(per_nudge.values())).shape[1]
    mine = np.flatnonzero(open_)
    app = np.tile(mine, count)
    number = np.repeat(np.arange(1, count + 1), len(mine))
    # Sorted as arrays (a stable sort, last key first), the frame built once in that order.
    keys = [apps[c].to_numpy()[app] for c in ("applied", *_KEYS)]
    order = np.lexsort((number, *keys[::-1]))
    context = {
        c: _taken(apps[c], app[order])
        for c in (*_KEYS, "company", "role", "contact", "applied", "row")
    }
    return pd.DataFrame(
        {
            **context,
            "number": number[order],
            **{
                field: days[mine].T.ravel()[order].astype("datetime64[ns]")
                for field, days in per_nudge.items()
            },
            "step": APPLICATION_FOLLOW_UP,
        }
    )


def _application_state(
    status: pd.Series,
    interviewed: np.ndarray,
    replied: np.ndarray,
    done: np.ndarray,
    window_end: np.ndarray,
    as_of: pd.Timestamp,
) -> pd.Series:
    if done.shape[1]:
        today = np.datetime64(as_of.date(), "D")
        finished = ~np.isnat(done[:, -1]) | (today > window_end[:, -1])
    else:
        finished = np.zeros(len(status), dtype=bool)
    state = np.select(
        [
            status.isin(CLOSED_STATUSES).to_numpy(),
            interviewed,
            (status == ON_HOLD).to_numpy(),
            ~np.isnat(replied),
            finished,
        ],
        [CLOSED, INTERVIEWED, PAUSED, REPLIED, NO_RESPONSE],
        default=WAITING,
    )
    return pd.Series(state, dtype=object)


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
    nudges = _plan(tracker, pd.Timestamp(as_of).normalize(), days).nudges
    at = np.flatnonzero(nudges["state"].isin(list(_LISTED)).to_numpy())
    keys = [nudges[c].to_numpy()[at] for c in ("due", "applied", "company", "role", "number")]
    # Sorted as arrays (a stable sort, last key first), the rows taken once in that order.
    return nudges.take(at[np.lexsort(keys[::-1])])


def held_back(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> int:
    """How many nudges of the window This Week leaves off (beyond ``WEEKLY_CAP``)."""
    return max(len(_listed(tracker, as_of, days)) - WEEKLY_CAP, 0)


def this_week(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> pd.DataFrame:
    """The application follow-ups of This Week: at most ``WEEKLY_CAP``, the oldest first.

    Columns: ``THIS_WEEK_SHEET.keys`` plus ``number`` (text: "1", "2", ...), part of each
    nudge's identity (SPEC 6).
    """
    as_of = pd.Timestamp(as_of).normalize()
    rows = _listed(tracker, as_of, days).head(WEEKLY_CAP)
    settings = tracker.settings
    # At most WEEKLY_CAP rows: each column is written as a list, and the frame built once.
    number = rows["number"].tolist()
    when = [_LISTED[state] for state in rows["state"].tolist()]
    order = np.argsort([WHEN_ORDER.index(w) for w in when], kind="stable").astype(np.intp)
    draft = drafts(
        pd.DataFrame(
            {
                "step": APPLICATION_FOLLOW_UP,
                "interviewer": rows["contact"],
                "company": rows["company"],
                "role": rows["role"],
                "applied": rows["applied"],
                "number": rows["number"],
                "your_name": settings.your_name,
            },
            index=rows.index,
        )
    )
    texts = {
        "when": when,
        "company": rows["company"].tolist(),
        "role": rows["role"].tolist(),
        "step": [APPLICATION_FOLLOW_UP] * len(rows),
        "action": [
            wording.APPLICATION_ACTION.format(number=n, total=settings.application_follow_ups)
            for n in number
        ],
        "channel": ["Email"] * len(rows),
        "contact": rows["contact"].tolist(),
        "time": [""] * len(rows),
        "why": _whys(rows, as_of).tolist(),
        "draft": draft.tolist(),
        **{blank: [""] * len(rows) for blank in ("done", "snooze", "note")},
        "number": number,
    }
    due = rows["due"].to_numpy()[order]
    return pd.DataFrame(
        {
            name: due
            if name == "due"
            else pd.array(
                [_shown(v) for v in np.asarray(texts[name], dtype=object)[order]], dtype="str"
            )
            for name in (*THIS_WEEK_SHEET.keys, "number")
        }
    )


def _shown(value: object) -> str:
    """A cell of This Week as text, "" where blank."""
    return "" if pd.isna(value) else str(value)  # type: ignore[call-overload]


def _whys(rows: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    sent = rows["previous_sent"].notna()
    reason = np.select(
        [rows["number"] == 1, sent],
        [wording.APPLICATION_WHY_FIRST, wording.APPLICATION_WHY_SENT],
        wording.APPLICATION_WHY_UNSENT,
    )
    days = {c: columns.day_array(rows[c]) for c in ("applied", "previous_sent", "after", "due")}
    previous = np.where(sent.to_numpy(), days["previous_sent"], days["after"])
    texts = columns.day_texts(
        days["applied"], previous, days["due"], columns.day_array(rows["window_end"])
    )
    fields = pd.DataFrame(
        dict(zip(("applied", "previous", "due", "end"), texts, strict=True)), index=rows.index
    )
    late = np.where((rows["due"] < as_of).to_numpy(), wording.WHY_STILL_USEFUL, "")
    return wording.fill_parts(wording.APPLICATION_WHY, {"reason": reason, "late": late}, fields)
