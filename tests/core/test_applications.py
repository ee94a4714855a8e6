"""Application follow-ups (SPEC section 4a): the nudges about applications with no interview."""

from __future__ import annotations

import dataclasses

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup import applications, summary, this_week
from followup.schema import APPLICATION_FOLLOW_UP
from followup.settings import Settings
from followup.tracker import Tracker

from .trackers import WORKED, make_full_tracker, received, sent


def applied(
    day: str, company: str = "Globex", role: str = "Analyst", **more: str
) -> dict[str, str]:
    return {"date": day, "activity": "Application", "company": company, "role": role, **more}


def nudge(day: str, company: str = "Globex", role: str = "Analyst") -> dict[str, object]:
    return sent(day, APPLICATION_FOLLOW_UP, company, role)


def dues(tracker: Tracker, as_of: str) -> list[str]:
    table = applications.nudges(tracker, pd.Timestamp(as_of))
    return [f"{d:%Y-%m-%d}" for d in table["due"]]


def listed(tracker: Tracker, as_of: str, days: int = 7) -> list[tuple[str, str, str]]:
    """(company, action, when) of each application follow-up in This Week, in order."""
    rows = applications.this_week(tracker, pd.Timestamp(as_of), days)
    return list(zip(rows["company"], rows["action"], rows["when"], strict=True))


def states(tracker: Tracker, as_of: str) -> list[str]:
    table = applications.nudges(tracker, pd.Timestamp(as_of))
    return list(table["state"])


# Due dates: applied + 7 days, the next 7 days after the previous one's done-or-due day.


def test_two_nudges_a_week_apart_after_applying() -> None:
    tracker = make_full_tracker(search=[applied("2026-11-02")])
    assert dues(tracker, "2026-11-02") == ["2026-11-09", "2026-11-16"]


def test_a_nudge_due_on_a_weekend_moves_to_monday() -> None:
    tracker = make_full_tracker(search=[applied("2026-11-07")])  # a Saturday
    assert dues(tracker, "2026-11-07") == ["2026-11-16", "2026-11-23"]


def test_a_nudge_due_on_a_public_holiday_moves_to_the_next_working_day() -> None:
    # Thursday 26 November 2026 is Thanksgiving in the US.
    tracker = make_full_tracker(search=[applied("2026-11-19")], settings=Settings(holidays="US"))
    assert dues(tracker, "2026-11-19") == ["2026-11-27", "2026-12-04"]
    plain = make_full_tracker(search=[applied("2026-11-19")])
    assert dues(plain, "2026-11-19") == ["2026-11-26", "2026-12-03"]


def test_weekends_count_as_working_days_when_not_skipped() -> None:
    tracker = make_full_tracker(
        search=[applied("2026-11-07")], settings=Settings(skip_weekends=False)
    )
    assert dues(tracker, "2026-11-07") == ["2026-11-14", "2026-11-21"]


def test_the_second_nudge_is_timed_from_a_late_first_one() -> None:
    tracker = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-11-12")])
    table = applications.nudges(tracker, pd.Timestamp("2026-11-13"))
    assert list(table["done"].dt.strftime("%Y-%m-%d").fillna("")) == ["2026-11-12", ""]
    assert dues(tracker, "2026-11-13") == ["2026-11-09", "2026-11-19"]
    assert listed(tracker, "2026-11-13") == [
        ("Globex", "Follow up on your application (2 of 2)", "This week")
    ]


def test_the_gap_and_the_count_come_from_settings() -> None:
    tracker = make_full_tracker(
        search=[applied("2026-11-02")],
        settings=Settings(application_follow_up_days=5, application_follow_ups=3),
    )
    assert dues(tracker, "2026-11-02") == ["2026-11-09", "2026-11-16", "2026-11-23"]


# Windows: each nudge is actionable until the next is due, the last for the same gap.


def test_a_nudge_is_overdue_until_the_next_is_due_then_missed() -> None:
    tracker = make_full_tracker(search=[applied("2026-11-02")])
    assert states(tracker, "2026-11-09") == ["today", "later"]
    assert states(tracker, "2026-11-10") == ["overdue", "this week"]
    assert states(tracker, "2026-11-15") == ["overdue", "this week"]
    assert states(tracker, "2026-11-16") == ["missed", "today"]
    assert states(tracker, "2026-11-22") == ["missed", "overdue"]
    assert states(tracker, "2026-11-23") == ["missed", "missed"]


def test_the_application_has_no_response_once_the_last_nudge_is_done_or_missed() -> None:
    waiting = make_full_tracker(search=[applied("2026-11-02")])
    state = applications.applications(waiting, pd.Timestamp("2026-11-20"))["state"]
    assert list(state) == [applications.WAITING]
    state = applications.applications(waiting, pd.Timestamp("2026-11-23"))["state"]
    assert list(state) == [applications.NO_RESPONSE]
    both_sent = make_full_tracker(
        search=[applied("2026-11-02")], log=[nudge("2026-11-09"), nudge("2026-11-16")]
    )
    state = applications.applications(both_sent, pd.Timestamp("2026-11-17"))["state"]
    assert list(state) == [applications.NO_RESPONSE]


def test_a_sent_row_completes_one_nudge_and_history_counts_the_same() -> None:
    logged = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-11-09")])
    ticked = make_full_tracker(
        search=[applied("2026-11-02")],
        history=[{**nudge("2026-11-09"), "channel": "Email"}],
    )
    for tracker in (logged, ticked):
        assert states(tracker, "2026-11-10") == ["done", "this week"]
    # Ticked and logged on the same day is one follow-up, not two.
    both = make_full_tracker(
        search=[applied("2026-11-02")],
        log=[nudge("2026-11-09")],
        history=[{**nudge("2026-11-09"), "channel": "Email"}],
    )
    assert states(both, "2026-11-10") == ["done", "this week"]


def test_a_follow_up_sent_before_applying_completes_nothing() -> None:
    tracker = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-10-20")])
    assert states(tracker, "2026-11-09") == ["today", "later"]


def test_a_log_row_with_a_blank_role_counts_for_the_companys_only_application() -> None:
    tracker = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-11-09", role="")])
    assert states(tracker, "2026-11-10") == ["done", "this week"]


# What stops them.


def test_a_reply_stops_the_nudges() -> None:
    tracker = make_full_tracker(
        search=[applied("2026-11-02")], log=[received("2026-11-05", "Globex", "Analyst")]
    )
    assert listed(tracker, "2026-11-09") == []
    state = applications.applications(tracker, pd.Timestamp("2026-11-09"))["state"]
    assert list(state) == [applications.REPLIED]


def test_a_reply_after_the_first_nudge_stops_the_second() -> None:
    tracker = make_full_tracker(
        search=[applied("2026-11-02")],
        log=[nudge("2026-11-09"), received("2026-11-11", "Globex", "")],
    )
    assert listed(tracker, "2026-11-16") == []
    # Before the reply, the second nudge was on the list.
    assert [a for _, a, _ in listed(tracker, "2026-11-10")] == [
        "Follow up on your application (2 of 2)"
    ]


def test_an_interview_ends_the_nudges_even_one_on_the_calendar() -> None:
    interview = {**WORKED, "company": "Globex", "role": "Analyst", "interview_date": "2026-11-20"}
    tracker = make_full_tracker(interviews=[interview], search=[applied("2026-11-02")])
    assert listed(tracker, "2026-11-09") == []
    state = applications.applications(tracker, pd.Timestamp("2026-11-09"))["state"]
    assert list(state) == [applications.INTERVIEWED]


def test_an_interview_for_another_role_leaves_the_application_alone() -> None:
    interview = {**WORKED, "company": "Globex", "role": "Engineer"}
    tracker = make_full_tracker(interviews=[interview], search=[applied("2026-11-02")])
    assert len(listed(tracker, "2026-11-09")) == 1
    # Without a role, the application is the company's only opportunity: the interview's.
    blank = make_full_tracker(interviews=[interview], search=[applied("2026-11-02", role="")])
    assert listed(blank, "2026-11-09") == []


def test_on_hold_pauses_and_a_closed_status_ends_them() -> None:
    for status, state in (
        ("On hold", applications.PAUSED),
        ("Rejected", applications.CLOSED),
        ("Withdrawn", applications.CLOSED),
    ):
        tracker = make_full_tracker(search=[applied("2026-11-02", status=status)])
        assert listed(tracker, "2026-11-09") == []
        assert list(applications.applications(tracker, pd.Timestamp("2026-11-09"))["state"]) == [
            state
        ]


def test_only_applications_with_a_company_get_nudges() -> None:
    tracker = make_full_tracker(
        search=[
            applied("2026-11-02", company=""),
            {"date": "2026-11-02", "activity": "Networking", "company": "Initech"},
            applied("2026-11-20"),  # not yet applied on the as-of day
        ]
    )
    assert listed(tracker, "2026-11-09") == []


def test_setting_zero_turns_them_off() -> None:
    for off in (Settings(application_follow_up_days=0), Settings(application_follow_ups=0)):
        tracker = make_full_tracker(search=[applied("2026-11-02")], settings=off)
        assert listed(tracker, "2026-11-09") == []
        assert applications.nudges(tracker, pd.Timestamp("2026-11-09")).empty


# This Week: at most 10 in the window, the oldest first, after the interview follow-ups.


def test_at_most_ten_are_listed_the_oldest_first_and_summary_counts_the_rest() -> None:
    companies = [f"Company {n:02d}" for n in range(13)]
    # Applied on 13 successive days, newest first in the sheet.
    days = pd.date_range("2026-10-20", periods=13).strftime("%Y-%m-%d")
    search = [applied(d, company=c) for c, d in reversed(list(zip(companies, days, strict=True)))]
    tracker = make_full_tracker(search=search)
    as_of = "2026-11-02"
    rows = listed(tracker, as_of)
    assert len(rows) == 10
    nudges = applications.nudges(tracker, pd.Timestamp(as_of))
    window = nudges[nudges["state"].isin(["overdue", "today", "this week"])]
    assert len(window) == 15
    oldest = window.sort_values(["due", "applied"]).head(10)
    assert [(c, a) for c, a, _ in rows] == [
        (c, f"Follow up on your application ({n} of 2)")
        for c, n in zip(oldest["company"], oldest["number"], strict=True)
    ]
    assert rows[0][0] == "Company 00"  # its first nudge, overdue since Tue 27 Oct
    assert applications.held_back(tracker, pd.Timestamp(as_of)) == 5
    table = summary.summary(tracker, pd.Timestamp(as_of)).applications.table
    counts = table.set_index("Applications")["Count"]
    assert counts["Follow-ups beyond This Week's 10"] == 5


def test_nudges_come_after_the_interview_follow_ups_of_the_same_day() -> None:
    # The worked example's status email is due Tue 24 Nov, as is Globex's first nudge.
    tracker = make_full_tracker(
        interviews=[WORKED], search=[applied("2026-11-17", company="Aardvark Inc")]
    )
    rows = this_week.this_week(tracker, pd.Timestamp("2026-11-24"), 7)
    today = rows[rows["due"] == pd.Timestamp("2026-11-24")]
    steps = list(today["step"])
    assert steps.index(APPLICATION_FOLLOW_UP) > steps.index("status-call")


def test_the_row_names_company_role_contact_and_a_draft_for_them() -> None:
    tracker = make_full_tracker(
        search=[applied("2026-11-02", contact="Hank Scorpio")],
        settings=Settings(your_name="Sam Patel"),
    )
    row = applications.this_week(tracker, pd.Timestamp("2026-11-11")).iloc[0]
    assert (row["when"], row["company"], row["role"], row["contact"], row["channel"]) == (
        "Overdue",
        "Globex",
        "Analyst",
        "Hank Scorpio",
        "Email",
    )
    assert row["draft"].startswith("Hi Hank,")
    assert "the Analyst role at Globex" in row["draft"]
    assert "Was due Mon 9 Nov; still useful until Sun 15 Nov." in row["why"]


def test_the_summary_counts_applications_without_response() -> None:
    tracker = make_full_tracker(
        search=[applied("2026-10-01", company="Old"), applied("2026-11-02", company="New")]
    )
    block = summary.summary(tracker, pd.Timestamp("2026-11-03")).applications
    counts = block.table.set_index("Applications")["Count"]
    assert (counts["Without response"], counts["Awaiting a reply"]) == (1, 1)
    assert block.note.startswith("Without response:")


# Properties: whatever was logged, no listed nudge is done, and none follows a reply or an
# interview.

_DAYS = pd.date_range("2026-10-26", "2026-12-20").strftime("%Y-%m-%d").tolist()
_COMPANIES = ("Globex", "Initech", "Umbrella")
_ROLES = ("Analyst", "")


@st.composite
def _trackers(draw: st.DrawFn) -> tuple[Tracker, str, int]:
    search = draw(
        st.lists(
            st.builds(
                applied,
                st.sampled_from(_DAYS),
                st.sampled_from(_COMPANIES),
                st.sampled_from(_ROLES[:1]),
                status=st.sampled_from(("", "Active", "On hold", "Rejected")),
            ),
            min_size=1,
            max_size=5,
        )
    )
    log = draw(
        st.lists(
            st.one_of(
                st.builds(nudge, st.sampled_from(_DAYS), st.sampled_from(_COMPANIES)),
                st.builds(
                    received,
                    st.sampled_from(_DAYS),
                    st.sampled_from(_COMPANIES),
                    st.just("Analyst"),
                ),
            ),
            max_size=6,
        )
    )
    interviews = draw(
        st.lists(
            st.builds(
                lambda day, company: {**WORKED, "company": company, "interview_date": day},
                st.sampled_from(_DAYS),
                st.sampled_from(_COMPANIES),
            ),
            max_size=1,
        )
    )
    count = draw(st.integers(0, 3))
    tracker = make_full_tracker(
        interviews=interviews,
        log=log,
        search=search,
        settings=Settings(application_follow_ups=count, skip_weekends=draw(st.booleans())),
    )
    return tracker, draw(st.sampled_from(_DAYS)), count


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_trackers())
def test_no_listed_nudge_is_done_and_none_follows_a_reply_or_an_interview(
    case: tuple[Tracker, str, int],
) -> None:
    tracker, as_of, count = case
    day = pd.Timestamp(as_of)
    rows = applications.this_week(tracker, day, 7)
    log = tracker.log
    interviewed = set(tracker.interviews["company"])
    search = tracker.search[tracker.search["date"] <= day]
    for row in rows.to_dict("records"):
        company = row["company"]
        assert company not in interviewed
        applied_on = search.loc[search["company"] == company, "date"].max()
        mine = log[(log["company"] == company) & log["date"].between(applied_on, day)]
        assert not (mine["direction"] == "Received").any()
        sent_days = mine.loc[mine["direction"] == "Sent", "date"].nunique()
        # Nudge n is done once n follow-ups went out: a listed one has fewer behind it.
        assert sent_days < int(row["number"]) <= count
        assert search.loc[search["company"] == company].sort_values("date")["status"].iloc[-1] in (
            "",
            "Active",
        )
    assert len(rows) <= applications.WEEKLY_CAP


# Which nudge a follow-up sent completes (SPEC 4a, SPEC 6 identity: a repeated step's number).


def ticked(tracker: Tracker, *rows: tuple[str, str]) -> Tracker:
    """The tracker with History rows of ticked nudges: (day, number), as a refresh records
    them (the number kept beside History)."""
    history = pd.DataFrame(
        {
            "date": pd.to_datetime([day for day, _ in rows]),
            "company": "Globex",
            "role": "Analyst",
            "step": APPLICATION_FOLLOW_UP,
            "channel": "Email",
            "number": [number for _, number in rows],
        }
    )
    return dataclasses.replace(tracker, history=history)


def test_the_last_nudge_ticked_after_the_first_was_missed_ends_the_nudges() -> None:
    # Applied Mon 16 Nov: nudge 1 due 23 Nov was missed; nudge 2 due 30 Nov, ticked that day.
    tracker = ticked(make_full_tracker(search=[applied("2026-11-16")]), ("2026-11-30", "2"))
    for as_of in ("2026-12-07", "2026-12-14", "2026-12-21"):
        assert states(tracker, as_of) == ["missed", "done"]
        assert listed(tracker, as_of) == []
    state = applications.applications(tracker, pd.Timestamp("2026-12-07"))["state"]
    assert list(state) == [applications.NO_RESPONSE]


def test_a_logged_follow_up_completes_the_nudge_actionable_on_its_day() -> None:
    # Due 9 and 16 Nov: the first actionable until 15 Nov, the second until 22 Nov.
    late = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-11-17")])
    assert states(late, "2026-11-24") == ["missed", "done"]
    assert listed(late, "2026-11-24") == []
    in_time = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-11-13")])
    assert states(in_time, "2026-11-16") == ["done", "this week"]
    # Three nudges: one logged in the second's window leaves the third due a week later.
    three = make_full_tracker(
        search=[applied("2026-11-02")],
        log=[nudge("2026-11-18")],
        settings=Settings(application_follow_ups=3),
    )
    assert states(three, "2026-11-19") == ["missed", "done", "this week"]
    assert dues(three, "2026-11-19") == ["2026-11-09", "2026-11-16", "2026-11-25"]
    # Sent long after the last window: still the last one, never a third.
    very_late = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-12-10")])
    assert states(very_late, "2026-12-14") == ["missed", "done"]


def test_a_ticked_nudge_keeps_its_number_whatever_day_it_was_sent() -> None:
    base = make_full_tracker(search=[applied("2026-11-02")])
    # The first, ticked with a day after its window (typed a week late): still the first,
    # and the second is timed from it.
    late_first = ticked(base, ("2026-11-18", "1"))
    assert states(late_first, "2026-11-19") == ["done", "this week"]
    assert dues(late_first, "2026-11-19") == ["2026-11-09", "2026-11-25"]
    # The second, ticked with a day inside the first's window: the second, not the first.
    early_second = ticked(base, ("2026-11-12", "2"))
    assert states(early_second, "2026-11-20") == ["missed", "done"]
    # A number the settings no longer have counts as a follow-up without one.
    unknown = ticked(base, ("2026-11-10", "7"))
    assert states(unknown, "2026-11-11") == ["done", "this week"]


def test_a_ticked_nudge_also_logged_counts_once() -> None:
    base = make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-11-11")])
    # Ticked on the 10th and logged on the 11th, both in the first's window: one follow-up,
    # on the earlier day.
    both = ticked(base, ("2026-11-10", "1"))
    table = applications.nudges(both, pd.Timestamp("2026-11-12"))
    assert list(table["done"].dt.strftime("%Y-%m-%d").fillna("")) == ["2026-11-10", ""]
    assert dues(both, "2026-11-12") == ["2026-11-09", "2026-11-17"]
    # The same day, logged and ticked as the second: the second.
    same_day = ticked(
        make_full_tracker(search=[applied("2026-11-02")], log=[nudge("2026-11-17")]),
        ("2026-11-17", "2"),
    )
    assert states(same_day, "2026-11-18") == ["missed", "done"]


@st.composite
def _weeks_of_ticks(draw: st.DrawFn) -> tuple[str, int, int, list[tuple[bool, int]]]:
    applied_on = draw(st.sampled_from(_DAYS[:21]))
    count = draw(st.integers(1, 3))
    gap = draw(st.sampled_from((3, 5, 7, 10)))
    # Each week: whether the user ticks what is listed, and how many days late the typed
    # date is (0: x, done on its due day or the day the sheet was written).
    weeks = draw(st.lists(st.tuples(st.booleans(), st.integers(0, 6)), min_size=6, max_size=6))
    return applied_on, count, gap, weeks


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_weeks_of_ticks())
def test_a_ticked_nudge_is_never_listed_again_nor_more_than_the_setting(
    case: tuple[str, int, int, list[tuple[bool, int]]],
) -> None:
    applied_on, count, gap, weeks = case
    tracker = make_full_tracker(
        search=[applied(applied_on)],
        settings=Settings(application_follow_ups=count, application_follow_up_days=gap),
    )
    done: list[tuple[str, str]] = []
    as_of = pd.Timestamp(applied_on)
    for ticks, late in weeks:
        rows = applications.this_week(ticked(tracker, *done), as_of, 7)
        numbers = [int(n) for n in rows["number"]]
        assert not set(numbers) & {int(n) for _, n in done}, (done, numbers)
        assert all(1 <= n <= count for n in numbers)
        if ticks:
            for row in rows.to_dict("records"):
                day = max(row["due"], as_of) + pd.Timedelta(days=late)
                day = min(day, as_of + pd.Timedelta(days=6))
                done.append((f"{day:%Y-%m-%d}", row["number"]))
        as_of += pd.Timedelta(days=7)
    assert len(done) <= count
