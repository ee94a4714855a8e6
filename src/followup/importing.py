"""Turning a list of applications into a tracker's rows (SPEC 3a).

Pure: the source's sheets as grids in (cells from A1, letters as column names, row numbers
as index), the rows of each tracker sheet and what could not be read out. Columns are found
by the schema's synonym table, values read as the reader reads a tracker's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from followup import cells, headers, validate
from followup.errors import FollowupError, Problem, TrackerInvalid
from followup.schema import (
    IMPORT_FIELDS,
    INTERVIEWS,
    LOG,
    RECEIVED,
    SEARCH,
    STATUSES,
    Column,
    Kind,
    Sheet,
)
from followup.tracker import RawSheet

APPLICATION = "Application"
# The source's own columns are read as optional text or dates; the status is matched to a
# choice afterwards, so an unknown one can be kept in Notes instead of being an error.
_FIELDS = Sheet(
    "import",
    "import",
    tuple(
        dataclasses.replace(
            col, required=False, kind=Kind.TEXT if col.kind is Kind.CHOICE else col.kind
        )
        for col in IMPORT_FIELDS
    ),
)
_DATES = ("date", "interview_date")
_SEARCH_FIELDS = {"date", "company", "role", "contact", "notes", "status"}
_INTERVIEW_FIELDS = {
    "interview_date",
    "company",
    "role",
    "interviewer",
    "round",
    "email",
    "phone",
    "notes",
    "status",
}


class ImportFailed(FollowupError):
    """The source holds nothing followup can place, or an option names what is not there."""


@dataclass(frozen=True)
class Imported:
    """What an import makes of the source.

    ``mapping`` pairs each source header with the tracker column it fills ("" = kept as an
    extra column). ``rows`` holds, per tracker sheet, its rows under the tracker's headers,
    then the extra columns under the source's headers. ``unplaced`` lists the source rows
    with no date to place them by.
    """

    sheet: str
    header_row: int
    mapping: list[tuple[str, str]]
    rows: dict[str, pd.DataFrame]
    problems: list[Problem]
    unplaced: list[int]


def field_named(name: str) -> Column | None:
    """The import field a `--map` left-hand side names, under any of its names."""
    wanted = headers.normalised(name)
    return next(
        (f for f in IMPORT_FIELDS if wanted in {headers.normalised(n) for n in f.names}), None
    )


def import_rows(
    grids: Mapping[str, pd.DataFrame],
    *,
    sheet: str | None = None,
    overrides: Mapping[str, str] | None = None,
    date_order: str = "",
) -> Imported:
    """Map the source's list of applications onto a tracker's sheets (SPEC 3a).

    `grids` are the source's sheets (see module docstring); `sheet` picks one by name, else
    the one with the most rows under an application header; `overrides` maps an import
    field's name to a source header (`--map`); `date_order` (MDY, DMY, YMD or "") reads
    numbers-only dates. Raises ImportFailed when nothing can be placed.
    """
    wanted = _resolved(overrides or {})
    name, grid, at = _pick_sheet(grids, sheet, wanted)
    labels = {
        str(letter): str(value).strip()
        for letter, value in grid.iloc[at].items()
        if str(value).strip() not in ("", "None", "nan")
    }
    letters = _map_columns(labels, wanted, name)
    header_row = int(grid.index[at])
    raw = RawSheet(
        name, header_row, grid.loc[header_row + 1 :], labels=_relabelled(labels, letters)
    )
    read, problems = validate.read_sheet(_FIELDS, raw, date_order)
    if read.empty:
        raise ImportFailed(
            f"{name} has its header in row {header_row} but no rows under it, so there is "
            "nothing to import. Add your applications under the header, then import again."
        )
    # Only an order no column shows stops the import; any other value it cannot read is
    # kept in Notes, and its row placed by the dates it has.
    ambiguous = [p for p in problems if validate.DATE_ORDER_FIX in p.message]
    if ambiguous:
        raise TrackerInvalid(
            [
                dataclasses.replace(
                    p, message=p.message.replace(validate.DATE_ORDER_FIX, _ORDER_FIX)
                )
                for p in ambiguous
            ]
        )
    problems = [
        dataclasses.replace(p, level="warning", message=_unread(p.message)) for p in problems
    ]
    rows = raw.rows.loc[read["row"]]
    for key in ("date", "interview_date", "response_date"):
        if key in letters:
            typed = cells.text(rows[letters[key]]).set_axis(read.index)
            lost = read[key].isna() & typed.ne("") & ~cells.placeholders(typed)
            kept = (f"{labels[letters[key]]}: " + typed).where(lost, "")
            read["notes"] = (read["notes"] + " " + kept).str.strip()
    given = read["status"]
    status, unknown = cells.choices(given, STATUSES)
    read["status"] = status
    if unknown.any():
        # An unknown status is kept in Notes, and the row reads as Active (SPEC 3a).
        kept = ("Status: " + given).where(unknown, "")
        read["notes"] = (read["notes"] + " " + kept).str.strip()
        problems += validate.grouped_by_value(
            name,
            letters["status"],
            read.loc[unknown, "row"],
            given[unknown],
            "{value} is not a status followup knows, so it is kept in Notes and {rows} as "
            "Active. Correct the Status in the new tracker where the job is closed.",
        )
    every = {letter: labels.get(letter) or f"Column {letter}" for letter in grid.columns}

    def extra(used: set[str]) -> dict[str, str]:
        """The source columns a sheet keeps as its own extra columns: all it does not use."""
        taken = {letters[key] for key in used if key in letters}
        return {letter: header for letter, header in every.items() if letter not in taken}

    for_interviews = _INTERVIEW_FIELDS | ({"contact"} if "interviewer" not in letters else set())
    out = {
        SEARCH.name: _search(read, rows, extra(_SEARCH_FIELDS)),
        INTERVIEWS.name: _interviews(read, rows, extra(for_interviews), letters, name, problems),
    }
    out[LOG.name] = _log(read, out[INTERVIEWS.name])
    placed = read["date"].notna() | read["interview_date"].notna()
    unplaced = read.loc[~placed, "row"].tolist()
    if not placed.any():
        looked_for = "; ".join(
            f"{c.header} ({', '.join(c.aliases[:3])}, ...)"
            for c in IMPORT_FIELDS
            if c.key in _DATES
        )
        raise ImportFailed(
            f"{name}: no row has a date applied or an interview date, so there is nothing to "
            f"import. followup looks for columns such as {looked_for}; name yours with --map, "
            'for example --map "Date applied=When".'
        )
    target = {letter: _target(key) for key, letter in letters.items()}
    mapping = [(header, target.get(letter, "")) for letter, header in every.items()]
    return Imported(name, header_row, mapping, out, problems, unplaced)


_ORDER_FIX = "Run the import again with --date-order MDY or DMY"


def _unread(message: str) -> str:
    """A reading problem as the import tells it: the value is kept, the row still placed."""
    return message.split(" Type ")[0].rstrip(".") + "; it is kept in Notes."


def _target(key: str) -> str:
    if key == "date":
        return "Search Date (applied)"
    return next(c.header for c in IMPORT_FIELDS if c.key == key)


def _resolved(overrides: Mapping[str, str]) -> dict[str, str]:
    """`--map` as import field key -> the source header it names; raises ImportFailed for a
    left-hand side that names no tracker column."""
    out: dict[str, str] = {}
    for field_name, source in overrides.items():
        field = field_named(field_name)
        if field is None:
            raise ImportFailed(
                f"--map {field_name}={source}: followup has no column {field_name!r}. Map to "
                f"one of: {', '.join(c.header for c in IMPORT_FIELDS)}."
            )
        out[field.key] = source
    return out


def _pick_sheet(
    grids: Mapping[str, pd.DataFrame], wanted: str | None, mapped: Mapping[str, str]
) -> tuple[str, pd.DataFrame, int]:
    """The sheet to import, and the position of its header row. The headers named with
    `--map` (`mapped`: field key -> source header) count as those fields' own."""
    columns = [
        dataclasses.replace(c, header=mapped[c.key], aliases=()) if c.key in mapped else c
        for c in IMPORT_FIELDS
    ]
    if wanted is not None:
        found = {name.casefold(): name for name in grids}.get(wanted.strip().casefold())
        if found is None:
            raise ImportFailed(
                f"there is no sheet named {wanted!r}. The sheets are: {', '.join(grids)}."
            )
        at = headers.application_header(grids[found], columns)
        return found, grids[found], 0 if at is None else at
    best: tuple[int, str, int] | None = None
    for name, grid in grids.items():
        at = headers.application_header(grid, columns)
        if at is None:
            continue
        filled = int(grid.iloc[at + 1 :].map(lambda v: str(v).strip() != "").any(axis=1).sum())
        if best is None or filled > best[0]:
            best = (filled, name, at)
    if best is None:
        raise ImportFailed(
            f"no sheet looks like a list of applications: followup looks, in the first "
            f"{headers.HEADER_SEARCH_ROWS} rows, for a header naming a company (Company, "
            "Company name, Employer, ...) and a role or a date (Job title, Position, Date "
            "applied, Interview date, ...). Rename your headers, or name them with --map."
        )
    return best[1], grids[best[1]], best[2]


def _map_columns(
    labels: dict[str, str], overrides: Mapping[str, str], sheet: str
) -> dict[str, str]:
    """Import field key -> source column letter: the `--map` overrides (field key -> source
    header), then the synonyms."""
    by_header = {headers.normalised(text): letter for letter, text in reversed(labels.items())}
    chosen: dict[str, str] = {}
    for key, source in overrides.items():
        letter = by_header.get(headers.normalised(source))
        if letter is None:
            field = next(c.header for c in IMPORT_FIELDS if c.key == key)
            raise ImportFailed(
                f"--map {field}={source}: {sheet} has no column headed {source!r} "
                f"(headers found: {', '.join(labels.values())})."
            )
        chosen[key] = letter
    rest = {k: v for k, v in labels.items() if k not in chosen.values()}
    left = [c for c in _FIELDS.columns if c.key not in chosen]
    return {**chosen, **headers.match(left, rest)}


def _relabelled(labels: dict[str, str], letters: dict[str, str]) -> dict[str, str]:
    """The header row as the reader should see it: each mapped column under its field's own
    header, the others as typed."""
    out = dict(labels)
    own = {c.key: c.header for c in _FIELDS.columns}
    taken = {headers.normalised(own[k]) for k in letters}
    for letter, text in labels.items():
        if headers.normalised(text) in taken:
            out.pop(letter)
    for key, letter in letters.items():
        out[letter] = own[key]
    return out


def _extras(rows: pd.DataFrame, extra: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {header: rows[letter].to_numpy() for letter, header in extra.items()}, index=rows.index
    )


def _search(read: pd.DataFrame, rows: pd.DataFrame, extra: dict[str, str]) -> pd.DataFrame:
    applied = read["date"].notna().to_numpy()
    part = read[applied]
    frame = pd.DataFrame(
        {
            "Date": part["date"],
            "Activity": APPLICATION,
            "Company": part["company"],
            "Role": part["role"],
            "Contact": part["contact"],
            "Notes": part["notes"],
            "Status": part["status"],
        }
    )
    return _with_extras(frame, rows[applied], extra, SEARCH)


def _with_extras(
    frame: pd.DataFrame, rows: pd.DataFrame, extra: dict[str, str], sheet: Sheet
) -> pd.DataFrame:
    frame = frame.reindex(columns=[c.header for c in sheet.columns])
    kept = _extras(rows, extra).set_axis(frame.index)
    # An extra column must not be read back as one of the sheet's own, and a table's
    # headers must differ from each other (Excel ignores case).
    seen = {headers.normalised(c.header) for c in sheet.columns}
    names: list[str] = []
    for header in kept.columns:
        name = f"{header} (imported)" if headers.normalised(header) in seen else str(header)
        number = 1
        while name.casefold() in {n.casefold() for n in names}:
            number += 1
            name = f"{header} {number}"
        seen.add(headers.normalised(name))
        names.append(name)
    kept.columns = names
    return pd.concat([frame, kept], axis=1).reset_index(drop=True)


def _interviews(
    read: pd.DataFrame,
    rows: pd.DataFrame,
    extra: dict[str, str],
    letters: dict[str, str],
    sheet: str,
    problems: list[Problem],
) -> pd.DataFrame:
    held = read["interview_date"].notna()
    named = held & read["company"].ne("") & read["role"].ne("")
    for missing, key in (("company", "company"), ("role", "role")):
        lacking = held & read[key].eq("")
        if lacking.any():
            where = read.loc[lacking, "row"].tolist()
            letter = letters.get(key, letters["interview_date"])
            problems.append(
                Problem(
                    "warning",
                    f"{sheet}!{letter}{where[0]}",
                    f"{len(where)} row(s) with an interview date have no {missing} (rows "
                    f"{_rows_text(where)}), so their interviews are not in Interviews. Type the "
                    f"{missing} and import again.",
                )
            )
    part = read[named]
    interviewer = part["interviewer"].where(part["interviewer"].ne(""), part["contact"])
    frame = pd.DataFrame(
        {
            "Company": part["company"],
            "Role": part["role"],
            "Interview date": part["interview_date"],
            "Round": part["round"],
            "Interviewer": interviewer,
            "Email": part["email"],
            "Phone": part["phone"],
            "Status": part["status"],
            "Notes": part["notes"],
        }
    )
    return _with_extras(frame, rows[named.to_numpy()], extra, INTERVIEWS)


def _log(read: pd.DataFrame, interviews: pd.DataFrame) -> pd.DataFrame:
    """A Received row for each response date of an opportunity that has an interview (the
    Log only knows interviewed companies); other response dates stay with their Search row."""
    known = set(zip(interviews["Company"], interviews["Role"], strict=True))
    has = read["response_date"].notna() & pd.Series(
        [(c, r) in known for c, r in zip(read["company"], read["role"], strict=True)],
        index=read.index,
    )
    part = read[has]
    frame = pd.DataFrame(
        {
            "Date": part["response_date"],
            "Company": part["company"],
            "Role": part["role"],
            "Direction": RECEIVED,
            "Contact": part["contact"],
        }
    )
    return frame.reindex(columns=[c.header for c in LOG.columns]).reset_index(drop=True)


def _rows_text(rows: list[int], most: int = 10) -> str:
    shown = ", ".join(str(r) for r in rows[:most])
    return shown + (f" and {len(rows) - most} more" if len(rows) > most else "")


def unplaced_problem(imported: Imported) -> Problem | None:
    """One line naming the source rows that have no date to place them by."""
    if not imported.unplaced:
        return None
    rows = imported.unplaced
    return Problem(
        "warning",
        f"{imported.sheet}!{rows[0]}:{rows[-1]}",
        f"{len(rows)} row(s) have neither a date applied nor an interview date, so they are not "
        f"in the new tracker (rows {_rows_text(rows)}). Add a date and import again.",
    )
