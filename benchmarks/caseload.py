"""What one `followup caseload` over many trackers costs against planning each in its own process.

    python benchmarks/caseload.py [--clients 30] [--interviews 100] [--repeats 3]

Generates CLIENTS realistic trackers of INTERVIEWS interviews each (different seeds, refreshed
once, as bench.py makes them), then times in one interleaved run, each in a fresh process:

- caseload: `followup caseload FOLDER --to OUT.xlsx --as-of DATE` (all trackers, one process)
- dry runs: `followup refresh TRACKER --dry-run --as-of DATE`, once per tracker, one after another

The ratio caseload / dry runs in wall time is the figure of issue 18 (at most 0.3). The caseload
plans its trackers in one worker process per CPU core, so its CPU time (user + system, of the
whole process tree) is reported beside the wall time: the wall ratio is what the coach waits, the
CPU ratio what work is saved. The table goes to stdout and to benchmarks/CASELOAD.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import (
    AS_OF,
    CACHE,
    FOLLOWUP,
    GENERATOR_VERSION,
    _tracker_rows,
    byte_compiled,
    machine,
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


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    cpu: float  # seconds of user and system time, the process and every child it waited for
    rss: int  # peak resident set size of the largest of them, in bytes


def measure(argv: list[str]) -> Run:
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4's usage counts the children the process itself waited for: the caseload's workers.
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    err = child.stderr.read().decode() if child.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{err}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)  # Linux: KiB


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


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
    caseload: list[Run] = []
    dry_runs: list[Run] = []
    loads = [load_average()]
    started = dt.datetime.now()
    try:
        for round_ in range(args.repeats):  # interleaved, so drift hits both alike
            out = work / "caseload.xlsx"
            caseload.append(
                measure([FOLLOWUP, "caseload", str(folder), "--to", str(out), "--as-of", as_of])
            )
            each = [
                measure([FOLLOWUP, "refresh", str(f), "--dry-run", "--as-of", as_of]) for f in files
            ]
            dry_runs.append(
                Run(sum(r.wall for r in each), sum(r.cpu for r in each), max(r.rss for r in each))
            )
            print(
                f"  round {round_ + 1}: caseload {caseload[-1].wall:.2f} s "
                f"(CPU {caseload[-1].cpu:.2f} s), {len(files)} dry runs {dry_runs[-1].wall:.2f} s "
                f"(CPU {dry_runs[-1].cpu:.2f} s; median one "
                f"{statistics.median(r.wall for r in each):.2f} s)",
                flush=True,
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    loads.append(load_average())

    def median(runs: list[Run], attr: str) -> float:
        return float(statistics.median(getattr(r, attr) for r in runs))

    one, many = median(caseload, "wall"), median(dry_runs, "wall")
    one_cpu, many_cpu = median(caseload, "cpu"), median(dry_runs, "cpu")
    cores = len(os.sched_getaffinity(0))
    minutes = (dt.datetime.now() - started).total_seconds() / 60
    text = "\n".join(
        [
            "# Caseload benchmark",
            "",
            f"`python benchmarks/caseload.py --clients {args.clients} --interviews "
            f"{args.interviews} --repeats {args.repeats}`, as of {AS_OF}, run "
            f"{started:%Y-%m-%d %H:%M} ({minutes:.0f} minutes); load average before "
            f"{loads[0]}, after {loads[1]} (1, 5, 15 minutes).",
            "",
            f"Machine: {machine()}.",
            "",
            f"{len(files)} trackers of {args.interviews} interviews each (as bench.py generates "
            "them, refreshed once). Median of each task, interpreter start included, the two "
            f"interleaved in one run. The caseload plans in {min(cores, len(files))} worker "
            f"processes ({cores} CPU cores); CPU time is user + system time of the whole "
            "process tree.",
            "",
            "| Task | Runs | Wall time | CPU time | Peak memory (largest process) |",
            "|---|---:|---:|---:|---:|",
            f"| `followup caseload` over all {len(files)}, one command | {args.repeats} | "
            f"{one:.2f} s | {one_cpu:.2f} s | {median(caseload, 'rss') / 2**20:.0f} MB |",
            f"| `followup refresh --dry-run`, {len(files)} processes one after another | "
            f"{args.repeats} | {many:.2f} s | {many_cpu:.2f} s | "
            f"{median(dry_runs, 'rss') / 2**20:.0f} MB |",
            "",
            f"caseload / dry runs: **{one / many:.3f}** in wall time (the target is at most "
            f"0.3), {one_cpu / many_cpu:.3f} in CPU time; {one / len(files):.3f} s wall and "
            f"{one_cpu / len(files):.3f} s CPU per tracker in the caseload.",
            "",
        ]
    )
    print(text)
    args.output.write_text(text)


if __name__ == "__main__":
    main()
