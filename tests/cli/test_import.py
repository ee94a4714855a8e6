"""`followup import`: the lists people already keep become trackers (SPEC 3a)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followup.operations import load
from tests.cli.helpers import run, sheet
from tests.workbooks import write

AS_OF = "2026-11-23"


def imported(source: Path, *options: str) -> tuple[str, dict[str, int], Path]:
    """Import, then check and refresh the new tracker as a user would; the rows per sheet."""
    new = source.parent / "tracker.xlsx"
    before = source.read_bytes()
    code, output = run("import", str(source), str(new), *options)
    assert code == 0, output
    assert source.read_bytes() == before  # the source is only read
    code, checked = run("check", str(new), "--as-of", AS_OF)
    assert (code, checked.splitlines()[-1]) == (
        0,
        "tracker.xlsx: no problems. Ready for followup refresh.",
    ), checked
    code, refreshed = run("refresh", str(new), "--as-of", AS_OF)
    assert code == 0, refreshed
    tracker = load(new, pd.Timestamp(AS_OF).date()).tracker
    counts = {
        "Search": len(tracker.search),
        "Interviews": len(tracker.interviews),
        "Log": len(tracker.log),
    }
    return output, counts, new


def test_a_one_sheet_list_with_an_interview_date_column(tmp_path: Path) -> None:
    rows = [
        ["Acme", "Analyst", dt.date(2026, 10, 1), dt.date(2026, 11, 16), "Interviewing", "x.com"],
        ["Globex", "Engineer", dt.date(2026, 10, 3), None, "Applied", "y.com"],
        ["Initech", "Lead", dt.date(2026, 10, 5), None, "Ghosted", ""],
        ["Hooli", "PM", None, dt.date(2026, 11, 18), "Final Round", ""],
        ["Pied Piper", "Dev", None, None, "Rejected", "z.com"],
    ]
    header = ["Company", "Position", "Date Applied", "Interview Date", "Status", "Job Link"]
    source = write(tmp_path / "jobs.xlsx", {"Applications": [header, *rows]}, writer="xlsxwriter")
    output, counts, new = imported(source)
    assert counts == {"Search": 3, "Interviews": 2, "Log": 0}
    assert output.splitlines() == [
        "Read jobs.xlsx, sheet Applications (header in row 1):",
        "  Company -> Company",
        "  Position -> Role",
        "  Date Applied -> Search Date (applied); kept as a column in Interviews",
        "  Interview Date -> Interviews Interview date; kept as a column in Search",
        "  Status -> Status",
        "  Job Link -> kept as an extra column",
        "Rows: Search 3, Interviews 2, Log 0.",
        "warning: Applications!6:6: 1 row has neither a date applied nor an interview date, "
        "so it is not in the new tracker (rows 6). Add a date and import again.",
        f"Wrote {new}. Next: followup check {new}, then followup refresh {new}",
    ]
    search = pd.read_excel(new, sheet_name="Search", engine="calamine")
    assert search["Job Link"].fillna("").tolist() == ["x.com", "y.com", ""]
    assert search["Status"].fillna("").tolist() == ["Active", "Active", "Active"]


def test_banner_rows_above_the_header(tmp_path: Path) -> None:
    grid = [
        ["Job Application Tracker"],
        ["Keep this up to date!"],
        ["Company name", "Job Role", "Applied Date", "INTERVIEW DATE", "Contact Person", "Notes"],
        ["Acme", "Analyst", "11/02/2026", "11/16/2026", "Dana Kim", "referral"],
        ["Globex", "Engineer", "Nov 3, 2026", "", "", ""],
        ["Initech", "Lead", "10/28/2026", "", "Sam", ""],
    ]
    source = write(tmp_path / "template.xlsx", {"Tracker": grid, "Instructions": [["Read me"]]})
    output, counts, _new = imported(source)
    assert "Read template.xlsx, sheet Tracker (header in row 3):" in output
    assert counts == {"Search": 3, "Interviews": 1, "Log": 0}


def test_a_csv_with_semicolons_and_a_byte_order_mark(tmp_path: Path) -> None:
    lines = [
        "Entreprise;Company;Job Title;Date Applied;Response Date;Status",
        "x;Café Müller;Barista;15/01/2026;20/01/2026;Interviewing",
        "y;Zoë & Co;Analyst;03/02/2026;;Declined",
        "z;Ørsted;Engineer;04/02/2026;;",
    ]
    source = tmp_path / "jobs.csv"
    source.write_bytes("\r\n".join(lines).encode("utf-8-sig"))
    output, counts, new = imported(source)
    assert counts == {"Search": 3, "Interviews": 0, "Log": 1}
    assert "  Entreprise -> kept as an extra column" in output
    search = pd.read_excel(new, sheet_name="Search", engine="calamine")
    assert search["Company"].tolist() == ["Café Müller", "Zoë & Co", "Ørsted"]
    assert search["Date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2026-01-15",
        "2026-02-03",  # day first, as the column's 15/01 shows
        "2026-02-04",
    ]
    assert search["Status"].fillna("").tolist() == ["Active", "Rejected", ""]
    # A response to an application with no interview is a Received row of the Log, and
    # its column is kept on the Search row as typed.
    assert search["Response Date"].fillna("").tolist() == ["20/01/2026", "", ""]
    log = pd.read_excel(new, sheet_name="Log", engine="calamine")
    assert log[["Company", "Direction"]].to_numpy().tolist() == [["Café Müller", "Received"]]
    assert log["Date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-01-20"]


def test_linkedin_s_job_applications_export(tmp_path: Path) -> None:
    header = (
        "Application Date,Contact Email,Contact Phone Number,Company Name,Job Title,Job Url,"
        "Resume Name,Question And Answers"
    )
    rows = [
        '3/24/23, 4:11 PM,ana@acme.com,555 0100,Acme,Data Analyst,https://l.in/1,cv.pdf,"Q: Yes"',
        "11/20/26, 8:15 AM,,,Globex,Engineer,https://l.in/2,cv.pdf,",
        "1/5/24, 10:02 AM,,,Initech,Lead,https://l.in/3,,",
    ]
    source = tmp_path / "Job Applications.csv"
    source.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    output, counts, new = imported(source)
    assert counts == {"Search": 3, "Interviews": 0, "Log": 0}
    assert "  Application Date -> Search Date (applied)" in output
    # No row has an interview, so no Email column is filled: the column is only kept.
    assert "  Contact Email -> kept as an extra column" in output
    search = pd.read_excel(new, sheet_name="Search", engine="calamine")
    assert search["Date"].dt.strftime("%Y-%m-%d").tolist() == [
        "2023-03-24",
        "2026-11-20",
        "2024-01-05",
    ]
    assert {"Contact Email", "Job Url", "Resume Name", "Question And Answers"} <= set(search)


# The columns of a state unemployment office's work-search form (e.g. Nebraska's, Maine's).
WORK_SEARCH_HEADER = [
    "Date of Contact",
    "Name of Employer",
    "Name of Person Contacted",
    "Method of Contact",
    "Position Applied For",
    "Results",
]


def test_an_unemployment_work_search_log(tmp_path: Path) -> None:
    rows = [
        [dt.date(2026, 11, 2), "Acme", "HR desk", "Online", "Clerk", "Application submitted"],
        [dt.date(2026, 11, 4), "Globex", "", "In person", "Driver", "Not hiring"],
        [dt.date(2026, 11, 5), "Initech", "Bo", "Email", "Analyst", "Interview scheduled"],
    ]
    source = write(tmp_path / "worksearch.xlsx", {"Week 45": [WORK_SEARCH_HEADER, *rows]})
    _output, counts, new = imported(source)
    assert counts == {"Search": 3, "Interviews": 0, "Log": 0}
    search = pd.read_excel(new, sheet_name="Search", engine="calamine")
    assert search["Status"].tolist() == ["Active", "Filled", "Active"]  # Not hiring: no job
    assert search["Contact"].fillna("").tolist() == ["HR desk", "", "Bo"]


def test_placeholders_in_three_hundred_rows_are_one_message(tmp_path: Path) -> None:
    header = ["Company", "Role", "Date Applied", "Interview Date", "Salary"]
    rows = [
        [f"Company {i}", "Analyst", dt.date(2026, 10, 1) + dt.timedelta(days=i % 50), "N/A", "?"]
        for i in range(300)
    ]
    rows[7][3] = "sometime"
    source = write(tmp_path / "big.xlsx", {"Sheet1": [header, *rows]}, writer="xlsxwriter")
    output, counts, new = imported(source)
    assert counts == {"Search": 300, "Interviews": 0, "Log": 0}
    assert [line for line in output.splitlines() if line.startswith(("warning", "info"))] == [
        "warning: Sheet1!D9: 'sometime' is not a date; it is kept in Notes."
    ]
    search = pd.read_excel(new, sheet_name="Search", engine="calamine")
    assert search.loc[7, "Notes"] == "Interview Date: sometime"


def test_a_column_of_ambiguous_dates_stops_the_import_until_an_order_is_given(
    tmp_path: Path,
) -> None:
    grid = [["Company", "Date applied"], *([f"C{i}", f"0{i}/10/2026"] for i in range(1, 6))]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid})
    code, output = run("import", str(source), str(tmp_path / "t.xlsx"))
    assert code == 1
    assert output.splitlines()[0] == (
        "error: Jobs!B2:B6: 5 cells hold values such as '01/10/2026', '02/10/2026', "
        "'03/10/2026'. Each could be day first or month first. Run the import again with "
        "--date-order MDY or DMY (or type dates such as 2026-11-02)."
    )
    assert not (tmp_path / "t.xlsx").exists()
    _output, counts, new = imported(source, "--date-order", "dmy")
    assert counts == {"Search": 5, "Interviews": 0, "Log": 0}
    search = pd.read_excel(new, sheet_name="Search", engine="calamine")
    assert search["Date"].dt.strftime("%m-%d").tolist()[:2] == ["10-01", "10-02"]


def test_map_sheet_and_dry_run(tmp_path: Path) -> None:
    grid = [["Employer", "Gig", "When"], ["Acme", "Analyst", dt.date(2026, 11, 2)]]
    source = write(tmp_path / "jobs.xlsx", {"Notes": [["hi"]], "Mine": grid})
    new = tmp_path / "t.xlsx"
    code, output = run("import", str(source), str(new), "--dry-run")
    assert code == 1
    assert "no sheet looks like a list of applications" in output
    code, output = run(
        "import",
        str(source),
        str(new),
        "--sheet",
        "mine",
        "--map",
        "Role=Gig",
        "--map",
        "Date applied=When",
        "--dry-run",
    )
    assert code == 0, output
    assert output.splitlines()[-1] == "Dry run: nothing was written."
    assert "  Gig -> Role" in output and not new.exists()
    # Naming what is not there is a mistake in the command line: Click's usage error, exit 2
    # (the test runner calls the program "main").
    usage = "Usage: main import [OPTIONS] SOURCE NEW.xlsx\nTry 'main import --help' for help.\n\n"
    code, output = run("import", str(source), str(new), "--sheet", "Mine", "--map", "Salary=Pay")
    assert (code, output) == (
        2,
        f"{usage}Error: Invalid value for '--map': 'Salary=Pay': followup has no column "
        "'Salary'. Map to one of: Company, Role, Interview date, Date, Response date, Status, "
        "Contact, Interviewer, Round, Email, Phone, Notes, Activity, Channel.\n",
    )
    code, output = run("import", str(source), str(new), "--sheet", "Mine", "--map", "Role=Job")
    assert (code, output) == (
        2,
        f"{usage}Error: Invalid value for '--map': 'Role=Job': Mine has no column headed 'Job' "
        "(headers found: Employer, Gig, When).\n",
    )
    code, output = run("import", str(source), str(new), "--sheet", "Theirs")
    assert (code, output) == (
        2,
        f"{usage}Error: Invalid value for '--sheet': there is no sheet named 'Theirs'. The "
        "sheets are: Notes, Mine.\n",
    )
    assert not new.exists()


@pytest.mark.parametrize("field", ["Company", "Role", "Date applied", "Status"])
def test_a_map_naming_no_column_is_a_usage_mistake_whichever_field(
    tmp_path: Path, field: str
) -> None:
    # Mapping away the Company column leaves no header naming a company: still, what is
    # wrong is the header named, not the list.
    source = tmp_path / "a2.csv"
    source.write_text(
        "Company,Job Title,Date Applied,Response Date,Status\nAcme,Analyst,2026-11-02,,Applied\n"
    )
    new = tmp_path / "t.xlsx"
    code, output = run("import", str(source), str(new), "--map", f"{field}=Nope")
    shown = "Date" if field == "Date applied" else field
    assert (code, output.splitlines()[-1]) == (
        2,
        f"Error: Invalid value for '--map': '{shown}=Nope': a2.csv has no column headed 'Nope' "
        "(headers found: Company, Job Title, Date Applied, Response Date, Status).",
    )
    assert not new.exists()


def test_import_never_writes_over_a_file_nor_into_a_missing_folder(tmp_path: Path) -> None:
    grid = [["Company", "Date applied"], ["Acme", dt.date(2026, 11, 2)]]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid})
    taken = tmp_path / "taken.xlsx"
    taken.write_bytes(b"mine")
    code, output = run("import", str(source), str(taken))
    assert code == 1 and "already exists" in output and taken.read_bytes() == b"mine"
    code, output = run("import", str(source), str(tmp_path / "nope" / "t.xlsx"))
    assert code == 1 and f"the folder {tmp_path / 'nope'} does not exist" in output
    code, output = run("import", str(tmp_path / "gone.csv"), str(tmp_path / "t.xlsx"))
    assert code == 1 and "gone.csv was not found" in output
    code, output = run("import", str(source), str(tmp_path / "t.ods"))
    assert code == 2


def test_check_points_a_pasted_list_at_import(tmp_path: Path) -> None:
    path = write(
        tmp_path / "t.xlsx",
        {
            "Interviews": [["Company", "Role", "Interview date"]],
            "Applications": [["Company Name", "Job Title", "Date Applied"], ["Acme", "A", "x"]],
        },
    )
    code, output = run("check", str(path))
    assert code == 0
    assert (
        "info: Applications: followup does not read this sheet, but it looks like a list of "
        "applications." in output
    )


def test_text_that_looks_like_a_formula_is_imported_as_text(tmp_path: Path) -> None:
    """'=', '+', '-' and '@' leading any column's text: each stays the text typed, never a
    live formula (which a spreadsheet would run, show as 0 or Err:510)."""
    lines = [
        "Company,Role,Date Applied,Notes,Salary",
        "Acme,Analyst,2026-11-20,=> waiting on recruiter,=70k+bonus",
        '"=HYPERLINK(""http://x.example"")",ML Eng,2026-11-21,+1 555 0100,-5% vs last',
        "@Initech,=Lead,2026-11-22,@recruiter said soon,+ bonus",
    ]
    source = tmp_path / "apps.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _output, counts, new = imported(source)
    assert counts == {"Search": 3, "Interviews": 0, "Log": 0}
    book = openpyxl.load_workbook(new)
    cells = {
        (c.value, c.data_type)
        for row in book["Search"].iter_rows(min_row=2)
        for c in row
        if isinstance(c.value, str)
    }
    typed = {
        "=> waiting on recruiter",
        "=70k+bonus",
        '=HYPERLINK("http://x.example")',
        "+1 555 0100",
        "-5% vs last",
        "@Initech",
        "=Lead",
        "@recruiter said soon",
        "+ bonus",
    }
    assert {(text, "s") for text in typed} <= cells
    with zipfile.ZipFile(new) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in package.read(n) for n in sheets)
    # The plan names the company as typed, never a formula's result.
    out = tmp_path / "out.xlsx"
    code, shown = run("refresh", str(new), "--as-of", "2026-12-01", "--output", str(out))
    assert code == 0, shown
    assert set(sheet(out, "This Week")["Company"].dropna()) == {
        "Acme",
        '=HYPERLINK("http://x.example")',
        "@Initech",
    }


def test_a_reply_to_an_application_is_logged_and_stops_its_nudges(tmp_path: Path) -> None:
    """A response date becomes a Received Log row for every application, not only the
    interviewed ones (SPEC 3a), so an application that was answered is not nudged (4a)."""
    lines = [
        "Company,Role,Date Applied,Status,Response Date",
        "Globex,BI Dev,2026-11-09,Rejected,2026-11-18",
        "Soylent,Analyst,2026-11-10,Applied,2026-11-19",
        "Hooli,Analyst,2026-11-10,Applied,",
    ]
    source = tmp_path / "r2.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output, counts, new = imported(source)
    assert "  Response Date -> Log Date (Received); kept as a column in Search" in output
    assert "Rows: Search 3, Interviews 0, Log 2." in output
    assert counts == {"Search": 3, "Interviews": 0, "Log": 2}
    log = pd.read_excel(new, sheet_name="Log", engine="calamine")
    assert log[["Company", "Role", "Direction"]].to_numpy().tolist() == [
        ["Globex", "BI Dev", "Received"],
        ["Soylent", "Analyst", "Received"],
    ]
    out = tmp_path / "out.xlsx"
    code, shown = run("refresh", str(new), "--as-of", "2026-11-24", "--output", str(out))
    assert code == 0, shown
    week = sheet(out, "This Week")
    nudged = week.loc[week["Step"].eq("application-follow-up"), "Company"].tolist()
    assert nudged == ["Hooli"]
