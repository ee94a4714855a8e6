"""A thank-you logged with the name people greet them by (SPEC 4, Done): a first name or a
surname that is one interviewer's alone completes that interviewer's thank-you; a Contact
that names no interviewer, or several, completes nothing and is warned about (SPEC 3, Log)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup.schema import THIS_WEEK_SHEET
from tests.cli.helpers import refresh, run, sheet
from tests.cli.test_rounds import summary_counts
from tests.workbooks import tracker

PANEL = ["Dana Lee", "Sam Lee", "Dana Kim"]


def panel(names: list[str], day: dt.date = dt.date(2026, 11, 2)) -> list[dict[str, object]]:
    return [
        {
            "Company": "Acme",
            "Role": "Analyst",
            "Interview date": day,
            "Interviewer": name,
            "Decision by": "3 weeks",
        }
        for name in names
    ]


def thanked(contact: str, day: dt.date = dt.date(2026, 11, 2)) -> dict[str, object]:
    return {
        "Date": day,
        "Company": "Acme",
        "Direction": "Sent",
        "Channel": "Email",
        "Step": "thank-you",
        "Contact": contact,
    }


def thank_yous_left(path: Path) -> list[str]:
    week = sheet(path, THIS_WEEK_SHEET.name)
    return sorted(week.loc[week["Step"].eq("thank-you"), "Contact"].tolist())


@pytest.mark.parametrize(
    ("interviewers", "contact", "left"),
    [
        (["Dana Lee"], "Dana", []),
        (["Dana Lee"], "lee", []),
        (["Dana Lee"], " DANA  lee ", []),
        (PANEL, "Sam", ["Dana Kim", "Dana Lee"]),
        (PANEL, "Kim", ["Dana Lee", "Sam Lee"]),
        # A title before the name is no first name, typed or not (with or without its stop).
        (["Dr. Ruth Okafor", "Dana Lee"], "Ruth", ["Dana Lee"]),
        (["Dr. Ruth Okafor", "Dana Lee"], "Ruth Okafor", ["Dana Lee"]),
        (["Dr. Ruth Okafor", "Dana Lee"], "okafor", ["Dana Lee"]),
        (["Dr Ruth Okafor"], "Ruth", []),
        (["Prof. Ana Gomez", "Dana Lee"], "Ana", ["Dana Lee"]),
        (["MRS. Jo Park"], "Jo Park", []),
        (["Ms Kim Ann Park", "Dana Lee"], "Kim Park", ["Dana Lee"]),
        (["Mr. Sam Lee", "Dana Kim"], "Mr Lee", ["Dana Kim"]),
        (["Sam Lee", "Dana Kim"], "Dr. Sam Lee", ["Dana Kim"]),
    ],
)
def test_a_first_name_or_surname_of_one_interviewer_completes_their_thank_you(
    tmp_path: Path, interviewers: list[str], contact: str, left: list[str]
) -> None:
    path = tracker(tmp_path / "t.xlsx", panel(interviewers), log=[thanked(contact)])
    code, output = run("check", str(path), "--as-of", "2026-11-05")
    assert code == 0, output
    assert "warning" not in output
    refresh(path, "2026-11-05")
    assert thank_yous_left(path) == left


@pytest.mark.parametrize(
    ("contact", "reason"),
    [
        (
            "Zed Nobody",
            "'Zed Nobody' is not an interviewer of Acme Analyst (the round on 2026-11-02: "
            "Dana Lee, Sam Lee, Dana Kim)",
        ),
        ("Lee", "'Lee' could be Dana Lee or Sam Lee"),
        ("Dana", "'Dana' could be Dana Lee or Dana Kim"),
        ("Dr. Dana", "'Dr. Dana' could be Dana Lee or Dana Kim"),
        (
            "Dana Okafor",
            "'Dana Okafor' is not an interviewer of Acme Analyst (the round on "
            "2026-11-02: Dana Lee, Sam Lee, Dana Kim)",
        ),
    ],
)
def test_a_thank_you_naming_no_single_interviewer_is_a_warning_naming_the_cell(
    tmp_path: Path, contact: str, reason: str
) -> None:
    path = tracker(tmp_path / "t.xlsx", panel(PANEL), log=[thanked(contact)], writer="xlsxwriter")
    expected = (
        f"warning: Log!G2: this thank-you completes nothing: {reason}. Type the interviewer's "
        "name as in Interviews, or leave Contact blank for a note to the whole round."
    )
    code, output = run("check", str(path), "--as-of", "2026-11-05")
    assert code == 0, output
    assert expected in output
    assert expected in refresh(path, "2026-11-05")
    assert thank_yous_left(path) == sorted(PANEL)


def test_the_round_the_note_followed_is_the_one_it_thanks(tmp_path: Path) -> None:
    rounds = [*panel(["Dana Lee"]), *panel(["Bob Ray"], dt.date(2026, 11, 16))]
    path = tracker(tmp_path / "t.xlsx", rounds, log=[thanked("Bob", dt.date(2026, 11, 16))])
    code, output = run("check", str(path), "--as-of", "2026-11-17")
    assert code == 0, output
    assert "warning" not in output
    refresh(path, "2026-11-17")
    assert thank_yous_left(path) == []
    # Logged before Bob's round, "Bob" thanks nobody yet.
    early = tracker(tmp_path / "e.xlsx", rounds, log=[thanked("Bob", dt.date(2026, 11, 3))])
    code, output = run("check", str(early), "--as-of", "2026-11-17")
    assert code == 0, output
    assert "'Bob' is not an interviewer of Acme Analyst (the round on 2026-11-02: Dana Lee)" in (
        output
    )


def test_logged_by_first_name_and_ticked_is_one_follow_up_sent(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", panel(["Dana Lee"]), log=[thanked("Dana")])
    refresh(path, "2026-11-03")
    assert summary_counts(path)["Sent in the last 7 days"] == "1"
