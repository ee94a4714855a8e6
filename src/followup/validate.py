"""Checking the tracker and turning it into typed frames.

Pure: raw sheets in (as the reader found them), a Tracker and every problem out. Each
problem names the cell, the bad value and the fix, so `check` can print them all at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import PurePath

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from followup import columns, headers, parsing, rounds, snooze, wording
from followup.business_days import known_country
from followup.errors import Level, Problem, quoted, show
from followup.headers import application_header, near_misses
from followup.raw_sheet import RawSheet
from followup.schema import (
    APPLICATION,
    CONTACTS,
    DATE_ORDERS,
    FINGERPRINT_HEADER,
    HISTORY_SHEET,
    INTERVIEWS,
    LOG,
    NETWORK_SHEET,
    NUMBER_HEADER,
    REQUIRED_SHEET,
    SEARCH,
    SENT,
    SETTING_HEADER,
    SETTINGS,
    SETTINGS_SHEET,
    SETTINGS_TABLE,
    SNOOZED_ACTION_HEADER,
    SNOOZED_DRAFT_HEADER,
    SNOOZED_HEADER,
    SNOOZED_NOTE_HEADER,
    STATUSES,
    THIS_WEEK_SHEET,
    USER_SHEETS,
    VALUE_HEADER,
    Column,
    Kind,
    Setting,
    Sheet,
)
from followup.settings import Settings, setting_values
from followup.tracker import Tracker, empty_frame

_DATE_EXAMPLE = "2026-11-02"


# From this many cells with one problem in one column, the problem is told once (SPEC 3).
GROUP_FROM = 4


class _Problems(list[Problem]):
    def error(self, where: str, message: str) -> None:
        self.append(Problem("error", where, message))

    def warning(self, where: str, message: str) -> None:
        self.append(Problem("warning", where, message))

    def info(self, where: str, message: str, *, every_run: bool = False) -> None:
        self.append(Problem("info", where, message, every_run))

    def cells(
        self,
        raw: RawSheet,
        letter: str,
        rows: Iterable[int],
        message: str,
        values: pd.Series | None = None,
        *,
        many: str = "",
        group: bool = False,
    ) -> None:
        """One error per cell in `letter`, or one for them all when there are many (or when
        `group`): `{value}` in the message shows the cell; `many` is the wording for several
        cells without a value to show (`{count}` stands for how many)."""
        rows = list(rows)
        if not rows:
            return
        if len(rows) < GROUP_FROM and not group:
            for row in rows:
                text = message.format(value=show(values[row]) if values is not None else "")
                self.error(raw.where(letter, row), text)
            return
        where = raw.where(letter, rows[0]) + (f":{letter}{rows[-1]}" if len(rows) > 1 else "")
        if values is None:
            self.error(where, many.format(count=len(rows)))
            return
        shown = list(dict.fromkeys(show(values[row]) for row in rows))
        if len(shown) == 1 and len(rows) == 1:
            text = message.format(value=shown[0])
        elif len(shown) == 1:
            text = f"{len(rows)} cells say {shown[0]}. " + message.format(value="That")
        else:
            examples = ", ".join(shown[:3])
            text = f"{len(rows)} cells hold values such as {examples}. " + message.format(
                value="Each"
            )
        self.error(where, text)


def parse_tracker(
    sheets: Mapping[str, RawSheet],
    clashes: Iterable[str],
    as_of: pd.Timestamp,
    others: Mapping[str, pd.DataFrame] | None = None,
    *,
    source: str = "TRACKER.xlsx",
) -> tuple[Tracker, list[Problem]]:
    """Validate every sheet; return the typed tracker and every error, warning and piece of
    information found. `others` holds the top rows of the sheets followup does not read;
    `source` is the tracker's file name as the user gave it, for commands the messages show."""
    problems = _Problems()
    for name in clashes:
        problems.error(
            name,
            f"this sheet has the name of a sheet followup writes, but followup did not make it. "
            f"Rename it (for example '{name} (mine)') so the refresh can add its own.",
        )
    # Settings first: its Date order says how the other sheets' dates read.
    settings = _parse_settings(sheets.get(SETTINGS_SHEET), problems)
    order = settings.date_order
    frames = {}
    for sheet in USER_SHEETS:
        _unread_headers(sheet, sheets.get(sheet.name), problems)
        frames[sheet.name] = _parse_sheet(sheet, sheets.get(sheet.name), problems, True, order)
    owned = {
        sheet.name: _parse_sheet(sheet, sheets.get(sheet.name), problems, False, order)
        for sheet in (HISTORY_SHEET, THIS_WEEK_SHEET, NETWORK_SHEET)
    }
    for sheet in (THIS_WEEK_SHEET, NETWORK_SHEET):
        owned[sheet.name] = _moved_rows(owned[sheet.name], sheet, sheets.get(sheet.name))
    tick_order = order or _tick_date_order(sheets, owned, problems)
    for sheet in (THIS_WEEK_SHEET, NETWORK_SHEET):
        _done_after(owned[sheet.name], sheets.get(sheet.name), as_of, tick_order, problems)
    interviews = _interviews(frames[INTERVIEWS.name], sheets.get(INTERVIEWS.name), problems)
    _outcome_disagreements(interviews, frames[SEARCH.name], sheets, problems)
    _near_companies(interviews, frames[SEARCH.name], sheets, problems)
    opportunities = pd.concat([interviews[["company", "role"]], _applied(frames[SEARCH.name])])
    log = _log(frames[LOG.name], opportunities, sheets.get(LOG.name), as_of, problems)
    log = _thank_you_contacts(log, interviews, sheets.get(LOG.name), problems)
    for sheet, frame in (
        (INTERVIEWS, interviews),
        (SEARCH, frames[SEARCH.name]),
        (CONTACTS, frames[CONTACTS.name]),
    ):
        _far_dates(sheet, frame, sheets.get(sheet.name), as_of, problems)
    _ignored_sheets(others or {}, problems, source)
    tracker = Tracker(
        interviews=interviews,
        log=log,
        contacts=frames[CONTACTS.name],
        search=frames[SEARCH.name],
        settings=settings,
        history=owned[HISTORY_SHEET.name],
        this_week=owned[THIS_WEEK_SHEET.name],
        network=owned[NETWORK_SHEET.name],
        snoozed=_kept_snoozes(sheets.get(THIS_WEEK_SHEET.name)),
        tick_date_order=tick_order,
    )
    problems += snooze.warnings(tracker, as_of)
    if any(columns.text(f, "done").ne("").any() for f in (tracker.this_week, tracker.network)):
        from followup.ticks import early_ticks  # a planning module: loaded only for ticks

        problems += early_ticks(tracker)
    return tracker, list(problems)


def _moved_rows(frame: pd.DataFrame, sheet: Sheet, raw: RawSheet | None) -> pd.DataFrame:
    """An owned sheet's rows, each with the hidden cells followup wrote for it, wherever
    the user sorted or moved it (``ticks.follow_moved_rows``)."""
    if raw is None or frame.empty or "fingerprint" not in frame:
        return frame
    at = {label.casefold(): letter for letter, label in raw.labels.items()}
    hidden = {
        key: at[header]
        for key, header in (("fingerprint", FINGERPRINT_HEADER), ("number", NUMBER_HEADER))
        if header in at
    }
    from followup.ticks import follow_moved_rows  # a planning module: loaded only here

    written = pd.DataFrame(
        {key: columns.as_text(raw.rows[letter]) for key, letter in hidden.items()}
    )
    return frame.assign(**follow_moved_rows(frame, sheet, written))


def read_sheet(sheet: Sheet, raw: RawSheet, order: str) -> tuple[pd.DataFrame, list[Problem]]:
    """One sheet of the user's read as `sheet` describes it, as the tracker's sheets are:
    the typed frame (schema keys and ``row``) and what could not be read."""
    problems = _Problems()
    return _parse_sheet(sheet, raw, problems, True, order), list(problems)


def _unread_headers(sheet: Sheet, raw: RawSheet | None, problems: _Problems) -> None:
    """One line for a sheet whose headers followup does not read though one is close to a
    column it reads (SPEC 3): a misspelt header would otherwise be read as nothing."""
    if raw is None:
        return
    close = near_misses(sheet.columns, raw.labels)
    if not close:
        return
    row = raw.header_row
    if len(close) == 1:
        letter, label, col = close[0]
        problems.info(
            raw.where(letter, row),
            f"{show(label)} is not a column followup reads; did you mean {show(col.header)}? "
            "Rename it, or leave it as your own column.",
            every_run=True,
        )
        return
    listed = "; ".join(
        f"{letter}{row} {show(label)} (did you mean {show(col.header)}?)"
        for letter, label, col in close
    )
    problems.info(
        f"{raw.name}!{row}:{row}",
        f"{len(close)} headers are not columns followup reads: {listed}. Rename them, or "
        "leave them as your own columns.",
        every_run=True,
    )


def _stage_as_status(sheet: Sheet, raw: RawSheet, letter: str | None, problems: _Problems) -> None:
    """One line when the column read as the Status is headed as a Round ("Stage") and read
    so for the statuses it holds (``RawSheet.letters``)."""
    if letter is None or "round" not in sheet.keys:
        return
    label = raw.labels.get(letter, "")
    if not headers.match([sheet.column("round")], {letter: label}):
        return
    typed = columns.as_text(raw.rows[letter])
    status, _unknown = parsing.choices(typed, STATUSES)
    closed = typed[status.isin(STATUSES[1:])].iloc[0]
    problems.info(
        raw.where(letter, raw.header_row),
        f"{show(label)} holds statuses (such as {show(closed)}), so followup reads it as the "
        "Status. Rename it Status to say so.",
        every_run=True,
    )


def _ignored_sheets(others: Mapping[str, pd.DataFrame], problems: _Problems, source: str) -> None:
    """One line for each sheet followup does not read, pointing a list of applications at
    `followup import` (SPEC 3a) with the command to run."""
    given = PurePath(source)
    new = given.with_name(f"{given.stem}-imported.xlsx")
    for name, top in others.items():
        if application_header(top) is not None:
            problems.info(
                name,
                "followup does not read this sheet, but it looks like a list of applications. "
                "`followup import` turns it into a new tracker: followup import "
                f"{quoted(source)} {quoted(new)} --sheet {quoted(name)}",
            )
        else:
            problems.info(
                name,
                "followup does not read this sheet (it reads "
                f"{', '.join(s.name for s in USER_SHEETS)} and {SETTINGS_SHEET}); "
                "it is kept as it is.",
            )


def _parse_sheet(
    sheet: Sheet, raw: RawSheet | None, problems: _Problems, user: bool, order: str
) -> pd.DataFrame:
    if raw is None:
        if sheet is REQUIRED_SHEET:
            problems.error(
                sheet.name,
                f"the sheet '{sheet.name}' is missing. Add a sheet named {sheet.name} with the "
                f"headers {', '.join(c.header for c in sheet.template_columns)} in row 1 "
                "(`followup init` writes a ready-made tracker).",
            )
        elif user:
            problems.info(
                sheet.name,
                f"there is no {sheet.name} sheet, so followup reads it as empty. Add one with "
                f"the headers {', '.join(c.header for c in sheet.template_columns)} when you "
                "want to use it.",
            )
        return empty_frame(sheet)
    found = raw.letters(sheet)
    _stage_as_status(sheet, raw, found.get("status"), problems)
    letters = {col.key: found.get(col.key) for col in sheet.columns}
    for col in sheet.columns:
        if col.required and letters[col.key] is None:
            found_headers = ", ".join(raw.labels.values()) or "none"
            problems.error(
                f"{raw.name}!{raw.header_row}:{raw.header_row}",
                f"no column is headed '{col.header}'. Rename the column that holds it, or add "
                f"one (headers found: {found_headers}).",
            )
    present = {key: letter for key, letter in letters.items() if letter is not None}
    # Each column trimmed once (a column of dates only is read as dates, never as text),
    # and blank cells found from that, for the whole sheet at once; a placeholder word
    # (N/A, TBD, ...) counts as blank.
    # The sheet's cells as one array, each column found by position: no frame per column.
    cells = raw.rows.to_numpy(dtype=object)
    positions = raw.rows.columns.get_indexer(pd.Index(list(present.values())))
    found_cells = {key: cells[:, at] for key, at in zip(present, positions, strict=True)}
    trimmed = parsing.trimmed(found_cells)
    formula_rows = {
        int("".join(ch for ch in ref if ch.isdigit())) for ref in (*raw.uncached, *raw.errors)
    }
    keep = np.isin(raw.rows.index, list(formula_rows))
    if present:
        keep |= ~np.column_stack(list(trimmed.blank.values())).all(axis=1)
    index = raw.rows.index
    if not keep.all():
        index, trimmed, cells = index[keep], trimmed.take(keep), cells[keep]
        found_cells = {key: array[keep] for key, array in found_cells.items()}
    marked = bool(raw.uncached or raw.errors)
    # Each column as an array (or a Series on `index`), in the frame's order.
    typed: dict[str, np.ndarray | pd.Series] = {}
    for col in sheet.columns:
        letter = letters[col.key]
        if letter is None:
            typed[col.key] = (
                np.full(len(index), np.datetime64("NaT"), dtype="datetime64[ns]")
                if col.is_date
                else np.full(len(index), "", dtype=object)
            )
            continue
        given = trimmed.text[col.key]
        is_blank = trimmed.blank[col.key]
        placeholder = trimmed.placeholder[col.key]
        if (
            col.kind in _AS_TYPED
            and not marked
            and not (col.required and (is_blank.any() or placeholder.any()))
        ):
            # Text read as typed, with nothing to tell: its trimmed cells are the column.
            cut = columns.text_array(found_cells[col.key]) if given is None else given
            if placeholder.any():
                cut = np.where(placeholder, "", cut)
            if user and col.key in _NAMES and col.key not in trimmed.spaced:
                typed[col.key] = columns.single_spaced(pd.Series(cut, index, object))
            else:
                typed[col.key] = cut
            continue
        dated = col.is_date and given is None and not marked
        days = parsing.filled_days(found_cells[col.key]) if dated else None
        if days is not None:
            # A filled column of dates, as the reader gives them: nothing to tell either.
            typed[col.key] = days
            if col.kind is Kind.DATE_OR_DURATION:
                typed[f"{col.key}_days"] = np.full(len(days), np.nan)
            continue
        values = pd.Series(found_cells[col.key], index=index, dtype=object, name=col.key)
        text = None if given is None else pd.Series(given, index, object, col.key)
        if placeholder.any():
            if col.required:
                problems.cells(
                    raw,
                    letter,
                    values.index[placeholder],
                    f"{{value}} means no {col.header}, but every row needs one. Type the "
                    f"{col.header.lower()}, or delete the row.",
                    values,
                )
                is_blank = is_blank & ~placeholder
            assert text is not None
            values, text = values.where(~placeholder, ""), text.where(~placeholder, "")
        parsed = _parse_column(col, values, text, is_blank, raw, letter, problems, order)
        if isinstance(parsed, pd.DataFrame):
            typed.update({str(key): column for key, column in parsed.items()})
        elif user and col.key in _NAMES and col.key not in trimmed.spaced:
            typed[col.key] = columns.single_spaced(parsed)
        else:
            typed[col.key] = parsed
    if not user:
        typed.update(_unschemed(sheet, raw, index, cells))
    else:
        typed["row"] = index.to_numpy()
    # Every column is on `index` in order, so the frame is built from their arrays (no
    # alignment), numbered 0, 1, ... as the core's frames are.
    out = _frame(typed, len(index))
    if not user:
        if sheet is not HISTORY_SHEET:
            out["written"] = columns.first_long_day(raw.titles)
        out["row"] = index.to_numpy()
    if not user:
        # Owned sheets' messages name cells too, though the core sees only keys. Only
        # there: pandas copies attrs into every frame derived from this one.
        out.attrs["letters"] = present
    return out


def _done_after(
    frame: pd.DataFrame, raw: RawSheet | None, as_of: pd.Timestamp, order: str, problems: _Problems
) -> None:
    """An error for each Done date typed after ``as_of``: a typed date is taken as it is
    (SPEC 6), so a day still to come would record the tick ahead of time and time the next
    steps from it. ``x`` never means a day after the refresh (ticks.py)."""
    if raw is None or frame.empty:
        return
    when, _bad = parsing.done_marks(frame["done"], pd.Timestamp.min, order=order)
    late = when > as_of
    if not late.any():
        return
    shown = pd.Series(when[late].map(columns.long_day).to_numpy(), index=frame["row"][late])
    problems.cells(
        raw,
        frame.attrs["letters"]["done"],
        shown.index,
        f"{{value}} is after the refresh date ({columns.long_day(as_of)}). Type the day you "
        "did it, or x.",
        shown,
    )


def _tick_date_order(
    sheets: Mapping[str, RawSheet], owned: Mapping[str, pd.DataFrame], problems: _Problems
) -> str:
    """How numbers-only dates typed in Done and Snooze until cells read when Settings has no
    Date order (SPEC 3, 6): "" while none could be read either way; else the one order those
    cells show, else the one the dates of the user's sheets show, said in one line per
    column; with none, one error per column asking for the setting."""
    typed = []
    for sheet in (THIS_WEEK_SHEET, NETWORK_SHEET):
        frame, raw = owned[sheet.name], sheets.get(sheet.name)
        for key in ("done", "snooze"):
            if raw is not None and key in frame.attrs.get("letters", {}):
                text = pd.Series(columns.text(frame, key).to_numpy(), index=frame["row"])
                typed.append((raw, frame.attrs["letters"][key], text, parsing.date_order(text)))
    if not any(read.either_way.any() for *_cell, read in typed):
        return ""
    shown = [
        _shown_by(raw, letter, text, read)
        for raw, letter, text, read in typed
        if read.order and read.shown is not None
    ]
    if len({order for order, _cell in shown}) != 1:
        shown = _user_date_orders(sheets)
    orders = {order for order, _cell in shown}
    for raw, letter, text, read in typed:
        either = read.either_way
        if not either.any():
            continue
        if len(orders) == 1:
            order, by = shown[0]
            _told_order(raw, letter, text, parsing.DateOrder(order, either), problems, by)
        else:
            problems.cells(raw, letter, text.index[either], _AMBIGUOUS, text, group=True)
    return orders.pop() if len(orders) == 1 else ""


def _shown_by(
    raw: RawSheet, letter: str, text: pd.Series, read: parsing.DateOrder
) -> tuple[str, str]:
    """The order a column's dates show, and the first cell showing it ("Search!A2 '23/11/2026'")."""
    assert read.shown is not None
    row = read.shown.index[read.shown.eq(read.order)][0]
    return read.order, f"{raw.where(letter, int(row))} {show(text.loc[row])}"


def _user_date_orders(sheets: Mapping[str, RawSheet]) -> list[tuple[str, str]]:
    """`_shown_by` of each date column of the user's sheets that shows an order."""
    found = []
    for sheet in USER_SHEETS:
        raw = sheets.get(sheet.name)
        letters = {} if raw is None else raw.letters(sheet)
        for col in sheet.columns:
            letter = letters.get(col.key)
            if raw is None or letter is None or not col.is_date:
                continue
            text = columns.as_text(raw.rows[letter])
            read = parsing.date_order(text)
            if read.order and read.shown is not None:
                found.append(_shown_by(raw, letter, text, read))
    return found


def _kept_snoozes(raw: RawSheet | None) -> pd.DataFrame:
    """The snoozes kept beside This Week for the actions they hid, with the edits kept for
    them (``snooze.ledger``)."""
    headers = {
        "line": SNOOZED_HEADER,
        "draft": SNOOZED_DRAFT_HEADER,
        "note": SNOOZED_NOTE_HEADER,
        "action": SNOOZED_ACTION_HEADER,
    }
    letters = {}
    if raw is not None:
        at = {label.casefold(): letter for letter, label in raw.labels.items()}
        letters = {key: at[header] for key, header in headers.items() if header in at}
    if raw is None or "line" not in letters:
        return snooze.read_ledger(pd.DataFrame({"line": pd.Series(dtype=object)}))
    return snooze.read_ledger(
        pd.DataFrame({key: raw.rows[letter] for key, letter in letters.items()})
    )


# Columns holding names, shown in drafts and sheets with single ordinary spaces; the user's
# own cells keep what was typed.
_NAMES = frozenset({"company", "role", "interviewer", "contact", "name"})
# Kinds of column read as their trimmed text (`_typed`); the core reads Snooze until itself.
_AS_TYPED = frozenset({Kind.TEXT, Kind.TIME, Kind.SNOOZE_DATE})


def _frame(typed: dict[str, np.ndarray | pd.Series], height: int) -> pd.DataFrame:
    """Columns of `height` rows (arrays, or Series on the same rows) as one frame numbered
    0, 1, ...: the object columns made at once, as object (pandas would make a bare array of
    text its string dtype), the others put in their places after."""
    arrays = {key: _array(column) for key, column in typed.items()}
    objects = {
        key: values if isinstance(values, np.ndarray) and values.dtype == object else None
        for key, values in arrays.items()
    }
    frame = pd.DataFrame(
        {key: np.empty(height, dtype=object) if v is None else v for key, v in objects.items()},
        dtype=object,
    )
    for position, (key, values) in enumerate(arrays.items()):
        if objects[key] is None:
            frame.isetitem(position, values)
    return frame


def _array(column: np.ndarray | pd.Series) -> np.ndarray | ExtensionArray:
    """A column's values, without its index."""
    if isinstance(column, pd.Series):
        if not isinstance(column.dtype, np.dtype):
            extension: ExtensionArray = column.array  # nullable integers, pandas text
            return extension
        return column.to_numpy()
    return column


def _unschemed(
    sheet: Sheet, raw: RawSheet, index: pd.Index, cells: np.ndarray
) -> dict[str, pd.Series]:
    """An owned sheet's fingerprints, and any columns the user added to History, as read
    (`cells`: the sheet's cells of the rows in `index`)."""
    ours = {col.header.casefold() for col in sheet.columns}
    out = {}
    letters = raw.rows.columns.tolist()
    for letter, label in raw.labels.items():
        if label.casefold() in ours:
            continue
        values = pd.Series(cells[:, letters.index(letter)], index=index, dtype=object)
        if label.casefold() == FINGERPRINT_HEADER:
            out["fingerprint"] = columns.as_text(values)
        elif label.casefold() == NUMBER_HEADER:
            out["number"] = columns.as_text(values)
        elif sheet is HISTORY_SHEET:
            out[label] = values.where(~parsing.blank(values), "")
    return out


def _parse_column(
    col: Column,
    values: pd.Series,
    text: pd.Series | None,
    blank: np.ndarray,
    raw: RawSheet,
    letter: str,
    problems: _Problems,
    order: str,
) -> pd.Series | pd.DataFrame:
    """One column the sheet has, read as its kind; `blank` marks its blank cells."""
    unsaved = (
        [row for row in values.index if f"{letter}{row}" in raw.uncached] if raw.uncached else []
    )
    problems.cells(
        raw,
        letter,
        unsaved,
        "this formula has no saved result (the file was saved by a program that does not "
        "calculate). Open the tracker in Excel or LibreOffice and save it, then try again.",
        many="{count} formulas have no saved result (the file was saved by a program that "
        "does not calculate). Open the tracker in Excel or LibreOffice and save it, then try "
        "again.",
    )
    failed = _formula_errors(raw, letter, values.index, col.header, problems)
    is_blank = blank & ~values.index.isin([*unsaved, *failed]) if unsaved or failed else blank
    if col.required:
        problems.cells(
            raw,
            letter,
            values.index[is_blank],
            f"{col.header} is empty. Fill it in, or delete the row.",
            many=f"{{count}} cells are empty, but every row needs a {col.header}. Fill them "
            "in, or delete those rows.",
        )
    parsed, faults, read_as = _typed(col, values, text, order)
    if read_as is not None and read_as.shown is not None and read_as.either_way.any():
        _told_order(raw, letter, values, read_as, problems)
    unread = np.zeros(len(values), dtype=bool)
    for bad, message, group in faults:
        at_fault = bad.to_numpy()
        if not at_fault.any():
            continue
        unread |= at_fault
        typos = values[bad].map(parsing.typo_year).dropna() if col.is_date else pd.Series()
        for row, year in zip(typos.index, typos, strict=True):
            problems.error(
                raw.where(letter, int(row)),
                f"the year {int(year)} in {show(_day(values.loc[row]))} looks like a typo. Type "
                f"the date again, such as {_DATE_EXAMPLE}.",
            )
        rest = values.index[bad & ~bad.index.isin(typos.index)]
        problems.cells(raw, letter, rest, message, values, group=group)
    # 9999-12-31 reads as a blank date, which a required date cannot be.
    if col.required and col.kind is Kind.DATE and parsed.isna().to_numpy().any():
        assert isinstance(parsed, pd.Series)  # a required date is never a date-or-duration
        typed = values.map(lambda v: v != "")  # a placeholder word was told about already
        placeholder = parsed.isna() & ~is_blank & ~unread & typed & ~values.index.isin(failed)
        problems.cells(
            raw,
            letter,
            values.index[placeholder],
            f"{{value}} stands for 'no date yet', but {col.header} needs the date. Type it, "
            f"such as {_DATE_EXAMPLE}.",
            values[placeholder].map(_day),
        )
    return parsed


def grouped_by_value(
    sheet: str,
    letter: str,
    rows: Iterable[int],
    values: Iterable[str],
    message: str,
    level: Level = "warning",
) -> list[Problem]:
    """One problem per distinct value of a column, naming its cell, or the range of its cells
    and how many say it. In `message`, `{value}` shows the value and `{rows}` is "this row
    reads" or "those rows read"."""
    by_value: dict[str, list[int]] = {}
    for row, value in zip(rows, values, strict=True):
        by_value.setdefault(value, []).append(int(row))
    out = []
    for value, at in by_value.items():
        where = f"{sheet}!{letter}{at[0]}" + (f":{letter}{at[-1]}" if len(at) > 1 else "")
        if len(at) == 1:
            text = message.format(value=show(value), rows="this row reads")
        else:
            text = f"{len(at)} cells say {show(value)}. " + message.format(
                value="That", rows="those rows read"
            )
        out.append(Problem(level, where, text))
    return out


def _day(value: object) -> object:
    """A date cell as the user reads it in a message: its date, without a time."""
    return f"{value:%Y-%m-%d}" if isinstance(value, dt.date) else value


def _formula_errors(
    raw: RawSheet, letter: str, rows: pd.Index, header: str, problems: _Problems
) -> list[int]:
    """Report the column's cells holding a formula error (SPEC 3: never read as blank), one
    problem per error value, with the range and count when it hits several cells."""
    if not raw.errors:
        return []
    found = {row: raw.errors[f"{letter}{row}"] for row in rows if f"{letter}{row}" in raw.errors}
    for error in sorted(set(found.values())):
        at = [row for row, value in found.items() if value == error]
        how = f"so {header} cannot be read. Fix the formula, or type the value over it."
        if len(at) == 1:
            problems.error(
                raw.where(letter, at[0]), f"this cell shows the formula error {error}, {how}"
            )
        else:
            problems.error(
                f"{raw.where(letter, at[0])}:{letter}{at[-1]}",
                f"{len(at)} cells show the formula error {error}, {how}",
            )
    return list(found)


DATE_ORDER_FIX = "Set Date order in Settings to MDY or DMY"
DATE_ORDER_SET = f"set Date order in Settings ({', '.join(DATE_ORDERS)})"
_AMBIGUOUS = (
    "{value} could be day first or month first. " + DATE_ORDER_FIX + " (or type dates such as "
    "2026-11-02)."
)


def _told_order(
    raw: RawSheet,
    letter: str,
    values: pd.Series,
    read_as: parsing.DateOrder,
    problems: _Problems,
    shown_by: str = "",
) -> None:
    """One line for a date column read in the order its values showed (or `shown_by`, the
    cell of another column that showed it), when some of its dates could be read either way
    (SPEC 3): which cell decided, and how those read."""
    either = values.index[read_as.either_way]
    if not shown_by:
        assert read_as.shown is not None
        decided = int(read_as.shown.index[read_as.shown.eq(read_as.order)][0])
        shown_by = f"{raw.where(letter, decided)} {show(values.loc[decided])}"
    first, last = int(values.index[0]), int(values.index[-1])
    way = "day first" if read_as.order == parsing.DMY else "month first"
    examples = []
    for row in either[:3]:
        day = parsing.dates(values.loc[[row]], order=read_as.order)[0].iloc[0]
        examples.append(f"{letter}{row} {show(values.loc[row])} as {columns.long_day(day)}")
    more = f", and {len(either) - 3} more" if len(either) > 3 else ""
    count = "1 date" if len(either) == 1 else f"{len(either)} dates"
    problems.info(
        raw.where(letter, first) + (f":{letter}{last}" if last != first else ""),
        f"dates read {way}, as {shown_by} shows; "
        f"{count} could be read either way, read so: {', '.join(examples)}{more}. If that is "
        f"wrong, {DATE_ORDER_SET}.",
        every_run=True,
    )


def _choice_faults(
    col: Column, text: pd.Series, bad: pd.Series
) -> list[tuple[pd.Series, str, bool]]:
    """An unknown choice is an error (SPEC 3), naming the choice it is likely a misspelling
    of when one is close: one fault per such misspelling, one for the rest."""
    what = f"{'an' if col.header[0] in 'AEIOU' else 'a'} {col.header}"
    listed = f"Choose one of: {', '.join(col.choices)}."
    faults = []
    rest = bad
    for value in text[bad].unique():
        meant = parsing.closest_choice(value, col.choices)
        if meant:
            at = bad & text.eq(value)
            rest = rest & ~at
            faults.append(
                (at, f"{{value}} is not {what}; did you mean {show(meant)}? {listed}", False)
            )
    return [(rest, f"{{value}} is not {what}. {listed}", False), *faults]


def _typed(
    col: Column, values: pd.Series, given: pd.Series | None, order: str
) -> tuple[pd.Series | pd.DataFrame, list[tuple[pd.Series, str, bool]], parsing.DateOrder | None]:
    """The column read as its kind (`given` is its cells trimmed, None when every cell is a
    date), each kind of cell that could not be: its mask, what to tell the user (`{value}`
    stands for the cell's value) and whether to tell it once for the column; and for a date
    column, how its numbers-only dates were read."""
    if col.is_date:
        read_as = (
            parsing.DateOrder(order, pd.Series(False, index=values.index))
            if given is None
            else parsing.date_order(given, order)
        )
        ambiguous = read_as.unread
        dates, bad = parsing.dates(values, given, read_as.order)
        faults = [(ambiguous, _AMBIGUOUS, True)]
        # A column of dates only is never read as text unless a cell is at fault.
        text = given if given is not None or not bad.any() else columns.as_text(values)
        if bad.any():
            assert text is not None
            # A day its month does not have ("31/02/2026") is said as such.
            missing = columns.per_distinct(
                text.where(bad, ""), lambda v: parsing.missing_day(v, read_as.order)
            )
            for day in missing[missing.ne("")].unique():
                at = missing.eq(day)
                bad = bad & ~at
                faults.append(
                    (
                        at,
                        f"{{value}} is not a date: there is no {day}. Type the date again, "
                        f"such as {_DATE_EXAMPLE}.",
                        False,
                    )
                )
            yearless = _yearless_faults(text, bad)
            for at, _message, _group in yearless:
                bad = bad & ~at
            faults += yearless
            serials = _serial_faults(values, bad)
            for at, _message, _group in serials:
                bad = bad & ~at
            faults += serials
        if col.kind is Kind.DATE:
            message = f"{{value}} is not a date. Type a date such as {_DATE_EXAMPLE}."
            return dates, [(bad & ~ambiguous, message, False), *faults], read_as
        days = (
            parsing.durations(values, text)
            if text is not None
            else pd.Series(float("nan"), index=values.index)
        )
        # Resolved against the interview date once the whole row is known.
        both = pd.DataFrame({col.key: dates, f"{col.key}_days": days})
        return (
            both,
            [
                (
                    bad & days.isna() & ~ambiguous,
                    "{value} is neither a date nor a time after the interview. Type a date such as "
                    "2026-11-23, or a duration such as 3 weeks, 10 days, 2w or 10d.",
                    False,
                ),
                *faults,
            ],
            read_as,
        )
    text = columns.as_text(values) if given is None else given
    if col.kind is Kind.CHOICE:
        parsed, bad = parsing.choices(values, col.choices, text)
        if not bad.to_numpy().any():
            return parsed, [], None
        # An unknown choice keeps its text, so it is reported once, not also as blank.
        return parsed.where(~bad, text), _choice_faults(col, text, bad), None
    if col.kind is Kind.YES_NO:
        parsed, bad = parsing.yes_no(values, text)
        return parsed, [(bad, "{value} is not Yes or No. Type Yes or No.", False)], None
    if col.kind is Kind.WHOLE_DAYS:
        parsed, bad = parsing.whole_numbers(values, text)
        message = (
            "{value} is not a whole number of days. Type a number such as 14, or leave it "
            "blank for the default."
        )
        return parsed, [(bad, message, False)], None
    if col.kind is Kind.DONE_MARK:
        _when, bad = parsing.done_marks(values, pd.Timestamp.min, text, order or parsing.MDY)
        message = (
            f"{{value}} is not a Done mark. Type x (done on the action's due day, or on the day "
            f"this sheet was written if it was overdue by then) or the date you did it, such as "
            f"{_DATE_EXAMPLE}, or clear the cell."
        )
        yearless = _yearless_faults(text, bad)
        for at, _message, _group in yearless:
            bad = bad & ~at
        return text, [(bad, message, False), *yearless], None
    return text, [], None


def _yearless_faults(text: pd.Series, bad: pd.Series) -> list[tuple[pd.Series, str, bool]]:
    """The `bad` cells holding a day and a month without a year ("8 Dec"): each text named
    with the fix, to add the year, rather than told it is not a date at all."""
    return [
        (
            bad & text.eq(typed),
            f"{{value}} is a date without a year. Type it with its year, such as "
            f"{typed} {_DATE_EXAMPLE[:4]}.",
            False,
        )
        for typed in text[bad].unique().tolist()
        if parsing.without_year(str(typed))
    ]


def _serial_faults(values: pd.Series, bad: pd.Series) -> list[tuple[pd.Series, str, bool]]:
    """The `bad` cells holding a number Excel stores for a date, in a cell not formatted as
    one (General): each named with the date it stands for, or, when many, once for all."""
    serial = values.where(bad).map(parsing.serial_day)
    at = serial.notna()
    if not at.any():
        return []
    how = "in a cell not formatted as a date. Type the date, or format the cell as a date."
    if at.sum() >= GROUP_FROM:
        number, day = float(values[at].iloc[0]), serial[at].iloc[0]
        return [
            (
                at,
                f"{{value}} is a number Excel stores for a date ({number:g} is "
                f"{columns.long_day(day)}), {how}",
                True,
            )
        ]
    return [
        (
            at & values.eq(number),
            f"{float(number):g} is the number Excel stores for {columns.long_day(day)}, {how}",
            False,
        )
        for number, day in dict(zip(values[at], serial[at], strict=True)).items()
    ]


def _parse_settings(raw: RawSheet | None, problems: _Problems) -> Settings:
    if raw is None:
        problems.info(
            SETTINGS_SHEET,
            f"there is no {SETTINGS_SHEET} sheet, so every setting takes its default. Add a "
            f"sheet named {SETTINGS_SHEET} with the headers {SETTING_HEADER} and {VALUE_HEADER} "
            "to change one.",
        )
        return Settings()
    found = raw.letters(SETTINGS_TABLE)
    name_at, value_at = found.get("setting"), found.get("value")
    if name_at is None or value_at is None:
        problems.error(
            f"{raw.name}!1:1",
            f"the headers {SETTING_HEADER} and {VALUE_HEADER} must be in row 1. Type them above "
            "the setting names and their values.",
        )
        return Settings()
    known = {s.name.casefold(): s for s in SETTINGS}
    texts = columns.as_text(raw.rows[value_at])
    empty = parsing.blank(raw.rows[value_at], texts) | parsing.placeholders(texts)
    # Each row's problem, or its setting to read: the settings are read together, then
    # everything is told in row order.
    told = _Problems()
    rows: list[Problem | tuple[int, Setting, object]] = []
    for row, name, value, skip in zip(
        raw.rows.index, columns.as_text(raw.rows[name_at]), raw.rows[value_at], empty, strict=True
    ):
        where = raw.where(value_at, row)
        setting = known.get(name.casefold())
        if setting is None:
            if name:
                told.warning(
                    raw.where(name_at, row),
                    f"{show(name)} is not a setting followup knows, so it is ignored. "
                    f"Check the spelling against: {', '.join(s.name for s in SETTINGS)}.",
                )
        elif f"{value_at}{row}" in raw.uncached:
            told.error(
                where,
                "this formula has no saved result. Open the tracker in Excel or LibreOffice "
                "and save it, then try again.",
            )
        elif (error := raw.errors.get(f"{value_at}{row}")) is not None:
            told.error(
                where,
                f"this cell shows the formula error {error}, so {setting.name} cannot be read. "
                "Fix the formula, or type the value over it.",
            )
        elif not skip:
            rows.append((row, setting, value))
        rows.extend(told)
        told.clear()
    read = iter(setting_values([row[1:] for row in rows if isinstance(row, tuple)]))
    values: dict[str, object] = {}
    for entry in rows:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        row, setting, value = entry
        where = raw.where(value_at, row)
        parsed = next(read)
        if parsed is None:
            how = _HOW[setting.kind].format(
                default=setting.default, choices=", ".join(setting.choices)
            )
            problems.error(where, f"{show(value)} is not a valid {setting.name}. {how}")
        elif setting.key == "holidays" and not known_country(str(parsed)):
            problems.error(
                where,
                f"{show(value)} is not a country code the holiday calendar knows. Use a "
                "two-letter code such as US, GB or DE, or leave it blank for no holidays.",
            )
        else:
            values[setting.key] = parsed
    return Settings(**values)  # type: ignore[arg-type]


_HOW = {
    Kind.WHOLE_DAYS: "Type a whole number such as {default} (the default).",
    Kind.YES_NO: "Type Yes or No.",
    Kind.TIME: "Type a time such as 4:00 PM or 16:00.",
    Kind.TEXT: "Type some text.",
    Kind.CHOICE: "Type one of: {choices}, or leave it blank.",
}


def _interviews(frame: pd.DataFrame, raw: RawSheet | None, problems: _Problems) -> pd.DataFrame:
    frame = frame.copy()
    given_days = frame.pop("decision_by_days") if "decision_by_days" in frame else None
    days = given_days if given_days is not None else pd.Series(float("nan"), index=frame.index)
    # columns.dates: a tracker without Interviews has an untyped empty column here.
    by_duration = columns.dates(frame["interview_date"]) + pd.to_timedelta(days, unit="D")
    frame["decision_given"] = frame["decision_by"].notna() | days.notna()
    frame["decision_by"] = frame["decision_by"].fillna(by_duration)
    # One opportunity, however its name is capitalised or spaced from row to row: each
    # row takes the spelling of the first row with its key.
    for key in ("company", "role"):
        codes = pd.factorize(columns.key(frame[key]).to_numpy())[0]
        first = np.unique(codes, return_index=True)[1]  # codes count up as keys first appear
        frame[key] = pd.Series(frame[key].to_numpy()[first][codes], index=frame.index, name=key)
    if raw is not None:
        _status_disagreements(frame, raw, problems)
    frame["status"] = frame["status"].replace("", STATUSES[0])
    early = frame["decision_by"] < frame["interview_date"]
    if raw is not None and early.any():
        letter = raw.letters(INTERVIEWS).get("decision_by", "")
        for row, decision, interview in frame.loc[
            early, ["row", "decision_by", "interview_date"]
        ].itertuples(index=False):
            # A warning, not an error: one stale date (copied from an earlier round, a
            # mistyped month) should not stop the week's plan, which can go on sensibly.
            problems.warning(
                raw.where(letter, row),
                f"Decision by {decision:%Y-%m-%d} is before the interview date "
                f"{interview:%Y-%m-%d}, so followup takes the interview day as the decision "
                "date. Fix whichever date is wrong.",
            )
    return frame


# A date this far after the as-of date is most likely a mistyped year (2062 for 2026): within
# the years a date can hold (a year before 1900 or after 2199 is an error, parsing.typo_year),
# but not a job search's. Dates long past are a tracker kept for years, and are quiet.
FAR_AHEAD = pd.DateOffset(years=1)


def _far_dates(
    sheet: Sheet,
    frame: pd.DataFrame,
    raw: RawSheet | None,
    as_of: pd.Timestamp,
    problems: _Problems,
) -> None:
    """A warning for the dates typed more than a year after the as-of date (SPEC 3: a year
    that looks like a typo is told): followup reads them as typed, so a round in 2062 is a
    round still to come that stops the follow-ups of the one before. One line per cell, or
    per column when many."""
    if raw is None or frame.empty:
        return
    letters = raw.letters(sheet)
    for col in sheet.columns:
        if not col.is_date or col.key not in frame or col.key not in letters:
            continue
        when = columns.dates(frame[col.key])
        far = when > as_of + FAR_AHEAD
        if not far.any():
            continue
        rows, days = frame.loc[far, "row"].astype(int).tolist(), when[far].tolist()
        letter, today = letters[col.key], f"today ({as_of:%Y-%m-%d})"
        if len(rows) >= GROUP_FROM:
            problems.warning(
                f"{raw.where(letter, rows[0])}:{letter}{rows[-1]}",
                f"{len(rows)} dates are more than a year after {today}, such as "
                f"{days[0]:%Y-%m-%d}. Check the years: followup reads dates as typed.",
            )
            continue
        for row, day in zip(rows, days, strict=True):
            years = (day - as_of).days // 365
            gap = "more than a year" if years < 2 else f"{years} years"
            problems.warning(
                raw.where(letter, row),
                f"{day:%Y-%m-%d} is {gap} after {today}. Check the year: followup reads the "
                "date as typed.",
            )


def _applied(search: pd.DataFrame) -> pd.DataFrame:
    """The (company, role) of every application (SPEC 4a): Log rows may name them too."""
    rows = search[search["activity"].eq(APPLICATION) & search["company"].ne("")]
    return rows[["company", "role"]]


def _status_disagreements(frame: pd.DataFrame, raw: RawSheet, problems: _Problems) -> None:
    """SPEC section 4, Closed: the rows of an opportunity's latest round should agree on its
    status; when they do not, the most decisive one is used, and the user is told."""
    letter = raw.letters(INTERVIEWS).get("status", "")
    for rows in rounds.disagreements(frame):
        first, last = int(rows["row"].min()), int(rows["row"].max())
        where = raw.where(letter, first) + (f":{letter}{last}" if last != first else "")
        said = ", ".join(f"{letter}{r} {show(s)}" for r, s in rows[["row", "status"]].to_numpy())
        winner = rounds.decisive(rows["status"])
        company, role, day = rows.iloc[0][["company", "role", "interview_date"]]
        problems.warning(
            where,
            f"the rows of the {company} {role} round on {day:%Y-%m-%d} give different statuses "
            f"({said}); followup takes {winner}, the most decisive. Give every row of the "
            "round the same Status (or leave the others blank).",
        )


def _thank_you_contacts(
    log: pd.DataFrame, interviews: pd.DataFrame, raw: RawSheet | None, problems: _Problems
) -> pd.DataFrame:
    """The Log with each Sent thank-you's Contact spelled as the interviewer it names.

    SPEC 4, Done: a thank-you naming a Contact completes that interviewer's thank-you.
    People log it as they greet them, by first name or surname ("Dana" for Dana Lee): a
    name that is one interviewer's alone, in the latest round of the opportunity on or
    before the row's date that has a match, is that interviewer. A Contact that names no
    interviewer of the opportunity's rounds by then, or several, completes nothing, and is
    warned about, as a Sent row with a blank Step is (SPEC 3, Log)."""
    if raw is None or log.empty or interviews.empty:
        return log
    contact = columns.text(log, "contact")
    day = columns.dates(log["date"])
    mine = (columns.text(log, "direction") == SENT) & (columns.text(log, "step") == "thank-you")
    mine &= contact.ne("") & day.notna()
    if not mine.any():
        return log
    iv = rounds.keyed(interviews)
    people = pd.DataFrame(
        {
            "ck": iv["ck"],
            "rk": iv["rk"],
            "day": iv["interview_date"],
            "name": columns.text(iv, "interviewer"),
            "who": columns.key(columns.text(iv, "interviewer")),
        }
    )
    people = people[people["who"].ne("")]
    asked = pd.DataFrame(
        {
            "ck": columns.key(columns.text(log, "company")),
            "rk": columns.key(columns.text(log, "role")),
            "day": day,
            "who": columns.key(contact),
        }
    )[mine]
    # Exactly an interviewer's name on or before the row's day: nothing to do (most rows).
    exact = asked.reset_index().merge(people, on=["ck", "rk", "who"], suffixes=("", "_iv"))
    exact = exact[exact["day_iv"] <= exact["day"]]
    letter = raw.letters(LOG).get("contact", "")
    log = log.copy()
    rest = asked[~asked.index.isin(exact["index"])]
    # A row before the opportunity's first round has nobody to thank yet: left out at once.
    first_round = people.groupby(["ck", "rk"])["day"].min().rename("first_round")
    rest = rest.join(first_round, on=["ck", "rk"])
    rest = rest.loc[rest["first_round"] <= rest["day"], ["ck", "rk", "day", "who"]]
    # Each opportunity's interviewers found once, not by a scan of all of them per row.
    by_opportunity = dict(
        iter(people[people["ck"].isin(set(rest["ck"]))].groupby(["ck", "rk"], sort=False))
    )
    named: dict[object, str] = {}
    for index, ck, rk, when, who in rest.itertuples():
        theirs = by_opportunity.get((ck, rk))
        if theirs is not None:
            theirs = theirs[theirs["day"] <= when]
        if theirs is None or theirs.empty:
            continue  # no round by then: the thank-you has nobody to thank yet
        found: list[str] = []
        typed_words = columns.untitled(who)
        for held_day in sorted(set(theirs["day"]), reverse=True):
            held = theirs[theirs["day"] == held_day].drop_duplicates("who")
            calls = [_calls(typed_words, columns.untitled(name)) for name in held["who"]]
            found = held.loc[calls, "name"].tolist()
            if found:
                break
        if len(found) == 1:
            named[index] = found[0]
            continue
        latest = theirs[theirs["day"] == theirs["day"].max()].drop_duplicates("who")
        company, role = log.loc[index, ["company", "role"]]
        typed = show(log.loc[index, "contact"])
        if found:
            reason = wording.THANK_YOU_AMBIGUOUS.format(
                typed=typed, people=f"{', '.join(found[:-1])} or {found[-1]}"
            )
        else:
            reason = wording.THANK_YOU_NOBODY.format(
                typed=typed,
                opportunity=f"{company} {role}",
                day=f"{latest['day'].iloc[0]:%Y-%m-%d}",
                people=", ".join(latest["name"]),
            )
        problems.warning(
            raw.where(letter, int(log.loc[index, "row"])),
            wording.THANK_YOU_COMPLETES_NOTHING.format(reason=reason),
        )
    if named:
        log.loc[list(named), "contact"] = list(named.values())
    return log


def _near_companies(
    interviews: pd.DataFrame,
    search: pd.DataFrame,
    sheets: Mapping[str, RawSheet],
    problems: _Problems,
) -> None:
    """An application's company spelled as an interviewed one but for its legal form
    ("Acme" and "Acme Ltd.", "Globex Corp" and "Globex Corporation"): followup reads them as
    two employers (SPEC 3: names match as typed, folded), so the application would get
    nudges of its own beside the interview's follow-ups (SPEC 4a). They are not merged, as
    two firms may share a name but for it; the user is told, with both cells."""
    raw, iv_raw = sheets.get(SEARCH.name), sheets.get(INTERVIEWS.name)
    if raw is None or iv_raw is None or search.empty or interviews.empty:
        return
    applied = _applied(search)
    iv_company = columns.text(interviews, "company")
    iv_key = columns.key(iv_company)
    app_key = columns.key(applied["company"])
    others = applied[~app_key.isin(set(iv_key))]
    if others.empty:
        return
    # Only names sharing a first word can differ by their legal form alone, so the
    # library that knows legal forms is asked only about those (rare) pairs.
    first = iv_key.str.extract(r"(\w+)", expand=False)
    app_first = columns.key(others["company"]).str.extract(r"(\w+)", expand=False)
    pairs = pd.DataFrame(
        {"first": app_first, "company": others["company"], "row": search.loc[others.index, "row"]}
    ).merge(
        pd.DataFrame(
            {"first": first, "iv": iv_company, "iv_row": interviews["row"]}
        ).drop_duplicates("iv"),
        on="first",
    )
    if pairs.empty:
        return
    from cleanco import basename  # only for names that may differ by a legal form

    def core(name: str) -> str:
        return " ".join(columns.name_key(basename(name)).replace(".", " ").split())

    letter = raw.letters(SEARCH).get("company", "")
    iv_letter = iv_raw.letters(INTERVIEWS).get("company", "")
    same = [core(a) == core(b) != "" for a, b in zip(pairs["company"], pairs["iv"], strict=True)]
    for company, row, iv, iv_row in (
        pairs[same]
        .drop_duplicates("row")[["company", "row", "iv", "iv_row"]]
        .itertuples(index=False)
    ):
        problems.warning(
            raw.where(letter, int(row)),
            wording.NEAR_COMPANY.format(
                company=show(company), iv=show(iv), cell=iv_raw.where(iv_letter, int(iv_row))
            ),
        )


def _calls(typed: list[str], name: list[str]) -> bool:
    """Whether a Contact's words (``typed``, titles left out) name a person (``name``'s words,
    titles left out) as people greet or log them: the whole name, the first name, the
    surname, or both without the middle names (SPEC 4, Done)."""
    return typed == name or typed in ([name[0]], [name[-1]], [name[0], name[-1]])


def _outcome_disagreements(
    interviews: pd.DataFrame,
    search: pd.DataFrame,
    sheets: Mapping[str, RawSheet],
    problems: _Problems,
) -> None:
    """SPEC 4, Closed, and SPEC 3, Search Status: an outcome typed on an interviewed
    opportunity's application row that its latest round does not give. The most decisive
    status wins, as between the rows of a round (``rounds.latest_status``); when the round
    gives another status the user is told, with both cells, so the two sheets can be made to
    agree. A round with no status (blank, a placeholder, or no Status column) gives none, as
    a blank row of a round does, so the application's outcome is simply taken: nothing to
    warn about for a user who keeps outcomes in Search only."""
    raw, iv_raw = sheets.get(SEARCH.name), sheets.get(INTERVIEWS.name)
    if raw is None or iv_raw is None or search.empty or interviews.empty:
        return
    iv = rounds.keyed(interviews)
    latest = iv[iv["interview_date"] == iv.groupby(["ck", "rk"])["interview_date"].transform("max")]
    outcomes = rounds.application_outcomes(search, latest)
    letter = raw.letters(SEARCH).get("status", "")
    iv_letter = iv_raw.letters(INTERVIEWS).get("status", "")
    role_letter = raw.letters(SEARCH).get("role", "")
    for ck, _typed, row in rounds.unplaced_outcomes(search, latest).itertuples(index=False):
        theirs = latest[latest["ck"] == ck].drop_duplicates("rk")
        fix = (
            wording.OUTCOME_ROLE_FIX.format(cell=raw.where(role_letter, int(row)))
            if role_letter
            else wording.OUTCOME_ROLE_FIX_COLUMN
        )
        problems.warning(
            raw.where(letter, int(row)),
            wording.OUTCOME_ROLE_BLANK.format(
                typed=show(raw.rows.loc[int(row), letter]),
                company=theirs["company"].iloc[0],
                roles=", ".join(sorted(theirs["role"], key=columns.name_key)),
                fix=fix,
            ),
        )
    for ck, rk, typed, row in outcomes.itertuples(index=False):
        rows = latest[(latest["ck"] == ck) & (latest["rk"] == rk)]
        given = rounds.decisive(rows["status"])
        if given == typed:
            continue
        if not iv_letter or _blank_cells(iv_raw.rows.loc[rows["row"].astype(int), iv_letter]):
            continue  # the round gives no status (SPEC 4, Closed: a blank counts as none)
        winner = rounds.decisive(pd.Series([given, typed]))
        first, last = int(rows["row"].min()), int(rows["row"].max())
        cells = iv_raw.where(iv_letter, first) + (f":{iv_letter}{last}" if last != first else "")
        company, role, day = rows.iloc[0][["company", "role", "interview_date"]]
        as_typed = raw.rows.loc[int(row), letter] if letter else typed
        problems.warning(
            raw.where(letter, int(row)),
            wording.OUTCOME_DIFFERS.format(
                typed=show(as_typed),
                opportunity=f"{company} {role}",
                cells=cells,
                day=f"{day:%Y-%m-%d}",
                given=given,
                taken=winner,
            ),
        )


def _blank_cells(cells: pd.Series) -> bool:
    """Whether every one of these cells is blank or a placeholder ("N/A", "-"): no status
    typed (SPEC 4, Closed: a blank counts as none)."""
    texts = columns.as_text(cells)
    return bool((parsing.blank(cells, texts) | parsing.placeholders(texts)).all())


def _log(
    frame: pd.DataFrame,
    opportunities: pd.DataFrame,
    raw: RawSheet | None,
    as_of: pd.Timestamp,
    problems: _Problems,
) -> pd.DataFrame:
    """The Log with each row's company and role spelled as in Interviews or Search.

    ``opportunities``: the (company, role) of every interview and application; an
    application's role may be blank (the company's only opportunity).
    """
    if raw is None or frame.empty:
        return frame
    found = raw.letters(LOG)
    letter = {col.key: found.get(col.key, "") for col in LOG.columns}
    frame = frame.copy()
    # Opportunities and Log rows repeat a few (company, role) pairs: each distinct pair is
    # matched once, in plain Python, then spread over its rows (`at`: each row's pair).
    known = _Opportunities(_keyed_pairs(opportunities.reset_index(drop=True))[1])
    at, pairs = _keyed_pairs(frame)
    resolved = [known.resolve(*pair) for pair in pairs.itertuples(index=False)]
    for position, key in enumerate(("company", "role")):
        spelled = np.array([pair[position] for pair in resolved], dtype=object)
        frame[key] = pd.Series(spelled[at], index=frame.index, dtype=object)
    fault = np.array([pair[2] for pair in resolved], dtype=object)[at]
    told = frame[["row", "company", "role"]].to_numpy(dtype=object)[fault != ""]
    fault = fault[fault != ""]
    for row, company, _role in told[fault == _UNKNOWN_COMPANY].tolist():
        problems.error(
            raw.where(letter["company"], row),
            f"no interview or application with the company {show(company)}. Check the "
            "spelling against the Interviews and Search sheets, or add the interview or the "
            "application there first.",
        )
    for row, company, _role in told[fault == _BLANK_ROLE].tolist():
        problems.error(
            raw.where(letter["role"] or letter["company"], row),
            f"Role is blank, but {company} has several roles "
            f"({known.roles(company)}). Type the role this touchpoint was about.",
        )
    for row, company, role in told[fault == _UNKNOWN_ROLE].tolist():
        problems.error(
            raw.where(letter["role"], row),
            f"{company} has no interview or application for the role {show(role)}. "
            f"Use one of: {known.roles(company)}.",
        )
    no_step = (frame["direction"].to_numpy() == SENT) & (frame["step"].to_numpy() == "")
    for row in frame["row"].to_numpy()[no_step].tolist():
        problems.warning(
            raw.where(letter["step"] or letter["direction"], row),
            "this Sent row has no Step, so it completes no follow-up step. Type the step it "
            "was, such as thank-you (leave it blank if it was none of them).",
        )
    future = frame["date"].to_numpy() > as_of.to_datetime64()
    if future.any():
        for row, when in frame.loc[future, ["row", "date"]].itertuples(index=False):
            problems.warning(
                raw.where(letter["date"], row),
                f"{when:%Y-%m-%d} is in the future (today is {as_of:%Y-%m-%d}). Check the "
                "date: log a touchpoint once it has happened.",
            )
    return frame


# Why a Log row's (company, role) matches no opportunity ("" when it matches one).
_UNKNOWN_COMPANY, _BLANK_ROLE, _UNKNOWN_ROLE = "company", "blank role", "role"


class _Opportunities:
    """The interviews' and applications' (company, role) pairs by their `name_key`s, each
    spelled as first named, for matching the Log's pairs to them (SPEC 4a)."""

    def __init__(self, pairs: pd.DataFrame) -> None:
        """`pairs`: distinct (company, role, company_key, role_key), in the order first named."""
        first: dict[tuple[str, str], tuple[str, str]] = {}
        for company, role, company_key, role_key in pairs.itertuples(index=False):
            first.setdefault((company_key, role_key), (company, role))
        # An application with a blank role is the company's only opportunity: once the
        # company has a named one (an interview, another application), the blank one is it.
        named = {company_key for company_key, role_key in first if role_key}
        kept = {key: spelled for key, spelled in first.items() if key[1] or key[0] not in named}
        self.spelled = {key: role for key, (_company, role) in kept.items()}
        self.companies: dict[str, str] = {}
        self.by_company: dict[str, list[str]] = {}
        for (company_key, _role_key), (company, role) in kept.items():
            self.companies.setdefault(company_key, company)
            self.by_company.setdefault(company_key, []).append(role)
        self.unnamed = {company_key for company_key, role_key in kept if not role_key}

    def resolve(
        self, company: str, role: str, company_key: str, role_key: str
    ) -> tuple[str, str, str]:
        """A Log pair spelled as its opportunity, and why it matches none ("" when it does)."""
        if not company:
            return company, role, ""
        if company_key not in self.companies:
            return company, role, _UNKNOWN_COMPANY
        spelled = self.companies[company_key]
        roles = self.by_company.get(company_key, [])
        if not role:
            return (spelled, roles[0], "") if len(roles) == 1 else (spelled, role, _BLANK_ROLE)
        if company_key in self.unnamed:
            # A role typed for a company known only by a role-less application is that one.
            return spelled, role, ""
        canonical = self.spelled.get((company_key, role_key))
        return (spelled, role, _UNKNOWN_ROLE) if canonical is None else (spelled, canonical, "")

    def roles(self, company: str) -> str:
        """The roles of a company's opportunities, for a message."""
        return ", ".join(self.by_company.get(columns.name_key(company), []))


def _keyed_pairs(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """`_distinct_pairs`, with each pair's company and role `name_key`."""
    at, pairs = _distinct_pairs(frame)
    return at, pairs.assign(
        company_key=columns.key(pairs["company"]), role_key=columns.key(pairs["role"])
    )


def _distinct_pairs(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """The distinct (company, role) pairs of the frame's rows, in the order they first
    appear (a frame indexed 0, 1, ...), and each row's pair (its position there)."""
    company = pd.factorize(frame["company"])[0]
    role, roles = pd.factorize(frame["role"])
    at, _pairs = pd.factorize(company.astype(np.int64) * (len(roles) + 1) + role)
    first = np.unique(at, return_index=True)[1]
    pairs = frame[["company", "role"]].iloc[first].reset_index(drop=True)
    return at, pairs
