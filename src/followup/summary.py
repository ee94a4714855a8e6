"""The coach's one-page Summary (SPEC section 6) and the sandwich balance it reports.

Each block is a heading and a small frame of plain labels and values, so the sheet reads in
a minute and prints on one page. ``weekly`` holds the data of the Summary's bar chart.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from followup import applications, cadence, columns, rounds, wording
from followup.identity import action_identity
from followup.schema import (
    ACTIVE,
    APPLICATION,
    CLOSED_STATUSES,
    LOG_STEP_IDS,
    OFFER,
    ON_HOLD,
    SENT,
)
from followup.tracker import Tracker, remember_latest

# The sandwich looks back this many days, whatever the window of This Week.
BALANCE_DAYS = 7
CHART_WEEKS = 8
BALANCE_PERIOD = wording.last_days(BALANCE_DAYS)  # "last 7 days"
CHART_PERIOD = wording.last_weeks(CHART_WEEKS)

SENT_LABEL = wording.SENT_IN.format(last_days=BALANCE_PERIOD)
MISSED_LABEL = wording.MISSED_IN.format(last_days=BALANCE_PERIOD)

WEEK_COLUMNS = wording.CHART_COLUMNS


@remember_latest
def followups_sent(tracker: Tracker, as_of: pd.Timestamp) -> pd.Series:
    """The dates of follow-ups sent up to ``as_of``: Sent rows of Log and cadence rows of
    History, each action once (SPEC section 6; see ``sends``)."""
    return sends(tracker, as_of)["date"].astype("datetime64[ns]")


@remember_latest
def sends(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """The follow-ups sent up to ``as_of``, each action once (SPEC section 6), oldest first:
    ``date``, ``source`` (0: a Sent row of Log, 1: a cadence row of History) and ``at``
    (that row's index in ``tracker.log`` or ``tracker.history``).

    A History row and a Log row of the same action (``identity.action_identity``) in the
    same cycle of its opportunity are one send, counted on the earlier date (the Log row's
    on the same day): ticked Done and logged too. Different people are different actions
    (two thank-yous to two panellists count as two). A thank-you logged with no Contact
    thanks each interviewer of its round in one message (SPEC 5: Sent rows); ticks of some
    of them beside it are those people's own sends, and the row then counts only through
    them (see ``_messages``). Sent Log rows with a blank Step still count, each as its own.
    """
    log, history = tracker.log, tracker.history
    sources = (
        log[columns.text_values(log, "direction") == SENT],
        history[np.isin(columns.text_values(history, "step"), list(LOG_STEP_IDS))],
    )
    # Built as whole arrays, then one frame: a refresh of a small tracker would spend more on
    # the frames' overhead than on the few rows in them.
    found = {
        "date": [columns.day_array(rows["date"]) for rows in sources],
        "ck": [columns.keys(columns.text_values(rows, "company")) for rows in sources],
        "rk": [columns.keys(columns.text_values(rows, "role")) for rows in sources],
        "step": [columns.text_values(rows, "step") for rows in sources],
        "contact": [columns.text_values(rows, "contact") for rows in sources],
        "source": [np.full(len(rows), source) for source, rows in enumerate(sources)],
        "at": [rows.index.to_numpy() for rows in sources],
    }
    arrays = {name: np.concatenate(parts) for name, parts in found.items()}
    day = arrays["date"]
    sent = ~np.isnat(day) & (day <= as_of.to_datetime64())
    arrays = {name: values[sent] for name, values in arrays.items()}
    # The cycle a send belongs to: the latest round of its opportunity on or before it
    # (a blank Role: the company's only opportunity, as in Log).
    starts = rounds.keyed_rounds(tracker)[["ck", "rk", "interview_date"]].drop_duplicates()
    pairs = starts.drop_duplicates(["ck", "rk"])
    single = pairs[~pairs["ck"].duplicated(keep=False)]
    only = dict(zip(single["ck"], single["rk"], strict=True))
    codes, companies = pd.factorize(arrays["ck"])
    only_role = np.array([only.get(c, "") for c in companies.tolist()] + [""], dtype=object)
    arrays["rk"] = np.where(arrays["rk"] != "", arrays["rk"], only_role[codes])
    # merge_asof wants both keys in one unit; an empty Log reads as seconds,
    # typed dates as microseconds; microseconds hold every date a tracker may hold.
    arrays["date"] = arrays["date"].astype("datetime64[us]")
    texts = ["ck", "rk", "step", "contact"]  # kept as object columns, as the keys they join
    frame = pd.DataFrame({name: arrays[name] for name in texts}, dtype=object)
    frame = frame.assign(**{name: arrays[name] for name in ("date", "source", "at")})
    frame = pd.merge_asof(
        frame.sort_values("date"),
        starts[["ck", "rk"]]
        .assign(cycle=starts["interview_date"].astype("datetime64[us]"))
        .sort_values("cycle"),
        left_on="date",
        right_on="cycle",
        by=["ck", "rk"],
    )
    frame = _each_thanked(frame, tracker)
    action = action_identity(frame.rename(columns={"ck": "company", "rk": "role"})).to_numpy()
    cycle = frame["cycle"].fillna(pd.Timestamp(0)).to_numpy()
    date, source, at = (frame[name].to_numpy() for name in ("date", "source", "at"))
    named = np.flatnonzero(frame["step"].to_numpy() != "")
    # The n-th send of an action in a cycle from Log and the n-th from History are one.
    in_cycle = _codes(action[named], cycle[named])
    nth = _nth(_codes(in_cycle, source[named]))
    group = _codes(in_cycle, nth)
    by_day = np.lexsort((source[named], date[named]))  # stable: by date, then source
    _, first = np.unique(group[by_day], return_index=True)
    shown, message = _messages(group, by_day[first], source[named], at[named])
    blank = np.flatnonzero(frame["step"].to_numpy() == "")
    kept = np.concatenate([named[by_day[first]], blank])  # dated by each send's earliest row
    shown = np.concatenate([named[shown], blank])
    message = np.concatenate(
        [message, np.stack([np.full(len(blank), 2), source[blank], at[blank]], axis=1)]
    )
    counted = message[:, 0] >= 0
    kept, shown, message = kept[counted], shown[counted], message[counted]
    order = np.argsort(date[kept], kind="stable")
    _, first_of_message = np.unique(_codes(*message[order].T), return_index=True)
    once = order[np.sort(first_of_message)]
    return pd.DataFrame(
        {"date": date[kept[once]], "source": source[shown[once]], "at": at[shown[once]]}
    )


def _messages(
    group: np.ndarray, first: np.ndarray, source: np.ndarray, at: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each send (``first``: its earliest row, a position in ``group``, ``source`` and
    ``at``), the row that stands for it and the message it is, as rows of three integers
    (a first one below 0: no message of its own).

    A send is one action to one person; ``group`` holds its Log row and its History row
    (one of each at most). A row with no Contact that thanked a whole round is one message
    (SPEC 5: Sent rows), however many thank-yous it completes; but a tick of one person's
    thank-you beside it is that person's own send (SPEC 6: two actions to two people count
    as two), so once any of its thank-yous is ticked, the row counts only through its ticks.
    """
    size = len(group)
    member = np.full((2, size), -1)
    member[source, group] = np.arange(size)
    pair = np.where(member >= 0, at[np.maximum(member, 0)], -1)  # Log's and History's row
    both: np.ndarray = np.all(pair >= 0, axis=0)
    row = _codes(source, at)
    spread = np.bincount(row, minlength=size)[row] > 1  # one row thanking several people
    row_ticked = np.zeros(size, dtype=bool)
    row_ticked[row[both[group]]] = True
    sent_in = group[first]
    matched = both[sent_in]
    # A tick beside a note to the whole round stands for its own send in the work-search log.
    other = member[1 - source[first], sent_in]
    shown = np.where(matched & spread[first], other, first)
    kind = np.where(matched, 0, np.where(row_ticked[row[first]], -1, 1))
    message = np.stack(
        [
            kind,
            np.where(matched, pair[0, sent_in], source[first]),
            np.where(matched, pair[1, sent_in], at[first]),
        ],
        axis=1,
    )
    return shown, message


def _codes(*keys: np.ndarray) -> np.ndarray:
    """One integer per row, equal for rows equal in every one of ``keys``."""
    codes = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        own, uniques = pd.factorize(key)
        codes = pd.factorize(codes * (len(uniques) + 1) + own)[0]
    return codes


def _nth(codes: np.ndarray) -> np.ndarray:
    """Each row's count of earlier rows with its code (0, 1, 2, ...): groupby's cumcount."""
    order = np.argsort(codes, kind="stable")
    ranked = codes[order]
    position = np.arange(len(codes))
    starts = np.maximum.accumulate(np.where(np.r_[True, ranked[1:] != ranked[:-1]], position, 0))
    nth = np.empty(len(codes), dtype=np.int64)
    nth[order] = position - starts
    return nth


def round_people(tracker: Tracker) -> pd.DataFrame:
    """Each round's interviewers, once each: ``ck``, ``rk``, ``cycle`` (its date, in
    microseconds as ``followups_sent`` joins it) and ``person``."""
    iv = rounds.keyed_rounds(tracker)
    people = pd.DataFrame(
        {
            "ck": iv["ck"],
            "rk": iv["rk"],
            "cycle": iv["interview_date"].astype("datetime64[us]"),
            "person": columns.text(iv, "interviewer"),
        }
    )
    people = people[people["person"].ne("")]
    once = ~people.assign(key=columns.key(people["person"])).duplicated(
        ["ck", "rk", "cycle", "key"]
    )
    return people[once]


def _each_thanked(frame: pd.DataFrame, tracker: Tracker) -> pd.DataFrame:
    """A thank-you sent with no Contact thanks every interviewer of its round (SPEC 4, Done),
    so it counts as each of their thank-yous: once per person, as ticking each one's row
    would, and never again beside a tick of one of them (SPEC 6)."""
    to_all = frame["step"].eq(cadence.THANK_YOU) & frame["contact"].eq("")
    if not to_all.any():
        return frame
    people = round_people(tracker)
    if people.empty:
        return frame
    spread = frame[to_all].merge(people, on=["ck", "rk", "cycle"], how="left")
    spread["contact"] = spread["person"].fillna("")
    return pd.concat(
        [frame[~to_all], spread.drop(columns="person")], ignore_index=True
    ).sort_values("date", kind="stable", ignore_index=True)


def search_dates(tracker: Tracker, as_of: pd.Timestamp, activity: str = "") -> pd.Series:
    """The dates of Search rows up to ``as_of`` (of one Activity, when given)."""
    search = tracker.search
    rows = search if not activity else search[columns.text(search, "activity") == activity]
    dates = columns.dates(rows["date"])
    return dates[dates.notna() & (dates <= as_of)].reset_index(drop=True)


@dataclass(frozen=True)
class Balance:
    """The sandwich over the last 7 days: new-opportunity work against follow-ups."""

    start: pd.Timestamp
    end: pd.Timestamp
    searches: int
    followups: int
    target: int
    open_opportunity: bool  # an opportunity is Active or On hold
    offers: int  # opportunities at Offer, in Interviews or on an application (``offered``)

    @property
    def offer(self) -> bool:
        return self.offers > 0

    @property
    def short(self) -> bool:
        """Fewer searches than the target, or than the follow-ups sent."""
        return self.searches < self.target or self.followups > self.searches

    @property
    def stalling(self) -> bool:
        # SPEC 5: the search must go on only while no offer exists.
        return self.searches < self.target and not self.offer

    @property
    def crowded_out(self) -> bool:
        return self.followups > self.searches and not self.offer

    @property
    def must_go_on(self) -> bool:
        """SPEC section 5: while anything is open and no offer exists, the search goes on."""
        return self.open_opportunity and not self.offer

    @property
    def needed(self) -> int:
        """Search activities still to do to reach the target and match the follow-ups."""
        return max(self.target - self.searches, self.followups - self.searches, 0)

    @property
    def period(self) -> str:
        return _from_to(self.start, self.end)

    @property
    def verdict(self) -> str:
        if self.stalling and self.crowded_out:
            return wording.STALLING_AND_CROWDED_OUT
        if self.stalling:
            return wording.STALLING
        if self.crowded_out:
            return wording.CROWDED_OUT
        return wording.OFFER_IN_HAND if self.offer and self.short else wording.BALANCED

    @property
    def warning(self) -> str:
        """A plain sentence for the coach; names the problem first."""
        # Every sentence is worded from the same figures; each template takes those it names.
        figures = {
            "searches": wording.opportunity_activities(self.searches),
            "followups": wording.count(self.followups, "follow-up"),
            "target": self.target,
            "last_days": BALANCE_PERIOD,
        }
        parts: list[str] = []
        if self.stalling:
            parts.append(wording.BALANCE_STALLING.format(**figures))
        if self.crowded_out:
            parts.append(wording.BALANCE_CROWDED.format(**figures))
        if self.offer and self.short:
            parts.append(wording.BALANCE_OFFER.format(**figures))
        if not parts:
            parts.append(wording.BALANCE_OK.format(**figures))
        if self.must_go_on:
            parts.append(wording.BALANCE_GO_ON)
        return " ".join(parts)


def balance(
    tracker: Tracker, as_of: pd.Timestamp, opportunities: pd.DataFrame | None = None
) -> Balance:
    """The sandwich for ``as_of``; ``opportunities``: the cadence's frame, when already known."""
    as_of = pd.Timestamp(as_of).normalize()
    ops = cadence.opportunities(tracker, as_of) if opportunities is None else opportunities
    start = as_of - pd.Timedelta(days=BALANCE_DAYS - 1)
    status = ops["status"]
    searches = search_dates(tracker, as_of)
    sent = followups_sent(tracker, as_of)
    return Balance(
        start=start,
        end=as_of,
        searches=int((searches >= start).sum()),
        followups=int((sent >= start).sum()),
        target=tracker.settings.weekly_search_target,
        open_opportunity=bool(status.isin([ACTIVE, ON_HOLD]).any()),
        offers=int((status == OFFER).sum()) + application_offers(tracker, as_of, ops),
    )


def application_offers(tracker: Tracker, as_of: pd.Timestamp, ops: pd.DataFrame) -> int:
    """How many applications with no interview (SPEC 4a) are at Offer: their Search Status
    says so (SPEC 3: as in Interviews). An interviewed opportunity's status is its latest
    round's (SPEC 4), counted in ``ops`` (``cadence.opportunities``)."""
    apps = applications.applications(tracker, as_of)
    apps = apps[apps["status"] == OFFER]
    if apps.empty:
        return 0
    ck, rk = columns.key(ops["company"]), columns.key(ops["role"])
    interviewed = set(zip(ck, rk, strict=True)) | {(c, "") for c in ck}
    found = zip(columns.key(apps["company"]), columns.key(apps["role"]), strict=True)
    return sum(pair not in interviewed for pair in found)


@dataclass(frozen=True)
class SummarySection:
    """One block of the Summary sheet: a heading, a small table, an optional plain note."""

    heading: str
    table: pd.DataFrame
    note: str = ""


@dataclass(frozen=True)
class Summary:
    as_of: pd.Timestamp
    window_start: pd.Timestamp
    window_end: pd.Timestamp
    week: SummarySection
    follow_ups: SummarySection
    opportunities: SummarySection
    applications: SummarySection
    paused: SummarySection
    activity: SummarySection
    funnel: SummarySection
    balance: Balance
    weekly: pd.DataFrame  # WEEK_COLUMNS: the data of the bar chart
    # Each opportunity's status and state (cadence.opportunities), for the coach's caseload.
    states: pd.DataFrame

    @property
    def blocks(self) -> tuple[SummarySection, ...]:
        """The blocks in the order the sheet shows them."""
        return (
            self.week,
            self.follow_ups,
            self.activity,
            self.opportunities,
            self.applications,
            self.paused,
            self.funnel,
        )


def _table(columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns), dtype=object)


def _from_to(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """ "Mon 16 Nov to Sun 22 Nov"."""
    return wording.FROM_TO.format(start=columns.short_day(start), end=columns.short_day(end))


def _week_block(as_of: pd.Timestamp, end: pd.Timestamp, bal: Balance) -> SummarySection:
    rows: list[tuple[object, ...]] = [
        (wording.AS_OF, columns.long_day(as_of)),
        (wording.WINDOW, _from_to(as_of, end)),
        (wording.COUNTED_OVER, bal.period),
    ]
    return SummarySection(wording.WEEK_HEADING, _table(wording.WEEK_TABLE, rows))


def _follow_up_block(
    steps: pd.DataFrame, as_of: pd.Timestamp, bal: Balance, snoozed: int
) -> SummarySection:
    state = steps["state"]
    closed = columns.dates(steps["window_end"])
    missed = (state == cadence.MISSED) & (closed >= bal.start - pd.Timedelta(days=1))
    missed &= closed < as_of
    rows: list[tuple[object, ...]] = [
        (wording.OVERDUE_NOW, int((state == "overdue").sum())),
        (wording.DUE_IN_WINDOW, int(state.isin(["today", "this week"]).sum())),
        (SENT_LABEL, bal.followups),
        (MISSED_LABEL, int(missed.sum())),
        (wording.SNOOZED_ACTIONS, snoozed),
    ]
    notes = []
    if missed.any():
        notes.append(wording.MISSED_NOTE)
    if snoozed:
        notes.append(wording.SNOOZED_NOTE)
    note = " ".join(notes)
    return SummarySection(wording.FOLLOW_UPS_HEADING, _table(wording.FOLLOW_UPS_TABLE, rows), note)


def _activity_block(steps: pd.DataFrame, bal: Balance) -> SummarySection:
    due = columns.dates(steps["due"])
    recent = (due >= bal.start) & (due <= bal.end)
    done = recent & columns.dates(steps["done"]).notna()
    counts = wording.BALANCE_COUNTS.format(searches=bal.searches, followups=bal.followups)
    rows: list[tuple[object, ...]] = [
        (wording.SEARCH_ACTIVITIES, bal.searches, wording.AGAINST_TARGET.format(target=bal.target)),
        (wording.FOLLOW_UPS_DONE, int(done.sum()), wording.STEPS_DUE.format(due=int(recent.sum()))),
        (wording.FOLLOW_UPS_SENT, bal.followups, ""),
        (wording.BALANCE, bal.verdict, counts),
    ]
    labels = [
        label.format(last_days=BALANCE_PERIOD.capitalize()) for label in wording.ACTIVITY_TABLE
    ]
    table = _table(tuple(labels), rows)
    heading = wording.ACTIVITY_HEADING.format(period=bal.period)
    return SummarySection(heading, table, bal.warning)


_OPEN_STATES = (
    cadence.AWAITING,
    cadence.SILENCE,
    cadence.SCHEDULED,
    cadence.DORMANT,
    cadence.PAUSED,
)


def _application_block(apps: pd.DataFrame, held_back: int) -> SummarySection:
    """Applications with no interview yet (SPEC 4a)."""
    state = apps["state"]
    rows: list[tuple[object, ...]] = [
        (wording.AWAITING_REPLY, int((state == applications.WAITING).sum())),
        (wording.WITHOUT_RESPONSE, int((state == applications.NO_RESPONSE).sum())),
        (wording.PAUSED, int((state == applications.PAUSED).sum())),
        (wording.BEYOND_CAP.format(cap=applications.WEEKLY_CAP), held_back),
    ]
    silent = (state == applications.NO_RESPONSE).any()
    note = wording.WITHOUT_RESPONSE_NOTE if silent else ""
    table = _table(wording.APPLICATIONS_TABLE, rows)
    return SummarySection(wording.APPLICATIONS_HEADING, table, note)


def _opportunity_blocks(ops: pd.DataFrame, offers: int) -> tuple[SummarySection, SummarySection]:
    """``offers``: opportunities at Offer, applications with no interview included."""
    state = ops["state"]
    by_state = state.value_counts().to_dict()
    by_state[f"closed: {OFFER}"] = offers
    rows: list[tuple[object, ...]] = [
        (wording.OPEN_STATES[key], int(by_state.get(key, 0))) for key in _OPEN_STATES
    ]
    rows += [
        (wording.CLOSED_STATE.format(status=s), int(by_state.get(f"closed: {s}", 0)))
        for s in CLOSED_STATUSES
    ]
    counts = SummarySection(wording.STATES_HEADING, _table(wording.STATES_TABLE, rows))

    paused = ops[state == cadence.PAUSED].sort_values(["company", "role"], kind="stable")
    company, role, last_interview = wording.PAUSED_TABLE
    listed = pd.DataFrame(
        {
            company: paused["company"].astype(str),
            role: paused["role"].astype(str),
            last_interview: columns.day_text(columns.dates(paused["cycle_start"])),
        },
        dtype=object,
    ).reset_index(drop=True)
    note = "" if len(listed) else wording.NOTHING_PAUSED
    return counts, SummarySection(wording.PAUSED_HEADING, listed, note)


def _funnel_block(
    tracker: Tracker, ops: pd.DataFrame, as_of: pd.Timestamp, applied_offers: int
) -> SummarySection:
    """The whole search as a funnel, each stage a subset of the one before (SPEC section 6):
    opportunities applied to (every one in Interviews counts as applied to), interviewed (a
    round held, or an offer), second rounds (two rounds held, or an offer), offers.
    ``applied_offers``: applications at Offer with no interview entered."""
    held = rounds.held_rounds(tracker, as_of)
    per_opportunity = held.groupby(["ck", "rk"]).size()
    offered = ops.loc[ops["status"] == OFFER, ["company", "role"]]
    offer_keys = set(
        zip(columns.key(offered["company"]), columns.key(offered["role"]), strict=True)
    )
    offers = per_opportunity.index.isin(list(offer_keys))
    second = (per_opportunity.to_numpy() >= 2) | offers
    search = tracker.search
    applied = search[columns.text(search, "activity") == APPLICATION]
    applied = applied[columns.dates(applied["date"]) <= as_of]
    company = columns.key(columns.text(applied, "company")).tolist()
    role = columns.key(columns.text(applied, "role")).tolist()
    # Every opportunity in Interviews was applied to, a round on the calendar included.
    known_pairs = set(map(tuple, rounds.keyed_rounds(tracker)[["ck", "rk"]].to_numpy()))
    companies = {c for c, _ in known_pairs}
    # An application to one of those (a blank Role: any of that company's) is counted there.
    others = {
        (c, r) if c else ("", str(i))  # an application naming no company is one of its own
        for i, (c, r) in enumerate(zip(company, role, strict=True))
        if not (c in companies and (r == "" or (c, r) in known_pairs))
    }
    counts = (
        len(known_pairs) + len(others),
        len(per_opportunity) + applied_offers,
        second.sum() + applied_offers,
        offers.sum() + applied_offers,
    )
    rows: list[tuple[object, ...]] = [
        (stage, int(n)) for stage, n in zip(wording.FUNNEL_STAGES, counts, strict=True)
    ]
    table = _table(wording.FUNNEL_TABLE, rows)
    return SummarySection(wording.FUNNEL_HEADING, table, wording.FUNNEL_NOTE)


def weekly(tracker: Tracker, as_of: pd.Timestamp, weeks: int = CHART_WEEKS) -> pd.DataFrame:
    """Follow-ups sent and search activities per week (Monday start), oldest first, ending
    with the week of ``as_of``. Columns: ``WEEK_COLUMNS``."""
    as_of = pd.Timestamp(as_of).normalize()
    this_monday = as_of - pd.Timedelta(days=as_of.weekday())
    # Week i holds the days from its Monday up to the next Monday (the dates are whole days).
    edges = np.array(
        [this_monday + pd.Timedelta(weeks=n) for n in range(1 - weeks, 2)], dtype="datetime64[ns]"
    )
    mondays = pd.Series(edges[:-1])

    def per_week(dates: pd.Series) -> pd.Series:
        days = np.sort(dates.to_numpy(dtype="datetime64[ns]"))
        return pd.Series(np.diff(np.searchsorted(days, edges)).astype(int), index=mondays.index)

    return pd.DataFrame(
        {
            WEEK_COLUMNS[0]: mondays.dt.day.astype(str) + mondays.dt.strftime(" %b"),
            WEEK_COLUMNS[1]: per_week(followups_sent(tracker, as_of)),
            WEEK_COLUMNS[2]: per_week(search_dates(tracker, as_of)),
        }
    )


def summary(tracker: Tracker, as_of: pd.Timestamp, days: int = 7, snoozed: int = 0) -> Summary:
    """Everything the Summary sheet shows, for the window of ``days`` days from ``as_of``;
    ``snoozed``: how many actions a snooze hides (``this_week.snoozed``)."""
    as_of = pd.Timestamp(as_of).normalize()
    end = as_of + pd.Timedelta(days=days - 1)
    # The step columns the blocks count by: the rest of these wide frames is not needed.
    counted = ["state", "window_end", "due", "done"]
    nudges = applications.nudges(tracker, as_of, days)[counted]
    steps = pd.concat([cadence.steps(tracker, as_of, days)[counted], nudges], ignore_index=True)
    ops = cadence.opportunities(tracker, as_of)
    bal = balance(tracker, as_of, ops)
    counts, paused = _opportunity_blocks(ops, bal.offers)
    held_back = applications.held_back(tracker, as_of, days)
    return Summary(
        as_of=as_of,
        window_start=as_of,
        window_end=end,
        week=_week_block(as_of, end, bal),
        follow_ups=_follow_up_block(steps, as_of, bal, snoozed),
        applications=_application_block(applications.applications(tracker, as_of), held_back),
        opportunities=counts,
        paused=paused,
        activity=_activity_block(steps, bal),
        funnel=_funnel_block(tracker, ops, as_of, bal.offers - int((ops["status"] == OFFER).sum())),
        balance=bal,
        weekly=weekly(tracker, as_of),
        states=ops[["status", "state"]],
    )
