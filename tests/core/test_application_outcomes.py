"""An outcome typed on an interviewed opportunity's application row (Search Status, SPEC 3)
weighs as a row of its latest round would: the most decisive status wins (SPEC 4, Closed)."""

from __future__ import annotations

import pandas as pd
import pytest

from followup import cadence, this_week

from .trackers import WORKED, make_full_tracker

AS_OF = pd.Timestamp("2026-11-30")


def application(status: str, role: str = "Analyst", day: str = "2026-10-20") -> dict[str, object]:
    return {
        "date": day,
        "activity": "Application",
        "company": "Acme",
        "role": role,
        "status": status,
    }


def status_of(
    interviews: list[dict[str, object]], search: list[dict[str, object]]
) -> dict[str, str]:
    ops = cadence.opportunities(make_full_tracker(interviews, search=search), AS_OF)
    return dict(zip(ops["role"], ops["status"], strict=True))


@pytest.mark.parametrize(
    ("in_interviews", "in_search", "taken"),
    [
        ("", "Rejected", "Rejected"),
        ("", "Withdrawn", "Withdrawn"),
        ("", "Filled", "Filled"),
        ("", "Offer", "Offer"),
        ("On hold", "Rejected", "Rejected"),
        ("Offer", "Rejected", "Offer"),
        ("Rejected", "Offer", "Offer"),
        # Not an outcome: the round's own status stands.
        ("", "On hold", "Active"),
        ("On hold", "Active", "On hold"),
        ("", "", "Active"),
    ],
)
def test_the_most_decisive_of_the_round_and_the_application_wins(
    in_interviews: str, in_search: str, taken: str
) -> None:
    interviews = [{**WORKED, "status": in_interviews}]
    assert status_of(interviews, [application(in_search)]) == {"Analyst": taken}


def test_a_rejection_on_the_application_ends_the_follow_ups() -> None:
    rejected = make_full_tracker([WORKED], search=[application("Rejected")])
    assert "Acme" not in set(this_week.this_week(rejected, AS_OF, 7)["company"])
    waiting = make_full_tracker([WORKED], search=[application("")])
    assert "Acme" in set(this_week.this_week(waiting, AS_OF, 7)["company"])


def test_only_the_latest_application_to_the_opportunity_counts() -> None:
    search = [application("Rejected", day="2025-03-01"), application("", day="2026-10-20")]
    assert status_of([WORKED], search) == {"Analyst": "Active"}
    search = [application("", day="2025-03-01"), application("Rejected", day="2026-10-20")]
    assert status_of([WORKED], search) == {"Analyst": "Rejected"}


def test_a_blank_role_is_the_companys_only_opportunity() -> None:
    assert status_of([WORKED], [application("Rejected", role="")]) == {"Analyst": "Rejected"}
    two = [WORKED, {**WORKED, "role": "Engineer"}]
    assert status_of(two, [application("Rejected", role="")]) == {
        "Analyst": "Active",
        "Engineer": "Active",
    }
    # Another role at the company is another opportunity.
    assert status_of([WORKED], [application("Rejected", role="Engineer")]) == {"Analyst": "Active"}
