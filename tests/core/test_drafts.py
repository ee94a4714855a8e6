"""Drafts: every step has one, personalised, warm, and never impatient."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from followup import cadence
from followup.drafts import draft, drafts
from followup.schema import APPLICATION_FOLLOW_UP, LOG_STEP_IDS, STEP_IDS, STEPS
from followup.settings import Settings
from followup.tone import flagged
from followup.wording import DRAFTS as TEMPLATES

from .trackers import DRAFT_CONTEXT as FULL
from .trackers import WORKED, make_tracker

BLANK: dict[str, object] = {}
PHONE_STEPS = [s.id for s in STEPS if s.channel == "Phone"]
EMAIL_STEPS = [s.id for s in STEPS if s.channel == "Email"]
IMPATIENT = ("still haven't heard", "again", "as i said", "as i mentioned", "!!", "still waiting")


NUDGE_FIRST = {**FULL, "applied": pd.Timestamp("2026-11-02"), "number": 1}
NUDGE_LATER = {**NUDGE_FIRST, "number": 2}
# Every draft the tool writes: each step, and the first and a later application follow-up.
ALL_DRAFTS = [
    *[(s, c) for s in STEP_IDS for c in (FULL, BLANK)],
    *[(APPLICATION_FOLLOW_UP, c) for c in (NUDGE_FIRST, NUDGE_LATER, BLANK)],
]


def test_every_step_a_sent_row_may_name_has_a_draft() -> None:
    assert set(LOG_STEP_IDS) <= set(TEMPLATES)


@pytest.mark.parametrize(("step", "ctx"), ALL_DRAFTS)
def test_no_draft_sounds_impatient_or_shouts(step: str, ctx: dict[str, object]) -> None:
    text = draft(step, ctx)
    assert not [p for p in IMPATIENT if p in text.lower()]
    assert not re.findall(r"\b[A-Z]{2,}\b", text)
    assert "{" not in text and "}" not in text


@pytest.mark.parametrize("step", LOG_STEP_IDS)
def test_drafts_greet_the_interviewer_by_first_name_and_name_company_and_role(step: str) -> None:
    text = draft(step, FULL)
    assert "Hi Dana," in text or "Hi Dana, " in text
    assert "Dana Reyes" not in text
    assert "Acme" in text
    assert "Analyst" in text


@pytest.mark.parametrize("step", LOG_STEP_IDS)
def test_a_missing_interviewer_is_greeted_as_there(step: str) -> None:
    assert "Hi there," in draft(step, {**FULL, "interviewer": ""})


@pytest.mark.parametrize("step", EMAIL_STEPS)
def test_emails_are_signed_with_your_name(step: str) -> None:
    assert draft(step, FULL).endswith("Best regards,\nSam Patel")
    assert draft(step, BLANK).endswith("Best regards")


@pytest.mark.parametrize("step", PHONE_STEPS)
def test_phone_steps_have_a_call_script_and_a_voicemail(step: str) -> None:
    script, voicemail = draft(step, FULL).split("\n")
    assert script.startswith("Call script: ")
    assert voicemail.startswith("Voicemail: ")
    assert "Sam Patel" in voicemail
    assert len(voicemail) < 400


def test_the_reiterating_email_carries_the_key_point_and_the_call_date() -> None:
    text = draft("reiterate-email", FULL)
    assert "cutting the monthly close from ten days to five" in text
    assert "on Tuesday 8 December" in text
    assert "key point" not in draft("reiterate-email", BLANK)


def test_the_status_email_announces_todays_call_time() -> None:
    assert "call today at 4:00 pm" in draft("status-email", FULL)


def test_the_thank_you_asks_for_the_timeline_only_when_no_decision_date_was_given() -> None:
    asking = draft("thank-you", FULL)
    assert "when you expect to reach a decision" in asking
    assert "kept in touch" in asking
    agreed = draft("thank-you", {**FULL, "ask_keep_in_touch": False})
    assert "when you expect" in agreed and "kept in touch" not in agreed
    settled = draft("thank-you", {**FULL, "ask_timeline": False})
    assert "when you expect" not in settled and "kept in touch" not in settled


def test_drafts_fill_one_per_row() -> None:
    frame = pd.DataFrame([{**FULL, "step": "thank-you"}, {**BLANK, "step": "update-email"}])
    texts = drafts(frame)
    assert texts[0] == draft("thank-you", FULL)
    assert texts[1].startswith("Hi there,")


def test_this_week_drafts_use_the_tracker_and_settings() -> None:
    tracker = make_tracker([WORKED], settings=Settings(your_name="Sam Patel"))
    rows = cadence.this_week(tracker, pd.Timestamp("2026-11-25")).set_index("step")
    assert "on Tuesday 8 December" in rows.loc["reiterate-email", "draft"]
    assert rows.loc["status-email", "draft"].startswith("Hi Dana,")
    assert rows.loc["status-call", "draft"].startswith("Call script: Hi Dana, this is Sam")


def test_a_late_reiterating_email_announces_a_call_a_week_after_it_goes_out() -> None:
    rows = cadence.this_week(make_tracker([WORKED]), pd.Timestamp("2026-12-03"))
    text = rows.set_index("step").loc["reiterate-email", "draft"]
    assert "on Thursday 10 December" in text


def test_a_missing_decision_date_puts_the_timeline_question_in_the_thank_you() -> None:
    tracker = make_tracker([{**WORKED, "decision_by": "", "keep_in_touch": "No"}])
    text = cadence.this_week(tracker, pd.Timestamp("2026-11-02"))["draft"].iloc[0]
    assert "when you expect to reach a decision" in text
    assert "kept in touch" in text


@pytest.mark.parametrize(("step", "ctx"), ALL_DRAFTS)
def test_the_tone_check_passes_every_built_in_draft(step: str, ctx: dict[str, object]) -> None:
    assert flagged(draft(step, ctx)) == []


def test_a_title_keeps_the_full_name() -> None:
    assert draft("thank-you", {**FULL, "interviewer": "Dr. Ruth Okafor"}).startswith(
        "Hi Dr. Ruth Okafor,"
    )


def test_application_follow_ups_name_the_application_and_differ_from_first_to_later() -> None:
    first, later = (
        draft(APPLICATION_FOLLOW_UP, NUDGE_FIRST),
        draft(APPLICATION_FOLLOW_UP, NUDGE_LATER),
    )
    assert "the Analyst role at Acme on Monday 2 November" in first
    assert "the Analyst role at Acme, sent on Monday 2 November" in later
    assert first != later
    assert first.endswith("Best regards,\nSam Patel")
    # Brief: a nudge, not a cover letter.
    assert len(first.split()) < 90 and len(later.split()) < 90


def test_an_application_without_a_role_or_contact_still_reads_well() -> None:
    text = draft(APPLICATION_FOLLOW_UP, {"company": "Globex", "number": 1})
    assert text.startswith("Hi there,")
    assert "the open position at Globex and wanted" in text
