"""The refreshed tracker as a user's spreadsheet app shows it (LibreOffice, headless)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from followup.schema import THIS_WEEK_SHEET
from tests.cli.helpers import run, type_into
from tests.foreign import via_libreoffice
from tests.workbooks import copied


@pytest.fixture(scope="module")
def demo_refreshed_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    assert run("demo", str(folder))[0] == 0
    path = folder / "sample-tracker.xlsx"
    code, output = run("refresh", str(path), "--no-backup")
    assert code == 0, output
    return path


@pytest.fixture
def demo_refreshed(demo_refreshed_once: Path, tmp_path: Path) -> Path:
    """The demo tracker refreshed once (made once a module), copied for the test."""
    return copied(demo_refreshed_once, tmp_path)


def test_summary_chart_is_replaced_not_duplicated(demo_refreshed: Path) -> None:
    path = demo_refreshed
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        drawings = [n for n in zf.namelist() if n.startswith("xl/drawings/drawing")]
        assert len(charts) == 1 and len(drawings) == 1
        assert b"Follow-ups sent" in zf.read(charts[0])


@pytest.mark.soffice
def test_libreoffice_prints_every_owned_sheet(demo_refreshed: Path, tmp_path: Path) -> None:
    pdf = via_libreoffice(demo_refreshed, tmp_path / "pdf", "pdf")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for title in (
        "This Week:",
        "Network Updates as of",
        "Summary for your coach",
        "History of what you ticked done",
        "Follow-ups and search activities per week",
    ):
        assert title in text


@pytest.mark.soffice
def test_a_tick_survives_a_libreoffice_save(demo_refreshed: Path, tmp_path: Path) -> None:
    path = demo_refreshed
    type_into(path, THIS_WEEK_SHEET.name, {"When": "Overdue", "Step": "halfway"}, {"Done": "x"})
    again = via_libreoffice(path, tmp_path / "resaved")
    code, output = run("refresh", str(again), "--no-backup")
    assert code == 0, output
    assert "Recorded 1 done action from your ticks: 1 follow-up." in output
