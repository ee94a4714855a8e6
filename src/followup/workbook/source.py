"""Reading the list a user already keeps, for `followup import` (SPEC 3a).

The only code that opens the source: an .xlsx or .xlsm workbook (every worksheet, read with
calamine) or a .csv file (encoding from its byte-order mark, else UTF-8, else Windows-1252;
delimiter sniffed by the standard library's csv.Sniffer). The source is only ever read.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

import pandas as pd
from python_calamine import CalamineWorkbook, SheetTypeEnum

from followup.errors import UnreadableWorkbook
from followup.workbook.ooxml import column_letter
from followup.workbook.reader import _grid, is_text, not_a_workbook

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DELIMITERS = ",;\t|"


def read_source(path: Path) -> dict[str, pd.DataFrame]:
    """Every sheet of the source, by name: its cells from A1, columns named by letter
    ("A", "B", ...), rows by their number (1-based). A CSV file is one sheet named after it.

    Raises UnreadableWorkbook when the file is missing or cannot be read.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableWorkbook(f"{path} was not found: check the file name and folder.") from None
    except IsADirectoryError:
        raise UnreadableWorkbook(f"{path} is a folder: give the path of the file.") from None
    except OSError as exc:
        raise UnreadableWorkbook(f"{path} could not be read ({exc.strerror or exc}).") from None
    if path.suffix.lower() == ".csv" or is_text(data):  # a CSV file saved under another name
        grids = {path.name: _csv_grid(data)}
    else:
        grids = _workbook_grids(data, path.name)
    for grid in grids.values():
        grid.columns = [column_letter(i) for i in range(grid.shape[1])]
        grid.index = pd.RangeIndex(1, len(grid) + 1)
    return grids


def _workbook_grids(data: bytes, label: str) -> dict[str, pd.DataFrame]:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            return {
                sheet.name: _grid(
                    book.get_sheet_by_name(sheet.name).to_python(skip_empty_area=False)
                )
                for sheet in book.sheets_metadata
                if sheet.typ == SheetTypeEnum.WorkSheet
            }
        finally:
            book.close()
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise not_a_workbook(label) from exc


def _csv_grid(data: bytes) -> pd.DataFrame:
    text = _decoded(data)
    sample = text[:64_000]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, _DELIMITERS)
    except csv.Error:  # one column, or too little to tell: commas
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
    width = max((len(row) for row in rows), default=0)
    return pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype=object)


def _decoded(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Spreadsheet apps on Windows save CSV in the ANSI code page; latin-1 reads any byte.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            return data.decode("latin-1")
