"""Merging the scratch workbook's styles into the tracker's styles.xml.

Entries are appended only when the tracker has no identical one, so writing the same
sheets again finds everything already there and leaves styles.xml byte-identical: the
file does not grow from week to week. Number formats are matched by format code, never by
id, because XlsxWriter's first custom id (164) is usually taken by the user's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml import etree

from followup.workbook.ooxml import MAIN_NS
from followup.workbook.package import parse_xml, serialize

_M = f"{{{MAIN_NS}}}"
# CT_Stylesheet's child order; new collections must be inserted where the schema wants them.
_ORDER = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)
FIRST_CUSTOM_NUMFMT = 164

Key = tuple[object, ...]


def key(el: etree._Element) -> Key:
    """An element's identity for deduplication: tag, attributes, text and children."""
    return (
        el.tag,
        tuple(sorted(el.attrib.items())),
        (el.text or "").strip(),
        tuple(key(child) for child in el if isinstance(child.tag, str)),
    )


def attributes(el: etree._Element) -> dict[str, str]:
    return {str(k): str(v) for k, v in el.attrib.items()}


def clone_into(parent: etree._Element, src: etree._Element) -> etree._Element:
    """Copy `src` under `parent` element by element, so the copy uses the parent's prefixes
    instead of dragging the scratch document's namespace declarations along."""
    copy = etree.SubElement(parent, src.tag, attributes(src))
    copy.text = src.text
    for child in src:
        if isinstance(child.tag, str):
            clone_into(copy, child).tail = None
    return copy


def _children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    if parent is None:
        return []
    return list(parent.iterfind(_M + name))


@dataclass
class StyleMap:
    """Scratch style index -> tracker style index, for cell xfs and dxfs."""

    xf: dict[int, int] = field(default_factory=dict)
    dxf: dict[int, int] = field(default_factory=dict)


class _Merger:
    def __init__(self, tracker: etree._Element, scratch: etree._Element) -> None:
        self.root = tracker
        self.scratch = scratch
        self.changed = False
        self._memo: dict[tuple[str, int], int] = {}
        self._code_to_id: dict[str, int] = {}
        self._listed_ids: set[int] = set()
        used: set[int] = set()
        for nf in _children(tracker.find(_M + "numFmts"), "numFmt"):
            self._note_numfmt(nf, listed=True, used=used)
        for dxf in _children(tracker.find(_M + "dxfs"), "dxf"):
            for nf in _children(dxf, "numFmt"):
                self._note_numfmt(nf, listed=False, used=used)
        self._next_numfmt = max(used | {FIRST_CUSTOM_NUMFMT - 1}) + 1
        self._scratch_codes = {
            int(nf.get("numFmtId", "0")): nf.get("formatCode", "")
            for nf in _children(scratch.find(_M + "numFmts"), "numFmt")
        }

    def _note_numfmt(self, nf: etree._Element, *, listed: bool, used: set[int]) -> None:
        try:
            ident = int(nf.get("numFmtId", ""))
        except ValueError:
            return
        used.add(ident)
        self._code_to_id.setdefault(nf.get("formatCode", ""), ident)
        if listed:
            self._listed_ids.add(ident)

    def collection(self, name: str) -> etree._Element:
        found = self.root.find(_M + name)
        if found is not None:
            return found
        later = _ORDER[_ORDER.index(name) + 1 :]
        # Created under the root first so it takes the root's prefix for the namespace.
        created = etree.SubElement(self.root, _M + name, {"count": "0"})
        for i, child in enumerate(self.root):
            if isinstance(child.tag, str) and etree.QName(child).localname in later:
                self.root.insert(i, created)
                break
        return created

    def _append(self, collection: str, item: str, element: etree._Element) -> int:
        """Index of an identical entry in the tracker's collection, appending it if absent."""
        parent = self.root.find(_M + collection)
        wanted = key(element)
        for i, existing in enumerate(_children(parent, item)):
            if key(existing) == wanted:
                return i
        parent = self.collection(collection)
        clone_into(parent, element)
        count = len(_children(parent, item))
        parent.set("count", str(count))
        self.changed = True
        return count - 1

    def numfmt(self, scratch_id: int, code: str | None = None) -> int:
        """Tracker id for a scratch number format, listing it in numFmts when needed."""
        if code is None:
            if scratch_id not in self._scratch_codes:
                return scratch_id  # built-in format: same id everywhere
            code = self._scratch_codes[scratch_id]
        ident = self._code_to_id.get(code)
        if ident is None:
            if scratch_id < FIRST_CUSTOM_NUMFMT:
                return scratch_id
            ident = self._next_numfmt
            self._next_numfmt += 1
            self._code_to_id[code] = ident
        if ident not in self._listed_ids:
            parent = self.collection("numFmts")
            etree.SubElement(parent, _M + "numFmt", {"numFmtId": str(ident), "formatCode": code})
            parent.set("count", str(len(_children(parent, "numFmt"))))
            self._listed_ids.add(ident)
            self.changed = True
        return ident

    def _part(self, collection: str, item: str, index: int) -> int:
        memo = (item, index)
        if memo not in self._memo:
            entries = _children(self.scratch.find(_M + collection), item)
            self._memo[memo] = self._append(collection, item, entries[index])
        return self._memo[memo]

    def xf(self, index: int) -> int:
        memo = ("xf", index)
        if memo in self._memo:
            return self._memo[memo]
        src = _children(self.scratch.find(_M + "cellXfs"), "xf")[index]
        xf = etree.Element(src.tag, attributes(src))
        for child in src:
            if isinstance(child.tag, str):
                clone_into(xf, child)
        xf.set("numFmtId", str(self.numfmt(int(src.get("numFmtId", "0")))))
        xf.set("fontId", str(self._part("fonts", "font", int(src.get("fontId", "0")))))
        xf.set("fillId", str(self._part("fills", "fill", int(src.get("fillId", "0")))))
        xf.set("borderId", str(self._part("borders", "border", int(src.get("borderId", "0")))))
        styles = len(_children(self.root.find(_M + "cellStyleXfs"), "xf"))
        if styles == 0 and "xfId" in xf.attrib:
            del xf.attrib["xfId"]
        elif int(xf.get("xfId", "0")) >= styles:
            xf.set("xfId", "0")
        self._memo[memo] = self._append("cellXfs", "xf", xf)
        return self._memo[memo]

    def dxf(self, index: int) -> int:
        memo = ("dxf", index)
        if memo in self._memo:
            return self._memo[memo]
        src = _children(self.scratch.find(_M + "dxfs"), "dxf")[index]
        dxf = etree.Element(src.tag)
        for child in src:
            if isinstance(child.tag, str):
                clone_into(dxf, child)
        for nf in _children(dxf, "numFmt"):
            code = nf.get("formatCode", "")
            nf.set("numFmtId", str(self._dxf_numfmt(code)))
        self._memo[memo] = self._append("dxfs", "dxf", dxf)
        return self._memo[memo]

    def _dxf_numfmt(self, code: str) -> int:
        ident = self._code_to_id.get(code)
        if ident is None:
            ident = self._next_numfmt
            self._next_numfmt += 1
            self._code_to_id[code] = ident
        return ident


def merge_styles(
    tracker: bytes, scratch: bytes, xfs: Iterable[int], dxfs: Iterable[int]
) -> tuple[bytes, StyleMap]:
    """The tracker's styles.xml with the given scratch xfs and dxfs available, and the map
    from scratch indices to tracker indices. Unchanged bytes when nothing was missing."""
    merger = _Merger(parse_xml(tracker), parse_xml(scratch))
    mapping = StyleMap()
    # Scratch xf 0 is the default look; default cells take the tracker's own default.
    mapping.xf[0] = 0
    for index in sorted(set(xfs) - {0}):
        mapping.xf[index] = merger.xf(index)
    for index in sorted(set(dxfs)):
        mapping.dxf[index] = merger.dxf(index)
    if not merger.changed:
        return tracker, mapping
    return serialize(merger.root, tracker), mapping
