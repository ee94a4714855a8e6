"""Every sentence followup writes for the user, in one place to read and review.

Templates are ``str.format`` strings with named fields. A column of texts is filled once
per distinct combination of its fields (``fill``), so ten thousand rows that say a few
different things cost a few formats. Periods are spelled from the constants that define
them (``last_days``), numbers with their nouns by one rule (``plural``, ``count``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import overload

import numpy as np
import pandas as pd

from followup import columns

SIGN_OFF = "Best regards"


def signature(your_name: str) -> str:
    """The closing of every draft: the sign-off, then the user's name when known."""
    name = your_name.strip()
    return f"{SIGN_OFF},\n{name}" if name else SIGN_OFF


@overload
def plural(n: int, word: str, many: str = "") -> str: ...
@overload
def plural(n: pd.Series, word: str, many: str = "") -> pd.Series: ...
def plural(n: int | pd.Series, word: str, many: str = "") -> str | pd.Series:
    """``word`` as it goes with the number ``n``: "role" for 1, "roles" otherwise; ``many``
    for a word not made plural by an s ("activity", "activities"). Per value of a column."""
    if isinstance(n, pd.Series):
        return columns.per_distinct(n, lambda value: plural(int(value), word, many))
    return word if n == 1 else many or word + "s"


@overload
def count(n: int, word: str, many: str = "") -> str: ...
@overload
def count(n: pd.Series, word: str, many: str = "") -> pd.Series: ...
def count(n: int | pd.Series, word: str, many: str = "") -> str | pd.Series:
    """ "1 action", "2 actions" (see ``plural``). Per value of a column."""
    if isinstance(n, pd.Series):
        return columns.per_distinct(n, lambda value: count(int(value), word, many))
    return f"{n} {plural(n, word, many)}"


def last_days(days: int) -> str:
    """ "last 7 days": a period that ends today."""
    return f"last {count(days, 'day')}"


def last_weeks(weeks: int) -> str:
    """ "last 8 weeks"."""
    return f"last {count(weeks, 'week')}"


def and_join(items: Iterable[object]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def fill(template: str, fields: pd.DataFrame, **constants: object) -> pd.Series:
    """``template`` filled with each row of ``fields`` (one column per field, values already
    in words) and ``constants``, on ``fields``' index. Formatted once per distinct row."""
    if not len(fields):
        return pd.Series("", index=fields.index, dtype=object)
    codes, distinct = pd.factorize(pd.MultiIndex.from_frame(fields))
    names = list(fields.columns)
    texts = np.array(
        [template.format(**dict(zip(names, row, strict=True)), **constants) for row in distinct],
        dtype=object,
    )
    return pd.Series(texts[codes], index=fields.index, dtype=object)


# Network Updates and the while-you-wait rows of This Week (SPEC section 5).
UPDATE_WHY_FIRST = "No update on record yet; {told} to share."
UPDATE_WHY = "{told} since your last update on {last_update} (every {every} days)."
UPDATE_DRAFT = (
    "Hi {name},\n\nA quick update on my job search, which is moving along well. Since we last "
    "caught up I have interviewed for these roles:\n{interviews}{earlier}\n\n{offers}{skills}"
    "If you hear of a team that could use these strengths, or someone I should talk "
    "to, I would be grateful if you kept me in mind. Your support means a lot.\n\n{signature}"
)
UPDATE_INTERVIEW = "- {company}, {role} ({round}{day}{panel})"
UPDATE_ROUND = "{round}, "
UPDATE_PANEL = ", with {people}"
UPDATE_EARLIER = "\n(and {earlier})"
UPDATE_SKILLS = "The skills that stood out in these conversations: {skills}.\n\n"
UPDATE_OFFERS = "And good news: I have an offer for the {roles}.\n\n"
UPDATE_OFFER_ROLE = "{role} role at {company}"
UPDATE_ACTION = "Send {contact} an update on your search"

ADVOCATE_WHY = (
    "{company} has gone quiet on the {roles} since the status email was due on {since}. "
    "{contact} works there and can tell you discreetly what is going on."
)
ADVOCATE_DRAFT = (
    "Hi {name},\n\nI hope you are doing well. I interviewed with {company} for the {roles} "
    "and I am very keen on joining. If it is easy for you, could you tell me whether "
    "{the_roles_are} still posted, and whether anything has changed on the team lately? "
    "Only what you are comfortable sharing, of course; it would help me time my "
    "follow-up well.\n\nThank you for keeping my name in mind.\n\n{signature}"
)
ADVOCATE_ACTION = "Ask {contact} discreetly about the {roles} at {company}"
ROLES = "{roles} {word}"  # "Analyst and Lead roles"
ROLE_IS = "the role is"
ROLES_ARE = "the roles are"

GLOW_INTERVIEW = "{company} ({role}) on {day}"
GLOW_INTERVIEWS_AT = "Interviews at"
GLOW_INTERVIEW_AT = "Interview at"
GLOW_WHY = (
    "{interviews_at} {interviews}: for {days} days after an interview your confidence is at "
    "its highest, and it shows on the phone."
)
GLOW_CONTACT = "- {contact}{phone} ({since})"
GLOW_PHONE = ", {phone}"
GLOW_SINCE = "last update {day}"
GLOW_NEVER = "no update on record"
GLOW_NOBODY = "the contacts you have not called lately"
GLOW_HELLO = "Hi, this is {name}."
GLOW_HELLO_NAMELESS = "Hi, it is me."
GLOW_CALL_LIST = "Call first, longest without news from you:\n{lines}\n"
GLOW_DRAFT = (
    "Use today's energy for the calls you have been putting off.\n"
    "{call_list}"
    "Then make one or two cold calls to companies on your list, and log each call "
    "in the Search sheet.\n\n"
    'Opening line: "{hello} I have just had a good interview and thought of you. '
    'Could I ask your advice on where my skills would fit best?"'
)
GLOW_ACTION = "Use the post-interview glow: call {who}, then make a cold call"

SEARCH_ACTION = "Do {needed} more search {activities} this week"
SEARCH_ACTION_MET = "Search target met: keep the search going"
SEARCH_WHY = (
    "{last_days} ({period}): {searches} new-opportunity activities against a "
    "target of {target}, and {followups} sent."
)
SEARCH_WHY_CROWDED = " Follow-ups outnumber the search: give most of your time to new openings."
SEARCH_WHY_GO_ON = " Keep searching until an offer is in hand."
SEARCH_DRAFT = (
    "Ideas for the coming days:\n"
    "- apply to two or three roles that match your strengths\n"
    "- ask a contact for an introduction to someone at a company you like\n"
    "- book an informational interview\n"
    "- make a cold call to a hiring manager\n"
    "- go to a meetup or industry event\n"
    "Log each one in the Search sheet so it counts toward your target."
)
