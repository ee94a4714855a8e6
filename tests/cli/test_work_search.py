"""The work-search log for an unemployment office (SPEC 6a)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.cli.helpers import run
from tests.workbooks import ACME, tracker

D = dt.date


@pytest.fixture
def search(tmp_path: Path) -> Path:
    """Two weeks of a search (Mon 2 to Sun 15 Nov 2026) with activities just outside them."""
    panel = {
        "Company": "Brightline",
        "Role": "Program Manager",
        "Interview date": D(2026, 11, 10),
        "Round": "Panel onsite",
        "Notes": "private: salary talk",
    }
    return tracker(
        tmp_path / "tracker.xlsx",
        interviews=[
            {**ACME, "Round": "Phone screen", "Notes": "private: felt nervous"},
            {**panel, "Interviewer": "Ana Diaz"},
            {**panel, "Interviewer": "Ben Okoro"},
            {**panel, "Interviewer": "Chloé Martin"},
            {**ACME, "Interview date": D(2026, 11, 16), "Round": "Onsite"},  # after the period
        ],
        log=[
            {
                "Date": D(2026, 11, 2),
                "Company": "Acme",
                "Direction": "Sent",
                "Channel": "Email",
                "Step": "thank-you",
                "Contact": "Dana Kim",
            },
            {
                "Date": D(2026, 11, 4),
                "Company": "Acme",
                "Direction": "Received",
                "Channel": "Email",
            },
            {
                "Date": D(2026, 11, 11),
                "Company": "Brightline",
                "Direction": "Sent",
                "Channel": "Voicemail",
                "Step": "thank-you",
                "Contact": "Ben Okoro",
            },
        ],
        search=[
            {"Date": D(2026, 11, 1), "Activity": "Application", "Company": "Too Early Inc"},
            {
                "Date": D(2026, 11, 3),
                "Activity": "Application",
                "Company": "Müller GmbH",
                "Notes": "private: dream job",
            },
            {
                "Date": D(2026, 11, 5),
                "Activity": "Cold call",
                "Company": "Initech",
                "Contact": "Peter Gibbons",
            },
            {"Date": D(2026, 11, 12), "Activity": "Event", "Notes": "job fair"},
            {"Date": D(2026, 11, 16), "Activity": "Networking", "Contact": "Too Late"},
        ],
        settings={"Your name": "Zoë Adams", "Work search activities required per week": 4},
    )


EXPECTED = [
    ["2026-11-02", "Acme", "Dana Kim", "Phone", "Analyst", "Interview (Phone screen)"],
    ["2026-11-02", "Acme", "Dana Kim", "Email", "Analyst", "Follow-up sent (thank-you)"],
    ["2026-11-03", "Müller GmbH", "", "Online application", "", "Applied"],
    ["2026-11-05", "Initech", "Peter Gibbons", "Phone", "", "Cold call made"],
    ["Week 2026-11-02 to 2026-11-08", "", "", "", "", "4 activities; 4 required: met."],
    [
        "2026-11-10",
        "Brightline",
        "Ana Diaz, Ben Okoro, Chloé Martin",
        "In person",
        "Program Manager",
        "Interview (Panel onsite)",
    ],
    [
        "2026-11-11",
        "Brightline",
        "Ben Okoro",
        "Phone",
        "Program Manager",
        "Follow-up sent (thank-you)",
    ],
    ["2026-11-12", "", "", "In person", "", "Attended a hiring or networking event"],
    ["Week 2026-11-09 to 2026-11-15", "", "", "", "", "3 activities; 4 required: 1 short."],
]


def test_work_search_csv_lists_the_activities_in_range_with_weekly_counts(
    search: Path, tmp_path: Path
) -> None:
    out = tmp_path / "log.csv"
    before = search.read_bytes()
    code, output = run(
        "export", str(search), "--work-search", str(out), "--as-of", "2026-11-20",
        "--from", "2026-11-02", "--until", "2026-11-15",
    )  # fmt: skip
    assert code == 0, output
    assert output == (
        f"Wrote the work-search log (7 activities in 2 weeks; 1 below the 4 required) to {out}.\n"
    )
    assert search.read_bytes() == before
    assert out.read_bytes().startswith(b"\xef\xbb\xbfDate,Employer,")  # Excel reads it as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Date", "Employer", "Contact person", "Method", "Position", "Result"]
    assert sorted(rows[1:5]) == sorted(EXPECTED[:4]) and rows[5:] == EXPECTED[4:]
    assert "private" not in out.read_text("utf-8-sig")

    # Next week's log may replace this one; a file followup did not write may not.
    code, _ = run("export", str(search), "--work-search", str(out), "--as-of", "2026-11-20")
    assert code == 0
    theirs = tmp_path / "mine.csv"
    theirs.write_text("Client,Hours\n")
    code, output = run("export", str(search), "--work-search", str(theirs))
    assert code == 1 and "is not a work-search log that followup wrote" in output
    assert theirs.read_text() == "Client,Hours\n"


def test_work_search_workbook_defaults_to_the_last_four_weeks(search: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.xlsx"
    code, output = run("export", str(search), "--work-search", str(out), "--as-of", "2026-11-25")
    assert code == 0, output
    assert "(9 activities in 4 weeks; 3 below the 4 required)" in output
    ws = openpyxl.load_workbook(out)["Work search"]
    cells = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    text = [str(row[0]) for row in cells if row]
    assert text[0] == "Work-search log of Zoë Adams: Mon 2 Nov 2026 to Wed 25 Nov 2026"
    weeks = [t for t in text if t.startswith("Week of")]
    assert weeks == [
        "Week of Mon 2 Nov 2026 to Sun 8 Nov 2026",
        "Week of Mon 9 Nov 2026 to Sun 15 Nov 2026",
        "Week of Mon 16 Nov 2026 to Sun 22 Nov 2026",
        "Week of Mon 23 Nov 2026 to Wed 25 Nov 2026",
    ]
    counts = [t for t in text if "required:" in t]
    assert counts == [
        "4 activities; 4 required: met.",
        "3 activities; 4 required: 1 short.",
        "2 activities; 4 required: 2 short.",
        "0 activities; 4 required: 4 short.",
    ]
    dated = [row for row in cells if row and isinstance(row[0], dt.datetime)]
    assert len(dated) == 9 and dated[0][0] == dt.datetime(2026, 11, 2)


def test_work_search_needs_a_fitting_name_and_an_orderly_period(search: Path) -> None:
    code, output = run("export", str(search), "--work-search", "log.ics")
    assert code == 2 and "log.ics is not a name for a work-search log" in output
    code, output = run(
        "export",
        str(search),
        "--work-search",
        "log.csv",
        "--from",
        "2026-11-20",
        "--until",
        "2026-11-02",
    )
    assert code == 1 and "the period starts (2026-11-20) after it ends (2026-11-02)" in output
    code, output = run("export", str(search), "--to", "c.xlsx", "--from", "2026-11-20")
    assert code == 2 and "--from and --until are for the work-search log" in output
