"""Rows of This Week moved by the user (sorted, reversed, cut and pasted, deleted) keep the
hidden cells followup wrote for them, which sit outside the table and do not move (SPEC 6:
one identity per action, ticks and edits follow the row)."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import operations
from followup.schema import THIS_WEEK_SHEET
from followup.ticks import changed, follow_moved_rows

from .trackers import WORKED, make_full_tracker, searches

PANEL = [
    {**WORKED, "interviewer": name, "interviewer_type": "Panel", "interview_date": "2026-11-09"}
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz")
]
TRACKER = make_full_tracker(
    [WORKED, *PANEL, {**WORKED, "company": "Beta", "interview_date": "2026-11-04"}],
    contacts=[
        {"name": "Maria Gonzalez", "relationship": "Core network"},
        {"name": "Tom Reyes", "relationship": "Advocate", "company": "Acme"},
    ],
    search=[
        {**row, "company": company, "role": "Clerk"}
        for company, row in zip(
            ("Gamma", "Delta", "Omega"),
            searches("2026-10-20", "2026-10-26", "2026-10-30"),
            strict=True,
        )
    ],
)
FIRST_ROW = 5  # under the title lines and the header


@functools.cache
def written(as_of: str) -> pd.DataFrame:
    """This Week as a refresh on `as_of` wrote it and the next one reads it back, with the
    hidden cells (fingerprint, nudge number) written beside each row."""
    rows = operations.plan(TRACKER, pd.Timestamp(as_of), 7).this_week.copy()
    rows["row"] = range(FIRST_ROW, FIRST_ROW + len(rows))
    rows["due"] = pd.to_datetime(rows["due"])
    rows["number"] = rows["number"].fillna("").astype(str).replace("<NA>", "")
    return rows


def hidden(rows: pd.DataFrame) -> pd.DataFrame:
    """The hidden cells as they stay in the sheet: at the rows where they were written."""
    return rows.set_index("row")[["fingerprint", "number"]]


def moved(rows: pd.DataFrame, order: list[int], gap: int) -> pd.DataFrame:
    """The table's rows in `order` (positions in `rows`), starting at the first row; with
    `gap` > 0 the last is pasted that many rows lower, as a cut and paste leaves it."""
    out = rows.iloc[order].drop(columns=["fingerprint", "number"]).copy()
    out["row"] = range(FIRST_ROW, FIRST_ROW + len(out))
    if gap and len(out):
        out.iloc[-1, out.columns.get_loc("row")] = FIRST_ROW + len(rows) + gap
    return out.reset_index(drop=True)


@settings(max_examples=40, deadline=None)
@given(
    day=st.sampled_from(["2026-11-04", "2026-11-10", "2026-11-12", "2026-11-16", "2026-11-23"]),
    data=st.data(),
    gap=st.integers(0, 3),
)
def test_each_moved_row_gets_the_cells_written_for_its_action(
    day: str, data: st.DataObject, gap: int
) -> None:
    rows = written(day)
    if rows.empty:
        return
    order = data.draw(st.permutations(range(len(rows))))
    kept = data.draw(st.lists(st.booleans(), min_size=len(rows), max_size=len(rows)))
    order = [at for at in order if kept[at]] or order[:1]
    drafts = data.draw(st.sets(st.integers(0, len(order) - 1)))
    whys = data.draw(st.sets(st.integers(0, len(order) - 1)))
    table = moved(rows, order, gap)
    for at in drafts:
        table.loc[at, "draft"] = f"my own draft {at}"
    for at in whys:
        table.loc[at, "why"] = f"my own reason {at}"

    found = follow_moved_rows(table, THIS_WEEK_SHEET, hidden(rows))

    expected = rows.iloc[order].reset_index(drop=True)
    assert found["fingerprint"].tolist() == expected["fingerprint"].tolist()
    assert found["number"].tolist() == expected["number"].tolist()
    # So the next refresh sees exactly the cells the user changed, wherever the row went.
    flags = changed(table.assign(**found), THIS_WEEK_SHEET)
    assert set(np.flatnonzero(flags["draft"])) == drafts
    assert set(np.flatnonzero(flags["why"])) == whys
    assert not flags.drop(columns=["draft", "why"]).to_numpy().any()


def test_rows_in_place_keep_the_cells_beside_them() -> None:
    rows = written("2026-11-12")
    table = moved(rows, list(range(len(rows))), 0)
    found = follow_moved_rows(table, THIS_WEEK_SHEET, hidden(rows))
    assert found.equals(rows[["fingerprint", "number"]].reset_index(drop=True))


def test_a_moved_row_whose_action_was_changed_is_still_found() -> None:
    """A row sorted elsewhere and then retyped in a column naming its action (its Company)
    keeps its cells: the change is then reported as not kept, not the whole row as foreign."""
    rows = written("2026-11-12")
    order = list(reversed(range(len(rows))))
    table = moved(rows, order, 0)
    table.loc[0, "company"] = "Acme Corporation"
    found = follow_moved_rows(table, THIS_WEEK_SHEET, hidden(rows))
    assert found["fingerprint"].tolist() == rows["fingerprint"].iloc[order].tolist()
    flags = changed(table.assign(**found), THIS_WEEK_SHEET)
    assert [flags.columns[c] for c in np.flatnonzero(flags.iloc[0])] == ["company"]


def test_a_row_the_user_typed_has_no_cells() -> None:
    rows = written("2026-11-12")
    table = moved(rows, list(reversed(range(len(rows)))), 0)
    typed = table.iloc[[0]].assign(
        company="Initech",
        role="Tester",
        step="",
        action="Call Bob",
        contact="Bob",
        why="my own",
        draft="hello",
        row=FIRST_ROW + len(rows) + 1,
    )
    found = follow_moved_rows(
        pd.concat([table, typed], ignore_index=True), THIS_WEEK_SHEET, hidden(rows)
    )
    assert found["fingerprint"].tolist() == [*rows["fingerprint"].iloc[::-1], ""]
