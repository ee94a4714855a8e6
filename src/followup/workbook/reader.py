"""The reader: the only code that reads the tracker's cells.

Values come from calamine (fast, and it reads cached formula results, 1904 dates and
inline strings) straight into pandas frames, as pandas' own calamine engine delivers them
but without its per-cell text parser, which cost a third of the read on a large tracker.
The package itself is opened once more as a `Package`, to learn what calamine does not
say: the sheets' parts, the owned-sheet markers, which formula cells have no saved result
or hold an error (calamine reports both as blank), merged ranges and tables' total rows.

calamine holds a sheet as one dense rectangle from its first to its last cell, so a single
stray value far out (XFD1048576) would cost terabytes. A sheet whose rectangle is much
larger than its cells is handed to calamine with its rows and columns numbered closely
(an in-memory copy, never written), and the cells are put back where they were.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from lxml import etree
from pandas.api.types import infer_dtype
from python_calamine import CalamineWorkbook

from followup.errors import UnreadableWorkbook, quoted
from followup.headers import HEADER_SEARCH_ROWS
from followup.headers import header_row as find_header_row
from followup.raw_sheet import RawSheet
from followup.schema import OWNED_SHEETS, SETTINGS_TABLE, USER_SHEETS, Sheet
from followup.workbook.ooxml import TABLE_TYPE, M, column_letter, column_number
from followup.workbook.package import Package, WorkbookInfo, parse_xml

_CELL, _FORMULA_TAG, _VALUE, _INLINE = (f"{M}{t}" for t in ("c", "f", "v", "is"))
# A sheet read as one rectangle may hold this many cells, or 1 per 8 bytes of its XML
# (a real cell takes 20 bytes or more), before it is read with its cells packed close.
_DENSE_CELLS = 2_000_000
_CELL_REF = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_ROW_REF = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"")
_ROW_NUMBER = re.compile(rb"\sr=\"([0-9]{1,7})\"")
# Cell references of two or three letters, and of three: without them a sheet is at most
# 26 columns wide (A..Z), or 702 (A..ZZ). Each pattern leads with the literal r=" so the
# search skips from one to the next (a leading \s would be tried at every byte of a sheet).
_TWO_LETTERS = re.compile(rb'r="(?<=\sr=")[A-Z]{2,3}[0-9]')
_THREE_LETTERS = re.compile(rb'r="(?<=\sr=")[A-Z]{3}[0-9]')
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+)([0-9]+):([A-Z]+)([0-9]+)\"")
_ERROR_TYPE = (b't="e"', b"t='e'")


@dataclass(frozen=True)
class _Layout:
    """What the reader learns from a sheet's XML before calamine reads its values."""

    uncached: frozenset[str]  # formula cells without a saved result
    errors: dict[str, str]  # cell -> formula error (#N/A, #REF!, ...)
    merges: tuple[tuple[int, int, int], ...]  # (column number, first row, last row)
    totals: frozenset[int]  # row numbers of tables' total rows
    rows: list[int] | None  # packed sheets: the worksheet row of each row calamine sees
    columns: list[int] | None  # ... and the column number (1 = A) of each column


@dataclass(frozen=True)
class RawWorkbook:
    info: WorkbookInfo
    sheets: dict[str, RawSheet]  # keyed by the schema's sheet name
    clashes: tuple[str, ...]  # user sheets named like an owned sheet, without our marker
    # Worksheets followup does not read, by name: their top rows (A1-based letters as column
    # names), enough to tell whether one holds a list of applications.
    others: dict[str, pd.DataFrame] = field(default_factory=dict)


def not_a_workbook(label: str) -> UnreadableWorkbook:
    return UnreadableWorkbook(
        f"{label} is not an Excel workbook. Open it in Excel, LibreOffice or Google Sheets "
        "and save (or download) it as an .xlsx file."
    )


_SAVE_AS = "In Excel choose File > Save As > Excel Workbook (.xlsx), then use that file."
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: .xls, or encrypted .xlsx
_STRICT_NS = b"http://purl.oclc.org/ooxml/spreadsheetml/main"


def is_text(data: bytes) -> bool:
    """Whether the file holds plain text (a CSV file, whatever its name), not a package."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if not head or head.startswith((b"PK", _OLE)):
        return False
    return not any(byte < 9 or 13 < byte < 32 for byte in head)


def _other_format(data: bytes, label: str, new_tracker: str) -> UnreadableWorkbook | None:
    """What the file is, when it is not a workbook followup reads (SPEC 7), else None.
    `new_tracker`: a file name free for `followup import` to write, for a CSV file."""
    if is_text(data):
        return UnreadableWorkbook(
            f"{label} holds plain text, such as a CSV file, not an Excel workbook. If it is a "
            f"list of applications, run: followup import {quoted(label)} {quoted(new_tracker)}; "
            "otherwise open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx)."
        )
    if data.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return UnreadableWorkbook(
                f"{label} is protected with a password (encrypted), so followup cannot read it. "
                "Open it in Excel, remove the password (File > Info > Protect Workbook > "
                f"Encrypt with Password, clear it) and save it as an Excel Workbook (.xlsx)."
            )
        return UnreadableWorkbook(f"{label} is an old-format Excel file (.xls). {_SAVE_AS}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype") if "mimetype" in names else b""
            workbook = zf.read("xl/workbook.xml")[:4096] if "xl/workbook.xml" in names else b""
    except (zipfile.BadZipFile, OSError, zipfile.LargeZipFile, NotImplementedError, ValueError):
        if data.startswith(b"PK"):
            return UnreadableWorkbook(
                f"{label} is damaged (its zip package cannot be opened). Open it in Excel, which "
                f"may repair it, or use a backup; then save it as an Excel Workbook (.xlsx)."
            )
        return None
    if b"opendocument.spreadsheet" in mimetype:
        return UnreadableWorkbook(
            f"{label} is an OpenDocument spreadsheet (.ods). In LibreOffice choose File > Save "
            "As > Excel 2007-365 (.xlsx), then use that file."
        )
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names) or "Index.zip" in names:
        return UnreadableWorkbook(
            f"{label} is a Numbers spreadsheet. In Numbers choose File > Export To > Excel, "
            "then use that .xlsx file."
        )
    if "xl/workbook.bin" in names:
        return UnreadableWorkbook(f"{label} is an Excel Binary Workbook (.xlsb). {_SAVE_AS}")
    if _STRICT_NS in workbook:
        return UnreadableWorkbook(
            f"{label} is a Strict Open XML workbook, which followup cannot read. {_SAVE_AS}"
        )
    return None


def read_workbook(
    data: bytes, label: str, owned: Iterable[Sheet] = (), new_tracker: str = "tracker.xlsx"
) -> RawWorkbook:
    """Read the user sheets (and the given owned sheets, when marked as ours) from the package.

    Raises UnreadableWorkbook naming what the file is when it is not an .xlsx/.xlsm package
    (.xls, encrypted, .ods, .numbers, .xlsb, Strict Open XML, a damaged zip)."""
    other = _other_format(data, label, new_tracker)
    if other is not None:
        raise other
    try:
        package = Package(data)
        info = package.info
        wanted = _wanted(info, owned)
        layouts, packed = {}, {}
        for name in wanted:
            layouts[name], packed_xml = _layout(package, info, name)
            if packed_xml is not None:
                packed[_part(info, name)] = packed_xml
        if packed:
            data = _with_parts(package, packed)
        del package
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError) as exc:
        raise not_a_workbook(label) from exc
    sheets: dict[str, RawSheet] = {}
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            # One sheet at a time, each trimmed to its rows before the next is read, keeps
            # the peak memory of a large tracker near that of its largest sheet.
            for actual, (sheet, owned_header) in wanted.items():
                cells = _cells(book.get_sheet_by_name(actual).to_python(skip_empty_area=False))
                sheets[sheet.name] = _raw_sheet(actual, cells, layouts[actual], sheet, owned_header)
            others = {
                name: _grid(
                    book.get_sheet_by_name(name).to_python(
                        skip_empty_area=False, nrows=HEADER_SEARCH_ROWS + 1
                    )
                )
                for name in _others(info, wanted)
            }
        finally:
            book.close()
    except Exception as exc:  # calamine raises its own error types for damaged parts
        raise not_a_workbook(label) from exc
    owned_names = {name.casefold() for name in OWNED_SHEETS}
    clashes = tuple(s.name for s in info.sheets if s.name.casefold() in owned_names and not s.owned)
    return RawWorkbook(info, sheets, clashes, others)


def _wanted(info: WorkbookInfo, owned: Iterable[Sheet]) -> dict[str, tuple[Sheet, str | None]]:
    """Actual sheet name -> (schema sheet, header to look for in an owned sheet, else None)."""
    wanted: dict[str, tuple[Sheet, str | None]] = {}
    for sheet in (*USER_SHEETS, SETTINGS_TABLE):
        found = info.sheet(sheet.name)
        if found is not None and not _is_chart(found.part):
            wanted[found.name] = (sheet, None)
    for sheet in owned:
        found = info.sheet(sheet.name)
        if found is not None and found.owned:
            wanted[found.name] = (sheet, sheet.columns[0].header.casefold())
    return wanted


def _is_chart(part: str) -> bool:
    return part.casefold().startswith("xl/chartsheets/")


def _others(info: WorkbookInfo, wanted: dict[str, tuple[Sheet, str | None]]) -> list[str]:
    """The worksheets the user keeps that followup neither reads nor writes."""
    ours = {name.casefold() for name in OWNED_SHEETS}
    return [
        s.name
        for s in info.sheets
        if s.name not in wanted
        and not _is_chart(s.part)
        and not s.owned
        and s.name.casefold() not in ours
    ]


# Kinds of column (pandas' infer_dtype) that hold neither a float nor a date: left as read.
# ("datetime" is not one: it allows NaN.)
_PLAIN = frozenset({"string", "empty", "boolean", "integer"})


def _grid(rows: list[list[Any]]) -> pd.DataFrame:
    """Cells from A1 as pandas' calamine engine gives them: whole numbers as int, dates as
    datetime, text as typed ("NA" and "None" stay text), blank cells as ""."""
    return pd.DataFrame(_cells(rows), dtype=object)


def _cells(rows: list[list[Any]]) -> np.ndarray:
    """`_grid`'s cells as one object array (rows x columns)."""
    if len({len(row) for row in rows}) > 1:  # calamine's rows are of one width; else padded
        cells = pd.DataFrame(rows, dtype=object).to_numpy()
    else:
        cells = np.empty((len(rows), len(rows[0]) if rows else 0), dtype=object)
        cells[:] = rows
    # Most columns hold one kind of value without a number or a date, told at C speed.
    for position in range(cells.shape[1]):
        if infer_dtype(cells[:, position], skipna=False) in _PLAIN:
            continue
        read = values = cells[:, position].tolist()
        kinds = set(map(type, values))
        if float in kinds:
            values = [int(v) if type(v) is float and v.is_integer() else v for v in values]
        if dt.date in kinds:
            # Each distinct day made once: a column repeats its dates. No other value a
            # cell holds equals a date, so the rest pass through as they are.
            midnight = {
                v: dt.datetime(v.year, v.month, v.day) for v in set(values) if type(v) is dt.date
            }
            values = list(map(midnight.get, values, values))
        if values is not read:
            cells[:, position] = np.fromiter(values, dtype=object, count=len(values))
    return cells


def _raw_sheet(
    name: str, cells: np.ndarray, layout: _Layout, sheet: Sheet, owned: str | None
) -> RawSheet:
    """The sheet's `RawSheet`, from its cells as calamine read them (`_cells`): its header
    row found, and the rows above it and its blank rows dropped, on the one array."""
    height, width = cells.shape
    numbers = np.array(list(layout.rows or range(1, height + 1))[:height], dtype=np.int64)
    letters = [column_letter(c - 1) for c in list(layout.columns or range(1, width + 1))[:width]]
    header_row = int(numbers[0]) if height else 1
    top = cells[:HEADER_SEARCH_ROWS].tolist()
    if owned is not None:
        # Owned sheets carry title rows; their header is the first row naming the first column.
        hits = [
            at for at, row in enumerate(top) if owned in (str(v).strip().casefold() for v in row)
        ]
        header_row = int(numbers[hits[0]]) if hits else header_row
    else:
        # Banner or title rows may sit above the user's header (SPEC 3).
        needed = [col.key for col in sheet.columns if col.required]
        at = find_header_row(
            pd.DataFrame(top, columns=letters, dtype=object), sheet.columns, needed
        )
        header_row = int(numbers[at]) if at is not None else header_row
    labels: dict[str, str] = {}
    header_at = np.flatnonzero(numbers == header_row)
    if len(header_at):
        for letter, value in zip(letters, cells[header_at[0]].tolist(), strict=True):
            text = str(value).strip()
            if text:
                labels[letter] = text
    above = cells[numbers < header_row] if owned is not None else cells[:0]
    titles = tuple(str(v).strip() for v in above.ravel().tolist() if str(v).strip())
    below = numbers > header_row
    if layout.totals:
        below &= ~np.isin(numbers, list(layout.totals))
    numbers, cells = numbers[below], cells[below]
    keep = np.zeros(len(cells), dtype=bool)
    used: Iterable[int] = range(width)
    if width > _WIDE:
        # Only columns holding something, found at once: a sheet may span thousands of blank ones.
        used = np.flatnonzero(((cells != "") & pd.notna(cells)).any(axis=0)).tolist()
    for position in used:
        # Only rows not yet known to hold something: after the first column that is few.
        open_rows = np.flatnonzero(~keep)
        if not len(open_rows):
            break
        keep[open_rows] = _filled(cells[open_rows, position])
    marked = layout.uncached | layout.errors.keys()
    if marked:
        # A formula without a saved result, or with an error, reads as blank, yet its row
        # is not blank.
        keep |= np.isin(numbers, [int(re.sub(r"[A-Z]+", "", ref)) for ref in marked])
    if not keep.all():
        numbers, cells = numbers[keep], cells[keep]
    body = pd.DataFrame(cells, index=pd.Index(numbers), columns=letters, dtype=object)
    if layout.merges:
        body = _spread_merges(body, layout.merges, header_row)
    return RawSheet(name, header_row, body, layout.uncached, labels, dict(layout.errors), titles)


def _spread_merges(
    body: pd.DataFrame, merges: tuple[tuple[int, int, int], ...], header_row: int
) -> pd.DataFrame:
    """A merged range's value counts for every row it spans (SPEC 3), in its first column.

    Rows blank but for a merged value were dropped before, so they stay blank rows.
    """
    body = body.copy()
    for column, first, last in merges:
        letter = column_letter(column - 1)
        if first <= header_row or letter not in body.columns or first not in body.index:
            continue
        value = body.loc[first, letter]
        spanned = (body.index > first) & (body.index <= last)
        if spanned.any():
            body[letter] = body[letter].mask(spanned, value)
    return body


_WIDE = 64  # columns, from which a sheet's blank columns are found before rows are looked at
# Kinds of column (pandas' infer_dtype) holding neither text nor None: every cell is filled.
_FILLED = frozenset({"integer", "floating", "boolean", "mixed-integer-float"})


def _filled(cells: np.ndarray) -> np.ndarray:
    """Which cells hold something (not None, not blank text)."""
    kind = infer_dtype(cells, skipna=False)
    if kind in _FILLED:
        return np.ones(len(cells), dtype=bool)
    if kind == "string":
        filled = (bool(v.strip()) for v in cells.tolist())
    else:
        filled = (
            not (isinstance(v, str) and not v.strip()) and v is not None for v in cells.tolist()
        )
    return np.fromiter(filled, dtype=bool, count=len(cells))


def _part(info: WorkbookInfo, sheet_name: str) -> str:
    found = info.sheet(sheet_name)
    assert found is not None
    return found.part


def _layout(package: Package, info: WorkbookInfo, sheet_name: str) -> tuple[_Layout, bytes | None]:
    """The sheet's layout, and its XML with the cells packed close when it must be read so."""
    part = _part(info, sheet_name)
    xml = package.read(part)
    data_end = xml.rfind(b"sheetData>")  # the closing tag
    data_end = data_end if data_end >= 0 else len(xml)
    uncached, errors = _marked_cells(xml, data_end)
    merges = tuple(
        (column_number(m[1]), int(m[2]), int(m[4]))
        for m in _MERGE.finditer(xml, data_end)
        if int(m[4]) > int(m[2])
    )
    rows, columns, packed = _packing(xml, data_end)
    layout = _Layout(uncached, errors, merges, _total_rows(package, part), rows, columns)
    return layout, packed


def _packing(xml: bytes, data_end: int) -> tuple[list[int] | None, list[int] | None, bytes | None]:
    """For a sheet whose rectangle from A1 is far larger than its cells: the rows and columns
    holding cells, and the XML with them renumbered 1, 2, 3... (else None, None, None).

    The cheap look first: the last row's number and whether any column is past Z or ZZ.
    """
    allowed = max(_DENSE_CELLS, len(xml) // 8)
    last_row = xml.rfind(b"<row", 0, data_end)
    # A prefixed row (<x:row>) is looked for only after the last plain one: from the end of
    # a sheet without prefixes that search would cross the whole sheet.
    last_row = max(last_row, xml.rfind(b":row", max(last_row, 0), data_end))
    found = _ROW_NUMBER.search(xml, last_row, xml.find(b">", last_row)) if last_row >= 0 else None
    if last_row < 0:
        return None, None, None  # no rows at all
    if found is not None:
        width = 26
        if _TWO_LETTERS.search(xml, 0, data_end):
            width = 16384 if _THREE_LETTERS.search(xml, 0, data_end) else 702
        if int(found[1]) * width <= allowed:
            return None, None, None
    refs = _CELL_REF.findall(xml, 0, data_end)
    row_numbers = {int(r) for _c, r in refs} | {int(r) for r in _ROW_REF.findall(xml, 0, data_end)}
    column_numbers = {column_number(c) for c, _r in refs}
    if not refs or max(row_numbers) * max(column_numbers) <= allowed:
        return None, None, None
    rows, columns = sorted(row_numbers), sorted(column_numbers)
    row_at = {str(r).encode(): str(i).encode() for i, r in enumerate(rows, 1)}
    column_at = {
        column_letter(c - 1).encode(): column_letter(i).encode() for i, c in enumerate(columns)
    }

    def cell(m: re.Match[bytes]) -> bytes:
        start, end = m.span(1)[0] - m.start(), m.span(2)[1] - m.start()
        whole: bytes = m[0]
        return bytes(whole[:start] + column_at[m[1]] + row_at[m[2]] + whole[end:])

    def row(m: re.Match[bytes]) -> bytes:
        start, end = (i - m.start() for i in m.span(1))
        whole: bytes = m[0]
        return bytes(whole[:start] + row_at[m[1]] + whole[end:])

    body = _ROW_REF.sub(row, _CELL_REF.sub(cell, xml[:data_end]))
    return rows, columns, _DIMENSION.sub(b"", body) + xml[data_end:]


def _with_parts(package: Package, replaced: dict[str, bytes]) -> bytes:
    """The package with some parts replaced, in memory, for calamine to read."""
    for name, data in replaced.items():
        package.write(name, data)
    return package.to_bytes()


def _total_rows(package: Package, part: str) -> frozenset[int]:
    """Row numbers of the total rows of the sheet's Excel tables (Table Design > Total Row)."""
    rows: set[int] = set()
    for target in package.related(part, TABLE_TYPE):
        if package.find(target) is None:
            continue
        table = parse_xml(package.read(target))
        count = int(table.get("totalsRowCount") or 0)
        found = re.fullmatch(r"[A-Z]+\d+:[A-Z]+(\d+)", table.get("ref", ""))
        if count > 0 and found:
            last = int(found[1])
            rows.update(range(last - count + 1, last + 1))
    return frozenset(rows)


def _marked_cells(xml: bytes, data_end: int) -> tuple[frozenset[str], dict[str, str]]:
    """Cells whose formula has no saved result (saved by a tool that never calculated), and
    cells holding an error value (#N/A, #REF!, ...)."""
    if not (_holds(xml, _ERROR_TYPE, b"e", data_end) or _may_hold_formulas(xml, data_end)):
        return frozenset(), {}
    cells = set()
    errors: dict[str, str] = {}
    for _event, cell in etree.iterparse(io.BytesIO(xml), tag=_CELL, huge_tree=True):
        # An empty <v/> is a saved result only for text (a formula returning ""); a number
        # with no digits means the writer never calculated the formula.
        value = cell.find(_VALUE)
        ref = cell.get("r", "")
        if cell.get("t") == "e" and ref:
            errors[ref] = (value.text or "").strip() if value is not None else "#VALUE!"
            cell.clear()
            continue
        empty = value is None or not (value.text or "").strip()
        text_result = cell.get("t") in ("str", "s", "inlineStr") and value is not None
        unsaved = empty and not text_result and cell.find(_INLINE) is None
        if unsaved and cell.find(_FORMULA_TAG) is not None:
            cells.add(ref)
        cell.clear()
    cells.discard("")
    return frozenset(cells), errors


def _may_hold_formulas(xml: bytes, data_end: int) -> bool:
    """A cheap first look: inside sheetData only a formula element starts with f (<f>, <x:f>).

    Data validations after sheetData hold <formula1>, so the search stops where they begin.
    """
    return _holds(xml, _FORMULA_START, b"f", data_end)


_FORMULA_START = (b"<f", b":f")
# A mark is found from the places of its rarest byte ("f" of "<f", "e" of 't="e"'), which a
# worksheet keeping its text in the shared strings seldom holds: one memchr pass, where
# bytes.find of the whole mark steps through every "<" or quote. Past this many places the
# marks are searched for directly.
_FEW = 64


def _holds(xml: bytes, marks: tuple[bytes, ...], rare: bytes, stop: int) -> bool:
    """Whether any of the `marks` (each holding the byte `rare` once) occurs in the sheet's
    cells, from sheetData (where cells are) to `stop`."""
    start = max(xml.find(b"sheetData", 0, stop), 0)
    at = xml.find(rare, start, stop)
    for _ in range(_FEW):
        if at < 0:
            return False
        for mark in marks:
            begin = at - mark.index(rare)
            if begin >= 0 and xml.startswith(mark, begin, stop):
                return True
        at = xml.find(rare, at + 1, stop)
    return any(xml.find(mark, start, stop) >= 0 for mark in marks)


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


# This Week's first title line begins with its as-of date as long_day writes it ("Mon 2 Nov
# 2026"); English month abbreviations whatever the machine's locale.
_TITLE_DAY = re.compile(r"\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def last_refresh(data: bytes) -> dt.date | None:
    """The as-of date of the refresh that last wrote This Week (None: never refreshed, or
    the sheet's title no longer holds a date). Reads only that sheet's first row."""
    try:
        found = Package(data).info.sheet(OWNED_SHEETS[0])
        if found is None or not found.owned:
            return None
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        try:
            rows = book.get_sheet_by_name(found.name).to_python(nrows=1)
        finally:
            book.close()
    except Exception:  # an unreadable tracker is reported by read_workbook, not here
        return None
    match = _TITLE_DAY.search(str(rows[0][0])) if rows and rows[0] else None
    if match is None:
        return None
    return dt.date(int(match[3]), _MONTHS.index(match[2]) + 1, int(match[1]))
