"""A file that is not a tracker but looks like one to a user: an output followup wrote (a
coach export, a calendar, a caseload, a work-search log) or the lock file a spreadsheet app
keeps beside an open workbook. Each is named as what it is, with what to run instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.workbooks import ACME, tracker

AS_OF = "2026-11-16"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("outputs")
    path = tracker(folder / "tracker.xlsx", [ACME], writer="xlsxwriter")
    args = ["--as-of", AS_OF]
    for option, name in (
        ("--to", "week.xlsx"),
        ("--ics", "week.ics"),
        ("--work-search", "log.xlsx"),
        ("--work-search", "log.csv"),
    ):
        code, output = run("export", str(path), option, str(folder / name), *args)
        assert code == 0, output
    code, output = run("caseload", str(path), "--to", str(folder / "clients.xlsx"), *args)
    assert code == 0, output
    return folder


WRITTEN = {
    "week.xlsx": ("a coach export", "the tracker", "followup export TRACKER.xlsx --to week.xlsx"),
    "week.ics": ("a calendar file", "the tracker", "followup export TRACKER.xlsx --ics week.ics"),
    "log.xlsx": (
        "a work-search log",
        "the tracker",
        "followup export TRACKER.xlsx --work-search log.xlsx",
    ),
    "log.csv": (
        "a work-search log",
        "the tracker",
        "followup export TRACKER.xlsx --work-search log.csv",
    ),
    "clients.xlsx": (
        "a caseload workbook",
        "the clients' trackers",
        "followup caseload TRACKER... --to clients.xlsx",
    ),
}


def said(name: str) -> str:
    what, source, command = WRITTEN[name]
    made_from = (
        "the tracker it was written from (the workbook with your Interviews sheet)"
        if source == "the tracker"
        else "the clients' trackers it was written from (workbooks with an Interviews sheet)"
    )
    return (
        f"error: {name} is {what} that followup wrote, not a tracker. Name {made_from} "
        f"instead; {command} writes this file again from it.\n"
    )


@pytest.mark.parametrize("name", list(WRITTEN))
@pytest.mark.parametrize("command", [["check"], ["refresh"], ["export", "--to", "again.xlsx"]])
def test_an_output_given_as_the_tracker_says_what_it_is(
    outputs: Path, name: str, command: list[str]
) -> None:
    path = outputs / name
    before = path.read_bytes()
    verb, *rest = command
    code, output = run(verb, str(path), *rest, "--as-of", AS_OF)
    assert (code, output) == (1, said(name))
    assert path.read_bytes() == before and not (outputs / "again.xlsx").exists()


def test_a_caseload_names_an_output_among_the_trackers(outputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "cl.xlsx"
    code, output = run(
        "caseload", str(outputs / "tracker.xlsx"), str(outputs / "week.xlsx"), "--to", str(out)
    )
    assert code == 0, output
    assert f"warning: {outputs / 'week.xlsx'}: {said('week.xlsx')[len('error: ') :]}" in output


@pytest.mark.parametrize(
    ("tracker_name", "lock", "app"),
    [
        ("elodie.xlsx", "~$elodie.xlsx", "Excel"),
        # Older Office versions drop the first two characters of a long name.
        ("interviews2026.xlsx", "~$terviews2026.xlsx", "Excel"),
        ("elodie.xlsx", ".~lock.elodie.xlsx#", "LibreOffice"),
    ],
)
def test_a_lock_file_given_as_the_tracker_names_the_workbook_it_locks(
    tmp_path: Path, tracker_name: str, lock: str, app: str
) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    tracker(folder / tracker_name, [ACME])
    (folder / lock).write_bytes(b"\x05Elodie" + b" " * 40)
    message = (
        f"{lock} is {app}'s lock file for {tracker_name}, not a tracker: {app} keeps it there "
        f"while {tracker_name} is open. Name {folder / tracker_name} instead.\n"
    )
    for command in (["check"], ["refresh", "--dry-run"]):
        code, output = run(*command, str(folder / lock))
        assert (code, output) == (1, f"error: {message}")
    out = tmp_path / "cl.xlsx"
    code, output = run("caseload", str(folder / lock), str(folder / tracker_name), "--to", str(out))
    assert code == 0 and f"warning: {folder / lock}: {message}" in output
