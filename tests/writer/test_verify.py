"""Negative controls: break a good output in each way the check must catch."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from lxml import etree

from followup.errors import VerifyFailed
from followup.workbook import merge as merge_module
from followup.workbook import verify
from followup.workbook.writer import check, render
from tests.writer.packages import (
    MAIN,
    NS,
    edit_text,
    edit_xml,
    read,
    related,
    rewrite,
    sheet_part,
    sheets,
    xlsxwriter_tracker,
)

OWNED = ["This Week", "Summary"]


@pytest.fixture(scope="module")
def tracker() -> bytes:
    return xlsxwriter_tracker()


@pytest.fixture(scope="module")
def good(tracker: bytes) -> bytes:
    return render(tracker, sheets())


def _owned_table(package: bytes) -> str:
    return next(p for p in related(package, sheet_part(package, "This Week")) if "/tables/" in p)


def dangling_relationship(p: bytes) -> bytes:
    rels = "xl/worksheets/_rels/" + sheet_part(p, "This Week").rsplit("/", 1)[1] + ".rels"
    return edit_text(
        p,
        rels,
        "</Relationships>",
        '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/drawing" Target="../drawings/drawing9.xml"/></Relationships>',
    )


def missing_content_type(p: bytes) -> bytes:
    table = _owned_table(p)

    def drop(root: etree._Element) -> None:
        for ov in list(root):
            if ov.get("PartName") == "/" + table:
                root.remove(ov)

    return edit_xml(p, "[Content_Types].xml", drop)


def duplicate_table_id(p: bytes) -> bytes:
    table = _owned_table(p)
    return edit_xml(p, table, lambda root: root.set("id", "1"))


def table_header_mismatch(p: bytes) -> bytes:
    return edit_text(p, sheet_part(p, "This Week"), "<t>Company</t>", "<t>Firm</t>")


def style_out_of_range(p: bytes) -> bytes:
    part = sheet_part(p, "This Week")
    return edit_text(p, part, 'r="B5" s="', 'r="B5" s="999" x="')


def dxf_out_of_range(p: bytes) -> bytes:
    return edit_text(p, sheet_part(p, "This Week"), 'dxfId="', 'dxfId="77')


def bad_local_sheet_id(p: bytes) -> bytes:
    return edit_text(
        p, "xl/workbook.xml", 'hidden="1" localSheetId="2"', 'hidden="1" localSheetId="9"'
    )


def two_selected_tabs(p: bytes) -> bytes:
    return edit_text(p, sheet_part(p, "This Week"), "<sheetView ", '<sheetView tabSelected="1" ')


def leftover_calc_chain(p: bytes) -> bytes:
    chain = f'<calcChain xmlns="{MAIN}"><c r="A2" i="2"/></calcChain>'.encode()
    p = edit_text(
        p,
        "[Content_Types].xml",
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    return rewrite(p, {"xl/calcChain.xml": chain})


def changed_user_part(p: bytes) -> bytes:
    return edit_text(p, "xl/worksheets/sheet2.xml", "<v>46322</v>", "<v>46323</v>")


def removed_user_part(p: bytes) -> bytes:
    return rewrite(p, {"xl/theme/theme1.xml": None})


def added_stray_part(p: bytes) -> bytes:
    return rewrite(p, {"customXml/item9.xml": b"<stray/>"})


def missing_marker(p: bytes) -> bytes:
    return edit_text(
        p,
        "xl/workbook.xml",
        'name="_followup_owned" hidden="1" localSheetId="3"',
        'name="_other" hidden="1" localSheetId="3"',
    )


def bad_styles_count(p: bytes) -> bytes:
    def bump(root: etree._Element) -> None:
        xfs = root.find("m:cellXfs", NS)
        assert xfs is not None
        xfs.set("count", str(len(xfs) + 5))

    return edit_xml(p, "xl/styles.xml", bump)


def broken_xml(p: bytes) -> bytes:
    return rewrite(p, {sheet_part(p, "This Week"): b"<worksheet><sheetData></worksheet>"})


def _late_row(p: bytes, bad: str) -> bytes:
    """This Week with a few thousand good rows, then one bad one: the check reads a sheet
    as it streams, and must still catch a fault far down."""
    good_rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>ok {r}</t></is></c></row>'
        for r in range(1000, 4000)
    )
    return edit_text(
        p, sheet_part(p, "This Week"), "</sheetData>", good_rows + bad + "</sheetData>"
    )


def undeclared_prefix_late(p: bytes) -> bytes:
    return _late_row(p, '<row r="4000"><x:c r="A4000"/></row>')


def unknown_entity_late(p: bytes) -> bytes:
    return _late_row(p, '<row r="4000"><c r="A4000" t="inlineStr"><is><t>&nbsp;</t></is></c></row>')


def unclosed_row_late(p: bytes) -> bytes:
    return _late_row(p, '<row r="4000"><c r="A4000">')


BREAKAGES: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "dangling relationship": (dangling_relationship, "missing part"),
    "missing content type": (missing_content_type, "no content type"),
    "duplicate table id": (duplicate_table_id, "table id 1"),
    "table header mismatch": (table_header_mismatch, "header cell"),
    "style index out of range": (style_out_of_range, "cell format 999"),
    "dxf index out of range": (dxf_out_of_range, "dxf 77"),
    "bad localSheetId": (bad_local_sheet_id, "localSheetId 9"),
    "two selected tabs": (two_selected_tabs, "more than one sheet tab"),
    "leftover calcChain": (leftover_calc_chain, "calcChain"),
    "changed user part": (changed_user_part, "sheet2.xml was changed"),
    "removed user part": (removed_user_part, "theme1.xml was removed"),
    "part added outside the owned sheets": (added_stray_part, "added outside the owned sheets"),
    "owned sheet without marker": (missing_marker, "no owned-sheet marker"),
    "styles count attribute": (bad_styles_count, "cellXfs count"),
    "malformed XML": (broken_xml, "not well-formed"),
    "undeclared prefix far down a sheet": (undeclared_prefix_late, "not well-formed"),
    "unknown entity far down a sheet": (unknown_entity_late, "not well-formed"),
    "unclosed row far down a sheet": (unclosed_row_late, "not well-formed"),
}


def test_a_good_output_passes(tracker: bytes, good: bytes) -> None:
    assert check(tracker, good, OWNED) == []
    assert check(good, render(good, sheets()), OWNED) == []


@pytest.mark.parametrize("name", sorted(BREAKAGES))
def test_the_check_catches(name: str, tracker: bytes, good: bytes) -> None:
    breakage, expected = BREAKAGES[name]
    broken = breakage(good)
    problems = check(tracker, broken, OWNED)
    assert any(expected in p for p in problems), problems


def test_a_problem_the_tracker_already_had_is_not_blamed_on_the_write(tracker: bytes) -> None:
    # The user's own table already disagrees with its header cell.
    odd = edit_text(tracker, "xl/worksheets/sheet1.xml", "<v>0</v>", "<v>1</v>")
    assert check(tracker, odd, OWNED) != []  # changed a user part
    assert check(odd, render(odd, sheets()), OWNED) == []


def test_render_refuses_a_package_that_fails_the_check(
    tracker: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = merge_module.merge

    def sloppy(package: bytes, scratch: bytes, owned: object) -> bytes:
        return two_selected_tabs(real(package, scratch, owned))  # type: ignore[arg-type]

    monkeypatch.setattr("followup.workbook.writer.merge", sloppy)
    with pytest.raises(VerifyFailed, match="more than one sheet tab"):
        render(tracker, sheets())


def test_the_check_reads_owned_parts_from_the_output(good: bytes) -> None:
    # An owned table is the tool's own: its bytes may change from week to week.
    table = _owned_table(good)
    changed = edit_text(good, table, 'name="ThisWeek"', 'name="ThisWeek" ')
    assert read(changed, table) != read(good, table)
    assert check(good, changed, OWNED) == []


def test_style_indices_are_read_inside_tags_in_the_sheets_own_prefix() -> None:
    sheet = (
        b'<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<x:cols><x:col min="1" max="1" style="5"/></x:cols><x:sheetData>'
        b'<x:row r="1" s="4"><x:c r="A1" s="7" t="inlineStr"><x:is>'
        b'<x:t>a note typed as &lt;x:c s="999"&gt; and s="998"</x:t></x:is></x:c></x:row>'
        b"</x:sheetData></x:worksheet>"
    )
    assert verify._indices(sheet, verify._STYLE_ATTRS) == {4, 5, 7}
