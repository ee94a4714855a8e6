"""Problems found in a tracker and the typed errors the core raises.

The CLI turns these into one-line messages and exit codes in one place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the user's tracker, located as precisely as possible."""

    level: Level
    where: str  # "Interviews!C7", "Interviews!C", "Log" or the file name
    message: str  # what is wrong and how to fix it
    # Said on every run, refresh too: how followup read the user's cells (a date order it
    # inferred, a header it does not read), not only what `check` lists.
    every_run: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == "error"

    @property
    def is_warning(self) -> bool:
        return self.level == "warning"


def show(value: object) -> str:
    """A cell value as the user would recognise it inside a message."""
    text = str(value).strip()
    if len(text) > 40:
        text = text[:37] + "..."
    return f"'{text}'"


def quoted(name: object) -> str:
    """A file or sheet name as typed in a command line, in double quotes when it holds a
    space or another character a shell would split it on."""
    text = str(name)
    return text if re.fullmatch(r"[\w./\\:+-]+", text) else f'"{text}"'


class FollowupError(Exception):
    """A problem with the user's data or file: exit code 1, never a traceback."""


class UsageMistake(FollowupError):
    """An option's value names what is not there (a sheet, a column) or contradicts another
    option: a mistake in the command line, told in Click's usage error form with exit code 2
    (SPEC 2), not a problem with the user's file."""

    def __init__(self, option: str, message: str) -> None:
        self.option = option  # as typed: "--from", "--map"
        super().__init__(message)


class TrackerInvalid(FollowupError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(f"{len(self.errors)} error(s) in the tracker")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


class UnreadableWorkbook(FollowupError):
    """The file is missing, is not a workbook, or cannot be opened."""


class UnsafeWrite(FollowupError):
    """The tracker cannot be written safely; nothing was written."""


class FileLocked(UnsafeWrite):
    """Excel or LibreOffice has the tracker open."""


class ChangedOnDisk(UnsafeWrite):
    """The tracker changed between reading it and replacing it."""


class NameClash(UnsafeWrite):
    """A user sheet or table uses a name followup needs for its own sheets."""


class OutputExists(UnsafeWrite):
    """The output file exists and followup did not write it; it is never overwritten."""


class VerifyFailed(UnsafeWrite):
    """The new workbook did not pass the structural check; the tracker was left as it was."""
