"""`followup import` of the lists people keep beside applications (SPEC 3a): activity logs,
columns of ticks, exports whose columns go to one sheet only, total rows."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from tests.cli.helpers import run, sheet
from tests.cli.test_import import AS_OF, WORK_SEARCH_HEADER, imported
from tests.workbooks import write


def _work_search_log(path: Path) -> list[list[str]]:
    """The rows `followup export --work-search` writes for the imported tracker's November."""
    out = path.parent / "log.csv"
    code, output = run(
        "export", str(path), "--work-search", str(out), "--as-of", AS_OF,
        "--from", "2026-11-02", "--until", "2026-11-22",
    )  # fmt: skip
    assert code == 0, output
    with out.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))[1:]


def _sheet(path: Path, name: str) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=name, engine="calamine")


def _methods(rows: list[list[str]]) -> dict[str, str]:
    return {row[1]: row[3] for row in rows if row[1]}


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_work_search_log_s_calls_and_visits_are_search_work_of_their_own(
    tmp_path: Path, writer: str
) -> None:
    rows = [
        [dt.date(2026, 11, 2), "Acme", "HR desk", "Online", "Clerk", "Application submitted"],
        [dt.date(2026, 11, 3), "Globex", "Sam", "Phone", "", "No openings"],
        [dt.date(2026, 11, 4), "Initech", "", "In person", "", "Left my resume"],
        [dt.date(2026, 11, 5), "Hooli", "", "In Person", "Driver", "Applied at the desk"],
        [dt.date(2026, 11, 6), "Umbrella", "Bo", "Telephone", "Analyst", "Interview scheduled"],
        [dt.date(2026, 11, 9), "Stark", "", "Email", "", "Sent my CV"],
    ]
    source = write(
        tmp_path / "worksearch.xlsx", {"Week 45": [WORK_SEARCH_HEADER, *rows]}, writer=writer
    )
    output, counts, new = imported(source)
    assert counts == {"Search": 6, "Interviews": 0, "Log": 0}
    assert (
        "  Method of Contact -> Search Activity (a call or visit about no position); kept as a "
        "column in Search"
    ) in output.splitlines()
    search = _sheet(new, "Search")
    assert search["Activity"].tolist() == [
        "Application",
        "Cold call",  # a call about no position
        "Event",  # a visit about no position: the log's In person
        "Application",  # a position applied for in person is an application
        "Application",
        "Application",  # an email: the office's forms count it as one
    ]
    assert search["Method of Contact"].tolist() == [r[3] for r in rows]
    # The log says how each was made, read from the kept column (SPEC 6a).
    assert _methods(_work_search_log(new)) == {
        "Acme": "Online application",
        "Globex": "Phone",
        "Initech": "In person",
        "Hooli": "In person",
        "Umbrella": "Phone",
        "Stark": "Email",
    }


def test_a_method_column_whose_rows_all_name_a_position_leaves_every_row_an_application(
    tmp_path: Path,
) -> None:
    rows = [
        [dt.date(2026, 11, 2), "Acme", "", "Phone", "Clerk", ""],
        [dt.date(2026, 11, 3), "Globex", "", "In person", "Driver", ""],
    ]
    source = write(tmp_path / "ws.xlsx", {"Log": [WORK_SEARCH_HEADER, *rows]})
    output, _counts, new = imported(source)
    assert (
        "  Method of Contact -> kept as an extra column; Search reads it as Method"
        in output.splitlines()
    )
    assert _sheet(new, "Search")["Activity"].tolist() == ["Application", "Application"]


@pytest.mark.parametrize("header", ["Activity Type", "Type of Activity", "Activity", "Type"])
def test_an_activity_log_reads_each_activity_by_its_words(tmp_path: Path, header: str) -> None:
    lines = [
        f"Date,Company,{header},Role,Notes",
        "11/02/2026,Acme,Job fair,,met two recruiters",
        "11/03/2026,Globex,Attended workshop,,resume workshop",
        "11/04/2026,Initech,Networking event,,",
        "11/05/2026,Hooli,Applied online,Analyst,",
        "11/06/2026,Stark,Coffee chat with a PM,,",
        "11/09/2026,Wayne,Informational interview,,",
        "11/10/2026,Wonka,Resume review,,",
        "11/13/2026,Tyrell,,Engineer,",
    ]
    source = tmp_path / "activities.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output, counts, new = imported(source)
    assert counts == {"Search": 8, "Interviews": 0, "Log": 0}
    kept = f"{header} (imported)" if header == "Activity" else header
    assert f"  {header} -> Search Activity; kept as a column in Search" in output
    assert [line for line in output.splitlines() if line.startswith("warning")] == [
        "warning: activities.csv!C8: 'Resume review' is not an activity followup knows, so "
        f"this row reads as Other (the words stay in the column {header}). Correct the "
        "Activity in the new tracker."
    ]
    search = _sheet(new, "Search")
    assert search["Activity"].tolist() == [
        "Event",
        "Event",
        "Event",
        "Application",
        "Networking",
        "Informational interview",
        "Other",
        "Application",  # no activity typed: the list's rows are applications
    ]
    assert search[kept].fillna("").tolist()[:3] == [
        "Job fair",
        "Attended workshop",
        "Networking event",
    ]
    assert _methods(_work_search_log(new)) == {
        "Acme": "In person",
        "Globex": "In person",
        "Initech": "In person",
        "Hooli": "Online application",
        "Stark": "Other",
        "Wayne": "Other",
        "Wonka": "Other",
        "Tyrell": "Online application",
    }
    # Only applications are nudged: a fair three weeks ago asks for no follow-up.
    assert set(sheet(new, "This Week")["Company"].dropna()) == {"Hooli", "Tyrell"}


@pytest.mark.parametrize("values", [("Full-time", "Contract"), ("Remote", "Hybrid")])
def test_a_type_column_of_job_kinds_is_not_an_activity(tmp_path: Path, values: tuple) -> None:
    grid = [
        ["Company", "Role", "Type", "Date applied"],
        ["Acme", "Analyst", values[0], dt.date(2026, 11, 2)],
        ["Globex", "Engineer", values[1], dt.date(2026, 11, 3)],
        ["Initech", "Lead", values[0], dt.date(2026, 11, 4)],
    ]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid})
    output, _counts, new = imported(source)
    assert "  Type -> kept as an extra column" in output.splitlines()
    assert not [line for line in output.splitlines() if line.startswith("warning")]
    search = _sheet(new, "Search")
    assert search["Activity"].tolist() == ["Application"] * 3
    assert search["Type"].tolist() == [values[0], values[1], values[0]]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Contact Email", "Email"),
        ("Recruiter email", "Email"),
        ("Contact Phone Number", "Phone"),
        ("Interview stage", "Round"),
    ],
)
def test_the_printed_mapping_names_the_sheet_a_column_really_goes_to(
    tmp_path: Path, header: str, field: str
) -> None:
    grid = [
        ["Company Name", "Job Title", "Application Date", "Interview Date", header],
        ["Acme", "Analyst", dt.date(2026, 11, 2), dt.date(2026, 11, 16), "x-1"],
        ["Globex", "Engineer", dt.date(2026, 11, 3), None, "y-2"],
    ]
    source = write(tmp_path / "export.xlsx", {"Applications": grid}, writer="xlsxwriter")
    output, counts, new = imported(source)
    assert counts == {"Search": 2, "Interviews": 1, "Log": 0}
    assert output.splitlines()[1:6] == [
        "  Company Name -> Company",
        "  Job Title -> Role",
        "  Application Date -> Search Date (applied); kept as a column in Interviews",
        "  Interview Date -> Interviews Interview date; kept as a column in Search",
        f"  {header} -> Interviews {field}; kept as a column in Search",
    ]
    # What the mapping says is where the values are.
    assert _sheet(new, "Interviews")[field].tolist() == ["x-1"]
    search = _sheet(new, "Search")
    assert search[header].tolist() == ["x-1", "y-2"]
    assert search["Interview Date"].notna().tolist() == [True, False]
    interviews = _sheet(new, "Interviews")
    assert "Application Date" in interviews and field not in search


def test_a_contact_column_without_an_interviewer_column_is_told_as_both_it_fills(
    tmp_path: Path,
) -> None:
    grid = [
        ["Company", "Role", "Date applied", "Interview date", "Contact"],
        ["Acme", "Analyst", dt.date(2026, 11, 2), dt.date(2026, 11, 16), "Dana Kim"],
    ]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid})
    output, _counts, new = imported(source)
    assert "  Contact -> Search Contact and Interviews Interviewer" in output.splitlines()
    assert _sheet(new, "Interviews")["Interviewer"].tolist() == ["Dana Kim"]
    assert _sheet(new, "Search")["Contact"].tolist() == ["Dana Kim"]


@pytest.mark.parametrize("header", ["Interview", "Interview?", "Interview day"])
@pytest.mark.parametrize(
    ("ticks", "writer"),
    [
        ((True, False), "xlsxwriter"),
        ((True, False), "openpyxl"),
        (("Yes", "No"), "openpyxl"),
        (("TRUE", "FALSE"), "openpyxl"),
        (("y", "n"), "xlsxwriter"),
    ],
)
def test_a_column_of_ticks_is_never_a_date_column(
    tmp_path: Path, header: str, ticks: tuple, writer: str
) -> None:
    yes, no = ticks
    grid = [["Company", "Role", "Date applied", header, "Interview date and time"]] + [
        [f"Co {i}", "Analyst", dt.date(2026, 10, 1 + i), yes if i % 3 == 0 else no, None]
        for i in range(12)
    ]
    grid[1][4] = dt.date(2026, 11, 16)  # the one interview the ticks speak of has its date
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid}, writer=writer)
    output, counts, new = imported(source)
    lines = output.splitlines()
    assert f"  {header} -> kept as an extra column" in lines
    assert (
        "  Interview date and time -> Interviews Interview date; kept as a column in Search"
        in lines
    )
    assert not [line for line in lines if line.startswith("warning")], output
    assert counts == {"Search": 12, "Interviews": 1, "Log": 0}
    kept = _sheet(new, "Search")[header].tolist()
    assert len(kept) == 12 and kept[0] in (True, "Yes", "TRUE", "y")


def test_a_column_of_ticks_alone_fills_no_interview(tmp_path: Path) -> None:
    grid = [["Company", "Role", "Date applied", "Interview?"]] + [
        [f"Co {i}", "Analyst", dt.date(2026, 9, 1) + dt.timedelta(days=i), i % 2 == 0]
        for i in range(40)
    ]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid}, writer="xlsxwriter")
    output, counts, _new = imported(source)
    assert counts == {"Search": 40, "Interviews": 0, "Log": 0}
    assert "  Interview? -> kept as an extra column" in output.splitlines()
    assert "warning" not in output


def test_a_few_unread_dates_in_a_column_are_one_line(tmp_path: Path) -> None:
    grid = [
        ["Company", "Role", "Date applied", "Interview date"],
        ["Acme", "Analyst", dt.date(2026, 11, 2), "next week"],
        ["Globex", "Engineer", dt.date(2026, 11, 3), "ask Sam"],
        ["Initech", "Lead", "sometime", dt.date(2026, 11, 16)],
        ["Hooli", "PM", dt.date(2026, 11, 5), "next week"],
    ]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid})
    output, _counts, new = imported(source)
    assert [line for line in output.splitlines() if line.startswith("warning")] == [
        "warning: Jobs!D2:D5: 3 cells hold values such as 'next week', 'ask Sam'. Each is not "
        "a date; it is kept in Notes.",
        "warning: Jobs!C4: 'sometime' is not a date; it is kept in Notes.",
    ]
    assert _sheet(new, "Search")["Notes"].fillna("").tolist() == [
        "Interview date: next week",
        "Interview date: ask Sam",
        "Interview date: next week",
    ]


@pytest.mark.parametrize("total", ["Total", "TOTALS:", "Grand Total", "total"])
def test_a_total_row_under_the_list_is_left_out_with_one_line(tmp_path: Path, total: str) -> None:
    grid = [
        ["Company", "Role", "Date applied", "Interview date", "Salary"],
        ["Acme", "Analyst", dt.date(2026, 11, 2), None, 50000],
        ["Globex", "Engineer", dt.date(2026, 11, 3), None, 60000],
        # TotalEnergies filed as Total is a company: its row has a date.
        ["Total", "Geologist", dt.date(2026, 11, 4), None, 70000],
        [None],
        [total, None, None, 3, 180000],
    ]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid}, writer="xlsxwriter")
    output, counts, new = imported(source)
    assert counts == {"Search": 3, "Interviews": 0, "Log": 0}
    notes = [line for line in output.splitlines() if line.startswith(("info", "warning"))]
    assert notes == [
        f"info: Jobs!6:6: row 6 ({total!r}) is a total, not an application, so it is not imported."
    ]
    assert _sheet(new, "Search")["Company"].tolist() == ["Acme", "Globex", "Total"]


def test_a_csv_total_row_is_left_out_too(tmp_path: Path) -> None:
    source = tmp_path / "jobs.csv"
    source.write_text(
        "Company,Position,Date Applied,Fee\nAcme,Analyst,2026-11-02,10\n,,,\n,Total:,,10\n",
        encoding="utf-8",
    )
    output, counts, _new = imported(source)
    assert counts == {"Search": 1, "Interviews": 0, "Log": 0}
    assert (
        "info: jobs.csv row 4: row 4 ('Total:') is a total, not an application, so it is not "
        "imported." in output
    )
    assert "neither a date applied" not in output


def test_rows_under_a_total_are_still_read(tmp_path: Path) -> None:
    grid = [
        ["Company", "Role", "Date applied"],
        ["Acme", "Analyst", dt.date(2026, 11, 2)],
        ["Total", None, None],
        ["Globex", "Engineer", dt.date(2026, 11, 9)],
    ]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid})
    output, counts, _new = imported(source)
    assert counts["Search"] == 2
    assert "info: Jobs!3:3: row 3 ('Total') is a total" in output


def test_a_row_left_out_for_an_unread_date_is_never_said_to_be_kept(tmp_path: Path) -> None:
    """A date the import cannot read is kept in Notes only where its row is imported; a row
    it leaves without a date is told as left out, once (SPEC 3a)."""
    lines = [
        "Employer;Position;Applied On;Interview;Status",
        "Acme Corp;Data Analyst;3 Nov 2026;;Applied",
        "Bücher & Co;Analyst;2026-11-05;soon;Interview scheduled",
        "Soylent;Analyst;Nov 24;;Applied",
        "Massive Dynamic;Researcher;N/A;TBD;Ghosted",
        "Initrode;Analyst;;;Blorp",  # left out: its status is not said to be kept
        "Umbrella;Analyst;2026-11-06;;Blorp",
    ]
    source = tmp_path / "apps.csv"
    source.write_bytes("\r\n".join(lines).encode("cp1252"))
    output, counts, new = imported(source)
    assert counts == {"Search": 3, "Interviews": 0, "Log": 0}
    assert [line for line in output.splitlines() if line.startswith("warning")] == [
        "warning: apps.csv!C4: 'Nov 24' is a date without a year, so row 4 is not in the new "
        "tracker. "
        "Correct the date in your list and import again.",
        "warning: apps.csv!D3: 'soon' is not a date; it is kept in Notes.",
        "warning: apps.csv!E7: 'Blorp' is not a status followup knows, so it is kept in Notes "
        "and this row reads as Active. Correct the Status in the new tracker where the job is "
        "closed.",
        "warning: apps.csv rows 5-6: 2 rows have neither a date applied nor an interview date, "
        "so they are not in the new tracker (rows 5, 6). Add a date and import again.",
    ]
    assert _sheet(new, "Search")["Notes"].fillna("").tolist() == [
        "",
        "Interview: soon",
        "Status: Blorp",
    ]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_date_stored_as_a_number_is_named_as_the_date_it_stands_for(
    tmp_path: Path, writer: str
) -> None:
    """A date cell formatted General holds the number Excel stores for the day: the import
    names that day, and keeps the number only where its row is imported."""
    grid = [
        ["Company", "Role", "Date applied", "Interview date"],
        ["Acme", "Analyst", 46345, None],
        ["Globex", "Engineer", 46346, dt.date(2026, 11, 25)],
        ["Initech", "Lead", dt.date(2026, 11, 16), None],
    ]
    source = write(tmp_path / "jobs.xlsx", {"Jobs": grid}, writer=writer)
    output, counts, new = imported(source)
    assert counts == {"Search": 1, "Interviews": 1, "Log": 0}
    assert [line for line in output.splitlines() if line.startswith("warning")] == [
        "warning: Jobs!C2: 46345 is the number Excel stores for Thu 19 Nov 2026, in a cell not "
        "formatted as a date, so row 2 is not in the new tracker. Format the cell as a date in "
        "your list and import again.",
        "warning: Jobs!C3: 46346 is the number Excel stores for Fri 20 Nov 2026, in a cell not "
        "formatted as a date; it is kept in Notes.",
    ]
    assert _sheet(new, "Interviews")["Notes"].tolist() == ["Date applied: 46346"]


def test_a_stage_column_of_statuses_is_the_status_not_the_round(tmp_path: Path) -> None:
    """A "Stage" holding Declined, Applied, Offer is the application's status: a declined
    application is closed, never nudged; a Stage of round names stays the Round."""
    lines = [
        "Company,Role,Date Applied,Stage",
        "Acme,Analyst,2026-11-02,Declined",
        "Globex,Dev,2026-11-03,Applied",
        "Initech,Lead,2026-11-04,Phone screen done",
        "Hooli,PM,2026-11-04,Offer received",
    ]
    source = tmp_path / "stages.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output, _counts, new = imported(source)
    assert "  Stage -> Status" in output.splitlines()
    assert _sheet(new, "Search")["Status"].tolist() == ["Rejected", "Active", "Active", "Offer"]
    out = tmp_path / "out.xlsx"
    code, shown = run("refresh", str(new), "--as-of", "2026-11-16", "--output", str(out))
    assert code == 0, shown
    week = sheet(out, "This Week")
    nudged = set(week.loc[week["Step"].eq("application-follow-up"), "Company"])
    assert nudged == {"Globex", "Initech"}
    # Beside a Status column, a Stage of statuses is only kept; a Stage of rounds is the Round.
    (tmp_path / "b").mkdir()
    both = tmp_path / "b" / "both.csv"
    both.write_text(
        "Company,Role,Interview date,Stage,Status\nAcme,Analyst,2026-11-10,Declined,Rejected\n"
        "Globex,Dev,2026-11-12,Applied,\n",
        encoding="utf-8",
    )
    output, _counts, _new = imported(both)
    assert {"  Stage -> kept as an extra column", "  Status -> Status"} <= set(output.splitlines())
    (tmp_path / "r").mkdir()
    rounds = tmp_path / "r" / "rounds.csv"
    rounds.write_text(
        "Company,Role,Interview date,Stage\nAcme,Analyst,2026-11-10,Phone screen\n"
        "Acme,Analyst,2026-11-17,Final round\nGlobex,Dev,2026-11-12,Onsite\n",
        encoding="utf-8",
    )
    output, _counts, new = imported(rounds)
    assert "  Stage -> Round" in output.splitlines()
    assert _sheet(new, "Interviews")["Round"].tolist() == ["Phone screen", "Final round", "Onsite"]
