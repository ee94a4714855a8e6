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
    opportunities: pd.DataFrame  # one row per opportunity, wide per-step columns
    steps: pd.DataFrame  # one row per step of an Active opportunity, with context


def _cycles(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per opportunity: its cycle's latest interview row, its status (that of its
    latest round, SPEC section 4) and ``scheduled``, whether a round is on the calendar."""
    iv = rounds.keyed_rounds(tracker)
    groups = [iv["ck"], iv["rk"]]
    last_past = iv["interview_date"].where(iv["interview_date"] <= as_of).groupby(groups)
    first = iv["interview_date"].groupby(groups).transform("min")
    iv["cycle_start"] = last_past.transform("max").fillna(first)
    # A next round: one on the calendar after a round already held (a first interview ahead
    # is simply the start of the cycle).
    ahead = (iv["interview_date"] > as_of).groupby(groups).transform("any")
    iv["scheduled"] = ahead & (iv["cycle_start"] <= as_of)
    cycle_rows = _addressee_last(_round_wide(iv[iv["interview_date"] == iv["cycle_start"]]))
    latest = cycle_rows.groupby(_KEYS, sort=False).tail(1).drop(columns="status").sort_index()
    ops = latest.merge(rounds.latest_status(tracker), on=_KEYS, how="left")
    ops = ops.reset_index(drop=True)
    ops["status"] = columns.text(ops, "status").replace("", ACTIVE)
    return ops


# Whom a round's steps 2-9 address when several people interviewed (a panel): a coach
# sends the status questions to whoever owns the decision, so the decision maker, then the
# hiring manager; failing them the recruiter, who runs the process and knows its timeline,
# then HR; then someone whose role was not given; a peer or a whole panel last.
ADDRESSEE_ORDER = ("Decision maker", "Hiring manager", "Recruiter", "HR", "", "Peer", "Panel")


def _addressee_last(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` reordered so each round's addressee of steps 2-9 comes last (see
    ``ADDRESSEE_ORDER``; a named interviewer before a blank one, then by name, so the
    choice does not depend on the order the rows were typed in)."""
    kind = columns.text(rows, "interviewer_type")
    rank = kind.map({k: i for i, k in enumerate(ADDRESSEE_ORDER)}).fillna(len(ADDRESSEE_ORDER))
    name = columns.key(columns.text(rows, "interviewer"))
    order = pd.DataFrame({"rank": rank, "unnamed": name.eq(""), "name": name}, index=rows.index)
    order = order.sort_values(["rank", "unnamed", "name"], ascending=False, kind="stable")
    return rows.loc[order.index]


def _round_wide(cycle_rows: pd.DataFrame) -> pd.DataFrame:
    """The cycle's rows with what one of a panel's rows says taken for the whole round, as a
    job seeker types it once: D is the latest Decision by among the round's rows (SPEC 4),
    and a Key point or Keep in touch OK typed on one row holds for the round."""
    rows = cycle_rows.copy()
    by_round = rows.groupby(_KEYS, sort=False)
    if "decision_by" in rows:
        rows["decision_by"] = by_round["decision_by"].transform("max")
    if "decision_given" in rows:
        given = rows["decision_given"].astype(object).fillna(False).astype(bool)
        rows["decision_given"] = given.groupby([rows["ck"], rows["rk"]]).transform("any")
    for detail in ("key_point", "keep_in_touch"):
        if detail in rows:
            typed = columns.text(rows, detail)
            first = typed.where(typed.ne("")).groupby([rows["ck"], rows["rk"]]).transform("first")
            rows[detail] = typed.where(typed.ne(""), first.fillna(""))
    return rows


def _fill_roles(rows: pd.DataFrame, ops: pd.DataFrame) -> pd.DataFrame:
    """A blank Role means the company's only opportunity."""
    rows = rows.copy()
    rows["ck"], rows["rk"] = columns.key(rows["company"]), columns.key(rows["role"])
    per_company = ops.groupby("ck")["rk"]
    only = per_company.first()[per_company.size() == 1]
    blank = rows["rk"] == ""
    rows.loc[blank, "rk"] = rows.loc[blank, "ck"].map(only).fillna("")
    return rows


def _sent(tracker: Tracker, ops: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """Sent rows of Log and every row of History, as completions of cadence steps."""
    cols = ["date", "company", "role", "step", "contact"]
    log = tracker.log
    sources = [
        log.loc[columns.text(log, "direction") == SENT, cols],
        tracker.history.reindex(columns=cols),
    ]
    filled = [f for f in sources if not f.empty]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in cols})
    sent = pd.concat(filled, ignore_index=True) if filled else empty
    sent["date"] = columns.dates(sent["date"])
    sent["step"] = columns.text(sent, "step")
    sent = sent[sent["step"].isin(STEP_IDS) & sent["date"].notna() & (sent["date"] <= as_of)]
    sent = _fill_roles(sent, ops)
    sent["contact_key"] = columns.key(sent["contact"])
    return sent[[*_KEYS, "step", "date", "contact_key"]]


def _responses(tracker: Tracker, ops: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    """R per opportunity: the latest Received row on or after the cycle start (NaT if none)."""
    log = tracker.log
    got = log.loc[columns.text(log, "direction") == RECEIVED, ["date", "company", "role"]].copy()
    got["date"] = columns.dates(got["date"])
    got = _fill_roles(got[got["date"].notna() & (got["date"] <= as_of)], ops)
    got = got.merge(ops[[*_KEYS, "cycle_start"]], on=_KEYS)
    got = got[got["date"] >= got["cycle_start"]]
    latest = got.groupby(_KEYS)["date"].max().rename("response")
    merged = ops[_KEYS].merge(latest, left_on=_KEYS, right_index=True, how="left")
    return columns.dates(merged["response"])


def _earliest_done(sent: pd.DataFrame, ops: pd.DataFrame) -> pd.DataFrame:
    """Per opportunity and step 2-9, the earliest Sent row that completes it."""
    rows = sent[sent["step"] != THANK_YOU].merge(
        ops[[*_KEYS, "cycle_start", "chain_from"]], on=_KEYS
    )
    in_chain = rows["step"].isin(SILENCE_CHAIN)
    # After a response restart, only rows after the response complete steps 3-9.
    counts = (rows["date"] >= rows["cycle_start"]) & (
        ~in_chain | (rows["date"] >= rows["chain_from"])
    )
    earliest = rows[counts].pivot_table(index=_KEYS, columns="step", values="date", aggfunc="min")
    earliest = earliest.reindex(columns=list(STEP_IDS[1:]))
    earliest.columns = [f"done:{s}" for s in earliest.columns]
    merged = ops[_KEYS].merge(earliest, left_on=_KEYS, right_index=True, how="left")
    merged = merged.drop(columns=_KEYS)
    return pd.DataFrame(
        {col: columns.dates(merged[col]) for col in merged.columns}, index=ops.index
    )


def _window_ends(ops: pd.DataFrame) -> None:
    """Last actionable day of each step 2-9 (see SPEC section 4, "Actionable window").

    A later step closes a window on the day it was planned, never on a day a snooze of its
    own moved it to: snoozing the call must not end the email's window early (SPEC 6).
    """
    ops[f"end:{HALFWAY}"] = np.maximum(ops[f"due:{HALFWAY}"], ops["first_status_due"] - DAY)

    def days(kind: str) -> np.ndarray:
        return np.column_stack(
            [ops[f"{kind}:{s}"].to_numpy(dtype="datetime64[D]") for s in SILENCE_CHAIN]
        ).reshape(len(ops), len(SILENCE_CHAIN))

    chain, planned = days("due"), days("planned")
    never = np.datetime64("9999-12-31", "D")
    for i, step in enumerate(SILENCE_CHAIN):
        due = chain[:, i : i + 1]
        later = planned[:, i + 1 :]
        # The first later step that falls due on a later day closes the window.
        next_due = np.full(len(ops), never)
        if later.shape[1]:
            next_due = np.where(later > due, later, never).min(axis=1)
        ends = np.where(
            next_due == never,
            due[:, 0] + np.timedelta64(CHECK_IN_WINDOW_DAYS - 1, "D"),
            next_due - np.timedelta64(1, "D"),
        )
        ends = np.maximum(ends, due[:, 0])
        ops[f"end:{step}"] = pd.Series(ends.astype("datetime64[ns]"), index=ops.index)


def step_state(frame: pd.DataFrame, as_of: pd.Timestamp, days: int) -> pd.Series:
    """Each step's state on ``as_of`` (SPEC 4, Actionable window; SPEC 6, Snooze until).

    ``frame`` holds ``due``, ``done`` and ``window_end`` dates (and the snooze columns); the
    result, on the same index, is done, snoozed, today, overdue, missed, this week or later for a
    window of ``days`` days. Shared by the interview cadence and the application nudges.
    """
    due, done, end = frame["due"], frame["done"], frame["window_end"]
    horizon = as_of + pd.Timedelta(days=days - 1)
    choices = [
        done.notna(),
        snooze.hidden(frame["snooze"], horizon),
        due == as_of,
        (due < as_of) & (as_of <= end),
        due < as_of,
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
    not depend on This Week's window, so one refresh plans once whatever its ``--days``."""
    settings = tracker.settings
    cal = BusinessCalendar.from_settings(settings)
    ops = _cycles(tracker, as_of)
    sent = _sent(tracker, ops, as_of)

    start = ops["cycle_start"]
    given = (
        columns.dates(ops["decision_by"])
        if "decision_by" in ops
        else pd.Series(pd.NaT, index=ops.index)
    )
    decision = given.fillna(start + pd.Timedelta(days=settings.default_decision_days))
    # A decision date before the interview would put the chain before the cycle.
    decision = decision.where(decision >= start, start)
    ops["decision"] = decision
    if "decision_given" in ops:
        ops["decision_given"] = ops["decision_given"].fillna(False).astype(bool)
    else:
        ops["decision_given"] = given.notna()
    half_days = pd.to_timedelta(((decision - start).dt.days // 2), unit="D")
    ops[f"due:{HALFWAY}"] = cal.roll(start + half_days)
    ops["first_status_due"] = cal.roll(decision + DAY)

    ops["response"] = _responses(tracker, ops, as_of)
    ops["restarted"] = ops["response"].notna() & (ops["response"] >= ops["first_status_due"])
    grace = pd.Timedelta(days=settings.response_grace_days)
    ops["effective_decision"] = columns.dates(
        decision.where(~ops["restarted"], ops["response"] + grace)
    )
    ops["chain_from"] = columns.dates(start.where(~ops["restarted"], ops["response"] + DAY))

    ops = pd.concat([ops, _earliest_done(sent, ops)], axis=1)
    gaps = _gap_days(settings)
    previous = ops["effective_decision"]
    for step in SILENCE_CHAIN:
        if step == STATUS_EMAIL:
            due = cal.roll(previous + DAY)
        elif step == STATUS_CALL:
            due = previous  # the day the status email went out: no rolling
        else:
            due = cal.roll(previous + pd.Timedelta(days=gaps[step]))
        # A snoozed step is due on its snooze day, and the next is timed from it.
        until = _snoozed(tracker, ops, step, ops["chain_from"])
        ops[f"planned:{step}"] = due
        due = until.fillna(due)
        ops[f"after:{step}"] = previous
        ops[f"due:{step}"] = due
        ops[f"snooze:{step}"] = until
        previous = ops[f"done:{step}"].fillna(due)
    ops[f"after:{HALFWAY}"] = start
    _window_ends(ops)
    # Nothing is timed from the halfway step: snoozed, its window moves with it.
    until = _snoozed(tracker, ops, HALFWAY, start)
    ops[f"planned:{HALFWAY}"] = ops[f"due:{HALFWAY}"]
    ops[f"due:{HALFWAY}"], ops[f"end:{HALFWAY}"] = _moved(
        until, ops[f"due:{HALFWAY}"], ops[f"end:{HALFWAY}"]
    )
    ops[f"snooze:{HALFWAY}"] = until

    steps = _melt(ops, _thank_yous(tracker, ops, sent, as_of))
    ops["state"] = _opportunity_state(ops, as_of)
    return _Plan(ops, steps)


def _snoozed(tracker: Tracker, ops: pd.DataFrame, step: str, since: pd.Series) -> pd.Series:
    """Each opportunity's snooze of ``step`` (NaT where none). A snooze dated before
    ``since`` (the start of the current cycle, or of the chain after a response) was set
    in an earlier cycle and does not count."""
    if snooze.in_force(tracker).empty:  # as most weeks: no action to name
        return pd.Series(pd.NaT, index=ops.index, dtype="datetime64[ns]")
    actions = pd.DataFrame(
        {"company": ops["company"], "role": ops["role"], "step": step}, index=ops.index
    )
    until = snooze.dates(tracker, actions)
    return until.where(until >= since)


def _moved(until: pd.Series, due: pd.Series, end: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Due date and window end of a step whose window is not closed by a step timed from
    it: snoozed, it is due on its snooze day, and actionable at least as long as before."""
    moved_end = until + (end - due)
    end = end.where(until.isna() | (end >= moved_end), moved_end)
    return until.fillna(due), end


def _thank_yous(
    tracker: Tracker, ops: pd.DataFrame, sent: pd.DataFrame, as_of: pd.Timestamp
) -> pd.DataFrame:
    """One thank-you per interviewer of the current round (a panel has several), and of
    every round already on the calendar, listed in advance when their day is in the window."""
    iv = rounds.keyed_rounds(tracker)
    cols = [*_KEYS, "cycle_start", f"planned:{HALFWAY}", "first_status_due"]
    rows = iv.merge(ops[cols], on=_KEYS)
    coming = rows["interview_date"] > as_of
    rows = rows[(rows["interview_date"] == rows["cycle_start"]) | coming].copy()
    rows["contact"] = columns.text(rows, "interviewer")
    rows["contact_key"] = columns.key(rows["contact"])
    # One thank-you per person, however many rows repeat them that day.
    rows = rows.drop_duplicates([*_KEYS, "interview_date", "contact_key"])

    cand = rows[[*_KEYS, "row", "interview_date", "contact_key"]].merge(
        sent[sent["step"] == THANK_YOU], on=_KEYS, suffixes=("", "_sent")
    )
    # A note to someone else on the same panel does not thank this interviewer.
    same_person = (
        (cand["contact_key_sent"] == "")
        | (cand["contact_key"] == "")
        | (cand["contact_key_sent"] == cand["contact_key"])
    )
    cand = cand[(cand["date"] >= cand["interview_date"]) & same_person]
    earliest = cand.groupby("row", as_index=False).agg(done=("date", "min"))
    rows = rows.merge(earliest, on="row", how="left")
    rows["done"] = columns.dates(rows["done"])
    rows["due"] = rows["interview_date"]
    # The halfway note closes the window on its planned day, wherever a snooze moved it.
    halfway = rows[f"planned:{HALFWAY}"]
    next_due = halfway.where(halfway > rows["due"], rows["first_status_due"])
    rows["window_end"] = np.maximum(rows["due"], next_due - DAY)
    rows["after"] = rows["interview_date"]
    rows["step"] = THANK_YOU
    # Each interviewer's thank-you is its own action: a snooze hides only theirs.
    until = snooze.dates(tracker, rows[["company", "role", "step", "contact"]])
    rows["snooze"] = until.where(until >= rows["interview_date"])
    rows["due"], rows["window_end"] = _moved(rows["snooze"], rows["due"], rows["window_end"])
    return rows[[*_KEYS, "step", "contact", "due", "done", "window_end", "after", "snooze"]]


def _melt(ops: pd.DataFrame, thanks: pd.DataFrame) -> pd.DataFrame:
    parts = [thanks]
    # A round on the calendar means the employer is talking to you: the current cycle's
    # steps 2-9 are no longer suggested (SPEC section 4, New round).
    waiting = ops[~ops["scheduled"].astype(bool)]
    for step in (HALFWAY, *SILENCE_CHAIN):
        part = pd.DataFrame(
            {
                "ck": waiting["ck"],
                "rk": waiting["rk"],
                "step": step,
                "contact": columns.text(waiting, "interviewer"),
                "due": waiting[f"due:{step}"],
                "done": waiting[f"done:{step}"],
                "window_end": waiting[f"end:{step}"],
                "after": waiting[f"after:{step}"],
                "snooze": waiting[f"snooze:{step}"],
            }
        )
        parts.append(part)
    steps = pd.concat(parts, ignore_index=True)
    for col in ("due", "done", "window_end", "after", "snooze"):
        steps[col] = columns.dates(steps[col])
    active = ops.loc[ops["status"] == ACTIVE, _KEYS]
    steps = steps.merge(active, on=_KEYS)
    context = ops[[*_KEYS, "company", "role"]]
    steps = steps.merge(context, on=_KEYS, how="left")
    steps["channel"] = steps["step"].map(CHANNEL)
    steps["order"] = steps["step"].map(ORDER)
    return steps.sort_values([*_KEYS, "order", "due", "contact"], kind="stable").reset_index(
        drop=True
    )


def _opportunity_state(ops: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    check_in = "check-in-email"
    finished = ops[f"done:{check_in}"].notna() | (as_of > ops[f"end:{check_in}"])
    state = np.select(
        [
            ops["status"].isin(CLOSED_STATUSES),
            ops["status"] == ON_HOLD,
            ops["scheduled"].astype(bool),
            finished,
            as_of > ops["effective_decision"],
        ],
        ["closed: " + ops["status"], PAUSED, SCHEDULED, DORMANT, SILENCE],
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
    for col in _DETAILS:
        ops[col] = columns.text(ops, col)
    return ops.reindex(columns=list(OPPORTUNITY_COLUMNS)).reset_index(drop=True)


def steps(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> pd.DataFrame:
    """One row per step of each Active opportunity's current cycle.

    Columns: ``STEP_COLUMNS``. ``state`` is "done", "missed", "overdue", "today",
    "this week" (due within ``days`` days of ``as_of``) or "later".
    """
    plan = _plan(tracker, as_of, days)
    return plan.steps.reindex(columns=list(STEP_COLUMNS)).reset_index(drop=True)


_WHEN = {"overdue": OVERDUE, "today": TODAY, "this week": THIS_WEEK_WHEN}


def this_week(tracker: Tracker, as_of: pd.Timestamp, days: int = 7) -> pd.DataFrame:
    """The cadence rows of the This Week sheet, columns exactly ``THIS_WEEK_SHEET.keys``."""
    as_of = pd.Timestamp(as_of).normalize()
    plan = _plan(tracker, as_of, days)
    rows = plan.steps[plan.steps["state"].isin(list(_WHEN))].copy()
    context = plan.opportunities.drop(columns=["company", "role", "state"])
    rows = rows.merge(context, on=_KEYS, how="left")
    settings = tracker.settings
    rows["when"] = rows["state"].map(_WHEN)
    rows["action"] = _actions(rows)
    rows["time"] = np.select(
        [rows["step"] == STATUS_CALL, rows["step"].isin(list(MORNING))],
        [settings.call_time_text, wording.MORNING],
        default="",
    )
    rows["why"] = _whys(rows, settings, as_of)
    rows["draft"] = drafts(_draft_context(rows, settings, as_of))
    rows["done"] = ""
    rows["snooze"] = ""
    rows["note"] = ""
    rows["when_order"] = rows["when"].map({w: i for i, w in enumerate(WHEN_ORDER)})
    rows = rows.sort_values(
        ["when_order", "due", "company", "role", "order", "contact"], kind="stable"
    )
    out = rows.reindex(columns=list(THIS_WEEK_SHEET.keys)).reset_index(drop=True)
    for col in THIS_WEEK_SHEET.keys:
        if col != "due":
            out[col] = out[col].fillna("").astype(str)
    out["due"] = columns.dates(out["due"])
    return out


def _actions(rows: pd.DataFrame) -> pd.Series:
    ask = (rows["step"] == THANK_YOU) & ~rows["decision_given"].astype(bool)
    keep = ask & (columns.text(rows, "keep_in_touch") != "Yes")
    template = np.select(
        [keep, ask], [wording.THANK_YOU_ASKS_MORE, wording.THANK_YOU_ASKS], wording.STEP_ACTION
    )
    return wording.fill_each(template, rows["step"].map(LABEL).to_frame("action"))


# The step before each later step of the silence chain, in words.
_PREVIOUS = {
    later: before.replace("-", " ")
    for later, before in zip(SILENCE_CHAIN[1:], SILENCE_CHAIN[:-1], strict=True)
}


def _whys(rows: pd.DataFrame, settings: Settings, as_of: pd.Timestamp) -> pd.Series:
    step = rows["step"]
    late = rows["due"] < as_of
    thank_you = step == THANK_YOU
    # What became of the decision date: moved by a reply, given, or the usual days.
    case = pd.Series(
        np.select(
            [rows["restarted"].astype(bool), rows["decision_given"].astype(bool)],
            ["moved", "given"],
            "usual",
        ),
        index=rows.index,
    )
    reason = np.select(
        [thank_you & late, thank_you, step == HALFWAY, step == STATUS_EMAIL, step == STATUS_CALL],
        [
            wording.WHY_THANK_YOU_LATE,
            wording.WHY_THANK_YOU,
            wording.WHY_HALFWAY,
            case.map(wording.WHY_STATUS_EMAIL),
            case.map(wording.WHY_STATUS_CALL),
        ],
        wording.WHY_SILENCE,
    )
    still = np.select([late & thank_you, late], [wording.WHY_SEND_BY, wording.WHY_STILL_USEFUL], "")
    kind = columns.text(rows, "interviewer_type")
    gatekeeper = np.where(kind.isin(list(GATEKEEPER_TYPES)), wording.WHY_GATEKEEPER, "")
    gaps = {later: str(days) for later, days in _gap_days(settings).items()}
    fields = pd.DataFrame(
        {
            "after": columns.day_text(rows["after"]),
            "decision": columns.day_text(rows["effective_decision"]),
            "response": columns.day_text(rows["response"]),
            "gap_days": step.map(gaps),
            "previous": step.map(_PREVIOUS),
            "due": columns.day_text(rows["due"]),
            "end": columns.day_text(rows["window_end"]),
            "who": kind.map(wording.GATEKEEPER).fillna(""),
            "company": rows["company"],
        },
        index=rows.index,
    )
    parts = pd.DataFrame(
        {
            "reason": wording.fill_each(reason, fields, usual_days=settings.default_decision_days),
            "late": wording.fill_each(still, fields),
            "gatekeeper": wording.fill_each(gatekeeper, fields),
        },
        index=rows.index,
    )
    return wording.fill(wording.STEP_WHY, parts)


def _draft_context(rows: pd.DataFrame, settings: Settings, as_of: pd.Timestamp) -> pd.DataFrame:
    ask = ~rows["decision_given"].astype(bool)
    # Sent late, the reiterate email announces a call a week after the day it goes out.
    sent_on = rows["due"].where(rows["due"] >= as_of, as_of)
    cal = BusinessCalendar.from_settings(settings)
    call_date = cal.roll(sent_on + pd.Timedelta(days=settings.reiterate_call_days))
    return pd.DataFrame(
        {
            "step": rows["step"],
            "interviewer": rows["contact"],
            "company": rows["company"],
            "role": rows["role"],
            "key_point": columns.text(rows, "key_point"),
            "your_name": settings.your_name,
            "call_time": settings.call_time_text,
            "call_date": call_date.where(rows["step"] == "reiterate-email"),
            "ask_timeline": ask,
            "ask_keep_in_touch": ask & (columns.text(rows, "keep_in_touch") != "Yes"),
        },
        index=rows.index,
    )
