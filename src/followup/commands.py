"""The work behind each command, without Click: read the tracker, run the core, write.

The CLI calls these and turns their results and typed errors into messages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from followup.errors import FollowupError, Problem, TrackerInvalid
from followup.schema import HISTORY_SHEET, NETWORK_SHEET, THIS_WEEK_SHEET
from followup.tracker import Tracker
from followup.validate import parse_tracker
from followup.workbook.reader import read_workbook
from followup.workbook.safety import Stamp, read_tracker
from followup.workbook.template import write_tracker

OWNED_READ = (THIS_WEEK_SHEET, NETWORK_SHEET, HISTORY_SHEET)


@dataclass(frozen=True)
class Loaded:
    path: Path
    data: bytes
    stamp: Stamp
    tracker: Tracker
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def load(path: Path, as_of: pd.Timestamp) -> Loaded:
    """Read and validate the tracker; every problem is returned, none raised."""
    data, stamp = read_tracker(path)
    raw = read_workbook(data, path.name, OWNED_READ)
    tracker, problems = parse_tracker(raw.sheets, raw.clashes, as_of)
    return Loaded(path, data, stamp, tracker, problems)


def load_valid(path: Path, as_of: pd.Timestamp) -> Loaded:
    loaded = load(path, as_of)
    if loaded.errors:
        raise TrackerInvalid(loaded.problems)
    return loaded


def init(path: Path) -> None:
    if path.exists():
        raise FollowupError(
            f"{path} already exists, and followup never overwrites a tracker. "
            "Choose a new file name, or move the old file away first."
        )
    if not path.parent.is_dir():
        raise FollowupError(f"the folder {path.parent} does not exist. Create it first.")
    write_tracker(path)
