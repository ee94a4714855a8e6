"""Ready-to-send drafts for every cadence step, in the product's own words.

The texts live in one table, ``TEMPLATES``, so they can be read and reviewed together.
They are warm, brief and specific, and never sound impatient: the tone check runs over
every one of them. Phone steps carry a call script and a voicemail in the same cell.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import numpy as np
import pandas as pd

from followup import columns

_SIGN_OFF = "Best regards"

TEMPLATES: dict[str, str] = {
    "thank-you": (
        "Hi {name},\n\n"
        "Thank you for talking with me about the {role} role at {company}. "
        "{thanks_point}I left our conversation even more keen to join the team."
        "{timeline}\n\n{signature}"
    ),
    "halfway": (
        "Hi {name},\n\n"
        "Since we spoke about the {role} role, I have kept thinking about {point}, and it "
        "raised a question for me:\n\n[your question or idea about {company} or the role]\n\n"
        "I would be glad to hear your view, and I remain very interested in joining {company}."
        "\n\n{signature}"
    ),
    "status-email": (
        "Hi {name},\n\n"
        "I hope your week is going well. I would like to ask whether I am being considered "
        "for the {role} role at {company}, and where the process stands. "
        "I will give you a short call today at {call_time}; if another time suits you "
        "better, just let me know.\n\n{signature}"
    ),
    "status-call": (
        "Call script: Hi {name}, {intro} about the {role} role at {company}. "
        "I sent you a short note this morning and would like to ask where the process stands "
        "and whether I am in the running. I am very keen on the role.\n"
        "Voicemail: Hi {name}, {intro} about the {role} role at {company}. "
        "I would love to hear where things stand; you can reach me at this number or by email. "
        "Thank you, and have a good day."
    ),
    "reiterate-email": (
        "Hi {name},\n\n"
        "{point_sentence} It confirms how much I would like to contribute in the {role} role "
        "at {company}. I would welcome an update when you have one, and I will give you a call "
        "{call_day} to hear how things are moving.\n\n{signature}"
    ),
    "reiterate-call": (
        "Call script: Hi {name}, {intro} about the {role} role at {company}. "
        "Our conversation about {point} has stayed with me, and I am very interested in the "
        "role. Could you tell me how the process is moving?\n"
        "Voicemail: Hi {name}, {intro} about the {role} role at {company}. "
        "I am very interested in the role and would appreciate a short update on the process "
        "when you have a moment. Thank you, and have a good day."
    ),
    "still-available-call": (
        "Call script: Hi {name}, {intro} about the {role} role at {company}. "
        "Is the position open, and is there anything I can share to help with your decision?\n"
        "Voicemail: Hi {name}, {intro} about the {role} role at {company}. "
        "I would like to know whether the position is open and how I can help. "
        "Thank you, and have a good day."
    ),
    "update-email": (
        "Hi {name},\n\n"
        "I hope all is well at {company}. Could you share an update on the {role} position "
        "and where the hiring process stands? I am keen on the role and happy to provide "
        "anything else you need.\n\n{signature}"
    ),
    "check-in-email": (
        "Hi {name},\n\n"
        "I hope things are going well at {company}. I wanted to check in on the {role} "
        "position: has it been filled, and how is it going? I enjoyed meeting the team, and "
        "if new openings come up I would love to hear about them.\n\n{signature}"
    ),
    # Application follow-ups (SPEC 4a): the first one, then any later one.
    "application-follow-up": (
        "Hi {name},\n\n"
        "I applied for {role_phrase} at {company}{applied_on} and wanted to make sure my "
        "application reached you. I am very interested in the position and would be glad to "
        "send anything that helps, such as work samples or references. Could you let me know "
        "where the process stands?\n\n{signature}"
    ),
    "application-follow-up:later": (
        "Hi {name},\n\n"
        "I am following up on my application for {role_phrase} at {company}{sent_on}. "
        "I know hiring takes time, and I remain keen to contribute to {company}. If the "
        "position has been filled, a short note would help me, and I would love to hear "
        "about future openings.\n\n{signature}"
    ),
}
# The template of each later application follow-up.
_LATER = {"application-follow-up": "application-follow-up:later"}

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
    return f"Fill in {' and '.join(found)} in the draft before sending."


# Default wording where the tracker leaves a detail blank.
_POINT_FALLBACK = "the goals you described for the team"


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
    call_time = _text(ctx, "call_time").lower() or "a time that suits you"
    timeline = ""
    if ctx.get("ask_timeline"):
        timeline = " Could you share when you expect to reach a decision?"
        if ctx.get("ask_keep_in_touch"):
            timeline += " And would you mind if I kept in touch in the meantime?"
    role = _text(ctx, "role")
    applied = _day(ctx, "applied")
    values = {
        "name": columns.greeting_name(_text(ctx, "interviewer")),
        "company": _text(ctx, "company") or "your company",
        "role": _text(ctx, "role") or "open",
        "point": point or _POINT_FALLBACK,
        "thanks_point": f"I especially enjoyed our exchange about {point}. " if point else "",
        "point_sentence": (
            f"Our conversation about {point} has stayed with me."
            if point
            else "Our conversation has stayed with me."
        ),
        "call_day": f"on {call_date}" if call_date else "next week",
        "call_time": call_time,
        "intro": f"this is {me} calling" if me else "I am calling",
        "signature": f"{_SIGN_OFF},\n{me}" if me else _SIGN_OFF,
        "timeline": timeline,
        "role_phrase": f"the {role} role" if role else "the open position",
        "applied_on": f" on {applied}" if applied else "",
        "sent_on": f", sent on {applied}" if applied else "",
    }
    number = ctx.get("number")
    later = isinstance(number, int | np.integer) and number > 1
    return TEMPLATES[_LATER.get(step_id, step_id) if later else step_id].format(**values)


def drafts(frame: pd.DataFrame) -> pd.Series:
    """One draft per row of ``frame`` (a ``step`` column plus the ``draft`` context keys)."""
    records = frame.to_dict("records")
    texts = [draft(str(rec["step"]), {str(k): v for k, v in rec.items()}) for rec in records]
    return pd.Series(texts, index=frame.index, dtype=object)
