"""Six weekly refreshes of a realistic search, as a job seeker lives them (issue: real weeks):
several companies, a round booked ahead, a panel, an offer typed on one panel row, ticks with
`x` and with dates, and a send both logged and ticked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd

from followup.schema import HISTORY_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet, type_into
from tests.cli.test_rounds import summary_counts
from tests.workbooks import tracker

WEEK = THIS_WEEK_SHEET.name
D = dt.date


def interviews() -> list[dict[str, object]]:
    acme = {"Company": "Acme", "Role": "PM", "Interviewer type": "Hiring manager"}
    panel = {
        "Company": "Brightline",
        "Role": "Program Manager",
        "Interview date": D(2026, 11, 24),
        "Round": "Panel",
        "Interviewer type": "Panel",
        "Decision by": "2 weeks",
    }
    return [
        {**acme, "Interview date": D(2026, 11, 2), "Interviewer": "Rae Cole",
         "Round": "Screen", "Decision by": "1 week"},
        {**acme, "Interview date": D(2026, 11, 11), "Interviewer": "Ola Berg",
         "Round": "Onsite", "Decision by": "3 weeks"},
        {"Company": "Cobalt", "Role": "Analyst", "Interview date": D(2026, 11, 3),
         "Interviewer": "Dee Fox", "Decision by": "2 weeks"},
        {**panel, "Interviewer": "Ann Lee"},
        {**panel, "Interviewer": "Bo Chen"},
    ]  # fmt: skip


def actions(path: Path) -> list[tuple[str, str, str, str]]:
    week = sheet(path, WEEK)
    week = week[week["Company"].notna()]
    return [
        (str(c), str(s), str(w), "" if pd.isna(p) else str(p))
        for c, s, w, p in week[["Company", "Step", "When", "Contact"]].to_numpy()
    ]


def history(path: Path) -> list[tuple[str, str, str, str]]:
    rows = sheet(path, HISTORY_SHEET.name)
    return [
        (pd.Timestamp(d).strftime("%m-%d"), str(c), str(s), "" if pd.isna(p) else str(p))
        for d, c, s, p in rows[["Date", "Company", "Step", "Contact"]].to_numpy()
    ]


def refresh(path: Path, as_of: str) -> None:
    code, output = run("refresh", str(path), "--as-of", as_of, "--no-backup")
    assert code == 0, output


def add_row(path: Path, sheet_name: str, values: list[object]) -> None:
    """Type a row at the end of one of the user's sheets, as in Excel."""
    wb = openpyxl.load_workbook(path)
    wb[sheet_name].append(values)
    wb.save(path)


COUNTS = ("Sent in the last 7 days", "Next round scheduled", "Awaiting decision",
          "In silence chain", "Closed: Offer", "Interviewed", "Offers")  # fmt: skip


def test_six_weeks(tmp_path: Path) -> None:
    path = tracker(
        tmp_path / "t.xlsx",
        interviews(),
        log=[{"Date": D(2026, 11, 4), "Company": "Acme", "Direction": "Received",
              "Message": "invited to onsite"}],
        contacts=[{"Name": "Ava Stone", "Relationship": "Advocate", "Company": "Cobalt"}],
    )  # fmt: skip
    weeks = {}
    ticks = {
        "2026-11-02": [({"Company": "Acme", "Step": "thank-you"}, "x")],
        "2026-11-09": [
            ({"Company": "Cobalt", "Step": "thank-you"}, dt.datetime(2026, 11, 4)),
            ({"Company": "Acme", "Step": "thank-you"}, "x"),
        ],
        "2026-11-16": [
            ({"Company": "Cobalt", "Step": "halfway"}, "x"),
            ({"Company": "Cobalt", "Step": "status-email"}, "x"),
        ],
        "2026-11-23": [({"Company": "Brightline", "Step": "thank-you"}, "x")],
        "2026-11-30": [({"Company": "Acme", "Step": "halfway"}, dt.datetime(2026, 11, 27))],
        "2026-12-07": [],
    }
    for as_of, ticked in ticks.items():
        refresh(path, as_of)
        weeks[as_of] = (actions(path), history(path), summary_counts(path))
        for match, mark in ticked:
            type_into(path, WEEK, match, {"Done": mark})
        if as_of == "2026-11-16":  # the status email is also logged, a day after it went out
            add_row(path, "Log", [D(2026, 11, 19), "Cobalt", "Analyst", "Sent", "Email",
                                  "status-email", "Dee Fox", "Any news?"])  # fmt: skip
        if as_of == "2026-11-30":  # the offer, typed on the first panellist's row only
            wb = openpyxl.load_workbook(path)
            wb["Interviews"]["M5"] = "Offer"
            wb.save(path)
    for as_of, (acts, hist, counts) in weeks.items():
        want_acts, want_hist, want_counts = EXPECTED[as_of]
        assert acts == want_acts, as_of
        assert hist == want_hist, as_of
        assert [counts[k] for k in COUNTS] == list(want_counts), as_of


TY, HW, SE, SC = "thank-you", "halfway", "status-email", "status-call"
RE, RC, ADV = "reiterate-email", "reiterate-call", "ask-advocate"
DONE_BY_WEEK = [
    ("11-02", "Acme", TY, "Rae Cole"),  # x, due that day
    ("11-04", "Cobalt", TY, "Dee Fox"),  # a typed date
    ("11-11", "Acme", TY, "Ola Berg"),  # x ticked in advance: the onsite's day
    ("11-16", "Cobalt", HW, "Dee Fox"),  # x on an overdue row: the day the sheet was written
    ("11-18", "Cobalt", SE, "Dee Fox"),  # x, due Wed 18; logged on Thu 19 too: counted once
    ("11-24", "Brightline", TY, "Ann Lee"),  # two panellists the same day: two actions
    ("11-24", "Brightline", TY, "Bo Chen"),
    ("11-27", "Acme", HW, "Ola Berg"),
]
# Per week: This Week's actions (company, step, when, contact), History, and the Summary's
# counts in the order of COUNTS.
EXPECTED = {
    "2026-11-02": (
        # The onsite is on the calendar: Acme's screen gets no halfway note or status email.
        [("Acme", TY, "Today", "Rae Cole"), ("Cobalt", TY, "This week", "Dee Fox")],
        [],
        ("0", "1", "2", "0", "0", "1", "0"),
    ),
    "2026-11-09": (
        [
            ("Cobalt", TY, "Overdue", "Dee Fox"),
            ("Cobalt", HW, "This week", "Dee Fox"),
            ("Acme", TY, "This week", "Ola Berg"),  # the onsite's thank-you, in advance
        ],
        DONE_BY_WEEK[:1],
        ("0", "1", "2", "0", "0", "2", "0"),
    ),
    "2026-11-16": (
        [
            ("Cobalt", HW, "Overdue", "Dee Fox"),
            ("Cobalt", SE, "This week", "Dee Fox"),
            ("Cobalt", SC, "This week", "Dee Fox"),
        ],
        DONE_BY_WEEK[:3],
        ("1", "0", "3", "0", "0", "2", "0"),
    ),
    "2026-11-23": (
        [
            ("Cobalt", SC, "Overdue", "Dee Fox"),
            ("Acme", HW, "Today", "Ola Berg"),
            ("Cobalt", ADV, "Today", "Ava Stone"),
            ("Brightline", TY, "This week", "Ann Lee"),
            ("Brightline", TY, "This week", "Bo Chen"),
            ("Cobalt", RE, "This week", "Dee Fox"),
        ],
        DONE_BY_WEEK[:5],
        ("1", "0", "2", "1", "0", "2", "0"),
    ),
    "2026-11-30": (
        [
            ("Acme", HW, "Overdue", "Ola Berg"),
            ("Cobalt", RE, "Overdue", "Dee Fox"),
            ("Cobalt", ADV, "Today", "Ava Stone"),
            # Two panellists of one kind: the halfway note goes to the first by name.
            ("Brightline", HW, "This week", "Ann Lee"),
            ("Cobalt", RC, "This week", "Dee Fox"),
            ("Acme", SE, "This week", "Ola Berg"),
            ("Acme", SC, "This week", "Ola Berg"),
        ],
        DONE_BY_WEEK[:7],
        ("2", "0", "2", "1", "0", "3", "0"),
    ),
    "2026-12-07": (
        # The offer on Ann's row closes Brightline: nothing asks whether you are considered.
        [
            ("Cobalt", RC, "Overdue", "Dee Fox"),
            ("Acme", SE, "Overdue", "Ola Berg"),
            ("Acme", SC, "Overdue", "Ola Berg"),
            ("Cobalt", ADV, "Today", "Ava Stone"),
            ("Acme", RE, "This week", "Ola Berg"),
        ],
        DONE_BY_WEEK,
        ("0", "0", "0", "2", "1", "3", "1"),
    ),
}
