"""Ticks as a job seeker types them (SPEC section 6): what `x` means, one action counted
once, each action's own edits, and the draft recorded as it was sent."""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET
from tests.cli.helpers import refresh, run, sheet, type_into
from tests.cli.test_rounds import summary_counts
from tests.workbooks import ACME, copied, tracker

WEEK = THIS_WEEK_SHEET.name
NETWORK = NETWORK_SHEET.name
CONTACTS = [
    {"Name": "Maria Gonzalez", "Relationship": "Core network", "Last update": dt.date(2026, 10, 1)}
]


@pytest.fixture(scope="module")
def acme_refreshed_once(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    @functools.cache
    def made(as_of: str) -> Path:
        path = tracker(tmp_path_factory.mktemp("acme") / "t.xlsx", [ACME])
        refresh(path, as_of)
        return path

    return made


@pytest.fixture
def acme_refreshed(
    acme_refreshed_once: Callable[[str], Path], tmp_path: Path
) -> Callable[[str], Path]:
    """Acme's tracker refreshed on a day, copied for the test to change (each day's tracker
    is made once a module)."""
    return lambda as_of: copied(acme_refreshed_once(as_of), tmp_path)


def history(path: Path) -> list[tuple[str, str, str]]:
    rows = sheet(path, HISTORY_SHEET.name)
    return [
        (pd.Timestamp(d).strftime("%Y-%m-%d"), str(s), "" if pd.isna(c) else str(c))
        for d, s, c in rows[["Date", "Step", "Contact"]].to_numpy()
    ]


@pytest.mark.parametrize(
    ("written", "step", "recorded", "expected"),
    [
        # Overdue when the sheet was written (due Thu 12 Nov): the day it was written.
        ("2026-11-16", "halfway", "2026-11-23", "2026-11-16"),
        # Due later that week (Tue 24 Nov): its due day, not the next refresh's day.
        ("2026-11-23", "status-email", "2026-11-30", "2026-11-24"),
        # Never after the refresh that records it (ticked ahead, refreshed the same day).
        ("2026-11-23", "status-email", "2026-11-23", "2026-11-23"),
    ],
)
def test_x_means_the_due_day_or_the_day_the_sheet_was_written(
    acme_refreshed: Callable[[str], Path], written: str, step: str, recorded: str, expected: str
) -> None:
    path = acme_refreshed(written)
    type_into(path, WEEK, {"Step": step}, {"Done": "x"})
    refresh(path, recorded)
    assert history(path) == [(expected, step, "Dana Kim")]


def test_a_typed_date_is_taken_as_it_is_and_moves_the_chain(
    acme_refreshed: Callable[[str], Path],
) -> None:
    path = acme_refreshed("2026-11-23")
    type_into(path, WEEK, {"Step": "status-email"}, {"Done": dt.datetime(2026, 11, 26)})
    type_into(path, WEEK, {"Step": "status-call"}, {"Done": "X"})
    refresh(path, "2026-11-30")
    assert history(path) == [
        ("2026-11-24", "status-call", "Dana Kim"),
        ("2026-11-26", "status-email", "Dana Kim"),
    ]
    week = sheet(path, WEEK)
    # The reiterate email is timed from the call as done on Tue 24 Nov: due Tue 1 Dec.
    due = week.loc[week["Step"].eq("reiterate-email"), "Due"].iloc[0]
    assert pd.Timestamp(due) == pd.Timestamp("2026-12-01")


def test_the_as_of_date_is_kept_in_the_title(acme_refreshed: Callable[[str], Path]) -> None:
    path = acme_refreshed("2026-11-16")
    grid = pd.read_excel(path, sheet_name=WEEK, header=None, engine="calamine")
    assert grid.iloc[0, 0].startswith("This Week: Mon 16 Nov 2026 to Sun 22 Nov 2026")


PANEL = [
    {**ACME, "Interviewer": name, "Round": "Panel", "Interviewer type": "Panel"}
    for name in ("Ann Lee", "Bo Chen")
]


def test_a_send_both_logged_and_ticked_counts_once_two_panellists_count_twice(
    tmp_path: Path,
) -> None:
    log = [
        {
            "Date": dt.date(2026, 11, 2),
            "Company": "Acme",
            "Direction": "Sent",
            "Step": "thank-you",
            "Contact": "Ann Lee",
        }
    ]
    path = tracker(tmp_path / "t.xlsx", PANEL, log=log)
    refresh(path, "2026-11-02")
    # Ann's thank-you is logged already: only Bo's is listed.
    assert list(sheet(path, WEEK).query("Step == 'thank-you'")["Contact"]) == ["Bo Chen"]
    type_into(path, WEEK, {"Step": "thank-you"}, {"Done": "x"})
    refresh(path, "2026-11-03")
    assert summary_counts(path)["Sent in the last 7 days"] == "2"


def test_logged_a_day_after_the_tick_counts_once_on_the_earlier_day(tmp_path: Path) -> None:
    log = [
        {
            "Date": dt.date(2026, 11, 25),
            "Company": "Acme",
            "Direction": "Sent",
            "Step": "status-email",
        }
    ]
    path = tracker(tmp_path / "t.xlsx", [ACME], log=log)
    refresh(path, "2026-11-23")
    type_into(path, WEEK, {"Step": "status-email"}, {"Done": "x"})
    refresh(path, "2026-11-30")
    assert ("2026-11-24", "status-email", "Dana Kim") in history(path)
    counts = summary_counts(path)
    assert counts["Sent in the last 7 days"] == "1"
    chart = pd.read_excel(path, sheet_name="Summary", header=None, engine="calamine", dtype=str)
    week_of_23 = chart[chart.iloc[:, 0].eq("23 Nov")].iloc[0]
    assert week_of_23.iloc[1] == "1"


def test_each_panellists_edited_draft_stays_on_their_own_row(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", PANEL)
    refresh(path, "2026-11-02")
    type_into(path, WEEK, {"Contact": "Ann Lee"}, {"Draft": "Dear Ann, thank you.", "Note": "a"})
    type_into(path, WEEK, {"Contact": "Bo Chen"}, {"Draft": "Dear Bo, thank you."})
    output = refresh(path, "2026-11-03")
    assert "not carried over" not in output
    week = sheet(path, WEEK).query("Step == 'thank-you'").set_index("Contact")
    assert week.loc["Ann Lee", "Draft"] == "Dear Ann, thank you."
    assert week.loc["Ann Lee", "Note"] == "a"
    assert week.loc["Bo Chen", "Draft"] == "Dear Bo, thank you."
    assert pd.isna(week.loc["Bo Chen", "Note"])


def test_history_keeps_the_draft_as_ticked_and_the_note(
    acme_refreshed: Callable[[str], Path],
) -> None:
    path = acme_refreshed("2026-11-02")
    type_into(
        path, WEEK, {"Step": "thank-you"}, {"Draft": "Thanks, Dana!", "Note": "sent from phone"}
    )
    type_into(path, WEEK, {"Step": "thank-you"}, {"Done": "x"})
    refresh(path, "2026-11-03")
    row = sheet(path, HISTORY_SHEET.name).iloc[0]
    assert (row["Message"], row["Note"]) == ("Thanks, Dana!", "sent from phone")


def test_a_placeholder_is_named_in_why_and_ticking_it_warns(
    acme_refreshed: Callable[[str], Path],
) -> None:
    path = acme_refreshed("2026-11-12")
    halfway = sheet(path, WEEK).query("Step == 'halfway'").iloc[0]
    assert halfway["Why"].startswith(
        "Fill in [your question or idea about Acme or the role] in the draft before sending."
    )
    row = type_into(path, WEEK, {"Step": "halfway"}, {"Done": "x"})
    output = refresh(path, "2026-11-13")
    assert (
        f"warning: This Week!L{row}: you ticked 'Send a halfway note with a question or point' "
        "(Acme, Analyst, Dana Kim) done, but its "
        "Draft still holds [your question or idea about Acme or the role]."
    ) in output


def test_a_question_pasted_into_the_placeholder_reads_cleanly(
    acme_refreshed: Callable[[str], Path],
) -> None:
    path = acme_refreshed("2026-11-12")
    draft = sheet(path, WEEK).query("Step == 'halfway'").iloc[0]["Draft"]
    mine = draft.replace(
        "[your question or idea about Acme or the role]", "How will the team grow?"
    )
    type_into(path, WEEK, {"Step": "halfway"}, {"Draft": mine})
    refresh(path, "2026-11-13")
    halfway = sheet(path, WEEK).query("Step == 'halfway'").iloc[0]
    assert "?." not in halfway["Draft"] and "grow?\n\nI would be glad" in halfway["Draft"]
    assert not halfway["Why"].startswith("Fill in")


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("I find the wait disappointing.", "'disappointing'"),
        ("Any news on the role??", "'??'"),
        ("Why no answer?!", "'?!'"),
        ("Please REPLY to me.", "'REPLY'"),
    ],
)
def test_tone_of_an_edited_draft(
    acme_refreshed: Callable[[str], Path], typed: str, named: str
) -> None:
    path = acme_refreshed("2026-11-02")
    type_into(path, WEEK, {"Step": "thank-you"}, {"Draft": f"Hi Dana,\n\n{typed}\n\nAna"})
    refresh(path, "2026-11-02")
    why = sheet(path, WEEK).query("Step == 'thank-you'").iloc[0]["Why"]
    assert why.startswith(f"Tone: reads as frustrated ({named})")


def log_thank_you_to_all(path: Path, day: dt.datetime) -> None:
    """A Sent thank-you typed into the Log with no Contact: one note to the whole round."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Log"]
    header = [c.value for c in ws[1]]
    row = {"Date": day, "Company": "Acme", "Direction": "Sent", "Step": "thank-you"}
    ws.append([row.get(h) for h in header])
    wb.save(path)


THREE = ["Ann Lee", "Bo Chen", "Cy Diaz"]


@pytest.mark.parametrize(
    ("panel", "ticked", "sent", "listed"),
    [
        # The note to the only interviewer, and its tick: one send, listed as the note.
        (["Dana Kim"], ["Dana Kim"], "1", [""]),
        # One message: the note thanked all three; Ann's tick is her share of it (SPEC 5, 6).
        (THREE, THREE[:1], "1", THREE[:1]),
        # Each panellist ticked: three messages to three people; the note repeats them (SPEC 6).
        (THREE, THREE, "3", THREE),
        (THREE, THREE[1:], "2", THREE[1:]),
    ],
)
def test_a_thank_you_logged_to_the_whole_round_and_ticked_counts_each_tick_once(
    tmp_path: Path, panel: list[str], ticked: list[str], sent: str, listed: list[str]
) -> None:
    rows = [{**ACME, "Interviewer": name, "Round": "Panel"} for name in panel]
    path = tracker(tmp_path / "t.xlsx", rows, writer="xlsxwriter")
    refresh(path, "2026-11-02")
    for name in ticked:
        type_into(path, WEEK, {"Step": "thank-you", "Contact": name}, {"Done": "x"})
    log_thank_you_to_all(path, dt.datetime(2026, 11, 2))
    refresh(path, "2026-11-03")
    assert sorted(history(path)) == [("2026-11-02", "thank-you", name) for name in sorted(ticked)]
    assert summary_counts(path)["Sent in the last 7 days"] == sent
    chart = pd.read_excel(path, sheet_name="Summary", header=None, engine="calamine", dtype=str)
    assert chart[chart.iloc[:, 0].eq("2 Nov")].iloc[0].iloc[1] == sent
    # The work-search log lists each send once (an activity), as Summary counts them.
    out = tmp_path / "log.csv"
    code, output = run("export", str(path), "--work-search", str(out), "--as-of", "2026-11-03")
    assert code == 0, output
    with out.open(encoding="utf-8-sig", newline="") as f:
        lines = [row for row in csv.reader(f) if row[5].startswith("Follow-up sent")]
    assert sorted(lines) == [
        ["2026-11-02", "Acme", name, "Email", "Analyst", "Follow-up sent (thank-you)"]
        for name in listed
    ]


def test_a_done_mark_that_is_no_date_says_what_x_means(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], writer="xlsxwriter")
    refresh(path, "2026-11-16")
    row = type_into(path, WEEK, {"Step": "halfway"}, {"Done": "sent it"})
    code, output = run("refresh", str(path), "--as-of", "2026-11-23", "--no-backup")
    assert code == 1
    assert (
        f"error: This Week!L{row}: 'sent it' is not a Done mark. Type x (done on the action's "
        "due day, or on the day this sheet was written if it was overdue by then) or the date "
        "you did it, such as 2026-11-02, or clear the cell."
    ) in output
    assert "Nothing was written." in output


def test_steps_logged_in_the_words_people_use_complete_their_steps(tmp_path: Path) -> None:
    def sent(day: int, step: str) -> dict[str, object]:
        # ISO dates: the test is about the step words, not about a date order to infer.
        return {"Date": f"2026-11-{day:02d}", "Company": "Acme", "Direction": "Sent", "Step": step}

    log = [sent(2, "Thank-you note"), sent(12, "Halfway email"), sent(24, "Status check")]
    path = tracker(tmp_path / "t.xlsx", [ACME], log=log, writer="xlsxwriter")
    code, output = run("check", str(path), "--as-of", "2026-11-24")
    assert (code, output.strip()) == (0, "t.xlsx: no problems. Ready for followup refresh.")
    refresh(path, "2026-11-24")
    steps = set(sheet(path, WEEK)["Step"])
    # Thank-you, halfway note and status email are done; only the call is left that day.
    assert {"thank-you", "halfway", "status-email"}.isdisjoint(steps)
    assert "status-call" in steps


def test_a_done_date_after_the_refresh_date_is_an_error_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], contacts=CONTACTS)
    refresh(path, "2026-11-23")
    row = type_into(path, WEEK, {"Step": "status-email"}, {"Done": dt.datetime(2026, 11, 26)})
    # Typed as text on the other sheet, in the Date order (M/D/Y by default).
    other = type_into(path, NETWORK, {"Contact": "Maria Gonzalez"}, {"Done": "11/25/2026"})
    before = path.read_bytes()
    expected = (
        f"error: This Week!L{row}: 'Thu 26 Nov 2026' is after the refresh date (Tue 24 Nov "
        "2026). Type the day you did it, or x.\n"
        f"error: Network Updates!G{other}: 'Wed 25 Nov 2026' is after the refresh date (Tue "
        "24 Nov 2026). Type the day you did it, or x.\n"
    )
    for command in ("refresh", "check"):
        code, output = run(command, str(path), "--as-of", "2026-11-24")
        assert code == 1, output
        assert expected in output, command
    assert path.read_bytes() == before
    # On or after the day typed, it is recorded as it is.
    refresh(path, "2026-11-26")
    assert ("2026-11-26", "status-email", "Dana Kim") in history(path)


def test_many_done_dates_after_the_refresh_date_are_told_once(tmp_path: Path) -> None:
    companies = [{**ACME, "Company": name} for name in ("Acme", "Globex", "Initech", "Umbrella")]
    path = tracker(tmp_path / "t.xlsx", companies)
    refresh(path, "2026-11-23")
    last = type_into(path, WEEK, {"Step": "status-email"}, {"Done": "Dec 1, 2026"})
    code, output = run("check", str(path), "--as-of", "2026-11-24")
    assert code == 1
    (line,) = [line for line in output.splitlines() if "after the refresh date" in line]
    assert line.startswith("error: This Week!L")
    assert line.endswith(
        f":L{last}: 4 cells say 'Tue 1 Dec 2026'. That is after the refresh date (Tue 24 Nov "
        "2026). Type the day you did it, or x."
    )


@pytest.mark.parametrize("typed", ["8 Dec", "Dec 8", "8 December", "December 8th", "Tue 8 Dec"])
def test_a_done_date_without_a_year_asks_for_the_year(tmp_path: Path, typed: str) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME])
    refresh(path, "2026-11-16")
    row = type_into(path, WEEK, {"Step": "halfway"}, {"Done": typed})
    code, output = run("refresh", str(path), "--as-of", "2026-11-23", "--no-backup")
    assert code == 1
    assert (
        f"error: This Week!L{row}: '{typed}' is a date without a year. Type it with its year, "
        f"such as {typed} 2026.\n"
    ) in output
    assert "Nothing was written." in output
