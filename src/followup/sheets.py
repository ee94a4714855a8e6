"""How the owned sheets look: titles, columns and highlights around the core's columns.

Pure: frames in, `OwnedSheet` descriptions out. Column widths and kinds come from the
schema, so a column is described once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pandas as pd

from followup import snooze, wording
from followup.columns import long_day
from followup.columns import text as columns_text
from followup.layout import (
    AMBER,
    GREEN,
    RED,
    BarChart,
    CellKind,
    ColumnLayout,
    Highlight,
    OwnedSheet,
    SheetBlock,
)
from followup.schema import (
    FINGERPRINT_HEADER,
    HISTORY_SHEET,
    NETWORK_SHEET,
    NUMBER_HEADER,
    OVERDUE,
    SUMMARY,
    THIS_WEEK_SHEET,
    THIS_WEEK_WHEN,
    TODAY,
    Column,
    Kind,
    Sheet,
)
from followup.summary import CHART_PERIOD, Summary


def _kind(col: Column) -> CellKind:
    # Every text column wraps: on a page one sheet wide, nothing may run into its neighbour.
    if col.kind is Kind.SNOOZE_DATE:
        return "day"  # a date in a narrow column, or the text typed when it is none
    return "date" if col.is_date else "wrap"


def columns(sheet: Sheet) -> tuple[ColumnLayout, ...]:
    return tuple(ColumnLayout(c.header, c.width, _kind(c)) for c in sheet.columns)


def _table(
    sheet: Sheet,
    frame: pd.DataFrame,
    highlight: Highlight | None = None,
    leave_out: tuple[str, ...] = (),
    ledger: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> SheetBlock:
    kept = [c for c in sheet.columns if c.key not in leave_out]
    shown = frame.reindex(columns=[c.key for c in kept]).set_axis([c.header for c in kept], axis=1)
    hidden: tuple[str, ...] = ()
    for key, header in (("fingerprint", FINGERPRINT_HEADER), ("number", NUMBER_HEADER)):
        if key in frame.columns:
            shown[header] = frame[key].to_numpy()
            hidden += (header,)
    layout = tuple(c for c in columns(sheet) if c.header in shown.columns)
    return SheetBlock(
        shown, layout, table=sheet.table, highlight=highlight, hidden=hidden, ledger=ledger
    )


def _nothing(rows: pd.DataFrame, line: str) -> tuple[str, ...]:
    """A title line saying the sheet has nothing to list, so it never shows a bare header."""
    return () if len(rows) else (line,)


def _has_dates(values: pd.Series) -> bool:
    return bool(values.map(lambda v: isinstance(v, dt.date)).any())


def this_week_sheet(
    rows: pd.DataFrame,
    as_of: pd.Timestamp,
    days: int,
    snoozed: pd.Series | None = None,
    kept: pd.DataFrame | None = None,
    *,
    private: bool = True,
) -> OwnedSheet:
    """The This Week sheet; `private=False` leaves out the user's Notes (for the coach).

    `snoozed` (identity -> day, ``this_week.snoozed``): the snoozes kept beside the table for
    the actions they hide, so the next refresh still knows them, with the Draft and Note
    edits kept for them (`kept`, ``ticks.CarryOver.asleep``)."""
    last = as_of + pd.Timedelta(days=days - 1)
    when = rows["when"] if len(rows) else pd.Series(dtype=object)
    highlight = Highlight("When", ((OVERDUE, RED), (TODAY, AMBER), (THIS_WEEK_WHEN, GREEN)))
    return OwnedSheet(
        THIS_WEEK_SHEET.name,
        (
            wording.THIS_WEEK_TITLE.format(
                start=long_day(as_of), end=long_day(last), tally=wording.tally(when)
            ),
            wording.THIS_WEEK_ABOUT.format(
                rewritten=wording.REWRITTEN,
                kept=wording.KEPT_PRIVATE if private else wording.KEPT_SHARED,
            ),
            *_nothing(rows, wording.THIS_WEEK_EMPTY),
        ),
        (
            _table(
                THIS_WEEK_SHEET,
                rows if private else rows.drop(columns="fingerprint", errors="ignore"),
                highlight,
                leave_out=() if private else ("note",),
                ledger=snooze.ledger(snoozed, kept if private else None)
                if snoozed is not None
                else (),
            ),
        ),
    )


def network_sheet(rows: pd.DataFrame, as_of: pd.Timestamp) -> OwnedSheet:
    return OwnedSheet(
        NETWORK_SHEET.name,
        (
            wording.NETWORK_TITLE.format(day=long_day(as_of)),
            wording.NETWORK_ABOUT.format(rewritten=wording.REWRITTEN),
            *_nothing(rows, wording.NETWORK_EMPTY),
        ),
        (_table(NETWORK_SHEET, rows),),
    )


def history_sheet(rows: pd.DataFrame) -> OwnedSheet:
    # Which nudge of an application a ticked row was (SPEC 6 identity) is kept in a hidden
    # column beside the table, written only while some row has one.
    numbers = columns_text(rows, "number")
    rows = rows.drop(columns="number", errors="ignore")
    if numbers.ne("").any():
        rows = rows.assign(number=numbers)
    extra = [c for c in rows.columns if c not in (*HISTORY_SHEET.keys, "number")]
    block = _table(HISTORY_SHEET, rows)
    if extra:
        # Columns the user added to History are theirs: kept, after ours, as they typed them.
        shown = pd.concat([block.frame, rows[extra].set_axis(block.frame.index)], axis=1)
        kinds = [ColumnLayout(c, 16, "date" if _has_dates(rows[c]) else "text") for c in extra]
        block = SheetBlock(shown, (*block.columns, *kinds), table=HISTORY_SHEET.table)
    block = dataclasses.replace(block, keeps_columns=True)
    return OwnedSheet(
        HISTORY_SHEET.name,
        (
            wording.HISTORY_TITLE,
            wording.HISTORY_ABOUT.format(rewritten=wording.REWRITTEN),
            *_nothing(rows, wording.HISTORY_EMPTY),
        ),
        (block,),
    )


def summary_sheet(summary: Summary) -> OwnedSheet:
    blocks: list[SheetBlock] = []
    for part in summary.blocks:
        # Counts stay numbers, for the coach's own sums and charts; everything else is text
        # (a company may be called "None": only missing values are blank).
        table = part.table.map(_summary_cell)
        blocks.append(SheetBlock(table, _summary_columns(table), heading=part.heading))
        if part.note:
            blocks.append(
                SheetBlock(
                    pd.DataFrame({wording.NOTE: [part.note]}),
                    (ColumnLayout(wording.NOTE, 40, "text"),),
                    header=False,
                )
            )
    chart_at = len(blocks)
    blocks.append(
        SheetBlock(
            summary.weekly,
            _summary_columns(summary.weekly),
            heading=wording.CHART_HEADING.format(last_weeks=CHART_PERIOD),
        )
    )
    return OwnedSheet(
        SUMMARY,
        (
            wording.SUMMARY_TITLE.format(day=long_day(summary.as_of)),
            wording.SUMMARY_ABOUT.format(
                rewritten=wording.REWRITTEN,
                start=long_day(summary.window_start),
                end=long_day(summary.window_end),
            ),
        ),
        tuple(blocks),
        chart=BarChart(
            wording.SUMMARY_CHART,
            chart_at,
            summary.weekly.columns[0],
            tuple(summary.weekly.columns[1:]),
            y_title=wording.SUMMARY_CHART_AXIS,
        ),
        freeze_header=False,
    )


def _summary_cell(value: object) -> object:
    """A Summary cell as written: a count as a number, a missing value blank, else text."""
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return int(value)
    return "" if value is None or value is pd.NaT or value != value else str(value)


def _summary_columns(frame: pd.DataFrame) -> tuple[ColumnLayout, ...]:
    """Text columns, but a column holding counts centred under its header: right-aligned,
    a count would run into the words in the next column."""
    widths = (34, 16, 16, 16)
    return tuple(
        ColumnLayout(
            str(name),
            widths[min(i, len(widths) - 1)],
            "number" if any(isinstance(v, int) for v in frame[name].tolist()) else "text",
        )
        for i, name in enumerate(frame.columns)
    )
