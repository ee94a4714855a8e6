"""The tracker's shape, defined once.

Every sheet, column, type, choice list, Settings default and step id lives here. The
template, the reader, the validation messages and the dropdowns are all driven from
these definitions, so a column is described in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(Enum):
    """How a cell's value is read and checked."""

    TEXT = "text"
    DATE = "date"
    DATE_OR_DURATION = "date or duration"
    CHOICE = "choice"
    YES_NO = "yes/no"
    WHOLE_DAYS = "whole days"
    TIME = "time of day"
    DONE_MARK = "x or a date"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 16
    hint: str = ""

    @property
    def is_date(self) -> bool:
        return self.kind in (Kind.DATE, Kind.DATE_OR_DURATION)


@dataclass(frozen=True)
class Sheet:
    name: str
    table: str
    columns: tuple[Column, ...]
    hint: str = ""

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


@dataclass(frozen=True)
class Step:
    """One step of the post-interview cadence (SPEC section 4)."""

    id: str
    channel: str
    label: str
    morning: bool = False


# The cadence, in chain order. Steps 3-9 form the silence chain.
STEPS: tuple[Step, ...] = (
    Step("thank-you", "Email", "Send a thank-you note"),
    Step("halfway", "Email", "Send a halfway note with a question or point"),
    Step("status-email", "Email", "Ask whether you are still being considered", morning=True),
    Step("status-call", "Phone", "Call about your status"),
    Step("reiterate-email", "Email", "Reiterate your key point and interest", morning=True),
    Step("reiterate-call", "Phone", "Call to reiterate your interest"),
    Step("still-available-call", "Phone", "Call to ask whether the position is still open"),
    Step("update-email", "Email", "Ask for an update on the position", morning=True),
    Step("check-in-email", "Email", "Check in after the silence", morning=True),
)
STEP_IDS: tuple[str, ...] = tuple(s.id for s in STEPS)
SILENCE_CHAIN: tuple[str, ...] = STEP_IDS[2:]

# Actions that are not cadence steps but appear on This Week and in History.
NETWORK_UPDATE = "network-update"
ASK_ADVOCATE = "ask-advocate"
GLOW_CALLS = "glow-calls"
SEARCH_TARGET = "search-target"
OTHER_ACTIONS: tuple[str, ...] = (NETWORK_UPDATE, ASK_ADVOCATE, GLOW_CALLS, SEARCH_TARGET)
ACTION_IDS: tuple[str, ...] = STEP_IDS + OTHER_ACTIONS

ACTIVE = "Active"
ON_HOLD = "On hold"
OFFER = "Offer"
ENDED_STATUSES = ("Rejected", "Withdrawn", "Filled")  # closed without an offer
STATUSES = (ACTIVE, ON_HOLD, OFFER, *ENDED_STATUSES)
CLOSED_STATUSES = (OFFER, *ENDED_STATUSES)
INTERVIEWER_TYPES = ("Decision maker", "Hiring manager", "HR", "Recruiter", "Peer", "Panel")
GATEKEEPER_TYPES = ("HR", "Recruiter")
SENT, RECEIVED = "Sent", "Received"
CHANNELS = ("Email", "Phone", "Voicemail", "LinkedIn", "Text", "In person", "Other")
CORE_NETWORK, ADVOCATE = "Core network", "Advocate"
RELATIONSHIPS = (CORE_NETWORK, ADVOCATE, "Reference", "Recruiter", "Other")
ACTIVITIES = ("Application", "Networking", "Cold call", "Informational interview", "Event", "Other")
YES_NO = ("Yes", "No")

INTERVIEWS = Sheet(
    "Interviews",
    "Interviews",
    (
        Column("Company", "company", required=True, width=22),
        Column("Role", "role", required=True, width=24),
        Column("Interview date", "interview_date", Kind.DATE, required=True, width=15),
        Column("Round", "round", width=16, hint="e.g. Phone screen, Onsite"),
        Column("Interviewer", "interviewer", width=20),
        Column("Interviewer type", "interviewer_type", Kind.CHOICE, choices=INTERVIEWER_TYPES),
        Column("Email", "email", width=26),
        Column("Phone", "phone", width=16),
        Column(
            "Decision by",
            "decision_by",
            Kind.DATE_OR_DURATION,
            width=14,
            hint="a date, or a time after the interview: 3 weeks, 10 days, 2w, 10d",
        ),
        Column("Keep in touch OK", "keep_in_touch", Kind.YES_NO, choices=YES_NO, width=12),
        Column("Key point", "key_point", width=32),
        Column("Skills highlighted", "skills", width=32),
        Column("Status", "status", Kind.CHOICE, choices=STATUSES, width=12, hint="blank = Active"),
        Column("Notes", "notes", width=32),
    ),
    "One row per interview round.",
)

LOG = Sheet(
    "Log",
    "Log",
    (
        Column("Date", "date", Kind.DATE, required=True, width=13),
        Column("Company", "company", required=True, width=22),
        Column("Role", "role", width=24, hint="blank = the company's only role"),
        Column("Direction", "direction", Kind.CHOICE, required=True, choices=(SENT, RECEIVED)),
        Column("Channel", "channel", Kind.CHOICE, choices=CHANNELS, width=12),
        Column("Step", "step", Kind.CHOICE, choices=STEP_IDS, width=20),
        Column("Contact", "contact", width=20),
        Column("Message", "message", width=40),
    ),
    "Every touchpoint with an employer: what you sent and what you heard back.",
)

CONTACTS = Sheet(
    "Contacts",
    "Contacts",
    (
        Column("Name", "name", required=True, width=22),
        Column("Relationship", "relationship", Kind.CHOICE, required=True, choices=RELATIONSHIPS),
        Column("Company", "company", width=22, hint="for an Advocate: the company they are inside"),
        Column("Email", "email", width=26),
        Column("Phone", "phone", width=16),
        Column("Last update", "last_update", Kind.DATE, width=13),
        Column("Update every", "update_every", Kind.WHOLE_DAYS, width=13, hint="days"),
        Column("Notes", "notes", width=32),
    ),
    "Your network: core supporters, advocates inside companies, references.",
)

SEARCH = Sheet(
    "Search",
    "Search",
    (
        Column("Date", "date", Kind.DATE, required=True, width=13),
        Column("Activity", "activity", Kind.CHOICE, required=True, choices=ACTIVITIES, width=22),
        Column("Company", "company", width=22),
        Column("Contact", "contact", width=20),
        Column("Notes", "notes", width=40),
    ),
    "New-opportunity work: applications, networking, cold calls, events.",
)

USER_SHEETS: tuple[Sheet, ...] = (INTERVIEWS, LOG, CONTACTS, SEARCH)


@dataclass(frozen=True)
class Setting:
    name: str
    key: str
    kind: Kind
    default: str | int
    explanation: str


SETTINGS_SHEET = "Settings"
SETTING_HEADER, VALUE_HEADER, ABOUT_HEADER = "Setting", "Value", "What it does"

SETTINGS: tuple[Setting, ...] = (
    Setting("Your name", "your_name", Kind.TEXT, "", "Signs the drafts."),
    Setting(
        "Default decision timeframe (days)",
        "default_decision_days",
        Kind.WHOLE_DAYS,
        14,
        "Used when an interview has no Decision by.",
    ),
    Setting("Skip weekends", "skip_weekends", Kind.YES_NO, "Yes", "Move steps off Sat and Sun."),
    Setting(
        "Holidays (country code)",
        "holidays",
        Kind.TEXT,
        "",
        "Also skip this country's public holidays, e.g. US, GB, DE. Blank: none.",
    ),
    Setting("Status call time", "status_call_time", Kind.TIME, "4:00 PM", "When to phone."),
    Setting(
        "Reiterate email after (days)",
        "reiterate_email_days",
        Kind.WHOLE_DAYS,
        7,
        "Days after the status call.",
    ),
    Setting(
        "Reiterate call after (days)",
        "reiterate_call_days",
        Kind.WHOLE_DAYS,
        7,
        "Days after the reiterate email.",
    ),
    Setting(
        "Still-available call after (days)",
        "still_available_days",
        Kind.WHOLE_DAYS,
        14,
        "Days after the reiterate call.",
    ),
    Setting(
        "Update email after (days)",
        "update_email_days",
        Kind.WHOLE_DAYS,
        14,
        "Days after the still-available call.",
    ),
    Setting(
        "Final check-in after (days)",
        "check_in_days",
        Kind.WHOLE_DAYS,
        45,
        "Days after the update email.",
    ),
    Setting(
        "Response grace (days)",
        "response_grace_days",
        Kind.WHOLE_DAYS,
        7,
        "After they reply, wait this long before the status chain restarts.",
    ),
    Setting(
        "Network update every (days)",
        "network_update_days",
        Kind.WHOLE_DAYS,
        14,
        "How often to update a core contact (Contacts' Update every overrides).",
    ),
    Setting(
        "Glow window (days)",
        "glow_days",
        Kind.WHOLE_DAYS,
        2,
        "Days after an interview to make the calls you have put off.",
    ),
    Setting(
        "Weekly search target",
        "weekly_search_target",
        Kind.WHOLE_DAYS,
        10,
        "New-opportunity activities (Search rows) to aim for each week.",
    ),
    Setting(
        "Work search activities required per week",
        "work_search_required",
        Kind.WHOLE_DAYS,
        3,
        "What your unemployment office asks for; the work-search log counts each week.",
    ),
)

# The sheets the tool owns and rewrites on every refresh (SPEC section 6).
THIS_WEEK = "This Week"
NETWORK_UPDATES = "Network Updates"
SUMMARY = "Summary"
HISTORY = "History"
OWNED_SHEETS: tuple[str, ...] = (THIS_WEEK, NETWORK_UPDATES, SUMMARY, HISTORY)

DONE = Column("Done", "done", Kind.DONE_MARK, width=10, hint="type x or the date you did it")
# Owned sheets print one page wide in landscape with body text of at least 8 pt (SPEC 6): on
# US Letter that allows about 180 width units in all, so long text wraps in narrow columns.
THIS_WEEK_SHEET = Sheet(
    THIS_WEEK,
    "ThisWeek",
    (
        Column("When", "when", width=9),
        Column("Due", "due", Kind.DATE, width=15),
        Column("Company", "company", width=12),
        Column("Role", "role", width=12),
        Column("Step", "step", width=12),
        Column("Action", "action", width=19),
        Column("Channel", "channel", width=8),
        Column("Contact", "contact", width=12),
        Column("Time", "time", width=7),
        Column("Why", "why", width=18),
        Column("Draft", "draft", width=26),
        DONE,
        Column("Note", "note", width=12),
    ),
)
NETWORK_SHEET = Sheet(
    NETWORK_UPDATES,
    "NetworkUpdates",
    (
        Column("Contact", "contact", width=14),
        Column("Relationship", "relationship", width=12),
        Column("Company", "company", width=12),
        Column("Last update", "last_update", Kind.DATE, width=15),
        Column("Why", "why", width=26),
        Column("Draft", "draft", width=44),
        DONE,
    ),
)
HISTORY_SHEET = Sheet(
    HISTORY,
    "History",
    (
        Column("Date", "date", Kind.DATE, required=True, width=15),
        Column("Company", "company", width=12),
        Column("Role", "role", width=12),
        Column("Step", "step", Kind.CHOICE, choices=ACTION_IDS, width=14),
        Column("Channel", "channel", width=8),
        Column("Contact", "contact", width=12),
        Column("Message", "message", width=44),
    ),
)
# A hidden column beside the This Week and Network Updates tables holds a fingerprint of each
# generated draft, so the next refresh can tell an edited draft from an untouched one.
FINGERPRINT_HEADER = "followup draft fingerprint"
OVERDUE, TODAY, THIS_WEEK_WHEN = "Overdue", "Today", "This week"
WHEN_ORDER: tuple[str, ...] = (OVERDUE, TODAY, THIS_WEEK_WHEN)
