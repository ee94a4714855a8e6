"""A panel's thank-yous, one per interviewer, read apart wherever a line shows an action
without its Contact column: the refresh's terminal summary and calendar events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from icalendar import Calendar

from tests.cli.helpers import run
from tests.workbooks import tracker

PANEL = [
    {
        "Company": "Contoso Ltd",
        "Role": "Data Engineer",
        "Interview date": dt.date(2026, 11, 24),
        "Round": "Panel",
        "Interviewer": name,
        "Interviewer type": "Panel",
        "Decision by": "3 weeks",
    }
    for name in ("Ann Lee", "Bob Stone", "Carla Diaz")
]


def test_overdue_panel_thank_yous_name_their_interviewers(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", PANEL, writer="xlsxwriter")
    code, output = run("refresh", str(path), "--as-of", "2026-11-26", "--dry-run")
    assert code == 0, output
    overdue = output.split("Overdue:\n")[1].splitlines()[:3]
    assert overdue == [
        f"  - Contoso Ltd (Data Engineer): Send a thank-you note to {name}, due Tue 24 Nov 2026"
        for name in ("Ann Lee", "Bob Stone", "Carla Diaz")
    ]


def test_each_panel_thank_you_is_its_own_calendar_event(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", PANEL)
    out = tmp_path / "week.ics"
    code, output = run("export", str(path), "--ics", str(out), "--as-of", "2026-11-24")
    assert code == 0, output
    events = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    thanks = sorted(str(e["SUMMARY"]) for e in events if "thank-you" in str(e["SUMMARY"]))
    assert thanks == [
        f"Send a thank-you note to {name} (Contoso Ltd)"
        for name in ("Ann Lee", "Bob Stone", "Carla Diaz")
    ]
    assert len({str(e["UID"]) for e in events}) == len(events)
