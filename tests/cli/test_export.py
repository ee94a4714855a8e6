"""Sharing the week: the coach's workbook and the calendar file."""

from __future__ import annotations

from pathlib import Path

import icalendar
import openpyxl
import pytest

from followup.sample import write_sample
from tests.cli.helpers import run
from tests.foreign import via_libreoffice


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.xlsx"
    write_sample(path)
    return path


def test_export_workbook_has_the_generated_sheets_without_notes(
    sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "coach.xlsx"
    before = sample.read_bytes()
    code, output = run("export", str(sample), "--as-of", "2026-11-23", "--to", str(out))
    assert code == 0, output
    assert output.startswith("Wrote the week (") and output.endswith(f"for your coach to {out}.\n")
    assert sample.read_bytes() == before
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["This Week", "Network Updates", "Summary"]
    assert wb.active.title == "This Week"
    header = next(r for r in wb["This Week"].iter_rows(values_only=True) if r[0] == "When")
    assert "Note" not in header and header[:12] == (
        "When",
        "Due",
        "Company",
        "Role",
        "Step",
        "Action",
        "Channel",
        "Contact",
        "Time",
        "Why",
        "Draft",
        "Done",
    )


def test_calendar_has_one_event_per_action_and_stable_uids(sample: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert run("export", str(sample), "--as-of", "2026-11-23", "--ics", str(first))[0] == 0
    assert run("export", str(sample), "--as-of", "2026-11-24", "--ics", str(second))[0] == 0
    events = icalendar.Calendar.from_ical(first.read_bytes()).walk("VEVENT")
    _, output = run(
        "export", str(sample), "--as-of", "2026-11-23", "--to", str(tmp_path / "c.xlsx")
    )
    count = int(output.split("(")[1].split(" ")[0])
    assert len(events) == count > 0
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    later = {
        str(e["UID"]) for e in icalendar.Calendar.from_ical(second.read_bytes()).walk("VEVENT")
    }
    assert set(uids) & later  # actions still open a day later keep their UID
    calls = [
        e for e in events if "Call" in str(e["SUMMARY"]) and "status" in str(e["SUMMARY"]).lower()
    ]
    for call in calls:
        assert call.decoded("DTSTART").hour == 16  # the Status call time from Settings
    again = tmp_path / "again.ics"
    run("export", str(sample), "--as-of", "2026-11-23", "--ics", str(again))
    assert again.read_bytes() == first.read_bytes()


def test_export_needs_a_target(sample: Path) -> None:
    code, output = run("export", str(sample))
    assert code == 2
    assert (
        "say where to export: --to OUT.xlsx, --ics OUT.ics, --work-search OUT.csv, or several."
        in output
    )


@pytest.mark.soffice
def test_export_opens_in_libreoffice(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "coach.xlsx"
    run("export", str(sample), "--as-of", "2026-11-23", "--to", str(out))
    pdf = via_libreoffice(out, tmp_path / "pdf", "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
