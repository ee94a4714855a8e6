"""Small column helpers the core modules share: typed columns and dates in words."""

from __future__ import annotations

import pandas as pd


def dates(values: pd.Series) -> pd.Series:
    """Any date-like column as datetime64 at midnight (NaT where blank): only the date
    part of a date-time counts."""
    if values.dtype.kind != "M":
        values = pd.to_datetime(values, errors="coerce")
    days: pd.Series = values.dt.normalize()
    return days


def text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as trimmed text ("" where blank or where the frame has no such column)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str).str.strip()


def key(values: pd.Series) -> pd.Series:
    """Text for matching: trimmed and case-folded, so "Acme " and "ACME" are one company."""
    return values.fillna("").astype(str).str.strip().str.casefold()


def day_text(days: pd.Series) -> pd.Series:
    """Dates as people say them in a note: "Mon 23 Nov" ("" where blank)."""
    words: pd.Series = (
        days.dt.strftime("%a ") + days.dt.day.astype("Int64").astype(str) + days.dt.strftime(" %b")
    )
    return words.where(days.notna(), "")


def long_day(day: pd.Timestamp) -> str:
    """Mon 23 Nov 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: pd.Timestamp) -> str:
    """Mon 23 Nov."""
    return f"{day:%a} {day.day} {day:%b}"


def greeting_names(names: pd.Series) -> pd.Series:
    """First names for a friendly hello ("there" when blank); a title such as "Dr." keeps
    the full name, as in "Hi Dr. Okafor"."""
    names = names.fillna("").astype(str).str.strip()
    first = names.map(lambda name: name.split()[0] if name.split() else "")
    return first.where(~first.str.endswith(".") & (first != ""), names).replace("", "there")
