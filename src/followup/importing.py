"""Turning a list of applications into a tracker's rows (SPEC 3a).

Pure: the source's sheets as grids in (cells from A1, letters as column names, row numbers
as index), the rows of each tracker sheet and what could not be read out. Columns are found
by the schema's synonym table, values read as the reader reads a tracker's.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from followup import columns, headers, parsing, validate, wording
from followup.errors import FollowupError, Problem, TrackerInvalid, UsageMistake, show
from followup.raw_sheet import RawSheet
from followup.schema import (
    ACTIVITIES,
    CHANNELS,
    IMPORT_FIELDS,
    INTERVIEWS,
    LOG,
    RECEIVED,
    SEARCH,
    STATUSES,
    TOTAL_WORDS,
    Column,
    Kind,
    Sheet,
)

APPLICATION = "Application"
OTHER_ACTIVITY = "Other"
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
_ALL_DATES = (*_DATES, "response_date")
_SEARCH_FIELDS = {"date", "company", "role", "contact", "notes", "status", "activity"}
# Without an activity column, a call or a visit about no position is search work of its own
# kind, not an application: each reads as the activity the work-search log gives the same
# Method (SPEC 6a). Any other contact (online, email, mail) stays an application.
_ACTIVITY_BY_CHANNEL = {"Phone": "Cold call", "Voicemail": "Cold call", "In person": "Event"}
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
    """The source holds nothing followup can place."""


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
    numbers-only dates. Raises ImportFailed when nothing can be placed; UsageMistake when
    `sheet` or `overrides` names a sheet, column or header that is not there.
    """
    wanted = _resolved(overrides or {})
    name, grid, at = _pick_sheet(grids, sheet, wanted)
    labels = {
        str(letter): str(value).strip()
        for letter, value in grid.iloc[at].items()
        if str(value).strip() not in ("", "None", "nan")
    }
    header_row = int(grid.index[at])
    body = grid.loc[header_row + 1 :]
    body, totals = _without_totals(body, name)
    letters = _map_columns(labels, wanted, name, body)
    raw = RawSheet(name, header_row, body, labels=_relabelled(letters))
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
    # How the dates were read is said as it is for a tracker, with the import's own fix.
    told = [
        dataclasses.replace(
            p, message=p.message.replace(validate.DATE_ORDER_SET, _ORDER_SET), every_run=False
        )
        for p in problems
        if p.every_run
    ]
    rows = raw.rows.loc[read["row"]]
    # A row without a date applied or an interview date is not imported (it is listed);
    # a date that could not be read is kept in Notes of a row that is.
    dropped = set(read.loc[read["date"].isna() & read["interview_date"].isna(), "row"])
    unread: dict[str, set[int]] = {}
    for key in _ALL_DATES:
        if key in letters:
            typed = columns.as_text(rows[letters[key]]).set_axis(read.index)
            lost = read[key].isna() & typed.ne("") & ~parsing.placeholders(typed)
            unread[letters[key]] = set(read.loc[lost, "row"])
            kept = (f"{labels[letters[key]]}: " + typed).where(lost, "")
            read["notes"] = (read["notes"] + " " + kept).str.strip()
    placing = {letters[key] for key in _DATES if key in letters}
    told_dropped: set[int] = set()
    problems = told + _grouped_unread(
        [_unread(p, unread, dropped, placing, told_dropped) for p in problems if not p.every_run]
    )
    if totals:
        problems.insert(0, totals)
    given = read["status"]
    status, unknown = parsing.choices(given, STATUSES)
    read["status"] = status
    if unknown.any():
        # An unknown status is kept in Notes, and the row reads as Active (SPEC 3a); of a
        # row left out, nothing is said to be kept.
        kept = ("Status: " + given).where(unknown, "")
        read["notes"] = (read["notes"] + " " + kept).str.strip()
        told_of = unknown & ~read["row"].isin(dropped)
        problems += validate.grouped_by_value(
            name,
            letters["status"],
            read.loc[told_of, "row"],
            given[told_of],
            "{value} is not a status followup knows, so it is kept in Notes and {rows} as "
            "Active. Correct the Status in the new tracker where the job is closed.",
        )
    read["activity"] = _activities(read, letters, labels, name, problems, dropped)
    every = {letter: labels.get(letter) or f"Column {letter}" for letter in grid.columns}
    for_interviews = _INTERVIEW_FIELDS | ({"contact"} if "interviewer" not in letters else set())
    # Every sheet keeps the source columns it does not fill as its own extra columns; the
    # activity's words are kept too, as they were typed.
    used = {SEARCH.name: _SEARCH_FIELDS - {"activity"}, INTERVIEWS.name: for_interviews}

    def extra(sheet: str) -> dict[str, str]:
        """The source columns a sheet keeps as its own extra columns: all it does not use."""
        taken = {letters[key] for key in used[sheet] if key in letters}
        return {letter: header for letter, header in every.items() if letter not in taken}

    out = {
        SEARCH.name: _search(read, rows, extra(SEARCH.name)),
        INTERVIEWS.name: _interviews(read, rows, extra(INTERVIEWS.name), letters, name, problems),
    }
    out[LOG.name] = _log(read, out[INTERVIEWS.name])
    placed = read["date"].notna() | read["interview_date"].notna()
    unplaced = [row for row in read.loc[~placed, "row"] if row not in told_dropped]
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
    filled = [sheet for sheet, frame in out.items() if not frame.empty]
    fills = {
        SEARCH.name: _SEARCH_FIELDS | {"channel"},
        INTERVIEWS.name: for_interviews,
        LOG.name: {"response_date"},
    }
    mapping = _mapping(every, letters, filled, fills, used)
    if SEARCH.name in filled:
        # Search reads a method column it keeps (SPEC 6a): say so where it is kept.
        method = {headers.normalised(n) for n in SEARCH.column("method").names}
        mapping = [
            (header, f"{text}; Search reads it as {SEARCH.column('method').header}")
            if text == _KEPT and headers.normalised(header) in method
            else (header, text)
            for header, text in mapping
        ]
    return Imported(name, header_row, mapping, out, problems, unplaced)


def _activities(
    read: pd.DataFrame,
    letters: dict[str, str],
    labels: dict[str, str],
    sheet: str,
    problems: list[Problem],
    dropped: set[int],
) -> pd.Series:
    """Each row's Search activity (SPEC 3a): from an activity column through the choice
    words, else a call or visit about no position from the contact method, else an
    Application. A column most of whose values are no activity (a "Type" of Full-time,
    Remote) is not an activity column, and is only kept; so is a method column beside an
    activity column. Drops from `letters` the columns it does not use. Of the rows left
    out (`dropped`), no activity is told."""
    out = pd.Series(APPLICATION, index=read.index, dtype=object)
    if "activity" in letters:
        given = read["activity"]
        found, unknown = parsing.choices(given, ACTIVITIES)
        if found.ne("").sum() > unknown.sum():
            letters.pop("channel", None)
            out = found.where(found.ne(""), APPLICATION).where(~unknown, OTHER_ACTIVITY)
            told_of = unknown & ~read["row"].isin(dropped)  # of rows imported only
            problems += validate.grouped_by_value(
                sheet,
                letters["activity"],
                read.loc[told_of, "row"],
                given[told_of],
                f"{{value}} is not an activity followup knows, so {{rows}} as "
                f"{OTHER_ACTIVITY} (the words stay in the column "
                f"{labels[letters['activity']]}). Correct the Activity in the new tracker.",
            )
            return out
        letters.pop("activity")
    if "channel" in letters:
        channel, _unknown = parsing.choices(read["channel"], CHANNELS)
        by_channel = channel.map(_ACTIVITY_BY_CHANNEL).fillna("")
        called = by_channel.ne("") & read["role"].eq("")
        if called.any():
            return out.where(~called, by_channel)
        letters.pop("channel")
    return out


def _mapping(
    every: dict[str, str],
    letters: dict[str, str],
    filled: list[str],
    fills: dict[str, set[str]],
    keeps: dict[str, set[str]],
) -> list[tuple[str, str]]:
    """Each source header and where its values go, as the import prints it: the tracker
    columns it fills (`fills`: sheet -> field keys; named with their sheet unless it fills
    the same column in each), and the sheets that keep it as an extra column (all but
    `keeps`: sheet -> field keys). Only the sheets that get rows (`filled`) are named."""
    key_of = {letter: key for key, letter in letters.items()}
    out = []
    for letter, header in every.items():
        key = key_of.get(letter, "")
        goes = [(sheet, _column(sheet, key)) for sheet in filled if key in fills[sheet]]
        kept = [sheet for sheet in filled if sheet in keeps and key not in keeps[sheet]]
        if not goes:
            text = _KEPT
        elif not kept and key not in _ALL_DATES and len({c for _s, c in goes}) == 1:
            text = goes[0][1]
        else:
            text = " and ".join(f"{sheet} {column}" for sheet, column in goes)
            text += f"; kept as a column in {' and '.join(kept)}" if kept else ""
        out.append((header, text))
    return out


_KEPT = "kept as an extra column"


def _column(sheet: str, key: str) -> str:
    """The tracker column an import field fills in `sheet`, as the mapping names it."""
    if sheet == LOG.name:
        return f"Date ({RECEIVED})"
    if sheet == INTERVIEWS.name:
        return INTERVIEWS.column("interviewer" if key == "contact" else key).header
    return {
        "date": "Date (applied)",
        "channel": "Activity (a call or visit about no position)",
    }.get(key) or SEARCH.column(key).header


_ORDER_FIX = "Run the import again with --date-order MDY or DMY"
_ORDER_SET = "run the import again with --date-order MDY or DMY"


_UNREAD_DATE = re.compile(r"^(?P<value>'.*') is not a date; it is kept in Notes\.$")


def _grouped_unread(problems: list[Problem]) -> list[Problem]:
    """The import's unread dates told once per column, with their range and count, as the
    reader tells many cells with one problem (SPEC 3), however few they are."""
    by_column: dict[str, list[tuple[int, str]]] = {}
    out: list[Problem] = []
    for problem in problems:
        sheet, _, cell = problem.where.rpartition("!")
        found = _UNREAD_DATE.match(problem.message)
        letter = cell.rstrip("0123456789")
        if found is None or ":" in cell or not letter:
            out.append(problem)
            continue
        by_column.setdefault(f"{sheet}!{letter}", []).append(
            (int(cell[len(letter) :]), found["value"])
        )
    for column, unread in by_column.items():
        rows = sorted(row for row, _value in unread)
        values = list(dict.fromkeys(value for _row, value in unread))
        if len(rows) == 1:
            message = f"{values[0]} is not a date; it is kept in Notes."
            out.append(Problem("warning", f"{column}{rows[0]}", message))
            continue
        letter = column.rpartition("!")[2]
        message = (
            f"{len(rows)} cells hold values such as {', '.join(values[:3])}. Each is not a "
            "date; it is kept in Notes."
            if len(values) > 1
            else f"{len(rows)} cells say {values[0]}. That is not a date; it is kept in Notes."
        )
        out.append(Problem("warning", f"{column}{rows[0]}:{letter}{rows[-1]}", message))
    return out


def _unread(
    problem: Problem,
    unread: Mapping[str, set[int]],
    dropped: set[int],
    placing: set[str],
    told: set[int],
) -> Problem:
    """A reading problem as the import tells it (a warning): a value it could not read is
    kept in Notes of a row it imports; a row left without a date applied or an interview
    date is not imported, and a message never says otherwise.

    ``unread``: per column letter, the rows whose value there could not be read;
    ``dropped``: the rows not imported; ``placing``: the letters of the columns that place a
    row (date applied, interview date). Adds to ``told`` the rows said to be left out for
    want of the value, so they are not listed again (``unplaced_problem``)."""
    said = problem.message.split(" Type ")[0].rstrip(".")
    cells = problem.where.rpartition("!")[2].split(":")
    letter = cells[0].rstrip("0123456789")
    first, last = (int(cell[len(letter) :] or 0) for cell in (cells[0], cells[-1]))
    rows = sorted(r for r in unread.get(letter, set()) if first <= r <= last)
    out = [r for r in rows if r in dropped]
    if not out:
        message = f"{said}; it is kept in Notes."
    elif letter in placing:
        told.update(out)
        which = f"row {out[0]} is" if len(out) == 1 else f"rows {_rows_text(out)} are"
        kept = "" if len(out) == len(rows) else " (it is kept in Notes of the other rows)"
        fix = "Format the cell as a date" if "Excel stores" in said else "Correct the date"
        message = f"{said}, so {which} not in the new tracker{kept}. {fix} in your list and "
        message += "import again."
    else:
        which = f"row {out[0]} is" if len(out) == 1 else f"rows {_rows_text(out)} are"
        message = f"{said}; {which} not in the new tracker, having no date applied or "
        message += "interview date."
    return dataclasses.replace(problem, level="warning", message=message)


def _resolved(overrides: Mapping[str, str]) -> dict[str, str]:
    """`--map` as import field key -> the source header it names; raises UsageMistake for a
    left-hand side that names no tracker column."""
    out: dict[str, str] = {}
    for field_name, source in overrides.items():
        field = field_named(field_name)
        if field is None:
            raise UsageMistake(
                "--map",
                f"'{field_name}={source}': followup has no column {field_name!r}. Map to "
                f"one of: {', '.join(c.header for c in IMPORT_FIELDS)}.",
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
            raise UsageMistake(
                "--sheet",
                f"there is no sheet named {wanted!r}. The sheets are: {', '.join(grids)}.",
            )
        at = headers.application_header(grids[found], columns)
        return found, grids[found], 0 if at is None else at
    best = _most_filled(grids, columns)
    if best is None and mapped:
        # A --map header no sheet has must be told as such (by _map_columns, naming the
        # headers found), not as a missing list: look again by the usual headers.
        best = _most_filled(grids, IMPORT_FIELDS)
    if best is None:
        raise ImportFailed(
            f"no sheet looks like a list of applications: followup looks, in the first "
            f"{headers.HEADER_SEARCH_ROWS} rows, for a header naming a company (Company, "
            "Company name, Employer, ...) and a role or a date (Job title, Position, Date "
            "applied, Interview date, ...). Rename your headers, or name them with --map."
        )
    return best[1], grids[best[1]], best[2]


def _most_filled(
    grids: Mapping[str, pd.DataFrame], fields: Sequence[Column]
) -> tuple[int, str, int] | None:
    """Of the sheets with an application header (by `fields`), the one with the most rows
    under it: (rows filled, sheet name, header position); None when no sheet has one."""
    best: tuple[int, str, int] | None = None
    for name, grid in grids.items():
        at = headers.application_header(grid, fields)
        if at is None:
            continue
        filled = int(grid.iloc[at + 1 :].map(lambda v: str(v).strip() != "").any(axis=1).sum())
        if best is None or filled > best[0]:
            best = (filled, name, at)
    return best


def _map_columns(
    labels: dict[str, str], overrides: Mapping[str, str], sheet: str, body: pd.DataFrame
) -> dict[str, str]:
    """Import field key -> source column letter: the `--map` overrides (field key -> source
    header), then the synonyms. A column of ticks only (TRUE/FALSE, Yes/No) never serves a
    date field, whatever its header ("Interview?"), so a real date column can."""
    by_header = {headers.normalised(text): letter for letter, text in reversed(labels.items())}
    chosen: dict[str, str] = {}
    for key, source in overrides.items():
        letter = by_header.get(headers.normalised(source))
        if letter is None:
            field = next(c.header for c in IMPORT_FIELDS if c.key == key)
            raise UsageMistake(
                "--map",
                f"'{field}={source}': {sheet} has no column headed {source!r} "
                f"(headers found: {', '.join(labels.values())}).",
            )
        chosen[key] = letter
    rest = {k: v for k, v in labels.items() if k not in chosen.values()}
    left = [c for c in _FIELDS.columns if c.key not in chosen]
    while True:
        found = headers.match(left, rest)
        ticks = {
            letter for key, letter in found.items() if key in _ALL_DATES and _ticks(body[letter])
        }
        stage = found.get("round")
        if stage is not None and parsing.holds_statuses(body[stage]):
            # A "Stage" of Applied, Declined, Offer is the application's status, not its
            # round: it is the Status unless another column is, else only kept.
            if "status" not in found:
                chosen["status"] = stage
                left = [c for c in left if c.key != "status"]
            ticks.add(stage)
        if not ticks:
            return {**chosen, **found}
        rest = {k: v for k, v in rest.items() if k not in ticks}


def _ticks(values: pd.Series) -> bool:
    """Whether a column holds only ticks (TRUE/FALSE, Yes/No), at least one."""
    typed = columns.as_text(values)
    typed = typed.where(~parsing.placeholders(typed), "")
    marks, bad = parsing.yes_no(values, typed)
    return bool(marks.ne("").any() and not bad.any())


def _without_totals(body: pd.DataFrame, sheet: str) -> tuple[pd.DataFrame, Problem | None]:
    """The rows under the header without the list's total rows (the first filled cell says
    Total, Totals, Grand total, ...; no cell holds a date), and one line naming the rows
    left out (SPEC 3a)."""
    if body.empty:
        return body, None
    first = pd.Series("", index=body.index, dtype=object)
    for letter in body.columns:  # a row's first filled cell: most rows fill the first column
        unfilled = first.eq("")
        if not unfilled.any():
            break
        first[unfilled] = columns.as_text(body.loc[unfilled, letter])
    words = {headers.normalised(w) for w in TOTAL_WORDS}
    said = first.map(headers.normalised).isin(words)
    if not said.any():
        return body, None
    dated = body[said].apply(lambda col: parsing.dates(col, order="MDY")[0].notna()).any(axis=1)
    totals = [int(row) for row in dated.index[~dated]]
    if not totals:
        return body, None
    where = rows_where(sheet, totals)
    what = ", ".join(f"row {row} ({show(first[row])})" for row in totals)
    return body.drop(index=totals), Problem(
        "info", where, f"{what} is a total, not an application, so it is not imported."
    )


def _relabelled(letters: dict[str, str]) -> dict[str, str]:
    """The header row as the reader should see it: only the mapped columns, each under its
    field's own header (a column left out, such as a column of ticks headed "Interview",
    must not be found again by its synonym)."""
    own = {c.key: c.header for c in _FIELDS.columns}
    return {letter: own[key] for key, letter in letters.items()}


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
            "Activity": part["activity"],
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
    frame = frame.reindex(columns=[c.header for c in sheet.template_columns])
    kept = _extras(rows, extra).set_axis(frame.index)
    # An extra column must not be read back as one of the sheet's own, and a table's
    # headers must differ from each other (Excel ignores case). A column the template does
    # not write (Search's Method) is the user's own and is read back where it is kept.
    seen = {headers.normalised(c.header) for c in sheet.template_columns}
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
    """A Received row for each response date (SPEC 3a) of an opportunity the tracker knows:
    one with an interview, or an application (SPEC 4a: a reply stops its nudges). A row
    placed in neither (a call about no position) keeps its response date as a column."""
    known = set(zip(interviews["Company"], interviews["Role"], strict=True))
    interviewed = pd.Series(
        [(c, r) in known for c, r in zip(read["company"], read["role"], strict=True)],
        index=read.index,
    )
    applied = read["date"].notna() & read["activity"].eq(APPLICATION) & read["company"].ne("")
    has = read["response_date"].notna() & (interviewed | applied)
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


def rows_where(sheet: str, rows: list[int]) -> str:
    """Where some rows of the source are: "Applications!4:9", or "apps.csv rows 4-9" for a
    CSV file, which has no sheet to name."""
    if not sheet.casefold().endswith(".csv"):
        return f"{sheet}!{rows[0]}:{rows[-1]}"
    if rows[0] == rows[-1]:
        return f"{sheet} row {rows[0]}"
    return f"{sheet} rows {rows[0]}-{rows[-1]}"


def unplaced_problem(imported: Imported) -> Problem | None:
    """One line naming the source rows that have no date to place them by."""
    if not imported.unplaced:
        return None
    rows = imported.unplaced
    n = len(rows)
    return Problem(
        "warning",
        rows_where(imported.sheet, rows),
        f"{wording.count(n, 'row')} {wording.plural(n, 'has', 'have')} neither a date applied "
        f"nor an interview date, so {wording.plural(n, 'it is', 'they are')} not in the new "
        f"tracker (rows {_rows_text(rows)}). Add a date and import again.",
    )
