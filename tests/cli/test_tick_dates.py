"""Dates typed into Done and Snooze until (SPEC 3, 6): read in the user's own date order, and
a Done date before its action could have been done is told, not recorded."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import refresh, run, sheet, type_into
from tests.workbooks import tracker

WEEK = THIS_WEEK_SHEET.name
CONTOSO = {
    "Company": "Contoso",
    "Role": "Data Engineer",
    "Interview date": dt.date(2026, 12, 3),
    "Interviewer": "Dan Miller",
}
# A day-first writer: the Search date shows the order (23 is no month).
DAY_FIRST = [{"Date": "23/11/2026", "Activity": "Application", "Company": "Wayne"}]


def recorded(path: Path) -> list[tuple[str, str]]:
    rows = sheet(path, HISTORY_SHEET.name)
    return [
        (pd.Timestamp(d).strftime("%Y-%m-%d"), str(s)) for d, s in rows[["Date", "Step"]].to_numpy()
    ]


def told(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith(("info: This", "warning:"))]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_done_date_is_read_in_the_order_the_tracker_s_own_dates_show(
    tmp_path: Path, writer: str
) -> None:
    path = tracker(tmp_path / "t.xlsx", [CONTOSO], search=DAY_FIRST, writer=writer)
    refresh(path, "2026-12-07")
    row = type_into(path, WEEK, {"Step": "halfway"}, {"Done": "08/12/2026"})
    info = (
        f"info: This Week!L5:L{row}: dates read day first, as Search!A2 '23/11/2026' shows; 1 "
        f"date could be read either way, read so: L{row} '08/12/2026' as Tue 8 Dec 2026. If "
        "that is wrong, set Date order in Settings (MDY, DMY, YMD)."
    )
    code, output = run("check", str(path), "--as-of", "2026-12-14")
    assert code == 0 and told(output) == [info], output
    output = refresh(path, "2026-12-14")
    assert info in output.splitlines()
    assert ("2026-12-08", "halfway") in recorded(path)
    # Done on 8 Dec, not 12 Aug: the halfway note is not listed again as overdue.
    assert "halfway" not in set(sheet(path, WEEK)["Step"])


def test_the_setting_decides_and_a_done_date_s_own_order_wins_over_other_sheets(
    tmp_path: Path,
) -> None:
    path = tracker(tmp_path / "t.xlsx", [CONTOSO], settings={"Date order": "DMY"})
    refresh(path, "2026-12-07")
    type_into(path, WEEK, {"Step": "halfway"}, {"Done": "08/12/2026"})
    code, output = run("check", str(path), "--as-of", "2026-12-14")
    assert code == 0 and told(output) == [], output
    refresh(path, "2026-12-14")
    assert ("2026-12-08", "halfway") in recorded(path)
    # No setting, a month-first Search, but the Done cells themselves show day first.
    path = tracker(
        tmp_path / "u.xlsx",
        [CONTOSO],
        search=[{"Date": "11/23/2026", "Activity": "Application", "Company": "Wayne"}],
    )
    refresh(path, "2026-12-07")
    type_into(path, WEEK, {"Step": "thank-you"}, {"Done": "04/12/2026"})
    type_into(path, WEEK, {"Step": "halfway"}, {"Done": "13/12/2026"})
    output = refresh(path, "2026-12-14")
    assert recorded(path) == [("2026-12-04", "thank-you"), ("2026-12-13", "halfway")], output
    assert "as This Week!L8 '13/12/2026' shows" in output


def test_an_ambiguous_done_or_snooze_date_with_no_order_known_asks_for_the_setting(
    tmp_path: Path,
) -> None:
    path = tracker(tmp_path / "t.xlsx", [CONTOSO])  # real dates only: no order to infer
    refresh(path, "2026-12-07")
    done = type_into(path, WEEK, {"Step": "halfway"}, {"Done": "08/12/2026"})
    snooze = type_into(path, WEEK, {"Step": "thank-you"}, {"Snooze until": "12/11/2026"})
    before = path.read_bytes()
    for command in ("check", "refresh"):
        code, output = run(command, str(path), "--as-of", "2026-12-14")
        assert code == 1
        assert [line for line in output.splitlines() if line.startswith("error")] == [
            f"error: This Week!L{done}: '08/12/2026' could be day first or month first. Set "
            "Date order in Settings to MDY or DMY (or type dates such as 2026-11-02).",
            f"error: This Week!M{snooze}: '12/11/2026' could be day first or month first. Set "
            "Date "
            "order in Settings to MDY or DMY (or type dates such as 2026-11-02).",
        ]
    assert path.read_bytes() == before


@pytest.mark.parametrize("command", ["check", "refresh"])
def test_an_ambiguous_done_or_snooze_date_is_not_read_month_first_meanwhile(
    tmp_path: Path, command: str
) -> None:
    # Month first, the snooze would end on 12 Oct (before the halfway note is due) and the
    # Done date would be 10 Dec (after the check): only the question of order is told.
    path = tracker(tmp_path / "t.xlsx", [CONTOSO])
    refresh(path, "2026-12-07")
    done = type_into(path, WEEK, {"Step": "thank-you"}, {"Done": "12/10/2026"})
    snooze = type_into(path, WEEK, {"Step": "halfway"}, {"Snooze until": "10/12/2026"})
    before = path.read_bytes()
    code, output = run(command, str(path), "--as-of", "2026-12-09")
    fix = "Set Date order in Settings to MDY or DMY (or type dates such as 2026-11-02)."
    assert code == 1
    assert [line for line in output.splitlines() if line.startswith(("error", "info", "warn"))] == [
        f"error: This Week!L{done}: '12/10/2026' could be day first or month first. {fix}",
        f"error: This Week!M{snooze}: '10/12/2026' could be day first or month first. {fix}",
    ]
    assert path.read_bytes() == before


def test_a_snooze_date_is_read_in_the_tracker_s_order(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [CONTOSO], search=DAY_FIRST)
    refresh(path, "2026-12-07")
    type_into(path, WEEK, {"Step": "halfway"}, {"Snooze until": "11/12/2026"})
    output = refresh(path, "2026-12-07")
    assert "as Search!A2 '23/11/2026' shows" in output
    week = sheet(path, WEEK)
    # 11 Dec, inside the week: listed that day (11 Nov would have been long past).
    due = week.loc[week["Step"].eq("halfway"), "Due"].iloc[0]
    assert pd.Timestamp(due) == pd.Timestamp("2026-12-11")


PANEL = [
    {**CONTOSO, "Interview date": dt.date(2026, 11, 24), "Interviewer": name}
    for name in ("Ann Lee", "Bob Roy")
]


def test_a_done_date_before_the_action_could_be_done_is_told_and_not_recorded(
    tmp_path: Path,
) -> None:
    search = [
        {"Date": dt.date(2026, 11, 16), "Activity": "Application", "Company": "Hooli", "Role": "PM"}
    ]
    contacts = [
        {"Name": "Tom Reyes", "Relationship": "Core network", "Last update": dt.date(2026, 11, 1)}
    ]
    path = tracker(tmp_path / "t.xlsx", PANEL, search=search, contacts=contacts)
    refresh(path, "2026-11-24")
    ann = type_into(path, WEEK, {"Contact": "Ann Lee"}, {"Done": dt.datetime(2026, 11, 20)})
    type_into(path, WEEK, {"Contact": "Bob Roy"}, {"Done": "x"})
    first = {"Company": "Hooli", "Action": "Follow up on your application (1 of 2)"}
    nudge = type_into(path, WEEK, first, {"Done": "11/13/2026"})
    tom = type_into(path, NETWORK_SHEET.name, {"Contact": "Tom Reyes"}, {"Done": "2026-10-30"})
    warnings = [
        f"warning: This Week!L{nudge}: '11/13/2026' (Fri 13 Nov 2026) is before the application "
        "it follows, on Mon 16 Nov 2026, so your tick of 'Follow up on your application (1 of "
        "2)' (Hooli, PM) is not recorded. Type the day you did it, or x; if the date applied is "
        "wrong, correct it in Search.",
        f"warning: This Week!L{ann}: '2026-11-20' is before the interview it follows, on Tue 24 "
        "Nov 2026, so your tick of 'Send a thank-you note; ask for their decision timeline and whether you may keep in touch' (Contoso, Data Engineer, Ann Lee) is "
        "not recorded. Type the day you did it, or x; if the interview date is wrong, correct it "
        "in Interviews.",
        f"warning: Network Updates!G{tom}: '2026-10-30' is before that contact's last update, on "
        "Sun 1 Nov 2026, so your tick of 'network-update' (Tom Reyes) is not recorded. Type the "
        "day you did it, or x; if the Last update is wrong, correct it in Contacts.",
    ]
    code, output = run("check", str(tmp_path / "t.xlsx"), "--as-of", "2026-11-30")
    assert code == 0 and told(output) == warnings, output
    output = refresh(path, "2026-11-30")
    assert told(output) == warnings
    assert recorded(path) == [("2026-11-24", "thank-you")]  # Bob's x only
    listed = sheet(path, WEEK)
    assert "Ann Lee" in set(listed["Contact"]) and "Hooli" in set(listed["Company"])


def test_a_snooze_already_over_is_said(tmp_path: Path) -> None:
    """A Snooze until whose day has passed by the refresh says so: a day before the action
    was due hid nothing; a later one is over and the action is back, due that day. Once the
    action is listed on its snooze's day, nothing more is said."""
    path = tracker(tmp_path / "t.xlsx", [CONTOSO])
    refresh(path, "2026-12-07")
    thanks = type_into(
        path, WEEK, {"Step": "thank-you"}, {"Snooze until": dt.datetime(2026, 12, 9)}
    )
    halfway = type_into(path, WEEK, {"Step": "halfway"}, {"Snooze until": "2026-12-01"})
    said = [
        f"info: This Week!M{thanks}: the snooze until Wed 9 Dec 2026 is over: this action comes "
        "back, due that day.",
        f"info: This Week!M{halfway}: the snooze until Tue 1 Dec 2026 was over before this "
        "action was due (Thu 10 Dec 2026), so it hides nothing. Type a later day to snooze it, "
        "or clear the cell.",
    ]
    code, output = run("check", str(path), "--as-of", "2026-12-14")
    assert code == 0 and [line for line in output.splitlines() if "the snooze" in line] == said
    output = refresh(path, "2026-12-14")
    assert [line for line in output.splitlines() if "the snooze" in line] == said
    week = sheet(path, WEEK)
    due = dict(zip(week["Step"], week["Due"], strict=False))
    assert pd.Timestamp(due["thank-you"]) == pd.Timestamp("2026-12-09")
    # The next week, the thank-you listed on its snooze's day is quiet.
    output = refresh(path, "2026-12-15")
    assert "Wed 9 Dec 2026 is over" not in output
