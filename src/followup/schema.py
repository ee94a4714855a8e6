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
    # Read as typed; the core reads the date and warns when it is none (SPEC 6, Snooze until).
    SNOOZE_DATE = "a date to snooze until"


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 16
    hint: str = ""
    aliases: tuple[str, ...] = ()  # other headers people give this column (SYNONYMS)
    # Read when the user's sheet has it, never added by the template (an optional column
    # that a list of applications brings along, SPEC 3a).
    template: bool = True

    @property
    def names(self) -> tuple[str, ...]:
        """Every header this column is found under: its own first, then the synonyms."""
        return (self.header, *self.aliases)

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

    @property
    def template_columns(self) -> tuple[Column, ...]:
        """The columns the template writes (all but those only read when present)."""
        return tuple(c for c in self.columns if c.template)


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

# The nudge about an application that has not led to an interview (SPEC section 4a). It is
# repeated, so its number is part of the action's identity.
APPLICATION_FOLLOW_UP = "application-follow-up"
# Steps a Sent row of Log may name.
LOG_STEP_IDS: tuple[str, ...] = (*STEP_IDS, APPLICATION_FOLLOW_UP)

# Actions that are not cadence steps but appear on This Week and in History.
NETWORK_UPDATE = "network-update"
ASK_ADVOCATE = "ask-advocate"
GLOW_CALLS = "glow-calls"
SEARCH_TARGET = "search-target"
OTHER_ACTIONS: tuple[str, ...] = (
    APPLICATION_FOLLOW_UP,
    NETWORK_UPDATE,
    ASK_ADVOCATE,
    GLOW_CALLS,
    SEARCH_TARGET,
)
ACTION_IDS: tuple[str, ...] = STEP_IDS + OTHER_ACTIONS

# The names people give each column in trackers they made themselves (SPEC 3): one table,
# read by the reader and by `followup import`, and listed in docs/cadence.md. Headers match
# case-insensitively, ignoring spaces, punctuation and a trailing '?'.
# fmt: off
SYNONYMS: dict[str, tuple[str, ...]] = {
    "company": (
        "Company name", "Employer", "Employer name", "Name of employer", "Organisation",
        "Organization", "Organisation name", "Organization name", "Firm", "Business",
        "Company applied to", "Hiring company", "Employer/company", "Org",
    ),
    "role": (
        "Job title", "Position", "Title", "Job role", "Job", "Position applied for",
        "Position title", "Job position", "Role title", "Job name", "Vacancy",
        "Job applied for", "Role applied for", "Position applied", "Job opening", "Opening",
        "Job posting",
    ),
    "interview_date": (
        "Date of interview", "Interview", "Interview on", "Interviewed on", "Interview day",
        "Interview date and time", "Interview date/time", "Interview time",
        "Date of the interview", "Interview scheduled for",
    ),
    "applied": (
        "Date applied", "Applied date", "Application date", "Date of application",
        "Date submitted", "Submitted", "Submission date", "Applied on", "Applied",
        "Date of contact", "Date sent", "Application sent", "Sent on",
        "Date of submission",
    ),
    "log_date": ("Date of contact", "Contact date", "Touchpoint date", "When"),
    "contact": (
        "Contact person", "Point of contact", "Contact name", "Recruiter name", "Recruiter",
        "Name of person contacted", "Person contacted", "Hiring manager", "POC",
        "Hiring manager name", "Contact person name", "Recruiter/contact", "Hiring contact",
        "Main contact", "Key contact",
    ),
    "interviewer": (
        "Interviewer name", "Interviewed by", "Interviewers", "Interviewer(s)",
        "Interviewer names", "Interviewed with", "Interview with", "Who interviewed",
    ),
    "interviewer_type": ("Interviewer role", "Interviewer title", "Type of interviewer"),
    "round": (
        "Interview round", "Interview stage", "Interview type", "Stage", "Round number",
        "Interview number", "Interview format",
    ),
    "email": ("E-mail", "Email address", "Contact email", "Recruiter email"),
    "phone": (
        "Phone number", "Telephone", "Tel", "Mobile", "Cell", "Contact phone",
        "Contact phone number",
    ),
    "decision_by": (
        "Decision date", "Expected decision", "Decision expected", "Hear back by",
        "Expected response", "Decide by", "Decision due", "Decision deadline",
        "Decision expected by", "Expected decision date", "Expected decision by",
        "Date of decision", "Hear back", "Expect to hear by", "Expect to hear back by",
        "Expected response date", "Expected reply by", "Response expected", "Response expected by",
        "Decision timeline", "Decision timeframe",
    ),
    "keep_in_touch": (
        "Keep in touch", "OK to keep in touch", "Stay in touch", "Keep in touch?",
        "Can keep in touch", "May keep in touch", "Stay in touch OK",
    ),
    "key_point": (
        "Key points", "Talking point", "Talking points", "Common ground", "Shared interest",
        "Point of agreement", "Key takeaway", "Key takeaways",
    ),
    "skills": (
        "Skills", "Skills discussed", "Strengths highlighted", "Skills mentioned",
        "Skills emphasised", "Skills emphasized", "Strengths", "Strengths discussed",
    ),
    "status": (
        "Application status", "Current status", "Result", "Results", "Outcome", "State",
        "Progress", "Status of application", "Application stage", "Current stage",
    ),
    "notes": (
        "Note", "Comments", "Comment", "Remarks", "Details", "Next steps", "Next step",
        "Additional notes", "Other notes", "Notes/comments",
    ),
    "direction": ("Sent or received", "In or out", "Sent/received"),
    "channel": (
        "Method", "Method of contact", "Medium", "Via", "Contact method", "Application method",
        "Method of application", "How applied", "Applied via", "Applied through",
        "Submitted via",
    ),
    "step": ("Follow-up step", "Follow up step", "Cadence step"),
    "message": ("Notes", "Summary", "What was said", "Message text"),
    "name": ("Contact name", "Full name", "Person", "Contact"),
    "relationship": ("Relation", "Connection", "Category"),
    "last_update": ("Last contact", "Last contacted", "Last updated", "Last touch"),
    "update_every": ("Update frequency", "Frequency", "Every (days)"),
    "activity": ("Activity type", "Type of activity", "Type", "Action"),
    "response_date": (
        "Reply date", "Date of response", "Response received", "Heard back",
        "Date heard back", "Reply received", "Responded on",
    ),
    "setting": ("Name", "Option"),
    "value": ("Setting value",),
}

# The words people use for each choice (SPEC 3), matched like headers. A word is listed
# under one canonical choice, which it means in every column that offers that choice.
CHOICE_SYNONYMS: dict[str, tuple[str, ...]] = {
    # Status
    "Active": (
        "Interviewing", "Applied", "Pending", "In progress", "Ghosted", "Final round",
        "Open", "Submitted", "Application submitted", "Under review", "In review", "Screening",
        "Phone screen", "Interview scheduled", "Interview", "Waiting", "Awaiting response",
        "No response", "Shortlisted", "Assessment", "Take home", "Onsite", "Second round",
        "Not started", "Ongoing",
    ),
    "On hold": ("Paused", "Hold", "Postponed", "Frozen", "Hiring freeze", "Delayed"),
    "Offer": (
        "Offer accepted", "Accepted", "Negotiating", "Negotiating offer", "Offer received",
        "Offered", "Hired", "Got the job", "Offer extended",
    ),
    "Rejected": (
        "Declined", "Not selected", "Rejection", "Turned down", "Unsuccessful",
        "Not moving forward", "Not progressed", "Denied", "No offer",
    ),
    "Withdrawn": ("Withdrew", "Withdraw", "Pulled out", "Offer declined", "Not interested"),
    "Filled": ("Position filled", "Role filled", "Job closed", "Closed", "Position closed"),
    # Interviewer type
    "Decision maker": ("Director", "Head", "Founder", "CEO", "Executive", "VP"),
    "Hiring manager": ("Manager", "HM", "Line manager", "Team lead"),
    "HR": ("Human resources", "People team", "HR partner"),
    "Recruiter": ("Talent acquisition", "TA", "Headhunter", "Sourcer", "Agency"),
    "Peer": ("Colleague", "Team member", "Engineer", "Coworker", "Co-worker"),
    "Panel": ("Group", "Panel interview", "Committee"),
    # Log direction and channel
    "Sent": ("Outgoing", "Out", "I sent", "Me", "Followed up", "Follow-up"),
    "Received": ("Incoming", "In", "They replied", "Reply", "Replied", "Response", "Them"),
    "Email": ("E-mail", "Mail"),
    "Phone": ("Call", "Phone call", "Telephone", "Called"),
    "Voicemail": ("VM", "Voice mail", "Left a message"),
    "LinkedIn": ("LinkedIn message", "InMail", "LI"),
    "Text": ("SMS", "Text message", "WhatsApp"),
    "In person": ("Face to face", "Meeting", "On site"),
    # Log step: the follow-ups as people name them
    "thank-you": (
        "Thank-you note", "Thank-you email", "Thank-you letter", "Thank-you card", "Thanks",
        "Thank-you message", "Thanked", "Sent thank-you",
    ),
    "halfway": ("Halfway note", "Halfway email", "Halfway question", "Midpoint note"),
    "status-email": ("Status check email", "Status check", "Status update email"),
    "status-call": ("Status check call", "Status phone call"),
    "reiterate-email": ("Reiterate", "Reiteration email", "Reiterate interest"),
    "reiterate-call": ("Reiteration call", "Reiterate interest call"),
    "still-available-call": ("Still available", "Still open call", "Position still open"),
    "update-email": ("Update request", "Ask for an update", "Request for update"),
    "check-in-email": ("Check-in", "Check-in note", "Final check-in", "45-day check-in"),
    "application-follow-up": (
        "Application follow-up", "Application nudge", "Nudge", "Follow-up on application",
    ),
    # Contacts
    "Core network": ("Friend", "Family", "Mentor", "Former colleague", "Network", "Core"),
    "Advocate": ("Referral", "Referrer", "Insider", "Champion"),
    "Reference": ("Ref", "Referee"),
    # Search activity
    "Application": ("Applied", "Job application", "Apply", "Online application"),
    "Networking": ("Network", "Coffee chat", "Networking meeting"),
    "Cold call": ("Cold email", "Cold outreach", "Outreach", "Phone call"),
    "Informational interview": ("Info interview", "Informational", "Informational meeting"),
    "Event": (
        "Job fair", "Career fair", "Networking event", "Meetup", "Workshop", "Attended workshop",
        "Webinar",
    ),
}

# Words inside a longer choice (SPEC 3): "Rejected after interview", "On hold - hiring freeze",
# "Applied online". When a whole value is no choice's word, the first of these phrases found
# in it decides, matched as words (case and punctuation aside; a phrase's last word may begin
# a longer one: "withdr" finds "withdrew" and "withdrawn"). So the order matters: an offer
# refused or never made comes before "offer", an outcome before the stage it happened at.
CHOICE_PHRASES: tuple[tuple[str, str], ...] = (
    # Status
    ("no offer yet", "Active"), ("awaiting offer", "Active"), ("waiting for offer", "Active"),
    ("waiting on offer", "Active"),
    ("no offer", "Rejected"), ("offer rescinded", "Rejected"), ("rescind", "Rejected"),
    ("declined offer", "Withdrawn"), ("declined the offer", "Withdrawn"),
    ("offer declined", "Withdrawn"), ("turned down offer", "Withdrawn"),
    ("turned down the offer", "Withdrawn"), ("rejected offer", "Withdrawn"),
    ("rejected the offer", "Withdrawn"), ("i declined", "Withdrawn"),
    ("candidate declined", "Withdrawn"), ("withdr", "Withdrawn"), ("pulled out", "Withdrawn"),
    ("not interested", "Withdrawn"),
    ("reject", "Rejected"), ("not selected", "Rejected"), ("not a fit", "Rejected"),
    ("not a good fit", "Rejected"), ("no longer consider", "Rejected"),
    ("no longer under consideration", "Rejected"), ("unsuccessful", "Rejected"),
    ("turned down", "Rejected"), ("not moving forward", "Rejected"),
    ("not progress", "Rejected"), ("did not progress", "Rejected"), ("not proceed", "Rejected"),
    ("declined", "Rejected"), ("denied", "Rejected"), ("not hired", "Rejected"),
    ("not chosen", "Rejected"), ("another candidate", "Rejected"),
    ("other candidate", "Rejected"), ("someone else", "Rejected"),
    ("filled", "Filled"), ("position closed", "Filled"), ("job closed", "Filled"),
    ("role closed", "Filled"), ("posting closed", "Filled"), ("no longer available", "Filled"),
    ("cancel", "Filled"), ("closed", "Filled"), ("not hiring", "Filled"), ("no vacanc", "Filled"),
    ("no opening", "Filled"),
    ("hired elsewhere", "Withdrawn"), ("accepted another", "Withdrawn"),
    ("took another", "Withdrawn"),
    ("hold", "On hold"), ("paus", "On hold"), ("freeze", "On hold"), ("frozen", "On hold"),
    ("postpone", "On hold"),
    ("offer", "Offer"), ("hired", "Offer"), ("got the job", "Offer"),
    ("interview", "Active"), ("appl", "Active"), ("sent", "Active"), ("submit", "Active"),
    ("screen", "Active"), ("pending", "Active"), ("review", "Active"), ("wait", "Active"),
    ("await", "Active"), ("progress", "Active"), ("round", "Active"), ("assessment", "Active"),
    ("follow", "Active"), ("contacted", "Active"), ("shortlist", "Active"), ("ghost", "Active"),
    ("no response", "Active"), ("no reply", "Active"), ("open", "Active"), ("stage", "Active"),
    # Search activity
    ("informational", "Informational interview"), ("info interview", "Informational interview"),
    ("fair", "Event"), ("workshop", "Event"), ("meetup", "Event"), ("meet up", "Event"),
    ("webinar", "Event"), ("event", "Event"), ("conference", "Event"), ("seminar", "Event"),
    ("job club", "Event"),
    ("coffee", "Networking"), ("network", "Networking"),
    ("cold", "Cold call"), ("call", "Cold call"),
    ("appl", "Application"), ("submit", "Application"),
)
# fmt: on

# Words that mean "nothing here" in an optional cell (SPEC 3), matched case-insensitively.
PLACEHOLDERS = frozenset(
    {"n/a", "na.", "n.a.", "tbd", "tba", "-", "--", "—", "–", "none", "null", "nil"}
)

# What the first filled cell of a list's total row says (SPEC 3a), matched like headers.
TOTAL_WORDS = ("Total", "Totals", "Grand total", "Subtotal", "Sum")

ACTIVE = "Active"
ON_HOLD = "On hold"
OFFER = "Offer"
ENDED_STATUSES = ("Rejected", "Withdrawn", "Filled")  # closed without an offer
STATUSES = (ACTIVE, ON_HOLD, OFFER, *ENDED_STATUSES)
CLOSED_STATUSES = (OFFER, *ENDED_STATUSES)
# Where the rows of one round disagree, the first of these wins (SPEC section 4, Closed).
DECISIVENESS: tuple[str, ...] = (OFFER, *ENDED_STATUSES, ON_HOLD, ACTIVE)
INTERVIEWER_TYPES = ("Decision maker", "Hiring manager", "HR", "Recruiter", "Peer", "Panel")
GATEKEEPER_TYPES = ("HR", "Recruiter")
SENT, RECEIVED = "Sent", "Received"
CHANNELS = ("Email", "Phone", "Voicemail", "LinkedIn", "Text", "In person", "Other")
CORE_NETWORK, ADVOCATE = "Core network", "Advocate"
RELATIONSHIPS = (CORE_NETWORK, ADVOCATE, "Reference", "Recruiter", "Other")
APPLICATION = "Application"
ACTIVITIES = (APPLICATION, "Networking", "Cold call", "Informational interview", "Event", "Other")
YES_NO = ("Yes", "No")
DATE_ORDERS = ("MDY", "DMY", "YMD")

INTERVIEWS = Sheet(
    "Interviews",
    "Interviews",
    (
        Column("Company", "company", required=True, width=22, aliases=SYNONYMS["company"]),
        Column("Role", "role", required=True, width=24, aliases=SYNONYMS["role"]),
        Column(
            "Interview date",
            "interview_date",
            Kind.DATE,
            required=True,
            width=15,
            aliases=SYNONYMS["interview_date"],
        ),
        Column(
            "Round", "round", width=16, hint="e.g. Phone screen, Onsite", aliases=SYNONYMS["round"]
        ),
        Column("Interviewer", "interviewer", width=20, aliases=SYNONYMS["interviewer"]),
        Column(
            "Interviewer type",
            "interviewer_type",
            Kind.CHOICE,
            choices=INTERVIEWER_TYPES,
            aliases=SYNONYMS["interviewer_type"],
        ),
        Column("Email", "email", width=26, aliases=SYNONYMS["email"]),
        Column("Phone", "phone", width=16, aliases=SYNONYMS["phone"]),
        Column(
            "Decision by",
            "decision_by",
            Kind.DATE_OR_DURATION,
            width=14,
            hint="a date, or a time after the interview: 3 weeks, 10 days, 2w, 10d",
            aliases=SYNONYMS["decision_by"],
        ),
        Column(
            "Keep in touch OK",
            "keep_in_touch",
            Kind.YES_NO,
            choices=YES_NO,
            width=12,
            aliases=SYNONYMS["keep_in_touch"],
        ),
        Column("Key point", "key_point", width=32, aliases=SYNONYMS["key_point"]),
        Column("Skills highlighted", "skills", width=32, aliases=SYNONYMS["skills"]),
        Column(
            "Status",
            "status",
            Kind.CHOICE,
            choices=STATUSES,
            width=12,
            hint="blank = Active",
            aliases=SYNONYMS["status"],
        ),
        Column("Notes", "notes", width=32, aliases=SYNONYMS["notes"]),
    ),
    "One row per interview round.",
)

LOG = Sheet(
    "Log",
    "Log",
    (
        Column("Date", "date", Kind.DATE, required=True, width=13, aliases=SYNONYMS["log_date"]),
        Column("Company", "company", required=True, width=22, aliases=SYNONYMS["company"]),
        Column(
            "Role",
            "role",
            width=24,
            hint="blank = the company's only role",
            aliases=SYNONYMS["role"],
        ),
        Column(
            "Direction",
            "direction",
            Kind.CHOICE,
            required=True,
            choices=(SENT, RECEIVED),
            aliases=SYNONYMS["direction"],
        ),
        Column(
            "Channel",
            "channel",
            Kind.CHOICE,
            choices=CHANNELS,
            width=12,
            aliases=SYNONYMS["channel"],
        ),
        Column(
            "Step", "step", Kind.CHOICE, choices=LOG_STEP_IDS, width=20, aliases=SYNONYMS["step"]
        ),
        Column("Contact", "contact", width=20, aliases=SYNONYMS["contact"]),
        Column("Message", "message", width=40, aliases=SYNONYMS["message"]),
    ),
    "Every touchpoint with an employer: what you sent and what you heard back.",
)

CONTACTS = Sheet(
    "Contacts",
    "Contacts",
    (
        Column("Name", "name", required=True, width=22, aliases=SYNONYMS["name"]),
        Column(
            "Relationship",
            "relationship",
            Kind.CHOICE,
            required=True,
            choices=RELATIONSHIPS,
            aliases=SYNONYMS["relationship"],
        ),
        Column(
            "Company",
            "company",
            width=22,
            hint="for an Advocate: the company they are inside",
            aliases=SYNONYMS["company"],
        ),
        Column("Email", "email", width=26, aliases=SYNONYMS["email"]),
        Column("Phone", "phone", width=16, aliases=SYNONYMS["phone"]),
        Column("Last update", "last_update", Kind.DATE, width=13, aliases=SYNONYMS["last_update"]),
        Column(
            "Update every",
            "update_every",
            Kind.WHOLE_DAYS,
            width=13,
            hint="days",
            aliases=SYNONYMS["update_every"],
        ),
        Column("Notes", "notes", width=32, aliases=SYNONYMS["notes"]),
    ),
    "Your network: core supporters, advocates inside companies, references.",
)

SEARCH = Sheet(
    "Search",
    "Search",
    (
        Column("Date", "date", Kind.DATE, required=True, width=13, aliases=SYNONYMS["applied"]),
        Column(
            "Activity",
            "activity",
            Kind.CHOICE,
            required=True,
            choices=ACTIVITIES,
            width=22,
            aliases=SYNONYMS["activity"],
        ),
        Column("Company", "company", width=22, aliases=SYNONYMS["company"]),
        Column("Role", "role", width=24, aliases=SYNONYMS["role"]),
        Column("Contact", "contact", width=20, aliases=SYNONYMS["contact"]),
        Column("Notes", "notes", width=40, aliases=SYNONYMS["notes"]),
        Column(
            "Status",
            "status",
            Kind.CHOICE,
            choices=STATUSES,
            width=12,
            hint="for an application; blank = Active",
            aliases=SYNONYMS["status"],
        ),
        # How an application or contact was made (online, by email, in person, ...), for
        # the work-search log (SPEC 6a); kept by `followup import` from the user's list.
        Column("Method", "method", aliases=("Channel", *SYNONYMS["channel"]), template=False),
    ),
    "New-opportunity work: applications, networking, cold calls, events.",
)

# The words in a Search Method cell that say how it was done, in the work-search log's terms
# (SPEC 6a): the first phrase found in the value decides, matched as words at their start
# ("e mail" finds "E-mail", "call" finds "called"). A value with none keeps the activity's.
METHOD_PHRASES: tuple[tuple[str, str], ...] = (
    ("in person", "In person"),
    ("walk in", "In person"),
    ("walked in", "In person"),
    ("face to face", "In person"),
    ("hand deliver", "In person"),
    ("dropped off", "In person"),
    ("drop off", "In person"),
    ("job fair", "In person"),
    ("career fair", "In person"),
    ("careers fair", "In person"),
    ("hiring event", "In person"),
    ("fair", "In person"),
    ("on site", "In person"),
    ("visit", "In person"),
    ("office", "In person"),
    ("email", "Email"),
    ("e mail", "Email"),
    ("phone", "Phone"),
    ("telephone", "Phone"),
    ("call", "Phone"),
    ("online", "Online application"),
    ("web", "Online application"),
    ("portal", "Online application"),
    ("linkedin", "Online application"),
    ("indeed", "Online application"),
    ("easy apply", "Online application"),
    ("job board", "Online application"),
    ("glassdoor", "Online application"),
    ("ziprecruiter", "Online application"),
    ("monster", "Online application"),
    ("careers page", "Online application"),
    ("career page", "Online application"),
    ("company site", "Online application"),
    ("workday", "Online application"),
    ("greenhouse", "Online application"),
    ("lever", "Online application"),
    ("app", "Online application"),
    ("mail", "Other"),
    ("post", "Other"),
    ("fax", "Other"),
    ("letter", "Other"),
)

USER_SHEETS: tuple[Sheet, ...] = (INTERVIEWS, LOG, CONTACTS, SEARCH)
REQUIRED_SHEET = INTERVIEWS  # the others read as empty when missing (SPEC 3)

# What `followup import` looks for in a list of applications (SPEC 3a), in the order the
# columns are claimed: a source column serves one of them.
RESPONSE_DATE = Column(
    "Response date", "response_date", Kind.DATE, aliases=SYNONYMS["response_date"]
)
IMPORT_FIELDS: tuple[Column, ...] = (
    INTERVIEWS.column("company"),
    INTERVIEWS.column("role"),
    INTERVIEWS.column("interview_date"),
    SEARCH.column("date"),
    RESPONSE_DATE,
    SEARCH.column("status"),
    SEARCH.column("contact"),
    INTERVIEWS.column("interviewer"),
    INTERVIEWS.column("round"),
    INTERVIEWS.column("email"),
    INTERVIEWS.column("phone"),
    SEARCH.column("notes"),
    SEARCH.column("activity"),
    LOG.column("channel"),  # how the contact was made: tells a call or a visit from an application
)


@dataclass(frozen=True)
class Setting:
    name: str
    key: str
    kind: Kind
    default: str | int
    explanation: str
    choices: tuple[str, ...] = ()


SETTINGS_SHEET = "Settings"
SETTING_HEADER, VALUE_HEADER, ABOUT_HEADER = "Setting", "Value", "What it does"
SETTINGS_TABLE = Sheet(
    SETTINGS_SHEET,
    "Settings",
    (
        Column(SETTING_HEADER, "setting", required=True, aliases=SYNONYMS["setting"]),
        Column(VALUE_HEADER, "value", required=True, aliases=SYNONYMS["value"]),
        Column(ABOUT_HEADER, "about"),
    ),
)

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
        "Date order",
        "date_order",
        Kind.CHOICE,
        "",
        "How to read dates typed as text with numbers only, such as 03/04/2026: MDY, DMY or "
        "YMD. Blank: read from each column's other dates.",
        choices=DATE_ORDERS,
    ),
    Setting(
        "Application follow-up after (days)",
        "application_follow_up_days",
        Kind.WHOLE_DAYS,
        7,
        "Days after applying (and between follow-ups) to nudge about an application with no "
        "reply. 0: no application follow-ups.",
    ),
    Setting(
        "Application follow-ups",
        "application_follow_ups",
        Kind.WHOLE_DAYS,
        2,
        "How many follow-ups to send about one application at most.",
    ),
    Setting(
        "Work search activities required per week",
        "work_search_required",
        Kind.WHOLE_DAYS,
        3,
        "What your unemployment office asks for; the work-search log counts each week.",
    ),
)

# The sheets followup owns and rewrites on every refresh (SPEC section 6).
THIS_WEEK = "This Week"
NETWORK_UPDATES = "Network Updates"
SUMMARY = "Summary"
HISTORY = "History"
OWNED_SHEETS: tuple[str, ...] = (THIS_WEEK, NETWORK_UPDATES, SUMMARY, HISTORY)

DONE = Column("Done", "done", Kind.DONE_MARK, width=10, hint="type x or the date you did it")
SNOOZE = Column(
    "Snooze until",
    "snooze",
    Kind.SNOOZE_DATE,
    width=10,
    hint="type a date to hide the action until that day",
)
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
        Column("Action", "action", width=17),
        Column("Channel", "channel", width=8),
        Column("Contact", "contact", width=12),
        Column("Time", "time", width=7),
        Column("Why", "why", width=17),
        Column("Draft", "draft", width=21),
        DONE,
        SNOOZE,
        Column("Note", "note", width=11),
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
        SNOOZE,
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
        Column("Note", "note", width=20),
    ),
)
# A hidden column beside the This Week and Network Updates tables holds a fingerprint of each
# generated draft, so the next refresh can tell an edited draft from an untouched one.
FINGERPRINT_HEADER = "followup draft fingerprint"
# Beside This Week: which nudge of an application a row is (part of its identity, SPEC 6).
NUMBER_HEADER = "followup nudge number"
# Beside This Week: each action hidden by a snooze, "YYYY-MM-DD identity" one per cell, so the
# snooze outlives the refreshes that do not list the action (SPEC 6, Snooze until).
SNOOZED_HEADER = "followup snoozed"
# Beside those lines, the Draft and Note the user edited on each hidden action, and the action
# as they saw it: kept until it comes back (SPEC 6, carried edits).
SNOOZED_DRAFT_HEADER = "followup snoozed draft"
SNOOZED_NOTE_HEADER = "followup snoozed note"
SNOOZED_ACTION_HEADER = "followup snoozed action"
OVERDUE, TODAY, THIS_WEEK_WHEN = "Overdue", "Today", "This week"
WHEN_ORDER: tuple[str, ...] = (OVERDUE, TODAY, THIS_WEEK_WHEN)
