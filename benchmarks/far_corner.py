"""Peak memory of `followup check` on a tracker with one value at XFD1048576 (target < 200 MB).

    python benchmarks/far_corner.py

calamine holds a sheet as one rectangle from its first to its last cell; the reader packs a
sheet whose rectangle is far larger than its cells (SPEC 7: memory proportional to the cells
used). Writes the tracker with XlsxWriter, runs `followup check` in a fresh process and
reports its wall time and maximum resident set size (from os.wait4), next to the same
tracker without the far cell. The trackers are written by a child process, since XlsxWriter
takes a few hundred MB to write row 1048576 and a forked child's peak would count them.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import xlsxwriter

from followup.schema import CONTACTS, INTERVIEWS, LOG, SEARCH

FOLLOWUP = str(Path(sys.executable).parent / "followup")


def write(path: Path, far: tuple[int, int] | None) -> Path:
    book = xlsxwriter.Workbook(str(path))
    for sheet in (INTERVIEWS, LOG, CONTACTS, SEARCH):
        ws = book.add_worksheet(sheet.name)
        ws.write_row(0, 0, [c.header for c in sheet.columns])
    book.add_worksheet("Settings").write_row(0, 0, ["Setting", "Value"])
    ws = book.get_worksheet_by_name("Interviews")
    ws.write_row(1, 0, ["Harbor Lane Foods", "Operations Analyst"])
    ws.write_datetime(1, 2, dt.datetime(2026, 11, 2), book.add_format({"num_format": "yyyy-mm-dd"}))
    if far is not None:
        ws.write_string(*far, "note to self")
    book.close()
    return path


def measure(path: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    child = subprocess.Popen(
        [FOLLOWUP, "check", str(path), "--as-of", "2026-11-16"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _pid, status, usage = os.wait4(child.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    cases = {
        "no far cell": None,
        "XFD1048576": (1048575, 16383),
        "N1048576 (Notes column far down)": (1048575, 13),
        "XFD2 (far right)": (1, 16383),
    }
    with tempfile.TemporaryDirectory() as folder:
        for number, (label, far) in enumerate(cases.items()):
            path = Path(folder) / f"t{number}.xlsx"
            where = [] if far is None else [str(far[0]), str(far[1])]
            subprocess.run([sys.executable, __file__, "--write", str(path), *where], check=True)
            seconds, mb, code = measure(path)
            print(f"{label:34} exit {code}  {seconds:5.2f} s  peak {mb:6.1f} MB")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        far = (int(sys.argv[3]), int(sys.argv[4])) if len(sys.argv) > 3 else None
        write(Path(sys.argv[2]), far)
    else:
        main()
