"""An offer in hand (SPEC 5): the search need not go on. Summary, This Week and the coach's
Caseload say so, wherever the offer was typed and in whatever words (SPEC 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from followup.schema import THIS_WEEK_SHEET
from tests.cli.helpers import refresh, run, sheet
from tests.cli.test_rounds import summary_counts
from tests.workbooks import ACME, tracker

APPLIED = {"Date": dt.date(2026, 11, 12), "Activity": "Application", "Company": "Mu", "Role": "Ops"}


@pytest.mark.parametrize(
    ("typed_in", "status", "writer"),
    [
        ("Interviews", "Offer", "openpyxl"),
        ("Interviews", "Offer accepted", "xlsxwriter"),
        ("Search", "Offer accepted", "openpyxl"),
        ("Search", "negotiating", "xlsxwriter"),
    ],
)
def test_an_offer_in_hand_is_not_a_stalling_search(
    tmp_path: Path, typed_in: str, status: str, writer: str
) -> None:
    interviews = [{**ACME, "Interview date": dt.date(2026, 11, 24)}]
    search = [APPLIED]
    if typed_in == "Interviews":
        interviews[0]["Status"] = status
    else:
        search[0] = {**APPLIED, "Status": status}
    path = tracker(tmp_path / "t.xlsx", interviews, search=search, writer=writer)
    refresh(path, "2026-11-30")
    grid = pd.read_excel(path, sheet_name="Summary", header=None, engine="calamine", dtype=str)
    text = " ".join(grid.fillna("").to_numpy().ravel()).casefold()
    assert "stalling" not in text and "crowding" not in text
    counts = summary_counts(path)
    assert (counts["Balance"], counts["Closed: Offer"], counts["Offers"]) == (
        "Offer in hand",
        "1",
        "1",
    )
    week = sheet(path, THIS_WEEK_SHEET.name)
    assert "search-target" not in set(week["Step"])

    out = tmp_path / "caseload.xlsx"
    code, output = run("caseload", str(path), "--to", str(out), "--as-of", "2026-11-30")
    assert code == 0, output
    grid = pd.read_excel(out, sheet_name="Caseload", header=None, engine="calamine")
    header = grid.index[grid.iloc[:, 0].eq("Attention")][0]
    row = grid.iloc[header + 1].set_axis(grid.iloc[header].tolist())
    assert (row["Offers"], row["Balance"]) == (1, "Offer in hand")
    assert "stalling" not in str(row["Flag"]).casefold()
