"""Regenerate the README's pictures of This Week, Network Updates, Summary and Caseload.

Runs the demo on a fixed day (so the pictures only change when the sheets do), exports the
coach's three sheets, prints them to PDF with LibreOffice headless and turns each sheet's
first page into a PNG under docs/, cropped to what is printed on it. The Caseload picture is
a coach's caseload over five copies of the sample, each client's dates placed differently.

Needs LibreOffice (`soffice`) and poppler (`pdftoppm`, `pdftotext`, `pdfinfo`).

    python scripts/make_pictures.py [--out docs] [--dpi 150]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from followup import operations
from followup.sample import write_sample

# A Monday: the sample tracker is dated around it, so every kind of row shows.
DEMO_DAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parent.parent

# Picture file -> how the sheet's printed title starts (and the dpi it needs to be read:
# This Week is the widest sheet, so it is printed smallest on the page).
PICTURES = {
    "this-week.png": ("This Week:", 1.4),
    "network-updates.png": ("Network Updates as of", 1.0),
    "summary.png": ("Summary for your coach", 1.0),
}
CASELOAD_PICTURE = "caseload.png"
# Clients of the Caseload picture: how many working days each one's search is shifted, and
# whether they refreshed on that day (the others never did).
CLIENTS = {
    "Jordan Lee": (0, True),
    "Priya Nair": (-5, True),
    "Sam Ortiz": (-15, True),
    "Mia Chen": (2, False),
    "Ben Adler": (-30, False),
}
# Blank space kept around the printed area, in inches.
MARGIN = 0.12
# Grey levels below this count as ink when finding the printed area.
INK = 250
PROBE_DPI = 50


def run(*args: str | Path) -> str:
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{args[0]} failed: {done.stderr.strip()}")
    return done.stdout


def to_pdf(workbook: Path, work: Path) -> Path:
    """Print the workbook with LibreOffice; a private profile lets it run beside an open one."""
    profile = work / "lo-profile"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(workbook),
        ],
        capture_output=True,
        check=False,
        timeout=300,
    )
    # soffice's exit code says little: the PDF itself is the proof it worked.
    pdf = work / (workbook.stem + ".pdf")
    if not pdf.is_file() or pdf.stat().st_size == 0:
        sys.exit(f"LibreOffice did not print {workbook.name} to PDF")
    return pdf


def page_count(pdf: Path) -> int:
    for line in run("pdfinfo", pdf).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    sys.exit(f"pdfinfo found no page count in {pdf}")


def find_page(pdf: Path, pages: int, title: str) -> int:
    """The first page whose text starts with the sheet's title."""
    for page in range(1, pages + 1):
        text = run("pdftotext", "-f", str(page), "-l", str(page), "-layout", pdf, "-").lstrip()
        if text.startswith(title):
            return page
    sys.exit(f"no page of {pdf.name} starts with {title!r}")


def printed_area(pdf: Path, page: int, work: Path) -> tuple[float, float, float, float]:
    """Left, top, width and height (inches) of everything printed on the page, plus a margin."""
    base = work / f"probe-{page}"
    run("pdftoppm", "-gray", "-r", str(PROBE_DPI), "-f", str(page), "-l", str(page),
        "-singlefile", pdf, base)  # fmt: skip
    raw = (base.with_suffix(".pgm")).read_bytes()
    # Binary PGM: "P5", width, height, max value, then one byte per pixel.
    width, height = (int(v) for v in raw.split(maxsplit=3)[1:3])
    pixels = np.frombuffer(raw[-width * height :], dtype=np.uint8).reshape(height, width)
    rows = np.flatnonzero((pixels < INK).any(axis=1))
    cols = np.flatnonzero((pixels < INK).any(axis=0))
    if not len(rows):
        sys.exit(f"page {page} of {pdf.name} is blank")
    left = max(cols[0] / PROBE_DPI - MARGIN, 0.0)
    top = max(rows[0] / PROBE_DPI - MARGIN, 0.0)
    right = min((cols[-1] + 1) / PROBE_DPI + MARGIN, width / PROBE_DPI)
    bottom = min((rows[-1] + 1) / PROBE_DPI + MARGIN, height / PROBE_DPI)
    return left, top, right - left, bottom - top


def render(pdf: Path, page: int, dpi: int, target: Path, work: Path) -> None:
    left, top, width, height = printed_area(pdf, page, work)
    box = [round(v * dpi) for v in (left, top, width, height)]
    base = work / target.stem
    run("pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
        "-x", str(box[0]), "-y", str(box[1]), "-W", str(box[2]), "-H", str(box[3]),
        pdf, base)  # fmt: skip
    shutil.move(base.with_suffix(".png"), target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder for the PNGs")
    parser.add_argument("--dpi", type=int, default=150, help="resolution of a normal sheet")
    args = parser.parse_args()
    for tool in ("soffice", "pdftoppm", "pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed: install LibreOffice and poppler-utils")
    args.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="followup-pictures-") as tmp:
        work = Path(tmp)
        tracker, _ = operations.demo(work, DEMO_DAY)
        # The coach's export holds only the three sheets worth a picture.
        coach = work / "week.xlsx"
        operations.export(tracker, pd.Timestamp(DEMO_DAY), 7, to=coach)
        pdf = to_pdf(coach, work)
        pages = page_count(pdf)
        for name, (title, scale) in PICTURES.items():
            page = find_page(pdf, pages, title)
            target = args.out / name
            render(pdf, page, round(args.dpi * scale), target, work)
            print(f"wrote {target} (page {page} of the coach's export)")
        caseload(work, args.out / CASELOAD_PICTURE, args.dpi)


def caseload(work: Path, target: Path, dpi: int) -> None:
    folder = work / "clients"
    folder.mkdir()
    anchor = np.datetime64(DEMO_DAY)
    for name, (shift, refreshed) in CLIENTS.items():
        day = np.busday_offset(anchor, shift, roll="forward").astype(dt.date)
        path = folder / f"{name.split()[0].lower()}.xlsx"
        write_sample(path, day, name=name)
        if refreshed:
            operations.refresh(path, day, 7, backup=False)
    out = work / "caseload.xlsx"
    os.chdir(work)  # the File column shows the folder as a coach would type it
    operations.caseload([Path(folder.name)], DEMO_DAY, 7, to=out)
    pdf = to_pdf(out, work)
    page = find_page(pdf, page_count(pdf), "Caseload as of")
    render(pdf, page, dpi, target, work)
    print(f"wrote {target} (page {page} of the caseload)")


if __name__ == "__main__":
    main()
