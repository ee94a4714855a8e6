"""One sheet's cell values as read, before any checking: what the workbook reader (and an
import's source reader) hands the core, and what `validate` turns into a typed Tracker.

The readers in ``followup.workbook`` build it; the core only reads it, so it lives on the
core's side and the imports keep pointing from the adapters to the core.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from followup import headers
from followup.parsing import holds_statuses
from followup.schema import Sheet


@dataclass(frozen=True)
class RawSheet:
    """One sheet's cell values as the reader found them, before any checking.

    ``rows`` has one column per worksheet column, named by its letter ("A", "B", ...),
    and is indexed by worksheet row number (1-based), header row and the rows above it
    excluded, blank rows dropped. ``labels`` maps each column letter to its header as typed.
    ``uncached`` holds the cells ("C7") whose formula has no saved result; ``errors`` the
    cells holding a formula error, with the error as Excel shows it ("C7" -> "#N/A"), which
    the reader hands over as blank.
    """

    name: str
    header_row: int
    rows: pd.DataFrame
    uncached: frozenset[str] = frozenset()
    labels: dict[str, str] = field(default_factory=dict)  # column letter -> header as typed
    errors: dict[str, str] = field(default_factory=dict)
    titles: tuple[str, ...] = ()  # an owned sheet's title lines above its header, as text

    def where(self, letter: str, row: int) -> str:
        return f"{self.name}!{letter}{row}"

    def letters(self, sheet: Sheet) -> dict[str, str]:
        """Schema column key -> the letter of its column, for the columns found (SPEC 3)."""
        found = headers.match(sheet.columns, self.labels)
        stage = found.get("round")
        # A "Stage" of Applied, Declined, Offer is the status, not the round (SPEC 3).
        if (
            stage
            and "status" in sheet.keys
            and "status" not in found
            and holds_statuses(self.rows[stage])
        ):
            found["status"] = found.pop("round")
        return found
