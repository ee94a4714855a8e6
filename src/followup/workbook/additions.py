"""What someone added to the tool's own sheets that a refresh would not carry over.

The tool rewrites its sheets whole; what it reads back (the tables' rows and History's extra
columns) is carried over by the core. Anything else found there (a value outside the ranges
the tool recorded when it wrote the sheet, a comment or note, a shape or picture) is listed
here so the refresh can name it in a warning (SPEC section 6).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Literal

from lxml import etree
from xlsxwriter.utility import xl_cell_to_rowcol, xl_rowcol_to_cell

from followup.workbook.ooxml import AREA_NAME, NS
from followup.workbook.package import Package, SheetInfo, parse_xml

AdditionKind = Literal["value", "comment", "drawing"]


@dataclass(frozen=True)
class Addition:
    """Cells of one owned sheet holding one kind of addition, in sheet order (A1 refs)."""

    sheet: str
    kind: AdditionKind
    cells: tuple[str, ...]


# A cell that is not self-closed (an empty <c r="A1" s="3"/> holds nothing).
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})([0-9]+)"[^>]*?(?<!/)>')
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]|<(?:\w+:)?(?:f|is)\b")
_RANGE = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]+)(?::\$?([A-Z]{1,3})\$?([0-9]+))?$")
_ANCHORS = ("twoCellAnchor", "oneCellAnchor", "absoluteAnchor")
_WIDE = 64  # a recorded range wider than this is a header row open to the right
_LAST_ROW = 1_048_575  # Excel's last row, 0-based
_NEVER = 1 << 30
_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def additions(data: bytes, charted: Collection[str] = ()) -> list[Addition]:
    """Additions to each owned sheet of the package `data`, sheet by sheet.

    `charted` names the owned sheets on which the tool draws one chart of its own. A sheet
    written before the tool recorded its ranges is checked for comments and drawings only.
    """
    try:
        pkg = Package(data)
        info = pkg.info
    except (zipfile.BadZipFile, KeyError, OSError):
        return []
    areas = _areas(pkg, info.workbook_part)
    found: list[Addition] = []
    folded = {name.casefold() for name in charted}
    for position, sheet in enumerate(info.sheets):
        if not sheet.owned or pkg.find(sheet.part) is None:
            continue
        area = areas.get(position)
        if area is not None:
            found += _group(sheet, "value", _outside(pkg.read(sheet.part), area))
        found += _group(sheet, "comment", _comments(pkg, sheet.part))
        found += _group(
            sheet, "drawing", _drawings(pkg, sheet.part, sheet.name.casefold() in folded)
        )
    return found


def _group(sheet: SheetInfo, kind: AdditionKind, cells: Iterator[str]) -> list[Addition]:
    unique = sorted(set(cells), key=lambda ref: xl_cell_to_rowcol(ref))
    return [Addition(sheet.name, kind, tuple(unique))] if unique else []


class _Area:
    """Row intervals by 0-based column; and header rows open to the right, where a header
    typed in a new column makes that column's cells below it part of the area."""

    def __init__(self, ranges: list[tuple[int, int, int, int]]) -> None:
        self.columns: dict[int, list[tuple[int, int]]] = {}
        self.header_rows: set[int] = set()
        for r1, c1, r2, c2 in ranges:
            if c2 - c1 > _WIDE:
                self.header_rows.add(r1)
                continue
            for col in range(c1, c2 + 1):
                self.columns.setdefault(col, []).append((r1, r2))

    def covered_from(self, col: int) -> int:
        """The first row from which the column is in the area down to the sheet's end
        (_NEVER when it is not), where a cell needs no closer look."""
        if self.header_rows:
            return _NEVER
        return min(
            (first for first, last in self.columns.get(col, ()) if last >= _LAST_ROW),
            default=_NEVER,
        )

    def __contains__(self, cell: tuple[int, int]) -> bool:
        row, col = cell
        if row in self.header_rows:
            return True
        # A loop, not any(): this runs for every cell, and a generator costs twice as much.
        for first, last in self.columns.get(col, ()):  # noqa: SIM110
            if first <= row <= last:
                return True
        return False


def _areas(pkg: Package, workbook_part: str) -> dict[int, _Area]:
    root = parse_xml(pkg.read(workbook_part))
    out: dict[int, _Area] = {}
    for dn in root.iterfind("m:definedNames/m:definedName", NS):
        scope = dn.get("localSheetId")
        if dn.get("name") != AREA_NAME or scope is None or not scope.isdigit():
            continue
        ranges = []
        for part in (dn.text or "").split(","):
            match = _RANGE.search(part.rpartition("!")[2].strip())
            if match is None:
                continue
            first = xl_cell_to_rowcol(match[1] + match[2])
            last = xl_cell_to_rowcol(match[3] + match[4]) if match[3] else first
            ranges.append((first[0], first[1], last[0], last[1]))
        out[int(scope)] = _Area(ranges)
    return out


def _outside(xml: bytes, area: _Area) -> Iterator[str]:
    """Refs of cells holding a value or formula outside `area`."""
    columns: dict[bytes, tuple[int, int]] = {}  # letters -> (column, covered_from)
    headed: dict[int, int] = {}  # column -> the first header row with a header in it
    found: list[tuple[int, int]] = []
    for match in _CELL.finditer(xml):
        letters, number = match.groups()
        known = columns.get(letters)
        if known is None:
            col = xl_cell_to_rowcol(letters.decode() + "1")[1]
            known = columns[letters] = (col, area.covered_from(col))
        col, covered_from = known
        row = int(number) - 1
        if row >= covered_from:  # most cells: no closer look
            continue
        inside = (row, col) in area
        if inside and row not in area.header_rows:
            continue
        end = xml.find(b"</c>", match.end())
        if not _VALUE.search(xml, match.end(), end if end >= 0 else len(xml)):
            continue
        if inside:
            headed.setdefault(col, row)
        else:
            found.append((row, col))
    for row, col in found:
        if row < headed.get(col, _NEVER):
            yield str(xl_rowcol_to_cell(row, col))


def _related(pkg: Package, part: str, suffix: str) -> list[str]:
    return [
        target
        for kind, target, mode in pkg.rels(part).values()
        if mode != "External" and kind.casefold().endswith(suffix) and target in pkg
    ]


def _comments(pkg: Package, part: str) -> Iterator[str]:
    """Cells with a note (legacy comment) or a threaded comment."""
    for suffix in ("/comments", "/threadedcomment"):
        for target in _related(pkg, part, suffix):
            try:
                root = parse_xml(pkg.read(target))
            except etree.XMLSyntaxError:
                continue
            for el in root.iter():
                ref = el.get("ref") if isinstance(el.tag, str) else None
                if ref and etree.QName(el).localname in ("comment", "threadedComment"):
                    yield ref.split(":")[0].upper()


def _drawings(pkg: Package, part: str, charted: bool) -> Iterator[str]:
    """Top-left cells of shapes, pictures and charts, except the tool's own chart."""
    own_chart = charted
    for target in _related(pkg, part, "/drawing"):
        try:
            root = parse_xml(pkg.read(target))
        except etree.XMLSyntaxError:
            continue
        for anchor in root:
            if not isinstance(anchor.tag, str) or etree.QName(anchor).localname not in _ANCHORS:
                continue
            if own_chart and _is_chart(anchor):
                own_chart = False  # the tool draws one chart; any other is someone else's
                continue
            yield _anchor_cell(anchor)


def _is_chart(anchor: etree._Element) -> bool:
    return any(
        el.get("uri") == _CHART_URI
        for el in anchor.iter()
        if isinstance(el.tag, str) and etree.QName(el).localname == "graphicData"
    )


def _anchor_cell(anchor: etree._Element) -> str:
    start = next(
        (el for el in anchor if isinstance(el.tag, str) and etree.QName(el).localname == "from"),
        None,
    )
    if start is None:
        return "A1"
    spot = {etree.QName(el).localname: (el.text or "0") for el in start if isinstance(el.tag, str)}
    return str(xl_rowcol_to_cell(int(spot.get("row", "0")), int(spot.get("col", "0"))))
