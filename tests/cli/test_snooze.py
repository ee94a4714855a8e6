"""Snooze end to end (SPEC section 6): a date typed in Snooze until hides the action from
This Week (or Network Updates) until the refresh whose window holds that day, over as many
refreshes as it takes, and it comes back due that day."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followup.schema import NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet, type_into
from tests.cli.test_rounds import summary_counts
from tests.workbooks import ACME, copied, tracker

WEEK = THIS_WEEK_SHEET.name
NUDGE = "application-follow-up"


def refresh(path: Path, as_of: str, days: int = 7) -> str:
    code, output = run("refresh", str(path), "--as-of", as_of, "--days", f"{days}", "--no-backup")
    assert code == 0, output
    return output


@pytest.fixture(scope="module")
def acme_refreshed_once(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    @functools.cache
    def made(as_of: str, writer: str, contacts: bool) -> Path:
        path = tracker(
            tmp_path_factory.mktemp("acme") / "t.xlsx",
            [ACME],
            contacts=CONTACTS if contacts else (),
            writer=writer,
        )
        refresh(path, as_of)
        return path

    return made


@pytest.fixture
def acme_refreshed(acme_refreshed_once: Callable[..., Path], tmp_path: Path) -> Callable[..., Path]:
    """Acme's tracker (Maria among its contacts if asked), written by `writer` and refreshed
    on a day, copied for the test to change; each is made once a module."""

    def copy(as_of: str, *, writer: str = "openpyxl", contacts: bool = False) -> Path:
        return copied(acme_refreshed_once(as_of, writer, contacts), tmp_path)

    return copy


def rows(path: Path, name: str = WEEK) -> list[tuple[str, ...]]:
    table = sheet(path, name).astype(object).fillna("")
    if name == WEEK:
        return [(str(s), str(c)) for s, c in table[["Step", "Contact"]].to_numpy()]
    return [(str(c),) for c in table["Contact"]]


def thank_yous(path: Path) -> list[tuple[str, str]]:
    return [(step, who) for step, who in rows(path) if step == "thank-you"]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_snoozed_action_is_hidden_over_refreshes_and_returns_due_on_its_day(
    acme_refreshed: Callable[..., Path], writer: str
) -> None:
    path = acme_refreshed("2026-11-23", writer=writer)  # status email due Tue 24 Nov
    assert ("status-email", "Dana Kim") in rows(path)
    type_into(path, WEEK, {"Step": "status-email"}, {"Snooze until": dt.datetime(2026, 12, 3)})
    # Refreshes whose window ends before Thu 3 Dec: hidden, the snooze kept for it.
    for day, days in (("2026-11-24", 7), ("2026-11-26", 7), ("2026-11-30", 3)):
        output = refresh(path, day, days)
        assert "status-email" not in {step for step, _ in rows(path)}, day
        assert "not carried over" not in output
        assert summary_counts(path)["Snoozed actions"] == "1"
    # The week that holds it lists it, due that day, the snooze still shown.
    refresh(path, "2026-11-30")
    week = sheet(path, WEEK)
    coming = week[week["Step"].eq("status-email")].iloc[0]
    assert (coming["When"], pd.Timestamp(coming["Due"])) == (
        "This week",
        pd.Timestamp("2026-12-03"),
    )
    assert pd.Timestamp(coming["Snooze until"]) == pd.Timestamp("2026-12-03")
    assert summary_counts(path)["Snoozed actions"] == "0"
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
    refresh(path, "2026-11-03", days=2)  # Tue 3 and Wed 4 Nov
    assert thank_yous(path) == [("thank-you", "Bo Chen")]
    refresh(path, "2026-11-04")  # Wed 4 to Tue 10 Nov: Ann's comes back on Thu 5 Nov
    week = sheet(path, WEEK).set_index("Contact")
    assert (week.loc["Ann Lee", "When"], pd.Timestamp(week.loc["Ann Lee", "Due"])) == (
        "This week",
        pd.Timestamp("2026-11-05"),
    )
    assert week.loc["Bo Chen", "When"] == "Overdue"
    refresh(path, "2026-11-05")
    week = sheet(path, WEEK).set_index("Contact")
    assert week.loc["Ann Lee", "When"] == "Today"
    assert week.loc["Bo Chen", "When"] == "Overdue"


def test_a_snooze_that_is_no_date_is_warned_about_and_the_action_stays(
    acme_refreshed: Callable[..., Path],
) -> None:
    path = acme_refreshed("2026-11-23")
    row = type_into(path, WEEK, {"Step": "status-email"}, {"Snooze until": "next week"})
    told = (
        f"warning: This Week!M{row}: 'next week' is not a date, so this action is not snoozed "
        "and stays listed. Type the day it should come back, such as 2026-11-20, or clear the "
        "cell.\n"
    )
    # check lists it as refresh does.
    code, output = run("check", str(path), "--as-of", "2026-11-24")
    assert (code, output.count(told)) == (0, 1)
    assert output.endswith("t.xlsx: 1 warning. Ready for followup refresh.\n")
    output = refresh(path, "2026-11-24")
    assert output.count(told) == 1
    week = sheet(path, WEEK)
    # Listed still, with the value kept for the user to correct.
    assert week.loc[week["Step"].eq("status-email"), "Snooze until"].tolist() == ["next week"]


CONTACTS = [
    {"Name": "Maria Gonzalez", "Relationship": "Core network", "Last update": dt.date(2026, 10, 1)}
]


def test_a_network_update_snoozed_leaves_both_sheets_until_its_day(
    acme_refreshed: Callable[..., Path],
) -> None:
    path = acme_refreshed("2026-11-24", contacts=True)
    assert rows(path, NETWORK_SHEET.name) == [("Maria Gonzalez",)]
    type_into(
        path, NETWORK_SHEET.name, {"Contact": "Maria Gonzalez"}, {"Snooze until": "2026-11-30"}
    )
    # Windows that end before Mon 30 Nov.
    for day, days in (("2026-11-25", 5), ("2026-11-27", 3)):
        refresh(path, day, days)
        assert rows(path, NETWORK_SHEET.name) == []
        assert ("network-update", "Maria Gonzalez") not in rows(path)
        assert summary_counts(path)["Snoozed actions"] == "1"
    # Fri 27 Nov to Thu 3 Dec holds it: on both sheets, due that Monday.
    refresh(path, "2026-11-27")
    assert rows(path, NETWORK_SHEET.name) == [("Maria Gonzalez",)]
    week = sheet(path, WEEK)
    update = week[week["Step"].eq("network-update")].iloc[0]
    assert (update["When"], pd.Timestamp(update["Due"])) == (
        "This week",
        pd.Timestamp("2026-11-30"),
    )
    refresh(path, "2026-11-30")
    assert rows(path, NETWORK_SHEET.name) == [("Maria Gonzalez",)]
    assert ("network-update", "Maria Gonzalez") in rows(path)


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_note_and_draft_edited_on_a_snoozed_action_come_back_with_it(
    tmp_path: Path, writer: str
) -> None:
    # Month first, as the setting says (with no order known, 12/3 could be either).
    path = tracker(tmp_path / "t.xlsx", [ACME], settings={"Date order": "MDY"}, writer=writer)
    refresh(path, "2026-11-23")
    type_into(
        path,
        WEEK,
        {"Step": "status-email"},
        {
            "Snooze until": "12/3/2026",
            "Note": "they decide after the holidays",
            "Draft": "Hi Dana, I hope the holidays went well.",
        },
    )
    # Hidden over two refreshes: nothing is said to be lost.
    for day in ("2026-11-24", "2026-11-26"):
        output = refresh(path, day)
        assert "not carried over" not in output, day
        assert "status-email" not in {step for step, _ in rows(path)}
    output = refresh(path, "2026-11-30")
    assert "warning" not in output
    week = sheet(path, WEEK)
    back = week[week["Step"].eq("status-email")].iloc[0]
    assert back["When"] == "This week"
    assert back["Note"] == "they decide after the holidays"
    assert back["Draft"] == "Hi Dana, I hope the holidays went well."
    # The carried draft is still the user's on the next refresh.
    refresh(path, "2026-12-04")
    week = sheet(path, WEEK)
    back = week[week["Step"].eq("status-email")].iloc[0]
    assert (back["When"], back["Draft"]) == ("Overdue", "Hi Dana, I hope the holidays went well.")


def test_a_note_kept_for_a_snoozed_action_done_meanwhile_is_named_in_a_warning(
    acme_refreshed: Callable[..., Path],
) -> None:
    path = acme_refreshed("2026-11-23")
    type_into(
        path,
        WEEK,
        {"Step": "status-email"},
        {"Snooze until": dt.datetime(2026, 12, 3), "Note": "ask about the budget"},
    )
    assert "not carried over" not in refresh(path, "2026-11-24")
    # Sent anyway on the 25th, logged in the Log: the action is done, its note has no row.
    log_sent(path, dt.datetime(2026, 11, 25), "status-email")
    output = refresh(path, "2026-11-26")
    assert (
        "warning: This Week: your edit of Note for 'Ask whether you are still being "
        "considered' (Acme, Analyst, Dana Kim), kept while it was snoozed, was not carried "
        "over: that action is not on the new list (done in the Log, replaced by a later step, "
        "or past its time). The backup of the tracker still holds it."
    ) in output
    # Told once: the next refresh has nothing left to keep.
    assert "kept while it was snoozed" not in refresh(path, "2026-11-27")


def log_sent(path: Path, day: dt.datetime, step: str) -> None:
    """Add a Sent row to the Log, as the user types one."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Log"]
    header = [c.value for c in ws[1]]
    row = {"Date": day, "Company": "Acme", "Direction": "Sent", "Step": step}
    ws.append([row.get(h) for h in header])
    wb.save(path)


def test_a_network_update_draft_edited_while_snoozed_comes_back(
    acme_refreshed: Callable[..., Path],
) -> None:
    path = acme_refreshed("2026-11-24", contacts=True)
    type_into(
        path,
        NETWORK_SHEET.name,
        {"Contact": "Maria Gonzalez"},
        {"Snooze until": "2026-11-30", "Draft": "Maria, quick news from Acme!"},
    )
    assert "not carried over" not in refresh(path, "2026-11-25", days=3)
    assert rows(path, NETWORK_SHEET.name) == []
    refresh(path, "2026-11-30")
    assert sheet(path, NETWORK_SHEET.name)["Draft"].tolist() == ["Maria, quick news from Acme!"]


def test_snoozing_the_call_keeps_the_status_email_until_its_own_window_ends(
    acme_refreshed: Callable[..., Path],
) -> None:
    path = acme_refreshed("2026-11-23", writer="xlsxwriter")  # status email and call due Tue 24 Nov
    # "I'll call on Wednesday instead": the email's window is not ended by the call's snooze.
    type_into(path, WEEK, {"Step": "status-call"}, {"Snooze until": "Nov 25, 2026"})
    for day in ("2026-11-25", "2026-11-30"):
        refresh(path, day)
        week = sheet(path, WEEK).set_index("Step")
        assert week.loc["status-email", "When"] == "Overdue", day
    # Timed from the call as snoozed, the reiterate email falls due on Wed 2 Dec.
    assert "still useful until Tue 1 Dec." in week.loc["status-email", "Why"]
    refresh(path, "2026-12-02")
    steps = {step for step, _ in rows(path)}
    assert "status-email" not in steps and "reiterate-email" in steps
    # The email and the call, both closed by the reiterate email.
    assert summary_counts(path)["Missed in the last 7 days"] == "2"


def test_snoozing_the_halfway_note_keeps_the_thank_you_until_its_own_window_ends(
    tmp_path: Path,
) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], writer="xlsxwriter")
    code, _ = run("refresh", str(path), "--as-of", "2026-11-02", "--days", "14", "--no-backup")
    assert code == 0
    # The halfway note (due Thu 12 Nov) moved up to Thu 5 Nov by a snooze.
    type_into(path, WEEK, {"Step": "halfway"}, {"Snooze until": "2026-11-05"})
    refresh(path, "2026-11-06")
    week = sheet(path, WEEK).set_index("Step")
    assert week.loc["thank-you", "When"] == "Overdue"
    assert week.loc["thank-you", "Why"].endswith("Send it by Wed 11 Nov.")
    assert week.loc["halfway", "When"] == "Overdue"


def test_snoozing_the_second_nudge_keeps_the_first_until_its_own_window_ends(
    tmp_path: Path,
) -> None:
    applied = {"Date": dt.date(2026, 11, 2), "Activity": "Application", "Company": "Globex"}
    path = tracker(tmp_path / "t.xlsx", search=[applied], writer="xlsxwriter")
    code, _ = run("refresh", str(path), "--as-of", "2026-11-09", "--days", "14", "--no-backup")
    assert code == 0
    nudges = sheet(path, WEEK)
    assert pd.to_datetime(nudges.loc[nudges["Step"].eq(NUDGE), "Due"]).tolist() == [
        pd.Timestamp("2026-11-09"),
        pd.Timestamp("2026-11-16"),
    ]
    type_into(
        path,
        WEEK,
        {"Step": NUDGE, "Due": dt.datetime(2026, 11, 16)},
        {"Snooze until": "11/11/2026"},
    )
    refresh(path, "2026-11-12")
    week = sheet(path, WEEK)
    nudges = week[week["Step"].eq(NUDGE)]
    assert list(zip(nudges["When"], pd.to_datetime(nudges["Due"]), strict=True)) == [
        ("Overdue", pd.Timestamp("2026-11-09")),
        ("Overdue", pd.Timestamp("2026-11-11")),
    ]


def test_check_warns_of_a_network_snooze_that_is_no_date(
    acme_refreshed: Callable[..., Path],
) -> None:
    path = acme_refreshed("2026-11-24", contacts=True)
    row = type_into(
        path, NETWORK_SHEET.name, {"Contact": "Maria Gonzalez"}, {"Snooze until": "after xmas"}
    )
    code, output = run("check", str(path), "--as-of", "2026-11-25")
    assert code == 0
    assert (
        f"warning: Network Updates!H{row}: 'after xmas' is not a date, so this action is not "
        "snoozed and stays listed."
    ) in output
