"""Small trackers and owned sheets for the merge and check tests, built in memory."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date, datetime

import openpyxl
import pandas as pd
import xlsxwriter
from lxml import etree
from openpyxl.worksheet.table import Table

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

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"m": MAIN, "r": REL, "pr": PKG_REL, "ct": CT}

DUE = (date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 5))


def xlsxwriter_tracker(
    *, date1904: bool = False, user_table: str = "Interviews", extra_sheet: str | None = None
) -> bytes:
    """A tracker as XlsxWriter writes it: a table, a custom number format (id 164), a
    formula with its cached result, a defined name and docProps titles."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "date_1904": date1904})
    money = book.add_format({"num_format": "0.000"})
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    ws = book.add_worksheet("Interviews")
    ws.write_row(0, 0, ["Company", "Role", "Interview date", "Salary"])
    ws.write_row(1, 0, ["Acme", "Engineer"])
    ws.write_datetime(1, 2, datetime(2026, 10, 20), day)
    ws.write_number(1, 3, 1234.5, money)
    ws.add_table(
        0,
        0,
        1,
        3,
        {
            "name": user_table,
            "columns": [{"header": h} for h in ("Company", "Role", "Interview date", "Salary")],
        },
    )
    log = book.add_worksheet("Log")
    log.write_row(0, 0, ["Date", "Company"])
    log.write_formula(1, 0, "=Interviews!C2+7", day, 46322)
    log.write_string(1, 1, "Acme")
    if extra_sheet:
        book.add_worksheet(extra_sheet).write_string(0, 0, "mine")
    book.define_name("Companies", "=Interviews!$A$2:$A$10")
    book.close()
    return buffer.getvalue()


def openpyxl_tracker() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Interviews"
    ws.append(["Company", "Role", "Interview date"])
    ws.append(["Acme", "Engineer", datetime(2026, 10, 20)])
    ws["C2"].number_format = "yyyy-mm-dd"
    ws.add_table(Table(displayName="Interviews", ref="A1:C2"))
    log = book.create_sheet("Log")
    log.append(["Date", "Company"])
    log.append([datetime(2026, 10, 27), "Acme"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TRACKERS: dict[str, Callable[[], bytes]] = {
    "xlsxwriter": xlsxwriter_tracker,
    "openpyxl": openpyxl_tracker,
}


WHEN = (("Overdue", RED), ("Today", AMBER), ("This week", GREEN))


def this_week(companies: tuple[str, ...] = ("Acme", "Beta", "Cobalt")) -> OwnedSheet:
    n = len(companies)
    frame = pd.DataFrame(
        {
            "When": ["Overdue", "Today", "This week"][:n],
            "Due": [pd.Timestamp(d) for d in DUE][:n],
            "Company": list(companies),
            "Draft": ["Dear Ann,\nthank you", "", "Hi"][:n],
        }
    )
    columns = (
        ColumnLayout("When", 11),
        ColumnLayout("Due", 16, "date"),
        ColumnLayout("Company", 20),
        ColumnLayout("Draft", 50, "wrap"),
    )
    return OwnedSheet(
        "This Week",
        ("This Week (rewritten by followup on every refresh)", "As of Mon 2 Nov 2026"),
        (SheetBlock(frame, columns, table="ThisWeek", highlight=Highlight("When", WHEN)),),
    )


def summary() -> OwnedSheet:
    facts = pd.DataFrame({"Measure": ["Overdue", "Due"], "Count": [1, 2]})
    weeks = pd.DataFrame(
        {"Week": ["W44", "W45", "W46"], "Follow-ups": [3, 1, 4], "Search": [5, 9, 2]}
    )
    return OwnedSheet(
        "Summary",
        ("Summary (rewritten by followup on every refresh)",),
        (
            SheetBlock(facts, (ColumnLayout("Measure"), ColumnLayout("Count", kind="number"))),
            SheetBlock(
                weeks,
                (
                    ColumnLayout("Week"),
                    ColumnLayout("Follow-ups", kind="number"),
                    ColumnLayout("Search", kind="number"),
                ),
                heading="Last weeks",
            ),
        ),
        chart=BarChart("Per week", 1, "Week", ("Follow-ups", "Search"), "Count"),
    )


def sheets() -> list[OwnedSheet]:
    return [this_week(), summary()]


# --- package surgery, as a user's spreadsheet app or a broken writer would do it ---


def read(package: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return zf.read(name)


def names(package: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return zf.namelist()


def rewrite(package: bytes, changes: dict[str, bytes | None]) -> bytes:
    """The package with members replaced, added, or removed (None)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(package)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename in changes:
                continue
            dst.writestr(info, src.read(info.filename))
        for name, data in changes.items():
            if data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def edit_xml(package: bytes, name: str, fn: Callable[[etree._Element], None]) -> bytes:
    root = etree.fromstring(read(package, name))
    fn(root)
    return rewrite(package, {name: etree.tostring(root, xml_declaration=True, encoding="UTF-8")})


def edit_text(package: bytes, name: str, old: str, new: str) -> bytes:
    text = read(package, name).decode()
    assert old in text, f"{old!r} not in {name}"
    return rewrite(package, {name: text.replace(old, new, 1).encode()})


def move_sheet(package: bytes, name: str, position: int) -> bytes:
    """Drag a sheet tab to a new position, as Excel does: sheet-scoped names follow it."""

    def move(root: etree._Element) -> None:
        holder = root.find("m:sheets", NS)
        assert holder is not None
        tabs = list(holder)
        moving = next(s for s in tabs if s.get("name") == name)
        order = [s for s in tabs if s is not moving]
        order.insert(position, moving)
        new_index = {id(s): i for i, s in enumerate(order)}
        old_to_new = {str(i): str(new_index[id(s)]) for i, s in enumerate(tabs)}
        for s in tabs:
            holder.remove(s)
        for s in order:
            holder.append(s)
        for dn in root.iterfind("m:definedNames/m:definedName", NS):
            scope = dn.get("localSheetId")
            if scope is not None:
                dn.set("localSheetId", old_to_new[scope])

    return edit_xml(package, "xl/workbook.xml", move)


def sheet_part(package: bytes, name: str) -> str:
    root = etree.fromstring(read(package, "xl/workbook.xml"))
    rels = etree.fromstring(read(package, "xl/_rels/workbook.xml.rels"))
    rid = next(
        s.get(f"{{{REL}}}id")
        for s in root.iterfind("m:sheets/m:sheet", NS)
        if s.get("name") == name
    )
    target = next(r.get("Target", "") for r in rels if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else "xl/" + target


def related(package: bytes, part: str) -> list[str]:
    folder, base = part.rsplit("/", 1)
    try:
        rels = etree.fromstring(read(package, f"{folder}/_rels/{base}.rels"))
    except KeyError:
        return []
    out = []
    for rel in rels:
        target = rel.get("Target", "")
        parts = folder.split("/")
        for piece in target.split("/"):
            if piece == "..":
                parts.pop()
            else:
                parts.append(piece)
        out.append("/".join(parts))
    return out


def cell_values(package: bytes, part: str) -> dict[str, str]:
    """Cell reference -> raw value or inline text of one sheet part."""
    root = etree.fromstring(read(package, part))
    out = {}
    for cell in root.iter(f"{{{MAIN}}}c"):
        inline = cell.find("m:is", NS)
        text = "".join(inline.itertext()) if inline is not None else cell.findtext("m:v", "", NS)
        out[cell.get("r", "")] = text
    return out


SELECTED = re.compile(r'tabSelected="(1|true)"')
