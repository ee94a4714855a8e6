"""The work-search log an unemployment office asks for (SPEC 6a).

Pure: the tracker in, frames out. One row per activity from Search, the Sent rows of Log and
History, and Interviews (one row per round, however many panellists); private Notes never
appear. Each week (Monday to Sunday) closes with its count against the Settings row
`Work search activities required per week`. A week the period cuts (it starts after its
Monday, or ends before its Sunday, as the current week does) is marked partial and never
judged against that number: a few days are not a week the job seeker fell short in.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from followup import columns, wording
from followup.layout import ColumnLayout, OwnedSheet, SheetBlock
from followup.schema import (
    ASK_ADVOCATE,
    GLOW_CALLS,
    LOG_STEP_IDS,
    METHOD_PHRASES,
    NETWORK_UPDATE,
    OFFER,
    ON_HOLD,
    SEARCH_TARGET,
    SENT,
    STEPS,
)
from followup.summary import sends
from followup.tracker import Tracker

SHEET = "Work search"
ONLINE, EMAIL, PHONE, IN_PERSON, OTHER = (
    "Online application",
    "Email",
    "Phone",
    "In person",
    "Other",
)
METHODS = (ONLINE, EMAIL, PHONE, IN_PERSON, OTHER)
COLUMNS = ("Date", "Employer", "Contact person", "Method", "Position", "Result")
DEFAULT_WEEKS = 4

_BY_ACTIVITY = {
    "Application": ONLINE,
    "Cold call": PHONE,
    "Event": IN_PERSON,
}
_BY_CHANNEL = {"Email": EMAIL, "Phone": PHONE, "Voicemail": PHONE, "In person": IN_PERSON}
_STEP_CHANNEL = {s.id: s.channel for s in STEPS}
# What an application's Status says happened, in the words of the offices' forms.
_APPLICATION_RESULT = {
    "": "Applied",
    "Active": "Applied",
    ON_HOLD: "Applied, on hold",
    OFFER: "Offer",
    "Rejected": "Not selected",
    "Withdrawn": "Withdrew",
    "Filled": "Position filled",
}
_OTHER_RESULT = {
    "Networking": "Networking contact",
    "Cold call": "Cold call made",
    "Informational interview": "Informational interview",
    "Event": "Attended a hiring or networking event",
}
_HISTORY_RESULT = {NETWORK_UPDATE: "Network update sent", ASK_ADVOCATE: "Asked an advocate"}
# Reminders to do search work: the work itself is in Search, so their ticks are not activities.
_NOT_ACTIVITIES = (GLOW_CALLS, SEARCH_TARGET)
_PHONE_ROUND = re.compile(r"phone|call", re.I)
_IN_PERSON_ROUND = re.compile(r"on-?site|in[ -]person|office|face", re.I)


@dataclass(frozen=True)
class WorkSearch:
    """The log from ``start`` to ``end`` (the as-of date at the latest): ``activities``
    (COLUMNS, Date as datetime64, oldest first) and ``weeks`` (start, end: datetime64 Monday
    and Sunday clipped to the period; count; partial: True when clipped)."""

    start: pd.Timestamp
    end: pd.Timestamp
    required: int
    activities: pd.DataFrame
    weeks: pd.DataFrame

    @property
    def short(self) -> int:
        """How many whole weeks have fewer activities than required (partial ones never)."""
        return int(((self.weeks["count"] < self.required) & ~self.weeks["partial"]).sum())

    def by_week(self) -> list[tuple[Week, pd.DataFrame]]:
        """Each week and its activities, oldest first."""
        dates = self.activities["Date"]
        monday = dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")
        return [
            (week, self.activities[monday == week.monday])
            for week in (Week(*row) for row in self.weeks.itertuples(index=False))
        ]


@dataclass(frozen=True)
class Week:
    """One week of the log: its first and last day inside the period, its count, and whether
    the period cuts it."""

    start: pd.Timestamp
    end: pd.Timestamp
    count: int
    partial: bool

    @property
    def monday(self) -> pd.Timestamp:
        return _monday(self.start)

    @property
    def sunday(self) -> pd.Timestamp:
        return self.monday + pd.Timedelta(days=6)

    @property
    def days(self) -> str:
        """The days the period covers of a partial week: "Thu-Sun", "Mon only"."""
        if self.start == self.end:
            return f"{self.start:%a} only"
        return f"{self.start:%a}-{self.end:%a}"


def _monday(day: pd.Timestamp) -> pd.Timestamp:
    return day - pd.Timedelta(days=day.weekday())


def default_start(end: pd.Timestamp) -> pd.Timestamp:
    """The Monday that makes the period the last 4 weeks: this week and the 3 before it."""
    end = end.normalize()
    return end - pd.Timedelta(days=end.weekday() + 7 * (DEFAULT_WEEKS - 1))


def work_search(
    tracker: Tracker, start: pd.Timestamp, end: pd.Timestamp, as_of: pd.Timestamp
) -> WorkSearch:
    """Every activity dated from ``start`` to ``end`` (both included), the period ending on
    ``as_of`` at the latest (what is only planned is not yet an activity); SPEC 6a.
    ``start`` must not be after that end."""
    last = min(end, as_of).normalize()
    every = pd.concat(
        [_search(tracker), _sent(tracker, as_of), _rounds(tracker)], ignore_index=True
    ).reindex(columns=list(COLUMNS))
    every["Date"] = columns.dates(every["Date"])
    shown = every[every["Date"].between(start, last)]
    shown = shown.sort_values(["Date", "Employer"], kind="stable").reset_index(drop=True)
    return WorkSearch(
        start, last, tracker.settings.work_search_required, shown, _weeks(shown, start, last)
    )


def _search(tracker: Tracker) -> pd.DataFrame:
    rows = tracker.search
    activity = columns.text(rows, "activity")
    status = columns.text(rows, "status")
    result = activity.map(_OTHER_RESULT).fillna("Other search activity")
    applied = activity == "Application"
    result[applied] = status[applied].map(_APPLICATION_RESULT).fillna("Applied")
    method = _methods(columns.text(rows, "method"))
    return pd.DataFrame(
        {
            "Date": rows["date"],
            "Employer": columns.text(rows, "company"),
            "Contact person": columns.text(rows, "contact"),
            "Method": method.where(method.ne(""), activity.map(_BY_ACTIVITY).fillna(OTHER)),
            "Position": columns.text(rows, "role"),
            "Result": result,
        }
    )


def _methods(given: pd.Series) -> pd.Series:
    """The method a Search row's Method cell names ("" where blank or none found): the first
    of the METHOD_PHRASES found in it, matched as words at their start (SPEC 6a)."""
    phrases = [(" " + " ".join(_WORD.findall(p)), method) for p, method in METHOD_PHRASES]

    def method(value: str) -> str:
        words = " " + " ".join(_WORD.findall(unicodedata.normalize("NFKC", value).casefold()))
        return next((m for phrase, m in phrases if phrase in words), "")

    return columns.per_distinct(given, method)


_WORD = re.compile(r"[^\W_]+")


def _sent(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """Sent rows of Log, and History rows, each action once: a row repeating an earlier
    send of the same action in the same cycle (logged and ticked too, whichever first, or a
    tick of one interviewer beside a thank-you logged to the whole round) is not another
    activity; the send counts on its earlier day, as in Summary (SPEC 6)."""
    log = tracker.log[columns.text(tracker.log, "direction") == SENT]
    history = tracker.history[~columns.text(tracker.history, "step").isin(_NOT_ACTIVITIES)]
    counted = sends(tracker, as_of)
    # The rows ``sends`` looked at (dated by as_of, of a cadence step for History) and
    # left out repeat another row.
    weighed = (
        _weighed(log, as_of),
        _weighed(history, as_of) & columns.text(history, "step").isin(list(LOG_STEP_IDS)),
    )
    kept = [
        rows[~looked | rows.index.isin(counted.loc[counted["source"] == source, "at"])]
        for source, (rows, looked) in enumerate(zip((log, history), weighed, strict=True))
    ]
    return pd.concat([_touchpoints(rows) for rows in kept], ignore_index=True)


def _weighed(rows: pd.DataFrame, as_of: pd.Timestamp) -> pd.Series:
    dates = columns.dates(rows["date"])
    return dates.notna() & (dates <= as_of)


def _touchpoints(rows: pd.DataFrame) -> pd.DataFrame:
    step = columns.text(rows, "step")
    channel = columns.text(rows, "channel")
    channel = channel.where(channel != "", step.map(_STEP_CHANNEL).fillna(""))
    result = step.map(_HISTORY_RESULT)
    result = result.fillna("Follow-up sent (" + step + ")").str.replace(" ()", "", regex=False)
    return pd.DataFrame(
        {
            "Date": columns.dates(rows["date"]),
            "Employer": columns.text(rows, "company"),
            "Contact person": columns.text(rows, "contact"),
            "Method": channel.map(_BY_CHANNEL).fillna(OTHER),
            "Position": columns.text(rows, "role"),
            "Result": result,
        }
    )


def _rounds(tracker: Tracker) -> pd.DataFrame:
    """One row per round: an opportunity on one date, its interviewers named together."""
    iv = tracker.interviews
    rows = pd.DataFrame(
        {
            "Date": columns.dates(iv["interview_date"]),
            "Employer": columns.text(iv, "company"),
            "Position": columns.text(iv, "role"),
            "interviewer": columns.text(iv, "interviewer"),
            "round": columns.text(iv, "round"),
            "ck": columns.key(columns.text(iv, "company")),
            "rk": columns.key(columns.text(iv, "role")),
        }
    )
    rounds = rows.groupby(["ck", "rk", "Date"], sort=False).agg(
        Employer=("Employer", "first"),
        Position=("Position", "first"),
        people=("interviewer", _names),
        round=("round", _names),
    )
    rounds = rounds.reset_index()
    method = pd.Series(OTHER, index=rounds.index, dtype=object)
    method[rounds["round"].str.contains(_IN_PERSON_ROUND)] = IN_PERSON
    method[rounds["round"].str.contains(_PHONE_ROUND)] = PHONE
    label = rounds["round"].where(rounds["round"] == "", " (" + rounds["round"] + ")")
    return pd.DataFrame(
        {
            "Date": rounds["Date"],
            "Employer": rounds["Employer"],
            "Contact person": rounds["people"],
            "Method": method,
            "Position": rounds["Position"],
            "Result": "Interview" + label,
        }
    )


def _names(values: pd.Series) -> str:
    return ", ".join(dict.fromkeys(v for v in values if v))


def _weeks(activities: pd.DataFrame, start: pd.Timestamp, end: pd.Timestamp) -> pd.DataFrame:
    mondays = pd.date_range(_monday(start), end, freq="7D")
    sundays = mondays + pd.Timedelta(days=6)
    week_of = activities["Date"] - pd.to_timedelta(activities["Date"].dt.day_of_week, unit="D")
    counts = week_of.value_counts().reindex(mondays, fill_value=0)
    return pd.DataFrame(
        {
            "start": mondays.where(mondays >= start, start),
            "end": sundays.where(sundays <= end, end),
            "count": counts.to_numpy(dtype=int),
            "partial": (mondays < start) | (sundays > end),
        }
    )


def week_line(week: Week, required: int) -> str:
    """ "4 activities; 3 required: met." A partial week has no verdict: "2 activities;
    partial week (Thu-Sun), not checked against the 3 required." """
    counted = wording.count(week.count, "activity", "activities")
    if week.partial:
        return (
            f"{counted}; partial week ({week.days}), not checked against the {required} required."
        )
    verdict = "met" if week.count >= required else f"{required - week.count} short"
    return f"{counted}; {required} required: {verdict}."


def week_title(week: Week) -> str:
    """ "Week of Mon 2 Nov 2026 to Sun 8 Nov 2026", and "(partial: Thu-Sun)" after a week the
    period cuts."""
    title = f"Week of {columns.long_day(week.monday)} to {columns.long_day(week.sunday)}"
    return f"{title} (partial: {week.days})" if week.partial else title


def totals_line(log: WorkSearch) -> str:
    """The log in one line: "9 activities in 4 weeks, 1 partial; 2 of the 3 full weeks below
    the 4 required" (SPEC 6a). Partial weeks are never counted below the required number."""
    activities = wording.count(len(log.activities), "activity", "activities")
    counted = f"{activities} in {wording.count(len(log.weeks), 'week')}"
    partial = int(log.weeks["partial"].sum())
    full = len(log.weeks) - partial
    if not partial:
        return f"{counted}; {log.short} below the {log.required} required"
    if not full:
        cut = "partial" if partial == 1 else "all partial"
        return f"{counted}, {cut}: not checked against the {log.required} required"
    return (
        f"{counted}, {partial} partial; {log.short} of the "
        f"{wording.count(full, 'full week')} below the {log.required} required"
    )


def flat(log: WorkSearch) -> pd.DataFrame:
    """The log as one table of text (a CSV): each week's activities, dates as YYYY-MM-DD,
    then a row closing the week with its count in Result."""
    parts: list[pd.DataFrame] = []
    for week, rows in log.by_week():
        parts.append(rows.assign(Date=rows["Date"].dt.strftime("%Y-%m-%d")))
        total = dict.fromkeys(COLUMNS, "")
        total["Date"] = f"Week {week.monday:%Y-%m-%d} to {week.sunday:%Y-%m-%d}"
        if week.partial:
            total["Date"] += f" (partial: {week.days})"
        total["Result"] = week_line(week, log.required)
        parts.append(pd.DataFrame([total]))
    return pd.concat(parts, ignore_index=True).reindex(columns=list(COLUMNS))


_LAYOUT = (
    ColumnLayout("Date", 16, "date"),
    ColumnLayout("Employer", 24),
    ColumnLayout("Contact person", 22),
    ColumnLayout("Method", 18),
    ColumnLayout("Position", 24),
    ColumnLayout("Result", 30, "wrap"),
)


def sheet(log: WorkSearch, name: str) -> OwnedSheet:
    """The log as a sheet: one block per week, each closed by its count."""
    blocks: list[SheetBlock] = []
    for week, rows in log.by_week():
        blocks.append(SheetBlock(rows.reset_index(drop=True), _LAYOUT, heading=week_title(week)))
        line = pd.DataFrame({"Count": [week_line(week, log.required)]})
        blocks.append(SheetBlock(line, (ColumnLayout("Count", 30),), header=False))
    title = f"Work-search log{f' of {name}' if name else ''}"
    cut = " A week the period cuts is marked partial." if log.weeks["partial"].any() else ""
    return OwnedSheet(
        SHEET,
        (
            f"{title}: {columns.long_day(log.start)} to {columns.long_day(log.end)}",
            f"{log.required} activities required per week (Settings).{cut} Written by "
            "followup from the tracker; your private notes are left out.",
        ),
        tuple(blocks),
        freeze_header=False,
    )
