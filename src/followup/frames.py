"""Small column helpers the core modules share: typed columns and dates in words."""

from __future__ import annotations

import pandas as pd


def dates(values: pd.Series) -> pd.Series:
    """Any date-like column as datetime64 at midnight (NaT where blank)."""
    return pd.to_datetime(values, errors="coerce").dt.normalize()


def text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A column as trimmed text ("" where blank or where the frame has no such column)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return frame[column].fillna("").astype(str).str.strip()


def long_day(day: pd.Timestamp) -> str:
    """Mon 23 Nov 2026."""
    return f"{day:%a} {day.day} {day:%b %Y}"


def short_day(day: pd.Timestamp) -> str:
    """Mon 23 Nov."""
    return f"{day:%a} {day.day} {day:%b}"
