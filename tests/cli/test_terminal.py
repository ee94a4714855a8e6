"""The refresh's terminal summary stays readable however long the list (issue 20)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tests.cli.helpers import run
from tests.workbooks import ACME, tracker


def overdue_lines(output: str) -> tuple[int, list[str]]:
    counts = re.search(r"^  (\d+) overdue, \d+ today, \d+ this week; ", output, re.MULTILINE)
    assert counts is not None, output
    listed = [line for line in output.splitlines() if line.startswith("  - ")]
    return int(counts[1]), listed


def test_at_most_ten_overdue_actions_are_listed_then_counted(tmp_path: Path) -> None:
    rounds = [
        {**ACME, "Company": f"Company {n:02}", "Interview date": dt.date(2026, 10, 1 + n)}
        for n in range(14)
    ]
    path = tracker(tmp_path / "t.xlsx", rounds, settings={"Your name": "Ana Lopez"})
    code, output = run("refresh", str(path), "--as-of", "2026-11-02", "--dry-run")
    assert code == 0, output
    total, listed = overdue_lines(output)
    assert total > 10 and len(listed) == 10
    assert f"  and {total - 10} more: see This Week." in output.splitlines()
    dues = [dt.datetime.strptime(line.rsplit("due ", 1)[1], "%a %d %b %Y") for line in listed]
    assert dues == sorted(dues)  # the longest overdue first


def test_a_short_list_is_printed_whole(tmp_path: Path) -> None:
    path = tracker(tmp_path / "t.xlsx", [ACME], settings={"Your name": "Ana Lopez"})
    code, output = run("refresh", str(path), "--as-of", "2026-11-16", "--dry-run")
    assert code == 0
    total, listed = overdue_lines(output)
    assert 0 < total == len(listed) and "more: see This Week" not in output
