"""Application follow-ups end to end: a tracker that is a list of applications, refreshed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup.schema import HISTORY_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import refresh, run, sheet, type_into
from tests.foreign import via_libreoffice
from tests.workbooks import ACME, tracker, write

# Applications as people keep them: no interview yet, a role and sometimes a contact.
APPLICATIONS = [
    {
        "Date": dt.date(2026, 11, 2),
        "Activity": "Application",
        "Company": "Globex",
        "Role": "Data Analyst",
        "Contact": "Hank Scorpio",
    },
    {"Date": dt.date(2026, 11, 4), "Activity": "Application", "Company": "Initech", "Role": ""},
]


def nudges(path: Path) -> list[tuple[str, str, str, str]]:
    week = sheet(path, THIS_WEEK_SHEET.name)
    rows = week[week["Step"].eq("application-follow-up")].astype(object).fillna("")
    return list(zip(rows["When"], rows["Company"], rows["Action"], rows["Contact"], strict=True))


# A job-board style list: one sheet, its own headers, statuses in its own words.
OWN_LIST = [
    ["Employer", "Position", "Date applied", "Recruiter", "Application status"],
    ["Globex", "Data Analyst", dt.date(2026, 11, 2), "Hank Scorpio", "Applied"],
    ["Initech", "BI Developer", dt.date(2026, 11, 4), None, "Under review"],
    ["Umbrella", "Analyst", dt.date(2026, 11, 3), None, "Rejected"],
    ["Hooli", "Engineer", dt.date(2026, 11, 3), None, "Paused"],
]


@pytest.mark.parametrize("kind", ["xlsxwriter", "csv"])
def test_an_imported_list_of_applications_refreshed_shows_the_nudges_due(
    tmp_path: Path, kind: str
) -> None:
    if kind == "csv":
        source = tmp_path / "applications.csv"
        source.write_text(
            "\n".join(",".join("" if v is None else str(v) for v in row) for row in OWN_LIST) + "\n"
        )
    else:
        source = write(tmp_path / "applications.xlsx", {"Jobs": OWN_LIST}, writer=kind)
    path = tmp_path / "tracker.xlsx"
    code, output = run("import", str(source), str(path))
    assert code == 0, output
    code, output = run("refresh", str(path), "--as-of", "2026-11-10", "--no-backup")
    assert code == 0, output
    # Rejected and paused applications get no nudge; the others theirs, oldest first.
    assert nudges(path) == [
        ("Overdue", "Globex", "Follow up on your application (1 of 2)", "Hank Scorpio"),
        ("This week", "Initech", "Follow up on your application (1 of 2)", ""),
        ("This week", "Globex", "Follow up on your application (2 of 2)", "Hank Scorpio"),
    ]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_list_of_applications_refreshed_shows_the_nudges_due(tmp_path: Path, writer: str) -> None:
    path = tracker(tmp_path / "t.xlsx", search=APPLICATIONS, writer=writer)
    code, output = run("refresh", str(path), "--as-of", "2026-11-10", "--no-backup")
    assert code == 0, output
    assert nudges(path) == [
        ("Overdue", "Globex", "Follow up on your application (1 of 2)", "Hank Scorpio"),
        ("This week", "Initech", "Follow up on your application (1 of 2)", ""),
        ("This week", "Globex", "Follow up on your application (2 of 2)", "Hank Scorpio"),
    ]
    assert "  - Globex (Data Analyst): Follow up on your application (1 of 2), due Mon 9 Nov" in (
        output
    )
    week = sheet(path, THIS_WEEK_SHEET.name)
    draft = week.loc[week["Company"].eq("Globex"), "Draft"].iloc[0]
    assert draft.startswith("Hi Hank,") and "the Data Analyst role at Globex" in draft


def test_ticking_a_nudge_records_it_and_times_the_next_from_it(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", search=APPLICATIONS[:1])
    assert run("refresh", str(path), "--as-of", "2026-11-11", "--no-backup")[0] == 0
    done = {"Done": dt.datetime(2026, 11, 11)}
    first = {"Company": "Globex", "Action": "Follow up on your application (1 of 2)"}
    type_into(path, THIS_WEEK_SHEET.name, first, done)
    code, output = run("refresh", str(path), "--as-of", "2026-11-12", "--no-backup")
    assert code == 0, output
    history = sheet(path, HISTORY_SHEET.name)
    assert history["Step"].tolist() == ["application-follow-up"]
    # Sent late, on Wed 11 Nov: the second nudge a week after that.
    week = sheet(path, THIS_WEEK_SHEET.name)
    row = week[week["Company"].eq("Globex")].iloc[0]
    assert row["Action"] == "Follow up on your application (2 of 2)"
    assert row["Due"].date() == dt.date(2026, 11, 18)


def test_a_received_log_row_for_an_application_passes_check_and_stops_the_nudges(
    tmp_path: Path,
) -> None:
    log = [
        {
            "Date": dt.date(2026, 11, 6),
            "Company": "globex ",
            "Direction": "Received",
            "Message": "Thanks, we are reviewing",
        }
    ]
    path = tracker(tmp_path / "t.xlsx", [ACME], log=log, search=APPLICATIONS)
    code, output = run("check", str(path))
    assert code == 0, output
    assert run("refresh", str(path), "--as-of", "2026-11-10", "--no-backup")[0] == 0
    assert [c for _, c, _, _ in nudges(path)] == ["Initech"]


def test_a_log_row_for_a_company_neither_interviewed_nor_applied_to_is_an_error(
    tmp_path: Path,
) -> None:
    log = [{"Date": dt.date(2026, 11, 6), "Company": "Hooli", "Direction": "Received"}]
    path = tracker(tmp_path / "t.xlsx", [ACME], log=log, search=APPLICATIONS)
    code, output = run("check", str(path))
    assert code == 1
    assert (
        "error: Log!B2: no interview or application with the company 'Hooli'. Check the "
        "spelling against the Interviews and Search sheets, or add the interview or the "
        "application there first." in output
    )


def test_an_application_status_from_the_dropdown_pauses_or_ends_it(tmp_path: Path) -> None:
    search = [
        {**APPLICATIONS[0], "Status": "On hold"},
        {**APPLICATIONS[1], "Status": "Rejected"},
    ]
    path = tracker(tmp_path / "t.xlsx", search=search)
    code, output = run("refresh", str(path), "--as-of", "2026-11-10", "--no-backup")
    assert code == 0, output
    assert nudges(path) == []


def test_the_demo_shows_a_nudge(tmp_path: Path) -> None:
    code, output = run("demo", str(tmp_path))
    assert code == 0, output
    assert nudges(tmp_path / "sample-tracker.xlsx")


# The last nudge done is the last (SPEC 4a: at most Application follow-ups in all; SPEC 6: a
# repeated step's identity includes its number), however it was marked done.
SOYLENT = [
    {
        "Date": dt.date(2026, 11, 16),
        "Activity": "Application",
        "Company": "Soylent",
        "Role": "Analyst",
    }
]
LAST = {"Company": "Soylent", "Action": "Follow up on your application (2 of 2)"}


def _no_third_nudge(path: Path, *weeks: str) -> None:
    for as_of in weeks:
        refresh(path, as_of)
        assert nudges(path) == [], as_of
    history = sheet(path, HISTORY_SHEET.name)
    assert history["Step"].tolist() == ["application-follow-up"]
    summary = pd.read_excel(path, sheet_name="Summary", header=None, engine="calamine")
    assert ["Without response", 1] in summary.iloc[:, :2].to_numpy().tolist()


@pytest.mark.parametrize(
    "saved_by", ["openpyxl", pytest.param("libreoffice", marks=pytest.mark.soffice)]
)
def test_ticking_the_last_nudge_after_a_missed_one_ends_the_nudges(
    tmp_path: Path, saved_by: str
) -> None:
    path = tracker(tmp_path / "t.xlsx", search=SOYLENT)
    refresh(path, "2026-11-30")  # the first was missed (due 23 Nov); the second due today
    assert [a for _, _, a, _ in nudges(path)] == ["Follow up on your application (2 of 2)"]
    type_into(path, THIS_WEEK_SHEET.name, LAST, {"Done": "x"})
    if saved_by == "libreoffice":
        path = via_libreoffice(path, tmp_path / "resaved")
    _no_third_nudge(path, "2026-12-07", "2026-12-14", "2026-12-21")


def test_the_last_nudge_ticked_a_week_late_or_after_a_snooze_ends_the_nudges(
    tmp_path: Path,
) -> None:
    late = tracker(tmp_path / "late.xlsx", search=SOYLENT)
    refresh(late, "2026-11-30")
    type_into(late, THIS_WEEK_SHEET.name, LAST, {"Done": "4 Dec 2026"})
    _no_third_nudge(late, "2026-12-14", "2026-12-21")

    snoozed = tracker(tmp_path / "snoozed.xlsx", search=SOYLENT)
    refresh(snoozed, "2026-11-30")
    type_into(snoozed, THIS_WEEK_SHEET.name, LAST, {"Snooze until": dt.datetime(2026, 12, 9)})
    refresh(snoozed, "2026-12-07")
    type_into(snoozed, THIS_WEEK_SHEET.name, LAST, {"Done": "x"})
    _no_third_nudge(snoozed, "2026-12-14", "2026-12-21")


def test_the_last_nudge_logged_after_a_missed_one_ends_the_nudges(tmp_path: Path) -> None:
    log = [
        {
            "Date": dt.date(2026, 12, 1),
            "Company": "Soylent",
            "Direction": "Sent",
            "Channel": "Email",
            "Step": "application-follow-up",
        }
    ]
    path = tracker(tmp_path / "t.xlsx", search=SOYLENT, log=log)
    for as_of in ("2026-12-07", "2026-12-14"):
        refresh(path, as_of)
        assert nudges(path) == [], as_of
