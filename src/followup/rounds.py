"""Rounds and the status of an opportunity (SPEC section 4).

A *round* is the set of Interviews rows of one opportunity (Company, Role) on one interview
date: a panel entered one row per interviewer is one round with several interviewers. An
opportunity's status is the status of its latest round; where that round's rows disagree,
the most decisive status wins. An outcome (Offer, Rejected, Withdrawn, Filled) typed on the
opportunity's application row in Search counts as one of those rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from followup import columns
from followup.schema import ACTIVE, APPLICATION, CLOSED_STATUSES, DECISIVENESS
from followup.tracker import Tracker, remember_latest

ROUND_KEYS = ["ck", "rk", "interview_date"]


def keyed(interviews: pd.DataFrame) -> pd.DataFrame:
    """Interview rows with a date, with their opportunity keys ``ck`` and ``rk`` (case-folded
    Company and Role), sorted by opportunity, date and row."""
    day = columns.dates(interviews["interview_date"])
    dated = np.flatnonzero(day.notna().to_numpy())
    ck = columns.key(interviews["company"]).to_numpy()[dated]
    rk = columns.key(interviews["role"]).to_numpy()[dated]
    # Sorted as arrays, the frame taken once in that order: a stable sort, last key first.
    order = np.lexsort((interviews["row"].to_numpy()[dated], day.to_numpy()[dated], rk, ck))
    iv = interviews.take(dated[order])
    return iv.assign(
        interview_date=day.to_numpy()[dated[order]],
        ck=pd.Series(ck[order], index=iv.index, dtype=object),
        rk=pd.Series(rk[order], index=iv.index, dtype=object),
    )


@remember_latest
def keyed_rounds(tracker: Tracker) -> pd.DataFrame:
    """``keyed`` of the tracker's Interviews, worked out once per tracker: the cadence,
    Network Updates and the Summary each ask for it, several times a refresh."""
    return keyed(tracker.interviews)


def decisive(statuses: pd.Series) -> str:
    """The most decisive of a round's statuses (blank counts as none; none at all = Active)."""
    ranked = [s for s in statuses if s in DECISIVENESS]
    return min(ranked, key=DECISIVENESS.index) if ranked else ACTIVE


@remember_latest
def latest_status(tracker: Tracker) -> pd.DataFrame:
    """One row per opportunity of the tracker: ``ck``, ``rk`` and ``status``, the most
    decisive status of its latest round (scheduled rounds included) and of the outcome
    typed on its application (``application_outcomes``); the most decisive first, then in
    ``keyed_rounds``' order."""
    iv = keyed_rounds(tracker)
    # The rows come sorted by opportunity and date: each opportunity's latest round is the
    # run of its last date, found on whole arrays rather than by a grouped transform.
    ck, rk = iv["ck"].to_numpy(dtype=object), iv["rk"].to_numpy(dtype=object)
    day = iv["interview_date"].to_numpy()
    first = _firsts(ck, rk)
    run = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    last = np.append(starts[1:], len(iv))[: len(starts)] - 1
    latest = np.flatnonzero(day == day[last][run])
    status = columns.text(iv, "status").to_numpy(dtype=object)[latest]
    codes, spelled = pd.factorize(status)  # ranked once per distinct status
    ranks = {s: i for i, s in enumerate(DECISIVENESS)}
    rank = np.array([ranks.get(s, len(DECISIVENESS)) for s in spelled], dtype=np.intp)[codes]
    # The most decisive row of each round first (the earliest of equals), as a stable sort
    # by rank that keeps each opportunity's first row.
    by_rank = np.argsort(rank, kind="stable")
    _, kept = np.unique(run[latest][by_rank], return_index=True)
    chosen = by_rank[np.sort(kept)]
    rows = latest[chosen]
    found = {
        "ck": ck[rows],
        "rk": rk[rows],
        "status": np.where(status[chosen] == "", ACTIVE, status[chosen]),
    }
    result = pd.DataFrame({name: pd.Series(v, dtype=object) for name, v in found.items()})
    outcomes = application_outcomes(tracker.search, result)
    if outcomes.empty:
        return result
    # One opportunity, one status: the application's outcome weighs as a row of the latest
    # round would, so the most decisive wins (SPEC 4, Closed; SPEC 3, Search Status).
    at = result.reset_index().merge(outcomes, on=["ck", "rk"], suffixes=("", "_typed"))
    ranks = {s: i for i, s in enumerate(DECISIVENESS)}
    wins = [
        ranks.get(a, len(ranks)) < ranks.get(b, len(ranks))
        for a, b in zip(at["status_typed"], at["status"], strict=True)
    ]
    outcome = at[wins]
    result.loc[outcome["index"].to_numpy(), "status"] = outcome["status_typed"].to_numpy()
    return result


def application_outcomes(search: pd.DataFrame, opportunities: pd.DataFrame) -> pd.DataFrame:
    """The outcome typed on the application row (Search) of each interviewed opportunity:
    the Status of its latest Application row (by date, then row), when it is Offer, Rejected,
    Withdrawn or Filled. ``opportunities``: ``ck`` and ``rk`` of the interviewed ones; a
    blank Role on the application means the company's only opportunity (SPEC 4a).

    Columns: ``ck``, ``rk`` (the opportunity's), ``status``, ``row`` (the Search row)."""
    apps = _typed_outcomes(search)
    pairs = opportunities[["ck", "rk"]].drop_duplicates()
    only = pairs[~pairs["ck"].duplicated(keep=False)]
    only_role = dict(zip(only["ck"], only["rk"], strict=True))
    blank = apps["rk"].eq("")
    apps.loc[blank, "rk"] = apps.loc[blank, "ck"].map(only_role)
    found = apps.dropna(subset=["rk"]).merge(pairs, on=["ck", "rk"])
    return found[["ck", "rk", "status", "row"]].reset_index(drop=True)


def unplaced_outcomes(search: pd.DataFrame, opportunities: pd.DataFrame) -> pd.DataFrame:
    """The outcomes typed on application rows with a blank Role whose company has several
    interviewed opportunities (``opportunities``: ``ck`` and ``rk``), so that the row names
    none of them (SPEC 4a: a blank Role is the company's only opportunity) and weighs for
    none. Columns: ``ck``, ``status``, ``row`` (the Search row)."""
    apps = _typed_outcomes(search)
    pairs = opportunities[["ck", "rk"]].drop_duplicates()
    several = pairs.loc[pairs["ck"].duplicated(), "ck"]
    apps = apps[apps["rk"].eq("") & apps["ck"].isin(several)]
    return apps[["ck", "status", "row"]].reset_index(drop=True)


def _typed_outcomes(search: pd.DataFrame) -> pd.DataFrame:
    """The Status of each (company, role)'s latest Application row (by date, then row) in
    Search, where it is Offer, Rejected, Withdrawn or Filled: ``ck``, ``rk``, ``status``,
    ``row``, ``date``."""
    none = pd.DataFrame({k: pd.Series(dtype=object) for k in ("ck", "rk", "status", "row")})
    if search.empty or not columns.text(search, "status").isin(CLOSED_STATUSES).any():
        return none  # as in most trackers: no outcome typed in Search
    apps = search[
        (columns.text(search, "activity") == APPLICATION)
        & columns.text(search, "company").ne("")
        & columns.dates(search["date"]).notna()
    ]
    apps = pd.DataFrame(
        {
            "ck": columns.key(columns.text(apps, "company")),
            "rk": columns.key(columns.text(apps, "role")),
            "status": columns.text(apps, "status"),
            "row": apps["row"],
            "date": columns.dates(apps["date"]),
        }
    ).sort_values(["date", "row"], kind="stable")
    apps = apps.drop_duplicates(["ck", "rk"], keep="last")
    return apps[apps["status"].isin(CLOSED_STATUSES)]


def disagreements(interviews: pd.DataFrame) -> list[pd.DataFrame]:
    """The latest rounds whose rows carry different statuses (blanks aside), one frame of
    their rows (``row``, ``status``, ``company``, ``role``, ``interview_date``) per round."""
    iv = keyed(interviews)
    latest = iv["interview_date"] == iv.groupby(["ck", "rk"])["interview_date"].transform("max")
    typed = iv[latest & columns.text(iv, "status").ne("")]
    kinds = typed.groupby(ROUND_KEYS)["status"].transform("nunique")
    clash = typed[kinds > 1]
    return [rows for _, rows in clash.groupby(ROUND_KEYS, sort=True)]


def held(interviews: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """One row per round held by ``as_of``, oldest first: ``ck``, ``rk``, ``company``,
    ``role``, ``interview_date``, ``round`` (the round names, each once), ``interviewers``
    (names, each once, joined with commas) and ``skills`` (all rows' text, joined)."""
    return _held(keyed(interviews), as_of)


@remember_latest
def held_rounds(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """`held` of the tracker's Interviews, kept for the next caller: the network updates,
    This Week's glow rows and the Summary's funnel all read it."""
    return _held(keyed_rounds(tracker), as_of)


def _held(iv: pd.DataFrame, as_of: pd.Timestamp) -> pd.DataFrame:
    """`held` of rows as `keyed` sorts them."""
    at = np.flatnonzero(iv["interview_date"].to_numpy() <= as_of.to_datetime64())
    ck, rk, day, row = (iv[c].to_numpy()[at] for c in ("ck", "rk", "interview_date", "row"))
    # Sorted by opportunity, date and row, each round is a run of rows, its first row the
    # lowest: the rounds are found on whole arrays rather than by a grouped aggregation.
    first = _firsts(ck, rk, day)
    starts = np.flatnonzero(first)
    rounds = np.cumsum(first) - 1
    # Oldest first, as one frame built once.
    order = starts[np.lexsort((row[starts], day[starts]))]
    out: dict[str, Any] = {
        # Typed as pandas' grouping types its keys: text (object when there are none).
        "ck": pd.array(ck[order], dtype="str") if len(order) else ck[order],
        "rk": pd.array(rk[order], dtype="str") if len(order) else rk[order],
        "interview_date": day[order],
    }
    for name in ("company", "role"):
        values = iv[name].array.take(at)
        # Each round's first value that is not blank (NA), as pandas' "first" takes it.
        missing = values.isna()
        taken = np.arange(len(at))
        if missing.any():
            last = np.append(starts[1:], len(at)) - 1  # NA: none of the round's rows has one
            found = np.minimum.reduceat(np.where(missing, len(at), taken), starts)
            taken[starts] = np.minimum(found, last)
        out[name] = values.take(taken[order])
    # The texts are joined in one pass over the rows, not one pandas call per round: a
    # long tracker has thousands of rounds, nearly all of one row.
    at_round = np.argsort(order)[rounds] if len(order) else rounds
    for name, col, once in (
        ("round", "round", True),
        ("interviewers", "interviewer", True),
        ("skills", "skills", False),
    ):
        text = columns.text(iv, col)
        joined = _joined(at_round, text.to_numpy(dtype=object)[at], len(order), once=once)
        # Typed as pandas' own aggregation types them: text, or object when there are none.
        out[name] = pd.array(joined, dtype="str") if joined else text.array[:0]
    out["row"] = row[order]
    return pd.DataFrame(out)


def _firsts(*keys: np.ndarray) -> np.ndarray:
    """For rows sorted by ``keys``: True where a row starts a new run of equal keys."""
    first = np.ones(len(keys[0]), dtype=bool)
    if len(first):
        first[1:] = np.logical_or.reduce([k[1:] != k[:-1] for k in keys])
    return first


def _joined(groups: np.ndarray, values: np.ndarray, count: int, *, once: bool) -> list[str]:
    """Per group (0 to count - 1), its non-blank values in row order joined with commas;
    with `once`, each value only at its first spelling (compared case-folded)."""
    # A group of one row is its value as it is: only the rows of larger groups (a panel's)
    # are joined one by one.
    joined = np.full(count, "", dtype=object)
    alone = np.bincount(groups, minlength=count)[groups] == 1
    joined[groups[alone]] = values[alone]
    parts: dict[int, list[str]] = {}
    seen: set[tuple[int, str]] = set()
    shared = ~alone
    for group, value in zip(groups[shared].tolist(), values[shared].tolist(), strict=True):
        if not value:
            continue
        if once:
            folded = (group, value.casefold())
            if folded in seen:
                continue
            seen.add(folded)
        parts.setdefault(group, []).append(value)
    for group, found in parts.items():
        joined[group] = ", ".join(found)
    result: list[str] = joined.tolist()
    return result
