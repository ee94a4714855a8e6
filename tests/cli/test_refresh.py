"""The weekly job end to end: refresh, tick and edit as a user would, refresh again."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import run, sheet, type_into
from tests.workbooks import ACME, tracker, write

CONTACTS = [
    {"Name": "Maria Gonzalez", "Relationship": "Core network", "Last update": dt.date(2026, 10, 1)},
    {"Name": "Ken Adams", "Relationship": "Core network", "Last update": dt.date(2026, 11, 20)},
]
SEARCH = [{"Date": dt.date(2026, 11, 20), "Activity": "Application", "Company": "Globex"}]


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    return tracker(
        tmp_path / "t.xlsx",
        [ACME],
        contacts=CONTACTS,
        search=SEARCH,
        settings={"Your name": "Ana Lopez"},
    )


def test_refresh_writes_the_worked_example_week(acme: Path) -> None:
    code, output = run("refresh", str(acme), "--as-of", "2026-11-16", "--no-backup")
    assert code == 0, output
    week = sheet(acme, THIS_WEEK_SHEET.name)
    cadence = week[week["Company"].eq("Acme")]
    assert cadence[["When", "Step"]].to_numpy().tolist() == [["Overdue", "halfway"]]
    assert list(week.columns[: len(THIS_WEEK_SHEET.columns)]) == [
        c.header for c in THIS_WEEK_SHEET.columns
    ]
    assert "Overdue:\n  - Acme (Analyst): " in output
    assert output.splitlines()[0] == "Week of Mon 16 Nov 2026 to Sun 22 Nov 2026:"


def test_dry_run_and_output_leave_the_tracker_alone(acme: Path, tmp_path: Path) -> None:
    before = acme.read_bytes()
    code, output = run("refresh", str(acme), "--as-of", "2026-11-24", "--dry-run")
    assert code == 0 and output.endswith("Dry run: nothing was written.\n")
    out = tmp_path / "out.xlsx"
    code, output = run("refresh", str(acme), "--as-of", "2026-11-24", "--output", str(out))
    assert code == 0, output
    assert acme.read_bytes() == before
    assert set(sheet(out, THIS_WEEK_SHEET.name)["Step"]) >= {"status-email", "status-call"}
    assert not (tmp_path / ".followup-backups").exists()


def test_errors_write_nothing_and_exit_1(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [{**ACME, "Interview date": "last week"}])
    before = path.read_bytes()
    code, output = run("refresh", str(path), "--as-of", "2026-11-24")
    assert code == 1
    assert output.splitlines() == [
        "error: Interviews!C2: 'last week' is not a date. Type a date such as 2026-11-02.",
        "Nothing was written. Fix the 1 error above, then run the command again.",
    ]
    assert path.read_bytes() == before


def test_a_lock_file_refuses_unless_forced(acme: Path) -> None:
    (acme.parent / ".~lock.t.xlsx#").write_text(",Ana Lopez,laptop,23.11.2026 09:00,file:///x;")
    before = acme.read_bytes()
    code, output = run("refresh", str(acme), "--as-of", "2026-11-24")
    assert code == 1
    assert (
        output
        == "error: t.xlsx is open in LibreOffice (by Ana Lopez): close it first, or use --force.\n"
    )
    assert acme.read_bytes() == before
    code, _ = run("refresh", str(acme), "--as-of", "2026-11-24", "--force")
    assert code == 0


def test_refresh_keeps_a_backup_and_says_where(acme: Path) -> None:
    before = acme.read_bytes()
    code, output = run("refresh", str(acme), "--as-of", "2026-11-24")
    assert code == 0
    backups = list((acme.parent / ".followup-backups").iterdir())
    assert [b.read_bytes() for b in backups] == [before]
    assert f"The previous version is kept in {backups[0]}." in output


def test_demo_shows_all_three_colours(tmp_path: Path) -> None:
    code, output = run("demo", str(tmp_path))
    assert code == 0, output
    path = tmp_path / "sample-tracker.xlsx"
    assert output.endswith(f"Open {path} and look at the This Week sheet.\n")
    assert {"Overdue", "Today", "This week"} <= set(sheet(path, THIS_WEEK_SHEET.name)["When"])
    ws = openpyxl.load_workbook(path)[THIS_WEEK_SHEET.name]
    formulas = [r.formula[0] for rules in ws.conditional_formatting for r in rules.rules]
    assert all(any(f'"{w}"' in f for f in formulas) for w in ("Overdue", "Today", "This week"))
    code, _ = run("demo", str(tmp_path))
    assert code == 0 and (tmp_path / "sample-tracker-2.xlsx").exists()


def test_the_program_itself_runs_the_demo(tmp_path: Path) -> None:
    # The program's own entry point, as the installed `followup` command starts it (not
    # Click's test runner), writes the sample and the plan.
    done = subprocess.run(
        [sys.executable, "-m", "followup", "demo", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    path = tmp_path / "sample-tracker.xlsx"
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith(f"Open {path} and look at the This Week sheet.\n")
    assert not sheet(path, THIS_WEEK_SHEET.name).empty


def _tick_and_edit(path: Path) -> None:
    """What a user does in Excel: tick one row, edit another's draft, tick a network update."""
    week = THIS_WEEK_SHEET.name
    type_into(path, week, {"Step": "status-email"}, {"Done": "x", "Note": "Sent from my phone"})
    type_into(
        path, week, {"Step": "status-call"}, {"Draft": "Call Dana at 4pm, mention the migration."}
    )
    # The same network update, ticked on This Week as well: it is one action.
    ticked = {"Done": dt.datetime(2026, 11, 23)}
    type_into(path, week, {"Contact": "Maria Gonzalez"}, ticked)
    type_into(path, NETWORK_SHEET.name, {"Contact": "Maria Gonzalez"}, ticked)


def test_ticks_become_history_once_and_edits_carry_over(acme: Path) -> None:
    assert run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")[0] == 0
    network = sheet(acme, NETWORK_SHEET.name)
    assert "Maria Gonzalez" in set(network["Contact"])
    _tick_and_edit(acme)

    code, output = run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")
    assert code == 0, output
    assert "Recorded 2 done actions from your ticks: 1 follow-up, 1 network update." in output
    history = sheet(acme, HISTORY_SHEET.name).fillna("")
    assert pd.to_datetime(history["Date"]).tolist() == [
        pd.Timestamp("2026-11-23"),
        pd.Timestamp("2026-11-24"),
    ]
    assert history[["Company", "Step", "Contact"]].to_numpy().tolist() == [
        ["", "network-update", "Maria Gonzalez"],
        ["Acme", "status-email", "Dana Kim"],
    ]
    assert history["Message"][0].startswith("Hi Maria,")  # the draft, as there was no note
    # The draft as it stood when ticked, and the Note beside it.
    assert history["Message"][1].startswith("Hi Dana,")
    assert history["Note"][1] == "Sent from my phone"
    week = sheet(acme, THIS_WEEK_SHEET.name)
    assert "status-email" not in set(week["Step"])
    call = week[week["Step"].eq("status-call")].iloc[0]
    assert call["Draft"] == "Call Dana at 4pm, mention the migration."
    assert "Maria Gonzalez" not in set(sheet(acme, NETWORK_SHEET.name)["Contact"])

    owned_before = {k: v for k, v in parts(acme).items() if k.startswith("xl/worksheets/")}
    code, output = run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")
    assert code == 0 and "Recorded" not in output
    assert {k: v for k, v in parts(acme).items() if k.startswith("xl/worksheets/")} == owned_before


def test_a_frustrated_edit_is_flagged_in_why(acme: Path) -> None:
    run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")
    frustrated = "I still haven't heard back AGAIN. Please reply!!"
    type_into(acme, THIS_WEEK_SHEET.name, {"Step": "status-email"}, {"Draft": frustrated})
    assert run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")[0] == 0
    week = sheet(acme, THIS_WEEK_SHEET.name)
    why = week[week["Step"].eq("status-email")]["Why"].iloc[0]
    assert why.startswith("Tone:")
    assert "still haven't heard" in why and "AGAIN" in why
    code, output = run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")
    assert code == 0 and "warning" not in output  # the Tone note is the tool's own text
    week = sheet(acme, THIS_WEEK_SHEET.name)
    assert week[week["Step"].eq("status-email")]["Why"].iloc[0] == why


def test_an_edit_whose_action_is_gone_is_reported(acme: Path) -> None:
    run("refresh", str(acme), "--as-of", "2026-11-16", "--no-backup")
    note = {"Note": "Ask about the Q1 roadmap"}
    row = type_into(acme, THIS_WEEK_SHEET.name, {"Step": "halfway"}, note)
    code, output = run("refresh", str(acme), "--as-of", "2026-11-30", "--no-backup")
    assert code == 0
    assert (
        f"warning: This Week!N{row}: your edit of Note for 'Send a halfway note with a "
        "question or point' (Acme, Analyst, Dana Kim) was not carried over: that action is not "
        "on the new list (done in the Log, replaced by a later step, or past its time)."
    ) in output


def test_other_typing_in_this_week_is_named_in_a_warning(acme: Path) -> None:
    run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")
    row = type_into(acme, THIS_WEEK_SHEET.name, {"Step": "status-email"}, {"Why": "My own reason"})
    added = type_into(acme, THIS_WEEK_SHEET.name, {}, {"Company": "Initech"})
    code, output = run("refresh", str(acme), "--as-of", "2026-11-24", "--no-backup")
    assert code == 0
    assert (
        f"warning: This Week!J{row}: your change to Why is not kept: followup rewrites that "
        "column on every refresh. Write in Note or Draft instead; the backup still holds your "
        "change."
    ) in output.splitlines()
    assert (
        f"warning: This Week row {added}: this row was not made by followup, so it is not "
        "kept. To record something you did, tick its Done cell (it then goes to History) or "
        "add it to the Log sheet."
    ) in output.splitlines()


def test_capitals_in_the_users_own_names_are_not_shouting(tmp_path: Path) -> None:
    path = tracker(
        tmp_path / "t.xlsx", [{**ACME, "Company": "ZENITH", "Skills highlighted": "SOLIDWORKS"}]
    )
    run("refresh", str(path), "--as-of", "2026-11-24", "--no-backup")
    polite = "Hello Dana, is the ZENITH analyst role still open? My SOLIDWORKS work may help."
    type_into(path, THIS_WEEK_SHEET.name, {"Step": "status-email"}, {"Draft": polite})
    run("refresh", str(path), "--as-of", "2026-11-24", "--no-backup")
    week = sheet(path, THIS_WEEK_SHEET.name)
    assert not week[week["Step"].eq("status-email")]["Why"].iloc[0].startswith("Tone:")


def test_a_tracker_of_only_an_interviews_sheet_is_planned(tmp_path: Path) -> None:
    """No Log, no History: the follow-ups sent are none, not a crash (dates read from an
    empty sheet and from typed text come in different units)."""
    path = write(
        tmp_path / "t.xlsx",
        {"Interviews": [["Company", "Role", "Interview date"], ["Globex", "PM", "2026-11-10"]]},
        writer="xlsxwriter",
    )
    code, output = run("refresh", str(path), "--as-of", "2026-11-16", "--dry-run")
    assert code == 0, output
    assert "1 overdue, 1 today, 1 this week; 0 network updates." in output


@pytest.mark.parametrize("days", ["7", "14"])
def test_a_refresh_plans_the_cadence_once_whatever_its_window(
    acme: Path, days: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup import applications, cadence

    planned: list[str] = []
    for module, name in ((cadence, "_cycles"), (applications, "_latest_applications")):
        original = getattr(module, name)

        def counted(*args: object, _original: Any = original, _name: str = name) -> Any:
            planned.append(_name)
            return _original(*args)

        monkeypatch.setattr(module, name, counted)
    code, output = run("refresh", str(acme), "--as-of", "2026-11-16", "--days", days)
    assert code == 0, output
    assert sorted(planned) == ["_cycles", "_latest_applications"]


def test_the_glow_why_counts_interviews_not_the_people_to_call(tmp_path: Path) -> None:
    panel = [ACME, {**ACME, "Interviewer": "Lee Chan"}]  # one interview, two interviewers
    people = [
        {"Name": "Yan Wu", "Relationship": "Other"},
        {"Name": "Zoe Hart", "Relationship": "Other"},
    ]
    beta = {**ACME, "Company": "Beta", "Role": "Lead", "Interview date": dt.date(2026, 11, 3)}

    def glow_why(interviews: list[dict[str, Any]], name: str) -> str:
        path = tracker(tmp_path / name, interviews, contacts=people, writer="xlsxwriter")
        code, output = run("refresh", str(path), "--as-of", "2026-11-03", "--no-backup")
        assert code == 0, output
        week = sheet(path, THIS_WEEK_SHEET.name)
        return str(week.loc[week["Step"].eq("glow-calls"), "Why"].iloc[0])

    assert glow_why(panel, "one.xlsx").startswith("Interview at Acme (Analyst) on Mon 2 Nov: ")
    assert glow_why([*panel, beta], "two.xlsx").startswith(
        "Interviews at Acme (Analyst) on Mon 2 Nov and Beta (Lead) on Tue 3 Nov: "
    )


@pytest.mark.parametrize("searches", [1, 2])
def test_the_search_counts_read_in_the_singular_for_one(tmp_path: Path, searches: int) -> None:
    search = [
        {"Date": dt.date(2026, 11, 25), "Activity": "Application", "Company": f"Co{i}"}
        for i in range(searches)
    ]
    path = tracker(tmp_path / "t.xlsx", [ACME], search=search)
    code, output = run("refresh", str(path), "--as-of", "2026-11-30", "--no-backup")
    assert code == 0, output
    counted = "1 new-opportunity activity" if searches == 1 else "2 new-opportunity activities"
    book = openpyxl.load_workbook(path, read_only=True)
    texts = [v for row in book["Summary"].iter_rows(values_only=True) for v in row if v]
    assert (
        f"The search is stalling: {counted} in the last 7 days against a target of 10."
        " Keep the search going until an offer is in hand." in texts
    ), texts
    why = sheet(path, "This Week").set_index("Step").loc["search-target", "Why"]
    assert why.startswith(f"Last 7 days (Tue 24 Nov to Mon 30 Nov): {counted} against a target"), (
        why
    )


def test_a_date_without_a_year_in_a_user_sheet_asks_for_the_year(tmp_path: Path) -> None:
    rows = [
        {**ACME, "Interview date": "3 Dec"},
        {**ACME, "Company": "Beta", "Interview date": "Nov 10"},
        {**ACME, "Company": "Gamma", "Interview date": "20 November", "Decision by": "Dec 4"},
        {**ACME, "Company": "Delta", "Interview date": "soon"},
    ]
    path = tracker(tmp_path / "t.xlsx", rows)
    code, output = run("check", str(path), "--as-of", "2026-11-30")
    assert code == 1
    errors = sorted(line for line in output.splitlines() if line.startswith("error:"))
    assert errors == [
        "error: Interviews!C2: '3 Dec' is a date without a year. Type it with its year, such as "
        "3 Dec 2026.",
        "error: Interviews!C3: 'Nov 10' is a date without a year. Type it with its year, such as "
        "Nov 10 2026.",
        "error: Interviews!C4: '20 November' is a date without a year. Type it with its year, "
        "such as 20 November 2026.",
        "error: Interviews!C5: 'soon' is not a date. Type a date such as 2026-11-02.",
        "error: Interviews!I4: 'Dec 4' is a date without a year. Type it with its year, such as "
        "Dec 4 2026.",
    ]
