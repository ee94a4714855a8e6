"""An outcome typed on the application row (Search) of an interviewed opportunity that its
Interviews rows do not give: the most decisive wins, and check and refresh say so, naming
both cells (SPEC 4, Closed; SPEC 3, Search Status)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup.schema import THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet
from tests.workbooks import tracker, write

ROUND = {"Company": "Acme", "Role": "Analyst", "Interview date": dt.date(2026, 11, 10)}
APPLIED = {"Date": dt.date(2026, 11, 1), "Activity": "Application", "Company": "Acme"}


@pytest.mark.parametrize(
    ("panel", "round_status", "typed", "said", "taken", "writer"),
    [
        (["Bob"], None, "Rejected", "'Rejected'", "Rejected", "openpyxl"),
        (["Bob"], "On hold", "Not selected", "'Not selected'", "Rejected", "xlsxwriter"),
        (["Ann", "Bob"], None, "withdrew", "'withdrew'", "Withdrawn", "openpyxl"),
        (["Bob"], "Offer", "Rejected", "'Rejected'", "Offer", "xlsxwriter"),
        (["Bob"], "Active", "Filled", "'Filled'", "Filled", "openpyxl"),
        (["Ann", "Bob"], "N/A", "Rejected", "'Rejected'", "Rejected", "xlsxwriter"),
    ],
)
def test_check_names_both_cells_and_the_status_taken(
    tmp_path: Path,
    panel: list[str],
    round_status: str | None,
    typed: str,
    said: str,
    taken: str,
    writer: str,
) -> None:
    rows = [{**ROUND, "Interviewer": p, "Status": round_status} for p in panel]
    search = [{**APPLIED, "Role": "Analyst", "Status": typed}]
    path = tracker(tmp_path / "t.xlsx", rows, search=search, writer=writer)
    cells = "Interviews!M2" if len(panel) == 1 else "Interviews!M2:M3"
    expected = (
        f"warning: Search!G2: the application says {said}, but the latest Acme Analyst round "
        f"({cells}, on 2026-11-10) gives {round_status}; followup takes {taken}, the most "
        f"decisive. Type the outcome in {cells} too, or clear it here."
    )
    if round_status in (None, "N/A"):  # a blank counts as none (SPEC 4, Closed): nothing differs
        expected = "the application says"
    warned = round_status not in (None, "N/A")
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert code == 0, output
    assert (expected in output) == warned, output
    code, output = run("refresh", str(path), "--as-of", "2026-11-30", "--no-backup")
    assert code == 0, output
    assert (expected in output) == warned, output
    # Closed either way: no follow-up is planned for Acme.
    assert "Acme" not in set(sheet(path, THIS_WEEK_SHEET.name)["Company"].dropna())


@pytest.mark.parametrize(
    ("interviews", "typed"),
    [
        ([["Acme", "Analyst", "2026-11-10", "Bob"]], "Rejected"),
        (
            [["Acme", "Analyst", "2026-11-10", "Bob"], ["Acme", "Analyst", "2026-11-10", "Ann"]],
            "Offer accepted",
        ),
    ],
)
def test_with_no_status_column_in_interviews_the_application_outcome_is_taken_quietly(
    tmp_path: Path, interviews: list[list[str]], typed: str
) -> None:
    grids = {
        "Interviews": [["Company", "Role", "Interview date", "Interviewer"], *interviews],
        "Search": [
            ["Date", "Activity", "Company", "Role", "Status"],
            ["2026-11-01", "Application", "Acme", "", typed],
        ],
    }
    path = write(tmp_path / "t.xlsx", grids)
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert code == 0, output
    assert "warning" not in output
    code, output = run("refresh", str(path), "--as-of", "2026-11-30", "--no-backup")
    assert code == 0, output
    assert "warning" not in output
    # The outcome typed in Search closes the opportunity: no follow-up is planned for Acme.
    assert "Acme" not in set(sheet(path, THIS_WEEK_SHEET.name)["Company"].dropna())


@pytest.mark.parametrize("typed", ["Rejected", "On hold", "Applied", None])
def test_no_warning_when_the_sheets_agree_or_the_application_has_no_outcome(
    tmp_path: Path, typed: str | None
) -> None:
    rows = [{**ROUND, "Interviewer": "Bob", "Status": "Rejected" if typed == "Rejected" else None}]
    search = [{**APPLIED, "Role": "Analyst", "Status": typed}]
    path = tracker(tmp_path / "t.xlsx", rows, search=search)
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert code == 0, output
    assert "the application says" not in output


@pytest.mark.parametrize(
    ("roles", "typed", "writer"),
    [
        (["Analyst", "PM"], "Rejected", "openpyxl"),
        (["Analyst", "PM", "Lead"], "Offer accepted", "xlsxwriter"),
        (["Analyst", "PM"], "not selected", "xlsxwriter"),
    ],
)
def test_an_outcome_on_a_blank_role_of_a_company_with_several_roles_is_named(
    tmp_path: Path, roles: list[str], typed: str, writer: str
) -> None:
    rows = [{**ROUND, "Role": role, "Interviewer": "Bob"} for role in roles]
    search = [{**APPLIED, "Status": typed}]
    path = tracker(tmp_path / "t.xlsx", rows, search=search, writer=writer)
    expected = (
        f"warning: Search!G2: the application says '{typed}', but its Role is blank and Acme "
        f"has interviewed you for several roles ({', '.join(sorted(roles))}), so followup takes it for "
        "none of them. Type the role it was about in Search!D2."
    )
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert (code, output.count("warning:")) == (0, 1), output
    assert expected in output
    code, output = run("refresh", str(path), "--as-of", "2026-11-30", "--no-backup")
    assert code == 0, output
    assert expected in output


def test_an_outcome_with_no_role_column_in_search_asks_for_one(tmp_path: Path) -> None:
    grids = {
        "Interviews": [
            ["Company", "Role", "Interview date", "Status"],
            ["Acme", "Analyst", "2026-11-10", ""],
            ["Acme", "PM", "2026-11-12", ""],
        ],
        "Search": [
            ["Date", "Activity", "Company", "Status"],
            ["2026-11-01", "Application", "Acme", "Withdrawn"],
        ],
    }
    path = write(tmp_path / "t.xlsx", grids)
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert code == 0, output
    assert (
        "warning: Search!D2: the application says 'Withdrawn', but its Role is blank and Acme "
        "has interviewed you for several roles (Analyst, PM), so followup takes it for none of "
        "them. Add a Role column to Search and type the role it was about."
    ) in output


@pytest.mark.parametrize("typed", ["Applied", None])
def test_no_warning_on_a_blank_role_without_an_outcome(tmp_path: Path, typed: str | None) -> None:
    rows = [{**ROUND, "Role": role, "Interviewer": "Bob"} for role in ("Analyst", "PM")]
    path = tracker(tmp_path / "t.xlsx", rows, search=[{**APPLIED, "Status": typed}])
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert code == 0, output
    assert "the application says" not in output
