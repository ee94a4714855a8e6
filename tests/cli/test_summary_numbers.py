"""The Summary's counts are numbers a coach can add up or chart, in the tracker and in the
coach export; its words and days stay text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from followup.schema import SUMMARY
from tests.cli.helpers import run
from tests.workbooks import ACME, tracker

SEARCH = [
    {"Date": dt.date(2026, 11, 20), "Activity": "Application", "Company": "Globex"},
    {"Date": dt.date(2026, 11, 21), "Activity": "Networking", "Contact": "Yan Wu"},
]


def cells(path: Path) -> dict[str, object]:
    """Summary's label -> the value beside it, as a spreadsheet app reads the cell."""
    ws = openpyxl.load_workbook(path, read_only=True)[SUMMARY]
    return {
        str(row[0]): row[1] for row in ws.iter_rows(values_only=True) if row[0] and len(row) > 1
    }


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_summary_counts_are_numbers_in_the_tracker_and_the_export(
    tmp_path: Path, writer: str
) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], search=SEARCH, writer=writer)
    code, output = run("refresh", str(path), "--as-of", "2026-11-23", "--no-backup")
    assert code == 0, output
    export = tmp_path / "coach.xlsx"
    code, output = run("export", str(path), "--to", str(export), "--as-of", "2026-11-23")
    assert code == 0, output
    for book in (path, export):
        summary = cells(book)
        assert summary["Overdue now"] == 1  # the halfway note, due Thu 12 Nov
        assert summary["Awaiting decision"] == 1
        assert summary["Awaiting a reply"] == 1  # Globex
        assert summary["Opportunities applied to"] == 2
        assert summary["Search activities"] == 2
        assert summary["16 Nov"] == 0  # the chart's data, as before
        texts = [k for k, v in summary.items() if isinstance(v, str) and v.isdigit()]
        assert texts == []
        # Words and days are still text.
        assert summary["Balance"] == "Stalling"
        assert summary["As of"] == "Mon 23 Nov 2026"
