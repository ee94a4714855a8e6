"""The workbook package (the zip of XML parts, ECMA-376 Part 2) as one `Package`: its
members, their relationships, and the facts about the workbook that the reader, the writer
and the writer's verifier all read (sheets, ownership, date system, styles part, selected
tabs), so they agree on them.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO

from lxml import etree

from followup.workbook.ooxml import (
    CONTENT_TYPES,
    NS,
    OFFICE_DOCUMENT_SUFFIX,
    OWNED_MARKER,
    R_ID,
    SHEET_TYPES,
    STYLES_TYPE,
    TAB_SELECTED,
)


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


# Fixed timestamp for parts the tool adds, so the same input gives the same bytes.
_NEW_PART_TIME = (1980, 1, 1, 0, 0, 0)
_EMPTY_ZIP = b"PK\x05\x06" + bytes(18)  # a zip's end record, with no members


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


class Package:
    """A workbook package: its members in their zip order, looked up case-insensitively as OPC
    requires, and what they say about the workbook.

    Members are decompressed only when read, and a member never written to is copied into
    the new package as its original compressed bytes, so a refresh costs little more than
    the parts it changes. Members keep their zip entry (compression, timestamp).

    Raises zipfile.BadZipFile (or OSError) when `data` is not a zip package.
    """

    def __init__(self, data: bytes) -> None:
        self._source = data
        self._zip = zipfile.ZipFile(io.BytesIO(data))
        self._infos = {info.filename: info for info in self._zip.infolist() if not info.is_dir()}
        # _UNREAD: still only in the source zip. None marks a deleted member: rewriting it
        # later keeps its place in the zip.
        self._data: dict[str, bytes | _Unread | None] = dict.fromkeys(self._infos, _UNREAD)
        self._folded = {name.casefold(): name for name in self._data}
        self._info: WorkbookInfo | None = None
        # Relationships by their (casefolded) part and the source as spelled: the writer and
        # its check ask for the same ones again and again (issue 20). Dropped when that part
        # changes.
        self._rels: dict[str, dict[str, Mapping[str, tuple[str, str, str]]]] = {}

    @classmethod
    def from_parts(cls, parts: Mapping[str, bytes]) -> Package:
        """A package of these members (name -> uncompressed bytes, in zip order) that was
        never zipped, such as a scratch workbook's parts."""
        pkg = cls(_EMPTY_ZIP)
        for name, data in parts.items():
            pkg.write(name, data)
        return pkg

    # ------------------------------------------------------------ the workbook

    @property
    def workbook_part(self) -> str:
        """The workbook part the package's relationships name (xl/workbook.xml when none does);
        it may be missing."""
        for kind, target, _mode in self.rels("").values():
            if kind.endswith(OFFICE_DOCUMENT_SUFFIX):
                return target
        return "xl/workbook.xml"

    @property
    def info(self) -> WorkbookInfo:
        """Sheets (in tab order), their parts, ownership and the date system, as the package
        holds them now. Raises KeyError when the workbook part is missing, and
        etree.XMLSyntaxError or ValueError when it is damaged."""
        if self._info is None:
            self._info = self._read_info()
        return self._info

    def _read_info(self) -> WorkbookInfo:
        wb_part = self.workbook_part
        root = parse_xml(self.read(wb_part))
        rels = self.rels(wb_part)
        pr = root.find("m:workbookPr", NS)
        date1904 = pr is not None and pr.get("date1904", "0").lower() in ("1", "true")
        owned_positions = {
            int(dn.get("localSheetId", "-1"))
            for dn in root.iterfind("m:definedNames/m:definedName", NS)
            if dn.get("name") == OWNED_MARKER and dn.get("localSheetId") is not None
        }
        sheets = []
        for position, el in enumerate(root.iterfind("m:sheets/m:sheet", NS)):
            rid = el.get(R_ID, "")
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

    def related(self, source: str, rel_type: str) -> list[str]:
        """The internal targets of `source`'s relationships of this type, as the
        relationships name them (present in the package or not)."""
        return [
            target
            for kind, target, mode in self.rels(source).values()
            if kind == rel_type and mode != "External"
        ]

    def sheet_parts(self) -> list[str]:
        """The parts of the workbook's worksheets, chartsheets and dialogsheets."""
        return [
            t for kind, t, _mode in self.rels(self.workbook_part).values() if kind in SHEET_TYPES
        ]

    @property
    def styles_part(self) -> str | None:
        """The workbook's styles part as the package spells it; None when it has none."""
        for target in self.related(self.workbook_part, STYLES_TYPE):
            return self.find(target)
        return None

    def selected(self, sheet_part: str) -> bool:
        """Whether the sheet's tab is selected; its views come before its rows, which are not
        read."""
        return TAB_SELECTED.search(self.head(sheet_part, b"sheetData") or b"") is not None

    def content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        """[Content_Types].xml as (casefolded part name -> type, casefolded extension ->
        type); both empty when it is missing."""
        data = self.get(CONTENT_TYPES)
        if data is None:
            return {}, {}
        root = parse_xml(data)
        overrides = {
            ov.get("PartName", "").lstrip("/").casefold(): ov.get("ContentType", "")
            for ov in root.iterfind("ct:Override", NS)
        }
        defaults = {
            d.get("Extension", "").casefold(): d.get("ContentType", "")
            for d in root.iterfind("ct:Default", NS)
        }
        return overrides, defaults

    def size(self, name: str) -> int:
        """The member's uncompressed size in bytes (KeyError when absent)."""
        found = self.find(name)
        if found is None:
            raise KeyError(name)
        data = self._data[found]
        return self._infos[found].file_size if isinstance(data, _Unread) else len(data or b"")

    # ------------------------------------------------------------ the members

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

    def same(self, name: str, other: Package) -> bool:
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
        self._changed(found)

    def delete(self, name: str) -> None:
        found = self._folded.get(name.casefold())
        if found is not None:
            self._data[found] = None
            self._changed(found)

    def _changed(self, name: str) -> None:
        self._info = None
        self._rels.pop(name.casefold(), None)

    def rels(self, source: str) -> Mapping[str, tuple[str, str, str]]:
        """rId -> (type, resolved target, TargetMode) of a part ("" = the package)."""
        known = self._rels.setdefault(rels_part(source).casefold(), {})
        found = known.get(source)
        if found is None:
            found = known[source] = self._read_rels(source)
        return found

    def _read_rels(self, source: str) -> dict[str, tuple[str, str, str]]:
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


def _closure(parts: Package, starts: set[str], stop: set[str]) -> set[str]:
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


def exclusive_parts(parts: Package, sheet_parts: set[str]) -> set[str]:
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
