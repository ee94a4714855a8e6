"""The command line: options, messages and exit codes. All work happens elsewhere."""

# ruff: noqa: E402 (the collector is paused before the imports)
from __future__ import annotations

import gc

# Importing pandas and followup's modules makes some 100,000 objects that live as long as
# the process: the garbage collector walking them again and again while they are made frees
# nothing and costs the start-up 30-50 ms. It rests while they load, and then they are
# frozen out of its sight (the end of this module).
_collecting = gc.isenabled()
gc.disable()

import datetime as dt
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from followup import operations, terminal, wording
from followup.cli_options import (
    OTHER_FORMATS,
    SOURCE_SUFFIXES,
    IsoDate,
    as_of_option,
    days_option,
    output_path,
    overwrite_option,
    today,
    tracker_argument,
    workbook_path,
)
from followup.errors import FollowupError, Problem, TrackerInvalid, UsageMistake
from followup.outputs import CALENDAR, CASELOAD, EXPORT, IMPORTED, TRACKER, WORK_SEARCH
from followup.schema import DATE_ORDERS

EXIT_DATA = 1  # a problem with the tracker or the file; Click uses 2 for usage


def echo_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(f"{problem.level}: {problem}", err=problem.is_error)


def _as_of(value: dt.datetime | None) -> dt.date:
    return value.date() if value else today()


class _Followup(click.Group):
    """Lists commands in the order of the weekly routine, not alphabetically, and turns
    followup's typed errors into plain messages and exit code 1, never a traceback."""

    def list_commands(self, _ctx: click.Context) -> list[str]:
        return list(self.commands)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TrackerInvalid as exc:
            echo_problems(exc.problems)
            click.echo(
                f"Nothing was written. Fix the {wording.count(len(exc.errors), 'error')} above, "
                "then run the command again.",
                err=True,
            )
            raise SystemExit(EXIT_DATA) from None
        except FollowupError as exc:
            click.echo(f"error: {exc}", err=True)
            raise SystemExit(EXIT_DATA) from None


class _Command(click.Command):
    """A command whose option values the core found wrong (a --map naming no column, a
    --from after --until) says so as Click says any usage mistake: exit code 2 (SPEC 2)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except UsageMistake as exc:
            raise click.BadParameter(str(exc), ctx, param_hint=f"'{exc.option}'") from None


_Followup.command_class = _Command


@click.group(cls=_Followup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="followup", prog_name="followup")
def main() -> None:
    """Turn your job-search tracker into this week's follow-up plan.

    Keep interviews, touchpoints, contacts and search activity in one Excel workbook;
    run `followup refresh` once a week and work through the This Week sheet.
    """


def run() -> None:
    """The `followup` program: one command, then exit."""
    # A command makes almost no reference cycles (a refresh of 10,000 interviews leaves a few
    # hundred objects, none of them data, to the collector), while the collector walks every
    # container it holds again and again as the frames grow: up to 0.5 s of such a refresh.
    # What little it would free goes when the process ends, moments later.
    gc.disable()
    if not sys.warnoptions:
        # A library's warning means nothing to the user (SPEC 7); the test suite makes any
        # warning from followup's own code an error instead.
        warnings.simplefilter("ignore")
    try:
        main()
    except SystemExit as done:
        _exit(done)


def _exit(done: SystemExit) -> None:
    """End the process as `done` says, once what it printed is out: the command is over and
    every file it wrote is closed and on disk, so the interpreter need not take apart each
    object and module it loaded one by one (0.01 s after a small tracker, 0.1-0.2 s after
    10,000 interviews): the operating system frees the whole process at once."""
    code = 0 if done.code is None else done.code
    if not isinstance(code, int):
        raise done  # a message for Python to print
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:
        raise done from None  # the interpreter reports a closed pipe as it always has
    os._exit(code)


@main.command()
@click.argument("path", type=workbook_path(new=True), metavar="PATH.xlsx")
def init(path: Path) -> None:
    """Create a new, empty tracker (never overwrites a file)."""
    if path.suffix.lower() != ".xlsx":
        raise click.BadParameter("the tracker's name must end in .xlsx.", param_hint="PATH")
    operations.init(path)
    click.echo(f"Created {path}. Open it, fill in your interviews, then run: followup check {path}")


@main.command("import")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path), metavar="SOURCE")
@click.argument("new", metavar="NEW.xlsx", **output_path(IMPORTED))
@click.option(
    "--sheet",
    default=None,
    metavar="NAME",
    help="The sheet to import (default: the one with the most applications).",
)
@click.option(
    "--map",
    "maps",
    multiple=True,
    metavar='"COLUMN=HEADER"',
    help='Read a tracker column from your header, e.g. --map "Role=Position" (repeatable).',
)
@click.option(
    "--date-order",
    type=click.Choice(DATE_ORDERS, case_sensitive=False),
    default=None,
    help="How to read dates typed as numbers only (default: as each column shows).",
)
@click.option("--dry-run", is_flag=True, help="Print the mapping and the counts; write nothing.")
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace NEW.xlsx when it already exists (it is never the file you import).",
)
def import_(
    source: Path,
    new: Path,
    sheet: str | None,
    maps: tuple[str, ...],
    date_order: str | None,
    dry_run: bool,
    overwrite: bool,
) -> None:
    """Make a new tracker from the list of applications you already keep (.xlsx or .csv).

    Your file is only read. Each row with a date applied becomes a Search application, each
    row with an interview date an interview; every other column is kept.
    """
    if source.suffix.lower() not in SOURCE_SUFFIXES:
        kind = OTHER_FORMATS.get(source.suffix.lower(), "not a file followup can import")
        # The file is what the user has, not a mistyped command: a data error (SPEC 7).
        raise FollowupError(f"{source.name} is {kind}. Save it as .xlsx or .csv, then import that.")
    if source.resolve() == new.resolve():
        # The same file named twice is a mistyped command, not a problem with the file.
        raise click.BadParameter(
            f"{new} is the file to import. Choose a new file name.", param_hint="'NEW.xlsx'"
        )
    overrides: dict[str, str] = {}
    for pair in maps:
        column, _, header = pair.partition("=")
        if not column.strip() or not header.strip():
            raise click.BadParameter(
                f'{pair!r} is not COLUMN=HEADER, e.g. "Role=Position".', param_hint="--map"
            )
        overrides[column.strip()] = header.strip()
    done = operations.import_tracker(
        source,
        new,
        sheet=sheet,
        overrides=overrides,
        date_order=(date_order or "").upper(),
        dry_run=dry_run,
        overwrite=overwrite,
    )
    click.echo(f"Read {source.name}, sheet {done.sheet} (header in row {done.header_row}):")
    for header, column in done.mapping:
        click.echo(f"  {header} -> {column or 'kept as an extra column'}")
    counts = ", ".join(f"{name} {len(frame)}" for name, frame in done.rows.items())
    click.echo(f"Rows: {counts}.")
    echo_problems(done.problems)
    from followup.importing import unplaced_problem  # the importer loads only for import

    unplaced = unplaced_problem(done)
    if unplaced is not None:
        echo_problems([unplaced])
    if dry_run:
        click.echo("Dry run: nothing was written.")
        return
    click.echo(f"Wrote {new}. Next: followup check {new}, then followup refresh {new}")


@main.command()
@tracker_argument
@as_of_option
def check(tracker: Path, as_of: dt.datetime | None) -> None:
    """List every problem in the tracker at once."""
    loaded = operations.load(tracker, _as_of(as_of))
    echo_problems(loaded.problems)
    errors, warnings = len(loaded.errors), len(loaded.warnings)
    if errors:
        click.echo(
            f"{tracker.name}: {wording.count(errors, 'error')}, "
            f"{wording.count(warnings, 'warning')}. "
            "Fix the errors, then run followup check again.",
            err=True,
        )
        raise SystemExit(EXIT_DATA)
    summary = "no problems" if not warnings else wording.count(warnings, "warning")
    click.echo(f"{tracker.name}: {summary}. Ready for followup refresh.")


@main.command()
@tracker_argument
@as_of_option
@days_option
@click.option(
    "--output",
    "-o",
    **output_path(TRACKER),
    default=None,
    metavar="OUT.xlsx",
    help="Write the refreshed workbook here, a new file; the tracker itself is left as it was.",
)
@overwrite_option
@click.option("--dry-run", is_flag=True, help="Compute and print the plan; write nothing.")
@click.option(
    "--no-backup", is_flag=True, help="Do not keep a copy of the previous version of the tracker."
)
@click.option(
    "--force", is_flag=True, help="Write even though a lock file says the tracker is open."
)
def refresh(
    tracker: Path,
    as_of: dt.datetime | None,
    days: int,
    output: Path | None,
    dry_run: bool,
    no_backup: bool,
    force: bool,
    overwrite: bool,
) -> None:
    """Plan the week and rewrite followup's own sheets."""
    if output is not None and output.suffix.lower() != tracker.suffix.lower():
        # A macro workbook under .xlsx, or a plain one under .xlsm, does not open in Excel.
        ctx = click.get_current_context()
        raise click.BadParameter(
            f"{output.name} does not fit {tracker.name}: name the copy with the tracker's own "
            f"ending, {tracker.suffix.lower()}.",
            ctx,
            next(p for p in ctx.command.params if p.name == "output"),
        )
    done = operations.refresh(
        tracker,
        _as_of(as_of),
        days,
        output=output,
        dry_run=dry_run,
        backup=not no_backup,
        force=force,
        overwrite=overwrite,
    )
    echo_refreshed(done)


def echo_refreshed(done: operations.Refreshed) -> None:
    echo_problems(done.warnings)
    plan = done.plan
    for line in terminal.week_lines(plan.as_of, plan.days, plan.this_week, len(plan.network)):
        click.echo(line)
    recorded = terminal.recorded_line(plan.recorded["step"], dry_run=done.written is None)
    if recorded:
        click.echo(recorded)
    if done.written is None:
        click.echo("Dry run: nothing was written.")
        return
    click.echo(f"Wrote This Week, Network Updates, Summary and History to {done.written}.")
    if done.backup is not None:
        click.echo(f"The previous version is kept in {done.backup}.")


@main.command()
@click.argument(
    "folder",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    metavar="[DIR]",
)
def demo(folder: Path) -> None:
    """Try it: copy the sample tracker into DIR and refresh it.

    DIR defaults to the current folder. The sample's dates are moved to around today.
    """
    path, done = operations.demo(folder, today())
    echo_refreshed(done)
    click.echo(f"Open {path} and look at the This Week sheet.")


@main.command()
@tracker_argument
@click.option(
    "--to",
    "to",
    **output_path(EXPORT),
    default=None,
    metavar="OUT.xlsx",
    help="Write This Week, Network Updates and Summary (without your Notes) to this workbook.",
)
@click.option(
    "--ics",
    "ics_path",
    **output_path(CALENDAR),
    default=None,
    metavar="OUT.ics",
    help="Write the week's open actions as calendar events to this file.",
)
@click.option(
    "--work-search",
    "work_search",
    **output_path(WORK_SEARCH),
    default=None,
    metavar="OUT.xlsx|OUT.csv",
    help="Write the work-search log for an unemployment office to this workbook or CSV file.",
)
@click.option(
    "--from",
    "start",
    type=IsoDate(),
    default=None,
    metavar="YYYY-MM-DD",
    help="First day of the work-search log (default: the Monday 3 weeks before this week's).",
)
@click.option(
    "--until",
    "end",
    type=IsoDate(),
    default=None,
    metavar="YYYY-MM-DD",
    help="Last day of the work-search log (default: today).",
)
@as_of_option
@days_option
@overwrite_option
def export(
    tracker: Path,
    to: Path | None,
    ics_path: Path | None,
    work_search: Path | None,
    start: dt.datetime | None,
    end: dt.datetime | None,
    as_of: dt.datetime | None,
    days: int,
    overwrite: bool,
) -> None:
    """Share the week: a workbook for your coach, calendar events, or a work-search log.

    --to writes This Week, Network Updates and Summary without your Notes; --ics writes the
    week's open actions as calendar events (importing a newer file updates them);
    --work-search writes the activities of the last 4 weeks (or --from/--until), each week
    counted against Work search activities required per week, without your Notes. Each
    may replace followup's own earlier file of its kind; any other existing file is left alone
    unless --overwrite.
    """
    if to is None and ics_path is None and work_search is None:
        raise click.UsageError(
            "say where to export: --to OUT.xlsx, --ics OUT.ics, --work-search OUT.csv, or several."
        )
    if work_search is None and (start or end):
        raise click.UsageError("--from and --until are for the work-search log: add --work-search.")
    request = None
    if work_search is not None:
        request = operations.WorkSearchRequest(
            work_search, start and start.date(), end and end.date()
        )
    done = operations.export(
        tracker,
        _as_of(as_of),
        days,
        to=to,
        ics_path=ics_path,
        work_search=request,
        overwrite=overwrite,
    )
    actions = wording.count(len(done.plan.this_week), "action")
    if to is not None:
        click.echo(f"Wrote the week ({actions}) for your coach to {to}.")
    if ics_path is not None:
        click.echo(f"Wrote {actions} as calendar events to {ics_path}.")
    if done.work_search is not None:
        from followup.worksearch import totals_line

        click.echo(f"Wrote the work-search log ({totals_line(done.work_search)}) to {work_search}.")


@main.command()
@click.argument(
    "trackers",
    nargs=-1,
    required=True,
    type=click.Path(path_type=Path),
    metavar="TRACKER...",
)
@click.option(
    "--to",
    "to",
    **output_path(CASELOAD),
    required=True,
    metavar="OUT.xlsx",
    help="Write the caseload workbook here (it may replace the caseload written last time).",
)
@as_of_option
@days_option
@overwrite_option
def caseload(
    trackers: tuple[Path, ...], to: Path, as_of: dt.datetime | None, days: int, overwrite: bool
) -> None:
    """For a coach: one workbook over many clients' trackers.

    Each TRACKER (or every spreadsheet in a folder) is read, never written, and planned as
    refresh --dry-run would: the Caseload sheet has a row per client, those needing you first,
    and each client's This Week has a sheet of its own. A file that cannot be planned (an
    .ods, .xls or .csv, a tracker with errors) is a row saying why.
    """
    done = operations.caseload(list(trackers), _as_of(as_of), days, to=to, overwrite=overwrite)
    for file, why in done.not_planned:
        click.echo(f"warning: {file}: {why}", err=True)
    click.echo(
        f"Wrote the caseload of {wording.count(done.clients, 'client')} "
        f"({done.needing} needing you now) to {done.written}."
    )


# Everything loaded so far (pandas, followup's modules) lives until the process ends, so no
# collection need walk it again: frozen before the collector starts again (see the top), for
# a program that imports this module (the `followup` program itself runs without it).
gc.freeze()
if _collecting:
    gc.enable()
