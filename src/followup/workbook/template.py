"""The empty tracker `followup init` writes, built from the schema.

Built in code (not shipped as a file) so it works from an installed wheel and can never
drift from the schema. XlsxWriter output is deterministic once the document dates are
fixed, so the committed `templates/tracker.xlsx` can be compared byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name

from followup.schema import (
    ABOUT_HEADER,
    SETTING_HEADER,
    SETTINGS,
    SETTINGS_SHEET,
    USER_SHEETS,
    VALUE_HEADER,
    Kind,
    Sheet,
)

# Fixed document dates keep the template byte-for-byte reproducible.
_CREATED = dt.datetime(2026, 1, 1)
DATE_FORMAT = "yyyy-mm-dd"
# Dropdowns and date formats reach this far below the table, for spreadsheet apps
# (LibreOffice, Google Sheets) that do not grow a table as rows are typed under it.
FORMATTED_ROWS = 2000


def write_tracker(
    path: Path,
    rows: Mapping[str, Sequence[Sequence[Any]]] | None = None,
    extra: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write a tracker: every user sheet as an Excel table with dropdowns, plus Settings.

    `rows` (sheet name -> rows of values in schema column order, then the `extra` columns)
    fills the tables; the sample tracker and `followup import` are made this way. `extra`
    (sheet name -> headers) adds the user's own columns after the schema's. Settings holds
    the schema defaults unless given.
    """
    rows = rows or {}
    extra = extra or {}
    # Text is written as text: a value such as "=> waiting" or "=HYPERLINK(...)" typed in the
    # user's own list must never become a live formula (SPEC 3a), nor a path a link.
    workbook = xlsxwriter.Workbook(
        str(path), {"strings_to_formulas": False, "strings_to_urls": False}
    )
    workbook.set_properties({"title": "Job search tracker", "created": _CREATED})
    workbook.set_custom_property("followup template", "1")
    header = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
    date = workbook.add_format({"num_format": DATE_FORMAT, "align": "left"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    for sheet in USER_SHEETS:
        _user_sheet(
            workbook, sheet, rows.get(sheet.name, ()), extra.get(sheet.name, ()), header, date
        )
    _settings_sheet(workbook, rows.get(SETTINGS_SHEET), header, wrap)
    workbook.close()


def _user_sheet(
    workbook: xlsxwriter.Workbook,
    sheet: Sheet,
    rows: Sequence[Sequence[Any]],
    extra: Sequence[str],
    header: Any,
    date: Any,
) -> None:
    ws = workbook.add_worksheet(sheet.name)
    last = max(FORMATTED_ROWS, len(rows) + 500)
    data = [[_cell(v) for v in row] for row in rows]
    theirs = range(len(sheet.template_columns), len(sheet.template_columns) + len(extra))
    dated = {i for i in theirs if any(isinstance(row[i], dt.date) for row in data)}
    ws.add_table(
        0,
        0,
        max(len(data), 1),
        len(sheet.template_columns) + len(extra) - 1,
        {
            "name": sheet.table,
            "style": "Table Style Medium 2",
            "columns": [
                *(
                    {"header": c.header, "format": date if c.is_date else None}
                    for c in sheet.template_columns
                ),
                *(
                    {"header": h, "format": date if i in dated else None}
                    for i, h in zip(theirs, extra, strict=True)
                ),
            ],
            **({"data": data} if data else {}),
        },
    )
    for i, name in zip(theirs, extra, strict=True):
        ws.set_column(i, i, min(max(len(name) + 2, 12), 40), date if i in dated else None)
    for index, col in enumerate(sheet.template_columns):
        ws.set_column(index, index, col.width, date if col.kind is Kind.DATE else None)
        if col.choices:
            ws.data_validation(
                1,
                index,
                last,
                index,
                {
                    "validate": "list",
                    "source": list(col.choices),
                    "input_title": col.header[:32],
                    "input_message": (col.hint or f"Pick a {col.header.lower()}.")[:255],
                    "error_type": "warning",
                    "error_title": f"Unknown {col.header.lower()}"[:32],
                    "error_message": f"Use one of: {', '.join(col.choices)}"[:255],
                },
            )
        elif col.is_date:
            ws.data_validation(
                1,
                index,
                last,
                index,
                {
                    "validate": "any",
                    "input_title": col.header[:32],
                    "input_message": (col.hint or "A date, such as 2026-11-02.")[:255],
                },
            )
        elif col.hint:
            ws.data_validation(
                1,
                index,
                last,
                index,
                {"validate": "any", "input_title": col.header[:32], "input_message": col.hint},
            )
    ws.write_row(0, 0, [*(c.header for c in sheet.template_columns), *extra], header)
    ws.freeze_panes(1, 0)
    ws.set_row(0, 30)
    if sheet.hint:
        ws.write_comment("A1", sheet.hint, {"x_scale": 2})


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


def _settings_sheet(
    workbook: xlsxwriter.Workbook,
    values: Sequence[Sequence[Any]] | None,
    header: Any,
    wrap: Any,
) -> None:
    ws = workbook.add_worksheet(SETTINGS_SHEET)
    given = {str(row[0]): row[1] for row in values or ()}
    data = [[s.name, given.get(s.name, s.default), s.explanation] for s in SETTINGS]
    ws.add_table(
        0,
        0,
        len(data),
        2,
        {
            "name": "Settings",
            "style": "Table Style Light 9",
            "columns": [{"header": h} for h in (SETTING_HEADER, VALUE_HEADER, ABOUT_HEADER)],
            "data": data,
        },
    )
    ws.write_row(0, 0, (SETTING_HEADER, VALUE_HEADER, ABOUT_HEADER), header)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 14)
    ws.set_column(2, 2, 70, wrap)
    value_col = xl_col_to_name(1)
    for row, setting in enumerate(SETTINGS, start=1):
        if setting.kind is Kind.YES_NO:
            ws.data_validation(
                f"{value_col}{row + 1}", {"validate": "list", "source": ["Yes", "No"]}
            )
        elif setting.choices:
            ws.data_validation(
                f"{value_col}{row + 1}", {"validate": "list", "source": list(setting.choices)}
            )
        elif setting.kind is Kind.WHOLE_DAYS:
            ws.data_validation(
                f"{value_col}{row + 1}",
                {
                    "validate": "integer",
                    "criteria": ">=",
                    "value": 0,
                    "error_message": "Type a whole number.",
                },
            )
    ws.freeze_panes(1, 0)
