"""The work behind each command, without Click: read the tracker, run the core, write.

The CLI calls these and turns their results and typed errors into messages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from followup.cli_options import TRACKER_SUFFIXES
from followup.errors import (
    FollowupError,
    Problem,
    TrackerInvalid,
    UnreadableWorkbook,
    UsageMistake,
    VerifyFailed,
)
from followup.outputs import (
    CALENDAR,
    CASELOAD,
    EXPORT,
    IMPORTED,
    TRACKER,
    WORK_SEARCH,
    free_tracker_name,
)
from followup.schema import (
    HISTORY_SHEET,
    INTERVIEWS,
    LOG,
    NETWORK_SHEET,
    SEARCH,
    SUMMARY,
    THIS_WEEK_SHEET,
    Sheet,
)
from followup.tracker import Tracker
from followup.validate import parse_tracker
from followup.workbook.reader import last_refresh, read_workbook, unreadable_sheets
from followup.workbook.safety import Stamp, check_locks, read_tracker, save
from followup.workbook.targets import claim, written_as

if TYPE_CHECKING:  # the planning modules load only for a command that plans (check does not)
    from concurrent.futures import Future

    from followup.caseload import Client
    from followup.importing import Imported
    from followup.layout import OwnedSheet
    from followup.summary import Summary
    from followup.workbook.additions import Addition
    from followup.worksearch import WorkSearch

OWNED_READ = (THIS_WEEK_SHEET, NETWORK_SHEET, HISTORY_SHEET)


@dataclass(frozen=True)
class Loaded:
    path: Path
    data: bytes
    stamp: Stamp
    tracker: Tracker
    problems: list[Problem]
    date1904: bool

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.is_warning]

    @property
    def told_on_refresh(self) -> list[Problem]:
        """The warnings, and the lines on how cells were read that every run says."""
        return [p for p in self.problems if p.is_warning or p.every_run]


def load(path: Path, as_of: dt.date) -> Loaded:
    """Read and validate the tracker; every problem in its cells is returned, none raised.

    Raises UnreadableWorkbook when the file is missing, is a folder, cannot be read or is not
    a workbook followup can open (a spreadsheet app's lock file, or an output followup
    wrote, is named as what it is)."""
    refuse_lock_file(path)
    data, stamp = read_tracker(path)
    try:
        raw = read_workbook(data, path.name, OWNED_READ, free_tracker_name(path).name)
    except UnreadableWorkbook:
        refuse_output(data, path)
        raise
    tracker, problems = parse_tracker(
        raw.sheets, raw.clashes, pd.Timestamp(as_of), raw.others, source=str(path)
    )
    if any(p.is_error for p in problems):  # an output has no Interviews sheet: never valid
        refuse_output(data, path)
    return Loaded(path, data, stamp, tracker, problems, raw.info.date1904)


def refuse_lock_file(path: Path) -> None:
    """Raise UnreadableWorkbook when `path` names Excel's or LibreOffice's lock file, saying
    which workbook it locks."""
    from followup.outputs import lock_file_message
    from followup.workbook.safety import lock_file_of

    lock = lock_file_of(path)
    if lock is not None:
        app, workbook = lock
        named = str(path.with_name(workbook))
        raise UnreadableWorkbook(lock_file_message(path.name, app, workbook, named))


def refuse_output(data: bytes, path: Path) -> None:
    """Raise UnreadableWorkbook when `data` is an output followup wrote (an export, a
    calendar, a caseload, a work-search log), saying what it is and what to run."""
    from followup.outputs import not_a_tracker
    from followup.workbook.targets import output_in

    kind = output_in(data)
    if kind is not None:
        raise UnreadableWorkbook(not_a_tracker(path.name, kind))


def load_valid(path: Path, as_of: dt.date) -> Loaded:
    """`load`, then raises TrackerInvalid (carrying every problem) when any is an error."""
    loaded = load(path, as_of)
    if loaded.errors:
        raise TrackerInvalid(loaded.problems)
    return loaded


def init(path: Path) -> None:
    """Write a new, empty tracker at `path`. Raises FollowupError when `path` exists or its
    folder does not (a tracker is never overwritten, SPEC section 2)."""
    if path.exists():
        raise FollowupError(
            f"{path} already exists, and followup never overwrites a tracker. "
            "Choose a new file name, or move the old file away first."
        )
    if not path.parent.is_dir():
        raise FollowupError(f"the folder {path.parent} does not exist. Create it first.")
    from followup.workbook.template import write_tracker

    write_tracker(path)


def import_tracker(
    source: Path,
    target: Path,
    *,
    sheet: str | None = None,
    overrides: dict[str, str] | None = None,
    date_order: str = "",
    dry_run: bool = False,
    overwrite: bool = False,
) -> Imported:
    """Build a new tracker at `target` from the list kept in `source` (SPEC 3a); the source
    is only read. A dry run writes nothing. An existing `target` is replaced only with
    `overwrite` (SPEC 2), and never while a spreadsheet app has it open.

    Raises FollowupError when `target` is `source`; UnsafeWrite when `target` may not be
    written (OutputExists: it exists without `overwrite`; FileLocked: it is open);
    UnreadableWorkbook when `source` cannot be read; TrackerInvalid when no date order fits
    its numbers-only dates; ImportFailed when nothing in it can be imported."""
    from followup.importing import import_rows
    from followup.workbook.source import read_source

    if source.resolve() == target.resolve():
        raise FollowupError(f"{target} is the file to import. Choose a new file name.")
    if not dry_run:
        claim(target, IMPORTED, overwrite=overwrite)
        check_locks(target)
    imported = import_rows(
        read_source(source), sheet=sheet, overrides=overrides, date_order=date_order
    )
    if not dry_run:
        from followup.workbook.template import write_tracker

        rows = {name: frame.to_numpy().tolist() for name, frame in imported.rows.items()}
        sheets = {s.name: s for s in (INTERVIEWS, LOG, SEARCH)}
        extra = {
            name: [str(c) for c in frame.columns[len(sheets[name].template_columns) :]]
            for name, frame in imported.rows.items()
            if not frame.empty
        }
        with tempfile.TemporaryDirectory() as folder:
            made = Path(folder) / target.name
            write_tracker(made, _cells(rows), extra)
            data = made.read_bytes()
        # Written whole or not at all, as a refresh is: a replaced file is never half-written.
        _write_export(target, source, data, lambda _path: None)
    return imported


def _cells(rows: dict[str, list[list[Any]]]) -> dict[str, list[list[Any]]]:
    """Values as a workbook holds them: dates as dates, blanks as nothing."""

    def cell(value: Any) -> Any:
        if isinstance(value, pd.Timestamp):
            return value.to_pydatetime()
        if value is None or (isinstance(value, float) and value != value) or value is pd.NaT:
            return None
        return value

    return {name: [[cell(v) for v in row] for row in table] for name, table in rows.items()}


@dataclass(frozen=True)
class Plan:
    """What a refresh computed: the frames behind each owned sheet."""

    as_of: pd.Timestamp
    days: int
    this_week: pd.DataFrame
    network: pd.DataFrame
    history: pd.DataFrame
    recorded: pd.DataFrame  # the History rows this refresh added from ticks
    lost_edits: list[Problem]
    summary: Summary
    snoozed: pd.Series  # identity -> the day it comes back, for each action a snooze hides
    kept: pd.DataFrame  # the Draft and Note edits of those actions (ticks.kept_while_snoozed)


@dataclass(frozen=True)
class Refreshed:
    plan: Plan
    warnings: list[Problem]
    written: Path | None  # None for a dry run
    backup: Path | None


def plan(tracker: Tracker, as_of: pd.Timestamp, days: int) -> Plan:
    """Record the ticks, then compute every owned sheet's rows, carrying over the user's edits.

    Pure: `tracker` as `load` validated it, `days` the length of This Week's window from
    `as_of`. Raises nothing: the tracker's problems are `load`'s."""
    from followup import ticks, tone
    from followup.network import network_updates
    from followup.summary import summary
    from followup.this_week import snoozed, this_week, unsnoozed_updates

    added = ticks.new_history(tracker, as_of)
    current = ticks.with_history(tracker, added)
    due_updates = network_updates(current, as_of)
    hidden = snoozed(current, as_of, days, due_updates)
    network = unsnoozed_updates(current, due_updates, as_of, days)
    week = this_week(current, as_of, days, network)
    names = tone.known_words(tracker)
    earlier = tracker.snoozed
    waiting = ticks.pending_ticks(tracker, as_of)
    old_week = ticks.without_recorded(tracker.this_week, added)
    old_network = ticks.without_recorded(tracker.network, added)
    # The old and the new sheets share most of their texts: each is digested once.
    hashed: dict[str, str] = {}
    kept_week = ticks.carry_over(
        week, old_week, THIS_WEEK_SHEET, hidden, earlier, waiting, hashed=hashed
    )
    kept_network = ticks.carry_over(
        network, old_network, NETWORK_SHEET, hidden, earlier, hashed=hashed
    )
    listed = set(kept_week.identities) | set(kept_network.identities)
    asleep, lost_asleep = ticks.kept_while_snoozed(
        earlier, [kept_week, kept_network], hidden, listed
    )
    return Plan(
        as_of,
        days,
        _finished(
            ticks.shared_drafts(kept_week.rows, week, kept_network.rows, network),
            week,
            THIS_WEEK_SHEET,
            names,
            current,
            hashed,
        ),
        _finished(
            ticks.shared_drafts(kept_network.rows, network, kept_week.rows, week),
            network,
            NETWORK_SHEET,
            names,
            current,
            hashed,
        ),
        current.history.drop(columns="row"),
        added,
        ticks.unfinished_ticks(tracker, as_of) + kept_week.lost + kept_network.lost + lost_asleep,
        summary(current, as_of, days, snoozed=len(hidden)),
        hidden,
        asleep,
    )


def _finished(
    rows: pd.DataFrame,
    generated: pd.DataFrame,
    sheet: Sheet,
    names: frozenset[str],
    tracker: Tracker,
    hashed: dict[str, str],
) -> pd.DataFrame:
    """Fill in the snoozes in force, flag frustrated edited drafts in Why, then fingerprint
    the rows as they are written (``hashed``: the digests of texts already worked out).

    The Draft digest is of followup's own draft, so a carried-over edit still reads as an
    edit next week; every other digest is of the cell as written (Why with its Tone note).
    """
    from followup import snooze, ticks, tone
    from followup.drafts import placeholder_note

    rows = rows.copy()
    rows["snooze"] = snooze.cells_of(rows, tracker)
    drafts = rows["draft"].tolist()
    edited = rows["draft"].ne(generated["draft"]).tolist()
    tone_notes = [
        tone.tone_note(draft, names) if changed else ""
        for draft, changed in zip(drafts, edited, strict=True)
    ]
    rows["why"] = _noted(rows["why"], tone_notes, [placeholder_note(d) for d in drafts])
    rows["fingerprint"] = ticks.fingerprints(rows.assign(draft=generated["draft"]), sheet, hashed)
    return rows


def _noted(why: pd.Series, *notes: list[str]) -> pd.Series:
    """Why with each note that is not "" put before it, each later list's before the earlier
    ones' (``notes``: one text per row, in Why's order)."""
    from followup import wording

    texts = why.tolist()
    for row_notes in notes:
        texts = [
            wording.NOTE_BEFORE_WHY.format(note=note, why=text) if note else text
            for note, text in zip(row_notes, texts, strict=True)
        ]
    return pd.Series(texts, index=why.index, dtype=why.dtype)


def owned_sheets(result: Plan) -> list[OwnedSheet]:
    """This Week, Network Updates, Summary and History as a refresh writes them. Raises
    nothing."""
    from followup import sheets

    return [
        sheets.this_week_sheet(
            result.this_week, result.as_of, result.days, result.snoozed, result.kept
        ),
        sheets.network_sheet(result.network, result.as_of),
        sheets.summary_sheet(result.summary),
        sheets.history_sheet(result.history),
    ]


def refresh(
    path: Path,
    day: dt.date,
    days: int,
    *,
    output: Path | None = None,
    dry_run: bool = False,
    backup: bool = True,
    force: bool = False,
    overwrite: bool = False,
) -> Refreshed:
    """Validate, compute and (unless a dry run) write the owned sheets safely.

    An `output` other than the tracker must be a new file unless `overwrite` (SPEC section 2).

    Raises UnreadableWorkbook, TrackerInvalid (every problem, when any is an error), and
    UnsafeWrite or one of its kinds (FileLocked, ChangedOnDisk, NameClash, OutputExists,
    VerifyFailed) when the result cannot be written safely; nothing is written then.
    """
    as_of = pd.Timestamp(day)
    target = output or path
    if output is not None and not dry_run and not _same_file(output, path):
        claim(output, TRACKER, overwrite=overwrite)
    if not dry_run and not force:
        check_locks(target)
    from followup.workbook.additions import additions

    loaded = load_valid(path, as_of)
    result = plan(loaded.tracker, as_of, days)
    data, stamp = loaded.data, loaded.stamp
    in_place = output is None or _same_file(output, path)
    kept = "your tracker" if dry_run or not in_place else "the backup" if backup else None
    lost = not_kept(additions(data, charted=[SUMMARY]), kept)
    warnings = loaded.told_on_refresh + result.lost_edits + lost
    del loaded  # the typed sheets are done with: writing without them lowers the peak memory
    if dry_run:
        return Refreshed(result, warnings, None, None)
    # The writer's libraries load only when something is written (check never needs them).
    from followup.workbook import writer

    owned = owned_sheets(result)
    new = writer.render(data, owned)
    names = [sheet.name for sheet in owned]

    def verify(written: Path) -> None:
        # render already checked these bytes; what is left to prove is that they reached the
        # disk intact and read back.
        data = written.read_bytes()
        problems = [] if data == new else ["the file on disk differs from the bytes written"]
        problems += unreadable_sheets(data, names)
        if problems:
            raise VerifyFailed(
                "the new workbook did not pass followup's own check, so your tracker was left "
                f"as it was ({'; '.join(problems)})."
            )

    made = save(
        target,
        new,
        stamp=stamp,
        source=path,
        verify=verify,
        backup=backup and _same_file(target, path),
    )
    return Refreshed(result, warnings, target, made)


_NOT_KEPT = {
    "value": ("a value typed in this cell is", "values typed in these cells are"),
    "comment": ("a comment or note on this cell is", "comments or notes on these cells are"),
    "drawing": (
        "a shape, picture or chart placed here is",
        "shapes, pictures or charts placed here are",
    ),
}
_MOST_CELLS = 6  # cells named in one warning; the rest are counted


def not_kept(found: list[Addition], kept_in: str | None) -> list[Problem]:
    """One warning per kind of addition on each owned sheet, naming its cells (SPEC 6)."""
    problems = []
    for item in found:
        cells = list(item.cells[:_MOST_CELLS])
        more = len(item.cells) - len(cells)
        where = f"{item.sheet}!{', '.join(cells)}" + (f" and {more} more" if more else "")
        one, many = _NOT_KEPT[item.kind]
        move = "a sheet of your own"
        if item.kind == "comment" and item.sheet == THIS_WEEK_SHEET.name:
            move = "the Note column"
        still = f"; {kept_in} still holds {'it' if len(item.cells) == 1 else 'them'}"
        problems.append(
            Problem(
                "warning",
                where,
                f"{one if len(item.cells) == 1 else many} not kept: followup rewrites this "
                f"sheet on every refresh. Put {'it' if len(item.cells) == 1 else 'them'} in "
                f"{move} instead{still if kept_in else ''}.",
            )
        )
    return problems


def demo(folder: Path, today: dt.date) -> tuple[Path, Refreshed]:
    """Write the sample tracker, dated around today, into `folder` and refresh it.

    Raises FollowupError when `folder` does not exist, and whatever `refresh` raises."""
    from followup import sample

    if not folder.is_dir():
        raise FollowupError(
            f"the folder {folder} does not exist. Create it first, or leave it out."
        )
    path = folder / "sample-tracker.xlsx"
    number = 1
    while path.exists():  # never replace a file, not even an earlier demo the user edited
        number += 1
        path = folder / f"sample-tracker-{number}.xlsx"
    as_of = sample.demo_day(today)
    sample.write_sample(path, as_of)
    return path, refresh(path, as_of, 7, backup=False)


def export(
    path: Path,
    day: dt.date,
    days: int,
    *,
    to: Path | None = None,
    ics_path: Path | None = None,
    work_search: WorkSearchRequest | None = None,
    overwrite: bool = False,
) -> Exported:
    """Write the week for the coach (a standalone workbook) and/or a calendar file, and/or
    the work-search log (SPEC 6a) as a workbook or a CSV file.

    Each may replace only an earlier output of its kind, unless `overwrite` (SPEC section 2).

    Raises FollowupError when a target is the tracker itself; UsageMistake when the
    work-search period is backwards or in the future; UnreadableWorkbook and TrackerInvalid
    as `load_valid` does;
    UnsafeWrite or one of its kinds (OutputExists: a file followup did not write, or one of
    another kind, without `overwrite`; VerifyFailed: it did not read back) when an output cannot be
    written safely. Outputs written before the failing one stay written."""
    from followup import ics, sheets  # the calendar library loads only for an export
    from followup.workbook import writer

    if work_search is not None:
        _period(work_search, pd.Timestamp(day))
    for target, kind in (
        (to, EXPORT),
        (ics_path, CALENDAR),
        (work_search.path if work_search else None, WORK_SEARCH),
    ):
        if target is None:
            continue
        if _same_file(target, path):
            raise FollowupError(
                f"{target} is the tracker itself. Choose another file name for the export."
            )
        claim(target, kind, overwrite=overwrite)
    as_of = pd.Timestamp(day)
    loaded = load_valid(path, as_of)
    result = plan(loaded.tracker, as_of, days)
    if to is not None:
        coach = [
            sheets.this_week_sheet(result.this_week, as_of, days, private=False),
            sheets.network_sheet(result.network.drop(columns="fingerprint"), as_of),
            sheets.summary_sheet(result.summary),
        ]
        data = writer.standalone(coach, EXPORT, writer.paper_size(loaded.data))
        _write_export(to, path, data, lambda p: _readable(p, coach))
    if ics_path is not None:
        events = ics.calendar(result.this_week, as_of, as_of.to_pydatetime())
        _write_export(ics_path, path, events, lambda _path: None)
    log = None
    if work_search is not None:
        # Ticks not yet recorded by a refresh are activities done all the same.
        ticked = dataclasses.replace(loaded.tracker, history=result.history)
        log = _work_search(ticked, path, as_of, work_search)
    return Exported(result, log)


@dataclass(frozen=True)
class WorkSearchRequest:
    path: Path  # .xlsx or .csv
    start: dt.date | None  # None: the default period, the last 4 weeks
    end: dt.date | None  # None: the as-of date


@dataclass(frozen=True)
class Exported:
    plan: Plan
    work_search: WorkSearch | None


def _period(request: WorkSearchRequest, as_of: pd.Timestamp) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The work-search log's first and last day (SPEC 6a: by default the last 4 weeks up
    to ``as_of``). Raises UsageMistake for a period that is backwards or in the future:
    checked before anything is read or written."""
    from followup import worksearch

    end = as_of if request.end is None else pd.Timestamp(request.end)
    start = worksearch.default_start(end) if request.start is None else pd.Timestamp(request.start)
    if start > end and request.end is None:
        # No --until: the period ends on the as-of date, and a later --until would not help
        # (the log lists only what was done by then).
        raise UsageMistake(
            "--from",
            f"the period starts ({start:%Y-%m-%d}) after it ends ({end:%Y-%m-%d}, the day the "
            "log is written for, as no --until was given): it can only list what was done. "
            "Check --from (or give a later --as-of).",
        )
    if start > end:
        raise UsageMistake(
            "--from",
            f"the period starts ({start:%Y-%m-%d}) after it ends ({end:%Y-%m-%d}): "
            "check --from and --until.",
        )
    if start > as_of:
        raise UsageMistake(
            "--from",
            f"the period starts ({start:%Y-%m-%d}) after {as_of:%Y-%m-%d}, the day the log is "
            "written for: it can only list what was done. Check --from (or --as-of).",
        )
    return start, end


def _work_search(
    tracker: Tracker, path: Path, as_of: pd.Timestamp, request: WorkSearchRequest
) -> WorkSearch:
    from followup import worksearch
    from followup.workbook import writer

    start, end = _period(request, as_of)
    log = worksearch.work_search(tracker, start, end, as_of)
    target = request.path
    if target.suffix.lower() == ".csv":
        _write_export(target, path, writer.csv_bytes(worksearch.flat(log)), lambda _path: None)
    else:
        owned = [worksearch.sheet(log, tracker.settings.your_name)]
        data = writer.standalone(owned, WORK_SEARCH)
        _write_export(target, path, data, lambda p: _readable(p, owned))
    return log


def _same_file(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _write_export(target: Path, tracker: Path, data: bytes, verify: Callable[[Path], None]) -> None:
    save(target, data, stamp=None, source=tracker, verify=verify, backup=False)


def _readable(path: Path, owned: list[OwnedSheet]) -> None:
    problems = unreadable_sheets(path.read_bytes(), [sheet.name for sheet in owned])
    if problems:
        raise VerifyFailed(f"the export could not be read back ({'; '.join(problems)}).")


# Beside a tracker: the lock files of Excel (~$name) and LibreOffice (.~lock.name#).
_LOCK_FILE = re.compile(r"^(~\$|\.~lock\.)")


# Spreadsheets a client may keep that followup cannot plan: in a caseload folder each is
# still a row saying why, as `load` words it (SPEC 6b, 7), never skipped in silence.
_OTHER_SPREADSHEETS = (".xls", ".xlsb", ".ods", ".fods", ".numbers", ".csv", ".tsv")


def trackers_in(paths: Sequence[Path]) -> list[Path]:
    """The trackers named, a folder standing for every spreadsheet in it (.xlsx/.xlsm, and
    the kinds followup cannot read, which `load` explains), sorted by name: lock files,
    hidden files and followup's outputs, known by their marker, skipped; the backups folder
    never entered. Each file once. Raises nothing: a missing file is `load`'s to report."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in (*TRACKER_SUFFIXES, *_OTHER_SPREADSHEETS)
                and p.is_file()
                and not _LOCK_FILE.match(p.name)
                and not p.name.startswith(".")
                and not any(written_as(p, kind) for kind in (CASELOAD, EXPORT, WORK_SEARCH))
            )
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


@dataclass(frozen=True)
class Caseload:
    clients: int
    needing: int  # clients needing the coach now (red)
    not_planned: list[tuple[str, str]]  # (file, why) of each tracker that could not be planned
    written: Path


def caseload(
    paths: Sequence[Path],
    day: dt.date,
    days: int,
    *,
    to: Path,
    overwrite: bool = False,
    jobs: int | None = None,
) -> Caseload:
    """Plan every client's tracker as `refresh --dry-run` would and write the coach's
    workbook (SPEC 6b). Trackers are only read: their lock files are not looked at, and
    nothing is written beside them. A tracker that cannot be read or has errors, or that
    followup fails on, becomes a row saying why.

    The trackers are planned by `jobs` worker processes (None: one per CPU core, at most one
    per tracker; 1: in this process); the workbook is the same however many there are.

    Raises FollowupError when `to` is one of the trackers, when no tracker is found or none
    could be read; UnsafeWrite or one of its kinds (OutputExists, VerifyFailed) when `to`
    cannot be written safely."""
    from followup import caseload as core
    from followup.workbook import writer

    as_of = pd.Timestamp(day)
    trackers = trackers_in(paths)
    for path in trackers:
        if _same_file(path, to):
            raise FollowupError(f"{to} is a client's tracker. Choose another name for --to.")
    claim(to, CASELOAD, overwrite=overwrite)
    if not trackers:
        raise FollowupError(
            f"no tracker was found in {', '.join(map(str, paths))}: name the .xlsx files, "
            "or a folder that holds them."
        )
    done = _clients(trackers, day, days, _jobs(len(trackers)) if jobs is None else jobs)
    clients = [client for client, _ in done]
    unreadable = [why for _, why in done if why is not None]
    if len(unreadable) == len(trackers):
        raise FollowupError(
            "no tracker could be read, so no caseload was written:\n  " + "\n  ".join(unreadable)
        )
    table = core.caseload(clients)
    sheets = core.caseload_sheets(table, clients, as_of, days)
    data = writer.standalone(sheets, CASELOAD)
    _write_export(to, trackers[0], data, lambda p: _readable(p, sheets))
    skipped = table[table["Sheet"] == ""]
    return Caseload(
        len(table),
        int((table["Attention"] == core.NOW).sum()),
        list(zip(skipped["File"].astype(str), skipped["Flag"].astype(str), strict=True)),
        to,
    )


def _client(path: Path, day: dt.date, days: int) -> tuple[Client, str | None]:
    """One client of the caseload, planned as `refresh --dry-run` plans the tracker, and why
    the tracker could not be read (None when it could). Raises nothing: a tracker followup
    fails on is a row saying so."""
    from followup import caseload as core

    try:
        loaded = load(path, day)
    except FollowupError as exc:
        return core.unplanned(path.stem, str(path), str(exc)), str(exc)
    except Exception as exc:  # a bug must cost the coach one row, not the whole caseload
        return _failed(path, exc)
    name = loaded.tracker.settings.your_name or path.stem
    if loaded.errors:
        return core.unplanned(name, str(path), core.problems_text(loaded.errors)), None
    try:
        result = plan(loaded.tracker, pd.Timestamp(day), days)
    except Exception as exc:  # as above
        return _failed(path, exc, name)
    refreshed = last_refresh(loaded.data)
    client = core.planned(
        name,
        str(path),
        result.this_week,
        result.summary,
        None if refreshed is None else pd.Timestamp(refreshed),
    )
    return client, None


def _failed(path: Path, error: BaseException | None, name: str | None = None) -> tuple[Client, str]:
    """The row of a tracker followup failed on (`error` None: its worker process died)."""
    from followup import caseload as core
    from followup import wording

    said = wording.CASELOAD_STOPPED if error is None else f"{type(error).__name__}: {error}"
    why = wording.CASELOAD_FAILED.format(error=said)
    return core.unplanned(name or path.stem, str(path), why), why


def _jobs(trackers: int) -> int:
    """One worker per CPU core this process may use, at most one per tracker."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, trackers))


def _clients(
    trackers: Sequence[Path], day: dt.date, days: int, jobs: int
) -> list[tuple[Client, str | None]]:
    """`_client` of each tracker, in the order given, planned by `jobs` worker processes
    (1: one after another in this process).

    On Linux the workers are forked, so they start with followup and pandas already
    imported: the start-up is paid once, as in one process."""
    work = functools.partial(_client, day=day, days=days)
    workers = min(jobs, len(trackers))
    if workers <= 1:
        return [work(path) for path in trackers]
    # Loaded only here: no other command starts a process.
    import multiprocessing
    import warnings
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
    # A worker started afresh (not forked) keeps a library's warnings quiet as this one does.
    start = (_warn_as, (list(warnings.filters),))
    with ProcessPoolExecutor(workers, context, *start) as pool:
        futures = [pool.submit(work, path) for path in trackers]
        done = [_outcome(future, path) for future, path in zip(futures, trackers, strict=True)]
    # A worker that dies (say, out of memory) breaks its pool, and every tracker left in it
    # with it: those are planned again one at a time, each in a process of its own, so only
    # the one that kills its process is a row saying so.
    for number, path in enumerate(trackers):
        if done[number] is None:
            with ProcessPoolExecutor(1, context, *start) as alone:
                done[number] = _outcome(alone.submit(work, path), path) or _failed(path, None)
    return [client for client in done if client is not None]


def _warn_as(filters: list[Any]) -> None:
    import warnings

    warnings.filters[:] = filters  # type: ignore[index]


def _outcome(
    future: Future[tuple[Client, str | None]], path: Path
) -> tuple[Client, str | None] | None:
    """What a worker planned; None when its pool broke before it could say."""
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:
        return None
    except Exception as exc:  # its result could not be sent back: one row, as in _client
        return _failed(path, exc)
