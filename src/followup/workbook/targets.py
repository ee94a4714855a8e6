"""Whether a command may write its output file: never over a file followup did not write.

Every command that writes a file besides the tracker (refresh --output, export --to/--ics/
--work-search, caseload --to, import) calls `claim` before doing any work (SPEC section 2).
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from lxml import etree

from followup.errors import OutputExists, UnsafeWrite
from followup.outputs import CALENDAR, CALENDAR_PRODID, OUTPUTS, WORKBOOK_MARKER, OutputKind
from followup.schema import INTERVIEWS
from followup.workbook.ooxml import CUSTOM_PROPERTIES_SUFFIX
from followup.workbook.package import Package, parse_xml

_HEAD = 64 * 1024  # a marker sits at the start of a text output
# What zipfile raises for an encrypted member or an unknown compression: not ours either.
_UNREADABLE = (RuntimeError, NotImplementedError, EOFError, OSError)


def claim(path: Path, kind: OutputKind, *, overwrite: bool = False) -> None:
    """Check that `kind` may be written at `path`; raise when it may not (nothing written).

    Allowed: a new file in an existing folder; an existing file that carries the marker of
    the same kind (followup wrote it before: a weekly re-export); with `overwrite`, any file
    except a tracker, which no output ever replaces (SPEC section 2).
    Raises UnsafeWrite naming a missing folder or a folder given as the file, and OutputExists
    for any other existing file. The file's name is checked by `outputs.name_problem`.
    """
    if path.is_dir():
        raise UnsafeWrite(f"{path} is a folder: give the name of a file to write in it.")
    folder = path.parent
    if not folder.is_dir():
        raise UnsafeWrite(
            f"the folder {folder} does not exist. Create it first, or choose another folder."
        )
    if not path.exists():
        return
    sign = tracker_sign(path)
    if sign is not None:
        raise OutputExists(
            f"{path} {sign}: it is a tracker, and followup never replaces a tracker with "
            "another file, not even with --overwrite. Choose another file name."
        )
    if overwrite:
        return
    if kind.reusable and written_as(path, kind):
        return
    why = (
        f"is not {kind.what} that followup wrote"
        if kind.reusable
        else f"followup writes {kind.what} only to a new file"
    )
    raise OutputExists(
        f"{path} already exists{' and ' if kind.reusable else ': '}{why}, so it was left as it "
        "was. Choose another file name, or add --overwrite to replace it."
    )


def tracker_sign(path: Path) -> str | None:
    """What shows the file at `path` is a tracker (a workbook holding followup's own sheets or
    an Interviews sheet), in words for a message; None for any other file."""
    try:
        info = Package(path.read_bytes()).info
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, *_UNREADABLE):
        return None
    if any(sheet.owned for sheet in info.sheets):
        return "holds the sheets followup writes in a tracker"
    if info.sheet(INTERVIEWS.name) is not None:
        return f"holds an {INTERVIEWS.name} sheet"
    return None


def written_as(path: Path, kind: OutputKind) -> bool:
    """Whether the file at `path` is an output of this kind that followup wrote (its marker)."""
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
            suffix = path.suffix.lower()
            if suffix == ".ics":
                return _calendar(head)
            if suffix == ".csv":
                return bool(kind.csv_header) and _csv_header(head) == kind.csv_header
            f.seek(0)
            return _workbook_marker(f.read()) == kind.name
    except OSError:
        return False


def output_in(data: bytes) -> OutputKind | None:
    """The kind of output followup wrote that the file's bytes are (by its marker), None
    for a tracker or any other file."""
    head = data[:_HEAD]
    if data.startswith(b"PK"):
        marker = _workbook_marker(data)
        return next((kind for kind in OUTPUTS if kind.name == marker), None)
    if _calendar(head):
        return CALENDAR
    header = _csv_header(head)
    return next((kind for kind in OUTPUTS if kind.csv_header and kind.csv_header == header), None)


def _calendar(head: bytes) -> bool:
    # Unfolded lines (RFC 5545 3.1); the PRODID is the calendar's second property.
    text = head.decode("utf-8", errors="replace").replace("\r\n ", "").replace("\n ", "")
    return f"PRODID:{CALENDAR_PRODID}" in text.splitlines()


def _csv_header(head: bytes) -> tuple[str, ...]:
    text = head.decode("utf-8-sig", errors="replace")
    first = next(csv.reader(io.StringIO(text)), [])
    return tuple(cell.strip() for cell in first)


def _workbook_marker(data: bytes) -> str | None:
    """The output marker of a workbook; None for a tracker (it has owned sheets), a workbook
    without the marker, or a file that is not a workbook."""
    try:
        package = Package(data)
        if any(sheet.owned for sheet in package.info.sheets):
            return None
        for kind, target, _mode in package.rels("").values():
            found = package.find(target) if kind.endswith(CUSTOM_PROPERTIES_SUFFIX) else None
            if found is not None:
                return _property(parse_xml(package.read(found)), WORKBOOK_MARKER)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, *_UNREADABLE):
        return None
    return None


def _property(root: etree._Element, name: str) -> str | None:
    for prop in root:
        if prop.get("name") == name and len(prop):
            return (prop[0].text or "").strip()
    return None
