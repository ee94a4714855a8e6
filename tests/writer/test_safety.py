"""The tracker is replaced whole or not at all: locks, stamps, backups and failed writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from followup.errors import ChangedOnDisk, FileLocked, UnreadableWorkbook, UnsafeWrite
from followup.workbook.safety import Stamp, check_locks, read_tracker, save

ORIGINAL = b"PK original tracker bytes"
NEW = b"PK refreshed tracker bytes, longer"


@pytest.fixture
def tracker(tmp_path: Path) -> Path:
    path = tmp_path / "tracker.xlsx"
    path.write_bytes(ORIGINAL)
    return path


def accept(_: Path) -> None:
    pass


def save_in_place(path: Path, stamp: Stamp | None = None, **kwargs: object) -> Path | None:
    return save(path, NEW, stamp=stamp, source=path, verify=accept, **kwargs)  # type: ignore[arg-type]


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def excel_owner_file(name: str) -> bytes:
    # Layout of the owner file Excel writes: length byte, code-page name padded with spaces to
    # byte 55, 2-byte length, UTF-16-LE name, padding to 165 bytes.
    ansi = name.encode("cp1252", errors="replace")
    head = bytes([len(name)]) + ansi
    head += b" " * (55 - len(head))
    body = head + len(name).to_bytes(2, "little") + name.encode("utf-16-le")
    return body + b" \x00" * ((165 - len(body)) // 2) + b" " * ((165 - len(body)) % 2)


# --- lock files -------------------------------------------------------------------------------


def test_no_lock_file_is_fine(tracker: Path) -> None:
    (tracker.parent / "~$other.xlsx").write_bytes(excel_owner_file("Someone Else"))
    check_locks(tracker)


def test_excel_lock_names_the_user(tracker: Path) -> None:
    (tracker.parent / "~$tracker.xlsx").write_bytes(excel_owner_file("Ana López"))
    with pytest.raises(FileLocked) as caught:
        check_locks(tracker)
    assert str(caught.value) == (
        "tracker.xlsx is open in Excel (by Ana López): close it first, or use --force."
    )


def test_excel_lock_with_shortened_name(tmp_path: Path) -> None:
    path = tmp_path / "job-search.xlsx"
    path.write_bytes(ORIGINAL)
    (tmp_path / "~$b-search.xlsx").write_bytes(excel_owner_file("Ana Lopez"))
    with pytest.raises(FileLocked, match=r"open in Excel \(by Ana Lopez\)"):
        check_locks(path)


def test_unreadable_excel_owner_file_says_someone(tracker: Path) -> None:
    (tracker.parent / "~$tracker.xlsx").write_bytes(b"\x00garbage")
    with pytest.raises(FileLocked, match=r"\(by someone\)"):
        check_locks(tracker)


def test_libreoffice_lock_names_the_user(tracker: Path) -> None:
    lock = tracker.parent / ".~lock.tracker.xlsx#"
    lock.write_text("Ana Lopez,ana,laptop,23.11.2025 18:40,file:///home/ana/.config;")
    with pytest.raises(FileLocked) as caught:
        check_locks(tracker)
    assert str(caught.value) == (
        "tracker.xlsx is open in LibreOffice (by Ana Lopez): close it first, or use --force."
    )


def test_libreoffice_lock_without_display_name_uses_system_user(tracker: Path) -> None:
    lock = tracker.parent / ".~lock.tracker.xlsx#"
    lock.write_text(r",lopez\, ana,laptop,23.11.2025 18:40,file:///home/ana/.config;")
    with pytest.raises(FileLocked, match=r"\(by lopez, ana\)"):
        check_locks(tracker)


# --- reading ----------------------------------------------------------------------------------


def test_read_tracker_returns_bytes_and_matching_stamp(tracker: Path) -> None:
    data, stamp = read_tracker(tracker)
    assert data == ORIGINAL
    assert stamp == Stamp.of(tracker) == Stamp.of_bytes(tracker, data)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match="was not found"):
        read_tracker(tmp_path / "nope.xlsx")


def test_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableWorkbook, match="is a folder"):
        read_tracker(tmp_path)


# --- saving -----------------------------------------------------------------------------------


def test_save_in_place_replaces_bytes_and_backs_up(tracker: Path) -> None:
    _, stamp = read_tracker(tracker)
    made = save_in_place(tracker, stamp)
    assert tracker.read_bytes() == NEW
    assert made is not None and made.parent == tracker.parent / ".followup-backups"
    assert made.read_bytes() == ORIGINAL
    assert made.name.startswith("tracker-") and made.suffix == ".xlsx"
    assert leftovers(tracker.parent) == []


def test_no_backup_when_turned_off(tracker: Path) -> None:
    assert save_in_place(tracker, backup=False) is None
    assert not (tracker.parent / ".followup-backups").exists()


def test_backups_are_bounded_and_keep_the_newest(tracker: Path) -> None:
    folder = tracker.parent / ".followup-backups"
    folder.mkdir()
    other = folder / "tracker-old-20200101-000000.xlsx"  # another tracker's backup
    other.write_bytes(b"other")
    contents = []
    for week in range(7):
        contents.append(tracker.read_bytes())
        save(tracker, b"week %d" % week, stamp=None, source=tracker, verify=accept, keep=3)
    ours = sorted(p for p in folder.iterdir() if p != other)
    assert len(ours) == 3
    assert {p.read_bytes() for p in ours} == set(contents[-3:])
    assert other.exists()


def test_file_changed_on_disk_is_refused(tracker: Path) -> None:
    _, stamp = read_tracker(tracker)
    edited = b"PK edited by the user!!!!"  # same size: the digest tells
    assert len(edited) == len(ORIGINAL)
    tracker.write_bytes(edited)
    os.utime(tracker, ns=(stamp.mtime_ns, stamp.mtime_ns + 1))
    with pytest.raises(ChangedOnDisk, match="changed on disk"):
        save_in_place(tracker, stamp)
    assert tracker.read_bytes() == edited
    assert leftovers(tracker.parent) == []
    assert not (tracker.parent / ".followup-backups").exists()


def test_file_only_touched_is_not_refused(tracker: Path) -> None:
    _, stamp = read_tracker(tracker)
    os.utime(tracker, ns=(stamp.mtime_ns + 10**9, stamp.mtime_ns + 10**9))
    save_in_place(tracker, stamp)
    assert tracker.read_bytes() == NEW


def test_deleted_source_is_refused(tracker: Path) -> None:
    _, stamp = read_tracker(tracker)
    tracker.unlink()
    with pytest.raises(ChangedOnDisk):
        save_in_place(tracker, stamp)
    assert not tracker.exists()


def test_failed_verify_leaves_the_original(tracker: Path) -> None:
    seen: list[bytes] = []

    def reject(temp: Path) -> None:
        seen.append(temp.read_bytes())
        assert temp.parent == tracker.parent and temp.name.startswith(".tracker.xlsx")
        raise UnsafeWrite("the new workbook did not pass the check")

    with pytest.raises(UnsafeWrite, match="did not pass"):
        save(tracker, NEW, stamp=None, source=tracker, verify=reject)
    assert seen == [NEW]
    assert tracker.read_bytes() == ORIGINAL
    assert leftovers(tracker.parent) == []


def test_failed_replace_leaves_the_original(tracker: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_replace(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(UnsafeWrite) as caught:
        save_in_place(tracker, read_tracker(tracker)[1])
    message = str(caught.value)
    assert "tracker.xlsx" in message and "folder is writable" in message and "\n" not in message
    assert tracker.read_bytes() == ORIGINAL
    assert leftovers(tracker.parent) == []


def test_permission_bits_are_kept(tracker: Path) -> None:
    tracker.chmod(0o640)
    save_in_place(tracker)
    assert stat.S_IMODE(tracker.stat().st_mode) == 0o640


def test_unwritable_folder_is_a_clear_error(tracker: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def no_new_files(path: object, flags: int, *args: int) -> int:
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", no_new_files)
    with pytest.raises(UnsafeWrite, match=r"Could not save tracker\.xlsx .*folder is writable"):
        save_in_place(tracker)
    assert tracker.read_bytes() == ORIGINAL


def test_read_only_folder_is_refused(tracker: Path) -> None:
    folder = tracker.parent
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running with rights that ignore folder permissions")
        with pytest.raises(UnsafeWrite, match="folder is writable"):
            save_in_place(tracker)
        assert tracker.read_bytes() == ORIGINAL
        assert leftovers(folder) == []
    finally:
        folder.chmod(0o755)


def test_read_only_file_is_refused(tracker: Path) -> None:
    tracker.chmod(0o444)
    try:
        if os.access(tracker, os.W_OK):
            pytest.skip("running with rights that ignore file permissions")
        with pytest.raises(UnsafeWrite, match="read-only"):
            save_in_place(tracker)
        assert tracker.read_bytes() == ORIGINAL
    finally:
        tracker.chmod(0o644)


def test_full_disk_says_so(tracker: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(UnsafeWrite, match="disk is full"):
        save_in_place(tracker)
    assert tracker.read_bytes() == ORIGINAL
    assert leftovers(tracker.parent) == []


def test_save_to_another_file_leaves_the_tracker(tracker: Path) -> None:
    out = tracker.parent / "copy.xlsx"
    assert save(out, NEW, stamp=None, source=tracker, verify=accept) is None
    assert out.read_bytes() == NEW and tracker.read_bytes() == ORIGINAL
