"""The workbook package (the zip of XML parts): names, paths and the owned-sheet marker.

Shared by the reader and the writer so both agree on which sheets the tool owns.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from lxml import etree

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
NS = {"m": MAIN_NS, "r": REL_NS, "pr": PKG_REL_NS, "ct": CT_NS}

# A hidden, sheet-scoped defined name marks a sheet as the tool's own. A sheet that only
# shares an owned sheet's name, without this marker, is the user's and is never replaced.
OWNED_MARKER = "_followup_owned"
OWNED_MARKER_VALUE = '"followup"'


@dataclass(frozen=True)
class SheetInfo:
    name: str
    sheet_id: int
    rel_id: str
    part: str  # zip member name, e.g. "xl/worksheets/sheet1.xml"
    state: str  # visible, hidden, veryHidden
    owned: bool


@dataclass(frozen=True)
class WorkbookInfo:
    sheets: tuple[SheetInfo, ...]
    date1904: bool
    workbook_part: str

    def sheet(self, name: str) -> SheetInfo | None:
        wanted = name.strip().casefold()
        for info in self.sheets:
            if info.name.strip().casefold() == wanted:
                return info
        return None


def parse_xml(data: bytes) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_blank_text=False)
    return etree.fromstring(data, parser)


def resolve_target(source_part: str, target: str) -> str:
    """A relationship target as a zip member name, relative to the part that points at it."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    base = posixpath.dirname(source_part)
    return posixpath.normpath(posixpath.join(base, target))


def rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def member(zf: zipfile.ZipFile, name: str) -> str | None:
    """The zip member with this name, compared case-insensitively as OPC requires."""
    wanted = name.casefold()
    for candidate in zf.namelist():
        if candidate.casefold() == wanted:
            return candidate
    return None


def relationships(zf: zipfile.ZipFile, source_part: str) -> dict[str, tuple[str, str, str]]:
    """rId -> (type, resolved target part, TargetMode) for the part's relationships."""
    found = member(zf, rels_part(source_part))
    if found is None:
        return {}
    root = parse_xml(zf.read(found))
    out: dict[str, tuple[str, str, str]] = {}
    for rel in root.iterfind("pr:Relationship", NS):
        mode = rel.get("TargetMode", "Internal")
        target = rel.get("Target", "")
        resolved = target if mode == "External" else resolve_target(source_part, target)
        out[rel.get("Id", "")] = (rel.get("Type", ""), resolved, mode)
    return out


def workbook_part(zf: zipfile.ZipFile) -> str:
    for _type, target, _mode in relationships(zf, "").values():
        if _type.endswith("/officeDocument"):
            return target
    return "xl/workbook.xml"


def read_info(zf: zipfile.ZipFile) -> WorkbookInfo:
    """Sheets (in tab order), their parts, ownership and the date system."""
    wb_part = workbook_part(zf)
    found = member(zf, wb_part)
    if found is None:
        raise KeyError(wb_part)
    root = parse_xml(zf.read(found))
    rels = relationships(zf, wb_part)
    pr = root.find("m:workbookPr", NS)
    date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
    owned_positions = {
        int(dn.get("localSheetId", "-1"))
        for dn in root.iterfind("m:definedNames/m:definedName", NS)
        if dn.get("name") == OWNED_MARKER and dn.get("localSheetId") is not None
    }
    sheets = []
    for position, el in enumerate(root.iterfind("m:sheets/m:sheet", NS)):
        rid = el.get(f"{{{REL_NS}}}id", "")
        sheets.append(
            SheetInfo(
                name=el.get("name", ""),
                sheet_id=int(el.get("sheetId", "0")),
                rel_id=rid,
                part=rels.get(rid, ("", "", ""))[1],
                state=el.get("state", "visible"),
                owned=position in owned_positions,
            )
        )
    return WorkbookInfo(tuple(sheets), date1904, wb_part)
