"""Trackers as other spreadsheet writers make them, for the preservation tests.

A user's tracker is rarely the tool's own template: it has been opened and saved by
Excel, LibreOffice or Google Sheets and carries things the tool must never damage
(charts, pictures, shapes, comments, macros, validation lists, formula results). These
factories build such workbooks from code, so every test starts from a fresh file.
"""

from __future__ import annotations

import io
import posixpath
import shutil
import struct
import subprocess
import tempfile
import uuid
import zipfile
import zlib
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import xlsxwriter
from lxml import etree

from followup.layout import (
    AMBER,
    GREEN,
    RED,
    BarChart,
    ColumnLayout,
    Highlight,
    OwnedSheet,
    SheetBlock,
)
from followup.schema import (
    CONTACTS,
    HISTORY_SHEET,
    INTERVIEWS,
    LOG,
    NETWORK_SHEET,
    OVERDUE,
    SEARCH,
    SETTINGS,
    SETTINGS_SHEET,
    SUMMARY,
    THIS_WEEK_SHEET,
    THIS_WEEK_WHEN,
    TODAY,
    Sheet,
)

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM_NS = "http://schemas.microsoft.com/office/excel/2006/main"
TC_NS = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"

# Excel pairs every threaded comment with a legacy note whose author is "tc=" + the
# thread id, so older readers still show something; the factories reproduce that pair.
THREAD_ID = "{6C4F1D2A-3B5E-4F70-9A1C-2D3E4F5A6B7C}"
PERSON_ID = "{0E1D2C3B-4A59-4687-A5B4-C3D2E1F00918}"
THREAD_CELL = "K2"
THREAD_TEXT = "Ask Dana whether the panel has met yet."
CUSTOM_XML_TEXT = "followup-preservation-check"

INTERVIEW_ROWS: tuple[tuple[object, ...], ...] = (
    # Company, Role, Interview date, Round, Interviewer, Interviewer type, Email, Phone,
    # Decision by, Keep in touch OK, Key point, Skills highlighted, Status, Notes
    (
        "Northwind Traders",
        "Data Analyst",
        date(2026, 11, 2),
        "Phone screen",
        "Dana Reyes",
        "Hiring manager",
        "dana.reyes@northwind.example",
        "+1 555 0101",
        "3 weeks",
        "Yes",
        "Cleaning up their weekly sales reporting",
        "SQL, dashboards",
        "Active",
        "",
    ),
    (
        "Contoso Ltd",
        "Operations Lead",
        date(2026, 10, 20),
        "Onsite",
        "Priya Shah",
        "Panel",
        "",
        "",
        date(2026, 11, 10),
        "No",
        "Scaling the support team",
        "Process design",
        "",
        "Second round",
    ),
    (
        "Fabrikam",
        "Analyst",
        date(2026, 9, 14),
        "Phone screen",
        "Lee Park",
        "Recruiter",
        "lee@fabrikam.example",
        "",
        "",
        "",
        "",
        "Excel",
        "Rejected",
        "",
    ),
)
LOG_ROWS: tuple[tuple[object, ...], ...] = (
    (
        date(2026, 11, 2),
        "Northwind Traders",
        "Data Analyst",
        "Sent",
        "Email",
        "thank-you",
        "Dana Reyes",
        "Thanks for the call",
    ),
    (
        date(2026, 10, 21),
        "Contoso Ltd",
        "",
        "Sent",
        "Email",
        "thank-you",
        "Priya Shah",
        "Thank you note",
    ),
    (date(2026, 11, 5), "Contoso Ltd", "", "Received", "Email", "", "Priya Shah", "Still deciding"),
)
CONTACT_ROWS: tuple[tuple[object, ...], ...] = (
    ("Sam Ortiz", "Core network", "", "sam@example.org", "", date(2026, 10, 1), 14, ""),
    ("Ava Chen", "Advocate", "Northwind Traders", "", "", None, None, "Former colleague"),
)
SEARCH_ROWS: tuple[tuple[object, ...], ...] = (
    (date(2026, 11, 3), "Application", "Tailspin Toys", "", "Applied online"),
    (date(2026, 11, 4), "Networking", "", "Sam Ortiz", "Coffee"),
    (date(2026, 11, 5), "Cold call", "Wide World Importers", "", ""),
)
WEEKLY_COUNTS = (("Week 1", 3, 2), ("Week 2", 5, 1), ("Week 3", 4, 3), ("Week 4", 6, 2))
CACHED_DECISION_HEADER = "Decision date"  # a user column holding a date formula


THIS_WEEK_ROWS = (
    (OVERDUE, date(2026, 11, 12), "Northwind Traders", "Data Analyst", "halfway"),
    (TODAY, date(2026, 11, 16), 'R&D <Labs> "Ünïcode"', "Engineer", "thank-you"),
    (THIS_WEEK_WHEN, date(2026, 11, 19), "Contoso Ltd", "Operations Lead", "status-email"),
)
HISTORY_ROWS = (
    (date(2026, 11, 2), "Northwind Traders", "Data Analyst", "thank-you", "Email"),
    (date(2026, 11, 9), "Contoso Ltd", "Operations Lead", "reiterate-call", "Phone"),
)


def _columns(sheet: Sheet) -> tuple[ColumnLayout, ...]:
    return tuple(
        ColumnLayout(c.header, c.width, "date" if c.is_date else "text") for c in sheet.columns
    )


def _frame(sheet: Sheet, rows: Sequence[tuple[object, ...]]) -> pd.DataFrame:
    headers = [c.header for c in sheet.columns]
    padded = [list(r) + [None] * (len(headers) - len(r)) for r in rows]
    return pd.DataFrame(padded, columns=headers)


def owned_sheets() -> tuple[OwnedSheet, ...]:
    """The four owned sheets as the core describes them, with a few rows each."""
    title = "Rewritten by followup on every refresh: edit only Done, Draft and Note."
    this_week = OwnedSheet(
        THIS_WEEK_SHEET.name,
        ("This Week", title),
        (
            SheetBlock(
                _frame(THIS_WEEK_SHEET, THIS_WEEK_ROWS),
                _columns(THIS_WEEK_SHEET),
                table=THIS_WEEK_SHEET.table,
                highlight=Highlight(
                    "When", ((OVERDUE, RED), (TODAY, AMBER), (THIS_WEEK_WHEN, GREEN))
                ),
            ),
        ),
    )
    network = OwnedSheet(
        NETWORK_SHEET.name,
        ("Network Updates", title),
        (
            SheetBlock(
                _frame(
                    NETWORK_SHEET,
                    [("Sam Ortiz", "Core network", "", date(2026, 10, 1), "Two interviews")],
                ),
                _columns(NETWORK_SHEET),
                table=NETWORK_SHEET.table,
            ),
        ),
    )
    weeks = pd.DataFrame(
        {
            "Week": ["Oct 26", "Nov 2", "Nov 9", "Nov 16"],
            "Follow-ups sent": [1, 3, 2, 0],
            "Search activities": [4, 6, 5, 1],
        }
    )
    summary = OwnedSheet(
        SUMMARY,
        ("Summary", title),
        (
            SheetBlock(
                pd.DataFrame({"Item": ["As of", "Window"], "Value": ["2026-11-16", "7 days"]}),
                (ColumnLayout("Item", 30), ColumnLayout("Value", 16)),
                heading="This week",
            ),
            SheetBlock(
                weeks,
                (
                    ColumnLayout("Week", 12),
                    ColumnLayout("Follow-ups sent", 16, "number"),
                    ColumnLayout("Search activities", 16, "number"),
                ),
                heading="Last 8 weeks",
            ),
        ),
        chart=BarChart(
            "Follow-ups and search per week", 1, "Week", ("Follow-ups sent", "Search activities")
        ),
        freeze_header=False,
    )
    history = OwnedSheet(
        HISTORY_SHEET.name,
        ("History", title),
        (
            SheetBlock(
                _frame(HISTORY_SHEET, HISTORY_ROWS),
                _columns(HISTORY_SHEET),
                table=HISTORY_SHEET.table,
            ),
        ),
    )
    return (this_week, network, summary, history)


def excel_serial(day: date, *, date1904: bool = False) -> float:
    """The number Excel stores for a date, in the workbook's own date system."""
    epoch = date(1904, 1, 1) if date1904 else date(1899, 12, 30)
    return float((day - epoch).days)


def tiny_png(rgb: tuple[int, int, int] = (46, 117, 182), size: int = 4) -> bytes:
    """A real, decodable PNG of one colour, built without an imaging library."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    row = b"\x00" + bytes(rgb) * size
    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * size))
        + chunk(b"IEND", b"")
    )


def placeholder_vba_project() -> bytes:
    """Bytes that stand in for a macro project: a compound-file header, then padding.

    The tool must copy the macro project unchanged without understanding it, so its
    content only needs to be recognisable and distinct.
    """
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HH", 0x3E, 3)
    body = b"followup placeholder macro project"
    return (header + body).ljust(1536, b"\x00")


def tracker_by_xlsxwriter(folder: Path, *, date1904: bool = False) -> Path:
    """A tracker written by XlsxWriter, carrying most things a user's workbook can hold."""
    name = "tracker-1904.xlsx" if date1904 else "tracker.xlsx"
    return _build(folder / name, date1904=date1904, vba=False)


def xlsm_with_vba(folder: Path) -> Path:
    """A macro-enabled tracker (.xlsm) with a vbaProject part."""
    return _build(folder / "tracker.xlsm", date1904=False, vba=True)


def _build(path: Path, *, date1904: bool, vba: bool) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path), {"date_1904": date1904})
    wb.set_properties({"title": "Job search tracker", "author": "Sam Seeker"})
    if vba:
        wb.set_vba_name("ThisWorkbook")
        wb.add_vba_project(io.BytesIO(placeholder_vba_project()), is_stream=True)
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7"})
    grey = wb.add_format({"font_color": "#808080", "bg_color": "#EDEDED"})
    title_fmt = wb.add_format({"bold": True, "font_size": 16, "align": "center"})

    def write_row(ws: xlsxwriter.worksheet.Worksheet, row: int, values: tuple[object, ...]) -> None:
        for col, value in enumerate(values):
            if isinstance(value, date):
                ws.write_datetime(row, col, datetime(value.year, value.month, value.day), date_fmt)
            elif value is None or value == "":
                continue
            else:
                ws.write(row, col, value)

    # Interviews: an Excel table with a user formula column whose cached values are dates.
    interviews = wb.add_worksheet(INTERVIEWS.name)
    headers = [c.header for c in INTERVIEWS.columns] + [CACHED_DECISION_HEADER]
    last_col = len(headers) - 1
    interviews.add_table(
        0,
        0,
        len(INTERVIEW_ROWS),
        last_col,
        {
            "name": INTERVIEWS.table,
            "style": "Table Style Medium 2",
            "columns": [{"header": h} for h in headers],
        },
    )
    for i, values in enumerate(INTERVIEW_ROWS, start=1):
        write_row(interviews, i, values)
        interview_day = values[2]
        assert isinstance(interview_day, date)
        cached = date.fromordinal(interview_day.toordinal() + 21)
        interviews.write_formula(
            i,
            last_col,
            f"=C{i + 1}+21",
            date_fmt,
            excel_serial(cached, date1904=date1904),
        )
    for col, column in enumerate(INTERVIEWS.columns):
        interviews.set_column(col, col, column.width)
    interviews.set_column(last_col, last_col, 14)
    interviews.freeze_panes(1, 0)
    interviews.set_tab_color("#2E75B6")
    interviews.write_comment("A2", "Met at the spring job fair.", {"author": "Sam Seeker"})
    interviews.write_comment(
        THREAD_CELL,
        "[Threaded comment]\n\nYour version of Excel allows you to read this threaded "
        "comment; however, any edits to it will get removed if the file is opened in a "
        f"newer version of Excel.\n\nComment:\n    {THREAD_TEXT}",
        {"author": f"tc={THREAD_ID}"},
    )
    status_col = INTERVIEWS.columns.index(INTERVIEWS.column("status"))
    type_col = INTERVIEWS.columns.index(INTERVIEWS.column("interviewer_type"))
    interviews.data_validation(
        1,
        status_col,
        200,
        status_col,
        {"validate": "list", "source": ["Active", "On hold", "Offer", "Rejected"]},
    )
    interviews.data_validation(
        1, type_col, 200, type_col, {"validate": "list", "source": "=Lists!$A$1:$A$6"}
    )
    interviews.conditional_format(
        1,
        0,
        200,
        last_col,
        {"type": "formula", "criteria": f'=${_col(status_col)}2="Rejected"', "format": grey},
    )
    interviews.print_area(0, 0, 40, last_col)
    interviews.set_landscape()

    log = wb.add_worksheet(LOG.name)
    log.add_table(
        0,
        0,
        len(LOG_ROWS),
        len(LOG.columns) - 1,
        {"name": LOG.table, "columns": [{"header": c.header} for c in LOG.columns]},
    )
    for i, values in enumerate(LOG_ROWS, start=1):
        write_row(log, i, values)
    for col, column in enumerate(LOG.columns):
        log.set_column(col, col, column.width)
    log.freeze_panes(1, 1)
    log.repeat_rows(0)
    log.conditional_format(1, 0, 200, 0, {"type": "data_bar", "data_bar_2010": True})

    contacts = wb.add_worksheet(CONTACTS.name)
    contacts.write_row(0, 0, [c.header for c in CONTACTS.columns], bold)
    for i, values in enumerate(CONTACT_ROWS, start=1):
        write_row(contacts, i, values)
    contacts.write_comment("A3", "Ava referred me to Northwind.", {"author": "Sam Seeker"})

    search = wb.add_worksheet(SEARCH.name)
    search.write_row(0, 0, [c.header for c in SEARCH.columns], bold)
    for i, values in enumerate(SEARCH_ROWS, start=1):
        write_row(search, i, values)
    search.set_tab_color("#70AD47")

    settings = wb.add_worksheet(SETTINGS_SHEET)
    settings.write_row(0, 0, ["Setting", "Value", "What it does"], bold)
    for i, setting in enumerate(SETTINGS, start=1):
        settings.write(i, 0, setting.name)
        value = "Sam Seeker" if setting.key == "your_name" else setting.default
        if value != "":
            settings.write(i, 1, value)
        settings.write(i, 2, setting.explanation)
    settings.set_column(0, 0, 34)
    settings.set_column(2, 2, 50)

    _dashboard(wb, title_fmt, date_fmt, date1904=date1904)

    chart_sheet = wb.add_chartsheet("Weekly Chart")
    line = wb.add_chart({"type": "line"})
    line.add_series(
        {
            "name": "Applications",
            "categories": "=Dashboard!$A$4:$A$7",
            "values": "=Dashboard!$B$4:$B$7",
        }
    )
    line.set_title({"name": "Applications per week"})
    chart_sheet.set_chart(line)
    chart_sheet.set_tab_color("#FFC000")

    lists = wb.add_worksheet("Lists")
    for col, choices in enumerate(
        (
            INTERVIEWS.column("interviewer_type").choices,
            INTERVIEWS.column("status").choices,
            LOG.column("channel").choices,
        )
    ):
        for row, choice in enumerate(choices):
            lists.write(row, col, choice)
    lists.hide()

    wb.define_name("Companies", f"={INTERVIEWS.name}!$A$2:$A$200")
    wb.define_name("Dashboard!WeeklyTarget", f"={SETTINGS_SHEET}!$B$15")
    interviews.activate()
    wb.close()
    _add_x14_validation(path, sheet_index=2, column="E", source="Lists!$C$1:$C$7")
    return path


def _dashboard(
    wb: xlsxwriter.Workbook,
    title_fmt: xlsxwriter.format.Format,
    date_fmt: xlsxwriter.format.Format,
    *,
    date1904: bool,
) -> xlsxwriter.worksheet.Worksheet:
    """A user sheet of charts and shapes: merged title, picture, text box, sparklines."""
    ws = wb.add_worksheet("Dashboard")
    ws.merge_range("A1:F1", "My job search", title_fmt)
    ws.write_row(2, 0, ["Week", "Applications", "Follow-ups"])
    for i, (week, apps, follow) in enumerate(WEEKLY_COUNTS, start=3):
        ws.write_row(i, 0, [week, apps, follow])
    total_row = 3 + len(WEEKLY_COUNTS)
    ws.write(total_row, 0, "Total")
    ws.write_formula(total_row, 1, f"=SUM(B4:B{total_row})", None, sum(c[1] for c in WEEKLY_COUNTS))
    ws.write(total_row + 1, 0, "Latest interview")
    latest = max(r[2] for r in INTERVIEW_ROWS if isinstance(r[2], date))
    ws.write_formula(
        total_row + 1,
        1,
        f"=MAX({INTERVIEWS.name}!C2:C200)",
        date_fmt,
        excel_serial(latest, date1904=date1904),
    )
    ws.write(total_row + 2, 0, "Interviews")
    ws.write_formula(
        total_row + 2, 1, f"=COUNTA({INTERVIEWS.name}!A2:A200)", None, len(INTERVIEW_ROWS)
    )
    ws.add_sparkline("D4", {"range": "Dashboard!B4:C4"})
    ws.add_sparkline("D5", {"range": "Dashboard!B5:C5", "type": "column"})
    chart = wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": "Applications",
            "categories": "=Dashboard!$A$4:$A$7",
            "values": "=Dashboard!$B$4:$B$7",
        }
    )
    chart.add_series(
        {
            "name": "Follow-ups",
            "categories": "=Dashboard!$A$4:$A$7",
            "values": "=Dashboard!$C$4:$C$7",
        }
    )
    chart.set_title({"name": "Search activity"})
    ws.insert_chart("H3", chart)
    ws.insert_image(
        "A14", "badge.png", {"image_data": io.BytesIO(tiny_png()), "x_scale": 8, "y_scale": 8}
    )
    ws.insert_textbox(
        "D14", "Remember: keep applying while you wait.", {"width": 260, "height": 60}
    )
    ws.set_tab_color("#C00000")
    ws.freeze_panes(3, 1)
    return ws


def _col(index: int) -> str:
    return xlsxwriter.utility.xl_col_to_name(index)  # type: ignore[no-any-return]


def _add_x14_validation(path: Path, *, sheet_index: int, column: str, source: str) -> None:
    """Add a dropdown the way Excel 2010+ stores one whose list lives on another sheet."""
    sheet = f"xl/worksheets/sheet{sheet_index}.xml"
    contents = parts(path)
    root = etree.fromstring(contents[sheet])
    ext_lst = root.find(f"{{{MAIN_NS}}}extLst")
    if ext_lst is None:
        ext_lst = etree.SubElement(root, f"{{{MAIN_NS}}}extLst")
    ext = etree.Element(
        f"{{{MAIN_NS}}}ext",
        uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}",
        nsmap={"x14": X14_NS},
    )
    dvs = etree.SubElement(ext, f"{{{X14_NS}}}dataValidations", count="1", nsmap={"xm": XM_NS})
    dv = etree.SubElement(
        dvs,
        f"{{{X14_NS}}}dataValidation",
        type="list",
        allowBlank="1",
        showInputMessage="1",
        showErrorMessage="1",
    )
    formula = etree.SubElement(dv, f"{{{X14_NS}}}formula1")
    etree.SubElement(formula, f"{{{XM_NS}}}f").text = source
    etree.SubElement(dv, f"{{{XM_NS}}}sqref").text = f"{column}2:{column}200"
    # Excel writes this extension after the conditional formatting one.
    ext_lst.append(ext)
    contents[sheet] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _rewrite(path, contents)


def with_threaded_comment_and_custom_xml(
    path: Path, sheet_name: str = INTERVIEWS.name, cell: str = THREAD_CELL
) -> Path:
    """Add a threaded comment (with its person list) and a custom XML part, as Excel does."""
    contents = parts(path)
    workbook_rels = "xl/_rels/workbook.xml.rels"
    sheet = _sheet_part(contents, sheet_name)
    sheet_rels = posixpath.join(
        posixpath.dirname(sheet), "_rels", posixpath.basename(sheet) + ".rels"
    )

    tc = etree.Element(f"{{{TC_NS}}}ThreadedComments", nsmap={None: TC_NS, "x": MAIN_NS})  # type: ignore[dict-item]
    comment = etree.SubElement(
        tc,
        f"{{{TC_NS}}}threadedComment",
        ref=cell,
        dT="2026-11-03T09:15:00.00",
        personId=PERSON_ID,
        id=THREAD_ID,
    )
    etree.SubElement(comment, f"{{{TC_NS}}}text").text = THREAD_TEXT
    contents["xl/threadedComments/threadedComment1.xml"] = _xml(tc)

    persons = etree.Element(f"{{{TC_NS}}}personList", nsmap={None: TC_NS, "x": MAIN_NS})  # type: ignore[dict-item]
    etree.SubElement(
        persons,
        f"{{{TC_NS}}}person",
        displayName="Sam Seeker",
        id=PERSON_ID,
        userId="sam.seeker@example.org",
        providerId="None",
    )
    contents["xl/persons/person.xml"] = _xml(persons)

    item = etree.Element("tracker", nsmap={None: "urn:example:tracker-metadata"})  # type: ignore[dict-item]
    item.text = CUSTOM_XML_TEXT
    contents["customXml/item1.xml"] = _xml(item)
    ds = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
    props = etree.Element(f"{{{ds}}}datastoreItem", nsmap={"ds": ds})
    props.set(f"{{{ds}}}itemID", "{A1B2C3D4-E5F6-4789-9ABC-DEF012345678}")
    etree.SubElement(props, f"{{{ds}}}schemaRefs")
    contents["customXml/itemProps1.xml"] = _xml(props)
    contents["customXml/_rels/item1.xml.rels"] = _rels(
        [
            (
                "rId1",
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps",
                "itemProps1.xml",
            )
        ]
    )

    contents[sheet_rels] = _add_rel(
        contents[sheet_rels],
        "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
        "../threadedComments/threadedComment1.xml",
    )
    rels = _add_rel(
        contents[workbook_rels],
        "http://schemas.microsoft.com/office/2017/10/relationships/person",
        "persons/person.xml",
    )
    contents[workbook_rels] = _add_rel(
        rels,
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
        "../customXml/item1.xml",
    )

    types = etree.fromstring(contents["[Content_Types].xml"])
    for part, content_type in (
        (
            "/xl/threadedComments/threadedComment1.xml",
            "application/vnd.ms-excel.threadedcomments+xml",
        ),
        ("/xl/persons/person.xml", "application/vnd.ms-excel.person+xml"),
        (
            "/customXml/itemProps1.xml",
            "application/vnd.openxmlformats-officedocument.customXmlProperties+xml",
        ),
    ):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=part, ContentType=content_type)
    contents["[Content_Types].xml"] = _xml(types)
    _rewrite(path, contents)
    return path


EXCEL_WORKBOOK_ROOT = (
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    b'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    b'mc:Ignorable="x15 xr xr6 xr10 xr2" '
    b'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main" '
    b'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" '
    b'xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6" '
    b'xmlns:xr10="http://schemas.microsoft.com/office/spreadsheetml/2016/revision10" '
    b'xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2">'
)
EXCEL_WORKBOOK_HEAD = (
    b'<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    b'<mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\sam\\Documents\\" '
    b'xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/>'
    b"</mc:Choice></mc:AlternateContent>"
    b'<xr:revisionPtr revIDLastSave="0" documentId="8_{2B4F6A1C-7D3E-4C59-8E21-0F9A3B5C7D11}" '
    b'xr6:coauthVersionLast="47" xr6:coauthVersionMax="47" '
    b'xr10:uidLastSave="{00000000-0000-0000-0000-000000000000}"/>'
)
EXCEL_WORKBOOK_TAIL = (
    b'<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" '
    b'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
    b'<x15:workbookPr chartTrackingRefBase="1"/></ext>'
    b'<ext uri="{B58B0392-4F1F-4190-BB64-5DF3571DCE5F}" '
    b'xmlns:xcalcf="http://schemas.microsoft.com/office/spreadsheetml/2018/calcfeatures">'
    b'<xcalcf:calcFeatures><xcalcf:feature name="microsoft.com:RD"/>'
    b'<xcalcf:feature name="microsoft.com:LET_WF"/></xcalcf:calcFeatures></ext></extLst>'
)
EXCEL_STYLES_ROOT = (
    b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    b'mc:Ignorable="x14ac x16r2 xr" '
    b'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" '
    b'xmlns:x16r2="http://schemas.microsoft.com/office/spreadsheetml/2015/02/main" '
    b'xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision">'
)
EXCEL_STYLES_TAIL = (
    b'<extLst><ext uri="{EB79DEF2-80B8-43e5-95BD-54CBDDF9020C}" '
    b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    b'<x14:slicerStyles defaultSlicerStyle="SlicerStyleLight1"/></ext>'
    b'<ext uri="{9260A510-F301-46a8-8635-F512D64BE5F5}" '
    b'xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">'
    b'<x15:timelineStyles defaultTimelineStyle="TimeSlicerStyleLight1"/></ext></extLst>'
)


def excel_flavoured(path: Path) -> Path:
    """Give the shared parts the extras Excel 365 writes, and a calculation chain.

    Excel declares namespaces that only `mc:Ignorable` uses, keeps revision and path
    elements and extension lists in workbook.xml and styles.xml, and lists formula cells
    in calcChain.xml: a writer that rebuilds these parts or forgets a declaration makes
    Excel report the file as damaged.
    """
    contents = parts(path)
    workbook = contents["xl/workbook.xml"]
    head, rest = workbook.split(b"<workbook ", 1)
    rest = rest.split(b">", 1)[1]
    marker = b"<bookViews>"
    rest = rest.replace(marker, EXCEL_WORKBOOK_HEAD + marker, 1)
    rest = rest.replace(b"<calcPr ", b'<calcPr calcId="191029" ', 1).replace(
        b'calcId="124519" ', b""
    )
    rest = rest.replace(b"</workbook>", EXCEL_WORKBOOK_TAIL + b"</workbook>")
    contents["xl/workbook.xml"] = head + EXCEL_WORKBOOK_ROOT + rest

    styles = contents["xl/styles.xml"]
    head, rest = styles.split(b"<styleSheet ", 1)
    rest = rest.split(b">", 1)[1]
    rest = rest.replace(b"<fonts ", b'<fonts x14ac:knownFonts="1" ', 1)
    rest = rest.replace(b"</styleSheet>", EXCEL_STYLES_TAIL + b"</styleSheet>")
    contents["xl/styles.xml"] = head + EXCEL_STYLES_ROOT + rest

    # The cached Decision date formulas of Interviews (sheet id 1).
    cells = "".join(f'<c r="O{row}" i="1"/>' for row in range(2, 2 + len(INTERVIEW_ROWS)))
    contents["xl/calcChain.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + f'<calcChain xmlns="{MAIN_NS}">{cells}</calcChain>'.encode()
    )
    contents["xl/_rels/workbook.xml.rels"] = _add_rel(
        contents["xl/_rels/workbook.xml.rels"],
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
        "calcChain.xml",
    )
    types = etree.fromstring(contents["[Content_Types].xml"])
    etree.SubElement(
        types,
        f"{{{CT_NS}}}Override",
        PartName="/xl/calcChain.xml",
        ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml",
    )
    contents["[Content_Types].xml"] = _xml(types)
    _rewrite(path, contents)
    return path


def _sheet_part(contents: dict[str, bytes], sheet_name: str) -> str:
    workbook = etree.fromstring(contents["xl/workbook.xml"])
    rels = etree.fromstring(contents["xl/_rels/workbook.xml.rels"])
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    rid_attr = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for el in workbook.iterfind(f"{{{MAIN_NS}}}sheets/{{{MAIN_NS}}}sheet"):
        if el.get("name") == sheet_name:
            return posixpath.normpath(posixpath.join("xl", targets[el.get(rid_attr)]))
    raise KeyError(sheet_name)


def _add_rel(data: bytes, rel_type: str, target: str) -> bytes:
    root = etree.fromstring(data)
    taken = {r.get("Id") for r in root}
    n = len(taken) + 1
    while f"rId{n}" in taken:
        n += 1
    etree.SubElement(
        root, f"{{{PKG_REL_NS}}}Relationship", Id=f"rId{n}", Type=rel_type, Target=target
    )
    return _xml(root)


def _rels(entries: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{PKG_REL_NS}}}Relationships", nsmap={None: PKG_REL_NS})  # type: ignore[dict-item]
    for rid, rel_type, target in entries:
        etree.SubElement(
            root, f"{{{PKG_REL_NS}}}Relationship", Id=rid, Type=rel_type, Target=target
        )
    return _xml(root)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rewrite(path: Path, contents: dict[str, bytes]) -> None:
    # [Content_Types].xml first, as every Office writer does.
    order = ["[Content_Types].xml"] + [n for n in contents if n != "[Content_Types].xml"]
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in order:
            zf.writestr(name, contents[name])
    tmp.replace(path)


def parts(path: Path | bytes) -> dict[str, bytes]:
    """The uncompressed content of every zip member, by member name."""
    source = io.BytesIO(path) if isinstance(path, bytes) else path
    with zipfile.ZipFile(source) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def via_libreoffice(
    src: Path,
    folder: Path,
    fmt: str = "xlsx",
    *,
    expect: str | None = None,
    timeout: float = 240,
) -> Path:
    """Convert (or re-save) a workbook with headless LibreOffice; return the new file.

    `fmt` is what `--convert-to` takes (an extension, optionally with a filter). `expect`
    names the output file when it is not `<stem>.<extension>` (a CSV per sheet: `{stem}`
    in it stands for the source's stem).
    """
    return via_libreoffice_all([src], folder, fmt, expect=expect, timeout=timeout)[0]


def via_libreoffice_all(
    sources: Sequence[Path],
    folder: Path,
    fmt: str = "xlsx",
    *,
    expect: str | None = None,
    timeout: float = 240,
) -> list[Path]:
    """Convert several workbooks with one headless LibreOffice run, as `via_libreoffice`
    does one: its start-up costs far more than a small workbook does. Returns the new
    files in the order of `sources`, whose stems must differ (the outputs share `folder`).

    LibreOffice exits 0 even when it cannot load or write a file, so success is judged
    by each output file, never by the exit code.
    """
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    if len({src.stem for src in sources}) != len(sources):
        raise ValueError("the sources' stems must differ: their outputs share one folder")
    folder.mkdir(parents=True, exist_ok=True)
    extension = fmt.split(":", 1)[0]
    outs = [folder / (expect or "{stem}." + extension).format(stem=src.stem) for src in sources]
    for src, out in zip(sources, outs, strict=True):
        if out.resolve() == src.resolve():
            raise ValueError("the output folder must differ from the source file's folder")
        out.unlink(missing_ok=True)
    profile = Path(tempfile.mkdtemp(prefix=f"lo-{uuid.uuid4().hex[:8]}-"))
    try:
        run = subprocess.run(
            [
                soffice,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={profile.as_uri()}",
                "--convert-to",
                fmt,
                "--outdir",
                str(folder),
                *(str(src) for src in sources),
            ],
            capture_output=True,
            text=True,
            timeout=timeout * len(sources),
            check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for out in outs:
        if not out.exists() or out.stat().st_size == 0:
            raise RuntimeError(
                f"LibreOffice did not write {out.name}: {run.stdout.strip()} {run.stderr.strip()}"
            )
        if extension in ("xlsx", "xlsm") and not zipfile.is_zipfile(out):
            raise RuntimeError(f"LibreOffice wrote {out.name}, but it is not a workbook package")
    return outs
