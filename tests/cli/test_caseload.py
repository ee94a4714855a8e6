"""A coach's caseload over many clients' trackers, read only (SPEC 6b)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from followup import operations
from followup.errors import FollowupError
from tests.cli.helpers import run
from tests.workbooks import ACME, tracker

AS_OF = "2026-11-16"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _caseload(path: Path) -> pd.DataFrame:
    grid = pd.read_excel(path, sheet_name="Caseload", header=None, engine="calamine")
    header = grid.index[grid.iloc[:, 0].eq("Attention")][0]
    table = grid.iloc[header + 1 :].set_axis(grid.iloc[header].tolist(), axis=1)
    return table.dropna(how="all").reset_index(drop=True)


def _dry_run_counts(path: Path) -> tuple[int, int]:
    """Overdue, and due today or later this week, as `refresh --dry-run` prints them."""
    code, output = run("refresh", str(path), "--as-of", AS_OF, "--dry-run")
    assert code == 0, output
    found = re.search(r"(\d+) overdue, (\d+) today, (\d+) this week", output)
    assert found, output
    return int(found[1]), int(found[2]) + int(found[3])


@pytest.fixture(scope="module")
def clients_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five clients: one with errors, one open in Excel, one never refreshed, one with an
    offer, one refreshed long ago; two of them share a name (made once a module)."""
    folder = tmp_path_factory.mktemp("caseload") / "clients"
    folder.mkdir()
    tracker(
        folder / "broken.xlsx",
        [
            {**ACME, "Interview date": "next tuesday"},
            {**ACME, "Company": None, "Role": "Designer"},
            {**ACME, "Role": "Lead", "Interview date": "someday"},
        ],
        settings={"Your name": "Bo Broken"},
    )
    tracker(
        folder / "locked.xlsx",
        [ACME, {**ACME, "Company": "Globex", "Interview date": dt.date(2026, 11, 12)}],
        search=[{"Date": dt.date(2026, 11, 13), "Activity": "Application", "Company": "Initech"}],
        settings={"Your name": "Lou Locked"},
    )
    (folder / "~$locked.xlsx").write_bytes(b"\x08Lou Lock" + b" " * 60)
    (folder / ".~lock.locked.xlsx#").write_text("Lou,lou,host,16.11.2026 09:00,url;")
    tracker(folder / "never.xlsx", [ACME], settings={"Your name": "Sam Lee"})
    tracker(
        folder / "offer.xlsx",
        [{**ACME, "Status": "Offer"}, {**ACME, "Company": "Globex", "Role": "PM"}],
        log=[
            {
                "Date": dt.date(2026, 11, 13),
                "Company": "Globex",
                "Direction": "Sent",
                "Step": "halfway",
            }
        ],
        settings={"Your name": "Sam Lee"},
    )
    stale = tracker(folder / "stale.xlsx", [ACME])
    assert run("refresh", str(stale), "--as-of", "2026-11-02", "--no-backup")[0] == 0
    return folder


@pytest.fixture
def clients(clients_once: Path, tmp_path: Path) -> Path:
    """The five clients' folder, copied for each test (lock files and times included)."""
    return Path(shutil.copytree(clients_once, tmp_path / "clients"))


def test_caseload_has_a_row_per_client_with_their_dry_run_counts(
    clients: Path, tmp_path: Path
) -> None:
    trackers = sorted(p for p in clients.iterdir() if p.is_file())
    before = {p: _digest(p) for p in trackers}
    out = tmp_path / "caseload.xlsx"
    code, output = run("caseload", str(clients), "--to", str(out), "--as-of", AS_OF)
    assert code == 0, output
    assert f"Wrote the caseload of 5 clients (5 needing you now) to {out}." in output
    assert "broken.xlsx: Not planned, 3 errors: Interviews!A3: Company is empty." in output
    assert {p: _digest(p) for p in trackers} == before  # lock files included
    assert not (clients / ".followup-backups").exists()

    table = _caseload(out).set_index("File")
    assert len(table) == 5
    for name in ("locked", "never", "offer", "stale"):
        row = table.loc[str(clients / f"{name}.xlsx")]
        overdue, due = _dry_run_counts(clients / f"{name}.xlsx")
        assert (row["Overdue"], row["Due this week"]) == (overdue, due), name

    broken = table.loc[str(clients / "broken.xlsx")]
    assert broken["Client"] == "Bo Broken" and broken["Attention"] == "Now"
    assert broken["Flag"] == (
        "Not planned, 3 errors: Interviews!A3: Company is empty. Fill it in, or delete the row. "
        "Interviews!C2: 'next tuesday' is not a date. Type a date such as 2026-11-02. "
        "And 1 more error: followup check lists them all."
    )
    assert pd.isna(broken["Sheet"])

    locked = table.loc[str(clients / "locked.xlsx")]
    assert locked["Client"] == "Lou Locked"
    assert (locked["Active opportunities"], locked["Offers"]) == (2, 0)
    assert locked["Search activities (7 days)"] == 1 and locked["Search target"] == 10
    assert locked["Missed (7 days)"] == 1  # Acme's thank-you, past its window on 12 Nov
    assert locked["Flag"] == (
        "1 follow-up missed in the last 7 days; 2 actions overdue; Search stalling: 1 search "
        "activity in the last 7 days, target 10; Never refreshed"
    )

    offer = table.loc[str(clients / "offer.xlsx")]
    assert (offer["Offers"], offer["Active opportunities"]) == (1, 1)
    assert offer["Done (7 days)"] == 1

    stale = table.loc[str(clients / "stale.xlsx")]
    assert stale["Client"] == "stale"  # no name in Settings: the file's name
    assert pd.Timestamp(stale["Last refresh"]).date() == dt.date(2026, 11, 2)
    assert stale["Flag"] == (
        "1 follow-up missed in the last 7 days; Not refreshed for 14 days; 1 action overdue; "
        "Search stalling: 0 search activities in the last 7 days, target 10"
    )
    assert stale["Attention"] == "Now"

    # Clients needing the coach come first; two clients named alike get distinct sheets.
    order = _caseload(out)["Attention"].tolist()
    assert order == sorted(order, key=["Now", "Check", "On track"].index)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Caseload" and wb["Caseload"]._charts
    assert {"Sam Lee", "Sam Lee (2)", "Lou Locked", "stale"} == set(wb.sheetnames[1:])
    header = next(r for r in wb["Sam Lee"].iter_rows(values_only=True) if r[0] == "When")
    assert "Note" not in header and "Done" in header


def test_caseload_counts_match_the_summary_of_a_refresh(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "caseload.xlsx"
    assert run("caseload", str(clients / "locked.xlsx"), "--to", str(out), "--as-of", AS_OF)[0] == 0
    copy = tmp_path / "copy.xlsx"
    assert run("refresh", str(clients / "locked.xlsx"), "--as-of", AS_OF, "-o", str(copy))[0] == 0
    summary = pd.read_excel(copy, sheet_name="Summary", header=None, engine="calamine")
    value = {
        str(k): int(v) for k, v in zip(summary[0], summary[1], strict=True) if str(v).isdigit()
    }
    row = _caseload(out).iloc[0]
    assert row["Done (7 days)"] == value["Sent in the last 7 days"]
    assert row["Missed (7 days)"] == value["Missed in the last 7 days"]
    assert row["In silence chain"] == value["In silence chain"]
    assert row["Search activities (7 days)"] == value["Search activities"]


def test_caseload_goes_on_past_an_unreadable_file_but_not_when_none_can_be_read(
    clients: Path, tmp_path: Path
) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"\x00not a workbook")
    out = tmp_path / "caseload.xlsx"
    code, output = run("caseload", str(junk), str(clients / "never.xlsx"), "--to", str(out))
    assert code == 0, output
    assert "junk.xlsx is not an Excel workbook." in output
    assert len(_caseload(out)) == 2

    alone = tmp_path / "alone.xlsx"
    code, output = run("caseload", str(junk), str(tmp_path / "missing.xlsx"), "--to", str(alone))
    assert code == 1
    assert output.startswith("error: no tracker could be read, so no caseload was written:")
    assert "missing.xlsx was not found" in output and not alone.exists()


def test_caseload_never_writes_over_a_tracker_but_replaces_its_own(clients: Path) -> None:
    never = clients / "never.xlsx"
    before = _digest(never)
    for args in ([str(never)], [str(clients)], [str(clients), "--overwrite"]):
        code, output = run("caseload", *args, "--to", str(never))
        assert (code, output) == (
            1,
            f"error: {never} is a client's tracker. Choose another name for --to.\n",
        )
    assert _digest(never) == before
    # The coach keeps the caseload among the trackers: next week's run replaces it and
    # does not read it as a client.
    out = clients / "caseload.xlsx"
    assert run("caseload", str(clients), "--to", str(out), "--as-of", AS_OF)[0] == 0
    code, output = run("caseload", str(clients), "--to", str(out), "--as-of", "2026-11-17")
    assert code == 0 and "of 5 clients" in output
    assert "Caseload as of Tue 17 Nov 2026" in str(
        openpyxl.load_workbook(out)["Caseload"]["A1"].value
    )


def test_caseload_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    code, output = run("caseload", str(tmp_path), "--to", str(tmp_path / "c.xlsx"))
    assert code == 1 and "no tracker was found in" in output


def test_each_flag_says_why_the_client_needs_the_coach(tmp_path: Path) -> None:
    """Three clients: one whose routine stopped 20 days ago, one whose search stalls, one on
    track. Red first, then amber; the flag names every reason for the colour."""
    folder = tmp_path / "clients"
    folder.mkdir()
    today = {**ACME, "Interview date": dt.date(2026, 11, 16)}
    searches = [
        {"Date": dt.date(2026, 11, 10 + i % 5), "Activity": "Application", "Company": f"Co {i}"}
        for i in range(10)
    ]
    fine = tracker(folder / "fine.xlsx", [today], search=searches, settings={"Your name": "Fay"})
    stalling = tracker(
        folder / "stalling.xlsx", [today], search=searches[:1], settings={"Your name": "Stu"}
    )
    stopped = tracker(
        folder / "stopped.xlsx", [today], search=searches, settings={"Your name": "Olga"}
    )
    for path, day in ((fine, AS_OF), (stalling, AS_OF), (stopped, "2026-10-27")):
        assert run("refresh", str(path), "--as-of", day, "--no-backup")[0] == 0
    out = tmp_path / "caseload.xlsx"
    code, output = run("caseload", str(folder), "--to", str(out), "--as-of", AS_OF)
    assert (code, output) == (0, f"Wrote the caseload of 3 clients (1 needing you now) to {out}.\n")
    table = _caseload(out)
    assert table[["Attention", "Client"]].to_numpy().tolist() == [
        ["Now", "Olga"],
        ["Check", "Stu"],
        ["On track", "Fay"],
    ]
    assert table["Flag"].fillna("").tolist() == [
        "Not refreshed for 20 days",
        "Search stalling: 1 search activity in the last 7 days, target 10",
        "",
    ]


def _members(path: Path) -> dict[str, bytes]:
    """Each zip member's content; the package's creation time (to the second) left out."""
    with zipfile.ZipFile(path) as book:
        return {
            name: re.sub(rb"\d{4}-\d\d-\d\dT[\d:]{8}Z", b"", book.read(name))
            for name in book.namelist()
        }


def test_workers_write_the_workbook_one_process_writes(clients: Path, tmp_path: Path) -> None:
    """The trackers planned by several worker processes give the same workbook, byte for
    byte, as planned one after another in this process; and the trackers stay untouched."""
    trackers = sorted(p for p in clients.iterdir() if p.is_file())
    before = {p: _digest(p) for p in trackers}
    day = dt.date.fromisoformat(AS_OF)
    serial = operations.caseload([clients], day, 7, to=tmp_path / "serial.xlsx", jobs=1)
    for jobs in (2, 8):
        out = tmp_path / f"jobs-{jobs}.xlsx"
        done = operations.caseload([clients], day, 7, to=out, jobs=jobs)
        assert _members(out) == _members(serial.written)
        assert (done.clients, done.needing, done.not_planned) == (
            serial.clients,
            serial.needing,
            serial.not_planned,
        )
    assert {p: _digest(p) for p in trackers} == before
    assert not (clients / ".followup-backups").exists()


def _failing(where: str, monkeypatch: pytest.MonkeyPatch, crash: bool = False) -> None:
    """Make followup fail on any tracker whose name holds `where`: raise a bug, or (crash)
    end the whole process planning it, as running out of memory does."""
    real = operations.plan

    def plan(tracker: Any, as_of: pd.Timestamp, days: int) -> operations.Plan:
        if where in str(tracker.settings.your_name):
            if crash:
                os._exit(9)
            raise KeyError("status")
        return real(tracker, as_of, days)

    monkeypatch.setattr(operations, "plan", plan)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_tracker_followup_fails_on_is_a_row_and_the_others_go_on(
    clients: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    day = dt.date.fromisoformat(AS_OF)
    good = operations.caseload([clients], day, 7, to=tmp_path / "good.xlsx", jobs=jobs)
    _failing("Locked", monkeypatch)
    out = tmp_path / "caseload.xlsx"
    done = operations.caseload([clients], day, 7, to=out, jobs=jobs)
    why = (
        "Not planned: followup failed on this tracker (KeyError: 'status'). Please report it, "
        "with the file if you may share it."
    )
    assert (str(clients / "locked.xlsx"), why) in done.not_planned
    table = _caseload(out).set_index("File")
    locked = table.loc[str(clients / "locked.xlsx")]
    assert (locked["Client"], locked["Attention"], locked["Flag"]) == ("Lou Locked", "Now", why)
    assert pd.isna(locked["Sheet"])
    others = table.drop(index=str(clients / "locked.xlsx"))
    expected = _caseload(good.written).set_index("File").loc[others.index]
    assert others.drop(columns="Sheet").equals(expected.drop(columns="Sheet"))


def test_a_tracker_that_ends_its_worker_process_is_a_row(
    clients: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool a dead worker breaks takes the trackers still in it along: each is planned
    again on its own, so only the tracker that ended its process is a row saying so."""
    day = dt.date.fromisoformat(AS_OF)
    good = operations.caseload([clients], day, 7, to=tmp_path / "good.xlsx", jobs=1)
    _failing("Sam Lee", monkeypatch, crash=True)  # two trackers of five
    out = tmp_path / "caseload.xlsx"
    done = operations.caseload([clients], day, 7, to=out, jobs=2)
    why = (
        "Not planned: followup failed on this tracker (the process planning it stopped "
        "unexpectedly). Please report it, with the file if you may share it."
    )
    crashed = [str(clients / "never.xlsx"), str(clients / "offer.xlsx")]
    assert [(file, why) for file in crashed] == [p for p in done.not_planned if p[1] == why]
    table = _caseload(out).set_index("File")
    assert table.loc[crashed, "Client"].tolist() == ["never", "offer"]  # the name was not read
    assert table.loc[crashed, "Sheet"].isna().all()
    others = table.drop(index=crashed)
    expected = _caseload(good.written).set_index("File").loc[others.index]
    assert others.drop(columns="Sheet").equals(expected.drop(columns="Sheet"))


def test_no_tracker_planned_is_an_error_when_followup_fails_on_each(
    clients: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _failing("", monkeypatch, crash=True)
    never = clients / "never.xlsx"
    out = tmp_path / "caseload.xlsx"
    with pytest.raises(FollowupError, match="no tracker could be read") as caught:
        operations.caseload(
            [never, clients / "offer.xlsx"], dt.date(2026, 11, 16), 7, to=out, jobs=2
        )
    assert str(caught.value).count("the process planning it stopped unexpectedly") == 2
    assert not out.exists()


def _client_files(folder: Path) -> dict[str, str]:
    """A client's file of each kind followup cannot plan, named by the warning it gets."""
    with zipfile.ZipFile(folder / "bob.ods", "w") as zf:
        zf.writestr("mimetype", b"application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", b"<x/>")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    (folder / "cy.xls").write_bytes(ole + "Workbook".encode("utf-16-le") + bytes(600))
    (folder / "dee.csv").write_text("Company,Role,Interview date\nAcme,Analyst,2026-11-02\n")
    with zipfile.ZipFile(folder / "eve.numbers", "w") as zf:
        zf.writestr("Index/Document.iwa", b"\x00")
    return {
        "bob.ods": "bob.ods is an OpenDocument spreadsheet (.ods). In LibreOffice choose File > "
        "Save As > Excel 2007-365 (.xlsx), then use that file.",
        "cy.xls": "cy.xls is an old-format Excel file (.xls). In Excel choose File > Save As > "
        "Excel Workbook (.xlsx), then use that file.",
        "dee.csv": "dee.csv holds plain text, such as a CSV file, not an Excel workbook. If it is "
        "a list of applications, run: followup import dee.csv tracker.xlsx; otherwise open it "
        "in Excel or LibreOffice and save it as an Excel Workbook (.xlsx).",
        "eve.numbers": "eve.numbers is a Numbers spreadsheet. In Numbers choose File > Export "
        "To > Excel, then use that .xlsx file.",
    }


def test_every_client_file_in_a_folder_is_a_row_or_says_why(tmp_path: Path) -> None:
    """SPEC 6b: a tracker that cannot be read is one row saying why. A client's spreadsheet
    of another kind is such a tracker; lock files, hidden files and followup's own outputs
    are not clients."""
    folder = tmp_path / "clients"
    folder.mkdir()
    ann = tracker(folder / "ann.xlsx", [ACME], settings={"Your name": "Ann"})
    why = _client_files(folder)
    (folder / "~$ann.xlsx").write_bytes(b"\x08Ann" + b" " * 60)
    (folder / ".~lock.ann.xlsx#").write_text("Ann,ann,host,16.11.2026 09:00,url;")
    shutil.copy(ann, folder / ".ann-copy.xlsx")
    (folder / "._ann.xlsx").write_bytes(b"\x00\x05\x16\x07 AppleDouble")
    (folder / "notes.txt").write_text("call Bob on Friday")
    assert (
        run("export", str(ann), "--work-search", str(folder / "ws.csv"), "--as-of", AS_OF)[0] == 0
    )
    out = folder / "caseload.xlsx"
    assert run("caseload", str(folder), "--to", str(out), "--as-of", AS_OF)[0] == 0

    code, output = run("caseload", str(folder), "--to", str(out), "--as-of", AS_OF)
    assert code == 0, output
    assert f"Wrote the caseload of 5 clients (5 needing you now) to {out}." in output
    for name, message in why.items():
        assert f"warning: {folder / name}: {message}\n" in output
    table = _caseload(out).set_index("File")
    assert sorted(table.index) == sorted(str(folder / n) for n in ["ann.xlsx", *why])
    for name, message in why.items():
        assert table.loc[str(folder / name), "Flag"] == message
    assert table.loc[str(ann), "Client"] == "Ann" and not pd.isna(table.loc[str(ann), "Sheet"])


def test_each_file_named_is_a_row_whatever_its_kind(tmp_path: Path) -> None:
    ann = tracker(tmp_path / "ann.xlsx", [ACME])
    why = _client_files(tmp_path)
    out = tmp_path / "caseload.xlsx"
    code, output = run(
        "caseload", *(str(tmp_path / n) for n in why), str(ann), "--to", str(out), "--as-of", AS_OF
    )
    assert code == 0, output
    assert sorted(_caseload(out)["File"]) == sorted(str(tmp_path / n) for n in ["ann.xlsx", *why])
    # Only files followup cannot plan: no caseload, each named with why.
    code, output = run("caseload", *(str(tmp_path / n) for n in why), "--to", str(out))
    assert code == 1 and all(message in output for message in why.values())
