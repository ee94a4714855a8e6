"""Glow calls for a round booked in the coming week (SPEC 5, Glow window): a weekly user
refreshes on Monday, interviews on Thursday, and next refreshes after the glow has passed,
so the calls are listed in the week they fall due, on the interview's day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followup.schema import HISTORY_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet, type_into
from tests.workbooks import ACME, tracker

WEEK = THIS_WEEK_SHEET.name
ONSITE = {**ACME, "Interview date": dt.date(2026, 12, 3), "Round": "Onsite"}
PEOPLE = [{"Name": "Yan Wu", "Relationship": "Other", "Phone": "555-0101"}]


def glow(path: Path, as_of: str, *args: str) -> pd.DataFrame:
    code, output = run("refresh", str(path), "--as-of", as_of, "--no-backup", *args)
    assert code == 0, output
    week = sheet(path, WEEK)
    return week[week["Step"].eq("glow-calls")]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_glow_calls_are_listed_ahead_on_the_day_of_a_round_booked_this_week(
    tmp_path: Path, writer: str
) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME, ONSITE], contacts=PEOPLE, writer=writer)
    rows = glow(path, "2026-11-30")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["When"], pd.Timestamp(row["Due"])) == ("This week", pd.Timestamp("2026-12-03"))
    assert row["Why"].startswith("Interview at Acme (Analyst) on Thu 3 Dec: for 2 days after")
    assert row["Action"] == "Use the post-interview glow: call Yan Wu, then make a cold call"
    # Ticked x, it is done on its day, not on the day the sheet was written.
    type_into(path, WEEK, {"Step": "glow-calls"}, {"Done": "x"})
    assert glow(path, "2026-12-07").empty  # the window has passed
    history = sheet(path, HISTORY_SHEET.name)
    assert [
        (pd.Timestamp(d).strftime("%Y-%m-%d"), s) for d, s in history[["Date", "Step"]].to_numpy()
    ] == [("2026-12-03", "glow-calls")]


def test_glow_calls_wait_for_a_round_beyond_the_window_or_cancelled(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME, ONSITE], contacts=PEOPLE)
    assert glow(path, "2026-11-30", "--days", "3").empty  # Mon to Wed: the onsite is Thu
    assert len(glow(path, "2026-12-02", "--days", "3")) == 1
    cancelled = tracker(
        tmp_path / "c.xlsx", [ACME, {**ONSITE, "Status": "Withdrawn"}], contacts=PEOPLE
    )
    assert glow(cancelled, "2026-11-30").empty


def test_a_round_held_lately_keeps_its_glow_calls_today(tmp_path: Path) -> None:
    held = {**ACME, "Interview date": dt.date(2026, 11, 29)}
    path = tracker(tmp_path / "t.xlsx", [held, {**ONSITE, "Company": "Beta"}], contacts=PEOPLE)
    row = glow(path, "2026-11-30").iloc[0]
    assert (row["When"], pd.Timestamp(row["Due"])) == ("Today", pd.Timestamp("2026-11-30"))
    assert row["Why"].startswith("Interview at Acme (Analyst) on Sun 29 Nov: ")


def recorded(path: Path) -> list[tuple[str, str]]:
    history = sheet(path, HISTORY_SHEET.name)
    return [
        (pd.Timestamp(d).strftime("%Y-%m-%d"), s) for d, s in history[["Date", "Step"]].to_numpy()
    ]


@pytest.mark.parametrize(
    ("writer", "between"),
    [
        ("openpyxl", ["2026-12-01"]),
        ("xlsxwriter", ["2026-12-02"]),
        ("openpyxl", ["2026-12-01", "2026-12-02"]),
    ],
)
def test_glow_calls_ticked_ahead_wait_ticked_until_the_interview_day(
    tmp_path: Path, writer: str, between: list[str]
) -> None:
    """As a thank-you listed ahead (README, Tick Done): x counts on the interview day; a
    refresh before it records nothing and keeps the tick; after it they are not listed again."""
    path = tracker(tmp_path / "t.xlsx", [ACME, ONSITE], contacts=PEOPLE, writer=writer)
    glow(path, "2026-11-30")
    type_into(path, WEEK, {"Step": "glow-calls"}, {"Done": "x"})
    for day in between:
        code, output = run("refresh", str(path), "--as-of", day, "--no-backup")
        assert code == 0 and "Recorded" not in output, output
        rows = glow(path, day)
        assert [(pd.Timestamp(d), x) for d, x in rows[["Due", "Done"]].to_numpy()] == [
            (pd.Timestamp("2026-12-03"), "x")
        ]
        assert recorded(path) == []
    assert glow(path, "2026-12-03").empty
    assert recorded(path) == [("2026-12-03", "glow-calls")]
    assert glow(path, "2026-12-04").empty
    assert recorded(path) == [("2026-12-03", "glow-calls")]


def test_glow_calls_done_in_the_window_are_not_listed_again_until_the_next_round(
    tmp_path: Path,
) -> None:
    later = {**ACME, "Company": "Beta", "Interview date": dt.date(2026, 12, 8)}
    path = tracker(tmp_path / "t.xlsx", [ACME, ONSITE, later], contacts=PEOPLE)
    assert len(glow(path, "2026-12-03", "--days", "1")) == 1  # the onsite is today
    type_into(path, WEEK, {"Step": "glow-calls"}, {"Done": "x"})
    assert glow(path, "2026-12-04", "--days", "1").empty  # in the window, but done
    assert glow(path, "2026-12-05", "--days", "1").empty
    assert recorded(path) == [("2026-12-03", "glow-calls")]
    # Beta's round, after them, has its own glow calls.
    rows = glow(path, "2026-12-07")
    assert [pd.Timestamp(d) for d in rows["Due"]] == [pd.Timestamp("2026-12-08")]


def test_glow_calls_ticked_ahead_of_a_round_then_cancelled_say_the_tick_was_not_kept(
    tmp_path: Path,
) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME, ONSITE], contacts=PEOPLE)
    glow(path, "2026-11-30")
    row = type_into(path, WEEK, {"Step": "glow-calls"}, {"Done": "x"})
    # The onsite is called off: its Status cell (row 3, under Acme's first round) says so.
    wb = openpyxl.load_workbook(path)
    ws = wb["Interviews"]
    ws.cell(3, [c.value for c in ws[1]].index("Status") + 1).value = "Withdrawn"
    wb.save(path)
    code, output = run("refresh", str(path), "--as-of", "2026-12-01", "--no-backup")
    assert code == 0, output
    assert (
        f"warning: This Week!L{row}: your tick of 'Use the post-interview glow: call Yan Wu, "
        "then make a cold call' was not recorded: that interview has not happened yet and its "
        "glow calls are not on the new list. They come back in the week of the interview: tick "
        "them there once you have made them.\n"
    ) in output
    assert recorded(path) == []
