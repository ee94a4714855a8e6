"""The only code that writes the tracker's package: owned sheets in, new package bytes out.

The tool owns whole sheets, like Power Query: it authors them in a scratch workbook,
merges their parts into the tracker's package and leaves every other part as it was.
Nothing here touches the disk; the safe replace of the file is the caller's job.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Collection, Sequence

import pandas as pd

from followup.errors import UnreadableWorkbook, VerifyFailed
from followup.layout import OwnedSheet
from followup.outputs import OutputKind
from followup.workbook import verify
from followup.workbook.author import author, scratch_parts
from followup.workbook.merge import merge
from followup.workbook.package import Package

_PAPER_SHEETS = 4  # sheets asked for their paper size


def render(package: bytes, sheets: Sequence[OwnedSheet]) -> bytes:
    """The tracker package with each owned sheet replaced in place (same part, rId, sheetId,
    tab position) or appended after the user's sheets; every other part byte-identical
    (uncompressed), except the shared parts SPEC section 7 allows. Dates written in the
    workbook's own date system (1904 too).

    Raises UnreadableWorkbook when `package` is not a workbook package (or has no styles
    part); NameClash when a user sheet (no marker) has an owned sheet's name in any case, or a
    user table or defined name has one of our table names; VerifyFailed when the new package
    fails the structural check."""
    try:
        info = Package(package).info
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise UnreadableWorkbook(f"not a workbook package: {exc}") from exc
    scratch = scratch_parts(sheets, info.date1904, paper=paper_size(package))
    new = merge(package, scratch, sheets)
    problems = check(package, new, [s.name for s in sheets])
    if problems:
        raise VerifyFailed("; ".join(problems))
    return new


def standalone(sheets: Sequence[OwnedSheet], kind: OutputKind, paper: int = 0) -> bytes:
    """A new workbook holding only the given sheets (an export for the coach, a caseload),
    marked as followup's output of this kind so a later run may replace it (SPEC section 2).
    `paper`: as `paper_size` of the tracker it comes from."""
    return author(sheets, date1904=False, marker=kind.name, paper=paper)


_PAPER = re.compile(rb'<(?:\w+:)?pageSetup\b[^>]*?\bpaperSize="([0-9]+)"')


def paper_size(package: bytes) -> int:
    """The paper size (Excel's paperSize code, 9 = A4) most of the user's own sheets print on;
    0 when none says (Excel then prints on US Letter, code 1). SPEC section 6."""
    try:
        pkg = Package(package)
        parts = [s.part for s in pkg.info.sheets if not s.owned]
        sizes = [pkg.size(part) for part in parts]
        found: list[int] = []
        # The smallest sheets first: most say it, and a big one costs a full read.
        for _size, part in sorted(zip(sizes, parts, strict=True))[:_PAPER_SHEETS]:
            match = _PAPER.search(pkg.read(part))
            if match:
                found.append(int(match[1]))
    except (zipfile.BadZipFile, KeyError, OSError):
        return 0
    return max(set(found), key=found.count) if found else 0


def check(old: bytes, new: bytes, owned: Collection[str]) -> list[str]:
    """Structural problems of `new` (empty list = fine): relationships and content types
    resolve, table ids unique and names/headers consistent, style indices in range, defined
    names valid (localSheetId in range), no calcChain, exactly one selected tab, and every
    part not belonging to an owned sheet nor among the allowed shared parts is byte-identical
    (after decompression) to `old`."""
    return verify.check(old, new, owned)


# What makes a spreadsheet app read a CSV cell as a formula when it leads (OWASP's CSV
# injection advice; ASVS 1.2.10 adds the null character).
_FORMULA_START = r"^[=+\-@\t\r\x00]"


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """A table as CSV for a spreadsheet app: a header row, then text as given, except that
    text a spreadsheet would run as a formula (=HYPERLINK(...), +1, -x, @SUM) gets a leading
    apostrophe, so Excel shows it as the text it is. UTF-8 with a byte-order mark, because
    Excel reads a CSV without one in the machine's legacy code page and would garble names
    such as Müller or Zoë; other programs skip the mark."""
    text = frame.select_dtypes(include=["object", "string"])
    formula = text.apply(lambda column: column.str.contains(_FORMULA_START, na=False))
    guarded = frame.copy()
    guarded[text.columns] = text.mask(formula, "'" + text.astype(str))
    return guarded.to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")
