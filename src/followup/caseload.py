"""A coach's caseload: one row per client's tracker, and each client's week (SPEC 6b).

Pure: each client's plan (what `refresh --dry-run` computes) in, the Caseload frame and the
sheet descriptions out. Reading the trackers and writing the workbook is the caller's job.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from followup import cadence, wording
from followup.columns import long_day
from followup.errors import Problem
from followup.layout import (
    AMBER,
    GREEN,
    RED,
    BarChart,
    ColumnLayout,
    Highlight,
    OwnedSheet,
    SheetBlock,
)
from followup.schema import ACTIVE, INTERVIEWS, OVERDUE, THIS_WEEK_WHEN, TODAY
from followup.sheets import this_week_sheet
from followup.summary import BALANCE_DAYS, BALANCE_PERIOD, MISSED_LABEL, Summary

CASELOAD = "Caseload"
# A client left this long without a refresh is flagged: the weekly routine has stopped.
STALE_DAYS = 14
# Problems named in a client's row when the tracker has errors; the rest are counted.
NAMED_PROBLEMS = 2

NOW, CHECK, ON_TRACK = "Now", "Check", "On track"
ATTENTION_ORDER = (NOW, CHECK, ON_TRACK)

# Excel's rules for a sheet name: at most 31 characters, none of these, no apostrophe at
# either end, unique ignoring case; "History" is reserved by Excel itself. An Interviews
# sheet would make the caseload look like a tracker, which no later run may replace.
SHEET_NAME_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED = {"history", INTERVIEWS.name.casefold()}

_PERIOD = wording.count(BALANCE_DAYS, "day")  # "7 days"
DONE = wording.CASELOAD_DONE_COLUMN.format(days=_PERIOD)
MISSED = wording.CASELOAD_MISSED_COLUMN.format(days=_PERIOD)
SEARCHES = wording.CASELOAD_SEARCH_COLUMN.format(days=_PERIOD)

COLUMNS: tuple[ColumnLayout, ...] = (
    ColumnLayout("Attention", 11),
    ColumnLayout("Client", 20),
    ColumnLayout("Overdue", 10, "number"),
    ColumnLayout("Due this week", 15, "number"),
    ColumnLayout(DONE, 15, "number"),
    ColumnLayout(MISSED, 16, "number"),
    ColumnLayout(SEARCHES, 26, "number"),
    ColumnLayout("Search target", 14, "number"),
    ColumnLayout("Balance", 24),
    ColumnLayout("Active opportunities", 21, "number"),
    ColumnLayout("In silence chain", 17, "number"),
    ColumnLayout("Offers", 8, "number"),
    ColumnLayout("Last refresh", 17, "date"),
    ColumnLayout("Flag", 40, "wrap"),
    ColumnLayout("Sheet", 18),
    ColumnLayout("File", 28),
)
HEADERS = tuple(c.header for c in COLUMNS)
CHART_SERIES = ("Overdue", "Due this week", DONE, MISSED)


@dataclass(frozen=True)
class Client:
    """One tracker of the caseload: its row, and its This Week (None when it has no plan)."""

    row: dict[str, object]
    week: pd.DataFrame | None = None


def planned(
    name: str,
    file: str,
    this_week: pd.DataFrame,
    summary: Summary,
    last_refresh: pd.Timestamp | None,
) -> Client:
    """A client whose tracker was planned as `refresh --dry-run` plans it.

    Counts: This Week's rows by When (as the dry run prints them), the Summary's follow-ups
    sent and missed over the last ``BALANCE_DAYS`` days, its sandwich balance, and the
    opportunities by the state of their latest round (SPEC 6, 6b).
    """
    as_of = summary.as_of
    when = this_week["when"]
    ops = summary.states
    bal = summary.balance
    overdue = int((when == OVERDUE).sum())
    missed = _count(summary.follow_ups.table, MISSED_LABEL)
    unrefreshed = None if last_refresh is None else (as_of - last_refresh).days
    stale = unrefreshed is not None and unrefreshed >= STALE_DAYS
    # Red when something is being lost (a step's window closed, the routine stopped); amber
    # when something is late but can still be done, or the search is thin. The flag names
    # every reason for the colour, the red ones first.
    red = [
        wording.CASELOAD_MISSED.format(
            missed=wording.count(missed, "follow-up"), last_days=BALANCE_PERIOD
        )
        if missed
        else "",
        wording.CASELOAD_STALE.format(days=unrefreshed) if stale else "",
    ]
    amber = [
        wording.CASELOAD_OVERDUE.format(overdue=wording.count(overdue, "action"))
        if overdue
        else "",
        wording.CASELOAD_STALLING.format(
            searches=wording.count(bal.searches, "search activity", "search activities"),
            last_days=BALANCE_PERIOD,
            target=bal.target,
        )
        if bal.stalling
        else "",
        wording.CASELOAD_NEVER_REFRESHED if last_refresh is None else "",
    ]
    flags = [flag for flag in red + amber if flag]
    attention = NOW if any(red) else CHECK if flags else ON_TRACK
    row: dict[str, object] = {
        "Attention": attention,
        "Client": name,
        "Overdue": overdue,
        "Due this week": int(when.isin([TODAY, THIS_WEEK_WHEN]).sum()),
        DONE: bal.followups,
        MISSED: missed,
        SEARCHES: bal.searches,
        "Search target": bal.target,
        "Balance": bal.verdict,
        "Active opportunities": int((ops["status"] == ACTIVE).sum()),
        "In silence chain": int((ops["state"] == cadence.SILENCE).sum()),
        "Offers": bal.offers,
        "Last refresh": last_refresh,
        "Flag": "; ".join(flags),
        "File": file,
    }
    return Client(row, this_week)


def unplanned(name: str, file: str, why: str) -> Client:
    """A client whose tracker could not be planned: one row saying why, needing the coach."""
    return Client({"Attention": NOW, "Client": name, "Flag": why, "File": file})


def problems_text(problems: Sequence[Problem]) -> str:
    """The first errors of a tracker, named, and how many there are in all."""
    errors = [p for p in problems if p.is_error]
    named = " ".join(str(p) for p in errors[:NAMED_PROBLEMS])
    more = len(errors) - NAMED_PROBLEMS
    rest = wording.CASELOAD_MORE_ERRORS.format(more=wording.count(more, "more error"))
    return wording.CASELOAD_NOT_PLANNED.format(
        errors=wording.count(len(errors), "error"), named=named, rest=rest if more > 0 else ""
    )


def _count(table: pd.DataFrame, label: str) -> int:
    """The count a Summary table gives on the row labelled `label`."""
    return int(str(table.loc[table.iloc[:, 0] == label].iloc[0, 1]))


def sheet_names(names: Sequence[str], taken: Sequence[str] = (CASELOAD,)) -> list[str]:
    """A valid, unique sheet name for each client, in order: forbidden characters become
    '-', the name fits Excel's 31 characters with room for a ' (2)' that makes it unique."""
    used = {t.casefold() for t in taken} | _RESERVED
    out: list[str] = []
    for name in names:
        base = _FORBIDDEN.sub("-", " ".join(name.split()))
        candidate, number = _fit(base, SHEET_NAME_LIMIT), 1
        while candidate.casefold() in used:
            number += 1
            suffix = f" ({number})"
            candidate = _fit(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        used.add(candidate.casefold())
        out.append(candidate)
    return out


def _fit(name: str, limit: int) -> str:
    """The name cut to `limit` characters, with no apostrophe or space at either end."""
    return name.strip(" '")[:limit].strip(" '") or "Client"


def caseload(clients: Sequence[Client]) -> pd.DataFrame:
    """The Caseload table, clients needing the coach first: by Attention (Now, Check, On
    track), then most overdue, most missed, fewest search activities, then by name.

    Columns: ``HEADERS``; Sheet names the client's own sheet (blank when there is none). The
    index is each client's position in ``clients``.
    """
    frame = pd.DataFrame([c.row for c in clients]).reindex(columns=list(HEADERS))
    order = frame.assign(
        _rank=frame["Attention"].map({a: i for i, a in enumerate(ATTENTION_ORDER)}),
        _overdue=-frame["Overdue"].fillna(0),
        _missed=-frame[MISSED].fillna(0),
        _search=frame[SEARCHES].fillna(0),
        _name=frame["Client"].astype(str).str.casefold(),
    ).sort_values(["_rank", "_overdue", "_missed", "_search", "_name"], kind="stable")
    frame = frame.loc[order.index]
    planned = [clients[i].week is not None for i in frame.index]
    names = iter(sheet_names(frame.loc[planned, "Client"].astype(str).tolist()))
    frame["Sheet"] = [next(names) if shown else "" for shown in planned]
    return frame


def caseload_sheets(
    table: pd.DataFrame, clients: Sequence[Client], as_of: pd.Timestamp, days: int
) -> list[OwnedSheet]:
    """The Caseload sheet (highlighted like This Week, with a chart across clients), then one
    sheet per planned client with their This Week, without Notes, in the table's order.
    ``table``: as ``caseload(clients)`` returns it."""
    needing = int((table["Attention"] == NOW).sum())
    highlight = Highlight("Attention", ((NOW, RED), (CHECK, AMBER), (ON_TRACK, GREEN)))
    front = OwnedSheet(
        CASELOAD,
        (
            wording.CASELOAD_TITLE.format(
                day=long_day(as_of), clients=wording.count(len(table), "client"), needing=needing
            ),
            wording.CASELOAD_ABOUT.format(stale_days=STALE_DAYS),
        ),
        (SheetBlock(table.reset_index(drop=True), COLUMNS, table=CASELOAD, highlight=highlight),),
        chart=BarChart(
            wording.CASELOAD_CHART,
            0,
            "Client",
            CHART_SERIES,
            y_title=wording.CASELOAD_CHART_AXIS,
            below=True,
        ),
    )
    out = [front]
    shown = table[table["Sheet"] != ""]
    for number, position in enumerate(shown.index.tolist(), start=1):
        week = clients[position].week
        assert week is not None
        out.append(_client_sheet(shown.loc[position], week, as_of, days, number))
    return out


def _client_sheet(
    item: pd.Series, week: pd.DataFrame, as_of: pd.Timestamp, days: int, number: int
) -> OwnedSheet:
    sheet = this_week_sheet(week, as_of, days, private=False)
    block = dataclasses.replace(sheet.blocks[0], table=f"ThisWeek{number}")
    return dataclasses.replace(
        sheet,
        name=str(item["Sheet"]),
        title=(
            wording.CLIENT_TITLE.format(client=item["Client"], title=sheet.title[0]),
            wording.CLIENT_ABOUT.format(file=item["File"]),
        ),
        blocks=(block,),
    )
