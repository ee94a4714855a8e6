"""The workbook package (the zip of XML parts): names, paths and the owned-sheet marker.

Shared by the reader and the writer so both agree on which sheets the tool owns.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from dataclasses import dataclass
from typing import IO

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
# A hidden, sheet-scoped name on each owned sheet: the ranges the tool writes or reads back.
AREA_NAME = "_followup_area"


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


def column_letter(index: int) -> str:
    """A 0-based column index as its letters: 0 -> A, 25 -> Z, 26 -> AA, 16383 -> XFD.

    XlsxWriter's `xl_col_to_name` does this, but importing it loads the whole writer, which
    a command that only reads (check, export) has no use for."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


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


CALC_CHAIN_TYPE = REL_NS + "/calcChain"
WORKSHEET_TYPE = REL_NS + "/worksheet"
CONTENT_TYPES = "[Content_Types].xml"
WORKSHEET_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"

# Fixed timestamp for parts the tool adds, so the same input gives the same bytes.
_NEW_PART_TIME = (1980, 1, 1, 0, 0, 0)


_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*\?>\s*")


def dxf_attributes(table: etree._Element) -> list[tuple[etree._Element, str, str]]:
    """(element, attribute, value) for each dxf index a table part holds: headerRowDxfId,
    dataDxfId and the like, on the table and its columns."""
    return [
        (el, str(attr), str(value))
        for el in table.iter()
        for attr, value in el.attrib.items()
        if str(attr).endswith(("DxfId", "dxfId"))
    ]


def serialize(root: etree._Element, original: bytes | None = None) -> bytes:
    """XML bytes of a document, keeping the original's XML declaration verbatim so an edit
    changes only the elements that were edited."""
    declaration = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    if original is not None:
        match = _DECLARATION.match(original)
        declaration = match.group(0) if match else b""
        if b"encoding" in declaration and b"utf-8" not in declaration.lower():
            return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")
    return declaration + etree.tostring(root.getroottree(), encoding="UTF-8", xml_declaration=False)


class Parts:
    """The package's members in their zip order, looked up case-insensitively as OPC requires.

    Members are decompressed only when read, and a member never written to is copied into
    the new package as its original compressed bytes, so a refresh costs little more than
    the parts it changes. Members keep their zip entry (compression, timestamp).
    """

    def __init__(self, data: bytes) -> None:
        self._source = data
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._infos = {info.filename: info for info in self._zip.infolist() if not info.is_dir()}
        # _UNREAD: still only in the source zip. None marks a deleted member: rewriting it
        # later keeps its place in the zip.
        self._data: dict[str, bytes | _Unread | None] = dict.fromkeys(self._infos, _UNREAD)
        self._folded = {name.casefold(): name for name in self._data}

    def names(self) -> list[str]:
        return [name for name, data in self._data.items() if data is not None]

    def find(self, name: str) -> str | None:
        found = self._folded.get(name.casefold())
        return found if found is not None and self._data[found] is not None else None

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def read(self, name: str) -> bytes:
        data = self.get(name)
        if data is None:
            raise KeyError(name)
        return data

    def get(self, name: str) -> bytes | None:
        found = self._folded.get(name.casefold())
        if found is None:
            return None
        data = self._data[found]
        if isinstance(data, _Unread):
            data = self._data[found] = self._zip.read(found)
        return data

    def open(self, name: str) -> IO[bytes]:
        """The member's uncompressed bytes as a stream, for parsers that can stop early."""
        found = self._folded.get(name.casefold())
        data = None if found is None else self._data[found]
        if data is None or found is None:
            raise KeyError(name)
        return self._zip.open(found) if isinstance(data, _Unread) else io.BytesIO(data)

    def head(self, name: str, until: bytes) -> bytes | None:
        """The member's bytes up to the first `until` (all of it if absent), decompressing
        no further than needed: a sheet's views come before its rows."""
        found = self._folded.get(name.casefold())
        if found is None or self._data[found] is None:
            return None
        if not isinstance(self._data[found], _Unread):
            data = self.read(found)
            at = data.find(until)
            return data if at < 0 else data[:at]
        out = b""
        with self._zip.open(found) as stream:
            while chunk := stream.read(1 << 16):
                out += chunk
                at = out.find(until)
                if at >= 0:
                    return out[:at]
        return out

    def same(self, name: str, other: Parts) -> bool:
        """Whether the member has the same uncompressed content in `other`: untouched members
        are compared by their zip entries' CRC-32 and size, without decompressing."""
        mine, theirs = self._folded.get(name.casefold()), other._folded.get(name.casefold())
        if mine is None or theirs is None:
            return mine is theirs
        a, b = self._data[mine], other._data[theirs]
        if a is None or b is None:
            return a is b
        if isinstance(a, _Unread) and isinstance(b, _Unread):
            x, y = self._infos[mine], other._infos[theirs]
            return (x.CRC, x.file_size) == (y.CRC, y.file_size)
        return self.read(mine) == other.read(theirs)

    def write(self, name: str, data: bytes) -> None:
        found = self._folded.get(name.casefold())
        if found is None:
            info = zipfile.ZipInfo(name, date_time=_NEW_PART_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            self._infos[name] = info
            self._folded[name.casefold()] = name
            found = name
        self._data[found] = data

    def delete(self, name: str) -> None:
        found = self._folded.get(name.casefold())
        if found is not None:
            self._data[found] = None

    def rels(self, source: str) -> dict[str, tuple[str, str, str]]:
        """rId -> (type, resolved target, TargetMode) of a part ("" = the package)."""
        data = self.get(rels_part(source))
        if data is None:
            return {}
        out: dict[str, tuple[str, str, str]] = {}
        for rel in parse_xml(data).iterfind("pr:Relationship", NS):
            mode = rel.get("TargetMode", "Internal")
            target = rel.get("Target", "")
            resolved = target if mode == "External" else resolve_target(source, target)
            out[rel.get("Id", "")] = (rel.get("Type", ""), resolved, mode)
        return out

    def internal_targets(self, source: str) -> list[str]:
        return [t for _type, t, mode in self.rels(source).values() if mode != "External"]

    def to_bytes(self) -> bytes:
        """The new package. Raises zipfile.BadZipFile when a member to copy is damaged."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            fast = _can_copy_compressed(zf)
            for name, data in self._data.items():
                if data is None:
                    continue
                info = self._infos[name]
                if isinstance(data, _Unread) and fast:
                    _copy_compressed(zf, self._source, info)
                elif isinstance(data, _Unread):
                    # zipfile's public API only: decompressed and compressed again, so the
                    # content is the same, its compressed bytes may not be.
                    zf.writestr(_entry(info), self._zip.read(info), info.compress_type)
                else:
                    zf.writestr(info, data, compress_type=info.compress_type)
        return buffer.getvalue()


class _Unread:
    """Marks a member not yet decompressed."""


_UNREAD = _Unread()
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_ZIP64_EXTRA = 0x0001


# What _copy_compressed writes of zipfile's private state (CPython 3.11 to 3.13).
_ZIPFILE_STATE = ("fp", "start_dir", "filelist", "NameToInfo", "_didModify")


def _can_copy_compressed(zf: zipfile.ZipFile) -> bool:
    """Whether this Python's zipfile keeps the private state `_copy_compressed` writes; when
    it does not, members are copied through zipfile's public API instead."""
    return all(hasattr(zf, attr) for attr in _ZIPFILE_STATE) and hasattr(
        zipfile.ZipInfo, "FileHeader"
    )


def _entry(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A new zip entry with `info`'s name, time, attributes and compression."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    for attr in (
        "compress_type",
        "comment",
        "create_system",
        "create_version",
        "extract_version",
        "flag_bits",
        "volume",
        "internal_attr",
        "external_attr",
    ):
        setattr(copy, attr, getattr(info, attr))
    # The sizes go in the local header, so no data descriptor follows the data.
    copy.flag_bits &= ~0x08
    copy.extra = _without_zip64(info.extra)
    return copy


def _copy_compressed(zf: zipfile.ZipFile, source: bytes, info: zipfile.ZipInfo) -> None:
    """Append a member to `zf` as its original compressed bytes (same CRC, same content)."""
    fields = _LOCAL_HEADER.unpack_from(source, info.header_offset)
    if fields[0] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"bad local header for {info.filename}")
    start = info.header_offset + _LOCAL_HEADER.size + fields[-2] + fields[-1]
    raw = source[start : start + info.compress_size]
    copy = _entry(info)
    for attr in ("CRC", "compress_size", "file_size"):
        setattr(copy, attr, getattr(info, attr))
    assert zf.fp is not None
    copy.header_offset = zf.fp.tell()
    zf.fp.write(copy.FileHeader(zip64=False))
    zf.fp.write(raw)
    zf.start_dir = zf.fp.tell()
    zf.filelist.append(copy)
    zf.NameToInfo[copy.filename] = copy
    zf._didModify = True  # type: ignore[attr-defined]


def _without_zip64(extra: bytes) -> bytes:
    out, at = b"", 0
    while at + 4 <= len(extra):
        kind, size = struct.unpack_from("<2H", extra, at)
        if kind != _ZIP64_EXTRA:
            out += extra[at : at + 4 + size]
        at += 4 + size
    return out


def rels_source(rels_name: str) -> str:
    """The part a .rels member describes ("" for the package's own relationships)."""
    folder, name = posixpath.split(rels_name)
    parent = posixpath.dirname(folder)
    return posixpath.join(parent, name[: -len(".rels")]) if name != ".rels" else ""


def is_rels(name: str) -> bool:
    return name.casefold().endswith(".rels") and "_rels/" in name.casefold()


def _closure(parts: Parts, starts: set[str], stop: set[str]) -> set[str]:
    """Casefolded names reachable from `starts` by relationships, not going past `stop`."""
    folded_stop = {p.casefold() for p in stop}
    seen: set[str] = set()
    todo = list(starts)
    while todo:
        part = todo.pop()
        folded = part.casefold()
        if folded in seen:
            continue
        seen.add(folded)
        if folded in folded_stop:
            continue
        todo.extend(parts.internal_targets(part))
    return seen


def exclusive_parts(parts: Parts, sheet_parts: set[str]) -> set[str]:
    """Zip member names of the given sheets and of everything only they point at
    (tables, drawings, charts, comments...), with the .rels members describing them.

    A part that any other part also points at is not included: it is shared, not theirs.
    """
    if not sheet_parts:
        return set()
    folded_sheets = {p.casefold() for p in sheet_parts}
    theirs: set[str] = set()
    for part in sheet_parts:
        theirs |= _closure(parts, set(parts.internal_targets(part)), sheet_parts)
    theirs |= folded_sheets
    others = {n for n in parts.names() if n.casefold() not in theirs and not is_rels(n)} | {""}
    reached = _closure(parts, others, sheet_parts) - folded_sheets
    own = (theirs - reached) | folded_sheets
    out: set[str] = set()
    for folded in own:
        for name in (folded, rels_part(folded)):
            found = parts.find(name)
            if found is not None:
                out.add(found)
    return out
