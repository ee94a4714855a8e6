"""The refreshed tracker as a user's spreadsheet app shows it (LibreOffice, headless)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from followup.cli import main


def refresh_demo(folder: Path) -> Path:
    assert CliRunner().invoke(main, ["demo", str(folder)]).exit_code == 0
    path = folder / "sample-tracker.xlsx"
    result = CliRunner().invoke(main, ["refresh", str(path), "--no-backup"])
    assert result.exit_code == 0, result.output
    return path


def test_summary_chart_is_replaced_not_duplicated(tmp_path: Path) -> None:
    path = refresh_demo(tmp_path)
    with zipfile.ZipFile(path) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        drawings = [n for n in zf.namelist() if n.startswith("xl/drawings/drawing")]
        assert len(charts) == 1 and len(drawings) == 1
        assert b"Follow-ups sent" in zf.read(charts[0])


@pytest.mark.soffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_prints_every_owned_sheet(tmp_path: Path) -> None:
    path = refresh_demo(tmp_path)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=False,
        capture_output=True,
        timeout=240,
    )
    pdf = tmp_path / "sample-tracker.pdf"
    assert pdf.exists(), "LibreOffice could not open the refreshed tracker"
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
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_tick_survives_a_libreoffice_save(tmp_path: Path) -> None:
    import openpyxl

    path = refresh_demo(tmp_path)
    wb = openpyxl.load_workbook(path)
    ws = wb["This Week"]
    header = next(r for r in ws.iter_rows() if r[0].value == "When")
    done = next(c.column for c in header if c.value == "Done")
    ws.cell(header[0].row + 1, done).value = "x"
    wb.save(path)
    resaved = tmp_path / "resaved"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(resaved),
            str(path),
        ],
        check=False,
        capture_output=True,
        timeout=240,
    )
    again = resaved / "sample-tracker.xlsx"
    assert again.exists(), "LibreOffice could not re-save the tracker"
    result = CliRunner().invoke(main, ["refresh", str(again), "--no-backup"])
    assert result.exit_code == 0, result.output
    assert "Recorded 1 done action from your ticks: 1 follow-up." in result.output
