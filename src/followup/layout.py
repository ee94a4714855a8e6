"""What an owned sheet looks like, described without any Excel library.

The core builds these; the workbook writer turns them into sheet XML. Keeping the
description here lets the core stay free of file formats and the writer free of
product rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

# "day": a date in a narrow column (short format); text typed there stays text.
CellKind = Literal["text", "wrap", "date", "day", "number"]

# Row highlight colours (fill, font) for the When column of This Week.
RED = ("#F8CBAD", "#9C0006")
AMBER = ("#FFE699", "#7F6000")
GREEN = ("#C6EFCE", "#006100")


@dataclass(frozen=True)
class ColumnLayout:
    header: str
    width: float = 16
    kind: CellKind = "text"


@dataclass(frozen=True)
class Highlight:
    """Colour whole table rows by the value of one column (conditional formatting)."""

    column: str
    colours: tuple[tuple[str, tuple[str, str]], ...]  # (value, (fill, font))


@dataclass(frozen=True)
class SheetBlock:
    """A run of rows on a sheet: an optional heading, then a header row and data.

    A block with a table name becomes an Excel table; others are plain ranges.
    """

    frame: pd.DataFrame
    columns: tuple[ColumnLayout, ...]
    heading: str | None = None
    table: str | None = None
    highlight: Highlight | None = None
    header: bool = True
    # Hidden bookkeeping columns written right of the table, outside it (by header in frame).
    hidden: tuple[str, ...] = ()
    # Hidden bookkeeping columns after those, each (header, its lines) and as long as its
    # lines, whatever the table's length.
    ledger: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Columns the user adds right of the table are read back and kept (History, SPEC 6).
    keeps_columns: bool = False


@dataclass(frozen=True)
class BarChart:
    """A clustered bar (column) chart drawn from one block of the same sheet."""

    title: str
    block: int  # index into OwnedSheet.blocks
    categories: str  # header of the category column
    series: tuple[str, ...]  # headers of the value columns
    y_title: str = ""
    below: bool = False  # under the last block (for a wide table), else beside the first


@dataclass(frozen=True)
class OwnedSheet:
    """One sheet followup owns: title lines, then blocks, optionally a chart."""

    name: str
    title: tuple[str, ...]
    blocks: tuple[SheetBlock, ...]
    chart: BarChart | None = None
    landscape: bool = True
    freeze_header: bool = True  # freeze panes below the first block's header row
    one_page: bool = False  # print on one page (else one page wide, as long as it needs)
