"""Writing owned sheets into trackers made by other writers: append, replace, read back."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import zipfile
import zlib
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from lxml import etree
from openxml_audit import OpenXmlValidator

from followup.errors import NameClash
from followup.layout import ColumnLayout, OwnedSheet, SheetBlock
from followup.workbook.ooxml import PKG_REL_NS as PKG_RELS
from followup.workbook.ooxml import TABLE_TYPE
from followup.workbook.package import Package, exclusive_parts
from followup.workbook.writer import check, render
from tests.writer.packages import (
    DUE,
    MAIN,
    NS,
    SELECTED,
    cell_values,
    edit_text,
    move_sheet,
    names,
    openpyxl_tracker,
    read,
    related,
    rewrite,
    sheet_part,
    sheets,
    summary,
    this_week,
    xlsxwriter_tracker,
)

OWNED = ["This Week", "Summary"]


def info(package: bytes):  # type: ignore[no-untyped-def]
    return Package(package).info


def owned_parts(package: bytes) -> dict[str, bytes]:
    parts = Package(package)
    sheet_parts = {s.part for s in info(package).sheets if s.owned}
    return {name: parts.read(name) for name in exclusive_parts(parts, sheet_parts)}


def test_first_refresh_adds_owned_sheets_after_the_users(tracker: bytes) -> None:
    out = render(tracker, sheets())
    tabs = info(out).sheets
    assert [s.name for s in tabs] == ["Interviews", "Log", "This Week", "Summary"]
    assert [s.owned for s in tabs] == [False, False, True, True]
    assert check(tracker, out, OWNED) == []


def test_replaced_in_place_where_the_user_moved_it(tracker: bytes) -> None:
    first = render(tracker, sheets())
    moved = move_sheet(first, "This Week", 0)
    before = info(moved).sheet("This Week")
    out = render(moved, [this_week(("Delta",)), summary()])
    after = info(out)
    assert [s.name for s in after.sheets] == ["This Week", "Interviews", "Log", "Summary"]
    now = after.sheet("This Week")
    assert before is not None and now is not None and now.owned
    assert (now.part, now.rel_id, now.sheet_id) == (before.part, before.rel_id, before.sheet_id)
    values = cell_values(out, now.part)
    assert "Delta" in values.values() and "Acme" not in values.values()
    assert check(moved, out, OWNED) == []
    # Print titles and the marker follow the sheet's new position.
    wb = etree.fromstring(read(out, "xl/workbook.xml"))
    scoped = {
        (dn.get("name"), dn.get("localSheetId"))
        for dn in wb.iterfind("m:definedNames/m:definedName", NS)
    }
    assert ("_followup_owned", "0") in scoped and ("_xlnm.Print_Titles", "0") in scoped
    assert ("_followup_owned", "1") not in scoped


def test_styles_do_not_grow_on_the_next_refresh(tracker: bytes) -> None:
    once = render(tracker, sheets())
    twice = render(once, sheets())
    assert read(twice, "xl/styles.xml") == read(once, "xl/styles.xml")


def test_same_sheets_give_byte_identical_owned_parts(tracker: bytes) -> None:
    once = render(tracker, sheets())
    assert render(tracker, sheets()) == once
    twice = render(once, sheets())
    assert owned_parts(twice) == owned_parts(once)
    assert len(owned_parts(once)) >= 8  # sheets, rels, table, drawing, chart


def test_user_parts_are_byte_identical(tracker: bytes) -> None:
    out = render(render(tracker, sheets()), sheets())
    shared = {
        "[Content_Types].xml",
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "docProps/app.xml",
    }
    owned = set(owned_parts(out))
    for name in names(tracker):
        if name not in shared:
            assert read(out, name) == read(tracker, name), name
    assert set(names(out)) - set(names(tracker)) <= owned


def test_1904_tracker_gets_dates_in_its_own_system() -> None:
    tracker = xlsxwriter_tracker(date1904=True)
    out = render(tracker, sheets())
    part = sheet_part(out, "This Week")
    first_due = next(v for ref, v in cell_values(out, part).items() if ref == "B5")
    assert float(first_due) == (DUE[0] - date(1904, 1, 1)).days
    book = openpyxl.load_workbook(io.BytesIO(out))
    assert book["This Week"]["B5"].value == datetime(2026, 11, 2)
    frame = pd.read_excel(io.BytesIO(out), sheet_name="This Week", header=3, engine="calamine")
    assert pd.Timestamp(frame["Due"].iloc[0]) == pd.Timestamp(DUE[0])


def test_1900_tracker_dates() -> None:
    out = render(xlsxwriter_tracker(), sheets())
    book = openpyxl.load_workbook(io.BytesIO(out))
    assert book["This Week"]["B5"].value == datetime(2026, 11, 2)


@pytest.mark.parametrize("name", ["this week", "THIS WEEK", "This Week"])
def test_user_sheet_with_an_owned_name_is_refused(name: str) -> None:
    tracker = xlsxwriter_tracker(extra_sheet=name)
    with pytest.raises(NameClash, match=name):
        render(tracker, sheets())


def test_user_table_with_an_owned_table_name_is_refused() -> None:
    tracker = xlsxwriter_tracker(user_table="thisweek")
    with pytest.raises(NameClash, match="thisweek"):
        render(tracker, sheets())


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
def test_owned_rows_read_back_with_pandas(tracker: bytes, engine: str) -> None:
    out = render(render(tracker, sheets()), sheets())
    frame = pd.read_excel(io.BytesIO(out), sheet_name="This Week", header=3, engine=engine)
    assert frame["Company"].tolist() == ["Acme", "Beta", "Cobalt"]
    assert frame["When"].tolist() == ["Overdue", "Today", "This week"]
    assert frame["Draft"].iloc[0] == "Dear Ann,\nthank you"
    users = pd.read_excel(io.BytesIO(out), sheet_name="Interviews", engine=engine)
    assert users["Company"].tolist() == ["Acme"]


def test_any_text_reads_back_exactly_as_written(tracker: bytes) -> None:
    tricky = (
        'Tom & Jerry <Ltd> "quoted"',
        "  leading and trailing  ",
        '<c r="A1" s="99" t="s"><v>7</v></c>',
    )
    out = render(tracker, [this_week(tricky)])
    for engine in ("openpyxl", "calamine"):
        frame = pd.read_excel(io.BytesIO(out), sheet_name="This Week", header=3, engine=engine)
        assert frame["Company"].tolist() == list(tricky)


def owned_cells(package: bytes) -> dict[str, list[tuple[object, ...]]]:
    """Every cell of the owned sheets as a user sees it: value, number format, bold, fill
    and wrapping."""
    book = openpyxl.load_workbook(io.BytesIO(package))
    return {
        name: [
            (
                c.coordinate,
                c.value,
                c.number_format,
                c.font.b,
                c.fill.fgColor.rgb,
                c.alignment.wrap_text,
            )
            for row in book[name].iter_rows()
            for c in row
        ]
        for name in ("This Week", "Summary")
    }


def members(package: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(package)) as zf:
        return [(info.filename, zf.read(info)) for info in zf.infolist()]


# Ways another XlsxWriter release might write the cells of row 5: (pattern, replacement).
OTHER_FORMS = {
    "style before reference": (rb'<c r="([A-Z]+5)" s="([0-9]+)"', rb'<c s="\2" r="\1"'),
    "type before style": (rb'<c r="([A-Z]+5)" s="([0-9]+)" t="s"', rb'<c r="\1" t="s" s="\2"'),
    "style after a line break": (rb'<c r="([A-Z]+5)" s=', rb'<c r="\1"\n s='),
    "style in single quotes": (rb'<c r="([A-Z]+5)" s="([0-9]+)"', rb"<c r='\1' s='\2'"),
    "string index with spaces": (rb'(<c r="[A-Z]+5"[^>]*t="s"><v>)([0-9]+)</v>', rb"\1 \2 </v>"),
}


@pytest.mark.parametrize("form", OTHER_FORMS, ids=list(OTHER_FORMS))
def test_scratch_cells_in_another_form_are_written_with_lxml_instead(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch, form: str
) -> None:
    from followup.workbook import merge

    fast = render(tracker, sheets())
    real = merge._ScratchSheet.__init__
    pattern, replacement = OTHER_FORMS[form]

    def reordered(self: merge._ScratchSheet, data: bytes) -> None:
        # As if another XlsxWriter release wrote row 5's cells in another form.
        other = re.sub(pattern, replacement, data)
        assert other != data
        real(self, other)
        assert not self.as_bytes

    monkeypatch.setattr(merge._ScratchSheet, "__init__", reordered)
    slow = render(tracker, sheets())
    assert owned_cells(slow) == owned_cells(fast)
    assert check(tracker, slow, ["This Week", "Summary"]) == []


def test_shared_strings_in_another_form_are_read_with_lxml_instead(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.workbook import merge

    fast = render(tracker, sheets())
    monkeypatch.setattr(merge, "_SI", re.compile(rb"(?!)"))  # the pattern finds none
    assert owned_cells(render(tracker, sheets())) == owned_cells(fast)


def test_without_zipfile_s_private_state_members_are_copied_through_its_api(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.workbook import package

    fast = render(tracker, sheets())
    monkeypatch.setattr(package, "_can_copy_compressed", lambda _zf: False)
    slow = render(tracker, sheets())
    assert members(slow) == members(fast)


def test_rows_rewritten_a_few_at_a_time_make_the_same_package(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.workbook import merge

    whole = render(tracker, sheets())
    monkeypatch.setattr(merge, "_CHUNK", 40)  # about a row at a time
    assert members(render(tracker, sheets())) == members(whole)


def test_the_scratch_parts_are_those_of_the_scratch_workbook_unzipped() -> None:
    from followup.workbook.author import author, scratch_parts

    parts = scratch_parts(sheets(), date1904=False, paper=9)
    zipped = dict(members(author(sheets(), date1904=False, paper=9)))
    assert list(parts) == list(zipped)
    written_at = "docProps/core.xml"  # the time of writing
    assert {n: d for n, d in parts.items() if n != written_at} == {
        n: d for n, d in zipped.items() if n != written_at
    }


def test_without_xlsxwriter_s_packager_the_scratch_parts_come_from_its_zip(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.workbook import author

    fast = render(tracker, sheets())
    monkeypatch.delattr(author._UnzippedBook, "_get_packager")
    slow = render(tracker, sheets())
    assert members(slow) == members(fast)


def test_through_xlsxwriter_s_public_cell_writers_the_package_is_the_same(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from followup.workbook import author

    fast = render(tracker, sheets())
    monkeypatch.setattr(author, "_UNDECORATED", False)
    slow = render(tracker, sheets())
    assert members(slow) == members(fast)


def test_highlight_rules_read_the_same_through_xlsxwriter_s_own_formula_step(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    from xlsxwriter.worksheet import Worksheet

    from followup.workbook import author

    fast = render(tracker, sheets())
    monkeypatch.setattr(author, "_Worksheet", Worksheet)
    slow = render(tracker, sheets())
    assert members(slow) == members(fast)


def test_a_part_s_relationships_are_read_again_once_rewritten_or_removed(
    tracker: bytes,
) -> None:
    parts = Package(tracker)
    sheet = next(s.part for s in parts.info.sheets if parts.rels(s.part))
    rels = next(n for n in parts.names() if n.endswith(sheet.rsplit("/", 1)[1] + ".rels"))
    table = '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/'
    table += '2006/relationships/table" Target="../tables/table9.xml"/>'
    parts.write(rels, f'<Relationships xmlns="{PKG_RELS}">{table}</Relationships>'.encode())
    assert list(parts.rels(sheet).values()) == [(TABLE_TYPE, "xl/tables/table9.xml", "Internal")]
    parts.delete(rels.upper())  # parts are found in any case
    assert parts.rels(sheet) == {}


def test_owned_sheet_layout_reads_back_in_openpyxl(tracker: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(tracker, sheets())))
    ws = book["This Week"]
    assert ws["A1"].font.b and ws["A1"].font.sz > ws["A2"].font.sz
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws["B5"].number_format == "ddd d mmm yyyy"
    assert ws["D5"].alignment.wrap_text
    assert ws.column_dimensions["D"].width > 50
    assert ws.tables["ThisWeek"].ref == "A4:D7"
    rules = [r for cf in ws.conditional_formatting for r in cf.rules]
    assert [r.formula for r in rules] == [['$A5="Overdue"'], ['$A5="Today"'], ['$A5="This week"']]
    fills = [r.dxf.fill.bgColor.rgb for r in rules]
    assert fills == ["FFF8CBAD", "FFFFE699", "FFC6EFCE"]
    assert not ws.sheet_view.tabSelected


def test_summary_has_a_clustered_column_chart_from_its_block() -> None:
    out = render(xlsxwriter_tracker(), sheets())
    drawings = related(out, sheet_part(out, "Summary"))
    charts = [c for d in drawings for c in related(out, d)]
    assert len(charts) == 1
    chart = read(out, charts[0]).decode()
    assert '<c:barDir val="col"/>' in chart and '<c:grouping val="clustered"/>' in chart
    assert "Summary!$A$9:$A$11" in chart and "Summary!$B$9:$B$11" in chart
    assert "Summary!$C$9:$C$11" in chart


def test_numfmt_ids_do_not_clash_with_the_users() -> None:
    tracker = xlsxwriter_tracker()
    out = render(tracker, sheets())
    styles = etree.fromstring(read(out, "xl/styles.xml"))
    users = etree.fromstring(read(tracker, "xl/styles.xml"))
    codes, theirs = (
        {nf.get("numFmtId"): nf.get("formatCode") for nf in s.iterfind("m:numFmts/m:numFmt", NS)}
        for s in (styles, users)
    )
    assert "164" in theirs
    assert theirs.items() <= codes.items()  # the user's formats keep their ids
    assert "ddd d mmm yyyy" in codes.values()
    book = openpyxl.load_workbook(io.BytesIO(out))
    assert book["Interviews"]["D2"].number_format == "0.000"
    assert book["This Week"]["B5"].number_format == "ddd d mmm yyyy"


def test_table_ids_and_part_names_stay_unique() -> None:
    tracker = xlsxwriter_tracker()
    out = render(render(tracker, sheets()), sheets())
    tables = [n for n in names(out) if n.startswith("xl/tables/")]
    ids = [etree.fromstring(read(out, n)).get("id") for n in tables]
    assert len(tables) == 2 and len(set(ids)) == 2
    assert read(out, "xl/tables/table1.xml") == read(tracker, "xl/tables/table1.xml")


def test_old_owned_parts_go_when_replaced() -> None:
    once = render(xlsxwriter_tracker(), sheets())
    # A sheet with no table and no chart any more leaves nothing of the old ones behind.
    bare = [OwnedSheet("This Week", ("Nothing due",), ()), summary()]
    out = render(once, bare)
    part = sheet_part(out, "This Week")
    assert related(out, part) == []
    assert not any(n.startswith("xl/tables/table2") for n in names(out))
    assert check(once, out, OWNED) == []


def test_calc_chain_is_dropped() -> None:
    tracker = xlsxwriter_tracker()
    chain = f'<calcChain xmlns="{MAIN}"><c r="A2" i="2"/></calcChain>'.encode()
    tracker = edit_text(
        tracker,
        "xl/_rels/workbook.xml.rels",
        "</Relationships>",
        '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    )
    tracker = edit_text(
        tracker,
        "[Content_Types].xml",
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    tracker = rewrite(tracker, {"xl/calcChain.xml": chain})
    out = render(tracker, sheets())
    assert "xl/calcChain.xml" not in names(out)
    assert b"calcChain" not in read(out, "[Content_Types].xml")
    assert b"calcChain" not in read(out, "xl/_rels/workbook.xml.rels")


def test_app_titles_list_the_owned_sheets() -> None:
    out = render(xlsxwriter_tracker(), sheets())
    app = read(out, "docProps/app.xml").decode()
    assert "<vt:lpstr>This Week</vt:lpstr>" in app and "<vt:lpstr>Summary</vt:lpstr>" in app
    assert "<vt:i4>4</vt:i4>" in app


def _selected(package: bytes) -> list[str]:
    return [s.name for s in info(package).sheets if SELECTED.search(read(package, s.part).decode())]


def test_owned_sheets_never_add_a_selected_tab(tracker: bytes) -> None:
    out = render(tracker, sheets())
    assert _selected(out) == _selected(tracker)
    assert _selected(xlsxwriter_tracker()) == ["Interviews"]


def test_owned_sheet_left_active_stays_the_selected_tab() -> None:
    once = render(xlsxwriter_tracker(), sheets())
    # The user last looked at This Week: it is the active and only selected tab.
    once = edit_text(once, "xl/workbook.xml", "<workbookView ", '<workbookView activeTab="2" ')
    once = edit_text(once, "xl/worksheets/sheet1.xml", ' tabSelected="1"', "")
    once = edit_text(
        once, sheet_part(once, "This Week"), "<sheetView ", '<sheetView tabSelected="1" '
    )
    assert _selected(render(once, sheets())) == ["This Week"]


def test_shared_xml_keeps_its_namespace_declarations() -> None:
    tracker = xlsxwriter_tracker()
    # Excel's workbook.xml declares prefixes named in mc:Ignorable; they must survive.
    tracker = edit_text(
        tracker,
        "xl/workbook.xml",
        "<workbook ",
        '<workbook xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/'
        '2010/11/main" ',
    )
    out = render(tracker, sheets())
    wb = read(out, "xl/workbook.xml").decode()
    assert 'mc:Ignorable="x15"' in wb and "xmlns:x15=" in wb
    assert wb.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>')


def _audit(data: bytes, path: Path) -> set[str]:
    path.write_bytes(data)
    result = OpenXmlValidator().validate(path)
    return {str(e) for e in result.errors if e.severity.name == "ERROR"}


def test_openxml_audit_finds_no_new_error(tracker: bytes, tmp_path: Path) -> None:
    before = _audit(tracker, tmp_path / "before.xlsx")
    once = render(tracker, sheets())
    assert _audit(once, tmp_path / "once.xlsx") - before == set()
    assert _audit(render(once, sheets()), tmp_path / "twice.xlsx") - before == set()


@pytest.mark.soffice
@pytest.mark.parametrize("target", ["csv", "pdf"])
def test_libreoffice_opens_the_result(tmp_path: Path, target: str) -> None:
    source = tmp_path / "tracker.xlsx"
    moved = move_sheet(render(openpyxl_tracker(), sheets()), "This Week", 0)
    source.write_bytes(render(moved, sheets()))
    profile = tmp_path / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        capture_output=True,
        timeout=180,
        check=False,
    )
    result = tmp_path / "out" / f"tracker.{target}"
    # LibreOffice exits 0 even when it cannot load a file: judge by what it wrote.
    assert result.exists() and result.stat().st_size > 0
    if target == "csv":  # the first tab, now This Week
        text = result.read_text(encoding="utf-8", errors="replace")
        assert "Cobalt" in text and "Overdue" in text
    else:
        assert result.read_bytes().startswith(b"%PDF")


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_old_owned_parts_shared_with_user_parts_are_kept(tmp_path: Path) -> None:
    picture = tmp_path / "logo.png"
    picture.write_bytes(_png())
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.add_worksheet("Interviews").insert_image("D2", str(picture))
    book.close()
    once = render(buffer.getvalue(), sheets())
    # The user pasted the same picture onto This Week: Excel shares one media part.
    owned = sheet_part(once, "This Week")
    rels_name = owned.replace("worksheets/", "worksheets/_rels/") + ".rels"
    drawing_rels = read(once, "xl/drawings/_rels/drawing1.xml.rels")
    once = rewrite(
        once,
        {
            "xl/drawings/drawing9.xml": read(once, "xl/drawings/drawing1.xml"),
            "xl/drawings/_rels/drawing9.xml.rels": drawing_rels,
        },
    )
    once = edit_text(
        once,
        rels_name,
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/drawing" Target="../drawings/drawing9.xml"/></Relationships>',
    )
    once = edit_text(
        once,
        "[Content_Types].xml",
        "</Types>",
        '<Override PartName="/xl/drawings/drawing9.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.drawing+xml"/></Types>',
    )
    out = render(once, sheets())
    assert "xl/drawings/drawing9.xml" not in names(out)
    assert read(out, "xl/media/image1.png") == read(once, "xl/media/image1.png")
    assert check(once, out, OWNED) == []


def _empty_history() -> OwnedSheet:
    """A History sheet with a table and no rows yet."""
    return OwnedSheet(
        "History",
        ("History",),
        (
            SheetBlock(
                pd.DataFrame({"Date": [], "Company": []}),
                (ColumnLayout("Date", kind="date"), ColumnLayout("Company")),
                table="History",
            ),
        ),
    )


def test_defined_name_with_an_owned_table_name_is_refused() -> None:
    tracker = edit_text(
        xlsxwriter_tracker(),
        "xl/workbook.xml",
        '<definedName name="Companies">',
        '<definedName name="History">Interviews!$B$2</definedName><definedName name="Companies">',
    )
    history = _empty_history()
    with pytest.raises(NameClash, match="History"):
        render(tracker, [history])


def test_an_empty_table_still_has_a_data_row() -> None:
    history = _empty_history()
    out = render(xlsxwriter_tracker(), [history])
    book = openpyxl.load_workbook(io.BytesIO(out))
    assert book["History"].tables["History"].ref == "A3:B4"
    assert check(xlsxwriter_tracker(), out, ["History"]) == []
