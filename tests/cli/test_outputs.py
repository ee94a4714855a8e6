"""No command overwrites a file it did not write (SPEC section 2): refresh --output, export --to
and export --ics refuse an existing file unless followup wrote that kind of output there, or
--overwrite is given, and no output ever replaces a tracker; names must fit what is written;
a missing folder is named."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from followup.outputs import CALENDAR, EXPORT, TRACKER, WORK_SEARCH
from followup.workbook.targets import written_as
from tests.cli.helpers import run
from tests.workbooks import ACME, tracker, write

REFUSED = (
    "error: {path} already exists and is not {what} that followup wrote, so it was left as it "
    "was. Choose another file name, or add --overwrite to replace it.\n"
)
KEPT_TRACKER = (
    "error: {path} already exists: followup writes a refreshed tracker only to a new file, so "
    "it was left as it was. Choose another file name, or add --overwrite to replace it.\n"
)

NOT_A_TRACKER = (
    "error: {path} {sign}: it is a tracker, and followup never replaces a tracker with another "
    "file, not even with --overwrite. Choose another file name.\n"
)
OWNED_SIGN = "holds the sheets followup writes in a tracker"
INTERVIEWS_SIGN = "holds an Interviews sheet"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def acme(tmp_path: Path) -> Path:
    return tracker(tmp_path / "t.xlsx", [ACME], settings={"Your name": "Ana Lopez"})


def users_workbook(path: Path, writer: str) -> Path:
    """A six-week tracker of the user's own, or any workbook they keep."""
    return write(path, {"Budget": [["Month", "Rent"], ["Nov", 900]]}, writer=writer)


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_refresh_output_never_replaces_an_existing_workbook(
    acme: Path, tmp_path: Path, writer: str
) -> None:
    precious = users_workbook(tmp_path / "precious.xlsx", writer)
    before, tracker_before = digest(precious), digest(acme)
    code, output = run("refresh", str(acme), "--as-of", "2026-11-16", "--output", str(precious))
    assert code == 1
    assert output == KEPT_TRACKER.format(path=precious)
    assert digest(precious) == before and digest(acme) == tracker_before
    assert not list(tmp_path.glob(".precious*"))  # no temporary file left behind


def test_a_refreshed_tracker_is_never_an_output_followup_may_replace(
    acme: Path, tmp_path: Path
) -> None:
    out = tmp_path / "copy.xlsx"
    assert run("refresh", str(acme), "--as-of", "2026-11-16", "--output", str(out))[0] == 0
    before = digest(out)
    for overwrite in ([], ["--overwrite"]):
        code, output = run(
            "export", str(acme), "--as-of", "2026-11-23", "--to", str(out), *overwrite
        )
        assert (code, output) == (1, NOT_A_TRACKER.format(path=out, sign=OWNED_SIGN))
        code, output = run(
            "refresh", str(acme), "--as-of", "2026-11-23", "--output", str(out), *overwrite
        )
        assert (code, output) == (1, NOT_A_TRACKER.format(path=out, sign=OWNED_SIGN))
    assert digest(out) == before


def test_refresh_output_to_the_tracker_itself_is_an_ordinary_refresh(acme: Path) -> None:
    code, output = run("refresh", str(acme), "--as-of", "2026-11-16", "--output", str(acme))
    assert code == 0, output
    assert f"Wrote This Week, Network Updates, Summary and History to {acme}.\n" in output


def test_weekly_exports_replace_last_weeks_and_nothing_else(acme: Path, tmp_path: Path) -> None:
    coach, calendar = tmp_path / "coach.xlsx", tmp_path / "week.ics"
    for day in ("2026-11-16", "2026-11-23"):
        code, output = run(
            "export", str(acme), "--as-of", day, "--to", str(coach), "--ics", str(calendar)
        )
        assert code == 0, output
        if day == "2026-11-16":
            first = digest(coach), digest(calendar)
    assert (digest(coach), digest(calendar)) != first
    assert b"20261123" in calendar.read_bytes()


def test_an_export_the_coach_opened_and_saved_is_still_followups(
    acme: Path, tmp_path: Path
) -> None:
    coach = tmp_path / "coach.xlsx"
    assert run("export", str(acme), "--as-of", "2026-11-16", "--to", str(coach))[0] == 0
    book = openpyxl.load_workbook(coach)
    book["Summary"]["H1"] = "seen"
    book.save(coach)
    code, output = run("export", str(acme), "--as-of", "2026-11-23", "--to", str(coach))
    assert code == 0, output


@pytest.mark.parametrize("writer", ["openpyxl", "xlsxwriter"])
def test_export_refuses_a_workbook_it_did_not_write(
    acme: Path, tmp_path: Path, writer: str
) -> None:
    theirs = users_workbook(tmp_path / "coach.xlsx", writer)
    before = digest(theirs)
    code, output = run("export", str(acme), "--as-of", "2026-11-16", "--to", str(theirs))
    assert (code, output) == (1, REFUSED.format(path=theirs, what="a coach export"))
    assert digest(theirs) == before
    code, output = run(
        "export", str(acme), "--as-of", "2026-11-16", "--to", str(theirs), "--overwrite"
    )
    assert code == 0, output
    assert openpyxl.load_workbook(theirs).sheetnames[0] == "This Week"


@pytest.mark.parametrize(
    "content",
    [
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\n"
        b"BEGIN:VEVENT\r\nSUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        b"my notes, not a calendar at all\n",
        b"",
    ],
)
def test_calendar_export_refuses_a_file_it_did_not_write(
    acme: Path, tmp_path: Path, content: bytes
) -> None:
    theirs = tmp_path / "family.ics"
    theirs.write_bytes(content)
    code, output = run("export", str(acme), "--as-of", "2026-11-16", "--ics", str(theirs))
    assert (code, output) == (1, REFUSED.format(path=theirs, what="a calendar file"))
    assert theirs.read_bytes() == content


def test_a_refused_output_writes_nothing_at_all(acme: Path, tmp_path: Path) -> None:
    theirs = tmp_path / "family.ics"
    theirs.write_text("mine")
    coach = tmp_path / "coach.xlsx"
    code, _ = run(
        "export", str(acme), "--as-of", "2026-11-16", "--to", str(coach), "--ics", str(theirs)
    )
    assert code == 1 and not coach.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["export", "--ics", "week.xlsx"],
            "Error: Invalid value for '--ics': week.xlsx is not a name for a calendar file; "
            "use a name ending in .ics.",
        ),
        (
            ["export", "--to", "coach.ics"],
            "Error: Invalid value for '--to': coach.ics is not a name for a coach export; "
            "use a name ending in .xlsx.",
        ),
        (
            ["refresh", "--output", "o.csv"],
            "Error: Invalid value for '--output' / '-o': o.csv is not a name for a refreshed tracker; "
            "use a name ending in .xlsx or .xlsm.",
        ),
        (
            ["refresh", "--output", "o.xlsm"],
            "Error: Invalid value for '--output' / '-o': o.xlsm does not fit t.xlsx: name the copy "
            "with the tracker's own ending, .xlsx.",
        ),
    ],
)
def test_a_name_that_does_not_fit_the_output_is_a_usage_error(
    acme: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    command, option, name = args
    code, output = run(command, acme.name, option, name)
    assert code == 2
    assert output.splitlines()[-1] == message
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize(
    "args",
    [["refresh", "--output", "o.xlsx"], ["export", "--to", "o.xlsx"], ["export", "--ics", "o.ics"]],
)
def test_a_missing_folder_is_named_as_missing(acme: Path, tmp_path: Path, args: list[str]) -> None:
    command, option, name = args
    folder = tmp_path / "nodir"
    code, output = run(command, str(acme), "--as-of", "2026-11-16", option, str(folder / name))
    assert (code, output) == (
        1,
        f"error: the folder {folder} does not exist. Create it first, or choose another folder.\n",
    )
    assert not folder.exists()


def test_markers_tell_each_kind_apart(tmp_path: Path) -> None:
    calendar = tmp_path / "c.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//followup//interview follow-ups//EN\n"
    )
    assert written_as(calendar, CALENDAR)
    log = tmp_path / "log.csv"
    log.write_text(
        "\ufeffDate,Employer,Contact person,Method,Position,Result\n2026-11-02,Acme,,,,\n"
    )
    assert written_as(log, WORK_SEARCH)
    log.write_text("Date,Company,Amount\n")
    assert not written_as(log, WORK_SEARCH)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert not written_as(broken, EXPORT) and not written_as(broken, TRACKER)


def _never_refreshed(folder: Path) -> Path:
    """A tracker typed by its owner in another app: an Interviews sheet, no owned sheets."""
    return write(
        folder / "maria.xlsx",
        {"Interviews": [["Company", "Role", "Interview date"], ["Globex", "PM", "2026-11-10"]]},
        writer="xlsxwriter",
    )


def _refreshed(folder: Path) -> Path:
    """A tracker followup refreshed, whose Interviews sheet the user renamed: its owned sheets
    still say what it is."""
    path = tracker(folder / "lee.xlsx", [ACME])
    assert run("refresh", str(path), "--as-of", "2026-11-16", "--no-backup")[0] == 0
    book = openpyxl.load_workbook(path)
    book["Interviews"].title = "Jobs"
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("build", "sign"), [(_never_refreshed, INTERVIEWS_SIGN), (_refreshed, OWNED_SIGN)]
)
@pytest.mark.parametrize(
    "args",
    [
        ["export", "{acme}", "--to", "{out}"],
        ["export", "{acme}", "--work-search", "{out}"],
        ["refresh", "{acme}", "--output", "{out}"],
        ["caseload", "{acme}", "--to", "{out}"],
    ],
)
def test_overwrite_never_replaces_a_tracker(
    acme: Path, tmp_path: Path, build: Callable[[Path], Path], sign: str, args: list[str]
) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    theirs = build(folder)
    before = digest(theirs), digest(acme)
    command = [a.format(acme=acme, out=theirs) for a in args]
    code, output = run(*command, "--as-of", "2026-11-16", "--overwrite")
    assert (code, output) == (1, NOT_A_TRACKER.format(path=theirs, sign=sign))
    assert (digest(theirs), digest(acme)) == before
    assert sorted(p.name for p in folder.iterdir()) == [theirs.name]  # no temporary file


def test_import_never_replaces_a_tracker(tmp_path: Path) -> None:
    theirs = _never_refreshed(tmp_path)
    source = tmp_path / "applications.csv"
    source.write_text("Company,Role,Date applied\nInitech,Analyst,2026-11-02\n")
    before = digest(theirs)
    for overwrite in ([], ["--overwrite"]):
        code, output = run("import", str(source), str(theirs), *overwrite)
        assert (code, output) == (1, NOT_A_TRACKER.format(path=theirs, sign=INTERVIEWS_SIGN))
    assert digest(theirs) == before


def test_caseload_never_writes_over_a_tracker_of_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    maria = _never_refreshed(folder)
    tracker(folder / "bo.xlsx", [ACME])
    before = digest(maria)
    code, output = run("caseload", str(folder), "--to", str(maria), "--overwrite")
    assert (code, output) == (
        1,
        f"error: {maria} is a client's tracker. Choose another name for --to.\n",
    )
    assert digest(maria) == before
    # Any other workbook may be replaced when the coach says so.
    budget = users_workbook(tmp_path / "budget.xlsx", "openpyxl")
    code, output = run("caseload", str(folder), "--to", str(budget), "--overwrite")
    assert code == 0, output
    assert openpyxl.load_workbook(budget).sheetnames[0] == "Caseload"
