"""Moving the scratch workbook's owned sheets into the tracker's package.

Only the owned sheets' own parts are written. The shared parts that must list them
(workbook.xml and its rels, [Content_Types].xml, styles.xml, docProps/app.xml) are edited
in place with lxml, so their namespace declarations, mc:Ignorable prefixes and unknown
content survive. Every other member is copied unchanged.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lxml import etree

from followup.errors import NameClash, UnreadableWorkbook, VerifyFailed
from followup.layout import OwnedSheet
from followup.workbook.ooxml import (
    AREA_NAME,
    CALC_CHAIN_TYPE,
    CONTENT_TYPES,
    CT_NS,
    EP_NS,
    MAIN_NS,
    NS,
    OWNED_MARKER,
    OWNED_MARKER_VALUE,
    PKG_REL_NS,
    R_ID,
    TABLE_TYPE,
    VT_NS,
    WORKSHEET_CONTENT_TYPE,
    WORKSHEET_TYPE,
)
from followup.workbook.ooxml import M as _M
from followup.workbook.package import (
    Package,
    SheetInfo,
    dxf_attributes,
    exclusive_parts,
    is_rels,
    parse_xml,
    rels_part,
    rels_source,
    resolve_target,
    serialize,
)
from followup.workbook.styles import StyleMap, merge_styles

# Defined names the scratch workbook writes for a sheet; an owned sheet's old ones go.
_OWN_NAMES = {
    OWNED_MARKER,
    AREA_NAME,
    "_xlnm.print_titles",
    "_xlnm.print_area",
    "_xlnm._filterdatabase",
}
# CT_Workbook children that come after definedNames, to insert it where the schema wants.
_AFTER_DEFINED_NAMES = {
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
}


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


@dataclass(frozen=True)
class _Target:
    sheet: OwnedSheet
    existing: SheetInfo | None
    scratch_part: str
    scratch_position: int


def merge(
    package: bytes, scratch: bytes | Mapping[str, bytes], sheets: Sequence[OwnedSheet]
) -> bytes:
    """The tracker package with the scratch workbook's sheets merged in as owned sheets;
    `scratch` as .xlsx bytes or as its parts (see author.scratch_parts)."""
    pkg = Package(package)
    src = Package(scratch) if isinstance(scratch, bytes) else Package.from_parts(scratch)
    info = pkg.info
    scratch_info = src.info
    targets = [
        _Target(sheet, info.sheet(sheet.name), scratch_info.sheets[i].part, i)
        for i, sheet in enumerate(sheets)
    ]
    _refuse_user_sheets(targets)

    wb_part = info.workbook_part
    wb = parse_xml(pkg.read(wb_part))
    wb_rels = parse_xml(pkg.read(rels_part(wb_part)))
    types = parse_xml(pkg.read(CONTENT_TYPES))

    owned_parts = {t.existing.part for t in targets if t.existing is not None}
    removed = {
        p for p in exclusive_parts(pkg, owned_parts) if p not in owned_parts and not is_rels(p)
    }
    _refuse_table_clashes(pkg, wb, removed, owned_parts, sheets)
    for part in sorted(removed | owned_parts):
        pkg.delete(rels_part(part))
    for part in sorted(removed):
        pkg.delete(part)
    gone = removed | _calc_chain_parts(types) | _drop_calc_chain(pkg, wb_part, wb_rels)

    scratch_sheets = {t.scratch_part: _ScratchSheet(src.read(t.scratch_part)) for t in targets}
    mapping = _styles(pkg, src, scratch_sheets)
    strings = _shared_strings(src)
    positions = _positions(wb)
    active = _active_tab(wb)
    selected_elsewhere = any(pkg.selected(s.part) for s in info.sheets if s.part not in owned_parts)
    sheets_el = wb.find("m:sheets", NS)
    assert sheets_el is not None
    folder = posixpath.dirname(wb_part)
    copier = _Copier(pkg, src, types, mapping)
    scratch_names = _scratch_names(src)
    for target in targets:
        if target.existing is not None:
            part = target.existing.part
            position = positions[target.existing.rel_id]
            for el in sheets_el.iterfind("m:sheet", NS):
                if el.get(R_ID) == target.existing.rel_id:
                    el.set("name", target.sheet.name)
        else:
            part = _free_name(pkg, posixpath.join(folder, "worksheets/sheet"), ".xml")
            rid = _append_sheet(sheets_el, wb_rels, target.sheet.name, part, wb_part)
            positions[rid] = position = len(positions)
            _override(types, part, WORKSHEET_CONTENT_TYPE)
        keep_selected = position == active and not selected_elsewhere
        sheet_xml = scratch_sheets[target.scratch_part].merged(
            strings, mapping, keep_selected=keep_selected
        )
        pkg.write(part, sheet_xml)
        copier.copy_related(target.scratch_part, part)
        _defined_names(wb, scratch_names.get(target.scratch_position, []), position)

    # Overrides of parts written again stay where they were, so the file stays the same.
    _remove_overrides(types, {p for p in gone if p not in pkg})
    pkg.write(wb_part, serialize(wb, pkg.read(wb_part)))
    pkg.write(rels_part(wb_part), serialize(wb_rels, pkg.read(rels_part(wb_part))))
    pkg.write(CONTENT_TYPES, serialize(types, pkg.read(CONTENT_TYPES)))
    _update_app_titles(pkg, [t.sheet.name for t in targets])
    return pkg.to_bytes()


def _refuse_user_sheets(targets: Sequence[_Target]) -> None:
    for target in targets:
        if target.existing is not None and not target.existing.owned:
            raise NameClash(
                f"The sheet '{target.existing.name}' is yours, but followup needs the name "
                f"'{target.sheet.name}' for a sheet it writes: rename your sheet and run again."
            )


def _refuse_table_clashes(
    pkg: Package,
    wb: etree._Element,
    removed: set[str],
    owned_parts: set[str],
    sheets: Sequence[OwnedSheet],
) -> None:
    ours = {b.table.casefold(): b.table for s in sheets for b in s.blocks if b.table}
    if not ours:
        return
    gone = {p.casefold() for p in removed | owned_parts}
    for name in table_parts(pkg):
        if name.casefold() in gone:
            continue
        root = parse_xml(pkg.read(name))
        for attr in ("name", "displayName"):
            theirs = (root.get(attr) or "").casefold()
            if theirs in ours:
                raise NameClash(
                    f"Your table '{root.get(attr)}' has the name followup needs for its "
                    f"'{ours[theirs]}' table: rename your table and run again."
                )
    for dn in wb.iterfind("m:definedNames/m:definedName", NS):
        theirs = (dn.get("name") or "").casefold()
        if theirs in ours:
            raise NameClash(
                f"Your defined name '{dn.get('name')}' has the name followup needs for its "
                f"'{ours[theirs]}' table: rename it and run again."
            )


def table_parts(pkg: Package) -> set[str]:
    """Every table part any part of the package points at."""
    found = set()
    for name in pkg.names():
        if is_rels(name):
            for _type, target, mode in pkg.rels(rels_source(name)).values():
                if _type == TABLE_TYPE and mode != "External":
                    part = pkg.find(target)
                    if part is not None:
                        found.add(part)
    return found


def _drop_calc_chain(pkg: Package, wb_part: str, wb_rels: etree._Element) -> set[str]:
    """Excel rebuilds the calculation chain; a stale one pointing at replaced cells is damage."""
    dropped = set()
    for rel in list(wb_rels.iterfind("pr:Relationship", NS)):
        if rel.get("Type") == CALC_CHAIN_TYPE:
            target = resolve_target(wb_part, rel.get("Target", ""))
            pkg.delete(target)
            pkg.delete(rels_part(target))
            wb_rels.remove(rel)
            dropped.add(target)
    return dropped


def _calc_chain_parts(types: etree._Element) -> set[str]:
    return {
        ov.get("PartName", "").lstrip("/")
        for ov in types.iterfind("ct:Override", NS)
        if ov.get("ContentType", "").endswith("calcChain+xml")
    }


def _remove_overrides(types: etree._Element, parts: set[str]) -> None:
    folded = {p.casefold() for p in parts}
    for ov in list(types.iterfind("ct:Override", NS)):
        if ov.get("PartName", "").lstrip("/").casefold() in folded:
            types.remove(ov)


def _override(types: etree._Element, part: str, content_type: str) -> None:
    for ov in types.iterfind("ct:Override", NS):
        if ov.get("PartName", "").lstrip("/").casefold() == part.casefold():
            ov.set("ContentType", content_type)
            return
    etree.SubElement(
        types, f"{{{CT_NS}}}Override", {"PartName": "/" + part, "ContentType": content_type}
    )


def _free_name(pkg: Package, stem: str, suffix: str) -> str:
    n = 1
    while f"{stem}{n}{suffix}" in pkg:
        n += 1
    return f"{stem}{n}{suffix}"


def _relative(source: str, target: str) -> str:
    return posixpath.relpath(target, posixpath.dirname(source) or ".")


def _next_rid(rels: etree._Element) -> str:
    taken = {rel.get("Id", "") for rel in rels.iterfind("pr:Relationship", NS)}
    n = len(taken) + 1
    while f"rId{n}" in taken:
        n += 1
    return f"rId{n}"


def _append_sheet(
    sheets_el: etree._Element,
    wb_rels: etree._Element,
    name: str,
    part: str,
    wb_part: str,
) -> str:
    rid = _next_rid(wb_rels)
    etree.SubElement(
        wb_rels,
        f"{{{PKG_REL_NS}}}Relationship",
        {"Id": rid, "Type": WORKSHEET_TYPE, "Target": _relative(wb_part, part)},
    )
    ids = [int(s.get("sheetId", "0")) for s in sheets_el.iterfind("m:sheet", NS)]
    etree.SubElement(
        sheets_el, _M + "sheet", {"name": name, "sheetId": str(max(ids, default=0) + 1), R_ID: rid}
    )
    return rid


def _positions(wb: etree._Element) -> dict[str, int]:
    return {el.get(R_ID, ""): i for i, el in enumerate(wb.iterfind("m:sheets/m:sheet", NS))}


def _active_tab(wb: etree._Element) -> int:
    view = wb.find("m:bookViews/m:workbookView", NS)
    try:
        return int(view.get("activeTab", "0")) if view is not None else 0
    except ValueError:
        return 0


def _styles(pkg: Package, src: Package, scratch_sheets: dict[str, _ScratchSheet]) -> StyleMap:
    xfs: set[int] = set()
    dxfs: set[int] = set()
    for scratch_part, sheet in scratch_sheets.items():
        xfs |= sheet.cell_styles()
        for el in sheet.frame.iter(_M + "col"):
            if el.get("style") is not None:
                xfs.add(int(el.get("style", "0")))
        for el in sheet.frame.iter(_M + "cfRule"):
            if el.get("dxfId") is not None:
                dxfs.add(int(el.get("dxfId", "0")))
        for _type, part, _mode in src.rels(scratch_part).values():
            if _type == TABLE_TYPE:
                dxfs |= {int(v) for _el, _attr, v in dxf_attributes(parse_xml(src.read(part)))}
    styles_part = pkg.styles_part
    scratch_styles = src.read("xl/styles.xml")
    if styles_part is None:
        raise UnreadableWorkbook(
            "The workbook has no styles part; open and save it in your spreadsheet app."
        )
    merged, mapping = merge_styles(pkg.read(styles_part), scratch_styles, xfs, dxfs)
    pkg.write(styles_part, merged)
    return mapping


_SI = re.compile(rb"<si>(.*?)</si>", re.DOTALL)
# XlsxWriter writes each cell as <c r="A1" s="3" t="s"><v>12</v></c>: reference first, a
# style index in its s attribute (as a row's), a shared string as its index in <v>
# (worksheet._write_cell). The rows hold no text, so these are found as bytes.
_STYLE = re.compile(rb' s="([0-9]+)"')
_SHARED = re.compile(rb' t="s"><v>([0-9]+)</v>')
_OTHER_SHARED = re.compile(rb' t="s"(?!><v>[0-9]+</v>)')
# Bytes XlsxWriter's rows never hold, but another form of an attribute might: an attribute
# after a tab or line break, or in single quotes.
_OTHER_SPACING = (b"\t", b"\r", b"\n", b"'")
_EMPTY_DATA = b"<sheetData/>"
_ROW_END = b"</row>"
_CHUNK = 1 << 18  # bytes of scratch rows rewritten at a time: the pieces stay few


def _shared_strings(src: Package) -> list[bytes]:
    """The scratch workbook's strings as the XML inside each <si>, ready to go inside <is>."""
    data = src.get("xl/sharedStrings.xml")
    if data is None:
        return []
    strings = _SI.findall(data)
    if len(strings) == data.count(b"<si"):
        return strings
    # Not in the form XlsxWriter writes today: read with lxml instead (slower).
    return [
        b"".join(etree.tostring(child, encoding="UTF-8") for child in si)
        for si in parse_xml(data).iterfind("m:si", NS)
    ]


def _string_children(inner: bytes) -> list[etree._Element]:
    """The elements of one shared string (as `_shared_strings` gives it), to go in an <is>."""
    return list(etree.fromstring(b'<si xmlns="' + MAIN_NS.encode() + b'">' + inner + b"</si>"))


class _ScratchSheet:
    """A scratch sheet split in two: its rows (thousands of cells, rewritten as bytes) and
    everything around them (a small lxml tree: columns, views, tables, formatting).

    Only the bytes XlsxWriter itself wrote are handled as text: the rows hold no user
    text, since strings live in sharedStrings.xml until they are inlined here. When the rows
    are not in the form the byte rewrite expects (another XlsxWriter release), the whole
    sheet is rewritten with lxml instead: slower, the same cells.
    """

    def __init__(self, data: bytes) -> None:
        self.data = data
        if _EMPTY_DATA in data:
            head, _, tail = data.partition(_EMPTY_DATA)
            self.rows = b""
        else:
            head, _, rest = data.partition(b"<sheetData>")
            self.rows, _, tail = rest.rpartition(b"</sheetData>")
        self.frame = parse_xml(head + _EMPTY_DATA + tail)
        rows = self.rows
        found = _STYLE.findall(rows)
        self._styles = set(found)
        # The byte rewrite fits only when every cell starts with its reference and every style
        # and every shared string is where it looks for them.
        self.as_bytes = (
            rows.count(b"<c ") == rows.count(b'<c r="')
            and len(found) == rows.count(b" s=")
            and not any(mark in rows for mark in _OTHER_SPACING)
            and _OTHER_SHARED.search(rows) is None
        )

    def cell_styles(self) -> set[int]:
        if not self.as_bytes:
            root = parse_xml(self.data)
            found = root.iter(_M + "row", _M + "c")
            return {int(el.get("s", "0")) for el in found if el.get("s") is not None}
        return {int(s) for s in self._styles}

    def merged(self, strings: Sequence[bytes], mapping: StyleMap, *, keep_selected: bool) -> bytes:
        """The sheet with the tracker's style indices and inline strings, so the user's
        sharedStrings.xml stays untouched."""
        if not self.as_bytes:
            root = parse_xml(self.data)
            _inline_cells(root, strings, mapping)
            _restyle(root, mapping, keep_selected=keep_selected)
            return serialize(root, self.data)
        root = self.frame
        _restyle(root, mapping, keep_selected=keep_selected)
        around = serialize(root, self.data)
        if not self.rows:
            return around
        head, _, tail = around.partition(_EMPTY_DATA)
        rows = self._rewritten(strings, mapping)
        return b"".join([head, b"<sheetData>", *rows, b"</sheetData>", tail])

    def _rewritten(self, strings: Sequence[bytes], mapping: StyleMap) -> list[bytes]:
        """The rows with the tracker's style indices and inline strings, in pieces: a few
        hundred rows at a time are split at each style and each shared string, and every
        style and string replaced at once."""
        xf = {str(k).encode(): b' s="%d"' % v for k, v in mapping.xf.items()}
        inline = _Inlined(strings)
        out: list[bytes] = []
        restyled = inlined = start = 0
        while start < len(self.rows):
            # Cut after a row's end tag, which no pattern straddles.
            end = self.rows.find(_ROW_END, start + _CHUNK)
            end = len(self.rows) if end < 0 else end + len(_ROW_END)
            pieces = _STYLE.split(self.rows[start:end])
            # Looked up by the dictionaries' own methods: no Python code runs per cell.
            pieces[1::2] = map(xf.__getitem__, pieces[1::2])
            restyled += len(pieces) // 2
            pieces = _SHARED.split(b"".join(pieces))
            pieces[1::2] = map(inline.__getitem__, pieces[1::2])
            inlined += len(pieces) // 2
            out.append(b"".join(pieces))
            start = end
        # Counted in the scratch rows, which hold no text: every style and every shared string
        # must have been seen, or the write stops.
        if (restyled, inlined) != (self.rows.count(b" s="), self.rows.count(b' t="s"')):
            raise VerifyFailed("the scratch sheet's cells are not in the expected form")
        return out


class _Inlined(dict[bytes, bytes]):
    """A cell's inline string by its shared string's index (as the digits in <v>), made the
    first time it is asked for."""

    def __init__(self, strings: Sequence[bytes]) -> None:
        super().__init__()
        self.strings = strings

    def __missing__(self, index: bytes) -> bytes:
        made = self[index] = _inline(self.strings[int(index)])
        return made


def _inline(string: bytes) -> bytes:
    return b' t="inlineStr"><is>' + string + b"</is>"


def _inline_cells(root: etree._Element, strings: Sequence[bytes], mapping: StyleMap) -> None:
    """What `_ScratchSheet.merged` does to the rows as bytes, done with lxml: the tracker's
    style indices, and each shared string inlined."""
    for el in root.iter(_M + "row", _M + "c"):
        if el.get("s") is not None:
            el.set("s", str(mapping.xf[int(el.get("s", "0"))]))
    for cell in root.iter(_M + "c"):
        value = cell.find(_M + "v")
        if cell.get("t") != "s" or value is None:
            continue
        cell.set("t", "inlineStr")
        inline = etree.Element(_M + "is")
        inline.extend(_string_children(strings[int(value.text or "0")]))
        cell.replace(value, inline)


def _restyle(root: etree._Element, mapping: StyleMap, *, keep_selected: bool) -> None:
    """The tracker's style indices in a scratch sheet's columns and conditional formats, and
    its tab selected only when `keep_selected`."""
    for col in root.iter(_M + "col"):
        if col.get("style") is not None:
            col.set("style", str(mapping.xf[int(col.get("style", "0"))]))
    for rule in root.iter(_M + "cfRule"):
        if rule.get("dxfId") is not None:
            rule.set("dxfId", str(mapping.dxf[int(rule.get("dxfId", "0"))]))
    for view in root.iter(_M + "sheetView"):
        # Two selected tabs put Excel into grouped editing: only the active tab stays
        # selected.
        if "tabSelected" in view.attrib:
            del view.attrib["tabSelected"]
        if keep_selected:
            view.set("tabSelected", "1")


class _Copier:
    """Copies a scratch part's related parts (tables, drawings, charts) under fresh names."""

    def __init__(
        self, pkg: Package, src: Package, types: etree._Element, mapping: StyleMap
    ) -> None:
        self.pkg = pkg
        self.src = src
        self.types = types
        self.mapping = mapping
        self.table_id = self._max_table_id()

    def _max_table_id(self) -> int:
        highest = 0
        for name in table_parts(self.pkg):
            ident = parse_xml(self.pkg.read(name)).get("id", "0")
            highest = max(highest, int(ident) if ident.isdigit() else 0)
        return highest

    def copy_related(self, scratch_part: str, part: str) -> None:
        rels = self.src.rels(scratch_part)
        if not rels:
            return
        rels_root = parse_xml(self.src.read(rels_part(scratch_part)))
        for rel in rels_root.iterfind("pr:Relationship", NS):
            _type, target, mode = rels[rel.get("Id", "")]
            if mode == "External":
                continue
            new = self._copy(target, _type)
            rel.set("Target", _relative(part, new))
        self.pkg.write(
            rels_part(part), serialize(rels_root, self.src.read(rels_part(scratch_part)))
        )

    def _copy(self, scratch_part: str, rel_type: str) -> str:
        stem, suffix = _pattern(scratch_part)
        new = _free_name(self.pkg, stem, suffix)
        data = self.src.read(scratch_part)
        if rel_type == TABLE_TYPE:
            data = self._table(data)
        self.pkg.write(new, data)
        overrides, defaults = self.src.content_types()
        content_type = overrides.get(scratch_part.casefold()) or defaults.get(
            scratch_part.rsplit(".", 1)[-1].casefold()
        )
        if content_type is not None:
            _override(self.types, new, content_type)
        self.copy_related(scratch_part, new)
        return new

    def _table(self, data: bytes) -> bytes:
        root = parse_xml(data)
        self.table_id += 1
        root.set("id", str(self.table_id))
        for el, attr, value in dxf_attributes(root):
            el.set(attr, str(self.mapping.dxf[int(value)]))
        return serialize(root, data)


def _pattern(part: str) -> tuple[str, str]:
    """'xl/tables/table1.xml' -> ('xl/tables/table', '.xml')."""
    folder, name = posixpath.split(part)
    base, dot, ext = name.rpartition(".")
    stem = base.rstrip("0123456789") if dot else name.rstrip("0123456789")
    return posixpath.join(folder, stem), (dot + ext if dot else "")


def _defined_names(wb: etree._Element, names: Sequence[tuple[str, str]], position: int) -> None:
    container = wb.find("m:definedNames", NS)
    if container is None:
        container = etree.SubElement(wb, _M + "definedNames")
        for i, child in enumerate(wb):
            if isinstance(child.tag, str) and _local(child) in _AFTER_DEFINED_NAMES:
                wb.insert(i, container)
                break
    for dn in list(container.iterfind("m:definedName", NS)):
        if dn.get("localSheetId") == str(position) and (
            (dn.get("name") or "").casefold() in _OWN_NAMES
        ):
            container.remove(dn)
    for name, value in names:
        attributes = {"name": name, "localSheetId": str(position)}
        if name == AREA_NAME:  # bookkeeping, not for the Name Manager's list
            attributes = {"name": name, "hidden": "1", "localSheetId": str(position)}
        etree.SubElement(container, _M + "definedName", attributes).text = value
    etree.SubElement(
        container,
        _M + "definedName",
        {"name": OWNED_MARKER, "hidden": "1", "localSheetId": str(position)},
    ).text = OWNED_MARKER_VALUE


def _scratch_names(src: Package) -> dict[int, list[tuple[str, str]]]:
    """The scratch workbook's sheet-scoped names (print titles), by sheet position."""
    out: dict[int, list[tuple[str, str]]] = {}
    root = parse_xml(src.read("xl/workbook.xml"))
    for dn in root.iterfind("m:definedNames/m:definedName", NS):
        scope = dn.get("localSheetId")
        if scope is not None:
            out.setdefault(int(scope), []).append((dn.get("name", ""), dn.text or ""))
    return out


def _update_app_titles(pkg: Package, names: Sequence[str]) -> None:
    """Keep docProps/app.xml's list of worksheet titles in step with workbook.xml.

    Left alone when its layout is not the usual heading pairs + titles, since the file is
    only informational and a wrong edit is worse than a stale list.
    """
    part = pkg.find("docProps/app.xml")
    if part is None:
        return
    root = parse_xml(pkg.read(part))
    vt = {"ep": EP_NS, "vt": VT_NS}
    pairs = root.find("ep:HeadingPairs/vt:vector", vt)
    titles = root.find("ep:TitlesOfParts/vt:vector", vt)
    if pairs is None or titles is None:
        return
    variants = list(pairs.iterfind("vt:variant", vt))
    entries = list(titles.iterfind("vt:lpstr", vt))
    counts: list[tuple[str, etree._Element]] = []
    for i in range(0, len(variants) - 1, 2):
        count_el = variants[i + 1].find("vt:i4", vt)
        if count_el is None or not (count_el.text or "").strip().isdigit():
            return
        counts.append((variants[i].findtext("vt:lpstr", namespaces=vt) or "", count_el))
    if not counts or sum(int(c.text or 0) for _l, c in counts) != len(entries):
        return
    index = next((i for i, (label, _c) in enumerate(counts) if label == "Worksheets"), 0)
    offset = sum(int(c.text or 0) for _l, c in counts[:index])
    count_el = counts[index][1]
    count = int(count_el.text or 0)
    have = {(e.text or "").casefold(): e for e in entries[offset : offset + count]}
    changed = False
    for name in names:
        found = have.get(name.casefold())
        if found is not None:
            if found.text != name:
                found.text = name
                changed = True
            continue
        new = etree.SubElement(titles, f"{{{VT_NS}}}lpstr")
        new.text = name
        titles.insert(offset + count, new)
        count += 1
        changed = True
    if changed:
        added = count - int(count_el.text or 0)
        count_el.text = str(count)
        titles.set("size", str(len(entries) + added))
        pkg.write(part, serialize(root, pkg.read(part)))
