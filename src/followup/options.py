"""Click types and options shared by several commands, defined once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

TRACKER_SUFFIXES = (".xlsx", ".xlsm")


def workbook_path(*, new: bool = False) -> click.Path:
    return click.Path(dir_okay=False, path_type=Path, exists=False, writable=new)


def check_suffix(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in TRACKER_SUFFIXES:
        raise click.BadParameter(
            f"{value.name} is not an Excel workbook name; use a name ending in .xlsx.", ctx, param
        )
    return value


tracker_argument = click.argument(
    "tracker", type=workbook_path(), callback=check_suffix, metavar="TRACKER.xlsx"
)
as_of_option = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    metavar="YYYY-MM-DD",
    help="Plan as if today were this date (default: today, your local date).",
)
days_option = click.option(
    "--days",
    type=click.IntRange(1, 31),
    default=7,
    show_default=True,
    help="How many days ahead the plan looks, starting today.",
)


def today() -> dt.date:
    """The user's local date (never the UTC date)."""
    return dt.date.today()
