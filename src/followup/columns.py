"""Small column helpers the core modules share: typed columns and dates in words."""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype


def dates(values: pd.Series) -> pd.Series:
    """A column of dates already read (datetime64, or objects holding dates and gaps left
    by joins) as datetime64 at midnight, NaT where blank: only the date part of a date-time
    counts. Reading what people type is `parsing.dates`; on dates both give the same."""
    if values.dtype.kind != "M":
        values = pd.to_datetime(values, errors="coerce")
    if not isinstance(values.dtype, np.dtype):  # a time zone: pandas' own rounding
        normalized: pd.Series = values.dt.normalize()
        return normalized
    # Numpy rounds down to the day at a tenth of what `.dt.normalize()` costs, and most
    # columns hold midnights already. The unit (ns, us, s) stays as it was.
    cells = values.to_numpy()
    days = cells.astype("datetime64[D]").astype(cells.dtype)
    if np.array_equal(days, cells, equal_nan=True):
        return values.copy(deep=False)
    return pd.Series(days, index=values.index, name=values.name, copy=False)


def text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as text, as `as_text` writes it ("" where the frame has no such column).

    Text columns arrive trimmed from validation (see tracker.py), so a column that is all
    text is returned as it is; gaps left by joins and any other values are filled in.
    """
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    values = frame[column]
    kind = kind_of(values)
    if kind == "string":
        return values
    return as_text(values, kind)


def kind_of(values: pd.Series) -> str:
    """`infer_dtype` of a column (skipna=False): asked of the plain array when the column
    holds objects, as pandas' path through a Series costs several times more."""
    if _objects(values.dtype):
        return str(infer_dtype(values.to_numpy(), skipna=False))
    return str(infer_dtype(values, skipna=False))


def _objects(dtype: Any) -> bool:
    """Whether a column's dtype is numpy's object dtype (pandas' text dtype has kind O too)."""
    return isinstance(dtype, np.dtype) and dtype.kind == "O"


NO_DAY = np.datetime64("NaT", "D")  # a blank among numpy days


def day_array(values: pd.Series) -> np.ndarray:
    """A column of dates as numpy days (datetime64[D], NaT where blank), for the planning
    arithmetic done on whole arrays."""
    if values.dtype.kind != "M":
        values = dates(values)
    return values.to_numpy(dtype="datetime64[D]")


def as_text(values: pd.Series, kind: str = "") -> pd.Series:
    """Values as trimmed text, "" where blank: a whole number loses its ".0" (phone numbers,
    ids: 14.0 is "14"), True and False are "Yes" and "No", a date is its ISO day unless a
    time of day is set. Every column read as text goes through here (SPEC 3).

    `kind` is the column's `kind_of` when the caller has it already."""
    cells = values.to_numpy(dtype=object)
    trimmed = text_array(cells, kind if _objects(values.dtype) else "")
    return pd.Series(trimmed, index=values.index, dtype=object, name=values.name, copy=False)


def text_array(cells: np.ndarray, kind: str = "") -> np.ndarray:
    """`as_text` of an array of cell values, as an object array of the same length.

    `kind` is the array's `infer_dtype` (skipna=False) when the caller has it already.
    """
    # A list is iterated, and an array built from an iterable, faster than an array is.
    values = cells.tolist() if cells.dtype == object else list(cells)
    if (kind or infer_dtype(cells, skipna=False)) == "string":
        trimmed = [v.strip() for v in values]  # no other kind of value to look for
    else:
        # A column repeats its dates: each is written once.
        days: dict[datetime, str] = {}
        trimmed = [v.strip() if type(v) is str else _text(v, days) for v in values]
    return np.fromiter(trimmed, dtype=object, count=len(trimmed))


def _text(v: object, days: dict[datetime, str] | None = None) -> str:
    if days is not None and type(v) is datetime and v.tzinfo is None:
        found = days.get(v)
        if found is None:
            found = days[v] = _text(v)
        return found
    if v is None or v is pd.NaT or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    if isinstance(v, bool):
        return "Yes" if v else "No"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, datetime) and v.time() == time(0):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return str(v).strip()


# Spaces no one sees: zero-width space, non-joiner, joiner, word joiner, byte-order mark.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), " ")


# One refresh keys the same companies, roles and contacts in a dozen columns.
@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A name as it is matched (SPEC 3): Unicode NFKC, case folded, every run of whitespace
    (non-breaking and zero-width spaces, tabs, line breaks) one space, ends trimmed. So
    "ACME  Ltd", "Acme\u00a0Ltd" and "Ａｃｍｅ Ltd" are one company."""
    return " ".join(unicodedata.normalize("NFKC", name).translate(_ZERO_WIDTH).casefold().split())


def single_spaced(values: pd.Series) -> pd.Series:
    """Trimmed names as drafts, Why and the Summary show them: every run of whitespace
    (pasted non-breaking and zero-width spaces, tabs, line breaks) one ordinary space."""
    if infer_dtype(values, skipna=False) == "string" and spaced_once(joined(values.tolist())):
        return pd.Series(values.to_numpy(dtype=object, copy=True), index=values.index, dtype=object)
    return per_distinct(values, lambda v: " ".join(v.translate(_ZERO_WIDTH).split()))


# Whitespace in ASCII text other than the space (str.isspace, as str.strip and str.split
# take it).
_OTHER_SPACES = ("\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f")


def joined(values: list[str]) -> str:
    """Texts joined, each between NUL characters (which no cell holds): whole columns of
    text are asked about at C speed with `in` on this one string, instead of cell by cell."""
    return "\x00" + "\x00".join(values) + "\x00"


def spaced_once(framed: str) -> bool:
    """Whether every text `joined` holds is ASCII, trimmed, and spaced with single spaces
    only (so trimming and single-spacing leave it as it is). False when unsure."""
    return (
        framed.isascii()
        and "  " not in framed
        and "\x00 " not in framed
        and " \x00" not in framed
        and not any(space in framed for space in _OTHER_SPACES)
    )


def key(values: pd.Series) -> pd.Series:
    """Each value's `name_key`, for matching companies, roles and contacts."""
    kind = kind_of(values)
    if kind != "string":
        values = as_text(values, kind)
    return per_distinct(values, name_key)


def per_distinct(values: pd.Series, fn: Callable[[Any], str], missing: str = "") -> pd.Series:
    """`fn` of each distinct value, spread over the column (`missing` where a value is NA).

    A long column repeats a few values (companies, dates, steps), so this costs what its
    distinct values cost. The values must be of one kind: all text, or all dates.
    """
    # Text is factorized as a plain array: half the cost of pandas' path through a Series.
    dtype = values.dtype
    textual = _objects(dtype) or isinstance(dtype, pd.StringDtype)
    codes, uniques = pd.factorize(values.to_numpy(dtype=object) if textual else values)
    results = np.empty(len(uniques) + 1, dtype=object)
    # Iterated as a plain array: a pandas array hands its values out one call at a time.
    results[:-1] = [fn(value) for value in np.asarray(uniques, dtype=object)]
    results[-1] = missing  # code -1 marks a missing value
    return pd.Series(results[codes], index=values.index, dtype=object, copy=False)


def looked_up(values: np.ndarray, table: Mapping[Any, Any], missing: Any = np.nan) -> np.ndarray:
    """`table`'s entry for each value (``missing`` where it has none), as an object array,
    as `Series.map` of a dict gives it: looked up once per distinct value, without the
    Series and index `map` builds of the dict."""
    codes, uniques = pd.factorize(np.asarray(values, dtype=object))
    found = np.array([*(table.get(value, missing) for value in uniques), missing], dtype=object)
    taken: np.ndarray = found[codes]
    return taken


def day_text(days: pd.Series) -> pd.Series:
    """Dates as people say them in a note: "Mon 23 Nov" ("" where blank)."""
    return per_distinct(days, short_day)


def day_texts(*days: np.ndarray) -> list[np.ndarray]:
    """`day_text` of arrays of numpy days, each an object array: the arrays of one list
    repeat their days, so each distinct day is written once for all of them."""
    joined = np.concatenate([d.astype("datetime64[D]") for d in days])
    distinct, codes = np.unique(joined.view(np.int64), return_inverse=True)
    written = [
        "" if np.isnat(day) else short_day(pd.Timestamp(day))
        for day in distinct.view("datetime64[D]")
    ]
    texts = np.array(written, dtype=object)[codes.reshape(-1)]
    return np.split(texts, np.cumsum([len(d) for d in days])[:-1])


def long_day(day: pd.Timestamp) -> str:
    """Mon 23 Nov 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"


_LONG_DAY = re.compile(r"\b[A-Z][a-z]{2} (\d{1,2} [A-Z][a-z]{2} \d{4})\b")


def first_long_day(lines: Iterable[str]) -> pd.Timestamp:
    """The first date written by ``long_day`` in these lines (NaT if none): how an owned
    sheet's title keeps the as-of date of the refresh that wrote it."""
    for line in lines:
        found = _LONG_DAY.search(line)
        if found:
            with contextlib.suppress(ValueError):  # "Sat 31 Feb 2026" typed over a title
                return pd.Timestamp(datetime.strptime(found.group(1), "%d %b %Y"))
    return pd.NaT  # type: ignore[return-value]


def short_day(day: pd.Timestamp) -> str:
    """Mon 23 Nov."""
    return f"{day:%a} {day.day} {day:%b}"


def greeting_names(names: pd.Series) -> pd.Series:
    """First names for a friendly hello, one per name (see greeting_name)."""
    return per_distinct(as_text(names), greeting_name)


def greeting_name(name: str) -> str:
    """A first name for a friendly hello ("there" when blank); a title such as "Dr." or
    "Prof" keeps the full name, as in "Hi Dr. Okafor"."""
    words = name.split()
    if not words:
        return "there"
    return " ".join(words) if words[0].endswith(".") or is_title(words[0]) else words[0]


# Titles people put before a name (English and a few common others), matched case folded
# with or without their full stop: never a first name.
TITLES = frozenset(
    {"dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "rev"}
    | {"herr", "frau", "mme", "mlle", "sr", "sra", "srta", "dra"}
)


def is_title(word: str) -> bool:
    """Whether a word before a name is a title ("Dr.", "dr", "Prof", "Mrs.")."""
    return word.rstrip(".").casefold() in TITLES


def untitled(name: str) -> list[str]:
    """A name's words without the titles before it: "Dr. Ruth Okafor" is Ruth Okafor
    (a name that is only a title is left as it is)."""
    words = name.split()
    while len(words) > 1 and is_title(words[0]):
        words = words[1:]
    return words


def text_values(frame: pd.DataFrame, column: str) -> np.ndarray:
    """`text` of a frame's column as a plain object array ("" where the frame has no such
    column), for work done on whole arrays: a refresh asks this of many small frames, where
    building a Series would cost more than the texts."""
    if column not in frame.columns:
        return np.full(len(frame), "", dtype=object)
    values = frame[column]
    if values.dtype != object:
        return text(frame, column).to_numpy()
    cells = values.to_numpy()
    kind = infer_dtype(cells, skipna=False)
    return cells if kind == "string" else text_array(cells, kind)


def keys(texts: np.ndarray) -> np.ndarray:
    """`name_key` of each text (an object array of str, as `text_values` gives), worked out
    once per distinct text."""
    codes, uniques = pd.factorize(texts)
    return np.array([name_key(text) for text in uniques] + [""], dtype=object)[codes]
