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
    via_libreoffice_all,
)

pytestmark = pytest.mark.soffice

# Comma separated, double quotes, UTF-8 (76), one file per sheet (-1 in the last token).
ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


SYSTEMS = {"1900": False, "1904": True}


@dataclass(frozen=True)
class Converted:
    """Each date system's tracker before and after a refresh, printed to PDF, and the
    refreshed one exported to CSV: one LibreOffice run per format for all of them."""

    before: dict[str, Path]
    after: dict[str, Path]
    csv_folder: Path


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    folder = tmp_path_factory.mktemp("refreshed")
    sources, refreshed = {}, {}
    for system, date1904 in SYSTEMS.items():
        built = tracker_by_xlsxwriter(folder / system, date1904=date1904)
        sources[system] = built.rename(folder / f"source-{system}.xlsx")
        refreshed[system] = folder / f"tracker-{system}.xlsx"
        refreshed[system].write_bytes(render(sources[system].read_bytes(), owned_sheets()))
    pdfs = via_libreoffice_all([*sources.values(), *refreshed.values()], folder / "pdf", "pdf")
    via_libreoffice_all(
        list(refreshed.values()), folder / "csv", ALL_SHEETS_CSV, expect="{stem}-This Week.csv"
    )
    return Converted(
        before=dict(zip(SYSTEMS, pdfs[: len(SYSTEMS)], strict=True)),
        after=dict(zip(SYSTEMS, pdfs[len(SYSTEMS) :], strict=True)),
        csv_folder=folder / "csv",
    )


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.parametrize("system", SYSTEMS)
def test_refreshed_tracker_prints_to_pdf(converted: Converted, system: str) -> None:
    before, after = converted.before[system], converted.after[system]
    assert after.read_bytes().startswith(b"%PDF-")
    # The owned sheets print too: at least one more page each.
    assert _pages(after) >= _pages(before) + len(owned_sheets())


def _sheet_csv(folder: Path, stem: str, sheet: str) -> list[list[str]]:
    path = folder / f"{stem}-{sheet}.csv"
    assert path.exists(), f"no CSV for {sheet}: {sorted(p.name for p in folder.iterdir())}"
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("system", SYSTEMS)
def test_owned_rows_export_to_csv(converted: Converted, system: str) -> None:
    folder, stem = converted.csv_folder, f"tracker-{system}"
    week = _sheet_csv(folder, stem, "This Week")
    header = next(i for i, row in enumerate(week) if row and row[0] == "When")
    assert week[header][:5] == ["When", "Due", "Company", "Role", "Step"]
    rows = [row for row in week[header + 1 :] if any(row)]
    assert [(r[0], r[2], r[4]) for r in rows] == [(w, c, s) for w, _d, c, _r, s in THIS_WEEK_ROWS]
    # Due is a real date in the workbook's own date system, so it prints as the same day.
    assert [pd.to_datetime(r[1]).date() for r in rows] == [d for _w, d, *_ in THIS_WEEK_ROWS]
    history = _sheet_csv(folder, stem, "History")
    steps = [row[3] for row in history if len(row) > 3 and row[3] in {h[3] for h in HISTORY_ROWS}]
    assert steps == [h[3] for h in HISTORY_ROWS]
    interviews = _sheet_csv(folder, stem, "Interviews")
    assert interviews[1][0] == "Northwind Traders"
