"""How long `followup refresh` and `followup check` take on big trackers, against two yardsticks.

    python benchmarks/bench.py [--sizes 100,1000,10000,50000] [--open 10000] [--repeats 3]

For each size it generates a realistic tracker (about 8 Log rows and 2 contacts per interview,
real Excel dates, Excel tables, dropdowns and styles, as `followup init` writes them), and for each
`--open` size one with many open actions (every opportunity still active, the Log stopped a month
ago: a long search, or a coach's client who paused). Each is refreshed once as of AS_OF, so the
owned sheets exist as they would after a week of use; then the timed runs refresh "next week"
(as of NEXT_WEEK), so the owned sheets change and every check of the new package runs. Timed in
one interleaved run, each in a fresh process (interpreter start and imports count):

- refresh:  `followup refresh TRACKER --output OUT --as-of NEXT_WEEK`
- check:    `followup check TRACKER --as-of NEXT_WEEK`
- openpyxl: `openpyxl.load_workbook(TRACKER).save(OUT)`, a bare open-and-save
- pandas+openpyxl: `import pandas` then the same open-and-save, in one process (small trackers,
  where what a pandas-based tool pays before any work is the yardstick)
- floor:    pandas+calamine read of the user sheets plus a member-by-member zip copy

Wall time is measured around the child process; peak memory is the child's own maximum
resident set size, from `os.wait4`. The table goes to stdout and to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from followup.schema import (
    CHANNELS,
    CLOSED_STATUSES,
    CORE_NETWORK,
    INTERVIEWER_TYPES,
    RECEIVED,
    RELATIONSHIPS,
    SENT,
    STEP_IDS,
)
from followup.workbook.template import write_tracker

HERE = Path(__file__).resolve().parent
AS_OF = dt.date(2026, 11, 23)  # the pre-refresh (the state a week of use leaves)
NEXT_WEEK = AS_OF + dt.timedelta(days=7)  # the timed refresh
CACHE = Path(tempfile.gettempdir()) / "followup-bench"
GENERATOR_VERSION = 3  # bump when the generated trackers change, to drop cached ones
BIN = Path(sys.executable).parent
FOLLOWUP = str(BIN / "followup")

OPENPYXL = "import openpyxl, sys; openpyxl.load_workbook(sys.argv[1]).save(sys.argv[2])"
PANDAS_OPENPYXL = "import pandas; " + OPENPYXL
# Above this size the pandas import is noise beside openpyxl's minutes; not worth the runs.
PANDAS_OPENPYXL_MAX = 1000
FLOOR = """
import sys, zipfile
import pandas as pd
sheets = ["Interviews", "Log", "Contacts", "Search", "Settings"]
pd.read_excel(sys.argv[1], sheet_name=sheets, header=None, engine="calamine", dtype=object)
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w") as dst:
    for info in src.infolist():
        dst.writestr(info, src.read(info.filename), compress_type=info.compress_type)
"""
TASKS = ("refresh", "check", "openpyxl", "pandas+openpyxl", "floor")


@dataclass(frozen=True, order=True)
class Shape:
    """One benchmark tracker: its number of interviews, and whether most actions are open."""

    interviews: int
    open: bool = False

    def __str__(self) -> str:
        return f"{self.interviews:,}" + (" open" if self.open else "")

    def tasks(self) -> tuple[str, ...]:
        small = self.interviews <= PANDAS_OPENPYXL_MAX
        return tuple(t for t in TASKS if t != "pandas+openpyxl" or small)


# ---------------------------------------------------------------- realistic trackers


def _tracker_rows(
    interviews: int, seed: int = 7, open_actions: bool = False
) -> dict[str, list[list[Any]]]:
    """Rows in schema column order. Two rounds per opportunity on average, years of history:
    old opportunities are mostly closed, recent ones active, so the plan is a real week.
    `open_actions`: one round per opportunity in the last six months, every one still
    active, and the Log stopped a month before AS_OF: about one open action per interview."""
    rng = np.random.default_rng(seed)
    n = interviews
    opportunities = max(1, n // 2)
    opp = np.sort(rng.integers(0, opportunities, n))
    # Spread over about 12 days per opportunity, ending a few days before the as-of date.
    span = max(30, opportunities * 12 // 10)
    if open_actions:  # one round each, all in the last six months: each one is followed up
        opportunities, opp, span = n, np.arange(n), 180
    opp_start = np.sort(rng.integers(0, span, opportunities))[::-1]  # days before as-of
    round_no = np.zeros(n, dtype=int)
    for i in range(1, n):
        round_no[i] = round_no[i - 1] + 1 if opp[i] == opp[i - 1] else 0
    ago = np.maximum(opp_start[opp] - round_no * 6, 0)
    when = [AS_OF - dt.timedelta(days=int(d)) for d in ago]
    company = [f"Company {o // 2:05d}" for o in opp]
    role = [f"{('Data Analyst', 'Product Analyst')[o % 2]} {o // 2 % 7}" for o in opp]
    closed = (opp_start[opp] > 60) & (rng.random(n) < 0.9) & (not open_actions)
    status = [
        CLOSED_STATUSES[int(k)] if c else ""
        for c, k in zip(closed, rng.integers(0, len(CLOSED_STATUSES), n), strict=True)
    ]
    kinds = rng.integers(0, len(INTERVIEWER_TYPES), n)
    rows_interviews = [
        [
            company[i],
            role[i],
            when[i],
            ("Phone screen", "Onsite", "Panel", "Final")[min(round_no[i], 3)],
            f"Interviewer {i}",
            INTERVIEWER_TYPES[int(kinds[i])],
            f"person{i}@company{opp[i] // 2}.example",
            f"555-{i % 10000:04d}",
            ("3 weeks", "10 days", when[i] + dt.timedelta(days=14), "")[i % 4],
            ("Yes", "No", "")[i % 3],
            "their data platform migration",
            "SQL, Python, stakeholder reporting",
            status[i],
            "Went well." if i % 5 == 0 else "",
        ]
        for i in range(n)
    ]
    log = []
    log_ends = AS_OF - dt.timedelta(days=30) if open_actions else AS_OF
    for i in range(n):
        for k in range(8):
            sent = k % 3 != 2
            date = min(when[i] + dt.timedelta(days=1 + 3 * k), log_ends)
            log.append(
                [
                    date,
                    company[i],
                    role[i] if (k % 4) else role[i].upper(),  # spelled differently, as people do
                    SENT if sent else RECEIVED,
                    CHANNELS[k % 3],
                    STEP_IDS[k % len(STEP_IDS)] if sent else "",
                    f"Interviewer {i}",
                    "Thanks again for your time." if sent else "We are still deciding.",
                ]
            )
    contacts = []
    for j in range(2 * n):
        rel = RELATIONSHIPS[j % len(RELATIONSHIPS)]
        last = AS_OF - dt.timedelta(days=int(rng.integers(1, 60)))
        contacts.append(
            [
                f"Contact {j}",
                rel,
                company[j % n],
                f"contact{j}@mail.example",
                "",
                # Core contacts are kept up to date; only the others may lack a date.
                last if j % 3 or rel == CORE_NETWORK else "",
                "" if j % 4 else 21,
                "",
            ]
        )
    search = [
        [
            AS_OF - dt.timedelta(days=int(d)),
            ("Application", "Networking", "Cold call")[j % 3],
            f"Prospect {j}",
            "",
            "",
        ]
        for j, d in enumerate(rng.integers(0, span, max(1, n // 2)))
    ]
    settings = [["Your name", "Jordan Lee"], ["Holidays (country code)", "US"]]
    return {
        "Interviews": rows_interviews,
        "Log": log,
        "Contacts": contacts,
        "Search": search,
        "Settings": settings,
    }


def tracker(shape: Shape | int) -> Path:
    """A tracker of this shape refreshed as of AS_OF, generated once and kept in the temp
    folder."""
    if isinstance(shape, int):
        shape = Shape(shape)
    CACHE.mkdir(exist_ok=True)
    kind = "-open" if shape.open else ""
    path = CACHE / f"tracker-{shape.interviews}{kind}-v{GENERATOR_VERSION}.xlsx"
    if path.exists():
        return path
    raw = CACHE / f"raw-{shape.interviews}{kind}.xlsx"
    print(f"  generating {shape} interviews ...", flush=True)
    write_tracker(raw, _tracker_rows(shape.interviews, open_actions=shape.open))
    subprocess.run(
        [FOLLOWUP, "refresh", str(raw), "--output", str(path), "--as-of", f"{AS_OF:%Y-%m-%d}"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    raw.unlink()
    return path


# ---------------------------------------------------------------- measuring


@dataclass
class Run:
    wall: float  # seconds
    rss: int  # peak resident set size in bytes


def measure(argv: list[str]) -> Run:
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    err = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({child.returncode}):\n{err}")
    return Run(wall, usage.ru_maxrss * 1024)  # Linux reports kilobytes


def command(task: str, path: Path, out: Path) -> list[str]:
    as_of = f"{NEXT_WEEK:%Y-%m-%d}"
    if task == "refresh":
        return [FOLLOWUP, "refresh", str(path), "--output", str(out), "--as-of", as_of]
    if task == "check":
        return [FOLLOWUP, "check", str(path), "--as-of", as_of]
    script = {"openpyxl": OPENPYXL, "pandas+openpyxl": PANDAS_OPENPYXL, "floor": FLOOR}[task]
    return [sys.executable, "-c", script, str(path), str(out)]


Results = dict[Shape, dict[str, list[Run]]]


def byte_compiled() -> None:
    """Byte-compile followup's modules, as pip does when it installs the package: run from
    a source checkout with PYTHONDONTWRITEBYTECODE set, each timed run would otherwise
    compile every module of followup again (about 0.1 s), a cost no installed copy pays."""
    import compileall

    import followup

    compileall.compile_dir(Path(followup.__file__).parent, quiet=1)


def run_all(shapes: list[Shape], repeats: dict[Shape, int]) -> Results:
    paths = {shape: tracker(shape) for shape in shapes}
    byte_compiled()
    results: Results = {s: {t: [] for t in s.tasks()} for s in shapes}
    work = Path(tempfile.mkdtemp(prefix="followup-bench-"))
    try:
        for round_ in range(max(repeats.values())):
            for shape in shapes:
                if round_ >= repeats[shape]:
                    continue
                for task in shape.tasks():  # interleaved: machine drift hits every task alike
                    out = work / "out.xlsx"
                    out.unlink(missing_ok=True)
                    run = measure(command(task, paths[shape], out))
                    results[shape][task].append(run)
                    print(
                        f"  {shape!s:>11} {task:<15} round {round_ + 1}: "
                        f"{run.wall:7.2f} s {run.rss / 2**20:7.0f} MB",
                        flush=True,
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


# ---------------------------------------------------------------- reporting


def median(runs: list[Run], attr: str) -> float:
    return float(statistics.median(getattr(r, attr) for r in runs))


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    libs = ", ".join(
        f"{name} {metadata.version(name)}"
        for name in ("pandas", "python-calamine", "openpyxl", "XlsxWriter", "lxml", "numpy")
    )
    return (
        f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GB RAM; {platform.system()} "
        f"{platform.release()}; Python {platform.python_version()}; {libs}"
    )


def report(results: Results, paths: dict[Shape, Path]) -> str:
    lines = [
        "| Interviews | File | Runs | refresh | check | openpyxl load+save "
        "| pandas+openpyxl | floor | refresh / floor | refresh / openpyxl "
        "| refresh / pandas+openpyxl | check / openpyxl | refresh MB / openpyxl MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for shape, by_task in results.items():
        wall = {t: median(runs, "wall") for t, runs in by_task.items()}
        mem = {t: median(runs, "rss") / 2**20 for t, runs in by_task.items()}
        cells = [f"{wall[t]:.2f} s, {mem[t]:.0f} MB" if t in wall else "" for t in TASKS]

        def ratio(a: str, b: str, form: str = ".2f", runs: dict[str, list[Run]] = by_task) -> str:
            # Each round's own ratio, then their median: the tasks of one round ran minutes
            # apart at most, so a machine that slows down between rounds cancels out.
            if b not in runs:
                return ""
            pairs = zip(runs[a], runs[b], strict=True)
            return f"{statistics.median(x.wall / y.wall for x, y in pairs):{form}}"

        lines.append(
            f"| {shape} | {paths[shape].stat().st_size / 2**20:.1f} MB "
            f"| {len(by_task['refresh'])} | "
            + " | ".join(cells)
            + f" | {ratio('refresh', 'floor')} | {ratio('refresh', 'openpyxl', '.3f')}"
            f" | {ratio('refresh', 'pandas+openpyxl')} | {ratio('check', 'openpyxl', '.3f')}"
            f" | {mem['refresh'] / mem['openpyxl']:.2f} |"
        )
    notes = []
    by_size = {s.interviews: s for s in results if not s.open}
    if 10000 in by_size and 50000 in by_size:
        for task in ("refresh", "check"):
            growth = median(results[by_size[50000]][task], "wall") / median(
                results[by_size[10000]][task], "wall"
            )
            notes.append(f"- {task}: 50,000 interviews cost {growth:.2f}x the 10,000 figure.")
    return "\n".join(
        [
            "Median wall time (interpreter start included) and peak memory (the process's "
            "maximum resident set size) of each command, run in a fresh process, "
            f"all trackers interleaved: {', '.join(str(s) for s in results)}. A time ratio "
            "is the median of each round's own ratio.",
            "",
            *lines,
            "",
            *notes,
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000,50000")
    parser.add_argument(
        "--open", default="10000", help="sizes of trackers with many open actions ('' for none)"
    )
    parser.add_argument(
        "--repeats", type=int, default=5, help="runs per size (10,000+: at most 3; 50,000+: 2)"
    )
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    shapes = [Shape(int(s)) for s in args.sizes.split(",") if s] + [
        Shape(int(s), open=True) for s in args.open.split(",") if s
    ]
    # The openpyxl round trip of a big tracker takes minutes: fewer runs keep the whole
    # benchmark under half an hour on a small machine.
    repeats = {
        s: min(args.repeats, 2 if s.interviews >= 50000 else 3 if s.interviews >= 10000 else 99)
        for s in shapes
    }
    if any(r < args.repeats for r in repeats.values()):
        print(
            "Fewer runs for big trackers: " + ", ".join(f"{s}: {r}" for s, r in repeats.items()),
            flush=True,
        )
    started = time.perf_counter()
    results = run_all(shapes, repeats)
    paths = {shape: tracker(shape) for shape in shapes}
    table = report(results, paths)
    print()
    print(table)
    text = "\n".join(
        [
            "# Benchmarks",
            "",
            f"`python benchmarks/bench.py --sizes {args.sizes} --open {args.open} "
            f"--repeats {args.repeats}`, pre-refreshed as of {AS_OF:%Y-%m-%d}, timed as of "
            f"{NEXT_WEEK:%Y-%m-%d}, run {dt.date.today():%Y-%m-%d} "
            f"({(time.perf_counter() - started) / 60:.0f} minutes).",
            "",
            f"Machine: {machine()}.",
            "",
            "Tasks: **refresh** = `followup refresh TRACKER --output OUT` a week after the "
            "tracker's last refresh (so every owned sheet changes); **check** = "
            "`followup check TRACKER`; **openpyxl** = `openpyxl.load_workbook(TRACKER).save(OUT)`; "
            "**pandas+openpyxl** = `import pandas` and the same in one process; "
            "**floor** = pandas+calamine read of the user sheets plus a member-by-member zip copy "
            "of the package. followup's modules are byte-compiled first, as an installed "
            "copy's are. Each tracker has about 8 Log rows, 2 contacts and half a Search "
            "row per interview, in Excel tables, and has been refreshed once before. An "
            "**open** tracker keeps every opportunity active and its Log stopped a month "
            "before, so about one action per interview is open.",
            "",
            table,
            "",
        ]
    )
    args.output.write_text(text)
    print(f"\nWritten to {args.output}")


if __name__ == "__main__":
    main()
