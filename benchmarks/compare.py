"""Whether a change to the code changed what a refresh writes: run it before and after.

    python benchmarks/compare.py OUT_DIR                   # refresh each tracker into OUT_DIR
    python benchmarks/compare.py OUT_DIR --against REF_DIR # ... and compare with REF_DIR

The trackers are the bundled sample (as of its own date, and a week later) and bench.py's
100-interview, 10,000-interview and 10,000-interview open-actions trackers, refreshed "next
week". Each output file and the printed plan are kept; the comparison names every file whose
bytes differ and, inside it, every zip member whose uncompressed content differs. Exit 1 on
any difference.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import subprocess
import sys
import zipfile
from pathlib import Path

from bench import FOLLOWUP, NEXT_WEEK, Shape, tracker

from followup.sample import SAMPLE_ANCHOR

ROOT = Path(__file__).resolve().parent.parent


def cases() -> dict[str, tuple[Path, dt.date]]:
    sample = ROOT / "samples" / "tracker.xlsx"
    return {
        "sample": (sample, SAMPLE_ANCHOR),
        "sample-next-week": (sample, SAMPLE_ANCHOR + dt.timedelta(days=7)),
        **{
            f"bench-{shape.interviews}{'-open' if shape.open else ''}": (tracker(shape), NEXT_WEEK)
            for shape in (Shape(100), Shape(10000), Shape(10000, open=True))
        },
    }


def refresh_all(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, (path, as_of) in cases().items():
        target = out / f"{name}.xlsx"
        target.unlink(missing_ok=True)
        argv = [FOLLOWUP, "refresh", str(path), "--output", str(target), "--as-of", f"{as_of}"]
        done = subprocess.run(argv, capture_output=True, check=True)
        printed = (done.stdout + done.stderr).replace(bytes(target), b"OUT.xlsx")
        (out / f"{name}.txt").write_bytes(printed)
        print(f"  {name}: {hashlib.sha256(target.read_bytes()).hexdigest()[:16]}", flush=True)


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def differences(out: Path, ref: Path) -> list[str]:
    found = []
    for name in cases():
        for suffix in (".xlsx", ".txt"):
            a, b = out / f"{name}{suffix}", ref / f"{name}{suffix}"
            if a.read_bytes() == b.read_bytes():
                continue
            found.append(f"{a.name} differs")
            if suffix == ".xlsx":
                mine, theirs = members(a), members(b)
                found += [
                    f"  member {m}"
                    for m in sorted(mine.keys() | theirs.keys())
                    if mine.get(m) != theirs.get(m)
                ]
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--against", type=Path)
    args = parser.parse_args()
    refresh_all(args.out)
    if args.against is None:
        return
    found = differences(args.out, args.against)
    print("\n".join(found) if found else "identical: every output and every printed plan")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
