"""Rounds and the status of an opportunity (SPEC section 4).

A *round* is the set of Interviews rows of one opportunity (Company, Role) on one interview
date: a panel entered one row per interviewer is one round with several interviewers. An
opportunity's status is the status of its latest round; where that round's rows disagree,
the most decisive status wins.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup import columns
from followup.schema import ACTIVE, DECISIVENESS
from followup.tracker import Tracker, remember_latest

ROUND_KEYS = ["ck", "rk", "interview_date"]


def keyed(interviews: pd.DataFrame) -> pd.DataFrame:
    """Interview rows with a date, with their opportunity keys ``ck`` and ``rk`` (case-folded
    Company and Role), sorted by opportunity, date and row."""
    iv = interviews.copy()
    iv["interview_date"] = columns.dates(iv["interview_date"])
    iv = iv[iv["interview_date"].notna()].copy()
    iv["ck"], iv["rk"] = columns.key(iv["company"]), columns.key(iv["role"])
    return iv.sort_values([*ROUND_KEYS, "row"], kind="stable")


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
    decisive status of its latest round (scheduled rounds included)."""
    iv = keyed_rounds(tracker)
    latest = iv["interview_date"] == iv.groupby(["ck", "rk"])["interview_date"].transform("max")
    status = columns.text(iv, "status")
    rank = status.map({s: i for i, s in enumerate(DECISIVENESS)}).fillna(len(DECISIVENESS))
    last = iv.assign(status=status, rank=rank)[latest].sort_values("rank", kind="stable")
    out = last.drop_duplicates(["ck", "rk"])[["ck", "rk", "status"]]
    return out.assign(status=out["status"].replace("", ACTIVE)).reset_index(drop=True)


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
    iv = keyed(interviews)
    iv = iv[iv["interview_date"] <= as_of]
    for col in ("round", "interviewer", "skills"):
        iv[col] = columns.text(iv, col)
    grouped = iv.groupby(ROUND_KEYS, sort=False)
    out = grouped.agg(
        company=("company", "first"), role=("role", "first"), row=("row", "min")
    ).reset_index()
    # The texts are joined in one pass over the rows, not one pandas call per round: a
    # long tracker has thousands of rounds, nearly all of one row.
    rounds = grouped.ngroup().to_numpy()
    for name, col, once in (
        ("round", "round", True),
        ("interviewers", "interviewer", True),
        ("skills", "skills", False),
    ):
        joined = _joined(rounds, iv[col], len(out), once=once)
        # Typed as pandas' own aggregation types them: text, or object when there are none.
        column = joined if joined else iv[col].array[:0]
        out[name] = column
    out = out[[*ROUND_KEYS, "company", "role", "round", "interviewers", "skills", "row"]]
    return out.sort_values(["interview_date", "row"], kind="stable").reset_index(drop=True)


@remember_latest
def held_rounds(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    """`held` of the tracker's Interviews, kept for the next caller: the network updates,
    This Week's glow rows and the Summary's funnel all read it."""
    return held(tracker.interviews, as_of)


def _joined(groups: np.ndarray, values: pd.Series, count: int, *, once: bool) -> list[str]:
    """Per group (0 to count - 1), its non-blank values in row order joined with commas;
    with `once`, each value only at its first spelling (compared case-folded)."""
    parts: list[list[str]] = [[] for _ in range(count)]
    seen: set[tuple[int, str]] = set()
    for group, value in zip(groups.tolist(), values.tolist(), strict=True):
        if not value:
            continue
        if once:
            folded = (group, value.casefold())
            if folded in seen:
                continue
            seen.add(folded)
        parts[group].append(value)
    return [", ".join(p) for p in parts]
