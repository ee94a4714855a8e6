"""Whom a panel's later steps address (SPEC 4: a round with several interviewers): the
status email, call and the rest of the chain go to the decision maker, else the hiring
manager, else the recruiter, ..., whatever order the rows were typed in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup.schema import THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet
from tests.workbooks import ACME, tracker

LATER_STEPS = ("status-email", "status-call")


def panel(*people: tuple[str, str]) -> list[dict[str, object]]:
    return [
        {**ACME, "Interviewer": name, "Interviewer type": kind, "Email": f"{name[:4]}@acme.test"}
        for name, kind in people
    ]


def later_steps(tmp_path: Path, rows: list[dict[str, object]], name: str) -> list[dict[str, str]]:
    # Decision by 3 weeks from Mon 2 Nov: the status email and call are due Tue 24 Nov.
    path = tracker(tmp_path / name, interviews=rows, writer="xlsxwriter")
    code, output = run("refresh", str(path), "--as-of", "2026-11-24", "--no-backup")
    assert code == 0, output
    week = sheet(path, THIS_WEEK_SHEET.name)
    listed = week[week["Step"].isin(LATER_STEPS)]
    assert sorted(listed["Step"]) == sorted(LATER_STEPS)
    return [
        {"contact": str(r["Contact"]), "why": str(r["Why"]), "draft": str(r["Draft"])}
        for r in listed.to_dict("records")
    ]


@pytest.mark.parametrize(
    ("people", "addressee", "gatekeeper"),
    [
        (
            [("Ann Lee", "Peer"), ("Hank Moss", "Hiring manager"), ("Rita Ross", "Recruiter")],
            "Hank Moss",
            False,
        ),
        (
            [
                ("Hank Moss", "Hiring manager"),
                ("Dee Vance", "Decision maker"),
                ("Helga Hart", "HR"),
            ],
            "Dee Vance",
            False,
        ),
        (
            [("Ann Lee", "Peer"), ("Helga Hart", "HR"), ("Rita Ross", "Recruiter")],
            "Rita Ross",
            True,
        ),
        ([("Zoe Park", "Peer"), ("Ann Lee", "Peer")], "Ann Lee", False),
    ],
)
def test_a_panels_status_steps_address_the_decision_owner_in_either_row_order(
    tmp_path: Path, people: list[tuple[str, str]], addressee: str, gatekeeper: bool
) -> None:
    typed = later_steps(tmp_path, panel(*people), "typed.xlsx")
    reversed_ = later_steps(tmp_path, panel(*reversed(people)), "reversed.xlsx")
    assert typed == reversed_
    first = addressee.split()[0]
    for step in typed:
        assert step["contact"] == addressee
        assert f"Hi {first}," in step["draft"]
        # The HR-or-recruiter note is about whom the steps address.
        assert ("Your contact is a recruiter" in step["why"]) is gatekeeper


def test_a_one_person_round_is_addressed_as_before(tmp_path: Path) -> None:
    rows = panel(("Rita Ross", "Recruiter"))
    rows[0]["Interview date"] = dt.date(2026, 11, 2)
    (status, call) = later_steps(tmp_path, rows, "one.xlsx")
    assert status["contact"] == call["contact"] == "Rita Ross"
