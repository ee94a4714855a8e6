"""What the user did in the owned sheets since the last refresh.

Pure. Done ticks in This Week and Network Updates become History rows (exactly once:
a tick already in History is not added again); edited Draft, Note and Snooze until cells of
unticked rows carry over to the same action on the new sheets; an edit whose action is gone is
reported, never silently dropped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pandas as pd

from followup import columns, parsing
from followup.drafts import placeholders
from followup.errors import Problem
from followup.identity import action_identity, with_step
from followup.schema import (
    HISTORY_SHEET,
    NETWORK_SHEET,
    THIS_WEEK_SHEET,
    Sheet,
)
from followup.tracker import Tracker

CELL_LIMIT = 32_767
# Typed by the user; every other column is generated.
_USER_COLUMNS = ("done", "snooze", "note")


def generated(sheet: Sheet) -> list[str]:
    return [key for key in sheet.keys if key not in _USER_COLUMNS]


def _digest(values: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(values):
        return columns.per_distinct(values, lambda day: _hashed(f"{day:%Y-%m-%d}"), _hashed(""))
    return columns.per_distinct(parsing.text(values), _hashed)


def _hashed(text: str) -> str:
    # Whitespace as the app may have rewritten it, and a cell holds at most 32,767
    # characters: compare what fits in one.
    canonical = " ".join(text[:CELL_LIMIT].split())
    return hashlib.sha1(canonical.encode()).hexdigest()[:6]


def fingerprints(frame: pd.DataFrame, sheet: Sheet) -> pd.Series:
    """Per row, a short digest of every generated cell, kept in a hidden column beside the
    table, so the next refresh can tell which cells the user changed."""
    digests = [_digest(frame[key]) for key in generated(sheet)]
    if not digests or frame.empty:
        return pd.Series("", index=frame.index, dtype=object)
    joined = [".".join(row) for row in zip(*digests, strict=True)]
    return pd.Series(joined, index=frame.index, dtype=object)


def changed(frame: pd.DataFrame, sheet: Sheet) -> pd.DataFrame:
    """True where a generated cell no longer matches what the tool wrote (rows the tool
    did not write have no fingerprint and show no change)."""
    keys = generated(sheet)
    stored = frame.get("fingerprint", pd.Series("", index=frame.index)).fillna("").astype(str)
    parts = stored.str.split(".", expand=True).reindex(columns=range(len(keys)))
    parts = parts.set_axis(keys, axis=1).fillna("")
    known = stored.str.count(r"\.").eq(len(keys) - 1) & stored.ne("")
    out = pd.DataFrame({key: _digest(frame[key]).ne(parts[key]) for key in keys}, index=frame.index)
    return out & known.to_numpy()[:, None]


def cell(frame: pd.DataFrame, sheet: Sheet, key: str, index: Any) -> str:
    """Where a cell of an owned sheet is, as Sheet!A1 (row number alone if unknown)."""
    letter = frame.attrs.get("letters", {}).get(key)
    row = int(frame["row"].to_dict()[index])
    return f"{sheet.name}!{letter}{row}" if letter else f"{sheet.name} row {row}"


def _ticked(frame: pd.DataFrame, as_of: pd.Timestamp, order: str) -> tuple[pd.DataFrame, pd.Series]:
    """The ticked rows and the day each was done (SPEC section 6, Done).

    A typed date is taken as it is (numbers-only dates read in ``order``). ``x`` means the
    action's due day, or the as-of date of the refresh that wrote the sheet (kept in its
    title) if the action was overdue by then; never later than ``as_of``, the refresh
    recording it. A row without a Due (Network Updates) was due when the sheet was written.
    """
    written = columns.dates(frame.get("written", pd.Series(pd.NaT, index=frame.index)))
    due = columns.dates(frame.get("due", pd.Series(pd.NaT, index=frame.index)))
    meant = pd.concat([due, written], axis=1).max(axis=1).fillna(as_of)
    meant = meant.where(meant <= as_of, as_of)
    when, _bad = parsing.done_marks(frame["done"], meant, order=order or parsing.MDY)
    return frame[when.notna()], when[when.notna()]


def new_history(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """History rows for every tick not yet recorded, in History's columns."""
    week, week_when = _ticked(tracker.this_week, as_of, tracker.settings.date_order)
    from_week = pd.DataFrame(
        {
            "date": week_when,
            "company": week["company"],
            "role": week["role"],
            "step": week["step"],
            "channel": week["channel"],
            "contact": week["contact"],
            "message": week["draft"],
            "note": week["note"],
        }
    )
    net, net_when = _ticked(tracker.network, as_of, tracker.settings.date_order)
    from_network = pd.DataFrame(
        {
            "date": net_when,
            "company": net["company"],
            "role": "",
            "step": with_step(net)["step"],
            "channel": "Email",
            "contact": net["contact"],
            "message": net["draft"],
        }
    )
    rows = pd.concat([from_week, from_network], ignore_index=True)
    if rows.empty:
        return rows.reindex(columns=list(HISTORY_SHEET.keys))
    rows = rows.reindex(columns=list(HISTORY_SHEET.keys)).fillna("")
    rows["date"] = pd.to_datetime(rows["date"])
    key = _history_key(rows)
    seen = set(_history_key(tracker.history)) if len(tracker.history) else set()
    fresh = ~key.isin(seen) & ~key.duplicated()
    return (
        rows[fresh].sort_values(["date", "company", "step"], kind="stable").reset_index(drop=True)
    )


def unfinished_ticks(tracker: Tracker, as_of: pd.Timestamp) -> list[Problem]:
    """A warning for each tick whose Draft still holds a placeholder such as
    "[your question ...]" (SPEC section 5): was it really sent like that?"""
    problems: list[Problem] = []
    for frame, sheet in ((tracker.this_week, THIS_WEEK_SHEET), (tracker.network, NETWORK_SHEET)):
        ticked, _when = _ticked(frame, as_of, tracker.settings.date_order)
        found = ticked["draft"].map(placeholders)
        for index in found.index[found.map(bool)]:
            row = with_step(ticked).loc[index]
            problems.append(
                Problem(
                    "warning",
                    cell(ticked, sheet, "done", index),
                    f"you ticked {_describe(row)} done, but its Draft still holds "
                    f"{' and '.join(found[index])}. It is recorded in History as ticked; if "
                    "you sent a different text, correct the Message there.",
                )
            )
    return problems


def _history_key(frame: pd.DataFrame) -> pd.Series:
    """A History row's day and action: the same tick is never recorded twice."""
    day = columns.dates(frame["date"]).dt.strftime("%Y-%m-%d").fillna("")
    key: pd.Series = day + "|" + action_identity(frame)
    return key


def with_history(tracker: Tracker, added: pd.DataFrame) -> Tracker:
    """The tracker as the cadence should see it: History including the new ticks."""
    from dataclasses import replace

    history = pd.concat([tracker.history, added], ignore_index=True)
    return replace(tracker, history=history)


@dataclass(frozen=True)
class CarryOver:
    rows: pd.DataFrame  # the new rows with the user's edits carried over
    lost: list[Problem]  # edits whose action no longer exists


def carry_over(
    new: pd.DataFrame, old: pd.DataFrame, sheet: Sheet, snoozed: pd.Series | None = None
) -> CarryOver:
    """Carry the user's edits of unticked old rows into the matching new rows.

    Draft counts as edited when it no longer matches what the tool wrote; Note and Snooze
    until (never generated) whenever filled in. Changes to other generated cells, and rows
    the user added without ticking them, cannot be kept: each is named in a warning.
    ``snoozed``: the identities of the actions a snooze hides (``this_week.snoozed``), with the
    day each comes back: their snoozes are kept elsewhere, and any other edit of one is
    named as hidden, not as gone.
    """
    new = new.copy()
    if old.empty:
        return CarryOver(new, [])
    editable = [key for key in ("draft", "note", "snooze") if key in sheet.keys]
    old = old[columns.text(old, "done").eq("")]
    old_keys = action_identity(with_step(old))
    new_keys = action_identity(with_step(new))
    diff = changed(old, sheet)
    edited = pd.DataFrame(
        {k: diff[k] if k in diff else columns.text(old, k).ne("") for k in editable}
    )
    touched = edited.any(axis=1)
    edits = old.loc[touched, editable].where(edited[touched]).assign(key=old_keys[touched])
    edits = edits.drop_duplicates("key", keep="last")
    matched = edits["key"].isin(set(new_keys))
    hidden = pd.Series(dtype=object) if snoozed is None else snoozed
    # The snooze of an action it now hides is kept with the snooze itself (this_week.snoozed).
    asleep = edits["key"].isin(set(hidden.index))
    lost_edits = edited.loc[edits.index]
    lost_edits.loc[asleep, [c for c in ("snooze",) if c in editable]] = False
    lost = [
        Problem(
            "warning",
            cell(old, sheet, _first(lost_edits.loc[index]), index),
            f"your edit of {_edited_columns(lost_edits.loc[index], sheet)} for "
            f"{_describe(old.loc[index])} "
            f"was not carried over: {_gone(edits.loc[index, 'key'], hidden)} The backup of "
            "the tracker still holds it.",
        )
        for index in edits.index[~matched & lost_edits.any(axis=1)]
    ]
    carried = pd.DataFrame({"key": new_keys.to_numpy()}).merge(edits[matched], on="key", how="left")
    for column in editable:
        new[column] = carried[column].set_axis(new.index).fillna(new[column])
    return CarryOver(new, lost + _not_kept(old, diff.drop(columns="draft", errors="ignore"), sheet))


def _gone(key: str, hidden: pd.Series) -> str:
    """Why an edited action is not on the new sheet."""
    if key in hidden.index:
        return (
            f"that action is snoozed until {columns.long_day(hidden[key])}, and followup keeps "
            "only the snooze while it is hidden."
        )
    return (
        "that action is not on the new list (done in the Log, replaced by a later step, or "
        "past its time)."
    )


def _not_kept(old: pd.DataFrame, diff: pd.DataFrame, sheet: Sheet) -> list[Problem]:
    """Warnings for typing the tool cannot keep: generated cells changed, rows added."""
    headers = {c.key: c.header for c in sheet.columns}
    problems = [
        Problem(
            "warning",
            cell(old, sheet, key, index),
            f"your change to {headers[key]} is not kept: followup rewrites that column on every "
            "refresh. Write in Note or Draft instead; the backup still holds your change.",
        )
        for index, key in _flagged(diff)
    ]
    added = old.get("fingerprint", pd.Series("", index=old.index)).fillna("").eq("")
    problems += [
        Problem(
            "warning",
            f"{sheet.name} row {int(old.loc[index, 'row'])}",
            "this row was not made by followup, so it is not kept. To record something you did, "
            "tick its Done cell (it then goes to History) or add it to the Log sheet.",
        )
        for index in old.index[added]
    ]
    return problems


def _flagged(flags: pd.DataFrame) -> list[tuple[Any, str]]:
    rows, cols = flags.to_numpy().nonzero()
    return [
        (flags.index[int(r)], str(flags.columns[int(c)])) for r, c in zip(rows, cols, strict=True)
    ]


def _first(flags: pd.Series) -> str:
    return str(flags.index[flags.to_numpy().nonzero()[0][0]])


def _edited_columns(flags: pd.Series, sheet: Sheet) -> str:
    headers = {c.key: c.header for c in sheet.columns}
    return " and ".join(headers[str(c)] for c, on in flags.items() if on)


def _describe(row: pd.Series) -> str:
    """The action as the user saw it: its Action text (else its step), then whom it is for."""
    parts = [str(row.get(k, "")) for k in ("company", "role", "contact") if row.get(k, "")]
    name = str(row.get("action", "") or row.get("step", "") or "")
    who = ", ".join(parts)
    if not name:
        return who
    return f"'{name}' ({who})" if who else f"'{name}'"
