"""The structural check every new package must pass before it replaces the tracker.

Each check is a way a merged workbook has been seen to break: Excel "repairs" it (dropping
content) or another reader refuses it. A problem the tracker already had is not blamed
on the write, so only problems that are new in the output are reported.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Collection, Iterable
from typing import Any

from lxml import etree
from xlsxwriter.utility import xl_cell_to_rowcol

from followup.workbook.ooxml import (
    CALC_CHAIN_TYPE,
    CONTENT_TYPES,
    EXPECTED_CONTENT_TYPES,
    NS,
    R_ID,
    SHARED_STRINGS_TYPE,
    SHEET_TYPES,
    STYLES_TYPE,
    TABLE_TYPE,
    WORKSHEET_TYPE,
)
from followup.workbook.ooxml import M as _M
from followup.workbook.package import (
    Package,
    WorkbookInfo,
    dxf_attributes,
    exclusive_parts,
    is_rels,
    parse_xml,
    rels_part,
    rels_source,
)

# Attributes are matched inside their tags (a cell's text may hold anything but "<"), each
# tag spelled with the sheet's own prefix, so the search runs on a literal: (tag, attribute).
_STYLE_ATTRS = (("c", "s"), ("row", "s"), ("col", "style"))
_RULE_DXF = (("cfRule", "dxfId"),)
_ROOT_PREFIX = re.compile(rb"<(?:(\w+):)?worksheet\b")
# Number formats Excel knows without a numFmt entry (0-49 plus locale-dependent ones).
_LAST_BUILTIN_NUMFMT = 163
_SHARED_PARTS = ("docProps/app.xml", "docProps/core.xml")


def check(old: bytes, new: bytes, owned: Collection[str]) -> list[str]:
    """Problems of `new` (empty = fine); see writer.check."""
    try:
        after = Package(new)
    except (zipfile.BadZipFile, OSError) as exc:
        return [f"the new workbook is not a readable zip package ({exc})"]
    before = Package(old)
    problems = _absolute(after)
    try:
        problems += _well_formed(before, after)
        problems += _new_problems(_structure(after, _fresh(after, before, after)), before, after)
        info_after = after.info
        problems += _owned(info_after, owned)
        selected_before, selected_after = _selected_tabs(before), _selected_tabs(after)
        if selected_after == 0 and selected_before > 0:
            problems.append("no sheet tab is selected")
        # Tabs the user saved grouped stay grouped (SPEC 7); the tool never groups more.
        if selected_after > max(selected_before, 1):
            problems.append("more than one sheet tab is selected (Excel would group them)")
        problems += _unchanged(before, after, before.info, info_after, owned)
    except (etree.XMLSyntaxError, KeyError, ValueError) as exc:
        problems.append(f"the new workbook cannot be inspected: {exc}")
    return problems


def _new_problems(found: list[str], before: Package, after: Package) -> list[str]:
    """The structural problems `found` in the new package that the tracker did not already
    have. The tracker is inspected only when there is something to compare: most writes
    find nothing, and its owned sheets cost as much to inspect as the new ones."""
    if not found:
        return found
    try:
        known = set(_structure(before, _fresh(before, after, after)))
    except Exception:  # a tracker we cannot even inspect has nothing to compare with
        known = set()
    return [p for p in found if p not in known]


def _well_formed(before: Package, after: Package) -> list[str]:
    """Every new or changed XML part parses."""
    problems = []
    for name in after.names():
        if not name.casefold().endswith((".xml", ".rels", ".vml")):
            continue
        if after.same(name, before):
            continue
        try:
            _parse_streaming(after, name)
        except etree.XMLSyntaxError as exc:
            problems.append(f"part {name} is not well-formed XML ({exc})")
    return problems


class _NoTree:
    """A parser target that keeps nothing: libxml2 still checks every byte of the part, but
    no element is made for Python, so a big sheet parses in about a third of the time a
    streamed tree takes, in little memory (issue 20)."""

    def close(self) -> None:
        return None


# What lxml's tree parser forgives when it does not resolve entities (parser.pxi).
_FORGIVEN = {etree.ErrorTypes.WAR_UNDECLARED_ENTITY, etree.ErrorTypes.ERR_UNDECLARED_ENTITY}


def _parse_streaming(parts: Package, name: str) -> None:
    """Raise etree.XMLSyntaxError when a part is not a well-formed namespaced XML document,
    as parse_xml would: the same parser settings, fed from the zip as it decompresses.

    A target parser stops only on fatal errors; the namespace errors (an undeclared prefix)
    that make parse_xml fail are left in its error log, so they are raised from there."""
    # The stubs want every callback; a target without them is what spares the work.
    target: Any = _NoTree()
    parser = etree.XMLParser(target=target, huge_tree=True, resolve_entities=False)
    with parts.open(name) as stream:
        etree.parse(stream, parser)  # read from the stream a piece at a time
    for error in parser.error_log:
        if error.level >= etree.ErrorLevels.ERROR and error.type not in _FORGIVEN:
            raise etree.XMLSyntaxError(  # type: ignore[call-arg]  # lxml's own arguments
                error.message, error.type, error.line, error.column
            )


def _absolute(parts: Package) -> list[str]:
    """Problems the output must never have, whatever the input had."""
    problems = []
    wb_part = parts.workbook_part
    if any(name.casefold().endswith("calcchain.xml") for name in parts.names()):
        problems.append("a calcChain part is left in the package")
    if any(t == CALC_CHAIN_TYPE for t, _target, _mode in parts.rels(wb_part).values()):
        problems.append("the workbook still has a relationship to a calcChain")
    return problems


def _selected_tabs(parts: Package) -> int:
    return sum(1 for part in parts.sheet_parts() if parts.selected(part))


def _fresh(parts: Package, other: Package, new: Package) -> Callable[[str], bool]:
    """Which sheets of `parts` need their cells checked: those whose part, relationships or
    tables differ from `other`. An unchanged sheet reads as it did, unless the shared strings
    it depends on changed or the `new` package has fewer styles than the old one, in which
    case every sheet is checked (of either package, so their problems compare)."""
    old = other if new is parts else parts
    strings = [
        t
        for kind, t, _mode in parts.rels(parts.workbook_part).values()
        if kind == SHARED_STRINGS_TYPE
    ]
    if _shrank(new, old) or any(not parts.same(t, other) for t in strings):
        return lambda _sheet: True

    def fresh(sheet: str) -> bool:
        related = [sheet, rels_part(sheet), *parts.internal_targets(sheet)]
        return any(not parts.same(name, other) for name in related)

    return fresh


def _shrank(parts: Package, other: Package) -> bool:
    """Whether `parts` has fewer cell formats or dxfs than `other` (an index that was in
    range there may not be in `parts`)."""
    return any(a < b for a, b in zip(_style_counts(parts), _style_counts(other), strict=True))


def _style_counts(parts: Package) -> tuple[int, int]:
    styles = parts.styles_part
    if styles is None:
        return 0, 0
    root = parse_xml(parts.read(styles))
    return tuple(  # type: ignore[return-value]
        len(root.findall(f"{_M}{name}/{_M}{item}"))
        for name, item in (("cellXfs", "xf"), ("dxfs", "dxf"))
    )


def _structure(parts: Package, fresh: Callable[[str], bool]) -> list[str]:
    problems = _content_types(parts)
    problems += _relationships(parts)
    problems += _workbook(parts)
    problems += _tables(parts, fresh)
    problems += _styles(parts, fresh)
    return problems


def _content_types(parts: Package) -> list[str]:
    if parts.get(CONTENT_TYPES) is None:
        return ["[Content_Types].xml is missing"]
    overrides, defaults = parts.content_types()
    problems = [
        f"content type override for missing part /{name}"
        for name in overrides
        if parts.find(name) is None
    ]
    for name in parts.names():
        if name == CONTENT_TYPES:
            continue
        if name.casefold() not in overrides and name.rsplit(".", 1)[-1].casefold() not in defaults:
            problems.append(f"part {name} has no content type")
    return problems


def _relationships(parts: Package) -> list[str]:
    problems = []
    overrides, defaults = parts.content_types()
    for name in parts.names():
        if not is_rels(name):
            continue
        source = rels_source(name)
        if source and parts.find(source) is None:
            problems.append(f"{name} describes a missing part")
        root = parse_xml(parts.read(name))
        ids: set[str] = set()
        for rel in root.iterfind("pr:Relationship", NS):
            rid = rel.get("Id", "")
            if rid in ids:
                problems.append(f"{name}: relationship id {rid} is used twice")
            ids.add(rid)
        for rid, (_type, target, mode) in parts.rels(source).items():
            if mode == "External":
                continue
            if parts.find(target) is None:
                problems.append(f"{name}: {rid} points at missing part {target}")
                continue
            expected = EXPECTED_CONTENT_TYPES.get(_type)
            actual = overrides.get(target.casefold()) or defaults.get(
                target.rsplit(".", 1)[-1].casefold()
            )
            if (
                expected is not None
                and actual != expected
                and not (_type == WORKSHEET_TYPE and actual and "worksheet" in actual)
            ):
                problems.append(f"part {target} has no content type {expected}")
    return problems


def _workbook(parts: Package) -> list[str]:
    wb_part = parts.workbook_part
    data = parts.get(wb_part)
    if data is None:
        return [f"the workbook part {wb_part} is missing"]
    root = parse_xml(data)
    rels = parts.rels(wb_part)
    problems = []
    names: set[str] = set()
    ids: set[str] = set()
    sheets = list(root.iterfind("m:sheets/m:sheet", NS))
    for sheet in sheets:
        name = sheet.get("name", "")
        if name.casefold() in names:
            problems.append(f"two sheets are named '{name}'")
        names.add(name.casefold())
        if sheet.get("sheetId") in ids:
            problems.append(f"sheetId {sheet.get('sheetId')} is used twice")
        ids.add(sheet.get("sheetId", ""))
        rel = rels.get(sheet.get(R_ID, ""))
        if rel is None or rel[0] not in SHEET_TYPES:
            problems.append(f"sheet '{name}' has no sheet relationship")
    scoped: set[tuple[str, str]] = set()
    for dn in root.iterfind("m:definedNames/m:definedName", NS):
        name = dn.get("name", "")
        scope = dn.get("localSheetId")
        if scope is not None and (not scope.isdigit() or int(scope) >= len(sheets)):
            problems.append(f"defined name {name} has localSheetId {scope} out of range")
        if (name.casefold(), scope or "") in scoped:
            problems.append(f"defined name {name} is defined twice in the same scope")
        scoped.add((name.casefold(), scope or ""))
        if not name:
            problems.append("a defined name has no name")
    view = root.find("m:bookViews/m:workbookView", NS)
    if view is not None and view.get("activeTab") is not None:
        tab = view.get("activeTab", "")
        if not tab.isdigit() or int(tab) >= len(sheets):
            problems.append(f"activeTab {tab} is not a sheet")
    return problems


def _cell_texts(
    parts: Package, sheet: str, row: int, strings: Callable[[], list[str]]
) -> dict[int, str]:
    """Texts of one row of a sheet (1-based row), by 0-based column; parsing stops there."""
    out: dict[int, str] = {}
    with parts.open(sheet) as stream:
        rows = etree.iterparse(stream, tag=f"{_M}row", huge_tree=True, resolve_entities=False)
        el = next((el for _event, el in rows if el.get("r") == str(row)), None)
        if el is None:
            return out
        for cell in el.iterfind("m:c", NS):
            _row, col = _cell(cell.get("r", ""))
            kind = cell.get("t", "n")
            if kind == "inlineStr":
                inline = cell.find("m:is", NS)
                out[col] = _text(inline) if inline is not None else ""
            elif kind == "s":
                out[col] = strings()[int(cell.findtext("m:v", "0", NS))]
            else:
                out[col] = cell.findtext("m:v", "", NS)
    return out


def _text(el: etree._Element) -> str:
    """A string item's text, without its phonetic (rPh) runs."""
    return "".join(str(t.text or "") for t in el.iterfind("m:t", NS)) + "".join(
        str(t.text or "") for t in el.iterfind("m:r/m:t", NS)
    )


_REF = re.compile(r"\$?[A-Za-z]{1,3}\$?[0-9]+")


def _cell(ref: str) -> tuple[int, int]:
    """A cell reference (A1, $B$2, b2) as 0-based (row, column). Raises ValueError for
    anything else, on which xl_cell_to_rowcol would only warn."""
    if _REF.fullmatch(ref) is None:
        raise ValueError(f"bad cell reference {ref!r}")
    row, col = xl_cell_to_rowcol(ref.upper())
    return int(row), int(col)


def _shared_strings(parts: Package) -> list[str]:
    for _type, target, _mode in parts.rels(parts.workbook_part).values():
        if _type == SHARED_STRINGS_TYPE and parts.find(target) is not None:
            root = parse_xml(parts.read(target))
            return [_text(si) for si in root.iterfind("m:si", NS)]
    return []


def _tables(parts: Package, fresh: Callable[[str], bool]) -> list[str]:
    problems = []
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    cache: list[list[str]] = []

    def strings() -> list[str]:
        if not cache:
            cache.append(_shared_strings(parts))
        return cache[0]

    for sheet in parts.sheet_parts():
        for _type, target, mode in parts.rels(sheet).values():
            if _type != TABLE_TYPE or mode == "External" or parts.find(target) is None:
                continue
            table = parse_xml(parts.read(target))
            ident = table.get("id", "")
            if ident in ids:
                problems.append(f"table id {ident} is used by {ids[ident]} and {target}")
            ids[ident] = target
            for attr in ("displayName",):
                name = (table.get(attr) or "").casefold()
                if name in names:
                    problems.append(f"table name {table.get(attr)} is used twice")
                names[name] = target
            first, last = (table.get("ref") or "A1:A1").split(":")
            r1, c1 = _cell(first)
            _r2, c2 = _cell(last)
            columns = [
                c.get("name", "") for c in table.iterfind("m:tableColumns/m:tableColumn", NS)
            ]
            holder = table.find("m:tableColumns", NS)
            if len(columns) != c2 - c1 + 1:
                problems.append(
                    f"table {table.get('name')} has {len(columns)} columns for {table.get('ref')}"
                )
            if holder is not None and holder.get("count") not in (None, str(len(columns))):
                problems.append(f"table {table.get('name')} has a wrong tableColumns count")
            if len({c.casefold() for c in columns}) != len(columns):
                problems.append(f"table {table.get('name')} has duplicate column names")
            if table.get("headerRowCount", "1") != "0" and fresh(sheet):
                cells = _cell_texts(parts, sheet, r1 + 1, strings)
                for j, column in enumerate(columns):
                    if cells.get(c1 + j, "") != column:
                        problems.append(
                            f"table {table.get('name')}: header cell {j + 1} does not read "
                            f"'{column}'"
                        )
    return problems


def _styles(parts: Package, fresh: Callable[[str], bool]) -> list[str]:
    styles = parts.styles_part
    if styles is None:
        return []
    root = parse_xml(parts.read(styles))
    problems = []

    def collection(name: str, item: str) -> list[etree._Element]:
        parent = root.find(_M + name)
        if parent is None:
            return []
        found = list(parent.iterfind(_M + item))
        if parent.get("count") not in (None, str(len(found))):
            problems.append(f"styles: {name} count {parent.get('count')} but {len(found)} entries")
        return found

    numfmts = {nf.get("numFmtId", "") for nf in collection("numFmts", "numFmt")}
    sizes = {
        "fontId": len(collection("fonts", "font")),
        "fillId": len(collection("fills", "fill")),
        "borderId": len(collection("borders", "border")),
        "xfId": len(collection("cellStyleXfs", "xf")),
    }
    xfs = collection("cellXfs", "xf")
    dxfs = collection("dxfs", "dxf")
    for i, xf in enumerate(xfs):
        for attr, size in sizes.items():
            value = xf.get(attr)
            if value is not None and (not value.isdigit() or int(value) >= size):
                problems.append(f"styles: cell format {i} has {attr} {value} out of range")
        fmt = xf.get("numFmtId", "0")
        if not fmt.isdigit() or (int(fmt) > _LAST_BUILTIN_NUMFMT and fmt not in numfmts):
            problems.append(f"styles: cell format {i} uses undefined number format {fmt}")
    for part in filter(fresh, parts.sheet_parts()):
        data = _uncached(parts, part)
        problems += _out_of_range(part, "cell format", _indices(data, _STYLE_ATTRS), len(xfs))
        problems += _out_of_range(part, "dxf", _indices(data, _RULE_DXF), len(dxfs))
        for _type, target, _mode in parts.rels(part).values():
            if _type == TABLE_TYPE and parts.find(target) is not None:
                table = parse_xml(parts.read(target))
                dxf_ids = {int(v) if v.isdigit() else 1 << 31 for *_, v in dxf_attributes(table)}
                problems += _out_of_range(target, "dxf", dxf_ids, len(dxfs))
    return problems


def _uncached(parts: Package, name: str) -> bytes:
    """The part's bytes, not kept by `parts` after (a sheet is read once here)."""
    if parts.find(name) is None:
        return b""
    with parts.open(name) as stream:
        return stream.read()


def _indices(data: bytes, attributes: tuple[tuple[str, str], ...]) -> set[int]:
    """The numbers held by these attributes of these elements in a worksheet part."""
    root = _ROOT_PREFIX.search(data, 0, 4096)
    prefix = root[1] + b":" if root is not None and root[1] else b""
    found: set[bytes] = set()
    for tag, attribute in attributes:
        start = re.escape(b"<" + prefix + tag.encode() + b" ")
        found |= set(re.findall(start + rb"[^>]*?\s" + attribute.encode() + rb'="(\d+)"', data))
    return {int(n) for n in found}


def _out_of_range(part: str, what: str, used: Iterable[int], size: int) -> list[str]:
    bad = sorted(i for i in used if i >= size)
    return [f"{part} uses {what} {i}, but there are only {size}" for i in bad[:3]]


def _owned(info: WorkbookInfo, owned: Collection[str]) -> list[str]:
    wanted = {n.casefold() for n in owned}
    return [
        f"sheet '{s.name}' is written by followup but carries no owned-sheet marker"
        for s in info.sheets
        if s.name.casefold() in wanted and not s.owned
    ]


def _owned_parts(parts: Package, info: WorkbookInfo, owned: Collection[str]) -> set[str]:
    wanted = {n.casefold() for n in owned}
    sheets = {s.part for s in info.sheets if s.owned and s.name.casefold() in wanted}
    return {p.casefold() for p in exclusive_parts(parts, sheets)}


def _shared(parts: Package) -> set[str]:
    wb_part = parts.workbook_part
    shared = {CONTENT_TYPES, wb_part, rels_part(wb_part), *_SHARED_PARTS}
    for _type, target, _mode in parts.rels(wb_part).values():
        if _type in (STYLES_TYPE, CALC_CHAIN_TYPE):
            shared.add(target)
    return {p.casefold() for p in shared}


def _unchanged(
    before: Package, after: Package, old: WorkbookInfo, new: WorkbookInfo, owned: Collection[str]
) -> list[str]:
    """Every part outside the owned sheets and the shared parts is byte-identical."""
    skip_before = _owned_parts(before, old, owned) | _shared(before)
    skip_after = _owned_parts(after, new, owned) | _shared(after)
    problems = []
    for name in before.names():
        if name.casefold() in skip_before:
            continue
        if after.find(name) is None:
            problems.append(f"part {name} was removed")
        elif not before.same(name, after):
            problems.append(f"part {name} was changed")
    for name in after.names():
        if before.find(name) is None and name.casefold() not in skip_after:
            problems.append(f"part {name} was added outside the owned sheets")
    return problems
