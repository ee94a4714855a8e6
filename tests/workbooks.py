"""Small trackers written cell by cell, by openpyxl or XlsxWriter, as users' files are."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter

from followup.schema import CONTACTS, INTERVIEWS, LOG, SEARCH, SETTING_HEADER, VALUE_HEADER

Grid = Sequence[Sequence[Any]]


def write(
    path: Path, sheets: Mapping[str, Grid], *, writer: str = "openpyxl", date1904: bool = False
) -> Path:
    """Write each sheet's grid from A1; dates get a date format as a spreadsheet app would."""
    if writer == "xlsxwriter":
        book = xlsxwriter.Workbook(str(path), {"date_1904": date1904})
        date_format = book.add_format({"num_format": "yyyy-mm-dd"})
        for name, grid in sheets.items():
            ws = book.add_worksheet(name)
            for r, row in enumerate(grid):
                for c, value in enumerate(row):
                    if isinstance(value, dt.date):
                        ws.write_datetime(r, c, _as_datetime(value), date_format)
                    elif value is not None:
                        ws.write(r, c, value)
        book.close()
        return path
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if date1904:
        wb.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
    for name, grid in sheets.items():
        ws = wb.create_sheet(name)
        for row in grid:
            ws.append(list(row))
        for cells in ws.iter_rows():
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
    wb.save(path)
    return path


def copied(path: Path, folder: Path) -> Path:
    """A copy in `folder` of a workbook built once for many tests, for one test to change."""
    return Path(shutil.copy(path, folder / path.name))


def _as_datetime(value: dt.date) -> dt.datetime:
    return (
        value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    )


def headers(sheet: Any) -> list[str]:
    return [c.header for c in sheet.template_columns]


def tracker(
    path: Path,
    interviews: Sequence[Mapping[str, Any]] = (),
    log: Sequence[Mapping[str, Any]] = (),
    contacts: Sequence[Mapping[str, Any]] = (),
    search: Sequence[Mapping[str, Any]] = (),
    settings: Mapping[str, Any] | None = None,
    *,
    writer: str = "openpyxl",
    date1904: bool = False,
    extra_sheets: Mapping[str, Grid] | None = None,
) -> Path:
    """A tracker whose rows are given by header name ({"Company": "Acme", ...})."""
    sheets: dict[str, Grid] = {}
    for sheet, rows in (
        (INTERVIEWS, interviews),
        (LOG, log),
        (CONTACTS, contacts),
        (SEARCH, search),
    ):
        names = headers(sheet)
        sheets[sheet.name] = [names, *([row.get(h) for h in names] for row in rows)]
    sheets["Settings"] = [
        [SETTING_HEADER, VALUE_HEADER],
        *([k, v] for k, v in (settings or {}).items()),
    ]
    sheets.update(extra_sheets or {})
    return write(path, sheets, writer=writer, date1904=date1904)


ACME = {
    "Company": "Acme",
    "Role": "Analyst",
    "Interview date": dt.date(2026, 11, 2),
    "Interviewer": "Dana Kim",
    "Decision by": "3 weeks",
}
