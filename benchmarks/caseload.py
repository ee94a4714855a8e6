"""What one `followup caseload` over many trackers costs against planning each in its own process.

    python benchmarks/caseload.py [--clients 30] [--interviews 100] [--repeats 3]

Generates CLIENTS realistic trackers of INTERVIEWS interviews each (different seeds, refreshed
once, as bench.py makes them), then times in one interleaved run, each in a fresh process:

- caseload: `followup caseload FOLDER --to OUT.xlsx --as-of DATE` (all trackers, one process)
- dry runs: `followup refresh TRACKER --dry-run --as-of DATE`, once per tracker, one after another

The ratio caseload / dry runs is the figure of issue 18 (at most 0.3). The table goes to stdout
and to benchmarks/CASELOAD.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench import (
    AS_OF,
    CACHE,
    FOLLOWUP,
    GENERATOR_VERSION,
    _tracker_rows,
    byte_compiled,
    machine,
    measure,
)

from followup.workbook.template import write_tracker

HERE = Path(__file__).resolve().parent


def trackers(clients: int, interviews: int) -> Path:
    """A folder of refreshed trackers, one per client, generated once and kept."""
    folder = CACHE / f"caseload-{clients}x{interviews}-v{GENERATOR_VERSION}"
    if folder.is_dir() and len(list(folder.glob("*.xlsx"))) == clients:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"  generating {clients} trackers of {interviews} interviews ...", flush=True)
    for n in range(clients):
        raw = folder / f"raw-{n}.xlsx"
        write_tracker(raw, _tracker_rows(interviews, seed=100 + n))
        out = folder / f"client-{n:02d}.xlsx"
        as_of = f"{AS_OF:%Y-%m-%d}"
        subprocess.run(
            [FOLLOWUP, "refresh", str(raw), "--output", str(out), "--as-of", as_of],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        raw.unlink()
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=30)
    parser.add_argument("--interviews", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--output", type=Path, default=HERE / "CASELOAD.md")
    args = parser.parse_args()
    folder = trackers(args.clients, args.interviews)
    byte_compiled()
    files = sorted(folder.glob("*.xlsx"))
    as_of = f"{AS_OF:%Y-%m-%d}"
    work = Path(tempfile.mkdtemp(prefix="followup-caseload-"))
    caseload: list[float] = []
    dry_runs: list[float] = []
    peak = 0
    started = dt.datetime.now()
    try:
        for round_ in range(args.repeats):  # interleaved, so drift hits both alike
            out = work / "caseload.xlsx"
            run = measure([FOLLOWUP, "caseload", str(folder), "--to", str(out), "--as-of", as_of])
            caseload.append(run.wall)
            peak = max(peak, run.rss)
            each = [
                measure([FOLLOWUP, "refresh", str(f), "--dry-run", "--as-of", as_of]).wall
                for f in files
            ]
            dry_runs.append(sum(each))
            print(
                f"  round {round_ + 1}: caseload {caseload[-1]:.2f} s, "
                f"{len(files)} dry runs {dry_runs[-1]:.2f} s "
                f"(median one {statistics.median(each):.2f} s)",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    one, many = statistics.median(caseload), statistics.median(dry_runs)
    minutes = (dt.datetime.now() - started).total_seconds() / 60
    text = "\n".join(
        [
            "# Caseload benchmark",
            "",
            f"`python benchmarks/caseload.py --clients {args.clients} --interviews "
            f"{args.interviews} --repeats {args.repeats}`, as of {AS_OF}, run "
            f"{started:%Y-%m-%d} ({minutes:.0f} minutes).",
            "",
            f"Machine: {machine()}.",
            "",
            f"{len(files)} trackers of {args.interviews} interviews each (as bench.py generates "
            "them, refreshed once). Median wall time of each task, interpreter start included, "
            "the two interleaved in one run.",
            "",
            "| Task | Runs | Wall time | Peak memory |",
            "|---|---:|---:|---:|",
            f"| `followup caseload` over all {len(files)}, one process | {args.repeats} | "
            f"{one:.2f} s | {peak / 2**20:.0f} MB |",
            f"| `followup refresh --dry-run`, {len(files)} processes one after another | "
            f"{args.repeats} | {many:.2f} s | |",
            "",
            f"caseload / dry runs: **{one / many:.3f}** (the target is at most 0.3); "
            f"{one / len(files):.3f} s per tracker in the caseload.",
            "",
        ]
    )
    print(text)
    args.output.write_text(text)


if __name__ == "__main__":
    main()
