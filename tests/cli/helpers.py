"""What the end-to-end tests do as a user would: run a command, read or type into a sheet."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
from click.testing import CliRunner

from followup.cli import main
from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET

_FIRST_HEADER = {
    s.name: s.columns[0].header for s in (THIS_WEEK_SHEET, NETWORK_SHEET, HISTORY_SHEET)
}


def run(*args: str) -> tuple[int, str]:
    """Run followup; a traceback fails the test, an exit code is returned."""
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def refresh(path: Path, as_of: str) -> str:
    """Refresh the tracker in place as of `as_of` (no backup), asserting it succeeds; its
    printed plan is returned."""
    code, output = run("refresh", str(path), "--as-of", as_of, "--no-backup")
    assert code == 0, output
    return output


def sheet(path: Path, name: str) -> pd.DataFrame:
    """An owned sheet's table as the user sees it (its header row is under the title lines)."""
    grid = pd.read_excel(path, sheet_name=name, header=None, engine="calamine")
    header = grid.index[grid.iloc[:, 0].eq(_FIRST_HEADER[name])][0]
    labels = grid.iloc[header].tolist()
    table = grid.iloc[header + 1 :].set_axis(labels, axis=1)
    # The table's own columns run up to the first blank header; bookkeeping kept beside it
    # (which may run below the table) does not make a row.
    width = next((i for i, label in enumerate(labels) if pd.isna(label)), len(labels))
    return table.dropna(how="all", subset=labels[:width]).reset_index(drop=True)


def type_into(path: Path, name: str, match: Mapping[str, Any], values: Mapping[str, Any]) -> int:
    """Type `values` into every row of an owned sheet whose cells equal `match`, then save,
    as a user does in Excel; returns the last row typed into. An empty `match` appends a row."""
    wb = openpyxl.load_workbook(path)
    ws = wb[name]
    header = next(r for r in ws.iter_rows() if r[0].value == _FIRST_HEADER[name])
    column = {c.value: c.column for c in header}
    rows = (
        [
            r
            for r in range(header[0].row + 1, ws.max_row + 1)
            if all(ws.cell(r, column[k]).value == v for k, v in match.items())
        ]
        if match
        else [ws.max_row + 1]
    )
    assert rows, f"no {name} row has {dict(match)}"
    for r in rows:
        for key, value in values.items():
            ws.cell(r, column[key]).value = value
    wb.save(path)
    return rows[-1]
