"""Rounds as a job seeker lives them (SPEC section 4): a round booked ahead, a panel entered
one row per interviewer, a status typed on one row of a round."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from followup.schema import NETWORK_SHEET, SUMMARY, THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet
from tests.workbooks import tracker

NOV = {d: dt.date(2026, 11, d) for d in range(1, 31)}


def summary_counts(path: Path) -> dict[str, str]:
    grid = pd.read_excel(path, sheet_name=SUMMARY, header=None, engine="calamine", dtype=str)
    return {str(a): str(b) for a, b in grid.iloc[:, :2].dropna().to_numpy()}


def steps(path: Path, company: str) -> list[tuple[str, str, str]]:
    week = sheet(path, THIS_WEEK_SHEET.name)
    mine = week[week["Company"].eq(company)]
    return [tuple(map(str, r)) for r in mine[["Step", "When", "Contact"]].fillna("").to_numpy()]


def acme_with_onsite(tmp_path: Path, writer: str = "openpyxl") -> Path:
    screen = {
        "Company": "Acme",
        "Role": "PM",
        "Interview date": NOV[2],
        "Round": "Recruiter screen",
        "Interviewer": "Rae Cole",
        "Interviewer type": "Recruiter",
        "Decision by": "1 week",
    }
    onsite = {**screen, "Interview date": NOV[11], "Round": "Onsite", "Decision by": None}
    return tracker(
        tmp_path / "t.xlsx",
        [
            screen,
            {**onsite, "Interviewer": "Ola Berg", "Interviewer type": "Hiring manager"},
            {**onsite, "Interviewer": "Lee Park", "Interviewer type": "Peer"},
        ],
        log=[
            {
                "Date": NOV[4],
                "Company": "Acme",
                "Direction": "Received",
                "Message": "invited to onsite",
            }
        ],
        writer=writer,
    )


def test_a_round_on_the_calendar_stops_the_old_cycle_and_lists_its_thank_yous(
    tmp_path: Path,
) -> None:
    for writer in ("openpyxl", "xlsxwriter"):
        path = acme_with_onsite(tmp_path, writer)
        code, output = run("refresh", str(path), "--as-of", "2026-11-09", "--no-backup")
        assert code == 0, output
        # Not round 1's halfway note, status email or call: the onsite's two thank-yous.
        assert steps(path, "Acme") == [
            ("thank-you", "This week", "Lee Park"),
            ("thank-you", "This week", "Ola Berg"),
        ]
        assert summary_counts(path)["Next round scheduled"] == "1"
        assert summary_counts(path)["Awaiting decision"] == "0"
        path.unlink()


def test_before_the_round_enters_the_window_nothing_of_the_old_cycle_is_suggested(
    tmp_path: Path,
) -> None:
    path = acme_with_onsite(tmp_path)
    code, output = run("refresh", str(path), "--as-of", "2026-11-03", "--no-backup")
    assert code == 0, output
    assert steps(path, "Acme") == [("thank-you", "Overdue", "Rae Cole")]
    # On the onsite's day its own cycle starts.
    code, output = run("refresh", str(path), "--as-of", "2026-11-11", "--no-backup")
    assert code == 0, output
    assert steps(path, "Acme") == [
        ("thank-you", "Today", "Lee Park"),
        ("thank-you", "Today", "Ola Berg"),
    ]
    assert summary_counts(path)["Next round scheduled"] == "0"


PANEL = [
    {
        "Company": "Brightline",
        "Role": "Senior Program Manager",
        "Interview date": NOV[24],
        "Round": "Panel",
        "Interviewer": name,
        "Interviewer type": "Panel",
        "Skills highlighted": skill,
        "Decision by": "2 weeks",
    }
    for name, skill in (
        ("Ann Lee", "roadmaps"),
        ("Bo Chen", "vendor management"),
        ("Cy Diaz", "roadmaps"),
    )
]
SCREEN = {
    "Company": "Cobalt",
    "Role": "Analyst",
    "Interview date": NOV[20],
    "Round": "Phone screen",
    "Interviewer": "Dee Fox",
}
FRIEND = {"Name": "Maria Gonzalez", "Relationship": "Core network"}


def test_a_panel_is_one_round_in_notes_why_and_funnel(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [SCREEN, *PANEL], contacts=[FRIEND])
    code, output = run("refresh", str(path), "--as-of", "2026-11-25", "--no-backup")
    assert code == 0, output
    note = sheet(path, NETWORK_SHEET.name).iloc[0]
    assert note["Why"] == "No update on record yet; 2 interviews to share."
    assert note["Draft"].count("Brightline") == 1
    assert (
        "- Brightline, Senior Program Manager (Panel, Tue 24 Nov, with Ann Lee, Bo Chen and "
        "Cy Diaz)" in note["Draft"]
    )
    assert "- Cobalt, Analyst (Phone screen, Fri 20 Nov)" in note["Draft"]
    assert "roadmaps and vendor management" in note["Draft"]
    counts = summary_counts(path)
    assert (counts["Interviewed"], counts["Second rounds"]) == ("2", "0")
    # Still one thank-you per panellist.
    assert [c for s, _, c in steps(path, "Brightline") if s == "thank-you"] == [
        "Ann Lee",
        "Bo Chen",
        "Cy Diaz",
    ]


def test_offer_on_one_panel_row_closes_the_opportunity_and_check_says_so(tmp_path: Path) -> None:
    rows = [{**PANEL[0], "Status": "Offer"}, PANEL[1], {**PANEL[2], "Status": "Active"}]
    path = tracker(tmp_path / "t.xlsx", [SCREEN, *rows], contacts=[FRIEND])
    code, output = run("check", str(path))
    assert code == 0, output
    assert (
        "warning: Interviews!M3:M5: the rows of the Brightline Senior Program Manager round on "
        "2026-11-24 give different statuses (M3 'Offer', M5 'Active'); followup takes Offer, "
        "the most decisive. Give every row of the round the same Status (or leave the others "
        "blank)."
    ) in output
    code, output = run("refresh", str(path), "--as-of", "2026-12-09", "--no-backup")
    assert code == 0, output
    assert steps(path, "Brightline") == []  # no "are you still being considered"
    counts = summary_counts(path)
    assert (counts["Closed: Offer"], counts["Offers"]) == ("1", "1")
    note = sheet(path, NETWORK_SHEET.name).iloc[0]
    assert (
        "good news: I have an offer for the Senior Program Manager role at Brightline"
        in (note["Draft"])
    )


def test_one_status_typed_on_one_row_is_no_disagreement(tmp_path: Path) -> None:
    rows = [PANEL[0], {**PANEL[1], "Status": "Rejected"}, PANEL[2]]
    path = tracker(tmp_path / "t.xlsx", rows)
    code, output = run("check", str(path))
    assert code == 0 and "different statuses" not in output, output
    code, output = run("refresh", str(path), "--as-of", "2026-12-09", "--no-backup")
    assert code == 0, output
    assert summary_counts(path)["Closed: Rejected"] == "1"
    assert steps(path, "Brightline") == []


def test_a_decision_date_typed_on_one_panel_row_holds_for_the_round(tmp_path: Path) -> None:
    # The worked example of SPEC 4, typed as a person does: dates as text, day first, and the
    # decision timeframe and key point on the first interviewer's row only.
    panel = [
        {
            "Company": "Acme",
            "Role": "Analyst",
            "Interview date": "02.11.2026",
            "Interviewer": "Ann Lee",
            "Decision by": "3 weeks",
            "Keep in touch OK": "Yes",
            "Key point": "the data migration",
        },
        {
            "Company": "Acme",
            "Role": "Analyst",
            "Interview date": "02.11.2026",
            "Interviewer": "Bo Chen",
        },
    ]
    path = tracker(tmp_path / "t.xlsx", panel, settings={"Date order": "DMY"}, writer="xlsxwriter")
    code, output = run("refresh", str(path), "--as-of", "2026-11-02", "--no-backup")
    assert code == 0, output
    week = sheet(path, THIS_WEEK_SHEET.name)
    thanks = week[week["Step"].eq("thank-you")]
    # The round gave its timeline: neither thank-you asks for it.
    assert thanks["Action"].tolist() == ["Send a thank-you note", "Send a thank-you note"]
    code, output = run("refresh", str(path), "--as-of", "2026-11-16", "--no-backup")
    assert code == 0, output
    week = sheet(path, THIS_WEEK_SHEET.name).set_index("Step")
    assert week.loc["halfway", "When"] == "Overdue"
    assert pd.Timestamp(week.loc["halfway", "Due"]) == pd.Timestamp("2026-11-12")
    assert "the decision date (Mon 23 Nov)" in week.loc["halfway", "Why"]
    code, output = run("refresh", str(path), "--as-of", "2026-11-30", "--no-backup")
    week = sheet(path, THIS_WEEK_SHEET.name).set_index("Step")
    assert pd.Timestamp(week.loc["reiterate-email", "Due"]) == pd.Timestamp("2026-12-01")
    assert "the data migration" in week.loc["reiterate-email", "Draft"]


def test_the_glow_calls_speak_of_one_interview_when_there_was_one(tmp_path: Path) -> None:
    contacts = [
        {"Name": name, "Relationship": "Core network", "Last update": dt.date(2026, 10, 1)}
        for name in ("Maria Gonzalez", "Raj Patel", "Sue Park")
    ]
    acme = {"Company": "Acme", "Role": "Analyst", "Interview date": NOV[2], "Interviewer": "Dana"}
    path = tracker(tmp_path / "t.xlsx", [acme], contacts=contacts, writer="xlsxwriter")
    code, output = run("refresh", str(path), "--as-of", "2026-11-03", "--no-backup")
    assert code == 0, output
    week = sheet(path, THIS_WEEK_SHEET.name).set_index("Step")
    assert week.loc["glow-calls", "Why"].startswith("Interview at Acme (Analyst) on Mon 2 Nov: ")
