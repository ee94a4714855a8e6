"""A thank-you ticked for a round booked ahead (SPEC 4 lists the coming round's thank-yous in
advance; SPEC 6 says what `x` means): the tick completes it once the interview has happened,
however late the refresh, and follows the round when it is moved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup.schema import HISTORY_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import refresh, sheet, type_into
from tests.workbooks import ACME, copied, tracker

WEEK = THIS_WEEK_SHEET.name
ONSITE = dt.date(2026, 11, 19)  # a Thursday, booked ahead of the Monday 16 refresh
PANEL = ("Lee Park", "Sam Roe")


def booked_ahead(folder: Path) -> Path:
    onsite = [
        {**ACME, "Interview date": ONSITE, "Round": "Onsite", "Interviewer": name} for name in PANEL
    ]
    path = tracker(folder / "t.xlsx", interviews=[ACME, *onsite], writer="xlsxwriter")
    refresh(path, "2026-11-16")
    listed = sheet(path, WEEK)
    thanks = listed[listed["Step"].eq("thank-you")]
    assert sorted(thanks["Contact"]) == list(PANEL)
    assert set(thanks["Due"]) == {dt.datetime(2026, 11, 19)}
    return path


def recorded(path: Path) -> list[tuple[str, str]]:
    rows = sheet(path, HISTORY_SHEET.name)
    return sorted((f"{d:%Y-%m-%d}", str(c)) for d, c in rows[["Date", "Contact"]].to_numpy())


def thank_yous(path: Path) -> list[tuple[str, str]]:
    rows = sheet(path, WEEK)
    rows = rows[rows["Step"].eq("thank-you")].astype(object).fillna("")
    return sorted((str(c), str(d)) for c, d in rows[["Contact", "Done"]].to_numpy())


def tick_panel(path: Path) -> None:
    for name in PANEL:
        type_into(path, WEEK, {"Step": "thank-you", "Contact": name}, {"Done": "x"})


# Every test starts from the same refreshed tracker, most with both thank-yous ticked: each
# is made once a module, and every test changes a copy of its own.
@pytest.fixture(scope="module")
def booked_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return booked_ahead(tmp_path_factory.mktemp("booked"))


@pytest.fixture(scope="module")
def ticked_once(booked_once: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = copied(booked_once, tmp_path_factory.mktemp("ticked"))
    tick_panel(path)
    return path


@pytest.fixture
def booked(booked_once: Path, tmp_path: Path) -> Path:
    """The onsite booked ahead, refreshed on Monday 16 November."""
    return copied(booked_once, tmp_path)


@pytest.fixture
def ticked(ticked_once: Path, tmp_path: Path) -> Path:
    """The same, both panellists' thank-yous then ticked `x`."""
    return copied(ticked_once, tmp_path)


@pytest.mark.parametrize("after", ["2026-11-19", "2026-11-23", "2026-11-30"])
def test_ticked_the_week_it_is_listed_completes_on_the_interview_day(
    ticked: Path, after: str
) -> None:
    refresh(ticked, after)
    assert recorded(ticked) == [("2026-11-19", name) for name in PANEL]
    assert thank_yous(ticked) == []


def test_ticked_before_the_interview_and_refreshed_before_it_waits_ticked(
    ticked: Path,
) -> None:
    output = refresh(ticked, "2026-11-18")
    # Not recorded on the 18th (a thank-you before the interview completes nothing), still
    # ticked on the new sheet...
    assert "Recorded" not in output
    assert sheet(ticked, HISTORY_SHEET.name).empty
    assert thank_yous(ticked) == [(name, "x") for name in PANEL]
    # ... and recorded on the interview day by a refresh a week late.
    output = refresh(ticked, "2026-11-27")
    assert "Recorded 2 done actions from your ticks: 2 follow-ups." in output
    assert recorded(ticked) == [("2026-11-19", name) for name in PANEL]
    assert thank_yous(ticked) == []
    refresh(ticked, "2026-11-27")
    assert len(recorded(ticked)) == 2


def test_one_panellist_ticked_the_other_still_listed(booked: Path) -> None:
    type_into(booked, WEEK, {"Step": "thank-you", "Contact": "Sam Roe"}, {"Done": "x"})
    refresh(booked, "2026-11-18")
    assert thank_yous(booked) == [("Lee Park", ""), ("Sam Roe", "x")]
    refresh(booked, "2026-11-20")
    assert recorded(booked) == [("2026-11-19", "Sam Roe")]
    assert thank_yous(booked) == [("Lee Park", "")]


def _move_onsite(path: Path, day: dt.date) -> None:
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb["Interviews"]
    for row in ws.iter_rows(min_row=2):
        if row[2].value is not None and row[2].value.date() == ONSITE:
            row[2].value = day
    wb.save(path)


@pytest.mark.parametrize(
    ("moved_to", "after", "day"),
    [
        (dt.date(2026, 11, 25), "2026-11-30", "2026-11-25"),  # later, refreshed after
        (dt.date(2026, 11, 18), "2026-11-23", "2026-11-18"),  # earlier
    ],
)
def test_a_tick_follows_its_round_when_the_round_is_moved(
    ticked: Path, moved_to: dt.date, after: str, day: str
) -> None:
    _move_onsite(ticked, moved_to)
    refresh(ticked, after)
    assert recorded(ticked) == [(day, name) for name in PANEL]
    assert thank_yous(ticked) == []


def test_a_round_moved_later_keeps_the_tick_until_it_has_happened(ticked: Path) -> None:
    _move_onsite(ticked, dt.date(2026, 11, 25))
    refresh(ticked, "2026-11-23")
    assert sheet(ticked, HISTORY_SHEET.name).empty
    listed = sheet(ticked, WEEK)
    thanks = listed[listed["Step"].eq("thank-you")]
    assert set(thanks["Due"]) == {dt.datetime(2026, 11, 25)}
    assert thank_yous(ticked) == [(name, "x") for name in PANEL]


def test_a_round_moved_out_of_the_window_warns_that_the_tick_was_not_kept(
    booked: Path,
) -> None:
    row = type_into(booked, WEEK, {"Step": "thank-you", "Contact": "Lee Park"}, {"Done": "x"})
    _move_onsite(booked, dt.date(2026, 12, 10))
    output = refresh(booked, "2026-11-18")
    assert sheet(booked, HISTORY_SHEET.name).empty
    assert (
        f"warning: This Week!L{row}: your tick of 'Send a thank-you note' (Acme, Analyst, Lee Park) "
        "was not recorded: that interview has not happened yet and its thank-you is not on the "
        "new list. It comes back in the week of the interview: tick it there once you have sent "
        "it.\n"
    ) in output
