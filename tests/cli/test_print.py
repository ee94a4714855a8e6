"""The owned sheets print as SPEC section 6 says: on the paper of the user's own sheets,
landscape, one page wide, header row repeated, body text no smaller than 8 pt; a sheet with
nothing to list says so in a line."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import column_index_from_string, get_column_letter

from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet
from tests.workbooks import ACME, tracker

PAPER_WIDTH_INCHES = {1: 11.0, 9: 297 / 25.4}  # the long side, for landscape
BODY_POINTS = 11  # the cells' font size
PIXELS_PER_INCH = 96


def smallest_print_points(ws: openpyxl.worksheet.worksheet.Worksheet) -> float:
    """The body text's size on paper when the print area is fit to one page wide, as Excel
    works it out: column widths in pixels against the printable width, a whole percent."""
    area = ws.print_area
    if isinstance(area, list | tuple):
        area = area[0]
    first, last = area.split("!")[-1].replace("$", "").split(":")
    columns = range(
        column_index_from_string(first.rstrip("0123456789")),
        column_index_from_string(last.rstrip("0123456789")) + 1,
    )
    pixels = 0.0
    for index in columns:
        dim = ws.column_dimensions[get_column_letter(index)]
        if not dim.hidden:
            pixels += (dim.width or 8.43) * 7 + 5
    paper = int(ws.page_setup.paperSize or 1)
    printable = PAPER_WIDTH_INCHES[paper] - ws.page_margins.left - ws.page_margins.right
    percent = min(100, math.floor(100 * printable * PIXELS_PER_INCH / pixels))
    return BODY_POINTS * percent / 100


def with_paper(path: Path, paper: int) -> Path:
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        ws.page_setup.paperSize = paper
    book.save(path)
    return path


@pytest.mark.parametrize(("writer", "paper"), [("openpyxl", 9), ("xlsxwriter", None)])
def test_owned_sheets_print_readably_on_the_users_paper(
    tmp_path: Path, writer: str, paper: int | None
) -> None:
    path = tracker(
        tmp_path / "t.xlsx",
        [ACME, {**ACME, "Company": "Initech", "Interview date": dt.date(2026, 11, 12)}],
        settings={"Your name": "Ana Lopez"},
        writer=writer,
    )
    if paper:
        with_paper(path, paper)
    assert run("refresh", str(path), "--as-of", "2026-11-16", "--no-backup")[0] == 0
    book = openpyxl.load_workbook(path)
    for name in ("This Week", "Network Updates", "Summary", "History"):
        ws = book[name]
        setup = ws.page_setup
        assert (setup.orientation, setup.fitToWidth or 1, setup.fitToHeight) == ("landscape", 1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(setup.paperSize or 1) == (paper or 1), name
        assert ws.print_title_rows, name
    for name in ("This Week", "Network Updates", "History"):
        ws = book[name]
        assert smallest_print_points(ws) >= 8, name
        header = next(r for r in ws.iter_rows() if r[0].value in ("When", "Contact", "Date"))
        assert ws.print_title_rows.replace("$", "") == f"{header[0].row}:{header[0].row}"
        width = next((i for i, c in enumerate(header) if c.value is None), len(header))
        first = next(ws.iter_rows(min_row=header[0].row + 1, max_row=header[0].row + 1))
        texts = [c for c in first[:width] if isinstance(c.value, str) and c.value]
        assert all(c.alignment.wrap_text for c in texts), name  # Role never runs into Step


def test_a_sheet_with_nothing_to_list_says_so(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], settings={"Your name": "Ana Lopez"})
    assert run("refresh", str(path), "--as-of", "2026-11-16", "--no-backup")[0] == 0
    book = openpyxl.load_workbook(path)
    assert sheet(path, NETWORK_SHEET.name).empty and sheet(path, HISTORY_SHEET.name).empty
    assert book["Network Updates"]["A3"].value == (
        "Nobody is due a progress note or an advocate ask this week."
    )
    assert book["History"]["A3"].value.startswith("Nothing ticked done yet")
    assert not sheet(path, THIS_WEEK_SHEET.name).empty
    assert book["This Week"]["A4"].value == "When"  # a list: no such line


def test_the_coach_export_does_not_mention_a_note_column(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], settings={"Your name": "Ana Lopez"})
    out = tmp_path / "coach.xlsx"
    assert run("export", str(path), "--as-of", "2026-11-16", "--to", str(out))[0] == 0
    ws = openpyxl.load_workbook(out)["This Week"]
    assert "Note" not in ws["A2"].value and "edits to Draft are kept" in ws["A2"].value
    assert smallest_print_points(ws) >= 8
