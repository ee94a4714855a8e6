"""The names Office Open XML gives things, in one place: namespaces, relationship and content
types, the tags followup marks its own sheets with, and cell references.

Read by the package model, the reader, the writer and its verifier, so all of them agree.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------- namespaces (ECMA-376)

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS = {"m": MAIN_NS, "r": REL_NS, "pr": PKG_REL_NS, "ct": CT_NS}
M = f"{{{MAIN_NS}}}"  # Clark-notation prefix of a SpreadsheetML tag
R_ID = f"{{{REL_NS}}}id"  # the r:id attribute of <sheet> and the like

# ---------------------------------------------------------------- relationship types

WORKSHEET_TYPE = REL_NS + "/worksheet"
SHEET_TYPES = frozenset({WORKSHEET_TYPE, REL_NS + "/chartsheet", REL_NS + "/dialogsheet"})
TABLE_TYPE = REL_NS + "/table"
STYLES_TYPE = REL_NS + "/styles"
SHARED_STRINGS_TYPE = REL_NS + "/sharedStrings"
CALC_CHAIN_TYPE = REL_NS + "/calcChain"
# Matched as suffixes: Strict Open XML spells the same types under another namespace.
OFFICE_DOCUMENT_SUFFIX = "/officeDocument"
CUSTOM_PROPERTIES_SUFFIX = "/custom-properties"

# ---------------------------------------------------------------- content types

CONTENT_TYPES = "[Content_Types].xml"
_OOXML = "application/vnd.openxmlformats-officedocument."
WORKSHEET_CONTENT_TYPE = _OOXML + "spreadsheetml.worksheet+xml"
# Parts a reader finds by content type; the generic application/xml default is not enough.
EXPECTED_CONTENT_TYPES = {
    WORKSHEET_TYPE: WORKSHEET_CONTENT_TYPE,
    TABLE_TYPE: _OOXML + "spreadsheetml.table+xml",
    REL_NS + "/drawing": _OOXML + "drawing+xml",
    REL_NS + "/chart": _OOXML + "drawingml.chart+xml",
    STYLES_TYPE: _OOXML + "spreadsheetml.styles+xml",
}

# ---------------------------------------------------------------- followup's own marks

# A hidden, sheet-scoped defined name marks a sheet as the tool's own. A sheet that only
# shares an owned sheet's name, without this marker, is the user's and is never replaced.
OWNED_MARKER = "_followup_owned"
OWNED_MARKER_VALUE = '"followup"'
# A hidden, sheet-scoped name on each owned sheet: the ranges the tool writes or reads back.
AREA_NAME = "_followup_area"

# A sheet view with its tab selected, in the sheet's own prefix; views come before the rows.
TAB_SELECTED = re.compile(rb"<(?:\w+:)?sheetView\b[^>]*\btabSelected=\"(?:1|true)\"")

# ---------------------------------------------------------------- cell references
#
# The writer's side (merge, verify, additions) uses XlsxWriter's own parser
# (xlsxwriter.utility), which it has loaded anyway. The reader's side cannot: `check` must not
# load XlsxWriter, and importing any part of either library loads the whole package first
# (measured with `python -X importtime`: xlsxwriter.utility 55-105 ms, openpyxl.utils.cell
# 190-280 ms, against a whole `check` of 600 ms). So the reader's two conversions are here,
# tested against XlsxWriter's over every column Excel has.


def column_letter(index: int) -> str:
    """A 0-based column index as its letters: 0 -> A, 25 -> Z, 26 -> AA, 16383 -> XFD."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str | bytes) -> int:
    """Column letters (upper case) as their 1-based number: A -> 1, XFD -> 16384."""
    number = 0
    for ch in letters.encode() if isinstance(letters, str) else letters:
        number = number * 26 + ch - 64
    return number
