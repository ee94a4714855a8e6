"""Every sentence followup writes for the user, in one place to read and review.

Templates are ``str.format`` strings with named fields. A column of texts is filled once
per distinct combination of its fields (``fill``), so ten thousand rows that say a few
different things cost a few formats; rows that say different things pick their template
(``fill_each``), and an optional part of a sentence is blank where it does not apply
(``optional``). Periods are spelled from the constants that define them (``last_days``),
numbers with their nouns by one rule (``plural``, ``count``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, overload

import numpy as np
import pandas as pd

from followup import columns
from followup.schema import WHEN_ORDER

SIGN_OFF = "Best regards"

# Ready-to-send drafts for every cadence step (SPEC section 4) and application follow-up (4a).
# Warm, brief and specific, never impatient: the tone check runs over every one of them.
# Phone steps carry a call script and a voicemail in the same cell.
DRAFTS: dict[str, str] = {
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
DRAFT_LATER = {"application-follow-up": "application-follow-up:later"}

# Parts of the drafts, and what they say where the tracker leaves a detail blank.
ASK_TIMELINE = " Could you share when you expect to reach a decision?"
ASK_KEEP_IN_TOUCH = " And would you mind if I kept in touch in the meantime?"
ANY_CALL_TIME = "a time that suits you"
ANY_COMPANY = "your company"
ANY_ROLE = "open"
ANY_POINT = "the goals you described for the team"
THANKS_POINT = "I especially enjoyed our exchange about {point}. "
POINT_SENTENCE = "Our conversation about {point} has stayed with me."
ANY_POINT_SENTENCE = "Our conversation has stayed with me."
CALL_DAY = "on {day}"
ANY_CALL_DAY = "next week"
INTRO = "this is {name} calling"
INTRO_NAMELESS = "I am calling"
ROLE_PHRASE = "the {role} role"
ANY_ROLE_PHRASE = "the open position"
APPLIED_ON = " on {day}"
SENT_ON = ", sent on {day}"


# Action and Why of the cadence rows of This Week (SPEC section 4). A Why is the reason for
# the step, then, when it is late, how long it stays useful, then a note on the contact.
STEP_ACTION = "{action}"  # the step's label (schema.STEPS)
THANK_YOU_ASKS = "{action}; ask for their decision timeline"
THANK_YOU_ASKS_MORE = "{action}; ask for their decision timeline and whether you may keep in touch"
MORNING = "Morning"
STEP_WHY = "{reason}{late}{gatekeeper}"
WHY_THANK_YOU = "Interview on {after}; a same-day thank-you stands out."
WHY_THANK_YOU_LATE = "Interview was on {after}; a short thank-you still helps."
WHY_HALFWAY = "Halfway between the interview ({after}) and the decision date ({decision})."
_DECISION_DUE = "Decision was due {decision}; no reply since."
_DECISION_USUAL = (
    "No decision date was given; the usual {usual_days} days ended {decision}; no reply since."
)
_DECISION_MOVED = (
    "They replied on {response}, so the decision date moved to {decision}; no word since."
)
_AS_ANNOUNCED = "Call at the time your status email announced. "
# The status email and call, by what happened to the decision date: given, the usual
# number of days, or moved by a reply.
WHY_STATUS_EMAIL = {"given": _DECISION_DUE, "usual": _DECISION_USUAL, "moved": _DECISION_MOVED}
WHY_STATUS_CALL = {case: _AS_ANNOUNCED + why for case, why in WHY_STATUS_EMAIL.items()}
WHY_SILENCE = "{gap_days} days after the {previous} ({after}); no reply since."
WHY_STILL_USEFUL = " Was due {due}; still useful until {end}."
WHY_SEND_BY = " Send it by {end}."
WHY_GATEKEEPER = (
    " Your contact is {who}, so these follow-ups may count for little: also reach the "
    "decision maker or an advocate inside {company}."
)
# The gatekeeper a contact is, by Interviewer type (schema.GATEKEEPER_TYPES).
GATEKEEPER = {"HR": "in HR", "Recruiter": "a recruiter"}

# Action and Why of the application follow-ups of This Week (SPEC section 4a).
APPLICATION_ACTION = "Follow up on your application ({number} of {total})"
APPLICATION_WHY = "{reason}{late}"  # late: WHY_STILL_USEFUL
APPLICATION_WHY_FIRST = (
    "You applied on {applied} and have had no reply; a short note keeps your application in view."
)
APPLICATION_WHY_SENT = (
    "You applied on {applied}; your last follow-up went out on {previous}, with no reply since."
)
APPLICATION_WHY_UNSENT = (
    "You applied on {applied}; the previous follow-up was due {previous}, with no reply since."
)

# The warning for an outcome typed on an interviewed opportunity's application row in Search
# (SPEC 4, Closed; SPEC 3) when its latest round gives another status.
OUTCOME_DIFFERS = (
    "the application says {typed}, but the latest {opportunity} round ({cells}, on {day}) "
    "gives {given}; followup takes {taken}, the most decisive. Type the outcome in {cells} "
    "too, or clear it here."
)
# A Sent thank-you whose Contact names no single interviewer of its round (SPEC 4, Done;
# SPEC 3, Log).
THANK_YOU_COMPLETES_NOTHING = (
    "this thank-you completes nothing: {reason}. Type the interviewer's name as in "
    "Interviews, or leave Contact blank for a note to the whole round."
)
THANK_YOU_AMBIGUOUS = "{typed} could be {people}"
THANK_YOU_NOBODY = "{typed} is not an interviewer of {opportunity} (the round on {day}: {people})"

# An application's company spelled as an interviewed one but for its legal form (SPEC 3).
NEAR_COMPANY = (
    "{company} looks like {iv} ({cell}), but followup reads them as two employers, so this "
    "application gets follow-ups of its own. If they are the same, spell the company {iv} in "
    "both sheets."
)

# An outcome on an application row with a blank Role, for a company interviewing you for
# several roles (SPEC 4a: a blank Role is the company's only opportunity).
OUTCOME_ROLE_BLANK = (
    "the application says {typed}, but its Role is blank and {company} has interviewed you for "
    "several roles ({roles}), so followup takes it for none of them. {fix}"
)
OUTCOME_ROLE_FIX = "Type the role it was about in {cell}."
OUTCOME_ROLE_FIX_COLUMN = "Add a Role column to Search and type the role it was about."


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


def opportunity_activities(n: int) -> str:
    """ "1 new-opportunity activity", "2 new-opportunity activities": the search side of the
    sandwich (SPEC 5), as the Summary and the search-target row count it."""
    return count(n, "new-opportunity activity", "new-opportunity activities")


def last_days(days: int) -> str:
    """ "last 7 days": a period that ends today."""
    return f"last {count(days, 'day')}"


def last_weeks(weeks: int) -> str:
    """ "last 8 weeks"."""
    return f"last {count(weeks, 'week')}"


def tally(when: pd.Series) -> str:
    """ "2 overdue, 1 today, 0 this week": This Week's rows by When (SPEC section 6)."""
    counts = when.value_counts()
    return ", ".join(TALLY.format(count=counts.get(w, 0), when=w.lower()) for w in WHEN_ORDER)


def and_join(items: Iterable[object]) -> str:
    """["a", "b", "c"] -> "a, b and c"."""
    # A column is read as a plain list: a Series hands out its values one call at a time.
    words = [str(i) for i in (items.tolist() if isinstance(items, pd.Series) else items)]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def per_distinct_row(frame: pd.DataFrame, write: Callable[[dict[str, Any]], str]) -> pd.Series:
    """``write`` of each row of ``frame`` (as a dict of column -> value), on ``frame``'s
    index: called once per distinct row, as a long column repeats a few combinations."""
    names = [str(column) for column in frame.columns.tolist()]
    return _per_distinct(frame, lambda row: write(dict(zip(names, row, strict=True))))


def fill(template: str, fields: pd.DataFrame, **constants: object) -> pd.Series:
    """``template`` filled with each row of ``fields`` (one column per field, values already
    in words) and ``constants``, on ``fields``' index. Formatted once per distinct row."""
    return per_distinct_row(fields, lambda row: template.format(**row, **constants))


def fill_each(
    templates: pd.Series | np.ndarray, fields: pd.DataFrame, **constants: object
) -> pd.Series:
    """Each row's own template (one of a few, "" for none) filled with that row of ``fields``
    and ``constants``, on ``fields``' index. Formatted once per distinct template and row."""
    names = [str(column) for column in fields.columns.tolist()]
    own = [i for i, name in enumerate(names) if name not in constants]

    def write(row: list[Any]) -> str:
        template = row[-1]
        if not template:
            return ""
        return str(template).format(**{names[i]: row[i] for i in own}, **constants)

    return _per_distinct(fields, write, np.asarray(templates, dtype=object))


def _per_distinct(
    frame: pd.DataFrame, write: Callable[[list[Any]], str], *more: np.ndarray
) -> pd.Series:
    """``write`` of each row of ``frame`` (a list of its values, then those of ``more``, on
    ``frame``'s index), called once per distinct row.

    Small frames are the common case, so rows are matched in one pass over plain lists
    rather than by a groupby, whose fixed cost is many times a few formats. Values match as
    a groupby matches them: equal values alike (1 and 1.0), every blank (None, NaN, NaT)
    like any other; ``write`` gets the first row of each kind."""
    cells = frame.to_numpy(dtype=object)
    if more:
        cells = np.column_stack([cells, *more])
    keys = cells
    blank = pd.isna(cells)
    if blank.any():
        keys = cells.copy()
        keys[blank] = None
    texts: dict[tuple[Any, ...], str] = {}
    out = []
    for key, row in zip(map(tuple, keys.tolist()), cells.tolist(), strict=True):
        text = texts.get(key)
        if text is None:
            text = texts[key] = write(row)
        out.append(text)
    return pd.Series(out, index=frame.index, dtype=object)


def optional(
    template: str, fields: pd.DataFrame, present: pd.Series | np.ndarray, **constants: object
) -> pd.Series:
    """An optional part of a sentence: ``template`` filled where ``present`` holds, ""
    elsewhere (", with Ann and Bo" only after a panel's day)."""
    return fill_each(np.where(np.asarray(present, dtype=bool), template, ""), fields, **constants)


def fill_parts(
    whole: str,
    parts: Mapping[str, pd.Series | np.ndarray],
    fields: pd.DataFrame,
    **constants: object,
) -> pd.Series:
    """``whole`` (a template naming ``parts``) filled, on each row of ``fields``, with each
    part's own template for that row ("" for none) filled with the row and ``constants``.

    The same text as ``fill_each`` of each part, then ``fill`` of ``whole``, written in one
    pass over the distinct rows rather than one per template, so a short list does not pay
    a dozen calls' overhead."""
    chosen = {f"template:{part}": np.asarray(t, dtype=object) for part, t in parts.items()}

    def write(row: dict[str, Any]) -> str:
        values = {**row, **constants}
        return whole.format(
            **{part: str(row[f"template:{part}"]).format_map(values) for part in parts}
        )

    return per_distinct_row(fields.assign(**chosen), write)


# Network Updates and the while-you-wait rows of This Week (SPEC section 5).
UPDATE_WHY_FIRST = "No update on record yet; {told} to share."
UPDATE_WHY = "{told} since your last update on {last_update} (every {every} days)."
UPDATE_DRAFT = (
    "Hi {name},\n\nA quick update on my job search, which is moving along well. Since we last "
    "caught up I have interviewed for these roles:\n{interviews}{earlier}\n\n{offers}{skills}"
    "If you hear of a team {team}, or someone I should talk "
    "to, I would be grateful if you kept me in mind. Your support means a lot.\n\n{signature}"
)
UPDATE_INTERVIEW = "- {company}, {role} ({round}{day}{panel})"
UPDATE_ROUND = "{round}, "
UPDATE_PANEL = ", with {people}"
UPDATE_EARLIER = "\n(and {earlier})"
UPDATE_SKILLS = "The skills that stood out in these conversations: {skills}.\n\n"
# The team asked about: "these strengths" only when the note has named some.
UPDATE_TEAM_SKILLS = "that could use these strengths"
UPDATE_TEAM = "that is hiring"
UPDATE_OFFERS = "And good news: I have an offer for the {roles}.\n\n"
UPDATE_OFFER_ROLE = "{role} role at {company}"
# A per-interviewer action (a thank-you) named with whom it is for, where a line shows it
# without its Contact column (the terminal, a calendar event): a panel's rows differ by it.
ACTION_FOR = "{action} to {contact}"
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
    "{last_days} ({period}): {searches} against a target of {target}, and {followups} sent."
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

# The Summary's sandwich balance (SPEC sections 5 and 6).
BALANCE_STALLING = (
    "The search is stalling: {searches} in the {last_days} against a target of {target}."
)
BALANCE_CROWDED = "Follow-ups are crowding out the search: {followups} sent against {searches}."
BALANCE_OK = "Balanced: {searches} (target {target}) and {followups} in the {last_days}."
BALANCE_GO_ON = "Keep the search going until an offer is in hand."
BALANCE_OFFER = (
    "An offer is in hand, so no search target applies: {searches} (target {target}) and "
    "{followups} in the {last_days}."
)

# Titles of the owned sheets (SPEC section 6): what the sheet holds and for when, what to do
# in it, and a line instead of a bare header when it lists nothing.
REWRITTEN = "Rewritten by followup on every refresh."
TALLY = "{count} {when}"  # "2 overdue", joined by ", " in the order of When
THIS_WEEK_TITLE = "This Week: {start} to {end} ({tally})"
THIS_WEEK_ABOUT = (
    "{rewritten} Tick Done with x or a date; a date in Snooze until hides the action until "
    "that day; edits to {kept} kept. Red: overdue, amber: today, green: later this week."
)
KEPT_PRIVATE = "Draft and Note are"
KEPT_SHARED = "Draft are"  # the coach's copy has no Notes
THIS_WEEK_EMPTY = "Nothing to do in this window: no follow-up is due."
NETWORK_TITLE = "Network Updates as of {day}"
NETWORK_ABOUT = "{rewritten} Send the note, then tick Done with x or a date."
NETWORK_EMPTY = "Nobody is due a progress note or an advocate ask this week."
HISTORY_TITLE = "History of what you ticked done"
HISTORY_ABOUT = (
    "{rewritten} Each refresh adds the rows ticked Done; you may edit or delete rows "
    "and add columns here: they are kept."
)
HISTORY_EMPTY = "Nothing ticked done yet: ticks in This Week and Network Updates come here."
SUMMARY_TITLE = "Summary for your coach, as of {day}"
SUMMARY_ABOUT = "{rewritten} This week: {start} to {end}."
SUMMARY_CHART = "Follow-ups and search activities per week"
SUMMARY_CHART_AXIS = "Count"
NOTE = "Note"  # the header of a Summary block's note

# Notes put before the Why of an edited or unfinished draft (SPEC section 6).
NOTE_BEFORE_WHY = "{note} {why}"
TONE_NOTE = (
    "Tone: reads as frustrated ({phrases}). Silence is rarely about you: "
    "soften these before sending."
)
PLACEHOLDER_NOTE = "Fill in {placeholders} in the draft before sending."

# The Summary's blocks (SPEC section 6): heading, column labels, row labels and note of each.
# "{last_days}" is the balance's period (summary.BALANCE_DAYS).
FROM_TO = "{start} to {end}"
WEEK_HEADING = "The week"
WEEK_TABLE = ("Item", "Value")
AS_OF = "As of"
WINDOW = "This Week covers"
COUNTED_OVER = "Activity counted over"

FOLLOW_UPS_HEADING = "Follow-ups"
FOLLOW_UPS_TABLE = ("Follow-ups", "Count")
OVERDUE_NOW = "Overdue now"
DUE_IN_WINDOW = "Steps due in This Week's window"
SENT_IN = "Sent in the {last_days}"
MISSED_IN = "Missed in the {last_days}"
SNOOZED_ACTIONS = "Snoozed actions"
MISSED_NOTE = "Missed: a step whose useful window closed before it was done."
SNOOZED_NOTE = "Snoozed: hidden from This Week until the week of the day typed in Snooze until."

ACTIVITY_HEADING = "Activity against targets ({period})"
ACTIVITY_TABLE = ("{last_days}", "Done", "Against")  # the period capitalised
SEARCH_ACTIVITIES = "Search activities"
AGAINST_TARGET = "target {target}"
FOLLOW_UPS_DONE = "Follow-ups done"
STEPS_DUE = "{due} due"
FOLLOW_UPS_SENT = "Follow-ups sent"
BALANCE = "Balance"
BALANCE_COUNTS = "{searches} search : {followups} follow-ups"
STALLING_AND_CROWDED_OUT = "Stalling and crowded out"
STALLING = "Stalling"
CROWDED_OUT = "Crowded out"
BALANCED = "Balanced"
OFFER_IN_HAND = "Offer in hand"

STATES_HEADING = "Opportunities by state"
STATES_TABLE = ("State", "Opportunities")
PAUSED = "Paused (On hold)"
# Each state of an open opportunity (cadence.opportunities' state) as the Summary names it.
OPEN_STATES = {
    "awaiting decision": "Awaiting decision",
    "in silence chain": "In silence chain",
    "next round scheduled": "Next round scheduled",
    "dormant": "Dormant",
    "paused": PAUSED,
}
CLOSED_STATE = "Closed: {status}"
PAUSED_HEADING = "Paused opportunities"
PAUSED_TABLE = ("Company", "Role", "Last interview")
NOTHING_PAUSED = "Nothing is on hold."

APPLICATIONS_HEADING = "Applications before an interview"
APPLICATIONS_TABLE = ("Applications", "Count")
AWAITING_REPLY = "Awaiting a reply"
WITHOUT_RESPONSE = "Without response"
BEYOND_CAP = "Follow-ups beyond This Week's {cap}"
WITHOUT_RESPONSE_NOTE = "Without response: every follow-up was sent or missed, and no reply came."

FUNNEL_HEADING = "The whole search"
FUNNEL_TABLE = ("Stage", "Count")
FUNNEL_STAGES = ("Opportunities applied to", "Interviewed", "Second rounds", "Offers")
FUNNEL_NOTE = (
    "Each stage counts opportunities (one company and role). Interviewed ones count as "
    "applied to; second rounds: two or more rounds held (a panel day is one round), or "
    "an offer."
)

CHART_HEADING = "The {last_weeks}"
CHART_COLUMNS = ("Week", "Follow-ups sent", "Search activities")

# A coach's caseload flags (SPEC section 6b).
# Its columns over the balance's period, "{days}" being "7 days" (summary.BALANCE_DAYS).
CASELOAD_DONE_COLUMN = "Done ({days})"
CASELOAD_MISSED_COLUMN = "Missed ({days})"
CASELOAD_SEARCH_COLUMN = "Search activities ({days})"
# Each client's flag names every reason for the colour, the red ones first.
CASELOAD_MISSED = "{missed} missed in the {last_days}"
CASELOAD_STALE = "Not refreshed for {days} days"
CASELOAD_OVERDUE = "{overdue} overdue"
CASELOAD_STALLING = "Search stalling: {searches} in the {last_days}, target {target}"
CASELOAD_NEVER_REFRESHED = "Never refreshed"
CASELOAD_NOT_PLANNED = "Not planned, {errors}: {named}{rest}"
CASELOAD_MORE_ERRORS = " And {more}: followup check lists them all."
CASELOAD_FAILED = (
    "Not planned: followup failed on this tracker ({error}). Please report it, with the file if "
    "you may share it."
)
CASELOAD_STOPPED = "the process planning it stopped unexpectedly"
CASELOAD_TITLE = "Caseload as of {day}: {clients}, {needing} needing you now"
CASELOAD_ABOUT = (
    "Written by followup caseload from the clients' trackers (read only). Red: follow-ups "
    "missed, a tracker with errors or not refreshed for {stale_days} days; amber: actions "
    "overdue, a stalling search or never refreshed; green: on track."
)
CASELOAD_CHART = "Follow-ups by client"
CASELOAD_CHART_AXIS = "Actions"
CLIENT_TITLE = "{client}: {title}"
CLIENT_ABOUT = "From {file}. Red: overdue, amber: today, green: later this week."
