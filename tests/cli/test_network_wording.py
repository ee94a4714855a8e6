"""A network update asks for a team that could use "these strengths" only when it has named
some (SPEC 5: the note gives the skills highlighted)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from followup.schema import NETWORK_SHEET
from tests.cli.helpers import run, sheet
from tests.workbooks import ACME, tracker

MARIA = {
    "Name": "Maria Gonzalez",
    "Relationship": "Core network",
    "Last update": dt.date(2026, 10, 1),
}


@pytest.mark.parametrize(
    ("skills", "named", "asked"),
    [
        (
            "SQL; stakeholder updates",
            "The skills that stood out in these conversations: SQL and stakeholder updates.\n\n",
            "If you hear of a team that could use these strengths, or someone I should talk to",
        ),
        (None, "", "If you hear of a team that is hiring, or someone I should talk to"),
        ("N/A", "", "If you hear of a team that is hiring, or someone I should talk to"),
    ],
)
def test_strengths_are_mentioned_only_when_skills_were_listed(
    tmp_path: Path, skills: str | None, named: str, asked: str
) -> None:
    path = tracker(
        tmp_path / "t.xlsx",
        interviews=[{**ACME, "Skills highlighted": skills}],
        contacts=[MARIA],
        writer="xlsxwriter",
    )
    code, output = run("refresh", str(path), "--as-of", "2026-11-16", "--no-backup")
    assert code == 0, output
    draft = str(sheet(path, NETWORK_SHEET.name).loc[0, "Draft"])
    assert f"\n\n{named}{asked}, I would be grateful if you kept me in mind." in draft
    assert ("strengths" in draft) is bool(named)
