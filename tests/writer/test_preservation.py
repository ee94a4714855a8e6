"""The writer owns whole sheets and leaves every other byte of a foreign tracker as it was.

Each tracker comes from another writer (XlsxWriter in both date systems, one with a
threaded comment and custom XML added by hand, a macro-enabled .xlsm, and one converted
by LibreOffice) and carries charts, pictures, shapes, notes, validation, conditional
formatting, sparklines, formulas with cached results, names, tables and hidden sheets.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from lxml import etree
from openxml_audit import OpenXmlValidator

from followup.schema import HISTORY_SHEET, SUMMARY, THIS_WEEK_SHEET
from followup.workbook.package import Package, rels_part
from followup.workbook.writer import check, render
from tests.foreign import (
    CACHED_DECISION_HEADER,
    CUSTOM_XML_TEXT,
    HISTORY_ROWS,
    INTERVIEW_ROWS,
    THIS_WEEK_ROWS,
    THREAD_TEXT,
    excel_flavoured,
    owned_sheets,
    parts,
    tracker_by_xlsxwriter,
    via_libreoffice,
    via_libreoffice_all,
    with_threaded_comment_and_custom_xml,
    xlsm_with_vba,
)

# Parts every refresh may rewrite because they list the sheets (SPEC section 7).
SHARED = frozenset(
    {
        "xl/workbook.xml",
        "xl/_rels/workbook.xml.rels",
        "[Content_Types].xml",
        "xl/styles.xml",
        "docProps/app.xml",
        "docProps/core.xml",
    }
)
CALC_CHAIN = "xl/calcChain.xml"
USER_SHEET_NAMES = ("Interviews", "Log", "Contacts", "Search", "Settings", "Dashboard", "Lists")

OWNED_NAMES = tuple(s.name for s in owned_sheets())


def _libreoffice_tracker(folder: Path) -> Path:
    source = with_threaded_comment_and_custom_xml(tracker_by_xlsxwriter(folder / "source"))
    return via_libreoffice(source, folder / "converted")


MAKERS = {
    "xlsxwriter": tracker_by_xlsxwriter,
    "xlsxwriter-1904": lambda folder: tracker_by_xlsxwriter(folder, date1904=True),
    "threaded-comment-custom-xml": lambda folder: with_threaded_comment_and_custom_xml(
        tracker_by_xlsxwriter(folder)
    ),
    "excel-365": lambda folder: excel_flavoured(
        with_threaded_comment_and_custom_xml(tracker_by_xlsxwriter(folder))
    ),
    "xlsm": xlsm_with_vba,
    "libreoffice": _libreoffice_tracker,
}
KINDS = [
    pytest.param(kind, marks=pytest.mark.soffice) if kind == "libreoffice" else kind
    for kind in MAKERS
]


@dataclass(frozen=True)
class Rendered:
    kind: str
    path: Path
    original: bytes
    once: bytes
    twice: bytes


@pytest.fixture(scope="module")
def render_kind(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Rendered]:
    """Builds a kind of tracker and refreshes it twice, once per kind in the module."""

    @functools.cache
    def made(kind: str) -> Rendered:
        path = MAKERS[kind](tmp_path_factory.mktemp(kind))
        original = path.read_bytes()
        sheets = owned_sheets()
        once = render(original, sheets)
        twice = render(once, sheets)
        return Rendered(kind, path, original, once, twice)

    return made


@pytest.fixture(scope="module", params=KINDS)
def rendered(request: pytest.FixtureRequest, render_kind: Callable[[str], Rendered]) -> Rendered:
    return render_kind(request.param)


def owned_parts(package: bytes) -> set[str]:
    """Every part reachable from an owned sheet, its relationship parts included."""
    found: set[str] = set()
    pkg = Package(package)
    pending = [s.part for s in pkg.info.sheets if s.owned]
    while pending:
        part = pending.pop()
        name = pkg.find(part)
        if name is None or name in found:
            continue
        found.add(name)
        rels = pkg.find(rels_part(name))
        if rels is not None:
            found.add(rels)
        pending += pkg.internal_targets(name)
    return found


def preservation_faults(old: bytes, new: bytes) -> list[str]:
    """How the new package departs from the old outside the owned sheets and shared parts."""
    before, after = parts(old), parts(new)
    mine_before, mine_after = owned_parts(old), owned_parts(new)
    faults = []
    for name, data in before.items():
        if name in SHARED or name in mine_before or name == CALC_CHAIN:
            continue
        if name not in after:
            faults.append(f"{name} was removed")
        elif after[name] != data:
            faults.append(f"{name} changed")
    for name in after:
        kept = name in before and name not in mine_before
        if not (kept or name in mine_after or name in SHARED):
            faults.append(f"{name} belongs to no owned sheet and was not in the input")
    return faults


def _save(data: bytes, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return path


def test_every_user_part_survives_one_and_two_refreshes(rendered: Rendered) -> None:
    assert preservation_faults(rendered.original, rendered.once) == []
    assert preservation_faults(rendered.once, rendered.twice) == []
    assert preservation_faults(rendered.original, rendered.twice) == []


def _rezip(contents: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in contents.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _retitle_chart(contents: dict[str, bytes]) -> None:
    contents["xl/charts/chart1.xml"] = contents["xl/charts/chart1.xml"].replace(
        b"Search activity", b"Search activity (edited)"
    )


def _drop_persons(contents: dict[str, bytes]) -> None:
    del contents["xl/persons/person.xml"]


def _blank_cached_dates(contents: dict[str, bytes]) -> None:
    # What a load-and-save through openpyxl does to the user's formulas.
    sheet = contents["xl/worksheets/sheet1.xml"]
    contents["xl/worksheets/sheet1.xml"] = sheet.replace(
        b"<f>C2+21</f><v>46349.0</v>", b"<f>C2+21</f>"
    )


@pytest.mark.parametrize("rendered", ["threaded-comment-custom-xml"], indirect=True)
@pytest.mark.parametrize("damage", [_retitle_chart, _drop_persons, _blank_cached_dates])
def test_a_damaged_user_part_is_noticed(
    rendered: Rendered, damage: Callable[[dict[str, bytes]], None]
) -> None:
    contents = parts(rendered.once)
    before = dict(contents)
    damage(contents)
    assert contents != before
    bad = _rezip(contents)
    assert preservation_faults(rendered.original, bad) != []
    assert check(rendered.original, bad, OWNED_NAMES) != []


def test_styles_do_not_grow_from_week_to_week(rendered: Rendered) -> None:
    assert parts(rendered.twice)["xl/styles.xml"] == parts(rendered.once)["xl/styles.xml"]


def test_the_writers_own_check_accepts_both_refreshes(rendered: Rendered) -> None:
    assert check(rendered.original, rendered.once, OWNED_NAMES) == []
    assert check(rendered.once, rendered.twice, OWNED_NAMES) == []


def test_a_second_refresh_gives_the_same_owned_sheets(rendered: Rendered) -> None:
    def by_name(package: bytes) -> dict[str, bytes]:
        contents = parts(package)
        info = Package(package).info
        return {s.name: contents[s.part] for s in info.sheets if s.owned}

    first = by_name(rendered.once)
    assert sorted(first) == sorted(OWNED_NAMES)
    assert by_name(rendered.twice) == first


def test_owned_sheets_follow_the_users_sheets(rendered: Rendered) -> None:
    before = openpyxl.load_workbook(io.BytesIO(rendered.original)).sheetnames
    for package in (rendered.once, rendered.twice):
        names = openpyxl.load_workbook(io.BytesIO(package)).sheetnames
        assert names == before + list(OWNED_NAMES)


@pytest.mark.parametrize("rendered", ["threaded-comment-custom-xml"], indirect=True)
def test_hand_added_parts_are_still_referenced(rendered: Rendered) -> None:
    contents = parts(rendered.twice)
    assert THREAD_TEXT.encode() in contents["xl/threadedComments/threadedComment1.xml"]
    assert CUSTOM_XML_TEXT.encode() in contents["customXml/item1.xml"]
    workbook_rels = contents["xl/_rels/workbook.xml.rels"]
    assert b"persons/person.xml" in workbook_rels
    assert b"customXml/item1.xml" in workbook_rels
    types = contents["[Content_Types].xml"]
    assert b"/xl/persons/person.xml" in types
    assert b"/xl/threadedComments/threadedComment1.xml" in types


MC_IGNORABLE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable"


def test_shared_parts_keep_what_other_apps_wrote(rendered: Rendered) -> None:
    before = parts(rendered.original)
    for package in (rendered.once, rendered.twice):
        after = parts(package)
        for name in ("xl/workbook.xml", "xl/styles.xml"):
            old, new = etree.fromstring(before[name]), etree.fromstring(after[name])
            assert set(old.nsmap.items()) <= set(new.nsmap.items()), name
            assert new.get(MC_IGNORABLE) == old.get(MC_IGNORABLE), name
            # Excel refuses a file whose Ignorable names an undeclared prefix.
            assert set((new.get(MC_IGNORABLE) or "").split()) <= set(new.nsmap), name
            grown = Counter(el.tag for el in new.iter())
            grown.subtract(el.tag for el in old.iter())
            assert {tag: n for tag, n in grown.items() if n < 0} == {}, name
            for old_el in old.iter("{*}revisionPtr", "{*}absPath", "{*}ext", "{*}fileVersion"):
                assert any(
                    new_el.tag == old_el.tag and dict(new_el.attrib) == dict(old_el.attrib)
                    for new_el in new.iter(old_el.tag)
                ), f"{name}: {old_el.tag} {dict(old_el.attrib)}"


@pytest.mark.parametrize("rendered", ["xlsm"], indirect=True)
def test_macros_and_their_content_type_survive(rendered: Rendered) -> None:
    before, after = parts(rendered.original), parts(rendered.twice)
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert b"vnd.ms-excel.sheet.macroEnabled.main+xml" in after["[Content_Types].xml"]
    assert b"vbaProject" in after["xl/_rels/workbook.xml.rels"]
    assert b"codeName" in after["xl/workbook.xml"]


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_user_sheets_read_back_unchanged(rendered: Rendered, engine: str) -> None:
    def user_frames(package: bytes) -> dict[str, pd.DataFrame]:
        return pd.read_excel(
            io.BytesIO(package), sheet_name=list(USER_SHEET_NAMES), header=None, engine=engine
        )

    before = user_frames(rendered.original)
    for package in (rendered.once, rendered.twice):
        after = user_frames(package)
        for name in USER_SHEET_NAMES:
            pd.testing.assert_frame_equal(after[name], before[name], obj=name)


def test_cached_formula_dates_still_read(rendered: Rendered) -> None:
    expected = [
        pd.Timestamp(r[2]) + pd.Timedelta(days=21) for r in INTERVIEW_ROWS if isinstance(r[2], date)
    ]
    frame = pd.read_excel(io.BytesIO(rendered.twice), sheet_name="Interviews", engine="calamine")
    assert frame[CACHED_DECISION_HEADER].tolist() == expected
    dashboard = pd.read_excel(
        io.BytesIO(rendered.twice), sheet_name="Dashboard", header=None, engine="calamine"
    )
    latest = dashboard.loc[dashboard[0] == "Latest interview", 1].tolist()
    assert latest == [datetime(2026, 11, 2)]


def _owned_table(package: bytes, sheet: str, first_header: str, engine: str) -> pd.DataFrame:
    grid = pd.read_excel(io.BytesIO(package), sheet_name=sheet, header=None, engine=engine)
    header_rows = grid.index[grid[0] == first_header].tolist()
    assert header_rows, f"{sheet} has no header row starting with {first_header}"
    top = header_rows[0]
    table = grid.iloc[top + 1 :].copy()
    table.columns = grid.iloc[top].tolist()
    return table.dropna(how="all").reset_index(drop=True)


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_owned_sheets_read_back(rendered: Rendered, engine: str) -> None:
    for package in (rendered.once, rendered.twice):
        week = _owned_table(package, THIS_WEEK_SHEET.name, "When", engine)
        assert week["When"].tolist() == [r[0] for r in THIS_WEEK_ROWS]
        assert week["Company"].tolist() == [r[2] for r in THIS_WEEK_ROWS]
        # Dates land in the workbook's own date system, 1904 included.
        assert pd.to_datetime(week["Due"]).tolist() == [pd.Timestamp(r[1]) for r in THIS_WEEK_ROWS]
        history = _owned_table(package, HISTORY_SHEET.name, "Date", engine)
        assert history["Step"].tolist() == [r[3] for r in HISTORY_ROWS]
        summary = _owned_table(package, SUMMARY, "Week", engine)
        assert summary["Search activities"].astype(int).tolist() == [4, 6, 5, 1]


def test_owned_tables_and_chart_are_native(rendered: Rendered) -> None:
    book = openpyxl.load_workbook(io.BytesIO(rendered.twice))
    assert set(book[THIS_WEEK_SHEET.name].tables) == {THIS_WEEK_SHEET.table}
    assert set(book[HISTORY_SHEET.name].tables) == {HISTORY_SHEET.table}
    week = book[THIS_WEEK_SHEET.name]
    assert len(week.conditional_formatting) >= 1
    chart_parts = [
        name
        for name in owned_parts(rendered.twice)
        if name.startswith("xl/charts/") and name.endswith(".xml")
    ]
    assert len(chart_parts) == 1


def _audit_errors(data: bytes, folder: Path, name: str) -> set[str]:
    result = OpenXmlValidator().validate(_save(data, folder, name))
    return {str(e) for e in result.errors if e.severity.name == "ERROR"}


def test_audit_finds_no_new_error(rendered: Rendered, tmp_path: Path) -> None:
    name = "tracker" + rendered.path.suffix
    before = _audit_errors(rendered.original, tmp_path / "before", name)
    assert _audit_errors(rendered.once, tmp_path / "once", name) - before == set()
    assert _audit_errors(rendered.twice, tmp_path / "twice", name) - before == set()


# A macro-enabled workbook is re-saved under another LibreOffice filter; the rest cover it.
RESAVED = [kind for kind in MAKERS if kind != "xlsm"]


@pytest.fixture(scope="module")
def resaved_by_libreoffice(
    render_kind: Callable[[str], Rendered], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    """Each kind refreshed twice, then re-saved by LibreOffice: all in one LibreOffice run."""
    folder = tmp_path_factory.mktemp("refreshed")
    sources = [_save(render_kind(kind).twice, folder, f"{kind}.xlsx") for kind in RESAVED]
    outs = via_libreoffice_all(sources, folder / "resaved")
    return {kind: out.read_bytes() for kind, out in zip(RESAVED, outs, strict=True)}


@pytest.mark.soffice
@pytest.mark.parametrize("kind", RESAVED)
def test_refresh_after_libreoffice_resave(
    resaved_by_libreoffice: dict[str, bytes], kind: str
) -> None:
    resaved = resaved_by_libreoffice[kind]
    sheets = owned_sheets()
    again = render(resaved, sheets)
    assert check(resaved, again, OWNED_NAMES) == []
    assert preservation_faults(resaved, again) == []
    third = render(again, sheets)
    assert check(again, third, OWNED_NAMES) == []
    assert parts(third)["xl/styles.xml"] == parts(again)["xl/styles.xml"]
    for engine in ("calamine", "openpyxl"):
        week = _owned_table(again, THIS_WEEK_SHEET.name, "When", engine)
        assert week["Company"].tolist() == [r[2] for r in THIS_WEEK_ROWS]
    names = openpyxl.load_workbook(io.BytesIO(again)).sheetnames
    assert [n for n in names if n.casefold() in {o.casefold() for o in OWNED_NAMES}] == list(
        OWNED_NAMES
    )
