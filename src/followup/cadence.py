"""The post-interview follow-up cadence (SPEC section 4) and the cadence rows of This Week.

Everything is computed column-wise over all opportunities at once: one frame per
opportunity with a due/done/window column per step, built step by step along the chain,
then melted into one row per step.

As-of semantics: Log and History rows dated after the as-of date have not happened yet and
are ignored; an interview dated after the as-of date is scheduled: it starts its cycle only
on its day (except when the opportunity has no earlier interview), but from the day it is
entered the current cycle's steps 2-9 stop and its thank-yous are planned in advance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from followup import columns, rounds, snooze, wording
from followup.business_days import BusinessCalendar
from followup.drafts import drafts
from followup.schema import (
    ACTIVE,
    CLOSED_STATUSES,
    GATEKEEPER_TYPES,
    ON_HOLD,
    OVERDUE,
    RECEIVED,
    SENT,
    SILENCE_CHAIN,
    STEP_IDS,
    STEPS,
    THIS_WEEK_SHEET,
    THIS_WEEK_WHEN,
    TODAY,
    WHEN_ORDER,
)
from followup.settings import Settings
from followup.tracker import Tracker, remember_latest

DAY = pd.Timedelta(days=1)
# The last step has no later step to close its window: it stays actionable this long.
CHECK_IN_WINDOW_DAYS = 14

THANK_YOU, HALFWAY, STATUS_EMAIL, STATUS_CALL = STEP_IDS[:4]
CHANNEL = {s.id: s.channel for s in STEPS}
LABEL = {s.id: s.label for s in STEPS}
MORNING = {s.id for s in STEPS if s.morning}
ORDER = {s: i for i, s in enumerate(STEP_IDS)}

AWAITING, SILENCE, DORMANT, PAUSED = "awaiting decision", "in silence chain", "dormant", "paused"
SCHEDULED = "next round scheduled"
DONE_STATE, MISSED, LATER = "done", "missed", "later"

# The latest interview row's details, carried into drafts and the Summary.
_DETAILS = (
    "round",
    "interviewer",
    "interviewer_type",
    "email",
    "phone",
    "key_point",
    "skills",
    "keep_in_touch",
)
OPPORTUNITY_COLUMNS = (
    "company",
    "role",
    "status",
    "state",
    "cycle_start",
    "decision",
    "decision_given",
    "effective_decision",
    "response",
    "restarted",
    "scheduled",
    *_DETAILS,
    "row",
)
STEP_COLUMNS = (
    "company",
    "role",
    "step",
    "channel",
    "contact",
    "due",
    "done",
    "window_end",
    "snooze",
    "state",
)

_KEYS = ["ck", "rk"]


def _gap_days(settings: Settings) -> dict[str, int]:
    """Days from the previous step's done-or-due date to each later silence-chain step."""
    return {
        "reiterate-email": settings.reiterate_email_days,
        "reiterate-call": settings.reiterate_call_days,
        "still-available-call": settings.still_available_days,
        "update-email": settings.update_email_days,
        "check-in-email": settings.check_in_days,
    }


@dataclass(frozen=True)
class _Plan:
    opportunities: pd.DataFrame  # one row per opportunity, with its cycle and state
    steps: pd.DataFrame  # one row per step of an Active opportunity, with context


# The steps timed per opportunity (2-9): the per-step arrays below have one column each, in
# this order, and one row per opportunity.
LATER_STEPS = STEP_IDS[1:]
_ONE_DAY = np.timedelta64(1, "D")
# Each opportunity is a row of ``ops`` below; rows about it (Interviews, Log, History) carry
# that row's position, ``op``, so joining them is indexing an array, not a merge.
_PAIR = "\x1f"  # never part of a key: name_key splits on it as on any whitespace


def _stamps(days: np.ndarray) -> np.ndarray:
    """Numpy days as the datetime64[ns] the frames hold."""
    return days.astype("datetime64[ns]")


def _either(first: np.ndarray, fallback: np.ndarray) -> np.ndarray:
    """``first``, or ``fallback`` where it is NaT."""
    return np.where(np.isnat(first), fallback, first)


def _runs(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """For rows sorted by ``ck``, ``rk``: each row's opportunity (0, 1, ... in key order)
    and the position of each opportunity's first row."""
    ck, rk = rows["ck"].to_numpy(), rows["rk"].to_numpy()
    first = np.ones(len(rows), dtype=bool)
    first[1:] = (ck[1:] != ck[:-1]) | (rk[1:] != rk[:-1])
    return np.cumsum(first) - 1, np.flatnonzero(first)


def _cycles(tracker: Tracker, as_of: pd.Timestamp) -> tuple[pd.DataFrame, np.ndarray]:
    """One row per opportunity: its cycle's latest interview row, its status (that of its
    latest round, SPEC section 4) and ``scheduled``, whether a round is on the calendar;
    and, for each row of ``rounds.keyed_rounds``, its opportunity's row (``op``)."""
    iv = rounds.keyed_rounds(tracker)
    day = iv["interview_date"].to_numpy(dtype="datetime64[D]")
    today = np.datetime64(as_of.date(), "D")
    run, starts = _runs(iv)
    # Dates ascend within an opportunity's rows: those held by as-of come first, and the
    # last row tells whether a round is on the calendar.
    held = np.add.reduceat((day <= today).astype(np.intp), starts)
    cycle_start = day[np.where(held > 0, starts + held - 1, starts)]
    last = starts + np.diff(np.append(starts, len(iv))) - 1
    # A next round: one on the calendar after a round already held (a first interview ahead
    # is simply the start of the cycle).
    scheduled = (day[last] > today) & (cycle_start <= today)

    at = np.flatnonzero(day == cycle_start[run])  # the rows of each opportunity's cycle
    chosen = _addressee(iv, at, run[at])
    # One row per opportunity, in the order the chosen rows were typed in.
    order = np.argsort(iv.index.to_numpy()[at[chosen]], kind="stable")
    op_of_run = np.empty(len(starts), dtype=np.intp)
    op_of_run[order] = np.arange(len(starts))
    ops = iv.take(at[chosen[order]]).drop(columns="status").reset_index(drop=True)
    wide = _round_wide(iv, at, np.searchsorted(run[at], np.arange(len(starts))), chosen)
    latest = rounds.latest_status(tracker)
    found = _pairs(latest["ck"], latest["rk"]).get_indexer(_pairs(ops["ck"], ops["rk"]))
    # Every column set in one call, each a Series typed as its values are.
    return ops.assign(
        **{name: pd.Series(v[order], dtype=v.dtype) for name, v in wide.items()},
        cycle_start=_stamps(cycle_start[order]),
        scheduled=scheduled[order],
        # Both come from the same rows: every opportunity has its status.
        status=pd.Series(latest["status"].to_numpy(dtype=object)[found], dtype=object),
    ), op_of_run[run]


def _pairs(ck: pd.Series | np.ndarray, rk: pd.Series | np.ndarray) -> pd.Index:
    """Opportunity keys as one value each, for looking rows up by opportunity."""
    pairs: pd.Index = pd.Index(np.asarray(ck, dtype=object) + _PAIR + np.asarray(rk, dtype=object))
    return pairs


# Whom a round's steps 2-9 address when several people interviewed (a panel): a coach
# sends the status questions to whoever owns the decision, so the decision maker, then the
# hiring manager; failing them the recruiter, who runs the process and knows its timeline,
# then HR; then someone whose role was not given; a peer or a whole panel last.
ADDRESSEE_ORDER = ("Decision maker", "Hiring manager", "Recruiter", "HR", "", "Peer", "Panel")


def _addressee(rows: pd.DataFrame, at: np.ndarray, run: np.ndarray) -> np.ndarray:
    """Per opportunity (``run``: each row's, ascending), the position in ``at`` (rows of
    ``rows``) of its addressee of steps 2-9 (see ``ADDRESSEE_ORDER``; a named interviewer
    before a blank one, then by name, then the row typed last, so the choice does not depend
    on the order the rows were typed in)."""
    kind = columns.text(rows, "interviewer_type").to_numpy(dtype=object)[at]
    ranks = {k: i for i, k in enumerate(ADDRESSEE_ORDER)}
    rank = columns.looked_up(kind, ranks, len(ADDRESSEE_ORDER)).astype(np.intp)
    name = columns.key(columns.text(rows, "interviewer")).to_numpy(dtype=object)[at]
    # Sorted as arrays (last key first); the row typed last first among equals.
    position = np.arange(len(at))
    order = np.lexsort((-position, name, name == "", rank, run))
    return position[order][np.flatnonzero(np.diff(run[order], prepend=-1))]


def _round_wide(
    rows: pd.DataFrame, at: np.ndarray, starts: np.ndarray, chosen: np.ndarray
) -> dict[str, np.ndarray]:
    """Per opportunity, what one of its cycle's rows (rows ``at`` of ``rows``, each
    opportunity's from ``starts`` on) says taken for the whole round, as a job seeker types
    it once, where the addressee's row (``chosen``) does not say it: the latest Decision by
    among the round's rows (SPEC 4), whether any gave one, and a Key point or Keep in touch
    OK typed on one row."""
    wide: dict[str, np.ndarray] = {}
    if "decision_by" in rows:
        # NaT is the smallest int64: a maximum over the days as integers skips it.
        given = columns.day_array(rows["decision_by"])[at].astype(np.int64)
        wide["decision_by"] = _stamps(np.maximum.reduceat(given, starts).astype("datetime64[D]"))
    if "decision_given" in rows:
        gave = rows["decision_given"].to_numpy(dtype=object)[at]
        gave = np.where(pd.isna(gave), False, gave).astype(bool)
        wide["decision_given"] = np.logical_or.reduceat(gave, starts)
    for detail in ("key_point", "keep_in_touch"):
        if detail in rows:
            typed = columns.text(rows, detail).to_numpy(dtype=object)[at]
            first_at = np.where(typed != "", np.arange(len(at)), len(at))
            first = np.append(typed, "")[np.minimum.reduceat(first_at, starts)]
            own = typed[chosen]
            wide[detail] = np.where(own != "", own, first).astype(object)
    return wide


def _at(values: np.ndarray, op: np.ndarray) -> np.ndarray:
    """Per-opportunity ``values`` (numpy days) for rows of opportunity ``op``, NaT where
    ``op`` is -1 (no opportunity)."""
    taken: np.ndarray = np.append(values, columns.NO_DAY)[op]
    return taken


def _per(
    shape: int | tuple[int, int],
    at: np.ndarray | tuple[np.ndarray, np.ndarray],
    days: np.ndarray,
    latest: bool = False,
) -> np.ndarray:
    """The earliest (or ``latest``) of ``days`` at each position ``at`` (an index, or a tuple
    of indices) of an array of days of ``shape``, NaT where none."""
    none = np.iinfo(np.int64).min if latest else np.iinfo(np.int64).max
    found = np.full(shape, none)
    pick = np.maximum if latest else np.minimum
    pick.at(found, at, days.astype("datetime64[D]").astype(np.int64))
    return np.where(found == none, columns.NO_DAY, found.astype("datetime64[D]"))


@remember_latest
def logged(tracker: Tracker) -> pd.DataFrame:
    """Every row of Log, then every row of History, as planning reads them: ``date`` (at
    midnight, NaT where blank), ``ck`` and ``rk`` (the keys of Company and Role),
    ``direction`` (a History row counts exactly as a Sent row of Log), ``step``,
    ``contact_key`` and ``number`` (text: the nudge a ticked row was, "" for a Log row).
    Worked out once per tracker: the cadence and the application nudges both read them."""
    log, history = tracker.log, tracker.history
    sheets = (log, history)

    def joined(read: Any) -> np.ndarray:
        return np.concatenate([np.asarray(read(frame), dtype=object) for frame in sheets])

    return pd.DataFrame(
        {
            "date": np.concatenate([columns.day_array(f["date"]) for f in sheets]).astype(
                "datetime64[ns]"
            ),
            "ck": pd.Series(
                joined(lambda f: columns.key(columns.text(f, "company"))), dtype=object
            ),
            "rk": pd.Series(joined(lambda f: columns.key(columns.text(f, "role"))), dtype=object),
            "direction": pd.Series(
                np.concatenate(
                    [
                        columns.text(log, "direction").to_numpy(dtype=object),
                        np.full(len(history), SENT, dtype=object),
                    ]
                ),
                dtype=object,
            ),
            "step": pd.Series(joined(lambda f: columns.text(f, "step")), dtype=object),
            "contact_key": pd.Series(
                joined(lambda f: columns.key(columns.text(f, "contact"))), dtype=object
            ),
            # A ticked nudge keeps its number (SPEC 6 identity); a Log row has none.
            "number": pd.Series(
                np.concatenate(
                    [
                        np.full(len(log), "", dtype=object),
                        columns.text(history, "number").to_numpy(dtype=object),
                    ]
                ),
                dtype=object,
            ),
        }
    )


def _opportunity_of(ops: pd.DataFrame, ck: np.ndarray, rk: np.ndarray) -> np.ndarray:
    """Each row's opportunity (its row in ``ops``, -1 where none) by its Company and Role
    keys; a blank Role means the company's only opportunity."""
    single = ~ops["ck"].duplicated(keep=False).to_numpy()
    only = pd.Index(ops["ck"].to_numpy(dtype=object)[single]).get_indexer(ck)
    rk = np.where(rk == "", np.append(ops["rk"].to_numpy(dtype=object)[single], "")[only], rk)
    return _pairs(ops["ck"], ops["rk"]).get_indexer(_pairs(ck, rk))


def _sent(tracker: Tracker, ops: pd.DataFrame, as_of: pd.Timestamp) -> dict[str, np.ndarray]:
    """Sent rows of Log and every row of History, as completions of cadence steps: those
    about an opportunity dated by ``as_of``. Arrays: ``op``, ``step``, ``date`` (numpy days)
    and ``contact_key``."""
    rows = logged(tracker)
    day, step = columns.day_array(rows["date"]), rows["step"].to_numpy(dtype=object)
    # NaT compares False: an undated row completes nothing.
    at = np.flatnonzero(
        (rows["direction"].to_numpy(dtype=object) == SENT)
        & np.isin(step, list(STEP_IDS))
        & (day <= np.datetime64(as_of.date(), "D"))
    )
    ck, rk = (rows[c].to_numpy(dtype=object)[at] for c in ("ck", "rk"))
    op = _opportunity_of(ops, ck, rk)
    found = op >= 0
    return {
        "op": op[found],
        "step": step[at][found],
        "date": day[at][found],
        "contact_key": rows["contact_key"].to_numpy(dtype=object)[at][found],
    }


def _responses(
    tracker: Tracker, ops: pd.DataFrame, start: np.ndarray, as_of: pd.Timestamp
) -> np.ndarray:
    """R per opportunity: the latest Received row on or after the cycle start (NaT if none)."""
    rows = logged(tracker)
    got = np.flatnonzero(rows["direction"].to_numpy(dtype=object) == RECEIVED)
    day = columns.day_array(rows["date"])[got]
    op = _opportunity_of(ops, *(rows[c].to_numpy(dtype=object)[got] for c in ("ck", "rk")))
    counts = (day <= np.datetime64(as_of.date(), "D")) & (day >= _at(start, op))
    return _per(len(ops), op[counts], day[counts], latest=True)


def _earliest_done(
    sent: dict[str, np.ndarray], start: np.ndarray, chain_from: np.ndarray
) -> np.ndarray:
    """Per opportunity and step 2-9 (``LATER_STEPS``), the earliest Sent row that completes
    it: days, one row per opportunity, one column per step."""
    later = sent["step"] != THANK_YOU
    number = pd.Index(LATER_STEPS).get_indexer(sent["step"][later])
    op, day = sent["op"][later], sent["date"][later]
    in_chain = number > 0  # every later step but the halfway note
    # After a response restart, only rows after the response complete steps 3-9.
    counts = (day >= start[op]) & (~in_chain | (day >= chain_from[op]))
    return _per((len(start), len(LATER_STEPS)), (op[counts], number[counts]), day[counts])


def _window_ends(due: np.ndarray, planned: np.ndarray) -> np.ndarray:
    """Last actionable day of each step of the silence chain (see SPEC section 4,
    "Actionable window"), from its due and planned days (one column per step).

    A later step closes a window on the day it was planned, never on a day a snooze of its
    own moved it to: snoozing the call must not end the email's window early (SPEC 6).
    """
    never = np.datetime64("9999-12-31", "D")
    ends = np.empty_like(due)
    for i in range(due.shape[1]):
        later = planned[:, i + 1 :]
        # The first later step that falls due on a later day closes the window.
        next_due = np.full(len(due), never)
        if later.shape[1]:
            next_due = np.where(later > due[:, i : i + 1], later, never).min(axis=1)
        end = np.where(
            next_due == never,
            due[:, i] + np.timedelta64(CHECK_IN_WINDOW_DAYS - 1, "D"),
            next_due - _ONE_DAY,
        )
        ends[:, i] = np.maximum(end, due[:, i])
    return ends


def step_state(frame: pd.DataFrame, as_of: pd.Timestamp, days: int) -> pd.Series:
    """Each step's state on ``as_of`` (SPEC 4, Actionable window; SPEC 6, Snooze until).

    ``frame`` holds ``due``, ``done`` and ``window_end`` dates (and the snooze columns); the
    result, on the same index, is done, snoozed, today, overdue, missed, this week or later for a
    window of ``days`` days. Shared by the interview cadence and the application nudges.
    """
    due, done, end = (columns.day_array(frame[c]) for c in ("due", "done", "window_end"))
    today = np.datetime64(as_of.date(), "D")
    horizon = today + np.timedelta64(days - 1, "D")
    choices = [
        ~np.isnat(done),
        snooze.hidden(frame["snooze"], pd.Timestamp(horizon)).to_numpy(),
        due == today,
        (due < today) & (today <= end),
        due < today,
        due <= horizon,
    ]
    values = [DONE_STATE, snooze.SNOOZED, "today", "overdue", MISSED, "this week"]
    return pd.Series(np.select(choices, values, default=LATER), index=frame.index, dtype=object)


def _plan(tracker: Tracker, as_of: pd.Timestamp, days: int) -> _Plan:
    """The plan on ``as_of`` with each step's state for a window of ``days`` days."""
    if days < 1:
        raise ValueError("the window must be at least one day long")
    as_of = pd.Timestamp(as_of).normalize()
    plan = _computed(tracker, as_of)
    return _Plan(plan.opportunities, plan.steps.assign(state=step_state(plan.steps, as_of, days)))


@remember_latest
def _computed(tracker: Tracker, as_of: pd.Timestamp) -> _Plan:
    """Every opportunity's cycle and every step's dates on ``as_of`` (a date): all that does
    not depend on This Week's window, so one refresh plans once whatever its ``--days``.

    The dates are worked out as numpy days on whole columns: one row per opportunity, one
    column per step 2-9 (``LATER_STEPS``), then spread into one row per step."""
    settings = tracker.settings
    cal = BusinessCalendar.from_settings(settings)
    ops, interview_op = _cycles(tracker, as_of)
    sent = _sent(tracker, ops, as_of)
    count = len(ops)

    start = columns.day_array(ops["cycle_start"])
    given = (
        columns.day_array(ops["decision_by"])
        if "decision_by" in ops
        else np.full(count, columns.NO_DAY)
    )
    decision = _either(given, start + np.timedelta64(settings.default_decision_days, "D"))
    # A decision date before the interview would put the chain before the cycle.
    decision = np.where(decision >= start, decision, start)
    if "decision_given" in ops:
        decision_given = ops["decision_given"].fillna(False).astype(bool).to_numpy()
    else:
        decision_given = ~np.isnat(given)
    halfway_due = cal.roll_days(start + (decision - start) // 2)
    first_status_due = cal.roll_days(decision + _ONE_DAY)

    response = _responses(tracker, ops, start, as_of)
    restarted = ~np.isnat(response) & (response >= first_status_due)
    grace = np.timedelta64(settings.response_grace_days, "D")
    effective_decision = np.where(restarted, response + grace, decision)
    chain_from = np.where(restarted, response + _ONE_DAY, start)

    done = _earliest_done(sent, start, chain_from)
    # A snooze dated before the start of the current cycle, or of the chain after a
    # response, was set in an earlier cycle and does not count.
    until = _snoozes(tracker, ops)
    since = np.column_stack([start, *[chain_from] * len(SILENCE_CHAIN)])
    until = np.where(until >= since, until, columns.NO_DAY)
    planned, due, after = (np.full_like(until, columns.NO_DAY) for _ in range(3))
    gaps = _gap_days(settings)
    previous = effective_decision
    for i, step in enumerate(SILENCE_CHAIN, start=1):
        if step == STATUS_EMAIL:
            planned[:, i] = cal.roll_days(previous + _ONE_DAY)
        elif step == STATUS_CALL:
            planned[:, i] = previous  # the day the status email went out: no rolling
        else:
            planned[:, i] = cal.roll_days(previous + np.timedelta64(gaps[step], "D"))
        # A snoozed step is due on its snooze day, and the next is timed from it.
        due[:, i] = _either(until[:, i], planned[:, i])
        after[:, i] = previous
        previous = _either(done[:, i], due[:, i])
    end = np.empty_like(due)
    end[:, 1:] = _window_ends(due[:, 1:], planned[:, 1:])
    # Nothing is timed from the halfway step: snoozed, its window moves with it.
    planned[:, 0], after[:, 0] = halfway_due, start
    due[:, 0], end[:, 0] = _moved(
        until[:, 0], halfway_due, np.maximum(halfway_due, first_status_due - _ONE_DAY)
    )

    thanks = _thank_yous(tracker, interview_op, start, halfway_due, first_status_due, sent, as_of)
    per_step = {"due": due, "done": done, "window_end": end, "after": after, "snooze": until}
    steps = _melt(ops, per_step, thanks)
    today = np.datetime64(as_of.date(), "D")
    finished = ~np.isnat(done[:, -1]) | (today > end[:, -1])
    ops = ops.assign(
        decision=_stamps(decision),
        decision_given=decision_given,
        response=_stamps(response),
        restarted=restarted,
        effective_decision=_stamps(effective_decision),
        **{detail: columns.text(ops, detail) for detail in _DETAILS},
    )
    ops["state"] = _opportunity_state(ops, finished, today)
    return _Plan(ops, steps)


def _snoozes(tracker: Tracker, ops: pd.DataFrame) -> np.ndarray:
    """Each opportunity's snooze of each step 2-9 (days, one column per step of
    ``LATER_STEPS``, NaT where none)."""
    shape = (len(ops), len(LATER_STEPS))
    if snooze.in_force(tracker).empty:  # as most weeks: no action to name
        return np.full(shape, columns.NO_DAY)
    actions = pd.DataFrame(
        {
            "company": np.repeat(ops["company"].to_numpy(dtype=object), len(LATER_STEPS)),
            "role": np.repeat(ops["role"].to_numpy(dtype=object), len(LATER_STEPS)),
            "step": np.tile(np.array(LATER_STEPS, dtype=object), len(ops)),
        }
    )
    return columns.day_array(snooze.dates(tracker, actions)).reshape(shape)


def _moved(until: np.ndarray, due: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Due date and window end of a step whose window is not closed by a step timed from
    it: snoozed, it is due on its snooze day, and actionable at least as long as before."""
    moved_end = until + (end - due)
    end = np.where(np.isnat(until) | (end >= moved_end), end, moved_end)
    return _either(until, due), end


def _thank_yous(
    tracker: Tracker,
    interview_op: np.ndarray,
    start: np.ndarray,
    halfway: np.ndarray,
    first_status_due: np.ndarray,
    sent: dict[str, np.ndarray],
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    """One thank-you per interviewer of the current round (a panel has several), and of
    every round already on the calendar, listed in advance when their day is in the window.

    ``interview_op``: each Interviews row's opportunity (``rounds.keyed_rounds``' order);
    ``start``, ``halfway`` (its planned day) and ``first_status_due`` per opportunity.
    Columns: ``op``, ``contact``, and the days ``due``, ``done``, ``window_end``, ``after``
    and ``snooze``."""
    iv = rounds.keyed_rounds(tracker)
    day = iv["interview_date"].to_numpy(dtype="datetime64[D]")
    coming = day > np.datetime64(as_of.date(), "D")
    mine = np.flatnonzero((day == start[interview_op]) | coming)
    op, day = interview_op[mine], day[mine]
    names = columns.text(iv, "interviewer").to_numpy(dtype=object)[mine]
    who = columns.key(pd.Series(names, dtype=object)).to_numpy()
    # One thank-you per person, however many rows repeat them that day: the first row of
    # each (opportunity, day, person), found by a stable sort of the arrays.
    by = np.lexsort((who, day, op))
    repeated = np.zeros(len(by), dtype=bool)
    repeated[1:] = (op[by][1:] == op[by][:-1]) & (day[by][1:] == day[by][:-1])
    repeated[1:] &= who[by][1:] == who[by][:-1]
    first = np.sort(by[~repeated])
    mine, op, day, who, names = mine[first], op[first], day[first], who[first], names[first]

    # Each thank-you meets the thank-you notes logged for its opportunity: with the notes
    # sorted by opportunity, those are one run, found by binary search rather than a merge.
    noted = np.flatnonzero(sent["step"] == THANK_YOU)
    noted = noted[np.argsort(sent["op"][noted], kind="stable")]
    note_op = sent["op"][noted]
    low = np.searchsorted(note_op, op, side="left")
    count = np.searchsorted(note_op, op, side="right") - low
    at = np.repeat(np.arange(len(op)), count)
    note = noted[
        np.repeat(low, count) + np.arange(len(at)) - np.repeat(np.cumsum(count) - count, count)
    ]
    note_date, note_who = sent["date"][note], sent["contact_key"][note]
    # A note to someone else on the same panel does not thank this interviewer.
    same_person = (note_who == "") | (who[at] == "") | (note_who == who[at])
    counts = (note_date >= day[at]) & same_person
    done = _per(len(op), at[counts], note_date[counts])
    # The halfway note closes the window on its planned day, wherever a snooze moved it.
    next_due = np.where(halfway[op] > day, halfway[op], first_status_due[op])
    window_end = np.maximum(day, next_due - _ONE_DAY)
    # Each interviewer's thank-you is its own action: a snooze hides only theirs.
    until = np.full(len(op), columns.NO_DAY)
    if not snooze.in_force(tracker).empty:
        actions = pd.DataFrame(
            {
                "company": iv["company"].to_numpy(dtype=object)[mine],
                "role": iv["role"].to_numpy(dtype=object)[mine],
                "step": THANK_YOU,
                "contact": names,
            },
        )
        until = columns.day_array(snooze.dates(tracker, actions))
    until = np.where(until >= day, until, columns.NO_DAY)
    due, window_end = _moved(until, day, window_end)
    return pd.DataFrame(
        {
            "op": op,
            "contact": pd.Series(names, dtype=object),
            **{
                k: _stamps(v)
                for k, v in (
                    ("due", due),
                    ("done", done),
                    ("window_end", window_end),
                    ("after", day),
                    ("snooze", until),
                )
            },
        }
    )


_STEP_NAMES = np.array(STEP_IDS, dtype=object)
_CHANNELS = np.array([CHANNEL[s] for s in STEP_IDS], dtype=object)


def _melt(ops: pd.DataFrame, per_step: dict[str, np.ndarray], thanks: pd.DataFrame) -> pd.DataFrame:
    """One row per step of each Active opportunity: its thank-yous (``thanks``), then, unless
    a round is on the calendar, steps 2-9 (``per_step``: each field's days, one row per
    opportunity, one column per step), sorted by opportunity, step and due day."""
    active = (ops["status"] == ACTIVE).to_numpy()
    thanks = thanks[active[thanks["op"].to_numpy()]]
    # A round on the calendar means the employer is talking to you: the current cycle's
    # steps 2-9 are no longer suggested (SPEC section 4, New round).
    waiting = np.flatnonzero(active & ~ops["scheduled"].astype(bool).to_numpy())
    later = len(LATER_STEPS)
    op = np.concatenate([thanks["op"].to_numpy(), np.tile(waiting, later)])
    number = np.concatenate(
        [np.zeros(len(thanks), dtype=np.int64), np.repeat(np.arange(1, later + 1), len(waiting))]
    )
    interviewer = columns.text(ops, "interviewer").to_numpy(dtype=object)
    contact = np.concatenate(
        [thanks["contact"].to_numpy(dtype=object), np.tile(interviewer[waiting], later)]
    )
    days = {
        field: np.concatenate([thanks[field].to_numpy(), _stamps(days[waiting].T.ravel())])
        for field, days in per_step.items()
    }
    context = {c: ops[c].to_numpy()[op] for c in (*_KEYS, "company", "role")}
    # Sorted as arrays (a stable sort, last key first), the frame built once in that order.
    order = np.lexsort((contact, days["due"], number, context["rk"], context["ck"]))
    op, number, contact = op[order], number[order], contact[order]

    def like(column: str) -> pd.Series:
        return pd.Series(context[column][order], dtype=ops[column].dtype)

    return pd.DataFrame(
        {
            "ck": like("ck"),
            "rk": like("rk"),
            "step": pd.Series(_STEP_NAMES[number], dtype=str),
            "contact": pd.Series(contact, dtype=object),
            **{field: values[order] for field, values in days.items()},
            "company": like("company"),
            "role": like("role"),
            "channel": pd.Series(_CHANNELS[number], dtype=str),
            "order": number,
            "op": op,
        }
    )


def _opportunity_state(ops: pd.DataFrame, finished: np.ndarray, today: np.datetime64) -> pd.Series:
    status = ops["status"].to_numpy(dtype=object)
    state = np.select(
        [
            ops["status"].isin(CLOSED_STATUSES).to_numpy(),
            status == ON_HOLD,
            ops["scheduled"].to_numpy().astype(bool),
            finished,
            today > columns.day_array(ops["effective_decision"]),
        ],
        ["closed: " + status, PAUSED, SCHEDULED, DORMANT, SILENCE],
        default=AWAITING,
    )
    return pd.Series(state, index=ops.index, dtype=object)


def opportunities(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per (company, role) with its cycle, decision dates and state.

    Columns: ``OPPORTUNITY_COLUMNS``. ``state`` is one of "awaiting decision",
    "in silence chain", "dormant", "paused", "next round scheduled" (an Active
    opportunity with a round held and another dated after ``as_of``) or "closed: <Status>".
    """
    ops = _computed(tracker, as_of).opportunities
    return ops.reindex(columns=list(OPPORTUNITY_COLUMNS)).reset_index(drop=True)


def steps(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> pd.DataFrame:
    """One row per step of each Active opportunity's current cycle.

    Columns: ``STEP_COLUMNS``. ``state`` is "done", "missed", "overdue", "today",
    "this week" (due within ``days`` days of ``as_of``) or "later".
    """
    plan = _plan(tracker, as_of, days)
    return plan.steps.reindex(columns=list(STEP_COLUMNS)).reset_index(drop=True)


_WHEN = {"overdue": OVERDUE, "today": TODAY, "this week": THIS_WEEK_WHEN}
# The details of an opportunity the rows of This Week read (actions, Why, drafts).
_CONTEXT = (
    "decision_given",
    "restarted",
    "interviewer_type",
    "keep_in_touch",
    "key_point",
    "effective_decision",
    "response",
)


def this_week(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> pd.DataFrame:
    """The cadence rows of the This Week sheet, columns exactly ``THIS_WEEK_SHEET.keys``."""
    as_of = pd.Timestamp(as_of).normalize()
    plan = _plan(tracker, as_of, days)
    steps, ops = plan.steps, plan.opportunities
    at = np.flatnonzero(steps["state"].isin(list(_WHEN)).to_numpy())
    row = {c: steps[c].to_numpy()[at] for c in ("state", "due", "company", "role", "order")}
    row["contact"] = steps["contact"].to_numpy(dtype=object)[at]
    when = np.select([row["state"] == state for state in _WHEN], list(_WHEN.values()), "")
    rank = np.select([when == w for w in WHEN_ORDER], list(range(len(WHEN_ORDER))), -1)
    # Sorted first, as arrays (a stable sort, last key first); every column is then read in
    # that order and the frame built once.
    keys = (row["contact"], row["order"], row["role"], row["company"], row["due"], rank)
    order = np.lexsort(keys)
    at, when = at[order], when[order]
    row = {c: steps[c].to_numpy()[at] for c in ("step", "channel", "contact", "company", "role")}
    days_of = {c: columns.day_array(steps[c])[at] for c in ("due", "after", "window_end")}
    op = steps["op"].to_numpy()[at]
    context = {c: ops[c].to_numpy()[op] for c in _CONTEXT}
    context["decision_given"] = context["decision_given"].astype(bool)
    context["restarted"] = context["restarted"].astype(bool)
    for c in ("effective_decision", "response"):
        context[c] = context[c].astype("datetime64[D]")
    step = row["step"]
    settings = tracker.settings
    texts: dict[str, np.ndarray | pd.Series] = {
        "when": when,
        "company": row["company"],
        "role": row["role"],
        "step": step,
        "action": _actions(step, context),
        "channel": row["channel"],
        "contact": row["contact"],
        "time": np.select(
            [step == STATUS_CALL, np.isin(step, list(MORNING))],
            [settings.call_time_text, wording.MORNING],
            default="",
        ),
        "why": _whys(step, days_of, context, row["company"], settings, as_of),
        "draft": drafts(_draft_context(row, days_of["due"], context, settings, as_of)),
        **{blank: np.full(len(at), "", dtype=object) for blank in ("done", "snooze", "note")},
    }
    return pd.DataFrame(
        {
            name: _stamps(days_of["due"]) if name == "due" else _written(texts[name])
            for name in THIS_WEEK_SHEET.keys
        }
    )


def _written(values: np.ndarray | pd.Series) -> pd.api.extensions.ExtensionArray:
    """A column of This Week as the sheet's text ("" where blank)."""
    cells = np.asarray(values, dtype=object)
    return pd.array(np.where(pd.isna(cells), "", cells), dtype="str")


def _actions(step: np.ndarray, context: dict[str, np.ndarray]) -> pd.Series:
    ask = (step == THANK_YOU) & ~context["decision_given"]
    keep = ask & (context["keep_in_touch"] != "Yes")
    template = np.select(
        [keep, ask], [wording.THANK_YOU_ASKS_MORE, wording.THANK_YOU_ASKS], wording.STEP_ACTION
    )
    labels = pd.DataFrame({"action": columns.looked_up(step, LABEL)})
    return wording.fill_parts("{text}", {"text": template}, labels)


# The step before each later step of the silence chain, in words.
_PREVIOUS = {
    later: before.replace("-", " ")
    for later, before in zip(SILENCE_CHAIN[1:], SILENCE_CHAIN[:-1], strict=True)
}
_CASES = ("moved", "given", "usual")


def _whys(
    step: np.ndarray,
    days: dict[str, np.ndarray],
    context: dict[str, np.ndarray],
    company: np.ndarray,
    settings: Settings,
    as_of: pd.Timestamp,
) -> pd.Series:
    late = days["due"] < np.datetime64(as_of.date(), "D")
    thank_you = step == THANK_YOU
    # What became of the decision date: moved by a reply, given, or the usual days.
    case = np.select([context["restarted"], context["decision_given"]], [0, 1], 2)
    reason = np.select(
        [thank_you & late, thank_you, step == HALFWAY, step == STATUS_EMAIL, step == STATUS_CALL],
        [
            wording.WHY_THANK_YOU_LATE,
            wording.WHY_THANK_YOU,
            wording.WHY_HALFWAY,
            np.array([wording.WHY_STATUS_EMAIL[c] for c in _CASES], dtype=object)[case],
            np.array([wording.WHY_STATUS_CALL[c] for c in _CASES], dtype=object)[case],
        ],
        wording.WHY_SILENCE,
    )
    still = np.select([late & thank_you, late], [wording.WHY_SEND_BY, wording.WHY_STILL_USEFUL], "")
    kind = context["interviewer_type"]
    gatekeeper = np.where(np.isin(kind, list(GATEKEEPER_TYPES)), wording.WHY_GATEKEEPER, "")
    gaps = {later: str(days) for later, days in _gap_days(settings).items()}
    after, decision, response, due, end = columns.day_texts(
        days["after"],
        context["effective_decision"],
        context["response"],
        days["due"],
        days["window_end"],
    )
    fields = pd.DataFrame(
        {
            "after": after,
            "decision": decision,
            "response": response,
            "gap_days": columns.looked_up(step, gaps),
            "previous": columns.looked_up(step, _PREVIOUS),
            "due": due,
            "end": end,
            "who": columns.looked_up(kind, wording.GATEKEEPER, ""),
            "company": pd.Series(company, dtype=object),
        }
    )
    parts = {"reason": reason, "late": still, "gatekeeper": gatekeeper}
    usual = settings.default_decision_days
    return wording.fill_parts(wording.STEP_WHY, parts, fields, usual_days=usual)


def _draft_context(
    row: dict[str, np.ndarray],
    due: np.ndarray,
    context: dict[str, np.ndarray],
    settings: Settings,
    as_of: pd.Timestamp,
) -> pd.DataFrame:
    ask = ~context["decision_given"]
    # Sent late, the reiterate email announces a call a week after the day it goes out.
    today = np.datetime64(as_of.date(), "D")
    sent_on = np.where(due >= today, due, today)
    cal = BusinessCalendar.from_settings(settings)
    call_date = cal.roll_days(sent_on + np.timedelta64(settings.reiterate_call_days, "D"))
    call_date = np.where(row["step"] == "reiterate-email", call_date, columns.NO_DAY)
    return pd.DataFrame(
        {
            "step": pd.Series(row["step"], dtype=object),
            "interviewer": pd.Series(row["contact"], dtype=object),
            "company": pd.Series(row["company"], dtype=object),
            "role": pd.Series(row["role"], dtype=object),
            "key_point": pd.Series(context["key_point"], dtype=object),
            "your_name": settings.your_name,
            "call_time": settings.call_time_text,
            "call_date": _stamps(call_date),
            "ask_timeline": ask,
            "ask_keep_in_touch": ask & (context["keep_in_touch"] != "Yes"),
        }
    )
