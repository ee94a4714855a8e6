"""Finding a sheet's columns under the names people give them (SPEC 3).

Pure: header texts in, the schema column each one holds out. The names come from the
schema's synonym table, so the reader, `followup import` and the messages agree.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Mapping, Sequence

import pandas as pd

from followup.schema import IMPORT_FIELDS, Column

HEADER_SEARCH_ROWS = 10  # the header may sit below this many banner or title rows at most


def normalised(text: object) -> str:
    """A header or choice as compared: NFKC, case-folded, letters and digits only.

    "Company Name", "company_name" and " COMPANY-NAME? " all become "companyname".
    """
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def match(columns: Sequence[Column], labels: Mapping[str, str]) -> dict[str, str]:
    """Schema column key -> the letter (or any label key) of the header that holds it.

    `labels` maps each column letter to its header as typed. A column's own header wins over
    another column's synonym; then synonyms are tried in their order. A header serves one
    column; the first of two equal headers is used.
    """
    found: dict[str, str] = {}
    for letter, label in labels.items():
        found.setdefault(normalised(label), letter)
    found.pop("", None)
    out: dict[str, str] = {}
    taken: set[str] = set()
    for first, last in ((0, 1), (1, None)):  # own headers first, then synonyms
        for col in columns:
            if col.key in out:
                continue
            for name in col.names[first:last]:
                at = found.get(normalised(name))
                if at is not None and at not in taken:
                    out[col.key] = at
                    taken.add(at)
                    break
    return out


# How alike a header must be to a name followup reads (difflib's ratio) to be named as a
# likely misspelling of it; ordinary extra columns of the user's own stay unmentioned.
CLOSE_HEADER = 0.8


def near_misses(
    columns: Sequence[Column], labels: Mapping[str, str]
) -> list[tuple[str, str, Column]]:
    """The headers no column is found under that are close to a name of a column not found
    (SPEC 3: extra columns are allowed, but a misspelt one would be read as nothing):
    (letter, header as typed, the column it is likely meant to be), in the sheet's order."""
    found = match(columns, labels)
    taken = set(found.values())
    missing = [col for col in columns if col.key not in found]
    names = {normalised(name): col for col in reversed(missing) for name in col.names}
    out = []
    for letter, label in labels.items():
        key = normalised(label)
        if letter in taken or not key:
            continue
        close = difflib.get_close_matches(key, list(names), n=1, cutoff=CLOSE_HEADER)
        if close:
            out.append((letter, label, names[close[0]]))
            continue
        meant = _sharing_words(label, missing)
        if meant is not None:
            out.append((letter, label, meant))
    return out


def _words(text: object) -> list[str]:
    """A header's words as compared: NFKC, case-folded, a plural's "s" dropped."""
    folded = unicodedata.normalize("NFKC", str(text)).casefold()
    words = "".join(ch if ch.isalnum() else " " for ch in folded).split()
    return [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]


def _sharing_words(label: str, missing: Sequence[Column]) -> Column | None:
    """The missing column a header names in other words ("Skills shown" for Skills
    highlighted, "Decision date" for Decision by): one of its names shares its first word
    (of four letters or more) and at least half of its words with the header, and the header
    has at most one word more. The column sharing the most words wins; None when none does."""
    words = set(_words(label))
    best: tuple[int, Column] | None = None
    for col in missing:
        for name in col.names:
            theirs = _words(name)
            shared = [w for w in theirs if w in words]
            if (
                theirs
                and len(theirs[0]) >= 4
                and theirs[0] in words
                and 2 * len(shared) >= len(theirs)
                and len(words) <= len(theirs) + 1
                and (best is None or len(shared) > best[0])
            ):
                best = (len(shared), col)
    return None if best is None else best[1]


def header_row(
    grid: pd.DataFrame,
    columns: Sequence[Column],
    needed: Sequence[str],
    any_of: Sequence[str] = (),
) -> int | None:
    """The position (0-based) of the first of the top rows that holds every `needed` column
    (and, when `any_of` is given, at least one of those).

    `grid` is the sheet's cells from A1, any column names. None when no row of the first
    HEADER_SEARCH_ROWS does.
    """
    for position in range(min(len(grid), HEADER_SEARCH_ROWS)):
        cells = zip(grid.columns.tolist(), grid.iloc[position].tolist(), strict=True)
        labels = {str(k): str(v) for k, v in cells if _texty(v)}
        found = match(columns, labels)
        if all(key in found for key in needed) and (
            not any_of or any(key in found for key in any_of)
        ):
            return position
    return None


def application_header(grid: pd.DataFrame, columns: Sequence[Column] = IMPORT_FIELDS) -> int | None:
    """Where the header of a list of applications sits (SPEC 3a): a row naming a company
    and a role or a date (under the names `columns` give them); None when the sheet does
    not look like one."""
    return header_row(grid, columns, ("company",), ("role", "interview_date", "date"))


def _texty(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())
