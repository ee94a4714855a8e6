"""The reader and validation on real workbook files: every problem names its cell."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followup.operations import load
from tests.workbooks import ACME, headers, tracker, write

AS_OF = pd.Timestamp("2026-11-23")


def problems(path: Path) -> list[str]:
    return [f"{p.level}: {p}" for p in load(path, AS_OF).problems]


def test_a_clean_tracker_has_no_problems(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME])
    assert problems(path) == []


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"Company": None},
            "error: Interviews!A2: Company is empty. Fill it in, or delete the row.",
        ),
        (
            {"Interview date": "next tuesday"},
            "error: Interviews!C2: 'next tuesday' is not a date. Type a date such as 2026-11-02.",
        ),
        (
            {"Decision by": "soon"},
            "error: Interviews!I2: 'soon' is neither a date nor a time after the interview. Type a "
            "date such as 2026-11-23, or a duration such as 3 weeks, 10 days, 2w or 10d.",
        ),
        (
            {"Interviewer type": "Wizard"},
            "error: Interviews!F2: 'Wizard' is not an Interviewer type. Choose one of: "
            "Decision maker, Hiring manager, HR, Recruiter, Peer, Panel.",
        ),
        (
            {"Decision by": dt.date(2026, 10, 1)},
            "warning: Interviews!I2: Decision by 2026-10-01 is before the interview date "
            "2026-11-02, so followup takes the interview day as the decision date. Fix whichever "
            "date is wrong.",
        ),
        (
            {"Keep in touch OK": "maybe"},
            "error: Interviews!J2: 'maybe' is not Yes or No. Type Yes or No.",
        ),
    ],
)
def test_each_interview_mistake_names_its_cell(tmp_path: Path, row: dict, expected: str) -> None:
    path = tracker(tmp_path / "t.xlsx", [{**ACME, **row}])
    assert problems(path) == [expected]


def test_log_rows_must_match_an_interview(tmp_path: Path) -> None:
    second_role = {**ACME, "Role": "Lead"}
    log = [
        {
            "Date": dt.date(2026, 11, 2),
            "Company": "Acme Corp",
            "Direction": "Sent",
            "Step": "thank-you",
        },
        {"Date": dt.date(2026, 11, 2), "Company": "acme", "Direction": "Sent", "Step": "thank-you"},
        {
            "Date": dt.date(2026, 11, 3),
            "Company": "Acme",
            "Role": "Boss",
            "Direction": "Sent",
            "Step": "halfway",
        },
        {
            "Date": dt.date(2026, 11, 4),
            "Company": "ACME",
            "Role": "analyst",
            "Direction": "sent",
            "Step": "Halfway",
        },
    ]
    assert problems(tracker(tmp_path / "t.xlsx", [ACME, second_role], log)) == [
        "error: Log!B2: no interview or application with the company 'Acme Corp'. Check the "
        "spelling against the Interviews and Search sheets, or add the interview or the "
        "application there first.",
        "error: Log!C3: Role is blank, but Acme has several roles (Analyst, Lead). Type the role "
        "this touchpoint was about.",
        "error: Log!C4: Acme has no interview or application for the role 'Boss'. Use one of: Analyst, Lead.",
    ]


def test_log_role_may_be_blank_for_a_company_with_one_role(tmp_path: Path) -> None:
    log = [
        {"Date": dt.date(2026, 11, 2), "Company": "ACME", "Direction": "Sent", "Step": "thank-you"}
    ]
    loaded = load(tracker(tmp_path / "t.xlsx", [ACME], log), AS_OF)
    assert loaded.problems == []
    assert loaded.tracker.log[["company", "role"]].to_numpy().tolist() == [["Acme", "Analyst"]]


def test_warnings_for_a_sent_row_without_step_and_a_future_date(tmp_path: Path) -> None:
    log = [
        {"Date": dt.date(2026, 11, 3), "Company": "Acme", "Direction": "Sent", "Channel": "Email"},
        {"Date": dt.date(2026, 12, 1), "Company": "Acme", "Direction": "Received"},
    ]
    assert problems(tracker(tmp_path / "t.xlsx", [ACME], log)) == [
        "warning: Log!F2: this Sent row has no Step, so it completes no follow-up step. Type the "
        "step it was, such as thank-you (leave it blank if it was none of them).",
        "warning: Log!A3: 2026-12-01 is in the future (today is 2026-11-23). Check the date: log a "
        "touchpoint once it has happened.",
    ]


def test_contacts_update_every_must_be_whole_days(tmp_path: Path) -> None:
    contacts = [{"Name": "Ana", "Relationship": "core network", "Update every": "fortnightly"}]
    assert problems(tracker(tmp_path / "t.xlsx", [ACME], contacts=contacts)) == [
        "error: Contacts!G2: 'fortnightly' is not a whole number of days. Type a number such as "
        "14, or leave it blank for the default."
    ]


def test_settings_values_are_checked(tmp_path: Path) -> None:
    settings = {"Skip weekends": "sometimes", "Holidays (country code)": "XX", "Glow windw": 3}
    assert problems(tracker(tmp_path / "t.xlsx", [ACME], settings=settings)) == [
        "error: Settings!B2: 'sometimes' is not a valid Skip weekends. Type Yes or No.",
        "error: Settings!B3: 'XX' is not a country code the holiday calendar knows. Use a "
        "two-letter code such as US, GB or DE, or leave it blank for no holidays.",
        "warning: Settings!A4: 'Glow windw' is not a setting followup knows, so it is ignored. "
        "Check the spelling against: "
        + ", ".join(s.name for s in __import__("followup.schema").schema.SETTINGS)
        + ".",
    ]


def test_settings_problems_come_in_row_order_and_good_values_of_every_kind_are_read(
    tmp_path: Path,
) -> None:
    settings = {
        "Glow windw": 3,
        "Glow window (days)": "two",
        "Reiterate email after (days)": 10,
        "Skip weekends": "no",
        "Status call time": "9am",
        "Weekly search target": "-",  # a placeholder: the default
        "Date order": "day first",
        "Response grace (days)": "a week",
        "Your name": "  Jordan Lee ",
    }
    loaded = load(tracker(tmp_path / "t.xlsx", [ACME], settings=settings), AS_OF)
    assert [f"{p.level}: {p}" for p in loaded.problems] == [
        "warning: Settings!A2: 'Glow windw' is not a setting followup knows, so it is ignored. "
        "Check the spelling against: "
        + ", ".join(s.name for s in __import__("followup.schema").schema.SETTINGS)
        + ".",
        "error: Settings!B3: 'two' is not a valid Glow window (days). Type a whole number such "
        "as 2 (the default).",
        "error: Settings!B8: 'day first' is not a valid Date order. Type one of: MDY, DMY, YMD, "
        "or leave it blank.",
        "error: Settings!B9: 'a week' is not a valid Response grace (days). Type a whole number "
        "such as 7 (the default).",
    ]
    read = loaded.tracker.settings
    assert (read.reiterate_email_days, read.skip_weekends) == (10, False)
    assert (read.status_call_time, read.weekly_search_target) == (dt.time(9), 10)
    assert (read.glow_days, read.your_name) == (2, "Jordan Lee")


def test_missing_sheet_and_missing_required_column(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME])
    wb = openpyxl.load_workbook(path)
    del wb["Search"]
    wb["Log"].delete_cols(4)  # Direction
    wb.save(path)
    assert problems(path) == [
        "error: Log!1:1: no column is headed 'Direction'. Rename the column that holds it, or add "
        "one (headers found: Date, Company, Role, Channel, Step, Contact, Message).",
        "info: Search: there is no Search sheet, so followup reads it as empty. Add one with "
        "the headers Date, Activity, Company, Role, Contact, Notes, Status when you want to use "
        "it.",
    ]


def test_a_formula_without_a_saved_result_is_an_error_not_a_blank(tmp_path: Path) -> None:
    # openpyxl saves formulas without calculating them, as some tools and scripts do.
    row = {**ACME, "Decision by": "=C2+21"}
    assert problems(tracker(tmp_path / "t.xlsx", [row])) == [
        "error: Interviews!I2: this formula has no saved result (the file was saved by a program "
        "that does not calculate). Open the tracker in Excel or LibreOffice and save it, then try "
        "again."
    ]


def test_shuffled_and_extra_columns_from_another_writer(tmp_path: Path) -> None:
    names = headers(__import__("followup.schema").schema.INTERVIEWS)
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    layout = ["My rating", *[f"  {h.upper()} " for h in shuffled]]
    values = {**ACME, "My rating": 5, "Status": "on HOLD", "Notes": "NA", "Round": "None"}
    rows = [layout, [values.get(h.strip().title() if h != "My rating" else h) for h in layout]]
    # Header matching ignores case and spaces, so look the values up by schema name instead.
    rows[1] = [
        values.get(next((n for n in names if n.casefold() == h.strip().casefold()), h))
        for h in layout
    ]
    sheets = {
        "Interviews": rows,
        "Log": [headers(__import__("followup.schema").schema.LOG)],
        "Contacts": [["Name", "Relationship"]],
        "Search": [["Activity", "Date"]],
        "Settings": [["Value", "Setting"], [14, "Glow window (days)"]],
    }
    path = write(tmp_path / "t.xlsx", sheets, writer="xlsxwriter")
    loaded = load(path, AS_OF)
    assert loaded.problems == []
    row = loaded.tracker.interviews.iloc[0]
    # "NA" may be someone's initials; "None" is one of the words for nothing (SPEC 3).
    assert (row.company, row.status, row.notes, row["round"]) == ("Acme", "On hold", "NA", "")
    assert row.decision_by == pd.Timestamp("2026-11-23")
    assert loaded.tracker.settings.glow_days == 14


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_1904_date_system(tmp_path: Path, writer: str) -> None:
    path = tracker(
        tmp_path / "t.xlsx",
        [{**ACME, "Decision by": dt.date(2026, 11, 20)}],
        writer=writer,
        date1904=True,
    )
    row = load(path, AS_OF).tracker.interviews.iloc[0]
    assert (row.interview_date, row.decision_by) == (
        pd.Timestamp("2026-11-02"),
        pd.Timestamp("2026-11-20"),
    )


def test_dates_as_iso_text_and_date_times(tmp_path: Path) -> None:
    rows = [
        {**ACME, "Interview date": "2026-11-02", "Decision by": "2026-11-23"},
        {
            **ACME,
            "Role": "Lead",
            "Interview date": dt.datetime(2026, 11, 3, 14, 30),
            "Decision by": "10d",
        },
    ]
    frame = load(tracker(tmp_path / "t.xlsx", rows), AS_OF).tracker.interviews
    assert frame["interview_date"].tolist() == [
        pd.Timestamp("2026-11-02"),
        pd.Timestamp("2026-11-03"),
    ]
    assert frame["decision_by"].tolist() == [pd.Timestamp("2026-11-23"), pd.Timestamp("2026-11-13")]


@pytest.mark.parametrize(
    ("text", "days"),
    [("3 weeks", 21), ("1 week", 7), ("10 days", 10), ("2w", 14), ("10d", 10), ("2 W", 14)],
)
def test_decision_by_durations(tmp_path: Path, text: str, days: int) -> None:
    frame = load(
        tracker(tmp_path / "t.xlsx", [{**ACME, "Decision by": text}]), AS_OF
    ).tracker.interviews
    assert frame["decision_by"].iloc[0] == pd.Timestamp("2026-11-02") + pd.Timedelta(days=days)
    assert frame["decision_given"].iloc[0]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    rows = [ACME, {}, {}, {**ACME, "Role": "Lead", "Interview date": "bad"}]
    assert problems(tracker(tmp_path / "t.xlsx", rows)) == [
        "error: Interviews!C5: 'bad' is not a date. Type a date such as 2026-11-02."
    ]


def test_formatting_to_the_last_row_reads_only_the_data(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME] * 50)
    wb = openpyxl.load_workbook(path)
    ws = wb["Interviews"]
    fill = openpyxl.styles.PatternFill("solid", fgColor="FFFF00")
    for row in (60, 5000, 1_048_576):
        ws.cell(row=row, column=1).fill = fill
    ws.column_dimensions["A"].fill = fill
    wb.save(path)
    assert len(load(path, AS_OF).tracker.interviews) == 50


def test_not_a_workbook_and_missing_file(tmp_path: Path) -> None:
    from followup.errors import UnreadableWorkbook

    (tmp_path / "notes.xlsx").write_bytes(b"\x00\x01 not a zip")
    with pytest.raises(UnreadableWorkbook, match=r"notes\.xlsx is not an Excel workbook"):
        load(tmp_path / "notes.xlsx", AS_OF)
    with pytest.raises(UnreadableWorkbook, match=r"missing\.xlsx was not found"):
        load(tmp_path / "missing.xlsx", AS_OF)


def test_an_unknown_step_is_reported_once(tmp_path: Path) -> None:
    log = [{"Date": dt.date(2026, 11, 3), "Company": "Acme", "Direction": "Sent", "Step": "lunch"}]
    found = problems(tracker(tmp_path / "t.xlsx", [ACME], log))
    assert len(found) == 1 and found[0].startswith(
        "error: Log!F2: 'lunch' is not a Step. Choose one of:"
    )


def test_a_bad_setting_number_suggests_its_own_default(tmp_path: Path) -> None:
    found = problems(tracker(tmp_path / "t.xlsx", [ACME], settings={"Glow window (days)": "two"}))
    assert found == [
        "error: Settings!B2: 'two' is not a valid Glow window (days). Type a whole number such as 2 (the default)."
    ]
