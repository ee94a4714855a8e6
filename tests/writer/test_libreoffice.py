"""The refreshed tracker opens in LibreOffice headless: it prints to PDF and exports CSV."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from followup.workbook.writer import render
from tests.foreign import (
    HISTORY_ROWS,
    THIS_WEEK_ROWS,
    owned_sheets,
    tracker_by_xlsxwriter,
    via_libreoffice,
)

pytestmark = pytest.mark.soffice

# Comma separated, double quotes, UTF-8 (76), one file per sheet (-1 in the last token).
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@dataclass(frozen=True)
class Refreshed:
    source: Path
    path: Path


@pytest.fixture(scope="module", params=[False, True], ids=["1900", "1904"])
def refreshed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Refreshed:
    folder = tmp_path_factory.mktemp("refreshed")
    source = tracker_by_xlsxwriter(folder / "source", date1904=request.param)
    out = folder / "tracker.xlsx"
    out.write_bytes(render(source.read_bytes(), owned_sheets()))
    return Refreshed(source, out)


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_refreshed_tracker_prints_to_pdf(refreshed: Refreshed, tmp_path: Path) -> None:
    before = via_libreoffice(refreshed.source, tmp_path / "before", "pdf")
    after = via_libreoffice(refreshed.path, tmp_path / "after", "pdf")
    assert after.read_bytes().startswith(b"%PDF-")
    # The owned sheets print too: at least one more page each.
    assert _pages(after) >= _pages(before) + len(owned_sheets())


def _sheet_csv(folder: Path, stem: str, sheet: str) -> list[list[str]]:
    path = folder / f"{stem}-{sheet}.csv"
    assert path.exists(), f"no CSV for {sheet}: {sorted(p.name for p in folder.iterdir())}"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_owned_rows_export_to_csv(refreshed: Refreshed, tmp_path: Path) -> None:
    stem = refreshed.path.stem
    via_libreoffice(refreshed.path, tmp_path, ALL_SHEETS_CSV, expect=f"{stem}-This Week.csv")
    week = _sheet_csv(tmp_path, stem, "This Week")
    header = next(i for i, row in enumerate(week) if row and row[0] == "When")
    assert week[header][:5] == ["When", "Due", "Company", "Role", "Step"]
    rows = [row for row in week[header + 1 :] if any(row)]
    assert [(r[0], r[2], r[4]) for r in rows] == [(w, c, s) for w, _d, c, _r, s in THIS_WEEK_ROWS]
    # Due is a real date in the workbook's own date system, so it prints as the same day.
    assert [pd.to_datetime(r[1]).date() for r in rows] == [d for _w, d, *_ in THIS_WEEK_ROWS]
    history = _sheet_csv(tmp_path, stem, "History")
    steps = [row[3] for row in history if len(row) > 3 and row[3] in {h[3] for h in HISTORY_ROWS}]
    assert steps == [h[3] for h in HISTORY_ROWS]
    interviews = _sheet_csv(tmp_path, stem, "Interviews")
    assert interviews[1][0] == "Northwind Traders"
