"""Authoring owned sheets into a scratch workbook with XlsxWriter.

XlsxWriter writes Excel-grade sheet, table and chart XML; the merge then moves those parts
into the tracker's package. The scratch workbook is never shown to the user.
"""

from __future__ import annotations

import datetime as dt
import gc
import io
import math
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_range_abs
from xlsxwriter.worksheet import Worksheet

from followup.layout import CellKind, ColumnLayout, OwnedSheet, SheetBlock
from followup.outputs import WORKBOOK_MARKER
from followup.workbook.ooxml import AREA_NAME

DATE_FORMAT = "ddd d mmm yyyy"
DAY_FORMAT = "d mmm yyyy"  # for a date in a narrow column
TABLE_STYLE = "Table Style Medium 2"
TITLE_SIZE = 14
LINE_HEIGHT = 15.0
MAX_ROW_HEIGHT = 409.0  # Excel's limit
CHARS_PER_WIDTH = 1.2  # characters of body text per unit of column width
CHART_ROWS = 22  # rows a chart placed under a table covers, at its scale below
PRINT_MARGIN = 0.25  # inches left and right: the width goes to the text (SPEC 6: 8 pt or more)
_LAST_ROW, _LAST_COL = 1_048_575, 16_383  # Excel's last row and column, 0-based


# XlsxWriter's cell writers without the decorator that lets them take A1 references too, which
# costs a check per cell (private: the public writers where this XlsxWriter has none).
_UNDECORATED = all(
    hasattr(Worksheet, name) for name in ("_write_string", "_write_blank", "_write_datetime")
)
# The kinds whose empty cells are still written, with their format (a date typed there later
# shows as a date, a long text wraps).
_FORMATTED_BLANKS = ("date", "day", "wrap")


class _Worksheet(Worksheet):  # type: ignore[misc]
    """A worksheet that skips XlsxWriter's expansion of future function names (a private
    step of writing a formula) in a formula that calls no function, as our highlight rules
    (a cell compared with a text): the expansion compiles some 160 patterns on its first
    use, 6 ms of every refresh (issue 20). Where XlsxWriter has no such step, nothing
    changes."""

    def _prepare_formula(self, formula: str, expand_future_functions: bool = False) -> str:
        if "(" in formula:
            return str(super()._prepare_formula(formula, expand_future_functions))
        # Every name it expands is a call, NAME(: what is left is to drop the braces of an
        # array formula and the leading =, as it does.
        return formula.removeprefix("{").removeprefix("=").removesuffix("}")


@dataclass(frozen=True)
class Placed:
    """Where a block landed on its sheet (0-based rows and columns)."""

    header_row: int | None  # None when the block has no header row
    first_data_row: int
    last_data_row: int  # inclusive; equals first_data_row - 1 when there is no data
    ncols: int


class _Formats:
    """One XlsxWriter format per distinct look, so styles stay few and deduplicate well."""

    def __init__(self, book: Any) -> None:
        self._book = book
        self._cache: dict[tuple[tuple[str, Any], ...], Any] = {}

    def get(self, **props: Any) -> Any:
        key = tuple(sorted(props.items()))
        if key not in self._cache:
            self._cache[key] = self._book.add_format(props)
        return self._cache[key]

    def for_kind(self, kind: CellKind) -> Any:
        if kind == "date":
            # Left, like the text beside it: a right-aligned date runs into the next column.
            return self.get(num_format=DATE_FORMAT, valign="top", align="left")
        if kind == "day":
            return self.get(num_format=DAY_FORMAT, valign="top", align="left", text_wrap=True)
        if kind == "wrap":
            return self.get(text_wrap=True, valign="top")
        if kind == "number":
            # Centred under its header: right-aligned, a count runs into the text beside it.
            return self.get(valign="top", align="center")
        return self.get(valign="top")


def author(
    sheets: Sequence[OwnedSheet], date1904: bool, marker: str | None = None, paper: int = 0
) -> bytes:
    """A scratch .xlsx holding only the owned sheets, in the given order; `marker` (the name
    of an output kind) is written as the document property that marks it as followup's.

    Without a marker (sheets to merge into a tracker) each sheet gets a sheet-scoped name,
    AREA_NAME, listing the ranges whose content the next refresh reads or rewrites: anything
    found outside them was added by someone else and is named in a warning (SPEC section 6).
    `paper` is the paper size to print on (Excel's paperSize code; 0 = the printer's default).
    """
    buffer = io.BytesIO()
    _write_book(xlsxwriter.Workbook(buffer, _options(date1904)), sheets, marker, paper)
    return buffer.getvalue()


def scratch_parts(sheets: Sequence[OwnedSheet], date1904: bool, paper: int = 0) -> dict[str, bytes]:
    """The parts of the scratch workbook `author` writes without a marker (part name ->
    uncompressed bytes, in zip order), for the merge, which reads them all: handed over
    before XlsxWriter zips them, they are neither compressed nor decompressed (issue 20)."""
    buffer = io.BytesIO()
    book = _UnzippedBook(buffer, _options(date1904))
    _write_book(book, sheets, None, paper)
    if book.parts is not None:
        return book.parts
    with zipfile.ZipFile(buffer) as zipped:
        return {info.filename: zipped.read(info) for info in zipped.infolist()}


class _UnzippedBook(xlsxwriter.Workbook):  # type: ignore[misc]
    """A workbook that keeps its parts instead of zipping them, through XlsxWriter's
    packager (private: `parts` stays None, and the parts are zipped as usual, where this
    XlsxWriter has no such packager)."""

    parts: dict[str, bytes] | None = None

    def _get_packager(self) -> Any:
        packager = super()._get_packager()
        create = getattr(packager, "_create_package", None)
        if create is None:
            return packager

        def keep() -> Any:
            # Used once: the packager and this hook no longer hold each other after.
            del packager._create_package
            files = create()
            try:
                self.parts = {
                    name: data.getvalue() if binary else data.getvalue().encode("utf-8")
                    for data, name, binary in files
                }
            except (TypeError, ValueError, AttributeError):
                return files  # not in the form expected: zipped as usual
            return []

        packager._create_package = keep
        return packager


def _options(date1904: bool) -> dict[str, Any]:
    return {
        "in_memory": True,
        "date_1904": date1904,
        "strings_to_numbers": False,
        "strings_to_formulas": False,
        "strings_to_urls": False,
    }


def _write_book(book: Any, sheets: Sequence[OwnedSheet], marker: str | None, paper: int) -> None:
    with _no_cycle_collection():
        if marker is not None:
            book.set_custom_property(WORKBOOK_MARKER, marker)
        formats = _Formats(book)
        for sheet in sheets:
            placed = _write_sheet(book, formats, sheet, paper)
            if marker is None:
                area = ",".join(_area(sheet, placed))
                book.define_name(f"{quote_sheetname(sheet.name)}!{AREA_NAME}", f"={area}")
        book.close()
        _release(book)


def _release(book: Any) -> None:
    """Let the workbook's objects go as soon as it is done with. XlsxWriter's sheets hold a
    method of their workbook, so the workbook, its sheets and their cells (several objects a
    cell) would wait for Python's next full collection, and every collection until then would
    walk them: without that link they are freed at once (private: where a sheet has no such
    attribute, they wait as before). Forcing a collection instead cost 0.2-0.3 s on a
    10,000-interview tracker (issue 20)."""
    for sheet in book.worksheets():
        if hasattr(sheet, "workbook_add_format"):
            sheet.workbook_add_format = None


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused: XlsxWriter makes a few objects for every cell, and
    every few hundred of them start a collection that also walks all the objects the
    refresh already holds (the tracker's frames): a quarter of the authoring time of a
    10,000-interview tracker (issue 20). Garbage without cycles is freed as usual; the few
    cycles made meanwhile wait for the next collection after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _area(sheet: OwnedSheet, placed: Sequence[Placed]) -> list[str]:
    """The ranges of `sheet` the tool writes or reads back: title lines, each block's heading
    and cells, a table's columns to the last row (the user may add rows), and for a table that
    keeps the user's columns (History) its whole header row: a header typed there makes a
    column whose cells are read back."""
    name = quote_sheetname(sheet.name)
    ranges = [(0, 0, len(sheet.title) - 1, 0)] if sheet.title else []
    for block, spot in zip(sheet.blocks, placed, strict=True):
        top = spot.first_data_row if spot.header_row is None else spot.header_row
        if block.heading:
            ranges.append((top - 1, 0, top - 1, 0))
        bottom = _LAST_ROW if block.table else max(spot.last_data_row, top)
        ranges.append((top, 0, bottom, spot.ncols - 1))
        if block.keeps_columns:
            # The whole header row: a column headed there is read back with its cells.
            ranges.append((top, 0, top, _LAST_COL))
        kept = len(block.hidden) + len(block.ledger)
        if kept:
            ranges.append((top, spot.ncols + 1, bottom, spot.ncols + kept))
    return [f"{name}!{xl_range_abs(*r)}" for r in ranges]


def _write_sheet(book: Any, formats: _Formats, sheet: OwnedSheet, paper: int) -> list[Placed]:
    ws = book.add_worksheet(sheet.name, worksheet_class=_Worksheet)
    row = 0
    for i, line in enumerate(sheet.title):
        look = formats.get(bold=True, font_size=TITLE_SIZE) if i == 0 else formats.get(bold=True)
        ws.write_string(row, 0, line, look)
        row += 1
    if sheet.title:
        row += 1

    widths: dict[int, float] = {}
    placed: list[Placed] = []
    for block in sheet.blocks:
        if block.heading:
            ws.write_string(row, 0, block.heading, formats.get(bold=True))
            row += 1
        spot = _write_block(ws, formats, block, row)
        placed.append(spot)
        for j, col in enumerate(block.columns):
            widths[j] = max(widths.get(j, 0.0), col.width)
        row = spot.last_data_row + 2

    for j, width in sorted(widths.items()):
        ws.set_column(j, j, width)

    first = placed[0] if placed else None
    if first is not None and first.header_row is not None:
        if sheet.freeze_header:
            ws.freeze_panes(first.header_row + 1, 0)
        ws.repeat_rows(first.header_row)
    if sheet.landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 1 if sheet.one_page else 0)
    if paper:
        ws.set_paper(paper)
    ws.set_margins(left=PRINT_MARGIN, right=PRINT_MARGIN)
    if first is not None and sheet.blocks[0].table:
        # Only the table prints: the hidden bookkeeping beside it would widen the page.
        last = max(first.last_data_row, first.first_data_row)
        if sheet.chart is not None and sheet.chart.below:
            last += CHART_ROWS
        ws.print_area(0, 0, last, first.ncols - 1)

    if sheet.chart is not None and placed:
        _add_chart(book, ws, sheet, placed, max(widths, default=0) + 2)
    return placed


def _write_block(ws: Any, formats: _Formats, block: SheetBlock, row: int) -> Placed:
    ncols = len(block.columns)
    header_row: int | None = None
    if block.header:
        header_row = row
        bold = formats.get(bold=True)
        for j, col in enumerate(block.columns):
            ws.write_string(row, j, col.header, bold)
        row += 1
    first_data = row
    nrows = len(block.frame)
    wrapped: list[tuple[ColumnLayout, list[Any]]] = []
    for j, col in enumerate(block.columns):
        values = _column_values(block.frame, col, j)
        _write_column(ws, first_data, j, values, col.kind, formats.for_kind(col.kind))
        if col.kind == "wrap" and col.header in block.frame.columns:
            wrapped.append((col, values))
    last_data = first_data + nrows - 1
    _fit_rows(ws, wrapped, nrows, first_data)
    for k, header in enumerate(block.hidden):
        # Bookkeeping beside the table, one column apart so the table never grows into it.
        at = ncols + 1 + k
        if header_row is not None:
            ws.write_string(header_row, at, header)
        values = block.frame[header].tolist()
        _write_column(ws, first_data, at, values, "text", formats.for_kind("text"))
        ws.set_column(at, at, None, None, {"hidden": True})
    for k, (header, lines) in enumerate(block.ledger):
        at = ncols + 1 + len(block.hidden) + k
        if header_row is not None:
            ws.write_string(header_row, at, header)
        _write_column(ws, first_data, at, list(lines), "text", formats.for_kind("text"))
        ws.set_column(at, at, None, None, {"hidden": True})

    if block.table and header_row is not None:
        # A table needs at least one data row; an empty one keeps the header usable.
        table_last = max(last_data, first_data)
        ws.add_table(
            header_row,
            0,
            table_last,
            ncols - 1,
            {
                "name": block.table,
                "style": TABLE_STYLE,
                "columns": [{"header": c.header} for c in block.columns],
            },
        )
        if block.highlight is not None:
            _highlight(ws, formats, block, first_data, table_last)
    return Placed(header_row, first_data, last_data, ncols)


def _write_column(
    ws: Any, first_row: int, col: int, values: list[Any], kind: CellKind, look: Any
) -> None:
    """One column of cells, from its first row down. The common columns, all text or all
    dates (None for an empty cell), are written without asking each value what it is, as
    _write_value would."""
    write_string, write_blank, write_datetime = (
        (ws._write_string, ws._write_blank, ws._write_datetime)
        if _UNDECORATED
        else (ws.write_string, ws.write_blank, ws.write_datetime)
    )
    blank = kind in _FORMATTED_BLANKS
    if all(type(v) is str for v in values):
        for row, value in enumerate(values, first_row):
            if value:
                write_string(row, col, value, look)
            elif blank:
                write_blank(row, col, None, look)
        return
    if all(v is None or (type(v) is dt.datetime and v.tzinfo is None) for v in values):
        # As _column_values makes a date column; a date at midnight is the same number as
        # the day it falls on.
        for row, value in enumerate(values, first_row):
            if value is not None:
                write_datetime(row, col, value, look)
            elif blank:
                write_blank(row, col, None, look)
        return
    for i, value in enumerate(values):
        _write_value(ws, first_row + i, col, value, kind, look)


def _fit_rows(
    ws: Any, wrapped: Sequence[tuple[ColumnLayout, list[Any]]], nrows: int, first_data: int
) -> None:
    """Tall enough rows for wrapped text: spreadsheet apps do not grow rows written by code.
    `wrapped`: the block's wrapped columns with their values, `nrows` long."""
    if not wrapped or not nrows:
        return
    lines = np.ones(nrows, dtype=np.int64)
    for col, values in wrapped:
        per_line = max(int(col.width * CHARS_PER_WIDTH), 1)
        try:
            text = "".join(values)
            lengths = np.fromiter(map(len, values), dtype=np.int64, count=nrows)
        except TypeError:  # not all text: what is not text takes one line
            text = "".join(v for v in values if isinstance(v, str))
            lengths = np.array([len(v) if isinstance(v, str) else 0 for v in values], np.int64)
        # A line of n characters wraps onto ceil(n / per_line) rows (an empty one takes one).
        counts = 1 + (np.maximum(lengths, 1) - 1) // per_line
        if "\n" in text:  # text of several lines: each line wraps on its own
            for i, value in enumerate(values):
                if isinstance(value, str) and "\n" in value:
                    counts[i] = _line_count(value, per_line)
        np.maximum(lines, counts, out=lines)
    tall = np.flatnonzero(lines > 1)
    for i, count in zip(tall.tolist(), lines[tall].tolist(), strict=True):
        ws.set_row(first_data + i, min(LINE_HEIGHT * count, MAX_ROW_HEIGHT))


def _line_count(text: str, per_line: int) -> int:
    """Rows a text takes at `per_line` characters a row: a line of n characters wraps onto
    ceil(n / per_line) rows (an empty one takes one)."""
    lengths = list(map(len, text.split("\n")))
    return len(lengths) + sum((n - 1) // per_line for n in lengths if n > per_line)


def _column_values(frame: pd.DataFrame, col: ColumnLayout, position: int) -> list[Any]:
    if col.header in frame.columns:
        column = frame[col.header]
    elif position < frame.shape[1]:
        column = frame.iloc[:, position]
    else:
        return [None] * len(frame)
    if isinstance(column.dtype, np.dtype) and column.dtype.kind == "M":
        # Naive dates as Python datetimes (None where there is none) in one step, rather
        # than a Timestamp per cell.
        return list(column.to_numpy().astype("datetime64[us]").tolist())
    return list(column.tolist())


def _is_blank(value: Any) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and value == ""


def _write_value(ws: Any, row: int, col: int, value: Any, kind: CellKind, look: Any) -> None:
    if _is_blank(value):
        if kind in ("date", "day", "wrap"):
            ws.write_blank(row, col, None, look)
        return
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.replace(tzinfo=None)
        if kind == "date" and value.time() == dt.time(0):
            value = value.date()
        ws.write_datetime(row, col, value, look)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, value, look)
    elif isinstance(value, bool):
        ws.write_boolean(row, col, value, look)
    elif isinstance(value, int | float) and math.isfinite(value):
        ws.write_number(row, col, value, look)
    else:
        ws.write_string(row, col, str(value), look)


def _highlight(ws: Any, formats: _Formats, block: SheetBlock, first: int, last: int) -> None:
    assert block.highlight is not None
    headers = [c.header for c in block.columns]
    if block.highlight.column not in headers:
        return
    key_col = xl_col_to_name(headers.index(block.highlight.column))
    for value, (fill, font) in block.highlight.colours:
        text = value.replace('"', '""')
        ws.conditional_format(
            first,
            0,
            last,
            len(headers) - 1,
            {
                "type": "formula",
                "criteria": f'=${key_col}{first + 1}="{text}"',
                "format": formats.get(bg_color=fill, font_color=font),
            },
        )


def _add_chart(
    book: Any, ws: Any, sheet: OwnedSheet, placed: Sequence[Placed], anchor_col: int
) -> None:
    spec = sheet.chart
    assert spec is not None
    if not 0 <= spec.block < len(placed):
        return
    block = sheet.blocks[spec.block]
    spot = placed[spec.block]
    headers = [c.header for c in block.columns]
    if spec.categories not in headers or spot.last_data_row < spot.first_data_row:
        return
    chart = book.add_chart({"type": "column"})
    cat = headers.index(spec.categories)
    first, last = spot.first_data_row, spot.last_data_row
    for name in spec.series:
        if name not in headers:
            continue
        j = headers.index(name)
        series: dict[str, Any] = {
            "categories": [sheet.name, first, cat, last, cat],
            "values": [sheet.name, first, j, last, j],
        }
        series["name"] = [sheet.name, spot.header_row, j] if spot.header_row is not None else name
        chart.add_series(series)
    chart.set_title({"name": spec.title})
    if spec.y_title:
        chart.set_y_axis({"name": spec.y_title})
    chart.set_legend({"position": "bottom"})
    # Beside the first block, so the chart sits on the page a reader looks at first; under
    # a table too wide to leave room beside it.
    lead = placed[0]
    top = lead.header_row if lead.header_row is not None else lead.first_data_row
    if spec.below:
        top, anchor_col = placed[-1].last_data_row + 3, 1
    ws.insert_chart(max(top - 1, 0), anchor_col, chart, {"x_scale": 1.3, "y_scale": 1.2})
