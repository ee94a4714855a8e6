"""Turning raw cell values into typed columns, one whole column at a time.

Each parser takes a Series of raw values (as the reader found them: str, float, bool,
datetime, date, time) and returns the typed Series and a mask of cells it could not
read. Blank cells are never bad here; whether a value is required is decided elsewhere.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from dateutil import parser as dateutil_parser
from pandas.api.types import infer_dtype

from followup import columns
from followup.headers import normalised
from followup.schema import CHOICE_PHRASES, CHOICE_SYNONYMS, PLACEHOLDERS, STATUSES

_ISO = r"\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_ISO_TEXT = re.compile(_ISO)
_DURATION = re.compile(r"(\d+)\s*(d|days?|w|wks?|weeks?)", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?\s*([ap])?\.?\s*m?\.?", re.IGNORECASE)
_TICKS = frozenset({"x", "✓", "✔", "yes", "y", "done"})
_DATE_TYPES = (dt.datetime, dt.date, pd.Timestamp)
# A date typed with numbers only: its first three parts (a time may follow).
_NUMERIC_DATE = re.compile(r"(\d{1,4})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{1,4})(?!\d)")
# Two defaults that differ in every part: a text that fills in every part reads the same
# under both, so "Monday" or "Nov 16" (no year) is not taken for a date.
_DEFAULTS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))
MDY, DMY, YMD = "MDY", "DMY", "YMD"


def all_dates(values: pd.Series) -> bool:
    """Whether every cell holds a date, as a filled date column does (no text pass needed)."""
    return (
        values.dtype == object
        and infer_dtype(values, skipna=False) in ("datetime", "date")
        and not values.isna().any()
    )


def blank(values: pd.Series, trimmed: pd.Series | None = None) -> pd.Series:
    """True where a cell holds nothing (empty, spaces only, or missing).

    Every parser here takes `trimmed`, the column's `columns.as_text` when the caller already
    has it, so a column is trimmed once however many questions are asked of it.
    """
    if trimmed is None and all_dates(values):
        return pd.Series(False, index=values.index, name=values.name)
    typed = columns.as_text(values) if trimmed is None else trimmed
    return pd.Series(typed.to_numpy() == "", index=typed.index, name=values.name)


@dataclass(frozen=True)
class Trimmed:
    """A sheet's columns trimmed once, for every question asked of them (see `trimmed`).

    ``text``: each column's `columns.as_text`, None for a column of dates only (never read
    as text); ``placeholder``: where a cell holds a placeholder word; ``blank``: where a cell
    holds nothing, a placeholder word included. Arrays in the rows' order.
    """

    text: dict[str, np.ndarray | None]
    placeholder: dict[str, np.ndarray]
    blank: dict[str, np.ndarray]
    # The columns whose text `columns.single_spaced` leaves as it is.
    spaced: frozenset[str] = frozenset()

    def take(self, keep: np.ndarray) -> Trimmed:
        """The rows where `keep` (a mask) is True."""
        return Trimmed(
            {key: None if text is None else text[keep] for key, text in self.text.items()},
            {key: mask[keep] for key, mask in self.placeholder.items()},
            {key: mask[keep] for key, mask in self.blank.items()},
            self.spaced,
        )


def trimmed(cells_by_key: dict[str, np.ndarray]) -> Trimmed:
    """The columns of one sheet (object arrays of raw cell values, of equal length) trimmed,
    and their blank and placeholder cells found, in one pass over the sheet: a column of
    dates only is never blank; a placeholder word (N/A, TBD, ...) counts as blank."""
    texts: dict[str, np.ndarray | None] = {}
    held: dict[str, np.ndarray] = {}
    blanks: dict[str, np.ndarray] = {}
    spaced: set[str] = set()
    for key, cells in cells_by_key.items():
        kind = infer_dtype(cells, skipna=False)
        if _dates_only(cells, kind):
            texts[key] = None
            held[key] = blanks[key] = np.zeros(len(cells), dtype=bool)
            continue
        held[key] = np.zeros(len(cells), dtype=bool)
        framed = columns.joined(cells.tolist()) if kind == "string" else ""
        if framed and columns.spaced_once(framed):
            # ASCII text with nothing to trim, the common case, is asked about as a whole.
            texts[key] = cells.copy()
            if not _PLACEHOLDER_CELL.search(framed.lower()):  # ASCII: lowered is casefolded
                blank = "\x00\x00" in framed
                blanks[key] = cells == "" if blank else np.zeros(len(cells), dtype=bool)
                spaced.add(key)
                continue
        typed = texts[key] = columns.text_array(cells, kind)
        words = {v for v in set(typed.tolist()) if v.casefold() in PLACEHOLDERS}
        if words:
            held[key] = np.fromiter((v in words for v in typed.tolist()), bool, len(typed))
        blanks[key] = (typed == "") | held[key]
    return Trimmed(texts, held, blanks, frozenset(spaced))


# A cell of `columns.joined` text that is a placeholder word, as casefolded.
_PLACEHOLDER_CELL = re.compile("\x00(?:" + "|".join(map(re.escape, PLACEHOLDERS)) + ")(?=\x00)")


def _dates_only(cells: np.ndarray, kind: str = "") -> bool:
    """`all_dates` of an array of cell values (`kind`: its `infer_dtype`, when known)."""
    kind = kind or infer_dtype(cells, skipna=False)
    if kind in ("datetime", "date"):
        return not pd.isna(cells).any()
    # Dates and date-times together, as the reader may give them.
    return len(cells) > 0 and all(type(v) in (dt.datetime, dt.date) for v in cells)


# Dates a job search can hold; outside them a year is a typo (2620 for 2026). pandas holds
# dates to 2262 only, so a far date is found here, before it reaches the calendar maths.
EARLIEST = pd.Timestamp("1900-01-01")
LATEST = pd.Timestamp("2200-01-01")  # exclusive
NO_DATE = pd.Timestamp("9999-12-31")  # Excel's usual "no date yet", read as a blank date


def dates(
    values: pd.Series, trimmed: pd.Series | None = None, order: str = ""
) -> tuple[pd.Series, pd.Series]:
    """Dates as people type them, as datetime64[ns] at midnight (SPEC 3); the time is dropped.

    Real dates and date-times, ISO text, and text such as 'Nov 16, 2026', '16.11.2026' or
    '11/20/26, 8:15 AM' (read by python-dateutil). `order` (MDY, DMY, YMD) says how to read
    numbers-only text; "" reads each such value in the order it shows by itself (a first
    part over 12 is the day, a second part over 12 the month), and leaves values that could
    be either unread (see `date_order`). Returns the dates and the filled cells that are none.
    Any date Excel can hold (years 1900 to 9999) reads without an exception (SPEC 3): a date
    before 1900 or after 2199 is bad (see `typo_year`), and 9999-12-31 is a blank date.
    """
    cells = values.to_numpy(dtype=object)
    filled_dates = values.dtype == object and _date_times(cells)
    if filled_dates:
        # A filled date column, as the reader gives it: one conversion for the whole column.
        days = _days_inside(cells)
        if days is not None:
            none = np.zeros(len(cells), dtype=bool)
            return (
                pd.Series(days, index=values.index, name=values.name),
                pd.Series(none, index=values.index, name=values.name),
            )
    is_date = np.fromiter((isinstance(v, _DATE_TYPES) for v in cells), bool, len(cells))
    if (
        values.dtype == object
        and is_date.any()
        and not filled_dates
        and not any(type(v) is str for v in cells)  # dates among gaps, or Timestamps
    ):
        whole = _whole_date_column(values)
        if whole is not None:
            return whole
    text = (columns.as_text(values) if trimmed is None else trimmed).to_numpy(dtype=object)
    filled = text != ""
    typed = ~is_date & filled  # dates typed as text
    if not typed.any() and not is_date.any():  # a column of blank cells
        return (
            pd.Series(pd.NaT, index=values.index, dtype="datetime64[ns]"),
            pd.Series(typed, index=values.index),
        )
    found = np.full(len(cells), np.datetime64("NaT"), dtype="datetime64[us]")
    if is_date.any():
        given = cells[is_date]
        if not all(type(v) is dt.datetime and v.tzinfo is None for v in given):
            given = [None if v is pd.NaT else _as_datetime(v) for v in given]
        found[is_date] = _datetime64(given)
    if typed.any():
        distinct = list(dict.fromkeys(text[typed]))
        iso = [v for v in distinct if _ISO_TEXT.fullmatch(v)]
        read = dict.fromkeys(iso)
        if iso:
            with contextlib.suppress(ValueError, OverflowError):
                parsed = pd.to_datetime(
                    np.array(iso, dtype=object), errors="coerce", format="ISO8601"
                )
                read = dict(zip(iso, parsed.to_numpy().astype("datetime64[us]"), strict=True))
        read.update((v, _typed_date(v, order)) for v in distinct if v not in read)
        found[typed] = np.array([read[v] for v in text[typed]], dtype="datetime64[us]")
    days = found.astype("datetime64[D]")
    no_date = days == NO_DATE.to_datetime64()
    inside = (days >= EARLIEST.to_datetime64()) & (days < LATEST.to_datetime64())
    out = np.where(inside, days, np.datetime64("NaT")).astype("datetime64[ns]")
    return (
        pd.Series(out, index=values.index),
        pd.Series(np.isnat(out) & filled & ~no_date, index=values.index),
    )


def _date_times(cells: np.ndarray) -> bool:
    """Whether every cell holds a naive date-time (there is one at least)."""
    return len(cells) > 0 and all(type(v) is dt.datetime and v.tzinfo is None for v in cells)


def filled_days(cells: np.ndarray) -> np.ndarray | None:
    """`dates` of a filled date column, as the reader gives it (every cell a naive date-time
    in the years a job search holds): datetime64[ns] days, by one conversion for the whole
    column. None for any other column."""
    return _days_inside(cells) if _date_times(cells) else None


def _days_inside(cells: np.ndarray) -> np.ndarray | None:
    """Naive date-times as datetime64[ns] days, when all are in the years allowed."""
    held = _datetime64(cells)
    if held.min() >= EARLIEST and held.max() < LATEST:
        days: np.ndarray = held.astype("datetime64[D]").astype("datetime64[ns]")
        return days
    return None


def _datetime64(values: Sequence[dt.datetime | None] | np.ndarray) -> np.ndarray:
    """Naive date-times (None for none) as datetime64[us], years 1 to 9999: pandas converts
    them many times faster than numpy does."""
    return np.asarray(pd.array(values, dtype="datetime64[us]"))


def _whole_date_column(values: pd.Series) -> tuple[pd.Series, pd.Series] | None:
    """`dates` of a column pandas reads as dates though not every cell is a plain date-time
    (gaps, Timestamps, time zones), or None when pandas cannot read it as one."""
    if infer_dtype(values, skipna=False) != "datetime":
        return None
    with contextlib.suppress(ValueError, OverflowError, TypeError):
        converted = pd.to_datetime(values)
        if (
            getattr(converted.dtype, "tz", None) is None
            and converted.min() >= EARLIEST
            and converted.max() < LATEST
        ):
            out = converted.astype("datetime64[ns]").dt.normalize()
            return out, out.isna()
    return None


def typo_year(value: object) -> int | None:
    """The year of a date cell outside the years a job search can hold (None if inside, or
    not a date): the message then says the year looks like a typo."""
    if isinstance(value, str):
        found = re.match(r"\s*(\d{4})-\d{1,2}-\d{1,2}", value)
        year = int(found[1]) if found else None
    else:
        year = value.year if isinstance(value, _DATE_TYPES) else None
    if year is None or EARLIEST.year <= year < LATEST.year:
        return None
    return year


# Excel's 1900 date system counts days from 1899-12-30: a number in a date cell formatted
# General is such a count. Only the years a job search holds are taken for one.
_EXCEL_DAY_ZERO = pd.Timestamp("1899-12-30")
_SERIALS = (36526, 73051)  # 2000-01-01 to 2099-12-31


def serial_day(value: object) -> pd.Timestamp | None:
    """The day a number in a date cell stands for as Excel stores dates (46349 is
    2026-11-23), None when it is no such number: a number the cell shows as a number
    because it is not formatted as a date."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)  # as a CSV holds it
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if not _SERIALS[0] <= value < _SERIALS[1]:
        return None
    return _EXCEL_DAY_ZERO + pd.Timedelta(days=int(value))


@dataclass(frozen=True)
class DateOrder:
    """How a column's numbers-only dates are read (see `date_order`).

    ``order``: MDY, DMY or YMD, "" when neither the setting nor the column says; ``unread``:
    the cells left unread for want of an order; ``shown``: when the column's values decided
    the order, the order each cell shows by itself (as `_shown_order`), else None.
    """

    order: str
    unread: pd.Series
    shown: pd.Series | None = None

    @property
    def either_way(self) -> pd.Series:
        """The cells read in an order the column inferred that could be read either way."""
        if self.shown is None:
            return self.unread
        return self.shown.eq("?")


def date_order(trimmed: pd.Series, setting: str = "") -> DateOrder:
    """How to read a column's numbers-only dates, and the cells that leave it open (SPEC 3).

    The Settings `Date order` decides when given. Otherwise a column whose values show one
    order (a first part over 12 means day first, a second part over 12 month first) is read
    that way; a column showing none leaves its cells that could be read either way unread.
    """
    none = pd.Series(False, index=trimmed.index)
    if setting:
        return DateOrder(setting, none)
    shown = columns.per_distinct(trimmed, _shown_order)
    orders = set(shown.unique()) & {MDY, DMY}
    if len(orders) == 1:
        return DateOrder(orders.pop(), none, shown)
    return DateOrder("", shown.eq("?"))


def missing_day(value: str, order: str) -> str:
    """For a numbers-only date whose day its month does not have ("31/02/2026"), that day
    as people say it: "31 February", or "29 February 2026" in a year without one; else ""."""
    found = _NUMERIC_DATE.match(value)
    if not found:
        return ""
    shown = _shown_order(value)
    use = shown if shown in (MDY, DMY, YMD) else order
    parts = [int(found[1]), int(found[2]), int(found[3])]
    year, month, day = {
        MDY: (parts[2], parts[0], parts[1]),
        DMY: (parts[2], parts[1], parts[0]),
        YMD: (parts[0], parts[1], parts[2]),
    }.get(use, (0, 0, 0))
    if not 1 <= month <= 12 or not 1 <= year <= 9999 or not 1 <= day <= 31:
        return ""
    if (day > 29 and month == 2) or (day == 31 and month in (4, 6, 9, 11)):
        return f"{day} {calendar.month_name[month]}"
    if month == 2 and day == 29 and not calendar.isleap(year if year > 99 else 2000 + year):
        return f"29 February {year if year > 99 else 2000 + year}"
    return ""


def without_year(value: str) -> bool:
    """Whether a text names a day and a month but no year, as people type a date ("8 Dec",
    "Nov 10", "20 November"): read so, it would be a date if it had its year."""
    if not any(ch.isalpha() for ch in value):
        return False  # numbers only ("8/12"): not plainly a day and a month
    read = []
    for default in _DEFAULTS:
        try:
            read.append(dateutil_parser.parse(value, default=default))
        except (ValueError, OverflowError, TypeError):
            return False
    first, second = read
    return (first.month, first.day) == (second.month, second.day) and first.year != second.year


def _shown_order(value: str) -> str:
    """The order a numbers-only date shows by itself: YMD, DMY, MDY; "=" when day and month
    are the same number, "?" when it could be either; "" when it is not such a date."""
    found = _NUMERIC_DATE.match(value)
    if not found:
        return ""
    first, second = found[1], int(found[2])
    if len(first) == 4:
        return YMD
    if int(first) > 12:
        return DMY
    if second > 12:
        return MDY
    return "=" if int(first) == second else "?"


def _typed_date(value: str, order: str) -> dt.datetime | None:
    """A date typed as text, read by python-dateutil; None when it is not a whole date."""
    shown = _shown_order(value)
    if shown == "?" and not order:
        return None
    use = shown if shown in (MDY, DMY, YMD) else order
    read: list[dt.datetime] = []
    for default in _DEFAULTS:
        try:
            read.append(
                dateutil_parser.parse(
                    value, default=default, dayfirst=use == DMY, yearfirst=use == YMD
                ).replace(tzinfo=None)
            )
        except (ValueError, OverflowError, TypeError):
            return None
    if read[0].date() != read[1].date():
        return None  # a part (year, month or day) was missing
    return read[0]


def _as_datetime(v: object) -> dt.datetime:
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=None)
    assert isinstance(v, dt.date)
    return dt.datetime(v.year, v.month, v.day)


def durations(values: pd.Series, trimmed: pd.Series | None = None) -> pd.Series:
    """Durations such as '3 weeks', '10 days', '2w', '10d', as a count of days (NaN if not one)."""
    stripped = columns.as_text(values) if trimmed is None else trimmed
    # Read once per distinct text: a long column repeats a few.
    at, texts = pd.factorize(stripped)
    distinct = pd.Series(np.asarray(texts, dtype=object), dtype=object)
    found = distinct.str.extract(f"^{_DURATION.pattern}$", flags=re.IGNORECASE)
    number = pd.to_numeric(found[0], errors="coerce")
    weeks = found[1].fillna("").str.lower().str.startswith("w")
    days = number.where(~weeks, number * 7).to_numpy()
    if (at < 0).any():  # a gap (never in trimmed text) is no duration
        days, at = np.append(days.astype(float), np.nan), np.where(at < 0, len(days), at)
    return pd.Series(days[at], index=stripped.index)


def choices(
    values: pd.Series, allowed: tuple[str, ...], trimmed: pd.Series | None = None
) -> tuple[pd.Series, pd.Series]:
    """Choice values in their canonical spelling, matched like headers (case, spaces and
    punctuation aside) under the common words for each (SPEC 3, CHOICE_SYNONYMS); a longer
    value by the first of the CHOICE_PHRASES found in it. Returns the choices ("" where
    blank or none) and the filled cells that are no choice."""
    typed = columns.as_text(values) if trimmed is None else trimmed
    spellings = _choice_spellings(allowed)
    phrases = _choice_phrases(allowed)

    def choice(value: str) -> str:
        found = spellings.get(normalised(value))
        if found is None and phrases:
            words = " " + " ".join(_WORD.findall(unicodedata.normalize("NFKC", value).casefold()))
            found = next((c for phrase, c in phrases if phrase in words), None)
        return found or ""

    # Each distinct value matched once; a gap (code -1, never in trimmed text) is no choice.
    at, texts = pd.factorize(typed)
    words = np.asarray(texts, dtype=object)
    found = np.array([*(choice(v) for v in words), ""], dtype=object)
    bad = np.append(words != "", True) & (found == "")
    out = pd.Series(found[at], index=typed.index, dtype=object)
    return out, pd.Series(bad[at], index=typed.index)


_WORD = re.compile(r"[^\W_]+")


def closest_choice(value: str, allowed: tuple[str, ...]) -> str:
    """The word for a choice that a value that is none is likely a misspelling of
    ("Rejcted": Rejected, "Intervewing": Interviewing); "" when none is close."""
    words = _choice_words(allowed)
    close = difflib.get_close_matches(normalised(value), list(words), n=1, cutoff=0.8)
    return words[close[0]] if close else ""


@functools.lru_cache(maxsize=64)
def _choice_words(allowed: tuple[str, ...]) -> dict[str, str]:
    """Each way to write a choice, compared as `normalised`, as it is spelt (choices first)."""
    words = {normalised(c): c for c in allowed}
    for choice in allowed:
        for word in CHOICE_SYNONYMS.get(choice, ()):
            words.setdefault(normalised(word), word)
    return words


@functools.lru_cache(maxsize=64)
def _choice_phrases(allowed: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The CHOICE_PHRASES for these choices, each as " word word" to find at a word's start."""
    return tuple(
        (" " + " ".join(_WORD.findall(phrase.casefold())), choice)
        for phrase, choice in CHOICE_PHRASES
        if choice in allowed
    )


@functools.lru_cache(maxsize=64)
def _choice_spellings(allowed: tuple[str, ...]) -> dict[str, str]:
    spellings = {
        normalised(word): choice
        for choice in allowed
        for word in CHOICE_SYNONYMS.get(choice, ())
        if normalised(word) not in {normalised(c) for c in allowed}
    }
    spellings.update({normalised(choice): choice for choice in allowed})
    return spellings


def holds_statuses(values: pd.Series) -> bool:
    """Whether a column holds statuses rather than rounds (a "Stage" of Applied, Declined,
    Offer): nearly all its filled cells read as a status, and some as a closed, paused or won
    one, since round names such as Phone screen or Final round also read as an active one."""
    typed = columns.as_text(values)
    typed = typed[typed.ne("") & ~placeholders(typed)]
    if typed.empty:
        return False
    status, _unknown = choices(typed, STATUSES)
    return bool(status.ne("").mean() >= 0.8 and status.isin(STATUSES[1:]).any())


def placeholders(trimmed: pd.Series) -> pd.Series:
    """True where a cell holds a word that means nothing here: N/A, TBD, -, none, null."""
    found = columns.per_distinct(trimmed, lambda v: "1" if v.casefold() in PLACEHOLDERS else "")
    return found.eq("1")


def yes_no(values: pd.Series, trimmed: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    spelled = {"yes": "Yes", "y": "Yes", "true": "Yes", "no": "No", "n": "No", "false": "No"}
    return _spelled(columns.as_text(values) if trimmed is None else trimmed, spelled)


def _spelled(typed: pd.Series, spellings: dict[str, str]) -> tuple[pd.Series, pd.Series]:
    """Each trimmed cell's canonical spelling, looked up as names are matched ("" when it
    has none), and the filled cells that have none."""
    out = columns.per_distinct(typed, lambda v: spellings.get(columns.name_key(v), ""))
    return out, pd.Series((typed.to_numpy() != "") & (out.to_numpy() == ""), index=typed.index)


def whole_numbers(
    values: pd.Series, trimmed: pd.Series | None = None
) -> tuple[pd.Series, pd.Series]:
    """Whole numbers (14, 14.0, '14'); anything else is bad."""
    numbers = pd.to_numeric(
        values.map(lambda v: None if isinstance(v, bool) else v), errors="coerce"
    )
    good = numbers.notna() & (numbers % 1 == 0) & (numbers >= 0)
    return numbers.where(good).astype("Int64"), ~good & ~blank(values, trimmed)


def time_of_day(value: object) -> dt.time | None:
    """A time such as 4:00 PM, 16:00, 4pm, or an Excel time; None when it is not one."""
    if isinstance(value, dt.time):
        return value
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    match = _CLOCK.fullmatch(str(value).strip())
    if not match:
        return None
    hour, minute = int(match[1]), int(match[2] or 0)
    if match[3]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if match[3].lower() == "p" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def done_marks(
    values: pd.Series,
    meant: pd.Timestamp | pd.Series,
    trimmed: pd.Series | None = None,
    order: str = MDY,
) -> tuple[pd.Series, pd.Series]:
    """The Done column: x (or a tick word) means ``meant`` (one day, or one per row: see
    ticks.py for the rule); a date means that date (numbers-only dates read in `order`)."""
    typed, bad_date = dates(values, trimmed, order)
    words = values.map(lambda v: v.strip().casefold() if isinstance(v, str) else "")
    ticked = words.isin(_TICKS)
    typed = typed.mask(ticked, meant)
    return typed, bad_date & ~ticked
