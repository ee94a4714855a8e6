"""Cells a tracker holds that followup could misread without saying so: a header it does not
know, a misspelt choice, dates whose order it inferred, a day its month does not have."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.cli.helpers import run, sheet
from tests.workbooks import write

AS_OF = "2026-11-23"
HEAD = ["Company", "Role", "Interview date"]
ROW = ["Acme", "Analyst", dt.date(2026, 11, 2)]


def _interviews(path: Path, header: list[str], *rows: list[object], **sheets: list) -> Path:
    return write(path, {"Interviews": [header, *rows], **sheets})


@pytest.mark.parametrize(
    "typed",
    ["Decide by?", "Decision date", "Expected decision", "Hear back by", "Decision expected by"],
)
def test_the_common_names_of_decision_by_are_read(tmp_path: Path, typed: str) -> None:
    def plan(header: str) -> str:
        path = _interviews(tmp_path / "t.xlsx", [*HEAD, header], [*ROW, "1 week"])
        code, output = run("refresh", str(path), "--as-of", AS_OF, "--dry-run")
        assert code == 0, output
        return output

    assert plan(typed) == plan("Decision by")
    assert plan(typed) != plan("Salary")  # the default of 14 days plans another week


@pytest.mark.parametrize(
    ("header", "meant"),
    [
        ("Decison by", "Decision by"),
        ("Intervewer", "Interviewer"),
        ("Stauts", "Status"),
        # Another word for one of the column's names: misspelt in meaning, not in letters.
        ("Skills shown", "Skills highlighted"),
        ("Strengths shown", "Skills highlighted"),
        ("Decision timing", "Decision by"),
        ("Keep in touch agreed", "Keep in touch OK"),
    ],
)
def test_a_header_close_to_a_column_is_one_info_line(
    tmp_path: Path, header: str, meant: str
) -> None:
    path = _interviews(tmp_path / "t.xlsx", [*HEAD, "Salary", header], [*ROW, 50000, "x"])
    line = (
        f"info: Interviews!E1: '{header}' is not a column followup reads; did you mean "
        f"'{meant}'? Rename it, or leave it as your own column."
    )
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 0 and line in output.splitlines(), output
    assert "Salary" not in output  # an ordinary column of the user's own stays quiet
    code, output = run("refresh", str(path), "--as-of", AS_OF, "--dry-run")
    assert code == 0 and output.splitlines()[0] == line, output


def test_several_close_headers_of_one_sheet_are_one_line(tmp_path: Path) -> None:
    path = _interviews(
        tmp_path / "t.xlsx", [*HEAD, "Decison by", "Notes", "Skils highlighted"], [*ROW, "", "", ""]
    )
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 0
    assert [line for line in output.splitlines() if line.startswith("info: Interviews")] == [
        "info: Interviews!1:1: 2 headers are not columns followup reads: D1 'Decison by' (did "
        "you mean 'Decision by'?); F1 'Skils highlighted' (did you mean 'Skills highlighted'?). "
        "Rename them, or leave them as your own columns."
    ]


def test_a_header_close_to_a_column_already_found_is_quiet(tmp_path: Path) -> None:
    path = _interviews(tmp_path / "t.xlsx", [*HEAD, "Compnay"], [*ROW, "Acme Ltd"])
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 0 and "Compnay" not in output


SEARCH_HEAD = ["Date", "Activity", "Company", "Role", "Status"]


@pytest.mark.parametrize(
    ("sheet", "header", "typed", "what", "meant", "choices"),
    [
        ("Search", SEARCH_HEAD, "Rejcted", "a Status", "Rejected", "Active, On hold, Offer, "
         "Rejected, Withdrawn, Filled"),
        ("Search", SEARCH_HEAD, "Intervewing", "a Status", "Interviewing", "Active, On hold, "
         "Offer, Rejected, Withdrawn, Filled"),
        ("Interviews", [*HEAD, "Status"], "Ofer", "a Status", "Offer", "Active, On hold, "
         "Offer, Rejected, Withdrawn, Filled"),
        ("Interviews", [*HEAD, "Interviewer type"], "Recuiter", "an Interviewer type",
         "Recruiter", "Decision maker, Hiring manager, HR, Recruiter, Peer, Panel"),
    ],
)  # fmt: skip
def test_a_misspelt_choice_is_an_error_naming_the_close_one(
    tmp_path: Path, sheet: str, header: list[str], typed: str, what: str, meant: str, choices: str
) -> None:
    rows = {"Interviews": [HEAD, ROW]}
    if sheet == "Search":
        rows["Search"] = [header, [dt.date(2026, 11, 2), "Application", "Contoso", "Clerk", typed]]
    else:
        rows["Interviews"] = [header, [*ROW, typed]]
    path = write(tmp_path / "t.xlsx", rows)
    letter = "E" if sheet == "Search" else "D"
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 1
    assert (
        f"error: {sheet}!{letter}2: '{typed}' is not {what}; did you mean '{meant}'? Choose one "
        f"of: {choices}." in output.splitlines()
    ), output
    before = path.read_bytes()
    code, output = run("refresh", str(path), "--as-of", AS_OF)
    assert code == 1 and path.read_bytes() == before
    assert output.splitlines()[-1] == (
        "Nothing was written. Fix the 1 error above, then run the command again."
    )


def test_an_unknown_choice_with_nothing_close_is_an_error_grouped(tmp_path: Path) -> None:
    rows = [
        [dt.date(2026, 11, d), "Application", f"Firm {d}", "Clerk", "Maybe"] for d in (2, 3, 4, 5)
    ]
    path = write(tmp_path / "t.xlsx", {"Interviews": [HEAD, ROW], "Search": [SEARCH_HEAD, *rows]})
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 1
    assert (
        "error: Search!E2:E5: 4 cells say 'Maybe'. That is not a Status. Choose one of: "
        "Active, On hold, Offer, Rejected, Withdrawn, Filled."
    ) in output.splitlines()


def test_dates_read_in_an_inferred_order_say_which_could_be_either(tmp_path: Path) -> None:
    dates = ["2026-11-02", "12/10/2026", "20.11.2026", "11/10/2026 2:30 PM", "2026-11-03"]
    rows = [[f"Firm {i}", "Analyst", day] for i, day in enumerate(dates)]
    path = _interviews(tmp_path / "t.xlsx", HEAD, *rows)
    line = (
        "info: Interviews!C2:C6: dates read day first, as Interviews!C4 '20.11.2026' shows; 2 "
        "dates could be read either way, read so: C3 '12/10/2026' as Mon 12 Oct 2026, C5 "
        "'11/10/2026 2:30 PM' as Sun 11 Oct 2026. If that is wrong, set Date order in Settings "
        "(MDY, DMY, YMD)."
    )
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 0 and line in output.splitlines(), output
    code, output = run("refresh", str(path), "--as-of", AS_OF, "--dry-run")
    assert code == 0 and line in output.splitlines(), output


def test_an_inferred_order_month_first_with_one_either_way(tmp_path: Path) -> None:
    rows = [["A", "Analyst", "11/20/2026"], ["B", "Analyst", "11/05/2026"]]
    path = _interviews(tmp_path / "t.xlsx", HEAD, *rows)
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 0
    assert (
        "info: Interviews!C2:C3: dates read month first, as Interviews!C2 '11/20/2026' shows; "
        "1 date could be read either way, read so: C3 '11/05/2026' as Thu 5 Nov 2026. If that "
        "is wrong, set Date order in Settings (MDY, DMY, YMD)."
    ) in output.splitlines()


@pytest.mark.parametrize(
    ("given", "settings"),
    [
        (["20.11.2026", "21.11.2026"], []),  # nothing could be read either way
        (["20.11.2026", "12/10/2026"], [["Date order", "DMY"]]),  # the user said
    ],
)
def test_no_order_line_when_nothing_was_inferred_in_doubt(
    tmp_path: Path, given: list[str], settings: list[list[str]]
) -> None:
    rows = [[f"Firm {i}", "Analyst", day] for i, day in enumerate(given)]
    path = _interviews(tmp_path / "t.xlsx", HEAD, *rows, Settings=[["Setting", "Value"], *settings])
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 0 and "dates read" not in output, output


@pytest.mark.parametrize(
    ("typed", "missing"),
    [
        ("31/02/2026", "31 February"),
        ("02/30/2026", "30 February"),
        ("2026-04-31", "31 April"),
        ("29.02.2026", "29 February 2026"),
    ],
)
def test_a_day_its_month_does_not_have_is_named(tmp_path: Path, typed: str, missing: str) -> None:
    path = _interviews(tmp_path / "t.xlsx", HEAD, ["Acme", "Analyst", typed])
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 1
    assert (
        f"error: Interviews!C2: '{typed}' is not a date: there is no {missing}. Type the date "
        "again, such as 2026-11-02."
    ) in output.splitlines()


def test_the_terminal_shows_no_empty_parentheses_for_a_blank_role(tmp_path: Path) -> None:
    search = [
        ["Date", "Activity", "Company", "Role"],
        [dt.date(2026, 11, 2), "Application", "Relecloud", None],
        [dt.date(2026, 11, 2), "Application", "Contoso", "Clerk"],
    ]
    path = write(tmp_path / "t.xlsx", {"Interviews": [HEAD, ROW], "Search": search})
    code, output = run("refresh", str(path), "--as-of", "2026-11-12", "--dry-run")
    assert code == 0, output
    overdue = [line for line in output.splitlines() if line.startswith("  - ")]
    assert sorted(line.split(":")[0] for line in overdue) == [
        "  - Acme (Analyst)", "  - Contoso (Clerk)", "  - Relecloud"
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["apps.csv", "apps.xlsx"])  # a CSV file under any name
def test_check_of_a_csv_suggests_an_import_to_a_name_that_is_free(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text("Company,Role,Date applied\nAcme,Analyst,2026-11-02\n", encoding="utf-8")
    stem = Path(name).stem
    Path("tracker.xlsx").write_bytes(b"")
    frees = [f"{stem}-tracker.xlsx", f"{stem}-tracker-2.xlsx"]
    for free in ["apps.xlsx", *frees] if name == "apps.csv" else frees:
        code, output = run("check", name)
        assert code == 1
        assert f"followup import {name} {free}" in output, output
        assert output.startswith("error: ") and not Path(free).exists()
        Path(free).write_bytes(b"")


def test_csv_rows_are_named_as_rows_of_the_file(tmp_path: Path) -> None:
    source = tmp_path / "apps.csv"
    lines = [
        "Company,Role,Date applied",
        "Acme,Analyst,2026-11-02",
        "Contoso,Clerk,",
        "Fabrikam,Clerk,",
    ]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run("import", str(source), str(tmp_path / "new.xlsx"))
    assert code == 0, output
    assert (
        "warning: apps.csv rows 3-4: 2 rows have neither a date applied nor an interview date, "
        "so they are not in the new tracker (rows 3, 4). Add a date and import again."
    ) in output.splitlines()


@pytest.mark.parametrize("header", ["Follow-up date", "Salary range", "Source", "Next step"])
def test_a_column_of_the_users_own_sharing_a_word_with_no_name_stays_quiet(
    tmp_path: Path, header: str
) -> None:
    path = write(
        tmp_path / "t.xlsx", {"Interviews": [[*HEAD, header], [*ROW, "x"]]}, writer="xlsxwriter"
    )
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 0 and header not in output, output


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_date_stored_as_a_number_names_the_date_it_stands_for(
    tmp_path: Path, writer: str
) -> None:
    """A date cell formatted General shows the number Excel stores for its day: the error
    names that day and the fix, never just "not a date"."""
    path = write(
        tmp_path / "t.xlsx",
        {"Interviews": [[*HEAD, "Decision by"], ["Acme", "Analyst", 46349, 46363], ROW]},
        writer=writer,
    )
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 1
    assert [line for line in output.splitlines() if line.startswith("error")] == [
        "error: Interviews!C2: 46349 is the number Excel stores for Mon 23 Nov 2026, in a cell "
        "not formatted as a date. Type the date, or format the cell as a date.",
        "error: Interviews!D2: 46363 is the number Excel stores for Mon 7 Dec 2026, in a cell "
        "not formatted as a date. Type the date, or format the cell as a date.",
    ]
    many = [["Acme", "Analyst", 46340 + i] for i in range(5)]
    path = write(tmp_path / "u.xlsx", {"Interviews": [HEAD, *many]}, writer=writer)
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 1
    assert (
        "error: Interviews!C2:C6: 5 cells hold values such as '46340', '46341', '46342'. Each "
        "is a number Excel stores for a date (46340 is Sat 14 Nov 2026), in a cell not "
        "formatted as a date. Type the date, or format the cell as a date."
    ) in output.splitlines()


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_date_years_ahead_is_a_warning_naming_the_cell(tmp_path: Path, writer: str) -> None:
    """A mistyped year (2062 for 2026) within the years a date holds is read as typed, so it
    is told: a round in 2062 would silently stop the follow-ups of the one before."""
    rows = [
        ["Hooli", "Analyst", dt.date(2026, 11, 2)],
        ["Hooli", "Analyst", "11/24/2062"],  # the next round, its year mistyped
        ["Acme", "Analyst", dt.date(2010, 6, 24)],  # a tracker kept for years: quiet
        ["Globex", "Analyst", dt.date(2027, 10, 1)],  # booked far ahead, but within a year
    ]
    search = [["Date", "Activity", "Company"], [dt.date(2029, 1, 5), "Application", "Initech"]]
    sheets = {"Interviews": [HEAD, *rows], "Search": search}
    path = write(tmp_path / "t.xlsx", sheets, writer=writer)
    warnings = [
        "warning: Interviews!C3: 2062-11-24 is 36 years after today (2026-11-23). Check the "
        "year: followup reads the date as typed.",
        "warning: Search!A2: 2029-01-05 is 2 years after today (2026-11-23). Check the year: "
        "followup reads the date as typed.",
    ]
    for command in ("check", "refresh"):
        code, output = run(command, str(path), "--as-of", AS_OF)
        assert code == 0, output
        assert [line for line in output.splitlines() if line.startswith("warning")] == warnings
    many = [["Hooli", "Analyst", dt.date(2062, 11, day)] for day in range(1, 6)]
    path = _interviews(tmp_path / "u.xlsx", HEAD, *many)
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert (
        "warning: Interviews!C2:C6: 5 dates are more than a year after today (2026-11-23), "
        "such as 2062-11-01. Check the years: followup reads dates as typed." in output
    )


def test_a_stage_column_of_statuses_is_read_as_the_status(tmp_path: Path) -> None:
    """An Interviews "Stage" holding Interviewing, Declined, Offer accepted (and no Status
    column) is the status: a declined or won opportunity gets no follow-ups, and one line
    says how the column was read."""
    rows = [
        ["Hooli", "Analyst", dt.date(2026, 11, 2), "Interviewing"],
        ["Globex", "Analyst", dt.date(2026, 11, 3), "Declined"],
        ["Initech", "Analyst", dt.date(2026, 11, 4), "Offer accepted"],
    ]
    path = write(
        tmp_path / "t.xlsx", {"Interviews": [[*HEAD, "Stage"], *rows]}, writer="xlsxwriter"
    )
    code, output = run("refresh", str(path), "--as-of", AS_OF)
    assert code == 0, output
    assert (
        "info: Interviews!D1: 'Stage' holds statuses (such as 'Declined'), so followup reads it "
        "as the Status. Rename it Status to say so."
    ) in output.splitlines()
    assert set(sheet(path, "This Week")["Company"].dropna()) == {"Hooli"}
    # A Stage of round names stays the Round.
    names = ["Phone screen", "Onsite", "Final"]
    rounds = [[*row[:3], name] for row, name in zip(rows, names, strict=True)]
    path = write(tmp_path / "u.xlsx", {"Interviews": [[*HEAD, "Stage"], *rounds]})
    code, output = run("refresh", str(path), "--as-of", AS_OF)
    assert code == 0 and "holds statuses" not in output
    assert set(sheet(path, "This Week")["Company"].dropna()) == {"Hooli", "Globex", "Initech"}
