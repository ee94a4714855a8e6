"""The reader: the only code that reads the tracker's cells.

Values come from calamine (fast, and it reads cached formula results, 1904 dates and
inline strings) straight into pandas frames, as pandas' own calamine engine delivers them
but without its per-cell text parser, which cost a third of the read on a large tracker.
The package itself is opened once more with zipfile, only to learn the sheets' parts, the
owned-sheet markers and which formula cells have no saved result, since calamine reports
those as blank.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from lxml import etree
from pandas.api.types import infer_dtype
from python_calamine import CalamineWorkbook
from xlsxwriter.utility import xl_col_to_name

from followup.errors import UnreadableWorkbook
from followup.schema import OWNED_SHEETS, SETTINGS_SHEET, USER_SHEETS, Sheet
from followup.tracker import RawSheet
from followup.workbook.package import MAIN_NS, WorkbookInfo, read_info

_CELL, _FORMULA_TAG, _VALUE, _INLINE = (f"{{{MAIN_NS}}}{t}" for t in ("c", "f", "v", "is"))
# Owned sheets carry title rows; their header is the first row naming the first column.
_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class RawWorkbook:
    info: WorkbookInfo
    sheets: dict[str, RawSheet]  # keyed by the schema's sheet name
    clashes: tuple[str, ...]  # user sheets named like an owned sheet, without our marker


def not_a_workbook(label: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"{label} is not an Excel workbook. Open it in Excel, LibreOffice or Google Sheets "
        "and save (or download) it as an .xlsx file."
    )


def read_workbook(data: bytes, label: str, owned: Iterable[Sheet] = ()) -> RawWorkbook:
    """Read the user sheets (and the given owned sheets, when marked as ours) from the package."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            info = read_info(zf)
            wanted = _wanted(info, owned)
            uncached = {name: _uncached_cells(zf, info, name) for name in wanted}
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as exc:
        raise not_a_workbook(label) from exc
    sheets: dict[str, RawSheet] = {}
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            # One sheet at a time, each trimmed to its rows before the next is read, keeps
            # the peak memory of a large tracker near that of its largest sheet.
            for actual, (schema_name, owned_header) in wanted.items():
                grid = _grid(book.get_sheet_by_name(actual).to_python(skip_empty_area=False))
                sheets[schema_name] = _raw_sheet(actual, grid, uncached[actual], owned_header)
        finally:
            book.close()
    except Exception as exc:  # calamine raises its own error types for damaged parts
        raise not_a_workbook(label) from exc
    owned_names = {name.casefold() for name in OWNED_SHEETS}
    clashes = tuple(s.name for s in info.sheets if s.name.casefold() in owned_names and not s.owned)
    return RawWorkbook(info, sheets, clashes)


def _wanted(info: WorkbookInfo, owned: Iterable[Sheet]) -> dict[str, tuple[str, str | None]]:
    """Actual sheet name -> (schema name, header to look for in an owned sheet, else None)."""
    wanted: dict[str, tuple[str, str | None]] = {}
    for name in (*(s.name for s in USER_SHEETS), SETTINGS_SHEET):
        found = info.sheet(name)
        if found is not None and not found.part.casefold().startswith("xl/chartsheets/"):
            wanted[found.name] = (name, None)
    for sheet in owned:
        found = info.sheet(sheet.name)
        if found is not None and found.owned:
            wanted[found.name] = (sheet.name, sheet.columns[0].header.casefold())
    return wanted


def _grid(rows: list[list[Any]]) -> pd.DataFrame:
    """Cells from A1 as pandas' calamine engine gives them: whole numbers as int, dates as
    datetime, text as typed ("NA" and "None" stay text), blank cells as ""."""
    grid = pd.DataFrame(rows, dtype=object)
    for position in range(grid.shape[1]):
        read = values = grid.iloc[:, position].tolist()
        kinds = set(map(type, values))
        if float in kinds:
            values = [int(v) if type(v) is float and v.is_integer() else v for v in values]
        if dt.date in kinds:
            values = [
                dt.datetime(v.year, v.month, v.day) if type(v) is dt.date else v for v in values
            ]
        if values is not read:
            column = np.empty(len(values), dtype=object)
            column[:] = values
            grid.isetitem(position, column)
    return grid


def _raw_sheet(
    name: str, grid: pd.DataFrame, uncached: frozenset[str], find: str | None
) -> RawSheet:
    header_at = 0
    if find is not None:
        first = grid.head(_HEADER_SEARCH_ROWS).map(lambda v: str(v).strip().casefold())
        hits = first.index[(first == find).any(axis=1)]
        header_at = int(hits[0]) if len(hits) else 0
    grid.columns = [xl_col_to_name(i) for i in range(grid.shape[1])]
    grid.index = pd.RangeIndex(1, len(grid) + 1)
    header_row = header_at + 1
    headers: dict[str, str] = {}
    labels: dict[str, str] = {}
    if len(grid) >= header_row:
        for letter, value in grid.loc[header_row].items():
            text = str(value).strip()
            if text and text.casefold() not in headers:
                headers[text.casefold()] = str(letter)
                labels[str(letter)] = text
    body = grid.loc[header_row + 1 :]
    keep = pd.Series(False, index=body.index)
    for _column_letter, column in body.items():
        # Only rows not yet known to hold something: after the first column that is few.
        open_rows = ~keep
        if open_rows.any():
            keep[open_rows] = _filled(column[open_rows])
    if uncached:
        # A formula without a saved result reads as blank, yet its row is not blank.
        rows_with_formulas = {int(re.sub(r"[A-Z]+", "", ref)) for ref in uncached}
        keep |= body.index.isin(list(rows_with_formulas))
    return RawSheet(name, header_row, headers, body if keep.all() else body[keep], uncached, labels)


def _filled(column: pd.Series) -> pd.Series:
    if column.dtype == object and infer_dtype(column, skipna=False) == "string":
        return column.str.strip().ne("")  # a whole text column in one pass
    return column.map(lambda v: not (isinstance(v, str) and not v.strip()) and v is not None)


def _uncached_cells(zf: zipfile.ZipFile, info: WorkbookInfo, sheet_name: str) -> frozenset[str]:
    """Cells whose formula has no saved result (saved by a tool that never calculated)."""
    found = info.sheet(sheet_name)
    if found is None:
        return frozenset()
    xml = zf.read(found.part)
    if not _may_hold_formulas(xml):
        return frozenset()
    cells = set()
    for _event, cell in etree.iterparse(io.BytesIO(xml), tag=_CELL, huge_tree=True):
        # An empty <v/> is a saved result only for text (a formula returning ""); a number
        # with no digits means the writer never calculated the formula.
        value = cell.find(_VALUE)
        empty = value is None or not (value.text or "").strip()
        text_result = cell.get("t") in ("str", "s", "inlineStr") and value is not None
        unsaved = empty and not text_result and cell.find(_INLINE) is None
        if unsaved and cell.find(_FORMULA_TAG) is not None:
            cells.add(cell.get("r", ""))
        cell.clear()
    cells.discard("")
    return frozenset(cells)


def _may_hold_formulas(xml: bytes) -> bool:
    """A cheap first look: inside sheetData only a formula element starts with f (<f>, <x:f>).

    Data validations after sheetData hold <formula1>, so the search stops where they begin.
    """
    data_end = xml.rfind(b"sheetData>")  # the closing tag
    stop = data_end if data_end >= 0 else len(xml)
    return xml.find(b"<f", 0, stop) >= 0 or xml.find(b":f", 0, stop) >= 0


def unreadable_sheets(data: bytes, names: Iterable[str]) -> list[str]:
    """Problems reading back every cell of the given sheets with calamine (empty = fine).

    Run on a freshly written workbook before it replaces the old one. Only the given sheets
    are read, so the proof costs what those sheets cost, not the whole tracker.
    """
    problems: list[str] = []
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            for name in names:
                if name not in book.sheet_names:
                    problems.append(f"the new workbook has no sheet {name}")
                else:
                    book.get_sheet_by_name(name).to_python()
        finally:
            book.close()
    except Exception as exc:  # any failure to read back means the write must not happen
        problems.append(f"the new workbook cannot be read back: {exc}")
    return problems
