"""The coach's Summary (SPEC section 6) on a small tracker, and the sandwich balance."""

from __future__ import annotations

import pandas as pd
import pytest

from followup import summary
from followup.settings import Settings
from followup.tracker import Tracker

from .trackers import WORKED, Rows, make_full_tracker, searches, sent

AS_OF = pd.Timestamp("2026-11-25")  # a Wednesday; the last 7 days are Thu 19 to Wed 25 Nov


def opportunity(company: str, date: str, **more: object) -> dict[str, object]:
    return {**WORKED, "company": company, "interview_date": date, "decision_by": "", **more}


def small_tracker() -> Tracker:
    interviews = [
        WORKED,  # Acme: silent since the status email of Tue 24 Nov
        opportunity("Beta Labs", "2026-11-10", round="Phone screen"),
        opportunity("Beta Labs", "2026-11-20", round="Onsite"),  # awaiting the decision
        opportunity("Gamma", "2026-11-05", status="On hold"),
        opportunity("Delta", "2026-10-20", status="Rejected"),
        opportunity("Epsilon", "2026-10-12", status="Offer"),
        opportunity("Zeta", "2026-06-01"),  # the whole chain has passed: dormant
    ]
    log = [
        sent("2026-11-02", "thank-you"),
        sent("2026-11-20", "thank-you", company="Beta Labs"),
        sent("2026-11-24", "", message="Short note to the team"),
    ]
    # Ticked in This Week and logged too: counts once.
    history = [{"date": "2026-11-20", "company": "Beta Labs", "step": "thank-you"}]
    search = [
        *searches("2026-10-01", "2026-11-10", "2026-11-19", "2026-11-23", "2026-11-27"),
        *searches("2026-11-18", "2026-11-25", activity="Networking"),
    ]
    return make_full_tracker(interviews, log=log, history=history, search=search)


def values(block: summary.SummarySection) -> dict[str, object]:
    table = block.table
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))


@pytest.fixture(scope="module")
def result() -> summary.Summary:
    return summary.summary(small_tracker(), AS_OF)


def test_the_week_block(result: summary.Summary) -> None:
    assert (result.as_of, result.window_start) == (AS_OF, AS_OF)
    assert result.window_end == pd.Timestamp("2026-12-01")
    assert values(result.week) == {
        "As of": "Wed 25 Nov 2026",
        "This Week covers": "Wed 25 Nov to Tue 1 Dec",
        "Activity counted over": "Thu 19 Nov to Wed 25 Nov",
    }


def test_follow_up_counts(result: summary.Summary) -> None:
    assert values(result.follow_ups) == {
        "Overdue now": 2,  # Acme's status email and status call
        "Steps due in This Week's window": 2,  # Acme reiterate email, Beta halfway
        "Sent in the last 7 days": 2,  # Beta thank-you (logged and ticked), Acme note
        "Missed in the last 7 days": 1,  # Acme halfway: useful until Mon 23 Nov
        "Snoozed actions": 0,
    }


def test_opportunities_by_state_and_the_paused_list(result: summary.Summary) -> None:
    assert values(result.opportunities) == {
        "Awaiting decision": 1,
        "In silence chain": 1,
        "Dormant": 1,
        "Paused (On hold)": 1,
        "Next round scheduled": 0,
        "Closed: Offer": 1,
        "Closed: Rejected": 1,
        "Closed: Withdrawn": 0,
        "Closed: Filled": 0,
    }
    paused = result.paused.table
    assert list(paused.columns) == ["Company", "Role", "Last interview"]
    assert paused.to_dict("records") == [
        {"Company": "Gamma", "Role": "Analyst", "Last interview": "Thu 5 Nov"}
    ]


def test_activity_against_targets(result: summary.Summary) -> None:
    table = result.activity.table
    rows = {r[0]: tuple(r[1:]) for r in table.itertuples(index=False)}
    assert rows == {
        "Search activities": (3, "target 10"),
        # Due Thu 19 to Wed 25 Nov: Beta thank-you (done), Acme status email and call.
        "Follow-ups done": (1, "3 due"),
        "Follow-ups sent": (2, ""),
        # Epsilon's offer is in hand: the search need not go on (SPEC 5).
        "Balance": ("Offer in hand", "3 search : 2 follow-ups"),
    }
    assert "stalling" not in result.activity.note
    assert "3 new-opportunity activities" in result.activity.note


def test_funnel_of_the_whole_search(result: summary.Summary) -> None:
    assert values(result.funnel) == {
        # 4 applications without a company (the fifth is after the as-of date), each one
        # opportunity, plus the 6 opportunities interviewed for.
        "Opportunities applied to": 10,
        "Interviewed": 6,
        "Second rounds": 2,  # Beta Labs, and Epsilon's offer
        "Offers": 1,
    }


def test_funnel_counts_rounds_and_each_stage_is_within_the_one_before() -> None:
    panel = [
        opportunity("Brightline", "2026-11-10", interviewer=name, round="Panel")
        for name in ("Ann Lee", "Bo Chen", "Cy Diaz")
    ]
    panel[0]["status"] = "Offer"
    interviews = [
        *panel,
        opportunity("Acme", "2026-11-02"),
        opportunity("Acme", "2026-11-20", round="Onsite"),
        opportunity("Cobalt", "2026-12-20"),  # scheduled, not held yet
    ]
    search = [
        {"date": "2026-10-01", "activity": "Application", "company": "acme "},
        {"date": "2026-10-02", "activity": "Application", "company": "Dune"},
        {"date": "2026-10-03", "activity": "Application", "company": "Dune"},
        {"date": "2026-10-04", "activity": "Networking", "company": "Eon"},
    ]
    got = values(summary.summary(make_full_tracker(interviews, search=search), AS_OF).funnel)
    assert got == {
        "Opportunities applied to": 4,  # Brightline, Acme, Cobalt (applied), Dune
        "Interviewed": 2,
        "Second rounds": 2,  # Acme's two rounds; Brightline's offer after one panel
        "Offers": 1,
    }


def test_weekly_chart_data(result: summary.Summary) -> None:
    weekly = result.weekly
    assert list(weekly.columns) == ["Week", "Follow-ups sent", "Search activities"]
    assert list(weekly["Week"]) == [
        "5 Oct",
        "12 Oct",
        "19 Oct",
        "26 Oct",
        "2 Nov",
        "9 Nov",
        "16 Nov",
        "23 Nov",
    ]
    assert list(weekly["Follow-ups sent"]) == [0, 0, 0, 0, 1, 0, 1, 1]
    assert list(weekly["Search activities"]) == [0, 0, 0, 0, 0, 1, 2, 2]


def test_blocks_are_small_and_headed(result: summary.Summary) -> None:
    for block in result.blocks:
        assert block.heading
        assert 2 <= len(block.table.columns) <= 3
        assert len(block.table) <= 10


def test_an_empty_tracker_summarises_to_zeros() -> None:
    result = summary.summary(Tracker(), AS_OF)
    assert set(values(result.follow_ups).values()) == {0}
    assert set(values(result.opportunities).values()) == {0}
    assert result.paused.table.empty
    assert result.paused.note == "Nothing is on hold."
    assert result.weekly["Search activities"].sum() == 0
    assert len(result.weekly) == 8


# The sandwich balance.


def balance_of(
    follow_ups: int, search_count: int, target: int = 10, status: str = ""
) -> summary.Balance:
    log = [sent("2026-11-24", "") for _ in range(follow_ups)]
    tracker = make_full_tracker(
        [{**WORKED, "status": status}],
        log=log,
        search=searches(*["2026-11-23"] * search_count),
        settings=Settings(weekly_search_target=target),
    )
    return summary.balance(tracker, AS_OF)


def test_stalling_search() -> None:
    bal = balance_of(follow_ups=1, search_count=4)
    assert (bal.verdict, bal.needed) == ("Stalling", 6)
    assert bal.warning.startswith("The search is stalling: 4 new-opportunity activities")
    assert bal.warning.endswith("Keep the search going until an offer is in hand.")


def test_follow_ups_crowding_out_the_search() -> None:
    bal = balance_of(follow_ups=5, search_count=3, target=2)
    assert (bal.verdict, bal.needed) == ("Crowded out", 2)
    assert "Follow-ups are crowding out the search: 5 follow-ups" in bal.warning


def test_balanced_week_after_an_offer() -> None:
    bal = balance_of(follow_ups=2, search_count=10, status="Offer")
    assert (bal.verdict, bal.needed, bal.must_go_on) == ("Balanced", 0, False)
    assert bal.warning == (
        "Balanced: 10 new-opportunity activities (target 10) and 2 follow-ups in the last 7 days."
    )


def test_a_company_named_none_shows_as_none_on_the_sheet() -> None:
    from followup.sheets import summary_sheet

    tracker = make_full_tracker([opportunity("None", "2026-11-05", status="On hold")])
    owned = summary_sheet(summary.summary(tracker, AS_OF))
    paused = next(b for b in owned.blocks if "Company" in b.frame.columns)
    assert paused.frame["Company"].tolist() == ["None"]


# One Sent row is one message (SPEC 5: follow-ups sent are Sent rows of Log and History),
# however many thank-yous of a panel it completes.

PANEL = ("Ann Lee", "Ben Okoro", "Cy Diaz")


def panel_sends(log: Rows, history: Rows = ()) -> int:
    rounds = [
        {**WORKED, "company": "Northwind", "interview_date": day, "interviewer": name}
        for day in ("2026-11-16", "2026-11-23")
        for name in PANEL
    ]
    tracker = make_full_tracker(rounds, log=log, history=history, search=searches("2026-11-24"))
    bal = summary.balance(tracker, AS_OF)
    weekly = summary.summary(tracker, AS_OF).weekly
    assert weekly["Follow-ups sent"].iloc[-1] == bal.followups  # the chart's week 23 Nov
    return bal.followups


def thanks(day: str, contact: str = "") -> dict[str, object]:
    return sent(day, "thank-you", company="Northwind", contact=contact)


def test_one_thank_you_to_a_whole_panel_is_one_follow_up_sent() -> None:
    assert panel_sends([thanks("2026-11-23")]) == 1
    # Typed into History (as a tick records it) with no Contact: the same.
    assert panel_sends([], [{**thanks("2026-11-23"), "channel": "Email"}]) == 1
    # One note each: three messages.
    assert panel_sends([thanks("2026-11-23", name) for name in PANEL]) == 3
    # A note to each round's panel: one each, the earlier round's in its own week.
    assert panel_sends([thanks("2026-11-16"), thanks("2026-11-23")]) == 1


def test_one_note_to_a_panel_does_not_crowd_out_one_search_activity() -> None:
    rounds = [
        {**WORKED, "company": "Northwind", "interview_date": "2026-11-23", "interviewer": n}
        for n in PANEL
    ]
    tracker = make_full_tracker(rounds, log=[thanks("2026-11-23")], search=searches("2026-11-24"))
    bal = summary.balance(tracker, AS_OF)
    assert (bal.searches, bal.followups, bal.crowded_out) == (1, 1, False)


# An offer in hand (SPEC 5): the search need not go on, so nothing calls it stalling or
# asks for more; an offer typed on an application counts like one in Interviews.


def offer_case(where: str, searches_done: int = 0, follow_ups: int = 0) -> Tracker:
    interviews = [opportunity("Fabrikam", "2026-11-16", status="Offer")] if where == "iv" else []
    applied = [{"date": "2026-11-02", "activity": "Application", "company": "Mu", "role": "Ops"}]
    if where == "search":
        applied[0]["status"] = "Offer"
    return make_full_tracker(
        [*interviews, opportunity("Beta Labs", "2026-11-20")],
        log=[sent("2026-11-24", "") for _ in range(follow_ups)],
        search=[*applied, *searches(*["2026-11-23"] * searches_done)],
    )


@pytest.mark.parametrize("where", ["iv", "search"])
@pytest.mark.parametrize(("searches_done", "follow_ups"), [(0, 0), (2, 0), (1, 3)])
def test_an_offer_in_hand_is_never_stalling_nor_crowded_out(
    where: str, searches_done: int, follow_ups: int
) -> None:
    from followup import network

    tracker = offer_case(where, searches_done, follow_ups)
    result = summary.summary(tracker, AS_OF)
    bal = result.balance
    assert (bal.offer, bal.stalling, bal.crowded_out, bal.must_go_on) == (True, False, False, False)
    assert bal.verdict == "Offer in hand"
    assert "stalling" not in bal.warning and "crowding" not in bal.warning
    assert bal.warning.startswith("An offer is in hand")
    rows = network.this_week_rows(tracker, AS_OF, days=7)
    assert "search-target" not in set(rows["step"])
    # Without the offer, the same week is stalling and asks for more.
    plain = summary.balance(offer_case("none", searches_done, follow_ups), AS_OF)
    assert plain.stalling and plain.must_go_on


@pytest.mark.parametrize("where", ["iv", "search"])
def test_an_offer_counts_as_closed_and_in_the_funnel_wherever_it_was_typed(where: str) -> None:
    result = summary.summary(offer_case(where), AS_OF)
    assert values(result.opportunities)["Closed: Offer"] == 1
    funnel = values(result.funnel)
    assert funnel["Offers"] == 1
    # Each stage within the one before: an offer was interviewed for.
    stages = list(funnel.values())
    assert stages == sorted(stages, reverse=True)
    assert funnel["Opportunities applied to"] == 2 + (where == "iv")


def test_an_application_offer_of_an_interviewed_opportunity_counts_once() -> None:
    tracker = make_full_tracker(
        [opportunity("Fabrikam", "2026-11-16", status="Offer")],
        search=[
            {
                "date": "2026-11-02",
                "activity": "Application",
                "company": "Fabrikam",
                "role": "Analyst",
                "status": "Offer",
            }
        ],
    )
    result = summary.summary(tracker, AS_OF)
    assert values(result.opportunities)["Closed: Offer"] == 1
    assert values(result.funnel)["Offers"] == 1


def tick(day: str, name: str) -> dict[str, object]:
    """A History row as ticking one panellist's thank-you in This Week records it."""
    return {**thanks(day, name), "channel": "Email"}


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [
        # Each panellist's thank-you ticked: three messages, whatever the Log also says (SPEC 6).
        (PANEL, 3),
        (PANEL[:2], 2),
        # One tick beside the note to all: the tick is the note's share for that person.
        (PANEL[:1], 1),
        ((), 1),
    ],
)
def test_ticks_beside_a_note_to_the_whole_panel_count_one_each(
    ticked: tuple[str, ...], expected: int
) -> None:
    ticks = [tick("2026-11-23", name) for name in ticked]
    assert panel_sends([thanks("2026-11-23")], ticks) == expected
    # Ticked a day after the note was logged: the same sends, counted on the note's day.
    later = [tick("2026-11-24", name) for name in ticked]
    assert panel_sends([thanks("2026-11-23")], later) == expected


def test_a_tick_and_a_log_row_for_the_same_person_are_one_send() -> None:
    ticks = [tick("2026-11-23", name) for name in PANEL]
    named = [thanks("2026-11-23", name) for name in PANEL]
    assert panel_sends(named, ticks) == 3
    assert panel_sends(named[:1], ticks[:1]) == 1
    # A note to all typed into both Log and History (no Contact in either): one message.
    assert panel_sends([thanks("2026-11-23")], [tick("2026-11-23", "")]) == 1
