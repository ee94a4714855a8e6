"""The reader's own column-letter conversions agree with XlsxWriter's over every column.

The reader keeps its own pair because `check` must not load XlsxWriter (ooxml.py says why)."""

from __future__ import annotations

from xlsxwriter.utility import xl_cell_to_rowcol, xl_col_to_name

from followup.workbook.ooxml import column_letter, column_number

_EXCEL_COLUMNS = 16_384  # A to XFD


def test_column_letters_are_xlsxwriters_for_every_excel_column() -> None:
    for index in range(_EXCEL_COLUMNS):
        letters = column_letter(index)
        assert letters == xl_col_to_name(index)
        assert column_number(letters) == column_number(letters.encode()) == index + 1
        assert xl_cell_to_rowcol(f"{letters}1") == (0, index)
