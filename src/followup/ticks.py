"""What the user did in the owned sheets since the last refresh.

Pure. Done ticks in This Week and Network Updates become History rows (exactly once:
a tick already in History is not added again); edited Draft, Note and Snooze until cells of
unticked rows carry over to the same action on the new sheets; an edit whose action is gone is
reported, never silently dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from followup import columns, parsing
from followup.drafts import placeholders
from followup.errors import Problem, show
from followup.identity import PER_INTERVIEWER, action_identity, with_step
from followup.schema import (
    APPLICATION,
    GLOW_CALLS,
    HISTORY_SHEET,
    NETWORK_SHEET,
    NETWORK_UPDATE,
    THIS_WEEK_SHEET,
    Sheet,
)
from followup.tracker import Tracker, remember_latest

CELL_LIMIT = 32_767
# Typed by the user; every other column is generated.
_USER_COLUMNS = ("done", "snooze", "note")


def generated(sheet: Sheet) -> list[str]:
    return [key for key in sheet.keys if key not in _USER_COLUMNS]


def _digests(frame: pd.DataFrame, keys: list[str], hashed: dict[str, str]) -> np.ndarray:
    """Per column of ``keys`` (the rows of the result), each cell's digest (its columns): a
    date by its day, any other cell by its text. Each distinct text is hashed once, whichever
    columns it appears in; ``hashed`` holds the digests of texts seen before (and is added
    to)."""
    texts = []
    for key in keys:
        values = frame[key]
        dtype = values.dtype
        if dtype.kind == "M" and isinstance(dtype, np.dtype):
            days = values.to_numpy()
            iso = np.where(np.isnat(days), "", np.datetime_as_string(days, "D"))
            texts.append(iso.astype(object))
        elif dtype.kind == "M":  # dates with a time zone
            texts.append(columns.per_distinct(values, lambda day: f"{day:%Y-%m-%d}").to_numpy())
        else:
            texts.append(columns.text_array(values.to_numpy(dtype=object)))
    # One factorize over every column: a sheet repeats its texts (steps, companies, days).
    codes, uniques = pd.factorize(np.concatenate(texts))
    found = []
    for text in uniques.tolist():
        digest = hashed.get(text)
        if digest is None:
            digest = hashed[text] = _hashed(text)
        found.append(digest)
    return np.array([*found, ""], dtype=object)[codes].reshape(len(keys), len(frame))


def _hashed(text: str) -> str:
    # Whitespace as the app may have rewritten it, and a cell holds at most 32,767
    # characters: compare what fits in one.
    canonical = " ".join(text[:CELL_LIMIT].split())
    return hashlib.sha1(canonical.encode()).hexdigest()[:6]


def _joined(digests: np.ndarray) -> np.ndarray:
    """Each row's digests (the columns of ``_digests``) joined with "." as one text."""
    out: np.ndarray = digests[0]
    for column in digests[1:]:
        out = out + "." + column  # object arrays: concatenated in one loop in C
    return out


def fingerprints(
    frame: pd.DataFrame, sheet: Sheet, hashed: dict[str, str] | None = None
) -> pd.Series:
    """Per row, a short digest of every generated cell, kept in a hidden column beside the
    table, so the next refresh can tell which cells the user changed. ``hashed``: digests
    already worked out this refresh, by text (see ``changed``)."""
    keys = generated(sheet)
    if not keys or frame.empty:
        return pd.Series("", index=frame.index, dtype=object)
    digests = _digests(frame, keys, {} if hashed is None else hashed)
    return pd.Series(_joined(digests), index=frame.index, dtype=object)


def changed(
    frame: pd.DataFrame, sheet: Sheet, hashed: dict[str, str] | None = None
) -> pd.DataFrame:
    """True where a generated cell no longer matches what the tool wrote (rows the tool
    did not write have no fingerprint and show no change). ``hashed``: a dict of digests by
    text, shared with ``fingerprints`` of the new rows, which repeat most of the old rows'
    texts."""
    keys = generated(sheet)
    flags = np.zeros((len(frame), len(keys)), dtype=bool)
    if keys and len(frame):
        stored = frame.get("fingerprint", pd.Series("", index=frame.index))
        # Read as it is when all text: blanks, or a number typed over one, are made text.
        if stored.dtype != object or columns.kind_of(stored) != "string":
            stored = stored.fillna("").astype(str)
        written = stored.to_numpy(dtype=object)
        digests = _digests(frame, keys, {} if hashed is None else hashed)
        # Most rows are as the tool wrote them: only a row whose whole fingerprint differs
        # is looked at column by column.
        for at in np.flatnonzero(_joined(digests) != written).tolist():
            known = written[at]
            # A fingerprint names one digest per generated column; any other text is not ours.
            if known and known.count(".") == len(keys) - 1:
                flags[at] = digests[:, at] != np.array(known.split("."), dtype=object)
    return pd.DataFrame(flags, index=frame.index, columns=keys)


def cell(frame: pd.DataFrame, sheet: Sheet, key: str, index: Any) -> str:
    """Where a cell of an owned sheet is, as Sheet!A1 (row number alone if unknown)."""
    letter = frame.attrs.get("letters", {}).get(key)
    row = int(frame["row"].to_dict()[index])
    return f"{sheet.name}!{letter}{row}" if letter else f"{sheet.name} row {row}"


@dataclass(frozen=True)
class _Ticks:
    """The ticks of This Week and of Network Updates (see ``_ticked``)."""

    week: pd.DataFrame  # the ticked rows
    week_when: pd.Series  # the day each was done
    week_bad: pd.Series  # on every row: Done holds neither a tick nor a date
    network: pd.DataFrame
    network_when: pd.Series


@remember_latest
def _ticks(tracker: Tracker, as_of: pd.Timestamp) -> _Ticks:
    """Both sheets' ticks, read once for the History rows, the ticks waiting for their
    interview and the warnings about unfinished drafts."""
    order = tracker.tick_order
    week, week_when, week_bad = _ticked(tracker.this_week, as_of, order, tracker.interviews)
    network, network_when, _bad = _ticked(tracker.network, as_of, order)
    return _Ticks(week, week_when, week_bad, network, network_when)


def _ticked(
    frame: pd.DataFrame, as_of: pd.Timestamp, order: str, interviews: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """The ticked rows, the day each was done (SPEC section 6, Done), and on every row
    whether Done holds neither a tick nor a date.

    A typed date is taken as it is (numbers-only dates read in ``order``). ``x`` means the
    action's due day, or the as-of date of the refresh that wrote the sheet (kept in its
    title) if the action was overdue by then; never later than ``as_of``, the refresh
    recording it. A row without a Due (Network Updates) was due when the sheet was written.
    A thank-you's due day is its interview (SPEC 4), as ``interviews`` has it now (a round
    moved since the sheet was written counts on its new day); ``x`` on a thank-you or the
    glow calls whose interview is still to come is not recorded yet (see ``pending_ticks``).
    """
    if not columns.text(frame, "done").ne("").any():  # most sheets on most refreshes
        nothing = pd.Series(index=frame.index[:0], dtype="datetime64[ns]")
        return frame.iloc[:0], nothing, pd.Series(False, index=frame.index)
    written = columns.dates(frame.get("written", pd.Series(pd.NaT, index=frame.index)))
    due = columns.dates(frame.get("due", pd.Series(pd.NaT, index=frame.index)))
    if interviews is not None:
        due = _interview_days(frame, due, interviews)
    meant = pd.concat([due, written], axis=1).max(axis=1).fillna(as_of)
    ahead = columns.text(frame, "step").isin(_AFTER_A_ROUND) & meant.gt(as_of)
    meant = meant.where(meant <= as_of, as_of).mask(ahead)
    when, bad = parsing.done_marks(frame["done"], meant, order=order or parsing.MDY)
    return frame[when.notna()], when[when.notna()], bad


# The actions listed ahead of a round booked in the week (the thank-yous, the glow calls,
# SPEC 4 and 5): an x on one counts on the interview day, not before (``pending_ticks``).
_AFTER_A_ROUND = frozenset({*PER_INTERVIEWER, GLOW_CALLS})


def _interview_days(frame: pd.DataFrame, due: pd.Series, interviews: pd.DataFrame) -> pd.Series:
    """Each thank-you row's interview day as the Interviews sheet has it now: of that
    interviewer's rounds for the opportunity, the one nearest the Due the sheet showed (the
    same day unless the round was moved). Other rows keep their Due."""
    thanks = frame[columns.text(frame, "step").isin(PER_INTERVIEWER)]
    if thanks.empty or interviews.empty:
        return due
    by = ["company", "role", "contact"]
    asked = pd.DataFrame({k: columns.key(columns.text(thanks, k)) for k in by}, index=thanks.index)
    asked["due"] = due[thanks.index]
    held = pd.DataFrame(
        {
            "company": columns.key(columns.text(interviews, "company")),
            "role": columns.key(columns.text(interviews, "role")),
            "contact": columns.key(columns.text(interviews, "interviewer")),
            "day": columns.dates(interviews["interview_date"]),
        }
    ).dropna(subset=["day"])
    pairs = asked.reset_index().merge(held, on=by)
    if pairs.empty:
        return due
    # Nearest first; between two equally near rounds, the later.
    pairs["gap"] = (pairs["day"] - pairs["due"]).abs()
    pairs = pairs.sort_values(["gap", "day"], ascending=[True, False], kind="stable")
    nearest = pairs.drop_duplicates("index").set_index("index")["day"]
    out = due.copy()
    out[nearest.index] = nearest
    return out


def pending_ticks(tracker: Tracker, as_of: pd.Timestamp) -> set[str]:
    """The identities of the thank-yous and glow calls ticked ``x`` before their interview
    has happened (a round booked ahead is listed in advance, SPEC 4 and 5; README). Such a
    tick is not recorded yet: it stays ticked on the new This Week and is recorded, on the
    interview day, by the first refresh on or after it."""
    frame = tracker.this_week
    if frame.empty:
        return set()
    marked = columns.text_values(frame, "done") != ""
    if not marked.any():
        return set()
    done = _ticks(tracker, as_of)
    waiting = frame[marked & ~done.week_bad & ~frame.index.isin(done.week.index)]
    return set(action_identity(waiting))


def new_history(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """History rows for every tick not yet recorded, in History's columns."""
    done = _ticks(tracker, as_of)
    week, week_when = done.week, done.week_when
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
            # Which nudge of an application it was (SPEC 6 identity), kept beside History.
            "number": columns.text(week, "number"),
        }
    )
    net, net_when = done.network, done.network_when
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
    if len(from_week) or len(from_network):  # reading the Done dates again only for ticks
        early = [_too_early(tracker, tracker.this_week), _too_early(tracker, tracker.network)]
        from_week = from_week[~early[0].reindex(from_week.index, fill_value=False)]
        from_network = from_network[~early[1].reindex(from_network.index, fill_value=False)]
    rows = pd.concat([from_week, from_network], ignore_index=True)
    kept = [*HISTORY_SHEET.keys, "number"]
    if rows.empty:
        return rows.reindex(columns=kept)
    rows = rows.reindex(columns=kept).fillna("")
    rows["date"] = pd.to_datetime(rows["date"])
    rows["message"] = _sent_drafts(tracker, rows, [from_week.index, from_network.index])
    rows = _once_per_action(rows, tracker.history)
    rows["note"] = _sent_notes(tracker, rows)
    return rows.sort_values(["date", "company", "step"], kind="stable").reset_index(drop=True)


def _once_per_action(rows: pd.DataFrame, history: pd.DataFrame) -> pd.DataFrame:
    """The ticked rows to record: one per action, on its earliest day (an action listed in
    both This Week and Network Updates and ticked in both is one send, SPEC 6), and none of
    an action whose tick History already holds (a refresh run twice records nothing new).
    ``rows``: History rows, This Week's first (they win a tie)."""
    key = _history_key(rows)
    action = key.str.split("|", n=1).str[1]
    seen = set(_history_key(history)) if len(history) else set()
    recorded = set(action[key.isin(seen)])
    fresh = rows[~action.isin(recorded)].assign(_action=action)
    fresh = fresh.sort_values("date", kind="stable").drop_duplicates("_action")
    return fresh.drop(columns="_action")


def _sent_drafts(tracker: Tracker, rows: pd.DataFrame, ticked: Sequence[pd.Index]) -> pd.Series:
    """Each ticked row's Message: its own Draft, unless the user edited the same action's
    Draft only on the other sheet (This Week and Network Updates both list a network
    update or an advocate ask): then that edit, the text they wrote to send (SPEC 6,
    Message = the Draft as it stood when ticked). ``rows``: This Week's ticked rows, then
    Network Updates', whose indexes in their sheets ``ticked`` gives."""
    identity = action_identity(rows)
    sheets = ((tracker.this_week, THIS_WEEK_SHEET), (tracker.network, NETWORK_SHEET))
    own: list[pd.Series] = []
    edits: list[pd.Series] = []
    for (frame, sheet), index in zip(sheets, ticked, strict=True):
        keys = action_identity(with_step(frame))
        mine = frame[keys.isin(set(identity))]
        if mine.empty:
            own.append(pd.Series(False, index=index))
            continue
        edited = changed(mine, sheet)["draft"]
        own.append(edited.reindex(index, fill_value=False))
        edits.append(
            pd.Series(mine.loc[edited, "draft"].to_numpy(), index=keys.loc[edited.index[edited]])
        )
    if not edits:
        return rows["message"]
    own_edit = pd.Series(pd.concat(own).to_numpy(dtype=bool), index=rows.index)
    drafts = pd.concat(edits)
    drafts = drafts[~drafts.index.duplicated()]
    elsewhere = ~own_edit & identity.isin(drafts.index)
    return rows["message"].mask(elsewhere, identity.map(drafts))


def _sent_notes(tracker: Tracker, rows: pd.DataFrame) -> pd.Series:
    """Each History row's Note: its own, else the Note the user typed on the same action's
    row of the other sheet. A network update or an advocate ask is listed in both This Week
    and Network Updates (which has no Note column) and may be ticked on either: the action
    goes to History with its Note (SPEC 6). ``rows``: the new History rows."""
    notes = columns.text(rows, "note")
    blank = notes.eq("")
    typed = []
    for frame in (tracker.this_week, tracker.network):
        if blank.any() and "note" in frame:
            note = columns.text(frame, "note")
            has = note.ne("")
            if has.any():
                keys = action_identity(with_step(frame[has])).to_numpy()
                typed.append(pd.Series(note[has].to_numpy(), index=keys))
    if not typed:
        return notes
    found = pd.concat(typed)
    found = found[~found.index.duplicated()]
    identity = action_identity(rows)
    return notes.mask(blank & identity.isin(found.index), identity.map(found))


def unfinished_ticks(tracker: Tracker, as_of: pd.Timestamp) -> list[Problem]:
    """A warning for each tick whose Draft still holds a placeholder such as
    "[your question ...]" (SPEC section 5): was it really sent like that?"""
    problems: list[Problem] = []
    done = _ticks(tracker, as_of)
    for ticked, sheet, frame in (
        (done.week, THIS_WEEK_SHEET, tracker.this_week),
        (done.network, NETWORK_SHEET, tracker.network),
    ):
        if ticked.empty:
            continue
        ticked = ticked[~_too_early(tracker, frame).reindex(ticked.index, fill_value=False)]
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


def early_ticks(tracker: Tracker) -> list[Problem]:
    """A warning for each Done date typed before its action could have been done: before the
    interview (or the application) it follows, or for a network update before that contact's
    Last update. Such a tick would complete nothing (SPEC 4, Done), so it is not recorded
    (``new_history`` leaves it out): the action is listed again, to be ticked anew."""
    problems = []
    for frame, sheet in ((tracker.this_week, THIS_WEEK_SHEET), (tracker.network, NETWORK_SHEET)):
        found = _earliest(tracker, frame)
        done = _typed_done(tracker, frame)
        for index in found.index[_too_early(tracker, frame, found)]:
            day, what = found.loc[index, ["day", "what"]]
            typed, when = frame.loc[index, "done"], done.loc[index]
            iso = str(typed).strip() == f"{when:%Y-%m-%d}"
            read = "" if iso else f" ({columns.long_day(when)})"
            problems.append(
                Problem(
                    "warning",
                    cell(frame, sheet, "done", index),
                    f"{show(typed)}{read} is before {_EARLIEST[what]}, on {columns.long_day(day)}, "
                    f"so your tick of {_describe(with_step(frame).loc[index])} is not recorded. "
                    f"Type the day you did it, or x; {_FIX[what]}",
                )
            )
    return problems


_EARLIEST = {
    "interview": "the interview it follows",
    "application": "the application it follows",
    "update": "that contact's last update",
}
_FIX = {
    "interview": "if the interview date is wrong, correct it in Interviews.",
    "application": "if the date applied is wrong, correct it in Search.",
    "update": "if the Last update is wrong, correct it in Contacts.",
}


def _typed_done(tracker: Tracker, frame: pd.DataFrame) -> pd.Series:
    """The dates typed in Done cells (NaT where blank, x, no date, or could be read either
    way with no order known: validation reports that)."""
    when, _bad = parsing.dates(frame["done"], order=tracker.tick_order)
    return when


def _too_early(
    tracker: Tracker, frame: pd.DataFrame, earliest: pd.DataFrame | None = None
) -> pd.Series:
    """True where a Done cell holds a date before the action could have been done (see
    ``early_ticks``)."""
    if frame.empty or not columns.text(frame, "done").ne("").any():
        return pd.Series(False, index=frame.index)
    when = _typed_done(tracker, frame)
    if when.isna().all():
        return pd.Series(False, index=frame.index)
    found = _earliest(tracker, frame) if earliest is None else earliest
    return when.lt(found["day"]).fillna(False).astype(bool)


def _earliest(tracker: Tracker, frame: pd.DataFrame) -> pd.DataFrame:
    """Per row, the first day its action could have been done (``day``, NaT where followup
    cannot tell) and what that day is (``what``): for a This Week row, the latest interview
    or application of its opportunity on or before its Due (a step follows up the round or
    the application before it); for a network update, the contact's Last update."""
    out = pd.DataFrame({"day": pd.NaT, "what": ""}, index=frame.index)
    out["day"] = pd.to_datetime(out["day"])
    if frame.empty:
        return out
    if "due" not in frame:  # Network Updates
        update = with_step(frame)["step"].eq(NETWORK_UPDATE)
        out.loc[update, "day"] = columns.dates(frame["last_update"])[update]
        out.loc[update, "what"] = "update"
        return out
    interviews, search = tracker.interviews, tracker.search
    applied = search[search["activity"].eq(APPLICATION)]
    events = pd.concat(
        [
            pd.DataFrame(
                {
                    "company": columns.key(columns.text(interviews, "company")),
                    "role": columns.key(columns.text(interviews, "role")),
                    "day": columns.dates(interviews["interview_date"]),
                    "what": "interview",
                }
            ),
            pd.DataFrame(
                {
                    "company": columns.key(columns.text(applied, "company")),
                    "role": columns.key(columns.text(applied, "role")),
                    "day": columns.dates(applied["date"]),
                    "what": "application",
                }
            ),
        ]
    )
    rows = pd.DataFrame(
        {
            "company": columns.key(columns.text(frame, "company")),
            "role": columns.key(columns.text(frame, "role")),
            "due": columns.dates(frame["due"]),
        },
        index=frame.index,
    )
    pairs = rows.reset_index().merge(events, on=["company", "role"])
    pairs = pairs[pairs["company"].ne("") & pairs["day"].le(pairs["due"])]
    latest = pairs.sort_values("day", kind="stable").drop_duplicates("index", keep="last")
    latest = latest.set_index("index")
    out.loc[latest.index, "day"] = latest["day"]
    out.loc[latest.index, "what"] = latest["what"]
    return out


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
    # Edits of actions a snooze now hides, kept beside This Week until they come back:
    # columns ``identity`` and ``snooze.KEPT_EDITS`` ("" where not edited).
    asleep: pd.DataFrame
    identities: pd.Series  # the action_identity of each new row


def carry_over(
    new: pd.DataFrame,
    old: pd.DataFrame,
    sheet: Sheet,
    snoozed: pd.Series | None = None,
    kept: pd.DataFrame | None = None,
    pending: set[str] | None = None,
    hashed: dict[str, str] | None = None,
) -> CarryOver:
    """Carry the user's edits of unticked old rows into the matching new rows (SPEC 6).

    Draft counts as edited when it no longer matches what the tool wrote; Note and Snooze
    until (never generated) whenever filled in. Changes to other generated cells, and rows
    the user added without ticking them, cannot be kept: each is named in a warning.
    ``snoozed``: the identities of the actions a snooze hides (``this_week.snoozed``), with the
    day each comes back: their Draft and Note edits are returned in ``asleep`` (their
    snoozes are kept with the snooze itself). ``kept``: the edits kept for hidden actions
    on earlier refreshes (``tracker.snoozed``), carried like an old row's when the action is
    listed again and no old row edited it since. ``pending``: the identities of the ticks
    not recorded yet (``pending_ticks``): they stay ticked on the new rows. ``hashed``: the
    digests of texts worked out this refresh (see ``changed``).
    """
    new = new.copy()
    hidden = pd.Series(dtype=object) if snoozed is None else snoozed
    editable = [key for key in ("draft", "note", "snooze") if key in sheet.keys]
    waiting = pending or set()
    ticked = columns.text_values(old, "done") != ""
    new_keys = action_identity(with_step(new))
    if waiting:
        new["done"] = new["done"].mask(new_keys.isin(waiting), "x")
        lost_ticks = old[ticked & action_identity(with_step(old)).isin(waiting - set(new_keys))]
    else:
        lost_ticks = old.iloc[:0]
    if ticked.any():
        old = old[~ticked]
    diff = changed(old, sheet, hashed)
    flags = np.column_stack(
        [diff[k].to_numpy() if k in diff else columns.text_values(old, k) != "" for k in editable]
    )
    touched = np.any(flags, axis=1)
    lost = [
        Problem(
            "warning",
            cell(lost_ticks, sheet, "done", index),
            f"your tick of {_describe(lost_ticks.loc[index])} was not recorded: that "
            f"interview has not happened yet and "
            f"{_NOT_LISTED.get(lost_ticks.loc[index, 'step'], _NOT_LISTED['thank-you'])}",
        )
        for index in lost_ticks.index
    ]
    if touched.any() or (kept is not None and len(kept)):
        carried, asleep_edits, lost_edits = _edits(
            old,
            pd.DataFrame(flags, index=old.index, columns=editable),
            touched,
            new_keys,
            hidden,
            kept,
            sheet,
        )
        lost = lost_edits + lost
    else:  # most refreshes carry no edit: pay for none of that then
        carried = pd.DataFrame()
        asleep_edits = pd.DataFrame({k: [] for k in ("identity", "draft", "note", "action")})
    if len(carried):
        carried = (
            carried.drop_duplicates("key")
            .set_index("key")
            .reindex(new_keys.to_numpy())
            .set_axis(new.index)
        )
        for column in editable:
            new[column] = carried[column].fillna(new[column])
    else:  # as a column that carried nothing reads (object, pandas' type for mixed cells)
        new[editable] = new[editable].astype(object)
    return CarryOver(
        new,
        lost + _not_kept(old, diff.drop(columns="draft", errors="ignore"), sheet),
        asleep_edits,
        new_keys,
    )


def _edits(
    old: pd.DataFrame,
    edited: pd.DataFrame,
    touched: np.ndarray,
    new_keys: pd.Series,
    hidden: pd.Series,
    kept: pd.DataFrame | None,
    sheet: Sheet,
) -> tuple[pd.DataFrame, pd.DataFrame, list[Problem]]:
    """``carry_over``'s edits of the old rows ``touched``: those to carry to the new rows
    (``key`` and the editable columns, NaN where not edited, kept edits included), those a
    snooze now hides, and a warning for each edit whose action is gone."""
    editable = list(edited.columns)
    edits = old.loc[touched, editable]
    if len(edits):
        edits = edits.where(edited[touched])
    old_keys = action_identity(with_step(old))
    edits = edits.assign(key=old_keys[touched]).drop_duplicates("key", keep="last")
    matched = edits["key"].isin(set(new_keys))
    # The edits of an action a snooze now hides are kept with the snooze (this_week.snoozed).
    asleep = edits["key"].isin(set(hidden.index))
    lost_edits = edited.loc[edits.index]
    lost = [
        Problem(
            "warning",
            cell(old, sheet, _first(lost_edits.loc[index]), index),
            f"your edit of {_edited_columns(lost_edits.loc[index], sheet)} for "
            f"{_describe(old.loc[index])} was not carried over: {_GONE}",
        )
        for index in edits.index[~matched & ~asleep & lost_edits.any(axis=1)]
    ]
    earlier = _kept_edits(kept, editable, set(edits["key"]))
    carried = pd.concat([edits[matched], earlier]) if len(earlier) else edits[matched]
    sleeping = edits[asleep]
    asleep_edits = pd.DataFrame(
        {
            "identity": sleeping["key"],
            "draft": columns.text(sleeping, "draft"),
            "note": columns.text(sleeping, "note"),
            "action": [_describe(old.loc[index]) for index in sleeping.index],
        },
        index=sleeping.index,
    )
    asleep_edits = asleep_edits[asleep_edits["draft"].ne("") | asleep_edits["note"].ne("")]
    return carried, asleep_edits.reset_index(drop=True), lost


_NOT_LISTED = {
    "thank-you": "its thank-you is not on the new list. It comes back in the week of the "
    "interview: tick it there once you have sent it.",
    GLOW_CALLS: "its glow calls are not on the new list. They come back in the week of the "
    "interview: tick them there once you have made them.",
}
_GONE = (
    "that action is not on the new list (done in the Log, replaced by a later step, or past "
    "its time). The backup of the tracker still holds it."
)


def _kept_edits(
    kept: pd.DataFrame | None, editable: Sequence[str], newer: set[str]
) -> pd.DataFrame:
    """The edits kept for hidden actions, as carry_over's edits (``key`` and the editable
    columns, NaN where not edited), leaving out actions an old row edited since."""
    if kept is None or kept.empty:
        return pd.DataFrame({"key": pd.Series(dtype=object)})
    kept = kept[~kept["identity"].isin(newer)]
    out = pd.DataFrame({"key": kept["identity"]})
    for column in editable:
        if column != "snooze":
            values = columns.text(kept, column)
            out[column] = values.where(values.ne(""))
    return out


def kept_while_snoozed(
    kept: pd.DataFrame, carried: list[CarryOver], snoozed: pd.Series, listed: set[str]
) -> tuple[pd.DataFrame, list[Problem]]:
    """The edits to keep beside This Week for the actions a snooze hides, and a warning for
    each kept edit whose action is neither hidden nor listed any more (SPEC 6).

    ``kept``: the edits kept on earlier refreshes (``tracker.snoozed``); ``carried``: this
    refresh's carry-overs, whose ``asleep`` edits win; ``listed``: the identities of the
    actions on the new sheets."""
    fresh = pd.concat([c.asleep for c in carried], ignore_index=True)
    earlier = kept.reindex(columns=["identity", "draft", "note", "action"]).fillna("")
    earlier = earlier[earlier["draft"].ne("") | earlier["note"].ne("")]
    earlier = earlier[~earlier["identity"].isin(set(fresh["identity"]))]
    still = earlier["identity"].isin(set(snoozed.index))
    gone = earlier[~still & ~earlier["identity"].isin(listed)]
    headers = {c.key: c.header for c in THIS_WEEK_SHEET.columns}
    lost = [
        Problem(
            "warning",
            THIS_WEEK_SHEET.name,
            f"your edit of {' and '.join(headers[k] for k in ('draft', 'note') if row[k])} "
            f"for {row['action'] or row['identity']}, kept while it was snoozed, was not "
            f"carried over: {_GONE}",
        )
        for _, row in gone.iterrows()
    ]
    keep = pd.concat([fresh, earlier[still]], ignore_index=True).drop_duplicates("identity")
    return keep.reset_index(drop=True), lost


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


def without_recorded(old: pd.DataFrame, recorded: pd.DataFrame) -> pd.DataFrame:
    """The rows of an old owned sheet (This Week or Network Updates) whose action this
    refresh did not record: an action ticked on one sheet is done on both, so its row on
    the other sheet has nothing left to carry over or warn about (its edited Draft went to
    History, see ``new_history``)."""
    if recorded.empty or old.empty:
        return old
    return old[~action_identity(with_step(old)).isin(set(action_identity(recorded)))]


def shared_drafts(
    rows: pd.DataFrame, generated: pd.DataFrame, other: pd.DataFrame, other_generated: pd.DataFrame
) -> pd.DataFrame:
    """``rows`` (one sheet's new rows, edits carried over) with the Draft the user edited on
    the other sheet for the same action, where they did not edit it here: a network update
    or an advocate ask is listed in both This Week and Network Updates, and is one action
    with one draft (SPEC 6), so its edit, and the tone check of it, shows in both.

    ``generated``, ``other_generated``: the sheets' rows as followup drafted them, on the
    same index as ``rows`` and ``other``."""
    theirs = other["draft"].ne(other_generated["draft"])
    if not theirs.any():
        return rows
    keys = action_identity(with_step(other[theirs]))
    drafts = pd.Series(other.loc[theirs, "draft"].to_numpy(), index=keys.to_numpy())
    drafts = drafts[~drafts.index.duplicated()]
    identity = action_identity(with_step(rows))
    take = rows["draft"].eq(generated["draft"]) & identity.isin(drafts.index)
    if not take.any():
        return rows
    return rows.assign(draft=rows["draft"].mask(take, identity.map(drafts)))


# The generated columns that tell one row's action from another's as the sheet shows it (SPEC
# 6 identity; Network Updates shows the step as the Relationship).
_SHOWN_IDENTITY = frozenset({"company", "role", "step", "action", "contact", "relationship"})


def follow_moved_rows(frame: pd.DataFrame, sheet: Sheet, written: pd.DataFrame) -> pd.DataFrame:
    """The hidden cells followup wrote beside each row of an owned sheet (its fingerprint, and
    This Week's nudge number), re-paired with the row they were written for.

    Those cells sit outside the table: a sort, a filter's sort, rows cut and pasted or deleted
    in Excel or LibreOffice move the table's rows without them. Each row takes the cells
    written beside it if they were written for its action (the fingerprint's digests of
    the columns naming the action match the row's); else those of the same action wherever
    they are; else, of the cells left, those most like the row (a row moved and changed),
    if they agree on more than half its generated columns. A row matching none was not
    made by followup (no fingerprint). So ticks, carried edits and warnings follow the row
    the user moved (SPEC 6).

    ``frame``: the sheet as read (schema keys and ``row``, the worksheet row); ``written``:
    the hidden columns (``fingerprint``, maybe ``number``) as text, indexed by worksheet row.
    Returns ``written``'s columns on ``frame``'s index ("" where none).
    """
    keys = generated(sheet)
    rows = frame["row"].to_numpy()
    here = written.reindex(rows).fillna("").set_axis(frame.index)
    # A fingerprint is one six-character digest per generated column, joined by ".": any
    # other text is not ours.
    width = 7 * len(keys) - 1
    pool = written[written["fingerprint"].str.len().eq(width)]
    if frame.empty or pool.empty:
        return here
    parts = _digest_parts(pool["fingerprint"].to_numpy(dtype=f"U{width}"), len(keys))
    shown = [at for at, key in enumerate(keys) if key in _SHOWN_IDENTITY]
    pool_key = pd.Series(_joined_digests(parts[:, shown].T), index=pool.index)
    own_key = pd.Series(_shown_key(frame, [keys[at] for at in shown]), index=rows)
    # Most sheets come back as written: every row beside its own cells.
    in_place = own_key.eq(pool_key.reindex(rows)).to_numpy()
    if in_place.all():
        return here
    pairs = pd.Series(rows[in_place], index=rows[in_place], dtype=object)  # row -> written at
    free_rows = own_key[~in_place]
    free_pool = pool_key[~pool_key.index.isin(pairs.to_numpy())]
    # The same action elsewhere (two rows naming one action pair in order).
    moved = pd.DataFrame(
        {
            "key": free_rows.to_numpy(),
            "n": free_rows.groupby(free_rows).cumcount(),
            "row": free_rows.index,
        }
    ).merge(
        pd.DataFrame(
            {
                "key": free_pool.to_numpy(),
                "n": free_pool.groupby(free_pool).cumcount(),
                "at": free_pool.index,
            }
        ),
        on=["key", "n"],
    )
    pairs = pd.concat([pairs, pd.Series(moved["at"].to_numpy(), index=moved["row"].to_numpy())])
    left_rows = np.flatnonzero(~np.isin(rows, pairs.index.to_numpy()))
    left_pool = np.flatnonzero(~pool.index.isin(pairs.to_numpy()))
    if len(left_rows) and len(left_pool):
        # A row moved and changed: the cells left that agree with it on the most columns.
        own = np.array(fingerprints(frame.iloc[left_rows], sheet).str.split(".").tolist())
        theirs = parts[left_pool]
        alike = (own[:, None, :] == theirs[None, :, :]).sum(axis=2)
        taken = np.zeros(len(left_pool), dtype=bool)
        for at, row in enumerate(left_rows):
            score = np.where(taken, -1, alike[at])
            best = int(np.argmax(score))
            if score[best] * 2 > len(keys):
                taken[best] = True
                pairs[rows[row]] = pool.index[left_pool[best]]
    out = written.reindex(pairs.reindex(rows).to_numpy()).fillna("")
    return out.set_axis(frame.index)


def _shown_key(frame: pd.DataFrame, shown: list[str]) -> np.ndarray:
    """Per row, the digests of the ``shown`` columns joined as in a fingerprint (each
    distinct text hashed once; these columns hold text, never dates)."""
    texts = [columns.text_array(frame[key].to_numpy(dtype=object)) for key in shown]
    codes, uniques = pd.factorize(np.concatenate(texts))
    hashed = np.array([_hashed(text) for text in uniques.tolist()], dtype=object)
    return _joined_digests(hashed[codes].reshape(len(shown), len(frame)))


def _digest_parts(fingerprints: np.ndarray, count: int) -> np.ndarray:
    """Fingerprints of ``count`` digests (a fixed-width text array) as a (row, digest)
    array of their digests, cut apart without a Python loop over rows."""
    chars = fingerprints.view("U1").reshape(len(fingerprints), 7 * count - 1)
    return np.stack(
        [chars[:, 7 * at : 7 * at + 6].copy().view("U6")[:, 0] for at in range(count)], axis=1
    )


def _joined_digests(digests: np.ndarray) -> np.ndarray:
    """Each column's digests (``digests``: one row per column) joined with "." per row."""
    out = digests[0].astype(object)
    for column in digests[1:]:
        out = out + "." + column.astype(object)
    return np.asarray(out, dtype=object)
