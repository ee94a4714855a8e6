"""Click types and options shared by several commands, defined once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from followup.errors import FollowupError, quoted
from followup.outputs import OutputKind, free_tracker_name, name_problem

TRACKER_SUFFIXES = (".xlsx", ".xlsm")
_HEAD = 64 * 1024  # where a calendar's or a CSV's marker is
SOURCE_SUFFIXES = (*TRACKER_SUFFIXES, ".csv")  # what `followup import` reads
# Files a spreadsheet app can open but followup cannot, and what to do about each.
OTHER_FORMATS = {
    ".xls": "an old-format Excel file",
    ".ods": "a LibreOffice (OpenDocument) spreadsheet",
    ".numbers": "a Numbers spreadsheet",
    ".csv": "a CSV file",
}


def workbook_path(*, new: bool = False) -> click.Path:
    return click.Path(dir_okay=False, path_type=Path, exists=False, writable=new)


def check_suffix(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is None or value.suffix.lower() in TRACKER_SUFFIXES:
        return value
    from followup import operations  # it imports this module

    try:
        # A lock file or an output of followup's: what the user has, named as what it is.
        operations.refuse_lock_file(value)
        with value.open("rb") as f:
            operations.refuse_output(f.read(_HEAD), value)
    except OSError:
        pass  # a missing or unreadable file is named below, or by the command
    except FollowupError as exc:
        click.echo(f"error: {exc}", err=True)
        ctx.exit(1)
    kind = OTHER_FORMATS.get(value.suffix.lower())
    if kind:
        # The file is what the user has, not a mistyped command: a data error (SPEC 7).
        how = "Open it and save it as an Excel workbook (.xlsx)."
        if value.suffix.lower() == ".csv":
            # A CSV file is most often the list of applications someone keeps (SPEC 3a).
            how = (
                "followup reads a tracker workbook; to make one from this list, run: "
                f"followup import {quoted(value)} {quoted(free_tracker_name(value))}"
            )
        click.echo(f"error: {value.name} is {kind}. {how}", err=True)
        ctx.exit(1)
    message = f"{value.name} is not an Excel workbook name; use a name ending in .xlsx."
    raise click.BadParameter(message, ctx, param)


def output_path(kind: OutputKind) -> dict[str, Any]:
    """Click settings for an option naming a file to write: its name must fit the kind of
    output (a usage error, exit 2). Whether it may be written is checked by the command."""

    def fits(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
        problem = None if value is None else name_problem(value, kind)
        if problem:
            raise click.BadParameter(problem, ctx, param)
        return value

    # Not Click's writable check: it blames permissions for a folder that does not exist.
    return {"type": click.Path(dir_okay=False, path_type=Path), "callback": fits}


overwrite_option = click.option(
    "--overwrite",
    is_flag=True,
    help="Replace the output file even though followup did not write it.",
)


class IsoDate(click.DateTime):
    """A date typed as YYYY-MM-DD, with a message a non-programmer can act on."""

    name = "date"

    def __init__(self) -> None:
        super().__init__(formats=["%Y-%m-%d"])

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> dt.datetime:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            self.fail(
                f"{value!r} is not a date. Type it as YYYY-MM-DD, e.g. 2026-11-23.", param, ctx
            )


tracker_argument = click.argument(
    "tracker", type=workbook_path(), callback=check_suffix, metavar="TRACKER.xlsx"
)
as_of_option = click.option(
    "--as-of",
    type=IsoDate(),
    default=None,
    metavar="YYYY-MM-DD",
    help="Plan as if today were this date (default: today, your local date).",
)
days_option = click.option(
    "--days",
    type=click.IntRange(1, 31),
    default=7,
    show_default=True,
    metavar="N",
    help="How many days the plan covers, starting today (1 to 31).",
)


def today() -> dt.date:
    """The user's local date (never the UTC date)."""
    return dt.date.today()
