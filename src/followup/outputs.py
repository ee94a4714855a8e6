"""The files followup writes besides the tracker, and how each is marked as followup's own.

No command overwrites a file it did not write (SPEC section 2): an existing file is replaced
only when it carries the marker of the same kind of output, which followup writes into every
such file (a document property of a workbook, the PRODID of a calendar, the header row of a
CSV). A tracker is never such an output, even one followup refreshed: it is the user's.
Pure: the disk is read by `followup.workbook.targets`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path, PurePath

# The custom document property that marks a workbook written as an output (its value is the
# kind's name). Custom properties survive Excel, LibreOffice and Google Sheets.
WORKBOOK_MARKER = "followup output"
CALENDAR_PRODID = "-//followup//interview follow-ups//EN"

WORKBOOK = (".xlsx",)


@dataclass(frozen=True)
class OutputKind:
    """One kind of file a command writes.

    `name` is the marker's value, `what` names the kind in messages ("a calendar file"),
    `suffixes` the file names it may have (first one suggested). `reusable` is False for
    trackers: an existing tracker is never recognised as replaceable. `csv_header` is the
    first row of a CSV of this kind, which is its marker.
    """

    name: str
    what: str
    suffixes: tuple[str, ...]
    reusable: bool = True
    csv_header: tuple[str, ...] = ()
    # The command that writes it ({name}: its file), and what from: for a message when the
    # output is given where a tracker is wanted.
    command: str = ""
    made_from: str = "the tracker it was written from (the workbook with your Interviews sheet)"


EXPORT = OutputKind(
    "export", "a coach export", WORKBOOK, command="followup export TRACKER.xlsx --to {name}"
)
CALENDAR = OutputKind(
    "calendar", "a calendar file", (".ics",), command="followup export TRACKER.xlsx --ics {name}"
)
CASELOAD = OutputKind(
    "caseload",
    "a caseload workbook",
    WORKBOOK,
    command="followup caseload TRACKER... --to {name}",
    made_from="the clients' trackers it was written from (workbooks with an Interviews sheet)",
)
WORK_SEARCH = OutputKind(
    "work-search log",
    "a work-search log",
    (*WORKBOOK, ".csv"),
    csv_header=("Date", "Employer", "Contact person", "Method", "Position", "Result"),
    command="followup export TRACKER.xlsx --work-search {name}",
)
# Every output a user might take for a tracker.
OUTPUTS = (EXPORT, CALENDAR, CASELOAD, WORK_SEARCH)
# refresh --output and import write a tracker: the user's from then on, never replaced.
TRACKER = OutputKind("tracker", "a refreshed tracker", (".xlsx", ".xlsm"), reusable=False)
# import writes the template's workbook, which has no macros: Excel opens it only as .xlsx.
IMPORTED = OutputKind("tracker", "a new tracker", (".xlsx",), reusable=False)


def name_problem(path: PurePath, kind: OutputKind) -> str | None:
    """Why `path` is not a fitting name for this kind of output (None when it fits).

    SPEC section 2: a file name must fit what is written (.xlsx/.xlsm, .ics, .csv)."""
    if path.suffix.lower() in kind.suffixes:
        return None
    return f"{path.name} is not a name for {kind.what}; use a name ending in {_choices(kind)}."


def _choices(kind: OutputKind) -> str:
    *rest, last = kind.suffixes
    return f"{', '.join(rest)} or {last}" if rest else last


def free_tracker_name(path: Path) -> Path:
    """A tracker beside `path` that no file is yet, for the command a message suggests."""
    names = ["tracker.xlsx", f"{path.stem}.xlsx", f"{path.stem}-tracker.xlsx"]
    names += [f"{path.stem}-tracker-{n}.xlsx" for n in range(2, 100)]
    free = (path.with_name(n) for n in names if not path.with_name(n).exists())
    return next(free, path.with_name(names[-1]))


def not_a_tracker(label: str, kind: OutputKind) -> str:
    """The message for an output of followup's given where a tracker is wanted."""
    command = kind.command.format(name=label)
    return (
        f"{label} is {kind.what} that followup wrote, not a tracker. Name {kind.made_from} "
        f"instead; {command} writes this file again from it."
    )


def lock_file_message(label: str, app: str, workbook: str, path: str) -> str:
    """The message for the lock file a spreadsheet app keeps beside an open workbook, given
    where a tracker is wanted (``path``: that workbook's, as the user named the lock)."""
    return (
        f"{label} is {app}'s lock file for {workbook}, not a tracker: {app} keeps it there "
        f"while {workbook} is open. Name {path} instead."
    )
