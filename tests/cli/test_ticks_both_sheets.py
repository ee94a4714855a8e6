"""A network update or advocate ask is listed in both This Week and Network Updates: it is
one action (SPEC 6), whichever sheet the user ticks or edits it on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import refresh, run, sheet, type_into
from tests.workbooks import ACME, tracker

WEEK = THIS_WEEK_SHEET.name
NETWORK = NETWORK_SHEET.name
MARIA = {
    "Name": "Maria Gonzalez",
    "Relationship": "Core network",
    "Last update": dt.date(2026, 10, 1),
}
TOM = {"Name": "Tom Reyes", "Relationship": "Advocate", "Company": "Acme"}
EDITED = "Hi Maria,\n\nQuick news: I had a good interview at Acme.\n\nAna"
ANGRY = "Hi Maria,\n\nStill NO answer from Acme, this is ridiculous!!\n\nAna"


def recorded(path: Path) -> list[tuple[str, str, str, str]]:
    rows = sheet(path, HISTORY_SHEET.name)
    return [
        (pd.Timestamp(d).strftime("%Y-%m-%d"), str(s), str(c), str(m))
        for d, s, c, m in rows[["Date", "Step", "Contact", "Message"]].to_numpy()
    ]


@pytest.fixture
def listed(tmp_path: Path) -> Path:
    """A tracker whose Maria update is listed on both sheets, written on Mon 30 Nov."""
    path = tracker(tmp_path / "t.xlsx", [ACME], contacts=[MARIA], writer="xlsxwriter")
    refresh(path, "2026-11-30")
    assert list(sheet(path, WEEK).query("Step == 'network-update'")["Contact"]) == [
        "Maria Gonzalez"
    ]
    assert list(sheet(path, NETWORK)["Contact"]) == ["Maria Gonzalez"]
    return path


@pytest.mark.parametrize(
    ("week_done", "network_done", "day"),
    [
        ("x", dt.datetime(2026, 12, 3), "2026-11-30"),
        (dt.datetime(2026, 12, 3), "x", "2026-11-30"),
        (dt.datetime(2026, 12, 2), dt.datetime(2026, 12, 1), "2026-12-01"),
        (dt.datetime(2026, 12, 1), dt.datetime(2026, 12, 2), "2026-12-01"),
        ("x", "X", "2026-11-30"),
    ],
)
def test_an_update_ticked_on_both_sheets_is_recorded_once_on_the_earlier_day(
    listed: Path, tmp_path: Path, week_done: object, network_done: object, day: str
) -> None:
    type_into(listed, WEEK, {"Step": "network-update"}, {"Done": week_done})
    type_into(listed, NETWORK, {"Contact": "Maria Gonzalez"}, {"Done": network_done})
    output = refresh(listed, "2026-12-07")
    assert "Recorded 1 done action" in output
    assert [(d, s, c) for d, s, c, _m in recorded(listed)] == [
        (day, "network-update", "Maria Gonzalez")
    ]
    # The office's log lists the one update once.
    out = tmp_path / "log.csv"
    code, printed = run("export", str(listed), "--work-search", str(out), "--as-of", "2026-12-07")
    assert code == 0, printed
    assert out.read_text(encoding="utf-8-sig").count("Network update sent") == 1
    # A second refresh records nothing again.
    refresh(listed, "2026-12-07")
    assert len(recorded(listed)) == 1


@pytest.mark.parametrize(("edited_on", "ticked_on"), [(NETWORK, WEEK), (WEEK, NETWORK)])
def test_the_draft_edited_on_one_sheet_is_recorded_when_ticked_on_the_other(
    listed: Path, edited_on: str, ticked_on: str
) -> None:
    match = {"Contact": "Maria Gonzalez"}
    type_into(listed, edited_on, match, {"Draft": EDITED})
    type_into(listed, ticked_on, match, {"Done": "x"})
    output = refresh(listed, "2026-12-03")
    assert recorded(listed) == [("2026-11-30", "network-update", "Maria Gonzalez", EDITED)]
    # Its edit is not reported lost: it went to History with the tick.
    assert "not carried over" not in output


def test_when_both_sheets_hold_an_edit_the_one_beside_the_tick_is_recorded(listed: Path) -> None:
    match = {"Contact": "Maria Gonzalez"}
    type_into(listed, WEEK, match, {"Draft": "Hi Maria, from This Week."})
    type_into(listed, NETWORK, match, {"Draft": EDITED, "Done": "x"})
    refresh(listed, "2026-12-03")
    assert [m for *_rest, m in recorded(listed)] == [EDITED]


def test_an_edited_draft_shows_with_its_tone_note_on_both_sheets(listed: Path) -> None:
    type_into(listed, NETWORK, {"Contact": "Maria Gonzalez"}, {"Draft": ANGRY})
    refresh(listed, "2026-12-01")
    week = sheet(listed, WEEK).query("Step == 'network-update'").iloc[0]
    network = sheet(listed, NETWORK).iloc[0]
    for row in (week, network):
        assert row["Draft"] == ANGRY
        assert row["Why"].startswith("Tone: reads as frustrated (")
    # Still an edit a week later (not mistaken for followup's own draft), and recorded as such.
    refresh(listed, "2026-12-02")
    type_into(listed, WEEK, {"Step": "network-update"}, {"Done": dt.datetime(2026, 12, 2)})
    refresh(listed, "2026-12-03")
    assert recorded(listed) == [("2026-12-02", "network-update", "Maria Gonzalez", ANGRY)]


def test_an_advocate_ask_ticked_on_both_sheets_is_recorded_once(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], contacts=[TOM])
    refresh(path, "2026-11-25")
    type_into(path, WEEK, {"Step": "ask-advocate"}, {"Done": "x"})
    type_into(path, NETWORK, {"Contact": "Tom Reyes"}, {"Done": dt.datetime(2026, 11, 26)})
    refresh(path, "2026-11-30")
    assert [(d, s, c) for d, s, c, _m in recorded(path)] == [
        ("2026-11-25", "ask-advocate", "Tom Reyes")
    ]


NOTE = "told her in person at the meetup"


def notes(path: Path) -> list[tuple[str, str, str]]:
    rows = sheet(path, HISTORY_SHEET.name).astype(object).fillna("")
    return [(str(s), str(c), str(n)) for s, c, n in rows[["Step", "Contact", "Note"]].to_numpy()]


@pytest.mark.parametrize(
    ("week_done", "network_done"),
    [
        (None, "x"),
        (None, dt.datetime(2026, 12, 2)),
        ("x", None),
        # Ticked on both: the Network Updates tick is the earlier, so that row is recorded.
        (dt.datetime(2026, 12, 2), dt.datetime(2026, 12, 1)),
        (dt.datetime(2026, 12, 1), "x"),
    ],
)
def test_the_note_typed_in_this_week_is_recorded_whichever_sheet_is_ticked(
    listed: Path, week_done: object, network_done: object
) -> None:
    typed: dict[str, object] = {"Note": NOTE, "Draft": EDITED}
    if week_done is not None:
        typed["Done"] = week_done
    type_into(listed, WEEK, {"Step": "network-update"}, typed)
    if network_done is not None:
        type_into(listed, NETWORK, {"Contact": "Maria Gonzalez"}, {"Done": network_done})
    output = refresh(listed, "2026-12-03")
    assert "Recorded 1 done action" in output
    assert notes(listed) == [("network-update", "Maria Gonzalez", NOTE)]
    assert [m for *_rest, m in recorded(listed)] == [EDITED]
    assert "not carried over" not in output


def test_each_note_goes_with_its_own_action(tmp_path: Path) -> None:
    lee = {"Name": "Lee Wong", "Relationship": "Core network", "Last update": dt.date(2026, 10, 5)}
    path = tracker(tmp_path / "t.xlsx", [ACME], contacts=[MARIA, lee, TOM])
    refresh(path, "2026-11-25")
    assert set(sheet(path, NETWORK)["Contact"]) == {"Maria Gonzalez", "Lee Wong", "Tom Reyes"}
    type_into(path, WEEK, {"Contact": "Lee Wong"}, {"Note": "over coffee"})
    type_into(path, WEEK, {"Step": "ask-advocate"}, {"Note": "asked at lunch"})
    for name in ("Maria Gonzalez", "Lee Wong", "Tom Reyes"):
        type_into(path, NETWORK, {"Contact": name}, {"Done": "x"})
    refresh(path, "2026-11-30")
    assert sorted(notes(path)) == [
        ("ask-advocate", "Tom Reyes", "asked at lunch"),
        ("network-update", "Lee Wong", "over coffee"),
        ("network-update", "Maria Gonzalez", ""),
    ]
