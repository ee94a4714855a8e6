"""The tone check (SPEC section 5): followup's own drafts pass (every built-in draft alone:
test_drafts.py); frustrated edits are caught."""

from __future__ import annotations

import socket

import pandas as pd
import pytest

from followup import cadence, network, tone
from followup.settings import Settings

from .trackers import WORKED, make_full_tracker, make_tracker


def faults(texts: pd.Series) -> dict[str, list[str]]:
    """Each text the tone check flags, with its phrases."""
    return {text: tone.flagged(text) for text in texts if tone.flagged(text)}


@pytest.mark.parametrize(
    "as_of",
    [
        "2026-11-02",
        "2026-11-12",
        "2026-11-24",
        "2026-12-01",
        "2026-12-08",
        "2026-12-22",
        "2027-01-05",
        "2027-02-19",
    ],
)
def test_this_week_drafts_of_the_worked_example_pass(as_of: str) -> None:
    recruiter = {
        **WORKED,
        "company": "Globex",
        "interviewer": "Ann Lee",
        "interviewer_type": "Recruiter",
        "decision_by": "",
        "keep_in_touch": "",
    }
    tracker = make_tracker([WORKED, recruiter], settings=Settings(your_name="Sam Patel"))
    rows = cadence.this_week(tracker, pd.Timestamp(as_of))
    assert len(rows) > 0
    assert faults(rows["draft"]) == {}


def test_every_while_you_wait_draft_passes() -> None:
    second = {
        **WORKED,
        "company": "Beta Labs",
        "role": "FP&A Manager",
        "interview_date": "2026-11-24",
        "round": "Onsite",
        "skills": "SQL, GAAP reporting, Power BI; stakeholder management",
        "decision_by": "",
    }
    tracker = make_full_tracker(
        [{**WORKED, "round": "Phone screen", "skills": "SQL, forecasting"}, second],
        contacts=[
            {"name": "Maria Gonzalez", "relationship": "Core network", "last_update": "2026-10-01"},
            {"name": "Dr. Ruth Okafor", "relationship": "Core network"},
            {"name": "Tom Becker", "relationship": "Advocate", "company": "Acme"},
            {"name": "Chris Morgan", "relationship": "Recruiter", "phone": "555-0101"},
        ],
        settings=Settings(your_name="Sam Patel"),
    )
    rows = network.this_week_rows(tracker, pd.Timestamp("2026-11-25"))
    assert set(rows["step"]) == {"network-update", "ask-advocate", "glow-calls", "search-target"}
    assert faults(rows["draft"]) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Hi Dana, I still haven't heard back about the role. As I said, I am available.",
            ["still haven't heard back", "As I said"],
        ),
        ("Hi Dana, I\u2019ve been waiting two weeks now.", ["I\u2019ve been waiting"]),
        ("No one has told me anything about the next step.", ["No one has"]),
        ("Could you let me know AGAIN when you expect to decide?", ["AGAIN"]),
        ("I am writing again to ask for an update.", ["again"]),
        ("Any news?!", ["?!"]),
        ("Please reply!!", ["!!"]),
        ("I haven't heard back since our call.", ["haven't heard back"]),
        ("I am still waiting for an answer.", ["still waiting"]),
        (
            "This process has been awful and I am frustrated and disappointed.",
            ["awful", "frustrated", "disappointed"],
        ),
    ],
)
def test_frustrated_edits_are_flagged_with_their_phrases(text: str, expected: list[str]) -> None:
    assert tone.flagged(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Thank you again for your time on Monday.",
        "Thanks again, and have a good week.",
        "Thank you once again for the tour of the office.",
        "I used SQL and Power BI, and presented the KPI pack to the CFO.",
        "",
    ],
)
def test_polite_text_is_not_flagged(text: str) -> None:
    assert tone.flagged(text) == []


def test_capitals_of_a_known_name_are_allowed_when_given() -> None:
    text = "I would love to bring my experience to NVIDIA."
    assert tone.flagged(text) == ["NVIDIA"]
    assert tone.flagged(text, allow=["Nvidia"]) == []


def test_a_phrase_is_reported_once() -> None:
    assert tone.flagged("Again and again and AGAIN.") == ["Again"]


def test_tone_note_starts_with_tone_and_names_the_phrases() -> None:
    note = tone.tone_note("I still haven't heard anything, AGAIN.")
    assert note.startswith("Tone: reads as frustrated ('still haven't heard', 'AGAIN')")
    assert tone.tone_note("Thank you again for your time.") == ""


def test_the_sentiment_lexicon_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the tone check tried to reach the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    tone._analyzer.cache_clear()
    assert tone.flagged("This has been a terrible, awful wait.") == ["terrible", "awful"]
