"""What someone adds to followup's own sheets outside what a refresh carries over (a value
outside the table, a comment or note, a shape or chart) is named in a warning; the backup
still holds it (SPEC section 6)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.comments import Comment

from tests.cli.helpers import run, sheet
from tests.foreign import with_threaded_comment_and_custom_xml
from tests.workbooks import ACME, copied, tracker

AS_OF = "2026-11-16"
LATER = "2026-11-17"


def warnings(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("warning: ")]


@pytest.fixture(scope="module", params=["openpyxl", "xlsxwriter"])
def refreshed_once(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Path:
    """A tracker written by a user's app, refreshed once by followup (made once a module)."""
    path = tracker(
        tmp_path_factory.mktemp("refreshed") / "t.xlsx",
        [ACME, {**ACME, "Company": "Globex", "Interview date": dt.date(2026, 11, 12)}],
        contacts=[
            {
                "Name": "Maria Gonzalez",
                "Relationship": "Core network",
                "Last update": dt.date(2026, 9, 1),
            }
        ],
        settings={"Your name": "Ana Lopez"},
        writer=request.param,
    )
    code, output = run("refresh", str(path), "--as-of", AS_OF, "--no-backup")
    assert code == 0, output
    return path


@pytest.fixture
def refreshed(refreshed_once: Path, tmp_path: Path) -> Path:
    """The refreshed tracker, copied for each test to change."""
    return copied(refreshed_once, tmp_path)


def edit(path: Path, change: object) -> str:
    """Change the workbook with openpyxl, as a spreadsheet app would; return its new hash."""
    book = openpyxl.load_workbook(path)
    change(book)  # type: ignore[operator]
    book.save(path)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_plain_refresh_warns_about_nothing(refreshed: Path) -> None:
    code, output = run("refresh", str(refreshed), "--as-of", LATER, "--no-backup")
    assert code == 0 and warnings(output) == []
    edit(refreshed, lambda _book: None)  # saved again by another app, nothing added
    code, output = run("refresh", str(refreshed), "--as-of", LATER, "--no-backup")
    assert code == 0 and warnings(output) == []


def test_a_coach_note_on_this_week_is_named_and_kept_in_the_backup(refreshed: Path) -> None:
    def note(book: openpyxl.Workbook) -> None:
        book["This Week"]["F5"].comment = Comment("Coach: call her on Tuesday instead", "Coach")

    noted = edit(refreshed, note)
    code, output = run("refresh", str(refreshed), "--as-of", LATER)
    assert code == 0, output
    assert warnings(output) == [
        "warning: This Week!F5: a comment or note on this cell is not kept: followup rewrites "
        "this sheet on every refresh. Put it in the Note column instead; the backup still "
        "holds it."
    ]
    (backup,) = (refreshed.parent / ".followup-backups").iterdir()
    assert hashlib.sha256(backup.read_bytes()).hexdigest() == noted
    assert openpyxl.load_workbook(backup)["This Week"]["F5"].comment.text.startswith("Coach")
    again = run("refresh", str(refreshed), "--as-of", LATER)[1]
    assert warnings(again) == []  # said once: the next refresh finds nothing new


def test_values_outside_the_tables_are_named_cell_by_cell(refreshed: Path) -> None:
    def type_outside(book: openpyxl.Workbook) -> None:
        book["This Week"]["O7"] = "call back?"  # the gap beside the table
        book["This Week"]["D2"] = "my title"  # beside the title lines
        book["Summary"]["D6"] = 42
        book["Network Updates"]["K5"] = "=1+1"

    edit(refreshed, type_outside)
    code, output = run("refresh", str(refreshed), "--as-of", LATER, "--dry-run")
    assert code == 0
    assert warnings(output) == [
        "warning: This Week!D2, O7: values typed in these cells are not kept: followup "
        "rewrites this sheet on every refresh. Put them in a sheet of your own instead; your "
        "tracker still holds them.",
        "warning: Network Updates!K5: a value typed in this cell is not kept: followup "
        "rewrites this sheet on every refresh. Put it in a sheet of your own instead; your "
        "tracker still holds it.",
        "warning: Summary!D6: a value typed in this cell is not kept: followup rewrites this "
        "sheet on every refresh. Put it in a sheet of your own instead; your tracker still "
        "holds it.",
    ]


def test_many_cells_make_one_grouped_warning(refreshed: Path) -> None:
    def fill(book: openpyxl.Workbook) -> None:
        for row in range(3, 13):
            book["Summary"].cell(row, 8).value = row

    edit(refreshed, fill)
    code, output = run("refresh", str(refreshed), "--as-of", LATER, "--no-backup")
    assert code == 0
    assert warnings(output) == [
        "warning: Summary!H3, H4, H5, H6, H7, H8 and 4 more: values typed in these cells are "
        "not kept: followup rewrites this sheet on every refresh. Put them in a sheet of your "
        "own instead."
    ]


def test_history_keeps_the_columns_the_user_adds(refreshed: Path) -> None:
    header = sheet(refreshed, "History").shape  # empty so far: ticks come later
    assert header[0] == 0

    def add_column(book: openpyxl.Workbook) -> None:
        ws = book["History"]
        header = next(r for r in ws.iter_rows() if r[0].value == "Date")
        ws.cell(header[0].row, max(c.column for c in header if c.value) + 1).value = "Reply"
        ws["C2"] = "typed above the table"

    edit(refreshed, add_column)
    code, output = run("refresh", str(refreshed), "--as-of", LATER, "--no-backup")
    assert code == 0
    assert warnings(output) == [
        "warning: History!C2: a value typed in this cell is not kept: followup rewrites this "
        "sheet on every refresh. Put it in a sheet of your own instead."
    ]
    assert "Reply" in sheet(refreshed, "History").columns


def test_a_threaded_comment_on_network_updates_is_named(refreshed: Path) -> None:
    with_threaded_comment_and_custom_xml(refreshed, "Network Updates", "B5")
    code, output = run("refresh", str(refreshed), "--as-of", LATER, "--no-backup")
    assert code == 0, output
    assert warnings(output) == [
        "warning: Network Updates!B5: a comment or note on this cell is not kept: followup "
        "rewrites this sheet on every refresh. Put it in a sheet of your own instead."
    ]


def test_a_chart_added_to_an_owned_sheet_is_named_and_followups_own_is_not(
    refreshed: Path,
) -> None:
    def chart(book: openpyxl.Workbook) -> None:
        ws = book["This Week"]
        drawn = BarChart()
        drawn.add_data(Reference(ws, min_col=2, min_row=4, max_row=6))
        ws.add_chart(drawn, "Q3")

    edit(refreshed, chart)
    code, output = run("refresh", str(refreshed), "--as-of", LATER, "--no-backup")
    assert code == 0
    assert warnings(output) == [
        "warning: This Week!Q3: a shape, picture or chart placed here is not kept: followup "
        "rewrites this sheet on every refresh. Put it in a sheet of your own instead."
    ]
