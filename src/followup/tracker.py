"""The tracker as the core sees it: typed DataFrames, one per sheet, plus Settings.

Column names are the schema's keys. Every frame has a ``row`` column holding the
worksheet row number, so any later message can still point at the user's cell.
Conventions: dates are ``datetime64`` at midnight (NaT when blank); text is ``str``
with ``""`` for blank; choice values are the schema's canonical spelling.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from followup.schema import (
    CONTACTS,
    HISTORY_SHEET,
    INTERVIEWS,
    LOG,
    NETWORK_SHEET,
    SEARCH,
    THIS_WEEK_SHEET,
    Sheet,
)
from followup.settings import Settings


def empty_frame(sheet: Sheet) -> pd.DataFrame:
    return pd.DataFrame({key: pd.Series(dtype=object) for key in (*sheet.keys, "row")})


@dataclass(frozen=True)
class Tracker:
    """All the user's data, validated.

    ``interviews`` also has ``decision_given`` (bool: the user typed a Decision by), and
    ``decision_by`` holds the resolved decision date (durations already added).
    ``log`` has ``role`` filled in when the company has only one role.
    ``history``, ``this_week`` and ``network`` come from the tool's own sheets (empty
    before the first refresh).
    """

    interviews: pd.DataFrame = field(default_factory=lambda: empty_frame(INTERVIEWS))
    log: pd.DataFrame = field(default_factory=lambda: empty_frame(LOG))
    contacts: pd.DataFrame = field(default_factory=lambda: empty_frame(CONTACTS))
    search: pd.DataFrame = field(default_factory=lambda: empty_frame(SEARCH))
    settings: Settings = field(default_factory=Settings)
    history: pd.DataFrame = field(default_factory=lambda: empty_frame(HISTORY_SHEET))
    this_week: pd.DataFrame = field(default_factory=lambda: empty_frame(THIS_WEEK_SHEET))
    network: pd.DataFrame = field(default_factory=lambda: empty_frame(NETWORK_SHEET))


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cell values as the reader found them, before any checking.

    ``rows`` has one column per worksheet column, named by its letter ("A", "B", ...),
    and is indexed by worksheet row number (1-based), header row excluded, blank rows
    dropped. ``headers`` maps each header text (case-folded, trimmed) to its column
    letter. ``uncached`` holds the cells ("C7") whose formula has no saved result.
    """

    name: str
    header_row: int
    headers: dict[str, str]
    rows: pd.DataFrame
    uncached: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)  # column letter -> header as typed

    def where(self, letter: str, row: int) -> str:
        return f"{self.name}!{letter}{row}"
