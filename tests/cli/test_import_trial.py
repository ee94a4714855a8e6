"""What a new user's first contact with import and check showed (issue 16, the trial):
each problem tested over several members of its family, through the command line."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

import pandas as pd
import pytest

from followup.operations import load
from followup.workbook.template import write_tracker
from tests.cli.helpers import run, sheet
from tests.workbooks import tracker, write

LIST = [["Company", "Role", "Date applied"], ["Acme", "Analyst", dt.date(2026, 11, 2)]]


def _search(path: Path) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name="Search", engine="calamine")


def test_import_replaces_an_existing_file_only_with_overwrite(tmp_path: Path) -> None:
    source = write(tmp_path / "jobs.xlsx", {"Jobs": LIST})
    theirs = tmp_path / "theirs.xlsx"
    notes = tmp_path / "notes.txt.xlsx"
    for taken in (theirs, notes):
        taken.write_bytes(b"mine")
        code, output = run("import", str(source), str(taken))
        assert (code, output) == (
            1,
            f"error: {taken} already exists: followup writes a new tracker only to a new file, "
            "so it was left as it was. Choose another file name, or add --overwrite to replace "
            "it.\n",
        )
        assert taken.read_bytes() == b"mine"
        code, output = run("import", str(source), str(taken), "--overwrite")
        assert code == 0, output
        assert _search(taken)["Company"].tolist() == ["Acme"]
    # Never a tracker (SPEC 2), the file being imported, or a file a spreadsheet app has open.
    refreshed = tmp_path / "refreshed.xlsx"
    write_tracker(refreshed)
    assert run("refresh", str(refreshed), "--as-of", "2026-11-23")[0] == 0
    for tracker_file in (theirs, refreshed):
        before = tracker_file.read_bytes()
        code, output = run("import", str(source), str(tracker_file), "--overwrite")
        assert code == 1 and "it is a tracker" in output, output
        assert tracker_file.read_bytes() == before
    # The same file named twice is a command-line mistake (exit 2), however it is spelled.
    for same in (
        source,
        source.parent / "." / source.name,
        source.parent / "x" / ".." / source.name,
    ):
        for extra in ([], ["--overwrite"], ["--dry-run"]):
            code, output = run("import", str(source), str(same), *extra)
            assert code == 2
            assert output.splitlines()[-1] == (
                f"Error: Invalid value for 'NEW.xlsx': {same} is the file to import. Choose a "
                "new file name."
            )
    other = tmp_path / "other.xlsx"
    other.write_bytes(b"mine")
    (tmp_path / "~$other.xlsx").write_bytes(b"\x05someone")
    code, output = run("import", str(source), str(other), "--overwrite")
    assert code == 1 and "Excel" in output and other.read_bytes() == b"mine"


@pytest.mark.parametrize("name", ["new.xlsm", "new.csv", "new.ods", "new", "new.XLSM"])
def test_the_new_tracker_is_named_xlsx_whatever_else_is_typed(tmp_path: Path, name: str) -> None:
    source = write(tmp_path / "jobs.xlsx", {"Jobs": LIST})
    code, output = run("import", str(source), str(tmp_path / name))
    assert code == 2
    assert output.splitlines()[-1] == (
        f"Error: Invalid value for 'NEW.xlsx': {name} is not a name for a new tracker; use a "
        "name ending in .xlsx."
    )
    assert list(tmp_path.iterdir()) == [source]


@pytest.mark.parametrize("name", ["t.xlsx", "my jobs.xlsx", "jobs (2026).xlsx"])
@pytest.mark.parametrize("sheet", ["Applications", "Job list"])
def test_check_prints_an_import_command_that_runs(tmp_path: Path, name: str, sheet: str) -> None:
    path = write(
        tmp_path / name,
        {"Interviews": [["Company", "Role", "Interview date"]], sheet: LIST},
    )
    code, output = run("check", str(path))
    assert code == 0
    hint = next(line for line in output.splitlines() if line.startswith(f"info: {sheet}:"))
    command = hint.split("turns it into a new tracker: ")[1]
    new = path.with_name(f"{path.stem}-imported.xlsx")
    assert shlex.split(command) == [
        "followup", "import", str(path), str(new), "--sheet", sheet
    ]  # fmt: skip
    code, output = run(*shlex.split(command)[1:])
    assert code == 0, output
    assert _search(new)["Company"].tolist() == ["Acme"]


@pytest.mark.parametrize("command", [("check",), ("refresh",), ("export", "--to", "o.xlsx")])
def test_a_csv_given_as_a_tracker_points_to_import(tmp_path: Path, command: tuple) -> None:
    listed = tmp_path / "list.csv"
    listed.write_text("Company,Role,Date applied\nAcme,Analyst,2026-11-02\n", encoding="utf-8")
    code, output = run(command[0], str(listed), *command[1:])
    assert (code, output) == (
        1,
        "error: list.csv is a CSV file. followup reads a tracker workbook; to make one from "
        f"this list, run: followup import {listed} {tmp_path / 'tracker.xlsx'}\n",
    )
    code, output = run(*shlex.split(output.split("run: ")[1])[1:])
    assert code == 0, output


@pytest.mark.parametrize("text", ["Company;Role\nAcme;Analyst\n", "just some notes\n"])
def test_text_named_xlsx_is_told_for_what_it_is(tmp_path: Path, text: str) -> None:
    path = tmp_path / "list.xlsx"
    path.write_text(text, encoding="utf-8")
    code, output = run("check", str(path))
    assert (code, output) == (
        1,
        "error: list.xlsx holds plain text, such as a CSV file, not an Excel workbook. If it is "
        "a list of applications, run: followup import list.xlsx tracker.xlsx; otherwise open it "
        "in Excel or LibreOffice and save it as an Excel Workbook (.xlsx).\n",
    )


def test_a_csv_saved_as_xlsx_imports_as_the_csv_it_is(tmp_path: Path) -> None:
    path = tmp_path / "list.xlsx"
    path.write_bytes("Company;Role;Date applied\nCafé;Barista;2026-11-02\n".encode("utf-8-sig"))
    code, output = run("import", str(path), str(tmp_path / "t.xlsx"))
    assert code == 0, output
    assert _search(tmp_path / "t.xlsx")["Company"].tolist() == ["Café"]


@pytest.mark.parametrize(
    ("header", "maps"),
    [
        (["Employer/Agency", "Role", "Date applied"], ["Company=Employer/Agency"]),
        (["Client", "Gig", "When"], ["Company=Client", "Role=Gig", "Date applied=When"]),
        (["Client", "Position", "Date applied"], ["company=client"]),
    ],
)
@pytest.mark.parametrize("banner", [0, 2])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_map_counts_when_finding_the_sheet_and_its_header(
    tmp_path: Path, header: list[str], maps: list[str], banner: int, kind: str
) -> None:
    grid = [["My job hunt"]] * banner + [header, ["Acme", "Analyst", "2026-11-02"]]
    if kind == "csv":
        source = tmp_path / "jobs.csv"
        source.write_text("\n".join(",".join(row) for row in grid) + "\n", encoding="utf-8")
    else:
        source = write(tmp_path / "jobs.xlsx", {"Read me": [["hi"]], "Mine": grid})
    options = [part for pair in maps for part in ("--map", pair)]
    code, output = run("import", str(source), str(tmp_path / "t.xlsx"), *options)
    assert code == 0, output
    assert f"(header in row {banner + 1}):" in output.splitlines()[0]
    search = _search(tmp_path / "t.xlsx")
    assert (search.loc[0, "Company"], search.loc[0, "Role"]) == ("Acme", "Analyst")


@pytest.mark.parametrize("blank_rows", [0, 3])
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_list_with_a_header_and_no_rows_says_so(
    tmp_path: Path, blank_rows: int, kind: str
) -> None:
    header = ["Company Name", "Job Title", "Date Applied", "Status"]
    if kind == "csv":
        source = tmp_path / "jobs.csv"
        source.write_text(",".join(header) + "\n" + ",,,\n" * blank_rows, encoding="utf-8")
        name = "jobs.csv"
    else:
        source = write(tmp_path / "jobs.xlsx", {"Jobs": [header, *[[None] * 4] * blank_rows]})
        name = "Jobs"
    code, output = run("import", str(source), str(tmp_path / "t.xlsx"))
    assert (code, output) == (
        1,
        f"error: {name} has its header in row 1 but no rows under it, so there is nothing to "
        "import. Add your applications under the header, then import again.\n",
    )
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.ods", "a LibreOffice (OpenDocument) spreadsheet"), ("a.xls", "an old-format Excel file")],
)
def test_a_source_in_another_format_is_a_data_error(tmp_path: Path, name: str, kind: str) -> None:
    (tmp_path / name).write_bytes(b"anything")
    code, output = run("import", str(tmp_path / name), str(tmp_path / "t.xlsx"))
    assert (code, output) == (
        1,
        f"error: {name} is {kind}. Save it as .xlsx or .csv, then import that.\n",
    )


# Statuses as people write them, with what each means (SPEC 3: the words inside a longer one).
STATUS_WORDS = {
    "Rejected after interview": "Rejected",
    "Rejected - no interview": "Rejected",
    "Not a fit": "Rejected",
    "No longer considered": "Rejected",
    "no offer": "Rejected",
    "Declined": "Rejected",
    "Went with another candidate": "Rejected",
    "Withdrew application": "Withdrawn",
    "Withdrawn by candidate": "Withdrawn",
    "Declined offer": "Withdrawn",
    "Hired elsewhere": "Withdrawn",
    "Job offer": "Offer",
    "Offer received": "Offer",
    "Position filled": "Filled",
    "Position cancelled": "Filled",
    "On hold - hiring freeze": "On hold",
    "Paused by HR": "On hold",
    "Interview (2nd round)": "Active",
    "Application Sent": "Active",
    "No offer yet": "Active",
    "Waiting for offer": "Active",
}


def _interview_rows() -> list[dict[str, object]]:
    return [
        {
            "Company": f"Firm {i}",
            "Role": "Analyst",
            "Interview date": dt.date(2026, 11, 19),
            "Interviewer": "Dana",
            "Status": status,
        }
        for i, status in enumerate(STATUS_WORDS)
    ]


def test_statuses_with_more_words_close_the_jobs_they_say(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", _interview_rows(), writer="xlsxwriter")
    code, output = run("refresh", str(path), "--as-of", "2026-11-23")
    assert code == 0, output
    assert not [line for line in output.splitlines() if line.startswith("warning")]
    planned = set(sheet(path, "This Week")["Company"].dropna())
    expected = {f"Firm {i}" for i, m in enumerate(STATUS_WORDS.values()) if m == "Active"}
    assert planned == expected
    loaded = load(path, dt.date(2026, 11, 23)).tracker
    assert loaded.interviews["status"].tolist() == list(STATUS_WORDS.values())


def test_search_statuses_and_imported_ones_read_the_same_words(tmp_path: Path) -> None:
    rows = [
        {"Date": dt.date(2026, 11, 2), "Activity": "Applied online", "Company": f"Firm {i}",
         "Role": "Analyst", "Status": status}
        for i, status in enumerate(STATUS_WORDS)
    ]  # fmt: skip
    path = tracker(tmp_path / "t.xlsx", search=rows)
    code, output = run("check", str(path), "--as-of", "2026-11-23")
    assert code == 0, output
    loaded = load(path, dt.date(2026, 11, 23)).tracker
    assert loaded.search["status"].tolist() == list(STATUS_WORDS.values())
    assert set(loaded.search["activity"]) == {"Application"}
    source = tmp_path / "list.csv"
    lines = ["Company,Role,Date applied,Status"]
    lines += [f"Firm {i},Analyst,2026-11-02,{status}" for i, status in enumerate(STATUS_WORDS)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run("import", str(source), str(tmp_path / "new.xlsx"))
    assert code == 0, output
    assert not [line for line in output.splitlines() if line.startswith(("warning", "info"))]
    assert _search(tmp_path / "new.xlsx")["Status"].tolist() == list(STATUS_WORDS.values())


def test_an_unknown_status_in_a_tracker_is_an_error_per_value(tmp_path: Path) -> None:
    rows = _interview_rows()[:6]
    for row, status in zip(
        rows, ["Maybe", "Maybe", "Rejected", "Maybe", "Dunno", "Maybe"], strict=True
    ):
        row["Status"] = status
    path = tracker(tmp_path / "t.xlsx", rows)
    code, output = run("check", str(path), "--as-of", "2026-11-23")
    assert (code, output.splitlines()) == (
        1,
        [
            "error: Interviews!M2:M7: 5 cells hold values such as 'Maybe', 'Dunno'. Each is not "
            "a Status. Choose one of: Active, On hold, Offer, Rejected, Withdrawn, Filled.",
            "t.xlsx: 1 error, 0 warnings. Fix the errors, then run followup check again.",
        ],
    )


def test_import_lists_unknown_statuses_by_value_and_keeps_them_in_notes(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    statuses = ["Maybe", "Rejected after interview", "Maybe", "Dunno", "Maybe"]
    lines = ["Company,Role,Date applied,Status"]
    lines += [f"Firm {i},Analyst,2026-11-02,{status}" for i, status in enumerate(statuses)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, output = run("import", str(source), str(tmp_path / "new.xlsx"))
    assert code == 0, output
    assert [line for line in output.splitlines() if line.startswith(("warning", "info"))] == [
        "warning: list.csv!D2:D6: 3 cells say 'Maybe'. That is not a status followup knows, so "
        "it is kept in Notes and those rows read as Active. Correct the Status in the new "
        "tracker where the job is closed.",
        "warning: list.csv!D5: 'Dunno' is not a status followup knows, so it is kept in Notes "
        "and this row reads as Active. Correct the Status in the new tracker where the job is "
        "closed.",
    ]
    search = _search(tmp_path / "new.xlsx")
    assert search["Status"].fillna("").tolist() == ["", "Rejected", "", "", ""]  # blank: Active
    assert search["Notes"].fillna("").tolist() == [
        "Status: Maybe", "", "Status: Maybe", "Status: Dunno", "Status: Maybe"
    ]  # fmt: skip


@pytest.mark.parametrize(
    "pasted", ["Fabrikam\u00a0 Inc", "Fabrikam\u200b Inc", " Fabrikam\t\tInc ", "Fabrikam\nInc"]
)
def test_names_pasted_with_odd_spaces_read_with_single_spaces(tmp_path: Path, pasted: str) -> None:
    rows = [
        {
            "Company": pasted,
            "Role": "Data\u00a0Analyst",
            "Interview date": dt.date(2026, 11, 20),
            "Interviewer": "Dana\u00a0\u00a0Kim",
        }
    ]
    path = tracker(tmp_path / "t.xlsx", rows)
    code, output = run("refresh", str(path), "--as-of", "2026-11-23")
    assert code == 0, output
    week = sheet(path, "This Week")
    shown = " ".join(week[["Company", "Role", "Contact", "Why", "Draft"]].astype(str).sum())
    assert "Fabrikam Inc" in shown and "Data Analyst" in shown and "Dana Kim" in shown
    assert not any(odd in shown for odd in ("\u00a0", "\u200b", "\t", "Fabrikam  Inc"))
    typed = pd.read_excel(path, sheet_name="Interviews", engine="calamine")
    assert typed.loc[0, "Company"] == pasted  # the user's own cell is as it was


@pytest.mark.parametrize("early", [dt.date(2026, 10, 1), dt.date(2026, 11, 19)])
def test_a_decision_before_the_interview_warns_and_plans_from_the_interview_day(
    tmp_path: Path, early: dt.date
) -> None:
    row = {"Company": "Acme", "Role": "Analyst", "Interview date": dt.date(2026, 11, 20)}
    path = tracker(tmp_path / "t.xlsx", [{**row, "Decision by": early}])
    same = tracker(tmp_path / "same.xlsx", [{**row, "Decision by": dt.date(2026, 11, 20)}])
    code, output = run("refresh", str(path), "--as-of", "2026-11-23")
    assert code == 0, output
    assert output.splitlines()[0] == (
        f"warning: Interviews!I2: Decision by {early:%Y-%m-%d} is before the interview date "
        "2026-11-20, so followup takes the interview day as the decision date. Fix whichever "
        "date is wrong."
    )
    assert run("refresh", str(same), "--as-of", "2026-11-23")[0] == 0
    columns = ["Due", "Step", "Action"]
    assert sheet(path, "This Week")[columns].equals(sheet(same, "This Week")[columns])


def test_a_decision_by_of_9999_12_31_reads_as_no_date_yet(tmp_path: Path) -> None:
    row = {"Company": "Acme", "Role": "Analyst", "Interview date": dt.date(2026, 11, 20)}
    placeholder = tracker(tmp_path / "p.xlsx", [{**row, "Decision by": dt.date(9999, 12, 31)}])
    blank = tracker(tmp_path / "b.xlsx", [row])
    for path in (placeholder, blank):
        code, output = run("refresh", str(path), "--as-of", "2026-11-23")
        assert code == 0 and "warning" not in output, output
    columns = ["Due", "Step", "Why", "Draft"]
    assert sheet(placeholder, "This Week")[columns].equals(sheet(blank, "This Week")[columns])
