"""Trackers people made themselves: headers spelled their way, banner rows, dates and choices
typed their way, placeholders and missing sheets (SPEC 3)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.operations import load, plan
from followup.schema import CHOICE_SYNONYMS, INTERVIEWS, LOG, SEARCH, Sheet
from tests.workbooks import headers, tracker, write

AS_OF = pd.Timestamp("2026-11-23")

INTERVIEW_ROWS = [
    {
        "Company": "Acme",
        "Role": "Analyst",
        "Interview date": dt.date(2026, 11, 2),
        "Interviewer": "Dana Kim",
        "Decision by": dt.date(2026, 11, 16),
        "Status": "Active",
    },
    {
        "Company": "Globex",
        "Role": "Engineer",
        "Interview date": dt.date(2026, 10, 13),
        "Interviewer": "Sam Lee",
        "Status": "Active",
    },
    {
        "Company": "Initech",
        "Role": "Lead",
        "Interview date": dt.date(2026, 9, 8),
        "Status": "Rejected",
    },
]
LOG_ROWS = [
    {"Date": dt.date(2026, 11, 2), "Company": "Acme", "Direction": "Sent", "Step": "thank-you"},
    {"Date": dt.date(2026, 10, 20), "Company": "Globex", "Direction": "Received"},
]


def messages(path: Path) -> list[str]:
    return [f"{p.level}: {p}" for p in load(path, AS_OF).problems]


def planned(path: Path) -> pd.DataFrame:
    loaded = load(path, AS_OF)
    assert loaded.errors == [], loaded.errors
    week = plan(loaded.tracker, AS_OF, 7).this_week
    return week[["due", "company", "role", "step", "contact"]].reset_index(drop=True)


def grid(sheet: Sheet, rows: list[dict[str, Any]], names: dict[str, str]) -> list[list[Any]]:
    """A sheet's grid under the given header for each schema header."""
    order = [h for h in headers(sheet) if h in names]
    return [[names[h] for h in order], *([row.get(h) for h in order] for row in rows)]


def test_a_tracker_with_only_interviews_and_log_refreshes_like_the_canonical_one(
    tmp_path: Path,
) -> None:
    canonical = tracker(tmp_path / "canonical.xlsx", INTERVIEW_ROWS, LOG_ROWS)
    typed = [
        {
            **row,
            "Interview date": f"{row['Interview date']:%m/%d/%Y}",
            "Status": "Interviewing" if row["Status"] == "Active" else "Not selected",
        }
        for row in INTERVIEW_ROWS
    ]
    names = {
        "Company": "Company Name",
        "Role": "Job Title",
        "Interview date": "Interview Date",
        "Interviewer": "Interviewer",
        "Decision by": "Decision by",
        "Status": "Status",
    }
    theirs = write(
        tmp_path / "theirs.xlsx",
        {
            "Interviews": grid(INTERVIEWS, typed, names),
            "Log": grid(LOG, LOG_ROWS, {h: h for h in headers(LOG)}),
        },
    )
    assert messages(theirs) == [
        "info: Settings: there is no Settings sheet, so every setting takes its default. Add a "
        "sheet named Settings with the headers Setting and Value to change one.",
        "info: Interviews!C2:C4: dates read month first, as Interviews!C3 '10/13/2026' shows; 2 "
        "dates could be read either way, read so: C2 '11/02/2026' as Mon 2 Nov 2026, C4 "
        "'09/08/2026' as Tue 8 Sep 2026. If that is wrong, set Date order in Settings (MDY, DMY, "
        "YMD).",
        "info: Contacts: there is no Contacts sheet, so followup reads it as empty. Add one with "
        "the headers Name, Relationship, Company, Email, Phone, Last update, Update every, Notes "
        "when you want to use it.",
        "info: Search: there is no Search sheet, so followup reads it as empty. Add one with the "
        "headers Date, Activity, Company, Role, Contact, Notes, Status when you want to use it.",
    ]
    assert len(planned(canonical)) > 0
    pd.testing.assert_frame_equal(planned(theirs), planned(canonical))


def test_banner_rows_above_the_header_are_skipped(tmp_path: Path) -> None:
    names = {h: h.upper() for h in headers(INTERVIEWS)}
    sheets = {
        "Interviews": [
            ["My job search 2026"],
            [],
            ["Company and role", None, "Interview"],  # not the header: no Interview date
            *grid(INTERVIEWS, INTERVIEW_ROWS[:1], names),
        ],
    }
    loaded = load(write(tmp_path / "t.xlsx", sheets, writer="xlsxwriter"), AS_OF)
    assert loaded.errors == []
    assert loaded.tracker.interviews[["company", "row"]].to_numpy().tolist() == [["Acme", 5]]


def test_dates_typed_their_way_read_by_the_column_order(tmp_path: Path) -> None:
    rows = [
        {**INTERVIEW_ROWS[0], "Interview date": text, "Company": f"C{i}"}
        for i, text in enumerate(
            ["15/01/2025", "03/02/2025", "16.11.2026", "Nov 16, 2026", "16 November 2026"]
        )
    ]
    loaded = load(tracker(tmp_path / "t.xlsx", rows), AS_OF)
    assert loaded.errors == []
    assert [f"{d:%Y-%m-%d}" for d in loaded.tracker.interviews["interview_date"]] == [
        "2025-01-15",
        "2025-02-03",  # day first, as the column's 15/01 shows
        "2026-11-16",
        "2026-11-16",
        "2026-11-16",
    ]


def test_a_column_of_only_ambiguous_dates_is_one_error_until_date_order_is_set(
    tmp_path: Path,
) -> None:
    rows = [
        {**INTERVIEW_ROWS[0], "Interview date": text, "Company": f"C{i}"}
        for i, text in enumerate(["03/02/2026", "04/05/2026, 8:15 AM", "06/07/26"])
    ]
    assert messages(tracker(tmp_path / "t.xlsx", rows)) == [
        "error: Interviews!C2:C4: 3 cells hold values such as '03/02/2026', '04/05/2026, 8:15 "
        "AM', '06/07/26'. Each could be day first or month first. Set Date order in Settings to "
        "MDY or DMY (or type dates such as 2026-11-02)."
    ]
    loaded = load(tracker(tmp_path / "s.xlsx", rows, settings={"Date order": "dmy"}), AS_OF)
    assert loaded.errors == []
    assert [f"{d:%Y-%m-%d}" for d in loaded.tracker.interviews["interview_date"]] == [
        "2026-02-03",
        "2026-05-04",
        "2026-07-06",
    ]


def test_a_text_that_is_not_a_whole_date_names_its_cell(tmp_path: Path) -> None:
    rows = [{**INTERVIEW_ROWS[0], "Interview date": text} for text in ("Monday", "Nov 16")]
    assert messages(tracker(tmp_path / "t.xlsx", rows)) == [
        "error: Interviews!C2: 'Monday' is not a date. Type a date such as 2026-11-02.",
        # A day and a month: what is missing is the year (10a of trial T).
        "error: Interviews!C3: 'Nov 16' is a date without a year. Type it with its year, such "
        "as Nov 16 2026.",
    ]


def test_placeholders_are_blank_in_optional_cells_and_grouped_in_required_ones(
    tmp_path: Path,
) -> None:
    search = [
        {"Date": dt.date(2026, 11, 2), "Activity": "N/A", "Company": "Acme", "Notes": "TBD"}
        for _ in range(324)
    ]
    rows = [{**INTERVIEW_ROWS[0], "Round": "n/a", "Email": "null", "Decision by": "-"}]
    path = tracker(tmp_path / "t.xlsx", rows, search=search)
    assert messages(path) == [
        "error: Search!B2:B325: 324 cells say 'N/A'. That means no Activity, but every row needs "
        "one. Type the activity, or delete the row."
    ]
    row = load(path, AS_OF).tracker.interviews.iloc[0]
    assert (row["round"], row.email, row.decision_given) == ("", "", False)


def test_many_bad_cells_in_a_column_are_one_message(tmp_path: Path) -> None:
    rows = [{**INTERVIEW_ROWS[0], "Keep in touch OK": f"maybe {i}"} for i in range(40)]
    assert messages(tracker(tmp_path / "t.xlsx", rows)) == [
        "error: Interviews!J2:J41: 40 cells hold values such as 'maybe 0', 'maybe 1', 'maybe 2'. "
        "Each is not Yes or No. Type Yes or No."
    ]


def test_choice_words_people_use(tmp_path: Path) -> None:
    said = ["Ghosted", "negotiating offer", "Declined", "paused", "Final Round", "On-Hold"]
    rows = [{**INTERVIEW_ROWS[0], "Status": word, "Role": word} for word in said]
    loaded = load(tracker(tmp_path / "t.xlsx", rows), AS_OF)
    assert loaded.errors == []
    assert loaded.tracker.interviews["status"].tolist() == [
        "Active",
        "Offer",
        "Rejected",
        "On hold",
        "Active",
        "On hold",
    ]


def test_check_names_the_sheets_it_does_not_read(tmp_path: Path) -> None:
    applications = [
        ["Job hunt"],
        ["Company", "Position", "Date Applied"],
        ["Acme", "Analyst", dt.date(2026, 11, 2)],
    ]
    path = tracker(
        tmp_path / "t.xlsx",
        INTERVIEW_ROWS[:1],
        extra_sheets={"Applications": applications, "Budget": [["Month", "Spent"]]},
    )
    assert messages(path) == [
        "info: Applications: followup does not read this sheet, but it looks like a list of "
        "applications. `followup import` turns it into a new tracker: followup import "
        f"{path} {tmp_path / 't-imported.xlsx'} --sheet Applications",
        "info: Budget: followup does not read this sheet (it reads Interviews, Log, Contacts, "
        "Search and Settings); it is kept as it is.",
    ]


# The property: however the canonical tracker is spelled, it plans the same actions.

_FORMS = {
    "MDY": ("%m/%d/%Y", "%m/%d/%y, %I:%M %p", "%b %d, %Y", "%B %d, %Y", "%Y-%m-%d"),
    "DMY": ("%d/%m/%Y", "%d.%m.%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d"),
    "YMD": ("%Y/%m/%d", "%Y.%m.%d", "%Y-%m-%d", "%b %d, %Y"),
}


@st.composite
def spelled(draw: st.DrawFn, sheet: Sheet, rows: list[dict[str, Any]], order: str) -> list:
    columns = [c for c in sheet.columns if any(c.header in row for row in rows) or c.required]
    columns = draw(st.permutations(columns))
    names = []
    for col in columns:
        name = draw(st.sampled_from(col.names))
        style = draw(st.sampled_from([str, str.upper, str.lower, str.title]))
        punct = draw(st.sampled_from(["", "?", ":", " "]))
        names.append(style(name).replace(" ", draw(st.sampled_from([" ", "_", "  "]))) + punct)
    body = []
    for row in rows:
        cells = []
        for col in columns:
            value = row.get(col.header)
            if isinstance(value, dt.date) and draw(st.booleans()):
                value = value.strftime(draw(st.sampled_from(_FORMS[order])))
            elif col.choices and isinstance(value, str):
                value = draw(st.sampled_from([value, *CHOICE_SYNONYMS.get(value, ())]))
            cells.append(value)
        body.append(cells)
    banners = draw(st.lists(st.sampled_from(["My search", "Updated weekly", ""]), max_size=3))
    return [[b] for b in banners] + [names, *body]


SEARCH_ROWS = [{"Date": dt.date(2026, 11, 20), "Activity": "Application", "Company": "Umbrella"}]


@pytest.fixture(scope="module")
def canonical_plan(tmp_path_factory: pytest.TempPathFactory) -> pd.DataFrame:
    """The canonical tracker's plan, made once for every spelling compared with it."""
    folder = tmp_path_factory.mktemp("canonical")
    return planned(tracker(folder / "canonical.xlsx", INTERVIEW_ROWS, LOG_ROWS, search=SEARCH_ROWS))


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data(), order=st.sampled_from(sorted(_FORMS)))
def test_any_spelling_of_a_tracker_plans_the_same_actions(
    tmp_path: Path, canonical_plan: pd.DataFrame, data: st.DataObject, order: str
) -> None:
    sheets = {
        "Interviews": data.draw(spelled(INTERVIEWS, INTERVIEW_ROWS, order)),
        "Log": data.draw(spelled(LOG, LOG_ROWS, order)),
        "Search": data.draw(spelled(SEARCH, SEARCH_ROWS, order)),
        "Settings": [["Setting", "Value"], ["Date order", order]],
    }
    theirs = write(tmp_path / "theirs.xlsx", sheets)
    pd.testing.assert_frame_equal(planned(theirs), canonical_plan)
