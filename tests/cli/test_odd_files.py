"""Odd files people's trackers really are (issue: odd files): far dates, far cells, table total
rows, formula errors, pasted names, merged cells. Each kind through the CLI, several members."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.schema import CONTACTS, INTERVIEWS, LOG, SEARCH
from tests.cli.helpers import run, sheet, type_into
from tests.workbooks import headers

AS_OF = "2026-11-16"
ROUND_1 = {
    "Company": "Harbor Lane Foods",
    "Role": "Operations Analyst",
    "Interview date": dt.date(2026, 11, 2),
    "Round": "Phone screen",
    "Interviewer": "Priya Okafor",
    "Decision by": "3 weeks",
}
DATE_HEADERS = {"Interview date", "Date", "Last update"}
After = Callable[[xlsxwriter.Workbook, dict[str, Any], Any], None]


def book(
    path: Path,
    interviews: Sequence[Mapping[str, Any]] = (ROUND_1,),
    log: Sequence[Mapping[str, Any]] = (),
    contacts: Sequence[Mapping[str, Any]] = (),
    search: Sequence[Mapping[str, Any]] = (),
    settings: Mapping[str, Any] | None = None,
    after: After | None = None,
    options: Mapping[str, Any] | None = None,
) -> Path:
    """A tracker written by XlsxWriter, as a user's spreadsheet app would; `after(book,
    sheets, date_format)` adds what the case needs before the file is closed; `options`
    are XlsxWriter's workbook options."""
    wb = xlsxwriter.Workbook(str(path), dict(options or {}))
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    sheets: dict[str, Any] = {}
    grids = {
        s.name: [headers(s), *([row.get(h) for h in headers(s)] for row in rows)]
        for s, rows in (
            (INTERVIEWS, interviews),
            (LOG, log),
            (CONTACTS, contacts),
            (SEARCH, search),
        )
    }
    grids["Settings"] = [["Setting", "Value"], *([k, v] for k, v in (settings or {}).items())]
    for name, grid in grids.items():
        ws = sheets[name] = wb.add_worksheet(name)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if isinstance(value, dt.date):
                    day = (
                        value
                        if isinstance(value, dt.datetime)
                        else dt.datetime(*value.timetuple()[:3])
                    )
                    ws.write_datetime(r, c, day, date)
                elif value is not None:
                    ws.write(r, c, value)
    if after is not None:
        after(wb, sheets, date)
    wb.close()
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(path: Path, *lines: str, command: str = "check") -> None:
    """The command exits 1 printing exactly these problem lines, and the file is untouched."""
    before = digest(path)
    code, output = run(command, str(path), "--as-of", AS_OF)
    assert code == 1, output
    assert [line for line in output.splitlines() if line.startswith("error: ")] == list(lines)
    assert digest(path) == before


def ready(path: Path) -> str:
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert (code, output.splitlines()[-1]) == (
        0,
        f"{path.name}: no problems. Ready for followup refresh.",
    ), output
    code, output = run("refresh", str(path), "--as-of", AS_OF, "--no-backup")
    assert code == 0, output
    return output


# Kind 1: dates Excel can hold but pandas cannot (after 2262), in any column of any sheet.


def test_9999_12_31_decision_by_means_no_date_yet(tmp_path: Path) -> None:
    path = book(tmp_path / "t.xlsx", [dict(ROUND_1, **{"Decision by": dt.date(9999, 12, 31)})])
    ready(path)
    blank = book(tmp_path / "blank.xlsx", [dict(ROUND_1, **{"Decision by": None})])
    ready(blank)
    assert (
        sheet(path, "This Week")["Action"].tolist() == sheet(blank, "This Week")["Action"].tolist()
    )


@pytest.mark.parametrize(
    ("rows", "cell", "shown"),
    [
        (
            {"interviews": [dict(ROUND_1, **{"Interview date": dt.date(2620, 11, 2)})]},
            "Interviews!C2",
            "2620-11-02",
        ),
        (
            {"interviews": [dict(ROUND_1, **{"Decision by": dt.datetime(3026, 1, 5, 9, 30)})]},
            "Interviews!I2",
            "3026-01-05",
        ),
        (
            {
                "log": [
                    {
                        "Date": dt.date(9999, 1, 1),
                        "Company": "Harbor Lane Foods",
                        "Direction": "Sent",
                        "Step": "thank-you",
                    }
                ]
            },
            "Log!A2",
            "9999-01-01",
        ),
        (
            {
                "contacts": [
                    {
                        "Name": "Ken Adams",
                        "Relationship": "Core network",
                        "Last update": dt.date(2262, 4, 12),
                    }
                ]
            },
            "Contacts!F2",
            "2262-04-12",
        ),
        (
            {"search": [{"Date": "2620-11-02", "Activity": "Application", "Company": "Globex"}]},
            "Search!A2",
            "2620-11-02",
        ),
    ],
)
def test_a_far_year_is_a_typo_naming_the_cell(
    tmp_path: Path, rows: dict[str, Any], cell: str, shown: str
) -> None:
    path = book(tmp_path / "t.xlsx", **rows)
    year = shown[:4]
    message = f"error: {cell}: the year {year} in '{shown}' looks like a typo. Type the date again, such as 2026-11-02."
    refused(path, message)
    refused(path, message, command="refresh")


def test_the_no_date_placeholder_cannot_stand_for_a_required_date(tmp_path: Path) -> None:
    path = book(tmp_path / "t.xlsx", [dict(ROUND_1, **{"Interview date": dt.date(9999, 12, 31)})])
    refused(
        path,
        "error: Interviews!C2: '9999-12-31' stands for 'no date yet', but Interview date needs the date. Type it, such as 2026-11-02.",
    )


def test_far_dates_in_text_columns_and_the_done_column(tmp_path: Path) -> None:
    path = book(tmp_path / "t.xlsx", [dict(ROUND_1, Notes=dt.date(9999, 12, 31))])
    ready(path)
    type_into(path, "This Week", {"Step": "halfway"}, {"Done": dt.datetime(2620, 11, 16)})
    code, output = run("check", str(path), "--as-of", AS_OF)
    assert code == 1
    assert "2620" in output and "Traceback" not in output


# Kind 2: a cell far out in a sheet.


def _far(sheet_name: str, row: int, column: int, value: Any) -> After:
    return lambda _wb, sheets, _fmt: sheets[sheet_name].write(row, column, value)


@pytest.mark.parametrize(
    ("sheet_name", "row", "column"),
    [
        ("Interviews", 1048575, 16383),
        ("Log", 0, 16383),
        ("Settings", 1048575, 3),
        ("Contacts", 70000, 9000),
    ],
)
def test_a_stray_note_far_out_is_read_cheaply(
    tmp_path: Path, sheet_name: str, row: int, column: int
) -> None:
    path = book(tmp_path / "t.xlsx", after=_far(sheet_name, row, column, "note to self"))
    ready(path)
    assert not sheet(path, "This Week").empty


def test_a_value_in_the_last_row_of_a_data_column_is_a_row(tmp_path: Path) -> None:
    path = book(tmp_path / "t.xlsx", after=_far("Search", 1048575, 4, "remember to apply"))
    refused(
        path,
        "error: Search!A1048576: Date is empty. Fill it in, or delete the row.",
        "error: Search!B1048576: Activity is empty. Fill it in, or delete the row.",
    )


# Kind 3: an Excel table's total row.


def _table(sheet_name: str, columns: list[str], rows: list[list[Any]], total: int) -> After:
    """The sheet as an Excel table with Total Row on: 'Total' under the first column and a
    SUBTOTAL under column `total`."""

    def add(_wb: xlsxwriter.Workbook, sheets: dict[str, Any], fmt: Any) -> None:
        spec = [{"header": h} for h in columns]
        spec[0]["total_string"] = "Total"
        spec[total]["total_function"] = "count"
        for column in spec:
            if column["header"] in DATE_HEADERS:
                column["format"] = fmt
        sheets[sheet_name].add_table(
            0,
            0,
            len(rows) + 1,
            len(columns) - 1,
            {"columns": spec, "data": rows, "total_row": True},
        )

    return add


def _rows(sheet_headers: list[str], records: list[dict[str, Any]]) -> list[list[Any]]:
    return [
        [
            dt.datetime(*v.timetuple()[:3]) if isinstance(v, dt.date) else v
            for v in (r.get(h) for h in sheet_headers)
        ]
        for r in records
    ]


def test_a_table_total_row_is_not_an_interview(tmp_path: Path) -> None:
    second = dict(
        ROUND_1, Company="Copperfield Transit", Role="Data Analyst", Interviewer="Tom Reyes"
    )
    cols = headers(INTERVIEWS)
    path = book(
        tmp_path / "t.xlsx",
        [],
        after=_table("Interviews", cols, _rows(cols, [ROUND_1, second]), len(cols) - 1),
    )
    ready(path)
    assert set(sheet(path, "This Week")["Company"].dropna()) == {
        "Harbor Lane Foods",
        "Copperfield Transit",
    }


@pytest.mark.parametrize(
    ("sheet_name", "records"),
    [
        (
            "Log",
            [
                {
                    "Date": dt.date(2026, 11, 2),
                    "Company": "Harbor Lane Foods",
                    "Direction": "Sent",
                    "Channel": "Email",
                    "Step": "thank-you",
                }
            ],
        ),
        (
            "Contacts",
            [
                {
                    "Name": "Ken Adams",
                    "Relationship": "Core network",
                    "Last update": dt.date(2026, 11, 1),
                }
            ],
        ),
        (
            "Search",
            [{"Date": dt.date(2026, 11, 10), "Activity": "Application", "Company": "Globex"}],
        ),
    ],
)
def test_a_total_row_is_skipped_in_every_sheet(
    tmp_path: Path, sheet_name: str, records: list[dict[str, Any]]
) -> None:
    cols = headers({"Log": LOG, "Contacts": CONTACTS, "Search": SEARCH}[sheet_name])
    path = book(tmp_path / "t.xlsx", after=_table(sheet_name, cols, _rows(cols, records), 2))
    ready(path)


# Kind 4: a formula error in a cell.


def _formula(sheet_name: str, cell: str, result: str) -> After:
    return lambda _wb, sheets, _fmt: sheets[sheet_name].write_formula(
        cell, "=VLOOKUP(A2,Z:Z,2,FALSE)", None, result
    )


@pytest.mark.parametrize(
    ("sheet_name", "cell", "error", "column"),
    [
        ("Interviews", "I2", "#N/A", "Decision by"),
        ("Interviews", "C2", "#REF!", "Interview date"),
        ("Interviews", "N2", "#NAME?", "Notes"),
        ("Interviews", "A2", "#DIV/0!", "Company"),
    ],
)
def test_a_formula_error_is_named_never_blank(
    tmp_path: Path, sheet_name: str, cell: str, error: str, column: str
) -> None:
    path = book(tmp_path / "t.xlsx", after=_formula(sheet_name, cell, error))
    refused(
        path,
        f"error: {sheet_name}!{cell}: this cell shows the formula error {error}, so {column} cannot be read. Fix the formula, or type the value over it.",
    )


def test_formula_errors_down_a_column_are_one_problem(tmp_path: Path) -> None:
    log = [
        {"Date": dt.date(2026, 11, d), "Company": "Harbor Lane Foods", "Direction": "Received"}
        for d in (3, 4, 5)
    ]

    def errors(_wb: xlsxwriter.Workbook, sheets: dict[str, Any], _fmt: Any) -> None:
        for row in (2, 3, 4):
            sheets["Log"].write_formula(f"G{row}", "=INDEX(Z:Z,1)", None, "#N/A")

    path = book(tmp_path / "t.xlsx", log=log, after=errors)
    refused(
        path,
        "error: Log!G2:G4: 3 cells show the formula error #N/A, so Contact cannot be read. Fix the formula, or type the value over it.",
    )


def test_formula_errors_are_found_among_many_cells_of_inline_text(tmp_path: Path) -> None:
    # Streaming writers (XlsxWriter's constant_memory mode here) keep each text in its cell,
    # so the sheet's XML is full of the letters the marks of formulas and errors are made of.
    message = "Left a follow-up after the offer call; the formula is fine"
    log = [
        {
            "Date": dt.date(2026, 11, 3),
            "Company": "Harbor Lane Foods",
            "Direction": "Received",
            "Message": message,
        }
    ] * 300

    def errors(_wb: xlsxwriter.Workbook, sheets: dict[str, Any], _fmt: Any) -> None:
        sheets["Log"].write_formula("G301", "=INDEX(Z:Z,1)", None, "#N/A")

    path = book(tmp_path / "t.xlsx", log=log, after=errors, options={"constant_memory": True})
    with zipfile.ZipFile(path) as zf:
        assert zf.read("xl/worksheets/sheet2.xml").count(b"inlineStr") > 300
    refused(
        path,
        "error: Log!G301: this cell shows the formula error #N/A, so Contact cannot be read. Fix the formula, or type the value over it.",
    )


def test_a_formula_error_in_settings(tmp_path: Path) -> None:
    path = book(
        tmp_path / "t.xlsx",
        settings={"Weekly search target": 10},
        after=_formula("Settings", "B2", "#VALUE!"),
    )
    refused(
        path,
        "error: Settings!B2: this cell shows the formula error #VALUE!, so Weekly search target cannot be read. Fix the formula, or type the value over it.",
    )


# Kind 5: invisible differences in names.


@pytest.mark.parametrize(
    "pasted",
    [
        "Harbor\u00a0Lane\u00a0Foods",  # non-breaking spaces, from a web page
        "Harbor  Lane\tFoods ",  # doubled space and a tab
        "HARBOR\u200b Lane Foods",  # a zero-width space and capitals
        "Ｈａｒｂｏｒ Lane Foods",  # full-width letters
    ],
)
def test_a_pasted_company_is_the_same_opportunity(tmp_path: Path, pasted: str) -> None:
    first = dict(ROUND_1, **{"Interview date": dt.date(2026, 10, 26), "Decision by": "2 weeks"})
    second = dict(
        ROUND_1,
        Company=pasted,
        Round="Onsite",
        Interviewer="Dev Malhotra",
        **{"Interview date": dt.date(2026, 11, 5)},
    )
    log = [
        {
            "Date": dt.date(2026, 10, 26),
            "Company": "Harbor Lane Foods",
            "Direction": "Sent",
            "Channel": "Email",
            "Step": "thank-you",
        },
        {
            "Date": dt.date(2026, 11, 5),
            "Company": pasted,
            "Direction": "Sent",
            "Channel": "E\u00a0mail".replace("\u00a0", ""),
            "Step": "thank-you",
        },
    ]
    path = book(tmp_path / "t.xlsx", [first, second], log=log)
    ready(path)
    week = sheet(path, "This Week")
    # Round 1's status questions are not asked once round 2 has started.
    assert "status-email" not in set(week["Step"])
    assert set(week["Company"].dropna()) == {"Harbor Lane Foods"}


def test_pasted_roles_contacts_and_choices_match(tmp_path: Path) -> None:
    roles = [
        ROUND_1,
        dict(
            ROUND_1, Role="Data Analyst", Round="Onsite", **{"Interview date": dt.date(2026, 11, 3)}
        ),
    ]
    log = [
        {
            "Date": dt.date(2026, 11, 2),
            "Company": "harbor lane foods",
            "Role": "Operations\u00a0Analyst",
            "Direction": "Sent\u200b",
            "Channel": "In\u00a0person",
            "Step": "thank-you",
        },
    ]
    contacts = [{"Name": "Ken\u00a0Adams", "Relationship": "Core\u00a0 network"}]
    path = book(
        tmp_path / "t.xlsx",
        roles,
        log=log,
        contacts=contacts,
        settings={"Skip weekends": "YES\u00a0"},
    )
    ready(path)


# Kind 9: merged cells over rows.


def test_a_merged_company_counts_for_every_row_it_spans(tmp_path: Path) -> None:
    second = dict(
        ROUND_1,
        Company=None,
        Role=None,
        Round="Onsite",
        Interviewer="Dev Malhotra",
        **{"Interview date": dt.date(2026, 11, 9)},
    )

    def merge(_wb: xlsxwriter.Workbook, sheets: dict[str, Any], _fmt: Any) -> None:
        sheets["Interviews"].merge_range("A2:A3", ROUND_1["Company"])
        sheets["Interviews"].merge_range("B2:B3", ROUND_1["Role"])

    path = book(tmp_path / "t.xlsx", [ROUND_1, second], after=merge)
    ready(path)
    assert set(sheet(path, "This Week")["Company"].dropna()) == {"Harbor Lane Foods"}


def test_merged_cells_in_the_log_and_over_blank_rows(tmp_path: Path) -> None:
    log = [
        {
            "Date": dt.date(2026, 11, 2),
            "Company": "Harbor Lane Foods",
            "Direction": "Sent",
            "Step": "thank-you",
        },
        {"Date": dt.date(2026, 11, 4), "Direction": "Received"},
        {"Date": dt.date(2026, 11, 6), "Direction": "Received"},
    ]

    def merge(_wb: xlsxwriter.Workbook, sheets: dict[str, Any], _fmt: Any) -> None:
        sheets["Log"].merge_range("B2:B4", "Harbor Lane Foods")
        # A merge reaching into empty rows below the data adds no rows.
        sheets["Interviews"].merge_range("A2:A6", ROUND_1["Company"])

    path = book(tmp_path / "t.xlsx", log=log, after=merge)
    ready(path)


def test_a_merged_header_does_not_make_a_row(tmp_path: Path) -> None:
    def merge(_wb: xlsxwriter.Workbook, sheets: dict[str, Any], _fmt: Any) -> None:
        sheets["Contacts"].merge_range("H1:H3", "Notes")

    path = book(tmp_path / "t.xlsx", after=merge)
    ready(path)


# Kind 6: a tracker reached through a symbolic link.


def test_a_symlinked_tracker_is_written_through_the_link(tmp_path: Path) -> None:
    (tmp_path / "cloud").mkdir()
    (tmp_path / "work").mkdir()
    real = book(tmp_path / "cloud" / "tracker.xlsx")
    link = tmp_path / "work" / "tracker.xlsx"
    link.symlink_to("../cloud/tracker.xlsx")
    before = digest(real)
    code, output = run("refresh", str(link), "--as-of", AS_OF)
    assert code == 0, output
    assert link.is_symlink() and digest(real) != before
    assert not sheet(real, "This Week").empty
    backups = list((tmp_path / "cloud" / ".followup-backups").iterdir())
    assert [digest(b) for b in backups] == [before]
    assert not (tmp_path / "work" / ".followup-backups").exists()
    # A lock beside the real file refuses, as it would beside the link.
    (tmp_path / "cloud" / ".~lock.tracker.xlsx#").write_text("Ana,ana,host,01.01.2026;")
    code, output = run("refresh", str(link), "--as-of", AS_OF)
    assert code == 1 and "open in LibreOffice (by Ana)" in output


def test_a_chain_of_links_and_no_backup(tmp_path: Path) -> None:
    real = book(tmp_path / "real.xlsx")
    (tmp_path / "one.xlsx").symlink_to(real)
    (tmp_path / "two.xlsx").symlink_to(tmp_path / "one.xlsx")
    code, output = run("refresh", str(tmp_path / "two.xlsx"), "--as-of", AS_OF, "--no-backup")
    assert code == 0, output
    assert (tmp_path / "two.xlsx").is_symlink() and (tmp_path / "one.xlsx").is_symlink()
    assert not sheet(real, "This Week").empty


# Kind 7: tabs saved grouped.


def _selected(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        return sorted(n for n in names if b'tabSelected="1"' in zf.read(n))


@pytest.mark.parametrize("grouped", [("Interviews", "Log"), ("Log", "Contacts", "Search")])
def test_grouped_tabs_are_kept_never_refused(tmp_path: Path, grouped: tuple[str, ...]) -> None:
    path = book(
        tmp_path / "t.xlsx", after=lambda _wb, sheets, _fmt: [sheets[n].select() for n in grouped]
    )
    before = _selected(path)
    assert len(before) >= 2
    ready(path)
    code, output = run("refresh", str(path), "--as-of", "2026-11-23", "--no-backup")
    assert code == 0, output
    assert _selected(path) == before


# Kind 8: files that are not a workbook followup reads.


def _strict(path: Path) -> None:
    with zipfile.ZipFile(path) as zf:
        contents = {n: zf.read(n) for n in zf.namelist()}
    for name, data in contents.items():
        if name != "[Content_Types].xml":
            data = data.replace(
                b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                b"http://purl.oclc.org/ooxml/spreadsheetml/main",
            )
            contents[name] = data.replace(
                b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                b"http://purl.oclc.org/ooxml/officeDocument/relationships",
            )
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in contents.items():
            zf.writestr(name, data)


def _zip(path: Path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)


SAVE_AS = "In Excel choose File > Save As > Excel Workbook (.xlsx), then use that file."


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda p: _strict(book(p)),
            f"t.xlsx is a Strict Open XML workbook, which followup cannot read. {SAVE_AS}",
        ),
        (
            lambda p: p.write_bytes(book(p).read_bytes()[:2000]),
            "t.xlsx is damaged (its zip package cannot be opened). Open it in Excel, which may repair it, or use a backup; then save it as an Excel Workbook (.xlsx).",
        ),
        (
            lambda p: p.write_bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                + "EncryptionInfo EncryptedPackage".encode("utf-16-le")
                + bytes(600)
            ),
            "t.xlsx is protected with a password (encrypted), so followup cannot read it. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and save it as an Excel Workbook (.xlsx).",
        ),
        (
            lambda p: p.write_bytes(
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + bytes(600)
            ),
            f"t.xlsx is an old-format Excel file (.xls). {SAVE_AS}",
        ),
        (
            lambda p: _zip(
                p,
                {
                    "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                    "content.xml": b"<x/>",
                },
            ),
            "t.xlsx is an OpenDocument spreadsheet (.ods). In LibreOffice choose File > Save As > Excel 2007-365 (.xlsx), then use that file.",
        ),
        (
            lambda p: _zip(p, {"Index/Document.iwa": b"\x00", "Metadata/Properties.plist": b""}),
            "t.xlsx is a Numbers spreadsheet. In Numbers choose File > Export To > Excel, then use that .xlsx file.",
        ),
    ],
)
def test_a_file_of_another_kind_gets_one_plain_message(
    tmp_path: Path, make: Callable[[Path], Any], message: str
) -> None:
    path = tmp_path / "t.xlsx"
    make(path)
    before = digest(path)
    for command in ("check", "refresh"):
        code, output = run(command, str(path), "--as-of", AS_OF)
        assert (code, output) == (1, f"error: {message}\n")
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["t.xlsx"]


@pytest.mark.parametrize("name", ["tracker.xls", "tracker.ods", "tracker.numbers"])
def test_a_file_named_as_another_kind_is_exit_1(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"anything")
    code, output = run("check", str(tmp_path / name))
    assert (
        code == 1
        and output.startswith(f"error: {name} is ")
        and "save it as an Excel workbook (.xlsx)" in output
    )


# Kind 10: library warnings never reach the user.


def test_no_library_warning_reaches_the_terminal(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Log").write_row(0, 0, headers(LOG))
    wb.close()
    done = subprocess.run(
        [sys.executable, "-c", "from followup.cli import run; run()", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Warning:" not in done.stderr and "warnings.warn" not in done.stderr
    assert done.stderr.startswith("error: Interviews: the sheet 'Interviews' is missing.")


# Any value of any type in any column of any user sheet: exit 0 or 1, never a traceback, and
# the file untouched on exit 1.

_VALUES = st.one_of(
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 31, 23, 59)),
    st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 31)),
    st.text(alphabet=st.sampled_from(" \u00a0\u200b\t\nAbc-/:#N/AéＡ0123456789"), max_size=12),
    st.sampled_from(
        ["", " ", "#N/A", "#REF!", "#DIV/0!", "#VALUE!", "N/A", "TBD", "x", "3 weeks", "9999-12-31"]
    ),
)
_SHEETS = {s.name: headers(s) for s in (INTERVIEWS, LOG, CONTACTS, SEARCH)} | {
    "Settings": ["Setting", "Value"]
}
_ERRORS = {"#N/A", "#REF!", "#DIV/0!", "#VALUE!"}


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cells=st.lists(
        st.tuples(st.sampled_from(sorted(_SHEETS)), st.integers(0, 13), st.integers(1, 3), _VALUES),
        min_size=1,
        max_size=12,
    )
)
def test_any_value_anywhere_is_exit_0_or_1(
    tmp_path: Path, cells: list[tuple[str, int, int, Any]]
) -> None:
    path = tmp_path / "t.xlsx"

    def put(_wb: xlsxwriter.Workbook, sheets: dict[str, Any], fmt: Any) -> None:
        for name, column, row, value in cells:
            ws = sheets[name]
            column %= len(_SHEETS[name])
            if isinstance(value, str) and value in _ERRORS:
                ws.write_formula(row, column, "=1/0", None, value)
            elif isinstance(value, dt.date):
                day = (
                    value if isinstance(value, dt.datetime) else dt.datetime(*value.timetuple()[:3])
                )
                ws.write_datetime(row, column, day, fmt)
            else:
                ws.write(row, column, value)

    book(path, after=put)
    before = digest(path)
    for command in ("check", "refresh"):
        code, output = run(
            command, str(path), "--as-of", AS_OF, *(["--no-backup"] if command == "refresh" else [])
        )
        assert code in (0, 1), output
        assert "Traceback" not in output
        if code == 1:
            assert digest(path) == before
