"""The follow-up cadence of SPEC section 4 and the cadence rows of This Week."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from followup import cadence
from followup.schema import STEP_IDS, THIS_WEEK_SHEET
from followup.settings import Settings
from followup.tracker import Tracker

from .trackers import WORKED, make_tracker, received, sent


def day(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


def listed(tracker: Tracker, as_of: str, days: int = 7) -> set[tuple[str, str]]:
    rows = cadence.this_week(tracker, day(as_of), days)
    return set(zip(rows["step"], rows["when"], strict=True))


def dues(tracker: Tracker, as_of: str = "2026-11-02") -> dict[str, str]:
    table = cadence.steps(tracker, day(as_of))
    return {s: d.strftime("%Y-%m-%d") for s, d in zip(table["step"], table["due"], strict=True)}


def step_row(tracker: Tracker, as_of: str, step: str) -> pd.Series:
    table = cadence.steps(tracker, day(as_of))
    return table[table["step"] == step].iloc[0]


def worked(**changes: object) -> dict[str, object]:
    return {**WORKED, **changes}


# The worked example of SPEC section 4, at several as-of dates.

WORKED_DUES = {
    "thank-you": "2026-11-02",
    "halfway": "2026-11-12",
    "status-email": "2026-11-24",
    "status-call": "2026-11-24",
    "reiterate-email": "2026-12-01",
    "reiterate-call": "2026-12-08",
    "still-available-call": "2026-12-22",
    "update-email": "2027-01-05",
    "check-in-email": "2027-02-19",
}


def test_worked_example_due_dates() -> None:
    assert dues(make_tracker([WORKED])) == WORKED_DUES


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2026-11-02", {("thank-you", "Today")}),
        ("2026-11-16", {("halfway", "Overdue")}),
        ("2026-11-24", {("status-email", "Today"), ("status-call", "Today")}),
        (
            "2026-11-25",
            {
                ("status-email", "Overdue"),
                ("status-call", "Overdue"),
                ("reiterate-email", "This week"),
            },
        ),
    ],
)
def test_worked_example_this_week(as_of: str, expected: set[tuple[str, str]]) -> None:
    assert listed(make_tracker([WORKED]), as_of) == expected


def test_worked_example_on_16_november_the_thank_you_is_missed() -> None:
    assert step_row(make_tracker([WORKED]), "2026-11-16", "thank-you")["state"] == "missed"
    rows = cadence.this_week(make_tracker([WORKED]), day("2026-11-16"))
    assert list(rows["due"]) == [day("2026-11-12")]


def test_worked_example_after_a_late_status_email() -> None:
    tracker = make_tracker([WORKED], log=[sent("2026-11-27", "status-email")])
    assert listed(tracker, "2026-11-27") == {("status-call", "Today")}
    assert listed(tracker, "2026-11-30") == {
        ("status-call", "Overdue"),
        ("reiterate-email", "This week"),
    }
    rows = cadence.this_week(tracker, day("2026-11-30"))
    assert rows.set_index("step").loc["reiterate-email", "due"] == day("2026-12-04")


def test_worked_example_after_a_response() -> None:
    tracker = make_tracker([WORKED], log=[received("2026-12-02")])
    # Decision moves to 2 Dec + 7 = Wed 9 Dec; the status email falls due Thu 10 Dec.
    assert listed(tracker, "2026-12-03") == set()
    assert listed(tracker, "2026-12-09") == {
        ("status-email", "This week"),
        ("status-call", "This week"),
    }
    assert listed(tracker, "2026-12-10") == {("status-email", "Today"), ("status-call", "Today")}


# One test per rule of SPEC section 4.


def test_thank_you_is_due_on_the_interview_day_even_on_a_weekend() -> None:
    tracker = make_tracker([worked(interview_date="2026-11-07", decision_by="2026-11-21")])
    got = dues(tracker, "2026-11-07")
    assert got["thank-you"] == "2026-11-07"  # a Saturday, not rolled
    assert got["halfway"] == "2026-11-16"  # Sat 14 Nov rolled to Monday
    assert got["status-email"] == "2026-11-23"  # Sun 22 Nov rolled to Monday


def test_halfway_rounds_half_the_decision_time_down() -> None:
    tracker = make_tracker([worked(decision_by="2026-11-11")])  # 9 days: halfway after 4
    assert dues(tracker)["halfway"] == "2026-11-06"


def test_public_holidays_push_due_dates_when_a_country_is_set() -> None:
    # Decision Wed 25 Nov 2026: the status email would fall on Thanksgiving.
    interview = worked(decision_by="2026-11-25")
    assert dues(make_tracker([interview]))["status-email"] == "2026-11-26"
    us = make_tracker([interview], settings=Settings(holidays="US"))
    assert dues(us)["status-email"] == "2026-11-27"


def test_weekends_count_when_skip_weekends_is_no() -> None:
    interview = worked(decision_by="2026-11-20")  # a Friday
    assert dues(make_tracker([interview]))["status-email"] == "2026-11-23"
    seven_days = make_tracker([interview], settings=Settings(skip_weekends=False))
    assert dues(seven_days)["status-email"] == "2026-11-21"


def test_a_step_is_done_by_its_earliest_sent_row_on_or_after_the_cycle_start() -> None:
    tracker = make_tracker(
        [WORKED],
        log=[
            sent("2026-11-01", "halfway"),  # before the interview: not this cycle
            sent("2026-11-27", "status-email"),
            sent("2026-11-25", "status-email"),
        ],
    )
    assert pd.isna(step_row(tracker, "2026-11-30", "halfway")["done"])
    assert step_row(tracker, "2026-11-30", "status-email")["done"] == day("2026-11-25")


def test_received_rows_and_sent_rows_without_a_step_complete_nothing() -> None:
    tracker = make_tracker(
        [WORKED],
        log=[
            {**received("2026-11-12"), "step": "halfway"},
            {**sent("2026-11-12", ""), "message": "a note"},
        ],
    )
    assert step_row(tracker, "2026-11-16", "halfway")["state"] == "overdue"


def test_history_rows_count_as_sent_rows() -> None:
    tracker = make_tracker([WORKED], history=[sent("2026-11-13", "halfway")])
    assert step_row(tracker, "2026-11-16", "halfway")["done"] == day("2026-11-13")
    assert listed(tracker, "2026-11-16") == set()


def test_thank_you_counts_only_on_or_after_that_interviews_date() -> None:
    early = make_tracker([WORKED], log=[sent("2026-11-01", "thank-you")])
    assert listed(early, "2026-11-02") == {("thank-you", "Today")}
    same_day = make_tracker([WORKED], log=[sent("2026-11-02", "thank-you")])
    assert listed(same_day, "2026-11-02") == set()


def test_each_interviewer_of_a_panel_day_gets_a_thank_you() -> None:
    panel = [WORKED, worked(interviewer="Lee Park")]
    tracker = make_tracker(panel, log=[sent("2026-11-02", "thank-you", contact="Lee Park")])
    rows = cadence.this_week(tracker, day("2026-11-02"))
    assert list(rows["contact"]) == ["Dana Reyes"]
    anyone = make_tracker(panel, log=[sent("2026-11-02", "thank-you")])
    assert cadence.this_week(anyone, day("2026-11-02")).empty


def test_later_steps_follow_the_day_the_previous_step_was_done() -> None:
    tracker = make_tracker(
        [WORKED],
        log=[sent("2026-11-26", "status-email"), sent("2026-12-03", "reiterate-call")],
    )
    got = dues(tracker, "2026-12-04")
    assert got["status-call"] == "2026-11-26"
    assert got["reiterate-email"] == "2026-12-03"
    assert got["reiterate-call"] == "2026-12-10"  # due from the reiterate email's due day
    assert got["still-available-call"] == "2026-12-17"  # 14 days after it was done


def test_status_email_and_call_stay_actionable_until_the_reiterate_email_falls_due() -> None:
    tracker = make_tracker([WORKED])
    assert listed(tracker, "2026-11-30", days=1) == {
        ("status-email", "Overdue"),
        ("status-call", "Overdue"),
    }
    assert listed(tracker, "2026-12-01", days=1) == {("reiterate-email", "Today")}
    assert step_row(tracker, "2026-12-01", "status-email")["state"] == "missed"


def test_thank_you_stays_actionable_until_the_halfway_note_falls_due() -> None:
    tracker = make_tracker([WORKED])
    assert listed(tracker, "2026-11-11", days=1) == {("thank-you", "Overdue")}
    assert listed(tracker, "2026-11-12", days=1) == {("halfway", "Today")}


def test_halfway_stays_actionable_until_the_status_email_falls_due() -> None:
    tracker = make_tracker([WORKED])
    assert listed(tracker, "2026-11-23", days=1) == {("halfway", "Overdue")}
    assert step_row(tracker, "2026-11-24", "halfway")["state"] == "missed"


def test_check_in_email_stays_actionable_for_fourteen_days() -> None:
    tracker = make_tracker([WORKED])
    row = step_row(tracker, "2027-03-04", "check-in-email")
    assert (row["due"], row["window_end"]) == (day("2027-02-19"), day("2027-03-04"))
    assert listed(tracker, "2027-03-04", days=1) == {("check-in-email", "Overdue")}
    assert listed(tracker, "2027-03-05", days=1) == set()
    opportunity = cadence.opportunities(tracker, day("2027-03-05")).iloc[0]
    assert opportunity["state"] == "dormant"


def test_missed_steps_are_never_listed() -> None:
    tracker = make_tracker([WORKED])
    table = cadence.steps(tracker, day("2026-12-09"))
    missed = set(table.loc[table["state"] == "missed", "step"])
    assert missed == {"thank-you", "halfway", "status-email", "status-call", "reiterate-email"}
    assert listed(tracker, "2026-12-09") == {("reiterate-call", "Overdue")}


def test_a_late_response_restarts_the_silence_chain_from_the_new_decision_date() -> None:
    tracker = make_tracker(
        [WORKED],
        log=[sent("2026-11-24", "status-email"), received("2026-11-27")],
    )
    opportunity = cadence.opportunities(tracker, day("2026-11-30")).iloc[0]
    assert opportunity["restarted"]
    assert opportunity["response"] == day("2026-11-27")
    assert opportunity["effective_decision"] == day("2026-12-04")
    assert opportunity["decision"] == day("2026-11-23")
    got = dues(tracker, "2026-11-30")
    assert (got["status-email"], got["reiterate-email"]) == ("2026-12-07", "2026-12-14")
    # The status email sent before the reply no longer completes the restarted step.
    assert pd.isna(step_row(tracker, "2026-11-30", "status-email")["done"])


def test_sent_rows_on_the_response_day_do_not_complete_the_restarted_chain() -> None:
    tracker = make_tracker(
        [WORKED],
        log=[received("2026-11-27"), sent("2026-11-27", "status-email")],
    )
    assert pd.isna(step_row(tracker, "2026-12-07", "status-email")["done"])
    after = make_tracker([WORKED], log=[received("2026-11-27"), sent("2026-12-07", "status-email")])
    assert step_row(after, "2026-12-07", "status-email")["done"] == day("2026-12-07")


def test_a_response_before_the_status_email_is_due_changes_nothing() -> None:
    tracker = make_tracker([WORKED], log=[received("2026-11-20")])
    assert dues(tracker, "2026-11-24") == WORKED_DUES
    assert not cadence.opportunities(tracker, day("2026-11-24")).iloc[0]["restarted"]


def test_the_response_grace_comes_from_settings() -> None:
    tracker = make_tracker(
        [WORKED], log=[received("2026-11-27")], settings=Settings(response_grace_days=3)
    )
    assert dues(tracker, "2026-11-30")["status-email"] == "2026-12-01"


def test_a_response_from_an_earlier_cycle_does_not_restart_the_new_one() -> None:
    second = worked(interview_date="2026-12-01", decision_by="2026-12-08", round="Onsite")
    tracker = make_tracker([WORKED, second], log=[received("2026-11-27")])
    opportunity = cadence.opportunities(tracker, day("2026-12-01")).iloc[0]
    assert pd.isna(opportunity["response"])
    assert not opportunity["restarted"]


def test_a_new_round_starts_a_new_cycle() -> None:
    second = worked(interview_date="2026-11-20", decision_by="2026-11-30", round="Onsite")
    tracker = make_tracker([WORKED, second], log=[sent("2026-11-12", "halfway")])
    got = dues(tracker, "2026-11-20")
    assert got["thank-you"] == "2026-11-20"
    assert got["halfway"] == "2026-11-25"
    assert got["status-email"] == "2026-12-01"
    # The halfway note of the first round does not count for the new cycle.
    assert listed(tracker, "2026-11-20") == {("thank-you", "Today"), ("halfway", "This week")}
    assert cadence.opportunities(tracker, day("2026-11-20")).iloc[0]["round"] == "Onsite"


def test_a_scheduled_round_stops_the_old_cycle_and_plans_its_thank_you() -> None:
    second = worked(interview_date="2026-11-20", decision_by="2026-11-30")
    tracker = make_tracker([WORKED, second])
    # Without the second round, halfway would be overdue on 11-16 (see the worked example).
    assert listed(tracker, "2026-11-16") == {("thank-you", "This week")}
    ops = cadence.opportunities(tracker, day("2026-11-16"))
    assert ops.iloc[0]["cycle_start"] == day("2026-11-02")
    assert ops.iloc[0]["state"] == cadence.SCHEDULED
    # Further ahead than the window: nothing is listed, and steps 2-9 are not even missed.
    assert listed(tracker, "2026-11-12") == set()
    assert set(cadence.steps(tracker, day("2026-11-12"))["step"]) == {"thank-you"}
    # On its day the new round starts its own cycle.
    assert listed(tracker, "2026-11-20") == {("thank-you", "Today"), ("halfway", "This week")}


def test_an_opportunity_whose_only_interview_is_ahead_shows_its_thank_you_in_the_week() -> None:
    tracker = make_tracker([WORKED])
    assert listed(tracker, "2026-10-30") == {("thank-you", "This week")}


@pytest.mark.parametrize("status", ["Offer", "Rejected", "Withdrawn", "Filled"])
def test_closed_opportunities_have_no_steps(status: str) -> None:
    tracker = make_tracker([worked(status=status)])
    assert cadence.steps(tracker, day("2026-11-24")).empty
    assert cadence.this_week(tracker, day("2026-11-24")).empty
    assert cadence.opportunities(tracker, day("2026-11-24")).iloc[0]["state"] == f"closed: {status}"


def test_on_hold_opportunities_are_paused_with_no_steps() -> None:
    tracker = make_tracker([worked(status="On hold")])
    assert cadence.this_week(tracker, day("2026-11-24")).empty
    assert cadence.opportunities(tracker, day("2026-11-24")).iloc[0]["state"] == "paused"


def test_the_status_is_that_of_the_latest_interview_row() -> None:
    second = worked(interview_date="2026-11-20", decision_by="2026-11-30")
    reopened = make_tracker([worked(status="On hold"), second])
    assert cadence.opportunities(reopened, day("2026-11-20")).iloc[0]["status"] == "Active"
    closed = make_tracker([WORKED, {**second, "status": "Rejected"}])
    assert cadence.this_week(closed, day("2026-11-16")).empty


@pytest.mark.parametrize("kind", ["HR", "Recruiter"])
def test_hr_and_recruiter_interviewers_get_a_note_to_reach_the_decision_maker(kind: str) -> None:
    tracker = make_tracker([worked(interviewer_type=kind)])
    why = cadence.this_week(tracker, day("2026-11-24"))["why"]
    assert why.str.contains("decision maker or an advocate").all()
    plain = cadence.this_week(make_tracker([WORKED]), day("2026-11-24"))["why"]
    assert not plain.str.contains("advocate").any()


def test_a_missing_decision_date_uses_the_default_and_asks_for_the_timeline() -> None:
    interview = worked(decision_by="", keep_in_touch="")
    tracker = make_tracker([interview], settings=Settings(default_decision_days=10))
    opportunity = cadence.opportunities(tracker, day("2026-11-02")).iloc[0]
    assert opportunity["decision"] == day("2026-11-12")
    assert not opportunity["decision_given"]
    action = cadence.this_week(tracker, day("2026-11-02"))["action"].iloc[0]
    assert "timeline" in action
    assert "keep in touch" in action


def test_the_keep_in_touch_ask_is_left_out_when_they_already_agreed() -> None:
    tracker = make_tracker([worked(decision_by="", keep_in_touch="Yes")])
    action = cadence.this_week(tracker, day("2026-11-02"))["action"].iloc[0]
    assert "timeline" in action
    assert "keep in touch" not in action


def test_a_given_decision_date_asks_nothing_more() -> None:
    action = cadence.this_week(make_tracker([WORKED]), day("2026-11-02"))["action"].iloc[0]
    assert "timeline" not in action


def test_every_day_gap_comes_from_settings() -> None:
    settings = Settings(
        reiterate_email_days=3,
        reiterate_call_days=4,
        still_available_days=5,
        update_email_days=6,
        check_in_days=10,
    )
    got = dues(make_tracker([WORKED], settings=settings))
    assert got["reiterate-email"] == "2026-11-27"
    assert got["reiterate-call"] == "2026-12-01"
    assert got["still-available-call"] == "2026-12-07"  # Sun 6 Dec rolled
    assert got["update-email"] == "2026-12-14"  # Sun 13 Dec rolled
    assert got["check-in-email"] == "2026-12-24"


# The This Week rows themselves.


def test_this_week_has_exactly_the_sheet_columns() -> None:
    rows = cadence.this_week(make_tracker([WORKED]), day("2026-11-25"))
    assert tuple(rows.columns) == THIS_WEEK_SHEET.keys
    assert (rows["done"] == "").all()
    assert (rows["note"] == "").all()
    empty = cadence.this_week(make_tracker([WORKED]), day("2026-11-05"))
    assert tuple(empty.columns) == THIS_WEEK_SHEET.keys


def test_time_contact_and_channel_of_each_row() -> None:
    settings = Settings(status_call_time=dt.time(10, 30))
    rows = cadence.this_week(make_tracker([WORKED], settings=settings), day("2026-11-25"))
    by_step = rows.set_index("step")
    assert by_step.loc["status-call", "time"] == "10:30 AM"
    assert by_step.loc["status-email", "time"] == "Morning"
    assert by_step.loc["status-call", "channel"] == "Phone"
    assert by_step.loc["reiterate-email", "channel"] == "Email"
    assert (rows["contact"] == "Dana Reyes").all()
    assert "10:30 am" in by_step.loc["status-email", "draft"]


def test_why_explains_the_timing_in_plain_words() -> None:
    rows = cadence.this_week(make_tracker([WORKED]), day("2026-11-24")).set_index("step")
    assert rows.loc["status-email", "why"] == "Decision was due Mon 23 Nov; no reply since."
    late = cadence.this_week(make_tracker([WORKED]), day("2026-11-16")).set_index("step")
    assert "Thu 12 Nov" in late.loc["halfway", "why"]
    assert "until Mon 23 Nov" in late.loc["halfway", "why"]


def test_rows_sort_by_when_then_due_then_company() -> None:
    tracker = make_tracker(
        [
            worked(company="Zeta"),
            worked(company="Beta"),
            worked(company="Acme", interview_date="2026-11-25", decision_by="2026-12-09"),
        ]
    )
    rows = cadence.this_week(tracker, day("2026-11-25"))
    got = list(zip(rows["when"], rows["company"], rows["step"], strict=True))
    assert got == [
        ("Overdue", "Beta", "status-email"),
        ("Overdue", "Beta", "status-call"),
        ("Overdue", "Zeta", "status-email"),
        ("Overdue", "Zeta", "status-call"),
        ("Today", "Acme", "thank-you"),
        ("This week", "Beta", "reiterate-email"),
        ("This week", "Zeta", "reiterate-email"),
    ]


def test_the_window_length_sets_how_far_this_week_looks_ahead() -> None:
    tracker = make_tracker([WORKED])
    assert listed(tracker, "2026-11-25", days=6) == {
        ("status-email", "Overdue"),
        ("status-call", "Overdue"),
    }
    with pytest.raises(ValueError, match="at least one day"):
        cadence.this_week(tracker, day("2026-11-25"), days=0)


def test_log_rows_dated_after_the_as_of_date_have_not_happened_yet() -> None:
    tracker = make_tracker([WORKED], log=[sent("2026-11-13", "halfway")])
    assert listed(tracker, "2026-11-12") == {("halfway", "Today")}
    assert listed(tracker, "2026-11-13") == set()


def test_a_log_row_with_a_blank_role_belongs_to_the_companys_only_role() -> None:
    tracker = make_tracker([WORKED], log=[sent("2026-11-12", "halfway", role="")])
    assert listed(tracker, "2026-11-16") == set()


def test_company_and_role_match_whatever_their_case_and_spaces() -> None:
    tracker = make_tracker(
        [WORKED], log=[sent("2026-11-12", "halfway", company=" acme", role="ANALYST ")]
    )
    assert listed(tracker, "2026-11-16") == set()


def test_opportunity_states_through_the_cycle() -> None:
    tracker = make_tracker([WORKED])

    def state(as_of: str) -> str:
        return str(cadence.opportunities(tracker, day(as_of)).iloc[0]["state"])

    assert state("2026-11-16") == "awaiting decision"
    assert state("2026-11-23") == "awaiting decision"
    assert state("2026-11-24") == "in silence chain"
    done = make_tracker([WORKED], log=[sent("2027-02-19", "check-in-email")])
    assert cadence.opportunities(done, day("2027-02-19")).iloc[0]["state"] == "dormant"


def test_opportunities_columns_and_details_of_the_latest_row() -> None:
    tracker = make_tracker([worked(email="dana@acme.example", skills="SQL; forecasting")])
    table = cadence.opportunities(tracker, day("2026-11-16"))
    assert tuple(table.columns) == cadence.OPPORTUNITY_COLUMNS
    row = table.iloc[0]
    assert (row["company"], row["role"], row["status"]) == ("Acme", "Analyst", "Active")
    assert (row["email"], row["skills"]) == ("dana@acme.example", "SQL; forecasting")
    assert row["cycle_start"] == day("2026-11-02")
    assert tuple(cadence.steps(tracker, day("2026-11-16")).columns) == cadence.STEP_COLUMNS


def test_an_empty_tracker_lists_nothing() -> None:
    tracker = Tracker()
    assert cadence.this_week(tracker, day("2026-11-16")).empty
    assert cadence.opportunities(tracker, day("2026-11-16")).empty


# Properties over random small trackers.

BASE = pd.Timestamp("2026-10-01")
STATUS_CHOICES = ("", "", "", "On hold", "Offer", "Rejected", "Withdrawn", "Filled")


def _date(offset: int) -> str:
    return (BASE + pd.Timedelta(days=offset)).strftime("%Y-%m-%d")


@st.composite
def trackers(draw: st.DrawFn) -> tuple[Tracker, pd.Timestamp, int]:
    companies, roles, people = ("Acme", "Beta"), ("Analyst", "Lead"), ("Dana", "Lee", "")
    interviews, starts = [], []
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, 60))
        starts.append(start)
        decision = draw(st.none() | st.integers(0, 30))
        interviews.append(
            {
                "company": draw(st.sampled_from(companies)),
                "role": draw(st.sampled_from(roles)),
                "interview_date": _date(start),
                "decision_by": "" if decision is None else _date(start + decision),
                "status": draw(st.sampled_from(STATUS_CHOICES)),
                "interviewer": draw(st.sampled_from(people)),
                "interviewer_type": draw(st.sampled_from(("", "HR", "Hiring manager"))),
                "keep_in_touch": draw(st.sampled_from(("", "Yes", "No"))),
            }
        )
    touch = st.fixed_dictionaries(
        {
            "date": st.integers(0, 180).map(_date),
            "company": st.sampled_from(companies),
            "role": st.sampled_from(roles),
            "direction": st.sampled_from(("Sent", "Sent", "Received")),
            "step": st.sampled_from((*STEP_IDS, "")),
            "contact": st.sampled_from(people),
        }
    )
    log = draw(st.lists(touch, max_size=12))
    history = [r for r in draw(st.lists(touch, max_size=4)) if r["direction"] == "Sent"]
    settings = Settings(
        default_decision_days=draw(st.integers(1, 20)),
        skip_weekends=draw(st.booleans()),
        holidays=draw(st.sampled_from(("", "US", "GB"))),
        reiterate_email_days=draw(st.integers(1, 10)),
        reiterate_call_days=draw(st.integers(1, 10)),
        still_available_days=draw(st.integers(1, 20)),
        update_email_days=draw(st.integers(1, 20)),
        check_in_days=draw(st.integers(1, 50)),
        response_grace_days=draw(st.integers(0, 10)),
    )
    tracker = make_tracker(interviews, log=log, history=history, settings=settings)
    # Mostly within the cadence of an interview, where steps fall due and run Overdue;
    # sometimes anywhere, long after every chain has ended.
    near = st.sampled_from(starts).flatmap(lambda s: st.integers(s - 3, s + 60))
    as_of = BASE + pd.Timedelta(days=draw(near | st.integers(0, 200)))
    return tracker, as_of, draw(st.integers(1, 14))


def _show_kinds(rows: pd.DataFrame) -> None:
    """Label the example by what This Week lists, so --hypothesis-show-statistics tells how
    often the properties meet Overdue, Today and This week rows."""
    for when in ("Overdue", "Today", "This week"):
        event(f"{when} rows: {'some' if rows['when'].eq(when).any() else 'none'}")


def _qualifying_sent(tracker: Tracker, as_of: pd.Timestamp) -> pd.DataFrame:
    log = tracker.log[tracker.log["direction"] == "Sent"]
    rows = pd.concat([log, tracker.history], ignore_index=True)
    return rows[rows["date"] <= as_of]


PROPERTY_SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(trackers())
def test_no_listed_action_is_already_done(case: tuple[Tracker, pd.Timestamp, int]) -> None:
    tracker, as_of, days = case
    rows = cadence.this_week(tracker, as_of, days)
    _show_kinds(rows)
    ops = cadence.opportunities(tracker, as_of).set_index(["company", "role"])
    done = _qualifying_sent(tracker, as_of)
    for row in rows.itertuples():
        op = ops.loc[(row.company, row.role)]
        if row.step == "thank-you":
            since = row.due
        elif row.step == "halfway" or not op["restarted"]:
            since = op["cycle_start"]
        else:
            since = op["response"] + pd.Timedelta(days=1)
        hits = done[
            (done["company"] == row.company)
            & (done["role"] == row.role)
            & (done["step"] == row.step)
            & (done["date"] >= since)
        ]
        if row.step == "thank-you":
            hits = hits[
                (hits["contact"] == "") | (row.contact == "") | (hits["contact"] == row.contact)
            ]
        assert hits.empty, (row.step, row.due, hits)


@PROPERTY_SETTINGS
@given(trackers())
def test_listed_rows_fall_in_their_windows(case: tuple[Tracker, pd.Timestamp, int]) -> None:
    tracker, as_of, days = case
    rows = cadence.this_week(tracker, as_of, days)
    _show_kinds(rows)
    table = cadence.steps(tracker, as_of, days)
    keys = ["company", "role", "step", "contact", "due"]
    merged = rows.merge(table, on=keys, how="left", validate="one_to_one")
    overdue = merged[merged["when"] == "Overdue"]
    assert (overdue["due"] < as_of).all()
    assert (overdue["window_end"] >= as_of).all()
    assert (merged.loc[merged["when"] == "Today", "due"] == as_of).all()
    week = merged[merged["when"] == "This week"]
    assert (week["due"] > as_of).all()
    assert (week["due"] <= as_of + pd.Timedelta(days=days - 1)).all()
    order = rows["when"].map({"Overdue": 0, "Today": 1, "This week": 2})
    assert order.is_monotonic_increasing
    if tracker.settings.skip_weekends:
        rolled = table[~table["step"].isin(["thank-you", "status-call"])]
        assert (rolled["due"].dt.day_of_week < 5).all()


@PROPERTY_SETTINGS
@given(trackers())
def test_closed_and_paused_opportunities_list_nothing_and_runs_repeat(
    case: tuple[Tracker, pd.Timestamp, int],
) -> None:
    tracker, as_of, days = case
    rows = cadence.this_week(tracker, as_of, days)
    iv = tracker.interviews.sort_values(["interview_date", "row"])
    latest = iv.groupby(["company", "role"]).tail(1)
    stopped = latest[latest["status"] != "Active"]
    listed_ops = set(zip(rows["company"], rows["role"], strict=True))
    assert not listed_ops & set(zip(stopped["company"], stopped["role"], strict=True))
    pd.testing.assert_frame_equal(rows, cadence.this_week(tracker, as_of, days))
