"""Sorting, filtering or moving the rows of This Week and Network Updates in Excel or
LibreOffice changes nothing the next refresh does: followup's hidden cells beside the tables
do not move with a sort, yet every tick, edit and warning follows its row (SPEC 6)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import refresh, sheet, type_into
from tests.workbooks import copied, tracker

WEEK = THIS_WEEK_SHEET.name
NETWORK = NETWORK_SHEET.name
INTERVIEWS = [
    *(
        {
            "Company": "Acme",
            "Role": "Analyst",
            "Interview date": dt.date(2026, 11, 26),
            "Interviewer": name,
            "Interviewer type": "Panel",
            "Decision by": "2 weeks",
        }
        for name in ("Ann Lee", "Bo Chen")
    ),
    {
        "Company": "Beta",
        "Role": "Engineer",
        "Interview date": dt.date(2026, 11, 19),
        "Interviewer": "Dana Kim",
        "Decision by": "2 weeks",
    },
]
SEARCH = [
    {"Date": dt.date(2026, 11, 16), "Activity": "Application", "Company": "Gamma", "Role": "Clerk"},
    {"Date": dt.date(2026, 11, 20), "Activity": "Application", "Company": "Delta", "Role": "Clerk"},
]
SECOND = "Follow up on your application (2 of 2)"
CONTACTS = [
    {"Name": "Maria Gonzalez", "Relationship": "Core network", "Last update": dt.date(2026, 10, 1)},
    {"Name": "Lee Wong", "Relationship": "Core network", "Last update": dt.date(2026, 10, 5)},
]


@pytest.fixture(scope="module", params=["openpyxl", "xlsxwriter"])
def written(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tracker refreshed on Mon 30 Nov, with the user's edits typed into both sheets."""
    path = tracker(
        tmp_path_factory.mktemp("sorted") / "t.xlsx",
        INTERVIEWS,
        contacts=CONTACTS,
        search=SEARCH,
        writer=request.param,
    )
    refresh(path, "2026-11-30")
    type_into(
        path, WEEK, {"Company": "Beta", "Step": "halfway"}, {"Draft": "Hi Dana, my own words."}
    )
    type_into(path, WEEK, {"Contact": "Maria Gonzalez"}, {"Note": "saw her at the meetup"})
    type_into(path, WEEK, {"Company": "Gamma"}, {"Snooze until": dt.datetime(2026, 12, 9)})
    type_into(path, WEEK, {"Company": "Delta", "Action": SECOND}, {"Why": "my own reason"})
    type_into(path, WEEK, {"Contact": "Ann Lee", "Step": "thank-you"}, {"Done": "x"})
    type_into(path, NETWORK, {"Contact": "Lee Wong"}, {"Draft": "Hi Lee, any news?"})
    return path


Rows = list[list[object]]


def rearrange(path: Path, name: str, change: Callable[[Rows], tuple[Rows, int]]) -> None:
    """Move the table's rows as a spreadsheet app does: only the table's own cells move (the
    hidden cells beside it stay). `change` gets the rows and gives the new rows and how many
    blank rows to leave above the last one (a row cut and pasted lower)."""
    wb = openpyxl.load_workbook(path)
    ws = wb[name]
    table = next(iter(ws.tables.values()))
    first, last = table.ref.split(":")
    top = int(re.sub(r"\D", "", first)) + 1
    bottom = int(re.sub(r"\D", "", last))
    width = len((THIS_WEEK_SHEET if name == WEEK else NETWORK_SHEET).columns)
    rows = [[ws.cell(r, c).value for c in range(1, width + 1)] for r in range(top, bottom + 1)]
    new, gap = change(rows)
    for r in range(top, bottom + gap + 2):
        for c in range(1, width + 1):
            ws.cell(r, c).value = None
    for at, values in enumerate(new):
        r = top + at + (gap if gap and at == len(new) - 1 else 0)
        for c, value in enumerate(values, start=1):
            ws.cell(r, c).value = value
    wb.save(path)


def column(name: str, header: str) -> int:
    sheet_ = THIS_WEEK_SHEET if name == WEEK else NETWORK_SHEET
    return [c.header for c in sheet_.columns].index(header)


def by(name: str, header: str, *, reverse: bool = False) -> Callable[[Rows], tuple[Rows, int]]:
    at = column(name, header)
    return lambda rows: (sorted(rows, key=lambda r: str(r[at] or ""), reverse=reverse), 0)


def reversed_rows(rows: Rows) -> tuple[Rows, int]:
    return rows[::-1], 0


def cut_first_and_paste_below(rows: Rows) -> tuple[Rows, int]:
    return [*rows[1:], rows[0]], 2


def delete_untouched(rows: Rows) -> tuple[Rows, int]:
    """The Bo Chen thank-you row deleted (its action is listed again: nothing was done)."""
    contact = column(WEEK, "Contact")
    return [r for r in rows if r[contact] != "Bo Chen"][::-1], 0


def hide(path: Path, name: str, rows: int) -> None:
    """Filter out rows as a filter does: hidden, not moved."""
    wb = openpyxl.load_workbook(path)
    ws = wb[name]
    table = next(iter(ws.tables.values()))
    top = int(re.sub(r"\D", "", table.ref.split(":")[0])) + 1
    for r in range(top, top + rows):
        ws.row_dimensions[r].hidden = True
    wb.save(path)


def outcome(path: Path, as_of: str) -> tuple[list[str], dict[str, list[list[str]]]]:
    """What the refresh says (cell references left out: the rows moved) and writes."""
    said = refresh(path, as_of).replace(str(path), "TRACKER").splitlines()
    said = sorted(re.sub(r"!([A-Z]+)\d+|row \d+", r"!\1", line) for line in said)
    sheets = {
        name: sorted(
            [str(v) for v in row]
            for row in sheet(path, name).astype(object).fillna("").to_numpy().tolist()
        )
        for name in (WEEK, NETWORK, HISTORY_SHEET.name)
    }
    return said, sheets


@pytest.fixture(scope="module")
def unsorted(written: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict]:
    return outcome(copied(written, tmp_path_factory.mktemp("as-written")), "2026-12-03")


def test_the_edits_typed_are_carried_or_warned_as_spec_6_says(unsorted: tuple) -> None:
    said, sheets = unsorted
    assert [line for line in said if "not kept" in line or "not carried" in line] == [
        "warning: This Week!J: your change to Why is not kept: followup rewrites that column "
        "on every refresh. Write in Note or Draft instead; the backup still holds your change."
    ]
    assert not any("not made by followup" in line for line in said)
    assert "Recorded 1 done action from your ticks: 1 follow-up." in said
    week = cells(sheets[WEEK], THIS_WEEK_SHEET.columns)
    assert week[("Beta", "halfway", "Dana Kim")]["Draft"] == "Hi Dana, my own words."
    assert week[("", "network-update", "Maria Gonzalez")]["Note"] == "saw her at the meetup"
    assert week[("Gamma", "application-follow-up", "")]["Due"] == "2026-12-09 00:00:00"  # snoozed
    assert ("Delta", "application-follow-up", "") in week
    network = cells(sheets[NETWORK], NETWORK_SHEET.columns)
    assert network[("", "", "Lee Wong")]["Draft"] == "Hi Lee, any news?"
    assert [row[1] for row in sheets[HISTORY_SHEET.name]] == ["Acme"]


def cells(rows: list[list[str]], columns: tuple) -> dict[tuple[str, ...], dict[str, str]]:
    """(Company, Step, Contact) -> the row's cells by header."""
    out = {}
    for row in rows:
        named = dict(zip([c.header for c in columns], row[: len(columns)], strict=True))
        out[(named["Company"], named.get("Step", ""), named["Contact"])] = named
    return out


@pytest.mark.parametrize(
    ("week", "network", "hidden"),
    [
        (by(WEEK, "Company"), reversed_rows, 0),
        (by(WEEK, "Due", reverse=True), by(NETWORK, "Contact"), 0),
        (reversed_rows, reversed_rows, 0),
        (by(WEEK, "Contact"), by(NETWORK, "Contact", reverse=True), 2),
        (by(WEEK, "Step"), None, 1),
        (cut_first_and_paste_below, cut_first_and_paste_below, 0),
        (delete_untouched, None, 0),
    ],
    ids=["company", "due-desc", "reversed", "contact-filtered", "step-hidden", "cut", "deleted"],
)
def test_a_sorted_or_moved_table_refreshes_as_the_table_as_written(
    written: Path,
    unsorted: tuple,
    tmp_path: Path,
    week: Callable[[Rows], tuple[Rows, int]],
    network: Callable[[Rows], tuple[Rows, int]] | None,
    hidden: int,
) -> None:
    path = copied(written, tmp_path)
    before = sheet(path, WEEK)
    rearrange(path, WEEK, week)
    if network is not None:
        rearrange(path, NETWORK, network)
    if hidden:
        hide(path, WEEK, hidden)
    moved = sheet(path, WEEK)
    assert moved["Company"].tolist() != before["Company"].tolist() or len(moved) < len(before)
    said, sheets = outcome(path, "2026-12-03")
    assert said == unsorted[0]
    assert sheets == unsorted[1]
