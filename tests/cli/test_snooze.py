"""Snooze end to end (SPEC section 6): a date typed in Snooze until hides the action from
This Week (or Network Updates) until that day, over as many refreshes as it takes, and it
comes back due that day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup.schema import NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet, type_into
from tests.cli.test_rounds import summary_counts
from tests.workbooks import ACME, tracker

WEEK = THIS_WEEK_SHEET.name


def refresh(path: Path, as_of: str) -> str:
    code, output = run("refresh", str(path), "--as-of", as_of, "--no-backup")
    assert code == 0, output
    return output


def rows(path: Path, name: str = WEEK) -> list[tuple[str, ...]]:
    table = sheet(path, name).astype(object).fillna("")
    if name == WEEK:
        return [(str(s), str(c)) for s, c in table[["Step", "Contact"]].to_numpy()]
    return [(str(c),) for c in table["Contact"]]


def thank_yous(path: Path) -> list[tuple[str, str]]:
    return [(step, who) for step, who in rows(path) if step == "thank-you"]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_snoozed_action_is_hidden_over_refreshes_and_returns_due_on_its_day(
    tmp_path: Path, writer: str
) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], writer=writer)
    refresh(path, "2026-11-23")  # status email due Tue 24 Nov
    assert ("status-email", "Dana Kim") in rows(path)
    type_into(path, WEEK, {"Step": "status-email"}, {"Snooze until": dt.datetime(2026, 12, 3)})
    # Two refreshes (and a third) while it is hidden: the snooze is kept for it.
    for day in ("2026-11-24", "2026-11-26", "2026-12-02"):
        output = refresh(path, day)
        assert "status-email" not in {step for step, _ in rows(path)}, day
        assert "not carried over" not in output
        assert summary_counts(path)["Snoozed actions"] == "1"
    refresh(path, "2026-12-03")
    week = sheet(path, WEEK)
    back = week[week["Step"].eq("status-email")].iloc[0]
    assert (back["When"], pd.Timestamp(back["Due"])) == ("Today", pd.Timestamp("2026-12-03"))
    assert pd.Timestamp(back["Snooze until"]) == pd.Timestamp("2026-12-03")
    # The next step is timed from the snooze day: a week later, Thu 10 Dec.
    refresh(path, "2026-12-10")
    week = sheet(path, WEEK)
    due = week.loc[week["Step"].eq("reiterate-email"), "Due"].iloc[0]
    assert pd.Timestamp(due) == pd.Timestamp("2026-12-10")
    assert summary_counts(path)["Snoozed actions"] == "0"


PANEL = [
    {**ACME, "Interviewer": name, "Round": "Panel", "Interviewer type": "Panel"}
    for name in ("Ann Lee", "Bo Chen")
]


def test_a_snooze_on_a_panel_thank_you_hides_only_that_interviewers_row(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", PANEL)
    refresh(path, "2026-11-02")
    # A date as people type it, as text.
    type_into(path, WEEK, {"Contact": "Ann Lee"}, {"Snooze until": "Nov 5, 2026"})
    refresh(path, "2026-11-03")
    assert thank_yous(path) == [("thank-you", "Bo Chen")]
    refresh(path, "2026-11-04")
    assert thank_yous(path) == [("thank-you", "Bo Chen")]
    refresh(path, "2026-11-05")
    week = sheet(path, WEEK).set_index("Contact")
    assert week.loc["Ann Lee", "When"] == "Today"
    assert week.loc["Bo Chen", "When"] == "Overdue"


def test_a_snooze_that_is_no_date_is_warned_about_and_the_action_stays(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME])
    refresh(path, "2026-11-23")
    row = type_into(path, WEEK, {"Step": "status-email"}, {"Snooze until": "next week"})
    output = refresh(path, "2026-11-24")
    assert f"This Week!M{row}: 'next week' is not a date, so this action is not snoozed" in output
    week = sheet(path, WEEK)
    # Listed still, with the value kept for the user to correct.
    assert week.loc[week["Step"].eq("status-email"), "Snooze until"].tolist() == ["next week"]


CONTACTS = [
    {"Name": "Maria Gonzalez", "Relationship": "Core network", "Last update": dt.date(2026, 10, 1)}
]


def test_a_network_update_snoozed_leaves_both_sheets_until_its_day(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], contacts=CONTACTS)
    refresh(path, "2026-11-24")
    assert rows(path, NETWORK_SHEET.name) == [("Maria Gonzalez",)]
    type_into(
        path, NETWORK_SHEET.name, {"Contact": "Maria Gonzalez"}, {"Snooze until": "2026-11-30"}
    )
    for day in ("2026-11-25", "2026-11-27"):
        refresh(path, day)
        assert rows(path, NETWORK_SHEET.name) == []
        assert ("network-update", "Maria Gonzalez") not in rows(path)
        assert summary_counts(path)["Snoozed actions"] == "1"
    refresh(path, "2026-11-30")
    assert rows(path, NETWORK_SHEET.name) == [("Maria Gonzalez",)]
    assert ("network-update", "Maria Gonzalez") in rows(path)


def test_a_note_on_a_snoozed_action_is_named_in_a_warning(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME])
    refresh(path, "2026-11-23")
    row = type_into(
        path,
        WEEK,
        {"Step": "status-email"},
        {"Snooze until": dt.datetime(2026, 12, 3), "Note": "they decide after the holidays"},
    )
    output = refresh(path, "2026-11-24")
    assert (
        f"warning: This Week!N{row}: your edit of Note for 'Ask whether you are still being "
        "considered' (Acme, Analyst, Dana Kim) was not carried over: that action is snoozed "
        "until Thu 3 Dec 2026, and followup keeps only the snooze while it is hidden."
    ) in output
    assert summary_counts(path)["Snoozed actions"] == "1"
