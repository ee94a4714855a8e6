"""Ready-to-send drafts for every cadence step: the details of each action put into the
templates of ``wording.DRAFTS``, where all the product's words are read and reviewed
together; and the placeholders a draft leaves for the user to fill in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from followup import columns, wording
from followup.wording import DRAFT_LATER, DRAFTS

# A part of a draft the user must write themselves, such as "[your question ...]".
PLACEHOLDER = re.compile(r"\[[^\[\]\n]*\]")


def placeholders(text: str) -> list[str]:
    """The bracketed parts of a draft still to be filled in, as written ([] when none)."""
    return PLACEHOLDER.findall(text)


def placeholder_note(text: str) -> str:
    """The start of Why for a draft still holding a placeholder, or ""."""
    found = placeholders(text)
    if not found:
        return ""
    return wording.PLACEHOLDER_NOTE.format(placeholders=" and ".join(found))


def _text(ctx: Mapping[str, object], key: str) -> str:
    value = ctx.get(key, "")
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value).strip()


def _day(ctx: Mapping[str, object], key: str) -> str:
    value = ctx.get(key)
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, str):
        return value
    stamp = pd.Timestamp(value)  # type: ignore[arg-type]
    return f"{stamp:%A} {stamp.day} {stamp:%B}"


def draft(step_id: str, ctx: Mapping[str, object]) -> str:
    """The draft for one step.

    ``ctx`` keys (all optional): ``interviewer``, ``company``, ``role``, ``key_point``,
    ``your_name``, ``call_time`` (e.g. "4:00 PM": the status call, announced for the same day),
    ``call_date`` (the reiterate call the reiterate email announces), ``ask_timeline`` and
    ``ask_keep_in_touch`` (bools, thank-you only), ``applied`` (the day of the application)
    and ``number`` (which follow-up of a repeated step: 1, 2, ...).
    """
    me = _text(ctx, "your_name")
    point = _text(ctx, "key_point")
    call_date = _day(ctx, "call_date")
    # "PM" in capitals reads as shouting to a tone check; people write "4:00 pm" in mail too.
    call_time = _text(ctx, "call_time").lower() or wording.ANY_CALL_TIME
    timeline = ""
    if ctx.get("ask_timeline"):
        timeline = wording.ASK_TIMELINE
        if ctx.get("ask_keep_in_touch"):
            timeline += wording.ASK_KEEP_IN_TOUCH
    role = _text(ctx, "role")
    applied = _day(ctx, "applied")
    values = {
        "name": columns.greeting_name(_text(ctx, "interviewer")),
        "company": _text(ctx, "company") or wording.ANY_COMPANY,
        "role": _text(ctx, "role") or wording.ANY_ROLE,
        "point": point or wording.ANY_POINT,
        "thanks_point": wording.THANKS_POINT.format(point=point) if point else "",
        "point_sentence": (
            wording.POINT_SENTENCE.format(point=point) if point else wording.ANY_POINT_SENTENCE
        ),
        "call_day": wording.CALL_DAY.format(day=call_date) if call_date else wording.ANY_CALL_DAY,
        "call_time": call_time,
        "intro": wording.INTRO.format(name=me) if me else wording.INTRO_NAMELESS,
        "signature": wording.signature(me),
        "timeline": timeline,
        "role_phrase": wording.ROLE_PHRASE.format(role=role) if role else wording.ANY_ROLE_PHRASE,
        "applied_on": wording.APPLIED_ON.format(day=applied) if applied else "",
        "sent_on": wording.SENT_ON.format(day=applied) if applied else "",
    }
    number = ctx.get("number")
    later = isinstance(number, int | np.integer) and number > 1
    return DRAFTS[DRAFT_LATER.get(step_id, step_id) if later else step_id].format(**values)


def drafts(frame: pd.DataFrame) -> pd.Series:
    """One draft per row of ``frame`` (a ``step`` column plus the ``draft`` context keys),
    written once per distinct row."""
    return wording.per_distinct_row(
        frame, lambda ctx: draft(str(ctx["step"]), {str(k): v for k, v in ctx.items()})
    )
