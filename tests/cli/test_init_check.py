"""End to end through the command line: exit codes and the exact lines a user reads."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl

from followup.sample import SAMPLE_ANCHOR, write_sample
from followup.schema import LOG_STEP_IDS, SETTINGS, SETTINGS_SHEET, USER_SHEETS
from tests.cli.helpers import run
from tests.workbooks import ACME, tracker

ROOT = Path(__file__).resolve().parents[2]


def test_init_then_check_passes(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert run("init", str(path)) == (
        0,
        f"Created {path}. Open it, fill in your interviews, then run: followup check {path}\n",
    )
    assert run("check", str(path)) == (0, "t.xlsx: no problems. Ready for followup refresh.\n")


def test_init_writes_every_sheet_column_and_dropdown(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    run("init", str(path))
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [*(s.name for s in USER_SHEETS), SETTINGS_SHEET]
    for sheet in USER_SHEETS:
        ws = wb[sheet.name]
        assert [c.value for c in ws[1]] == [c.header for c in sheet.template_columns]
        assert ws.freeze_panes == "A2"
        assert sheet.table in ws.tables
        lists = {
            next(iter(dv.sqref.ranges)).min_col: dv.formula1
            for dv in ws.data_validations.dataValidation
            if dv.type == "list"
        }
        for index, col in enumerate(sheet.template_columns, start=1):
            if col.choices:
                assert lists[index] == '"' + ",".join(col.choices) + '"'
    assert wb["Log"].data_validations.dataValidation  # Step lists the cadence's step ids
    step_list = next(
        dv.formula1
        for dv in wb["Log"].data_validations.dataValidation
        if dv.type == "list" and next(iter(dv.sqref.ranges)).min_col == 6
    )
    assert step_list.strip('"').split(",") == list(LOG_STEP_IDS)
    settings = wb[SETTINGS_SHEET]
    assert [row[0].value for row in settings.iter_rows(min_row=2)] == [s.name for s in SETTINGS]
    assert all(row[2].value for row in settings.iter_rows(min_row=2))


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    path.write_bytes(b"precious")
    code, output = run("init", str(path))
    assert code == 1
    assert output == (
        f"error: {path} already exists, and followup never overwrites a tracker. Choose a new "
        "file name, or move the old file away first.\n"
    )
    assert path.read_bytes() == b"precious"


def test_template_matches_what_init_writes(tmp_path: Path) -> None:
    made = tmp_path / "t.xlsx"
    run("init", str(made))
    with zipfile.ZipFile(made) as new, zipfile.ZipFile(ROOT / "templates" / "tracker.xlsx") as old:
        assert new.namelist() == old.namelist()
        drifted = [n for n in new.namelist() if new.read(n) != old.read(n)]
    assert drifted == [], "templates/tracker.xlsx is stale: run python scripts/make_template.py"


def test_committed_sample_is_what_the_script_makes(tmp_path: Path) -> None:
    made = tmp_path / "s.xlsx"
    write_sample(made, SAMPLE_ANCHOR)
    with zipfile.ZipFile(made) as new, zipfile.ZipFile(ROOT / "samples" / "tracker.xlsx") as old:
        drifted = [n for n in new.namelist() if new.read(n) != old.read(n)]
    assert drifted == [], "samples/tracker.xlsx is stale: run python scripts/make_sample.py"


def test_sample_passes_check() -> None:
    assert run(
        "check", str(ROOT / "samples" / "tracker.xlsx"), "--as-of", SAMPLE_ANCHOR.isoformat()
    ) == (0, "tracker.xlsx: no problems. Ready for followup refresh.\n")


def test_check_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    rows = [
        {**ACME, "Interview date": "soon"},
        {**ACME, "Role": "Lead", "Interviewer type": "Wizard"},
    ]
    log = [
        {"Date": dt.date(2026, 11, 3), "Company": "Acme", "Role": "Analyst", "Direction": "Sent"}
    ]
    code, output = run(
        "check", str(tracker(tmp_path / "t.xlsx", rows, log)), "--as-of", "2026-11-23"
    )
    assert code == 1
    assert output.splitlines() == [
        "error: Interviews!C2: 'soon' is not a date. Type a date such as 2026-11-02.",
        "error: Interviews!F3: 'Wizard' is not an Interviewer type. Choose one of: "
        "Decision maker, Hiring manager, HR, Recruiter, Peer, Panel.",
        "warning: Log!F2: this Sent row has no Step, so it completes no follow-up step. Type the "
        "step it was, such as thank-you (leave it blank if it was none of them).",
        "t.xlsx: 2 errors, 1 warning. Fix the errors, then run followup check again.",
    ]


def test_not_a_workbook_and_missing_file_give_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes.xlsx").write_bytes(b"\x00\x01 not a zip")
    code, output = run("check", str(tmp_path / "notes.xlsx"))
    assert (code, output.count("\n")) == (1, 1)
    assert output.startswith("error: notes.xlsx is not an Excel workbook.")
    code, output = run("check", str(tmp_path / "gone.xlsx"))
    assert (code, output.count("\n")) == (1, 1)
    assert "gone.xlsx was not found" in output


def test_a_bad_as_of_date_is_a_usage_error(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path / "t.xlsx"), "--as-of", "23/11/2026")
    assert code == 2
    assert (
        "Error: Invalid value for '--as-of': '23/11/2026' is not a date. Type it as YYYY-MM-DD, e.g. 2026-11-23."
        in output
    )


def test_an_old_format_file_says_how_to_convert(tmp_path: Path) -> None:
    code, output = run("check", str(tmp_path / "tracker.xls"))
    assert code == 1
    assert (
        "tracker.xls is an old-format Excel file. Open it and save it as an Excel workbook (.xlsx)."
        in output
    )
