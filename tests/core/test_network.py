"""While you wait (SPEC section 5): network updates, advocate asks, glow calls, search target."""

from __future__ import annotations

import pandas as pd
import pytest

from followup import network
from followup.schema import NETWORK_SHEET, THIS_WEEK_SHEET
from followup.settings import Settings
from followup.tracker import Tracker

from .trackers import WORKED, make_full_tracker, received, searches, sent

# WORKED: Acme, Analyst, interview Mon 2 Nov 2026, decision Mon 23 Nov, status email Tue 24 Nov.
ME = Settings(your_name="Sam Patel")


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def core(name: str, last_update: str = "", every: int | str = "") -> dict[str, object]:
    return {
        "name": name,
        "relationship": "Core network",
        "last_update": last_update,
        "update_every": every,
    }


def advocate(name: str, company: str, **more: object) -> dict[str, object]:
    return {"name": name, "relationship": "Advocate", "company": company, **more}


def due_contacts(tracker: Tracker, as_of: str) -> list[str]:
    return list(network.network_updates(tracker, day(as_of))["contact"])


def row_of(frame: pd.DataFrame, contact: str) -> pd.Series:
    return frame[frame["contact"] == contact].iloc[0]


def steps_of(tracker: Tracker, as_of: str) -> list[str]:
    return list(network.this_week_rows(tracker, day(as_of))["step"])


def plenty_of_search(as_of: str) -> list[dict[str, object]]:
    """Ten search rows in the seven days up to ``as_of``: the default target is met."""
    end = day(as_of)
    return searches(*[(end - pd.Timedelta(days=i % 7)).strftime("%Y-%m-%d") for i in range(10)])


# Core network updates.


def test_stale_and_recent_core_contacts() -> None:
    tracker = make_full_tracker(
        [WORKED],
        contacts=[
            core("Maria Gonzalez", "2026-10-01"),  # before the interview, weeks ago: due
            core("Ken Adams", "2026-11-10"),  # after the interview: nothing new to share
            core("Aisha Rahman"),  # never updated, an interview since: due
        ],
    )
    assert due_contacts(tracker, "2026-11-16") == ["Aisha Rahman", "Maria Gonzalez"]


def test_update_every_must_have_passed_since_the_last_update() -> None:
    tracker = make_full_tracker([WORKED], contacts=[core("Maria Gonzalez", "2026-11-01")])
    assert due_contacts(tracker, "2026-11-14") == []  # 13 days
    assert due_contacts(tracker, "2026-11-15") == ["Maria Gonzalez"]  # 14 days


def test_no_interview_since_the_last_update_means_no_update_however_long_ago() -> None:
    tracker = make_full_tracker([WORKED], contacts=[core("Maria Gonzalez", "2026-11-03")])
    assert due_contacts(tracker, "2027-03-01") == []


def test_an_interview_on_the_day_of_the_last_update_was_already_shared() -> None:
    tracker = make_full_tracker([WORKED], contacts=[core("Maria Gonzalez", "2026-11-02")])
    assert due_contacts(tracker, "2026-12-01") == []


def test_without_interviews_there_is_nothing_to_share() -> None:
    tracker = make_full_tracker([], contacts=[core("Aisha Rahman")])
    assert due_contacts(tracker, "2026-11-16") == []


def test_a_scheduled_interview_is_not_news_yet() -> None:
    tracker = make_full_tracker([WORKED], contacts=[core("Aisha Rahman")])
    assert due_contacts(tracker, "2026-11-01") == []
    assert due_contacts(tracker, "2026-11-02") == ["Aisha Rahman"]


def test_contacts_own_update_every_overrides_the_setting() -> None:
    tracker = make_full_tracker(
        [WORKED],
        contacts=[
            core("Slow Sam", "2026-10-20", every=30),
            core("Fast Fay", "2026-11-01", every=3),
        ],
        settings=Settings(network_update_days=14),
    )
    # Slow Sam: 27 of 30 days; Fast Fay: 15 of 3 days.
    assert due_contacts(tracker, "2026-11-16") == ["Fast Fay"]
    assert due_contacts(tracker, "2026-11-19") == ["Slow Sam", "Fast Fay"]  # oldest first


def test_a_ticked_network_update_in_history_counts_as_the_last_update() -> None:
    second = {**WORKED, "interview_date": "2026-11-20", "round": "Onsite"}
    history = [{"date": "2026-11-05", "step": "network-update", "contact": "maria GONZALEZ "}]
    tracker = make_full_tracker(
        [WORKED, second], history=history, contacts=[core("Maria Gonzalez", "2026-10-01")]
    )
    # Updated on 5 Nov (History, later than Contacts): the 2 Nov interview is old news.
    assert due_contacts(tracker, "2026-11-18") == []
    rows = network.network_updates(tracker, day("2026-11-30"))
    maria = row_of(rows, "Maria Gonzalez")
    assert maria["last_update"] == day("2026-11-05")
    assert "Fri 20 Nov" in maria["draft"]
    assert "Mon 2 Nov" not in maria["draft"]


def test_an_older_history_row_does_not_hide_a_later_contacts_date() -> None:
    history = [{"date": "2026-09-01", "step": "network-update", "contact": "Maria Gonzalez"}]
    tracker = make_full_tracker(
        [WORKED], history=history, contacts=[core("Maria Gonzalez", "2026-11-10")]
    )
    assert due_contacts(tracker, "2026-12-01") == []


def test_history_after_the_as_of_date_has_not_happened_yet() -> None:
    history = [{"date": "2026-11-20", "step": "network-update", "contact": "Maria Gonzalez"}]
    tracker = make_full_tracker(
        [WORKED], history=history, contacts=[core("Maria Gonzalez", "2026-10-01")]
    )
    assert due_contacts(tracker, "2026-11-16") == ["Maria Gonzalez"]


def test_other_relationships_get_no_network_update() -> None:
    contacts = [
        {"name": "Dr. Ruth Okafor", "relationship": "Reference"},
        {"name": "Chris Morgan", "relationship": "Recruiter"},
        {"name": "Pat Doe", "relationship": "Other"},
    ]
    tracker = make_full_tracker([WORKED], contacts=contacts)
    assert due_contacts(tracker, "2026-11-16") == []


def test_the_update_lists_interviews_since_the_last_update_and_their_skills() -> None:
    earlier = {**WORKED, "company": "Old Co", "interview_date": "2026-09-15", "skills": "COBOL"}
    first = {**WORKED, "round": "Phone screen", "skills": "SQL, forecasting"}
    second = {
        **WORKED,
        "company": "Beta Labs",
        "role": "Planner",
        "interview_date": "2026-11-05",
        "skills": "Forecasting; stakeholder reporting",
    }
    tracker = make_full_tracker(
        [earlier, first, second], contacts=[core("Maria Gonzalez", "2026-10-01")], settings=ME
    )
    row = row_of(network.network_updates(tracker, day("2026-11-16")), "Maria Gonzalez")
    draft = row["draft"]
    assert draft.startswith("Hi Maria,\n")
    assert "- Acme, Analyst (Phone screen, Mon 2 Nov)\n- Beta Labs, Planner (Thu 5 Nov)" in draft
    assert "SQL, forecasting and stakeholder reporting." in draft
    assert "Old Co" not in draft and "COBOL" not in draft
    assert "kept me in mind" in draft
    assert draft.endswith("Best regards,\nSam Patel")
    assert row["why"] == "2 interviews since your last update on Thu 1 Oct (every 14 days)."
    assert row["relationship"] == "Core network"
    assert row["done"] == ""


def test_a_title_keeps_the_full_name_in_the_greeting() -> None:
    tracker = make_full_tracker([WORKED], contacts=[core("Dr. Ruth Okafor")])
    draft = network.network_updates(tracker, day("2026-11-16"))["draft"].iloc[0]
    assert draft.startswith("Hi Dr. Ruth Okafor,\n")


def test_network_updates_columns_and_order() -> None:
    tracker = make_full_tracker(
        [WORKED],
        contacts=[
            advocate("Tom Becker", "Acme"),
            core("Ken Adams", "2026-10-20"),
            core("Maria Gonzalez", "2026-10-01"),
            core("Aisha Rahman"),
        ],
    )
    rows = network.network_updates(tracker, day("2026-11-30"))
    assert tuple(rows.columns) == NETWORK_SHEET.keys
    # Core contacts first, longest without an update first; then advocate asks.
    assert list(rows["contact"]) == ["Aisha Rahman", "Maria Gonzalez", "Ken Adams", "Tom Becker"]
    assert pd.isna(rows["last_update"].iloc[0])


def test_empty_tracker_has_no_network_updates() -> None:
    rows = network.network_updates(Tracker(), day("2026-11-16"))
    assert rows.empty
    assert tuple(rows.columns) == NETWORK_SHEET.keys


# Advocates.


def test_an_advocate_is_asked_once_the_status_email_went_unanswered() -> None:
    tracker = make_full_tracker([WORKED], contacts=[advocate("Tom Becker", "acme")], settings=ME)
    assert due_contacts(tracker, "2026-11-23") == []  # decision day
    assert due_contacts(tracker, "2026-11-24") == []  # status email due today
    rows = network.network_updates(tracker, day("2026-11-25"))
    assert list(rows["contact"]) == ["Tom Becker"]
    tom = rows.iloc[0]
    assert tom["relationship"] == "Advocate"
    assert tom["company"] == "acme"
    assert "still posted" in tom["draft"]
    assert "changed" in tom["draft"]
    assert "Analyst" in tom["draft"]
    assert tom["draft"].endswith("Sam Patel")
    assert "Tue 24 Nov" in tom["why"]


def test_advocates_at_silent_and_active_companies() -> None:
    waiting = {**WORKED, "company": "Beta Labs", "interview_date": "2026-11-20", "decision_by": ""}
    rejected = {**WORKED, "company": "Gamma", "status": "Rejected"}
    paused = {**WORKED, "company": "Delta", "status": "On hold"}
    tracker = make_full_tracker(
        [WORKED, waiting, rejected, paused],
        contacts=[
            advocate("Tom Becker", "Acme"),
            advocate("Lena Fischer", "Beta Labs"),
            advocate("Gus Grant", "Gamma"),
            advocate("Dee Dunn", "Delta"),
            advocate("Nora Nobody", ""),
        ],
    )
    assert due_contacts(tracker, "2026-11-30") == ["Tom Becker"]


def test_a_reply_restarts_the_chain_and_silences_the_advocate_ask() -> None:
    tracker = make_full_tracker(
        [WORKED],
        log=[received("2026-11-25")],
        contacts=[advocate("Tom Becker", "Acme")],
    )
    # The reply moves the decision date to 2 Dec, so the new status email is due 3 Dec.
    assert due_contacts(tracker, "2026-11-26") == []
    assert due_contacts(tracker, "2026-12-03") == []
    assert due_contacts(tracker, "2026-12-04") == ["Tom Becker"]


def test_a_ticked_advocate_ask_waits_update_every_days() -> None:
    history = [{"date": "2026-11-25", "step": "ask-advocate", "contact": "Tom Becker"}]
    tracker = make_full_tracker(
        [WORKED], history=history, contacts=[advocate("Tom Becker", "Acme", update_every=10)]
    )
    assert due_contacts(tracker, "2026-12-04") == []  # 9 days
    assert due_contacts(tracker, "2026-12-05") == ["Tom Becker"]  # 10 days


def test_an_advocate_talked_to_before_the_silence_is_asked_now() -> None:
    tracker = make_full_tracker(
        [WORKED], contacts=[advocate("Tom Becker", "Acme", last_update="2026-11-20")]
    )
    assert due_contacts(tracker, "2026-11-25") == ["Tom Becker"]


def test_one_ask_per_advocate_names_every_silent_role() -> None:
    planner = {**WORKED, "role": "Planner"}
    tracker = make_full_tracker([WORKED, planner], contacts=[advocate("Tom Becker", "Acme")])
    rows = network.this_week_rows(tracker, day("2026-11-25"))
    ask = rows[rows["step"] == "ask-advocate"]
    assert len(ask) == 1
    assert ask["role"].iloc[0] == "Analyst and Planner"
    assert ask["company"].iloc[0] == "Acme"
    assert "the roles are still posted" in ask["draft"].iloc[0]


# This Week rows.


def test_network_rows_appear_on_this_week() -> None:
    tracker = make_full_tracker(
        [WORKED],
        contacts=[core("Maria Gonzalez", "2026-10-01"), advocate("Tom Becker", "acme")],
        search=plenty_of_search("2026-11-25"),
    )
    as_of = day("2026-11-25")
    rows = network.this_week_rows(tracker, as_of)
    updates = network.network_updates(tracker, as_of)
    assert tuple(rows.columns) == THIS_WEEK_SHEET.keys
    mine = rows[rows["step"].isin(["network-update", "ask-advocate"])]
    assert list(zip(mine["step"], mine["contact"], strict=True)) == [
        ("network-update", "Maria Gonzalez"),
        ("ask-advocate", "Tom Becker"),
    ]
    assert set(mine["when"]) == {"Today"}
    assert set(mine["due"]) == {as_of}
    assert set(mine["channel"]) == {"Email"}
    assert list(mine["draft"]) == list(updates["draft"])
    assert list(mine["why"]) == list(updates["why"])
    assert list(mine["company"]) == ["", "Acme"]


@pytest.mark.parametrize(
    ("as_of", "glowing"),
    [
        ("2026-11-01", False),  # the interview is tomorrow
        ("2026-11-02", True),  # day 0
        ("2026-11-04", True),  # day glow_days
        ("2026-11-05", False),  # day glow_days + 1
    ],
)
def test_glow_window_edges(as_of: str, glowing: bool) -> None:
    tracker = make_full_tracker([WORKED], search=plenty_of_search(as_of))
    assert ("glow-calls" in steps_of(tracker, as_of)) is glowing


def test_glow_window_follows_the_setting() -> None:
    tracker = make_full_tracker([WORKED], settings=Settings(glow_days=0))
    assert "glow-calls" in steps_of(tracker, "2026-11-02")
    assert "glow-calls" not in steps_of(tracker, "2026-11-03")


def test_glow_calls_name_the_contacts_quiet_for_longest() -> None:
    tracker = make_full_tracker(
        [WORKED],
        contacts=[
            core("Recent Rita", "2026-11-01"),
            {**core("Old Otto", "2026-06-01"), "relationship": "Other"},
            {"name": "Never Nell", "relationship": "Reference", "phone": "555-0101"},
            {**core("Middle Max", "2026-09-01"), "relationship": "Reference"},
        ],
        settings=ME,
    )
    rows = network.this_week_rows(tracker, day("2026-11-03"))
    glow = rows[rows["step"] == "glow-calls"].iloc[0]
    assert glow["action"] == (
        "Use the post-interview glow: call Never Nell, Old Otto and Middle Max, "
        "then make a cold call"
    )
    assert "Recent Rita" not in glow["draft"]
    assert "- Never Nell, 555-0101 (no update on record)" in glow["draft"]
    assert "- Old Otto (last update Mon 1 Jun)" in glow["draft"]
    assert "Acme (Analyst) on Mon 2 Nov" in glow["why"]
    assert "cold call" in glow["draft"]
    assert "Sam Patel" in glow["draft"]
    assert (glow["when"], glow["due"], glow["channel"]) == ("Today", day("2026-11-03"), "Phone")


def glow_named(tracker: Tracker, as_of: str) -> str:
    rows = network.this_week_rows(tracker, day(as_of))
    return str(rows.loc[rows["step"] == "glow-calls", "action"].iloc[0])


@pytest.mark.parametrize("sheet", ["search", "log", "history"])
def test_glow_calls_skip_whoever_was_contacted_within_their_update_interval(sheet: str) -> None:
    contacts = [
        {"name": "Yan Wu", "relationship": "Other", "update_every": 10},
        {"name": "Zoe Hart", "relationship": "Other"},
    ]
    touch = {"date": "2026-11-02", "contact": "yan wu ", "company": "Acme"}
    more: dict[str, object] = {
        "search": {"search": [{**touch, "activity": "Cold call"}]},
        "log": {"log": [{**touch, "direction": "Received", "role": "Analyst"}]},
        "history": {"history": [{**touch, "step": "network-update"}]},
    }[sheet]
    tracker = make_full_tracker([WORKED], contacts=contacts, **more)  # type: ignore[arg-type]
    # Called yesterday: not named again; Zoe, never contacted, is.
    assert glow_named(tracker, "2026-11-03") == (
        "Use the post-interview glow: call Zoe Hart, then make a cold call"
    )


def test_glow_calls_never_name_someone_the_network_updates_ask_for_today() -> None:
    tracker = make_full_tracker(
        [WORKED, {**WORKED, "company": "Beta", "interview_date": "2026-11-24"}],
        contacts=[advocate("Ava Stone", "Acme"), {"name": "Zoe Hart", "relationship": "Other"}],
    )
    rows = network.this_week_rows(tracker, day("2026-11-25"))
    assert "ask-advocate" in set(rows["step"])  # Acme is silent: ask Ava
    assert glow_named(tracker, "2026-11-25") == (
        "Use the post-interview glow: call Zoe Hart, then make a cold call"
    )


def test_glow_calls_without_contacts_still_suggest_the_calls() -> None:
    tracker = make_full_tracker([WORKED])
    rows = network.this_week_rows(tracker, day("2026-11-02"))
    glow = rows[rows["step"] == "glow-calls"].iloc[0]
    assert "cold calls" in glow["draft"]
    assert "Call first" not in glow["draft"]


OTHERS = [
    {"name": "Yan Wu", "relationship": "Other"},
    {"name": "Zoe Hart", "relationship": "Other"},
]
PANELLIST = {**WORKED, "interviewer": "Lee Chan"}
BETA = {**WORKED, "company": "Beta", "role": "Lead", "interview_date": "2026-11-03"}


def glow_why(interviews: list[dict[str, object]], contacts: list[dict[str, object]]) -> str:
    rows = network.this_week_rows(
        make_full_tracker(interviews, contacts=contacts), day("2026-11-03")
    )
    return str(rows.loc[rows["step"] == "glow-calls", "why"].iloc[0])


@pytest.mark.parametrize(
    ("interviews", "contacts", "opening"),
    [
        # One interview: singular, however many contacts there are to call.
        ([WORKED], OTHERS, "Interview at Acme (Analyst) on Mon 2 Nov: "),
        ([WORKED, PANELLIST], OTHERS, "Interview at Acme (Analyst) on Mon 2 Nov: "),  # a panel
        # Two interviews: plural, with one contact or none.
        ([WORKED, BETA], OTHERS[:1], "Interviews at Acme (Analyst) on Mon 2 Nov and Beta (Lead)"),
        ([WORKED, BETA], [], "Interviews at Acme (Analyst) on Mon 2 Nov and Beta (Lead)"),
    ],
)
def test_glow_why_counts_the_interviews_not_the_contacts(
    interviews: list[dict[str, object]], contacts: list[dict[str, object]], opening: str
) -> None:
    assert glow_why(interviews, contacts).startswith(opening)


# The search target ("sandwich").


def search_row(tracker: Tracker, as_of: str) -> pd.Series | None:
    rows = network.this_week_rows(tracker, day(as_of))
    found = rows[rows["step"] == "search-target"]
    return None if found.empty else found.iloc[0]


def test_search_target_missed() -> None:
    # 8 Nov is outside the last 7 days (10-16 Nov).
    dates = ("2026-11-08", "2026-11-10", "2026-11-12", "2026-11-16")
    tracker = make_full_tracker([WORKED], search=searches(*dates))
    row = search_row(tracker, "2026-11-16")
    assert row is not None
    assert row["action"] == "Do 7 more search activities this week"
    assert "3 new-opportunity activities against a target of 10" in row["why"]
    assert (row["when"], row["due"]) == ("Today", day("2026-11-16"))


def test_search_target_met_while_an_opportunity_is_open_still_says_keep_going() -> None:
    tracker = make_full_tracker([WORKED], search=plenty_of_search("2026-11-16"))
    row = search_row(tracker, "2026-11-16")
    assert row is not None
    assert row["action"] == "Search target met: keep the search going"


def test_search_target_met_with_nothing_open_is_silent() -> None:
    closed = {**WORKED, "status": "Rejected"}
    tracker = make_full_tracker([closed], search=plenty_of_search("2026-11-16"))
    assert search_row(tracker, "2026-11-16") is None


def test_an_empty_search_with_nothing_open_is_still_flagged() -> None:
    assert search_row(make_full_tracker(), "2026-11-16") is not None


def test_follow_ups_outnumbering_the_search() -> None:
    log = [sent(f"2026-11-1{i}", "") for i in range(5)]  # five follow-ups, 10-14 Nov
    history = [{"date": "2026-11-15", "company": "Acme", "step": "halfway"}]
    closed = {**WORKED, "status": "Withdrawn"}
    tracker = make_full_tracker(
        [closed],
        log=log,
        history=history,
        search=searches("2026-11-12", "2026-11-13", "2026-11-14"),
        settings=Settings(weekly_search_target=2),
    )
    row = search_row(tracker, "2026-11-16")
    assert row is not None
    assert row["action"] == "Do 3 more search activities this week"
    assert "6 follow-ups sent" in row["why"]
    assert "outnumber" in row["why"]


def test_a_ticked_row_also_logged_counts_once() -> None:
    log = [sent("2026-11-12", "halfway"), sent("2026-11-13", "")]
    history = [{"date": "2026-11-12", "company": "ACME", "role": "Analyst", "step": "halfway"}]
    closed = {**WORKED, "status": "Filled"}
    tracker = make_full_tracker(
        [closed],
        log=log,
        history=history,
        search=searches("2026-11-12", "2026-11-13"),
        settings=Settings(weekly_search_target=2),
    )
    # Two follow-ups against two search activities: balanced, nothing open, so no row.
    assert search_row(tracker, "2026-11-16") is None


def test_an_offer_ends_the_search_target() -> None:
    offer = {**WORKED, "status": "Offer"}
    other = {**WORKED, "company": "Beta Labs"}
    assert search_row(make_full_tracker([offer]), "2026-11-16") is None
    assert search_row(make_full_tracker([offer, other]), "2026-11-16") is None


def test_empty_tracker_rows_have_the_this_week_columns() -> None:
    rows = network.this_week_rows(Tracker(), day("2026-11-16"))
    assert tuple(rows.columns) == THIS_WEEK_SHEET.keys
    assert list(rows["step"]) == ["search-target"]
    assert rows["due"].dtype == "datetime64[ns]"


def test_updates_leave_out_roles_that_ended_without_an_offer() -> None:
    rejected = {**WORKED, "company": "Globex", "role": "Lead", "status": "Rejected"}
    offer = {**WORKED, "company": "Initech", "role": "Analyst", "status": "Offer"}
    tracker = make_full_tracker([WORKED, rejected, offer], contacts=[core("Maria Gonzalez")])
    draft = row_of(network.network_updates(tracker, day("2026-11-16")), "Maria Gonzalez")["draft"]
    assert "Acme" in draft and "Initech" in draft
    assert "Globex" not in draft
