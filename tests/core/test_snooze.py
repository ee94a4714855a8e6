"""Snooze (SPEC section 6): a date typed in Snooze until hides one action until that day;
it then comes back due that day, and the steps timed from it are timed from that day."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from followup import applications, cadence, snooze
from followup.schema import STEP_IDS
from followup.tracker import Tracker

from .trackers import WORKED, make_full_tracker, make_tracker

DAY = pd.Timedelta(days=1)


def typed(tracker: Tracker, *snoozes: dict[str, object]) -> Tracker:
    """The tracker with these Snooze until cells typed on the This Week sheet as read back
    (each: step, until, and company, role, contact, number as they apply)."""
    rows = [
        {
            "company": "Acme",
            "role": "Analyst",
            "contact": "",
            "number": "",
            "done": "",
            **{k: v for k, v in s.items() if k != "until"},
            "snooze": s["until"],
            "row": 5 + i,
        }
        for i, s in enumerate(snoozes)
    ]
    return replace(tracker, this_week=pd.DataFrame(rows, dtype=object))


def step(tracker: Tracker, as_of: str, name: str, contact: str = "", days: int = 7) -> pd.Series:
    steps = cadence.steps(tracker, pd.Timestamp(as_of), days)
    mine = steps[(steps["step"] == name) & ((contact == "") | (steps["contact"] == contact))]
    assert len(mine) == 1
    return mine.iloc[0]


def listed(tracker: Tracker, as_of: str | pd.Timestamp, days: int = 7) -> list[tuple[str, str]]:
    week = cadence.this_week(tracker, pd.Timestamp(as_of), days)
    return list(zip(week["step"], week["contact"], strict=True))


BASE = make_tracker([WORKED])  # decision Mon 23 Nov: status email due Tue 24 Nov


def test_a_snoozed_step_is_hidden_until_the_week_of_its_day_then_due_that_day() -> None:
    tracker = typed(BASE, {"step": "status-email", "until": "2026-12-03"})
    assert ("status-email", "Dana Reyes") in listed(BASE, "2026-11-24")
    hidden = step(tracker, "2026-11-24", "status-email")
    assert hidden["state"] == snooze.SNOOZED
    # Windows that end before Thu 3 Dec: Tue 24 to Mon 30 Nov, Thu 26 Nov to Wed 2 Dec.
    for day in ("2026-11-24", "2026-11-26"):
        assert ("status-email", "Dana Reyes") not in listed(tracker, day)
    # Fri 27 Nov to Thu 3 Dec holds it: listed in that week, due on its day.
    for day in ("2026-11-27", "2026-12-02"):
        coming = step(tracker, day, "status-email")
        assert (coming["state"], coming["due"]) == ("this week", pd.Timestamp("2026-12-03"))
    # A shorter window that ends before it still hides it.
    assert ("status-email", "Dana Reyes") not in listed(tracker, "2026-12-01", days=2)
    back = step(tracker, "2026-12-03", "status-email")
    assert (back["state"], back["due"]) == ("today", pd.Timestamp("2026-12-03"))
    week = cadence.this_week(tracker, pd.Timestamp("2026-12-03"))
    assert week.loc[week["step"] == "status-email", "when"].tolist() == ["Today"]


def test_later_steps_are_timed_from_the_snooze_day() -> None:
    tracker = typed(BASE, {"step": "status-email", "until": "2026-12-03"})
    # The call goes with the email; the reiterate email a week after: Thu 10 Dec.
    assert step(tracker, "2026-12-03", "status-call")["due"] == pd.Timestamp("2026-12-03")
    assert step(tracker, "2026-12-03", "reiterate-email")["due"] == pd.Timestamp("2026-12-10")
    # Its window counts from the snooze day: it stays useful until that next step.
    late = step(tracker, "2026-12-09", "status-email")
    assert (late["state"], late["window_end"]) == ("overdue", pd.Timestamp("2026-12-09"))


def test_a_snooze_day_already_past_is_due_now() -> None:
    # Typed on Mon 23 Nov for Wed 25 Nov, seen on Thu 26 Nov: overdue since the 25th.
    tracker = typed(BASE, {"step": "status-email", "until": "Nov 25, 2026"})
    back = step(tracker, "2026-11-26", "status-email")
    assert (back["state"], back["due"]) == ("overdue", pd.Timestamp("2026-11-25"))
    assert ("status-email", "Dana Reyes") in listed(tracker, "2026-11-26")


PANEL = [
    {**WORKED, "interviewer": name, "interviewer_type": "Panel"} for name in ("Ann Lee", "Bo Chen")
]


def test_a_thank_you_snoozed_hides_only_that_interviewers_row_and_keeps_its_window() -> None:
    tracker = typed(
        make_tracker(PANEL),
        {"step": "thank-you", "contact": "ann lee", "until": "2026-11-16"},
    )
    assert listed(tracker, "2026-11-03") == [("thank-you", "Bo Chen")]
    # Back on Mon 16 Nov, past the thank-you's usual window (until Wed 11 Nov), and
    # actionable as long as it was: ten days.
    back = step(tracker, "2026-11-16", "thank-you", "Ann Lee")
    assert (back["state"], back["window_end"]) == ("today", pd.Timestamp("2026-11-25"))
    assert step(tracker, "2026-11-16", "thank-you", "Bo Chen")["state"] == "missed"


def test_a_snooze_from_an_earlier_round_does_not_hold_the_next_one() -> None:
    second = {**WORKED, "interview_date": "2026-11-20", "decision_by": "2026-12-04"}
    tracker = typed(
        make_tracker([WORKED, second]),
        {"step": "thank-you", "contact": "Dana Reyes", "until": "2026-11-05"},
    )
    assert step(tracker, "2026-11-20", "thank-you")["due"] == pd.Timestamp("2026-11-20")


APPLIED = make_full_tracker(
    [],
    search=[
        {"date": "2026-11-02", "activity": "Application", "company": "Globex", "role": "Analyst"}
    ],
)


def test_a_snoozed_nudge_times_the_next_one_from_its_day() -> None:
    # First nudge due Mon 9 Nov; snoozed to Fri 13 Nov, the second is due Fri 20 Nov.
    tracker = typed(
        APPLIED,
        {
            "company": "Globex",
            "step": "application-follow-up",
            "number": "1",
            "until": "2026-11-13",
        },
    )
    tuesday = pd.Timestamp("2026-11-10")
    nudges = applications.nudges(tracker, tuesday, days=3).set_index("number")
    assert nudges.loc[1, "state"] == snooze.SNOOZED
    assert nudges.loc[2, "due"] == pd.Timestamp("2026-11-20")
    assert applications.this_week(tracker, tuesday, days=3).empty
    # A week from Tuesday holds Fri 13 Nov: listed, due that day.
    coming = applications.this_week(tracker, tuesday)
    assert list(zip(coming["when"], coming["due"], coming["number"], strict=True)) == [
        ("This week", pd.Timestamp("2026-11-13"), "1")
    ]
    back = applications.this_week(tracker, pd.Timestamp("2026-11-13"))
    assert list(zip(back["when"], back["number"], strict=True)) == [("Today", "1")]


def test_a_value_that_is_no_date_is_warned_about_and_sets_no_snooze() -> None:
    tracker = typed(BASE, {"step": "status-email", "until": "next week"})
    tracker.this_week.attrs["letters"] = {"snooze": "M"}
    assert step(tracker, "2026-11-24", "status-email")["state"] == "today"
    (problem,) = snooze.warnings(tracker)
    assert problem.where == "This Week!M5"
    assert problem.message.startswith("'next week' is not a date")


def test_a_ticked_row_sets_no_snooze() -> None:
    tracker = typed(BASE, {"step": "status-email", "until": "2026-12-03", "done": "x"})
    assert snooze.in_force(tracker).empty


@settings(max_examples=40, deadline=None)
@given(
    name=st.sampled_from(STEP_IDS),
    until=st.integers(0, 120),
    before=st.integers(0, 30),
    days=st.integers(1, 14),
)
def test_a_snoozed_action_is_hidden_from_windows_before_its_day_and_listed_in_the_one_holding_it(
    name: str, until: int, before: int, days: int
) -> None:
    day = pd.Timestamp(WORKED["interview_date"]) + until * DAY
    contact = WORKED["interviewer"] if name == "thank-you" else ""
    tracker = typed(BASE, {"step": name, "contact": contact, "until": day.date().isoformat()})
    mine = (name, "Dana Reyes")
    as_of = day - before * DAY
    if before >= days:  # the window, as_of to as_of + days - 1, ends before the snooze day
        assert mine not in listed(tracker, as_of, days)
        assert step(tracker, str(as_of.date()), name, days=days)["state"] == snooze.SNOOZED
        return
    # Listed in advance only once the interview has happened (a thank-you, on its day).
    assume(as_of >= pd.Timestamp(WORKED["interview_date"]))
    week = cadence.this_week(tracker, as_of, days)
    row = week[(week["step"] == name) & (week["contact"] == "Dana Reyes")]
    assert list(zip(row["when"], row["due"], strict=True)) == [
        ("Today" if before == 0 else "This week", day)
    ]
