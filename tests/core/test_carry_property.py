"""Property: whatever the user types into Draft and Note of whichever rows, every edit ends
on its own action's row after the next refresh, or is named in a warning; nothing else
changes (SPEC section 6, one identity per action)."""

from __future__ import annotations

import functools
from dataclasses import replace

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from followup import operations
from followup.identity import action_identity
from followup.schema import THIS_WEEK_SHEET

from .trackers import WORKED, make_full_tracker

PANEL = [
    {**WORKED, "interviewer": name, "interviewer_type": "Panel", "interview_date": "2026-11-09"}
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz")
]
TRACKER = make_full_tracker(
    [
        WORKED,
        *PANEL,
        {**WORKED, "company": "Beta", "interview_date": "2026-11-04", "decision_by": ""},
        {**WORKED, "company": "Beta", "interview_date": "2026-11-30", "decision_by": ""},
    ],
    contacts=[{"name": "Maria Gonzalez", "relationship": "Core network"}],
)
START = pd.Timestamp("2026-11-02")
LETTERS = {key: chr(ord("A") + i) for i, key in enumerate(THIS_WEEK_SHEET.keys)}


def as_read(plan: operations.Plan) -> pd.DataFrame:
    """This Week as the next refresh reads it back from the workbook."""
    rows = plan.this_week.copy()
    rows["row"] = range(4, len(rows) + 4)
    rows["written"] = plan.as_of
    rows["due"] = pd.to_datetime(rows["due"])
    rows.attrs["letters"] = LETTERS
    return rows


@functools.cache
def plan_unedited(as_of: pd.Timestamp) -> operations.Plan:
    """The plan of the tracker without edits on a day, the same in every example drawing it."""
    return operations.plan(TRACKER, as_of, 7)


@settings(max_examples=15, deadline=None)
@given(
    first=st.integers(0, 40),
    gap=st.integers(0, 10),
    edits=st.lists(st.tuples(st.integers(0, 30), st.sampled_from(["draft", "note"])), max_size=6),
)
def test_every_edit_is_on_its_own_action_or_named(
    first: int, gap: int, edits: list[tuple[int, str]]
) -> None:
    as_of = START + pd.Timedelta(days=first)
    before = plan_unedited(as_of)
    old = as_read(before)
    if old.empty:
        return
    typed: dict[tuple[str, str], tuple[str, int]] = {}
    for n, (pick, column) in enumerate(edits):
        index = old.index[pick % len(old)]
        text = f"my edit {n}"
        old.loc[index, column] = text
        typed[(action_identity(old.loc[[index]]).iloc[0], column)] = (text, index)
    later = as_of + pd.Timedelta(days=gap)
    after = operations.plan(replace(TRACKER, this_week=old), later, 7)
    untouched = plan_unedited(later).this_week
    new = after.this_week
    identities = action_identity(new)
    warned = " ".join(f"{p.where} {p.message}" for p in after.lost_edits)
    for (identity, column), (text, index) in typed.items():
        on = new[identities == identity]
        if len(on):
            assert list(on[column]) == [text] * len(on)
        else:
            named = [
                p.message
                for p in after.lost_edits
                if p.where.startswith("This Week!")
                and p.where[len("This Week!") + 1 :] == str(old.loc[index, "row"])
            ]
            assert any(column.title() in message for message in named), warned
    # Nothing else changes: every other cell is what the refresh writes without the edits.
    edited_cells = {(identity, column) for identity, column in typed}
    for column in ("draft", "note"):
        keep = [(i, column) not in edited_cells for i in identities]
        assert new.loc[keep, column].tolist() == untouched.loc[keep, column].tolist()
    others = ["when", "due", "company", "role", "step", "action", "contact", "done"]
    assert new[others].equals(untouched[others])
