"""An application's company spelled as an interviewed employer's but for its legal form
("Acme" and "Acme Ltd."): followup keeps them apart (two firms may share a name but for it)
and says so, naming both cells, so the user does not nudge an employer interviewing them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.workbooks import tracker


def both(tmp_path: Path, applied_to: str, interviewed_at: str, writer: str = "openpyxl") -> str:
    interviews = [
        {"Company": "Hooli", "Role": "Analyst", "Interview date": dt.date(2026, 11, 20)},
        {"Company": interviewed_at, "Role": "Analyst", "Interview date": dt.date(2026, 11, 26)},
    ]
    search = [
        {"Date": dt.date(2026, 11, 2), "Activity": "Application", "Company": "Initech"},
        {
            "Date": dt.date(2026, 11, 16),
            "Activity": "Application",
            "Company": applied_to,
            "Role": "Analyst",
        },
    ]
    path = tracker(tmp_path / "t.xlsx", interviews, search=search, writer=writer)
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert code == 0, output
    return output


@pytest.mark.parametrize(
    ("applied_to", "interviewed_at", "writer"),
    [
        ("Acme", "Acme Ltd.", "openpyxl"),
        ("Globex Corp", "Globex Corporation", "xlsxwriter"),
        ("Initrode, Inc.", "Initrode", "openpyxl"),
        ("siemens ag", "Siemens", "xlsxwriter"),
        ("Tesco PLC", "Tesco plc.", "openpyxl"),
    ],
)
def test_a_company_differing_only_by_its_legal_form_is_a_warning_naming_both_cells(
    tmp_path: Path, applied_to: str, interviewed_at: str, writer: str
) -> None:
    output = both(tmp_path, applied_to, interviewed_at, writer)
    assert (
        f"warning: Search!C3: '{applied_to}' looks like '{interviewed_at}' (Interviews!A3), but "
        "followup reads them as two employers, so this application gets follow-ups of its own. "
        f"If they are the same, spell the company '{interviewed_at}' in both sheets."
    ) in output
    assert output.count("looks like") == 1


@pytest.mark.parametrize(
    ("applied_to", "interviewed_at"),
    [
        ("Acme", "ACME"),  # the same name, folded: one employer
        ("Bank of America", "Bank of Ireland"),
        ("Acme Holdings", "Acme Ltd"),
        ("General Electric", "General Motors Company"),
    ],
)
def test_different_employers_or_the_same_spelling_are_not_warned(
    tmp_path: Path, applied_to: str, interviewed_at: str
) -> None:
    assert "looks like" not in both(tmp_path, applied_to, interviewed_at)
