"""What makes two rows the same action: the one definition of an action's identity.

SPEC section 6: an action is identified by its opportunity (or, for actions about a person,
its contact) and its step; a per-interviewer step adds its interviewer, and a repeated step
its number. Ticks, carried Draft/Note (and Snooze until) cells, History de-duplication and
calendar UIDs all use ``action_identity``, so they can never disagree about which action a
row is.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from followup import columns
from followup.schema import ADVOCATE, APPLICATION_FOLLOW_UP, ASK_ADVOCATE, NETWORK_UPDATE, STEP_IDS

# Steps done once per interviewer of a round (a panel has several).
PER_INTERVIEWER: frozenset[str] = frozenset({"thank-you"})
# Steps about an opportunity (identified by Company and Role); every other action is about
# a person (identified by Contact), or about the week as a whole (no Contact).
OPPORTUNITY_STEPS: frozenset[str] = frozenset({*STEP_IDS, APPLICATION_FOLLOW_UP})


def action_identity(frame: pd.DataFrame) -> pd.Series:
    """One text per row naming its action, equal for rows of the same action.

    ``frame``: rows with ``step`` and, as they apply, ``company``, ``role``, ``contact`` and
    ``number`` (the count of a repeated step: 1, 2, ...); missing columns count as blank.
    Names match whatever their capitals and surrounding spaces. Returns a Series of str on
    ``frame``'s index, e.g. ``"acme|analyst|thank-you|dana kim"`` or ``"network-update|maria"``.
    """
    # Composed over plain arrays: a refresh asks for many identities of small frames, where
    # each pandas operation would cost more than the strings it joins.
    step = columns.text_values(frame, "step")
    company, role, contact = (
        columns.keys(columns.text_values(frame, c)) for c in ("company", "role", "contact")
    )
    number = columns.text_values(frame, "number")
    about_opportunity = _isin(step, OPPORTUNITY_STEPS)
    by_opportunity = company + "|" + role + "|" + step
    by_opportunity = np.where(
        _isin(step, PER_INTERVIEWER), by_opportunity + "|" + contact, by_opportunity
    )
    identity = np.where(about_opportunity, by_opportunity, step + "|" + contact)
    numbered = np.where(number == "", identity, identity + "#" + number)
    return pd.Series(numbered, index=frame.index, dtype=object)


def _isin(values: np.ndarray, wanted: frozenset[str]) -> np.ndarray:
    return np.fromiter((value in wanted for value in values), dtype=bool, count=len(values))


def with_step(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of This Week as they are, rows of Network Updates (which have no Step) with the
    step each stands for: an advocate ask for an Advocate, else a network update."""
    if "step" in frame.columns:
        return frame
    advocate = frame["relationship"].to_numpy() == ADVOCATE
    step = np.where(advocate, ASK_ADVOCATE, NETWORK_UPDATE).astype(object)
    return frame.assign(step=step, role="")


def named_actions(rows: pd.DataFrame) -> pd.Series:
    """Each row's Action as a line without its Contact column shows it (the terminal, a
    calendar event): a per-interviewer step names its interviewer ("Send a thank-you note
    to Bob Lee"), so a panel's rows, one identity each, read apart too. ``rows``: This
    Week's (``action``, ``step``, ``contact``). Returns str on ``rows``' index."""
    from followup import wording

    action = columns.text(rows, "action")
    contact = columns.text(rows, "contact")
    named = columns.text(rows, "step").isin(PER_INTERVIEWER) & contact.ne("")
    if not named.any():
        return action
    fields = pd.DataFrame({"action": action[named], "contact": contact[named]})
    return action.mask(named, wording.fill(wording.ACTION_FOR, fields))
