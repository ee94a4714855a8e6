"""Reading and replacing the tracker file without ever leaving it half-written.

Lock files, the read stamp, atomic replacement and backups (SPEC section 7). Knows nothing about
what is inside the workbook: the caller passes the bytes and a verify step.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import re
import secrets
import shutil
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from followup.errors import ChangedOnDisk, FileLocked, UnreadableWorkbook, UnsafeWrite

BACKUP_FOLDER = ".followup-backups"
_FOLDER = "{path} is a folder: give the path of the tracker file."


@dataclass(frozen=True)
class Stamp:
    """What the file looked like when we read it."""

    size: int
    mtime_ns: int
    digest: str  # sha256 of the bytes

    @classmethod
    def of(cls, path: Path) -> Stamp:
        return cls.of_bytes(path, path.read_bytes())

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> Stamp:
        return cls(len(data), path.stat().st_mtime_ns, hashlib.sha256(data).hexdigest())


def read_tracker(path: Path) -> tuple[bytes, Stamp]:
    """Read the whole file once, so the stamp describes exactly the bytes the reader parses."""
    try:
        with path.open("rb") as f:
            data = f.read()
            # fstat of the open file, so a replace by another program cannot slip in between.
            mtime_ns = os.fstat(f.fileno()).st_mtime_ns
    except FileNotFoundError:
        raise UnreadableWorkbook(f"{path} was not found: check the file name and folder.") from None
    except IsADirectoryError:
        raise UnreadableWorkbook(_FOLDER.format(path=path)) from None
    except PermissionError:
        if path.is_dir():  # Windows reports opening a folder as a permission problem
            raise UnreadableWorkbook(_FOLDER.format(path=path)) from None
        raise UnreadableWorkbook(
            f"{path.name} cannot be opened (no permission): check the file's permissions."
        ) from None
    except OSError as e:
        raise UnreadableWorkbook(f"{path.name} cannot be read ({e.strerror}).") from None
    return data, Stamp(len(data), mtime_ns, hashlib.sha256(data).hexdigest())


def check_locks(path: Path) -> None:
    """Refuse when Excel or LibreOffice has the tracker open (their lock file sits beside it,
    or beside the real file when the tracker is reached through a symbolic link)."""
    if path.is_symlink():
        check_locks(_real(path))
    name = path.name
    office = path.with_name(f".~lock.{name}#")
    # Excel writes ~$ + the name; older Office versions drop the first two characters of a
    # long name (8+ characters before the extension).
    excel = [path.with_name("~$" + name)]
    if len(path.stem) >= 8:
        excel.append(path.with_name("~$" + name[2:]))
    if office.is_file():
        raise _locked(name, "LibreOffice", _libreoffice_owner(office))
    for lock in excel:
        if lock.is_file():
            raise _locked(name, "Excel", _excel_owner(lock))


def lock_file_of(path: Path) -> tuple[str, str] | None:
    """When `path` names the lock file Excel or LibreOffice keeps beside an open workbook
    (see `check_locks`): the app and that workbook's file name; else None."""
    name = path.name
    if name.startswith(".~lock.") and name.endswith("#"):
        return "LibreOffice", name[len(".~lock.") : -1]
    if not name.startswith("~$") or len(name) == 2:
        return None
    rest = name[2:]
    if not path.with_name(rest).exists():
        # Older Office versions drop the first two characters of a long name.
        longer = sorted(
            p.name
            for p in path.parent.glob("??" + glob.escape(rest))
            if not p.name.startswith("~$")
        )
        if longer:
            return "Excel", longer[0]
    return "Excel", rest


def _locked(name: str, app: str, owner: str) -> FileLocked:
    return FileLocked(f"{name} is open in {app} (by {owner}): close it first, or use --force.")


def _libreoffice_owner(lock: Path) -> str:
    # One CSV record ending in ';': LibreOffice name, system user, host, date, profile URL.
    # ',', ';' and '\' inside a field are escaped with '\'.
    try:
        text = lock.read_text("utf-8", errors="replace")
    except OSError:
        return "someone"
    fields, field, escaped = [], "", False
    for ch in text:
        if escaped:
            field, escaped = field + ch, False
        elif ch == "\\":
            escaped = True
        elif ch in ",;":
            fields.append(field)
            field = ""
            if ch == ";":
                break
        else:
            field += ch
    fields.append(field)
    return next((f.strip() for f in fields[:2] if f.strip()), "someone")


def _excel_owner(lock: Path) -> str:
    # Owner file: a length byte, the name in the Windows code page padded with spaces to byte
    # 55, then a 2-byte length and the same name in UTF-16-LE (the only copy that is lossless).
    try:
        data = lock.read_bytes()[:256]
    except OSError:
        return "someone"
    if not data or not 0 < data[0] <= 52:
        return "someone"
    wide_len = data[55] if len(data) > 56 else 0
    if 0 < wide_len <= 52 and len(data) >= 57 + 2 * wide_len:
        wide = data[57 : 57 + 2 * wide_len].decode("utf-16-le", errors="replace").strip()
        if wide and "\ufffd" not in wide:
            return wide
    return data[1 : 1 + data[0]].decode("cp1252", errors="replace").strip() or "someone"


def save(
    target: Path,
    data: bytes,
    *,
    stamp: Stamp | None,
    source: Path,
    verify: Callable[[Path], None],
    backup: bool = True,
    keep: int = 5,
) -> Path | None:
    """Write `data` to `target` atomically; return the backup made, if any.

    `verify` checks the written temporary file and raises to abort; the target is then untouched.
    """
    in_place = _same_file(target, source)
    # A tracker reached through a symbolic link is written through it (SPEC 7): the real file
    # is replaced in its own folder, with its backups there, and the link stays a link.
    target, source = _real(target), _real(source)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    made: Path | None = None
    try:
        if target.exists() and not os.access(target, os.W_OK):
            raise UnsafeWrite(f"{target.name} is read-only: make it writable, then run again.")
        # 0o666 lets the umask decide a new file's permissions, as for any file the user saves.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        verify(temp)
        if in_place and stamp is not None:
            _refuse_if_changed(source, stamp)
        if in_place and backup:
            made = _backup(source, keep)
        if target.exists():
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        os.replace(temp, target)
    except OSError as e:
        raise UnsafeWrite(_write_failed(target, e)) from None
    finally:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
    _fsync_folder(target.parent)
    return made


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _same_file(target: Path, source: Path) -> bool:
    try:
        return target.samefile(source)
    except OSError:
        return target.absolute() == source.absolute()


def _refuse_if_changed(source: Path, stamp: Stamp) -> None:
    try:
        st = source.stat()
        unchanged = st.st_size == stamp.size and (
            st.st_mtime_ns == stamp.mtime_ns or Stamp.of(source).digest == stamp.digest
        )
    except FileNotFoundError:
        unchanged = False
    if not unchanged:
        raise ChangedOnDisk(
            f"{source.name} changed on disk while followup was working: run the command again."
        )


def _backup(source: Path, keep: int) -> Path:
    folder = source.parent / BACKUP_FOLDER
    folder.mkdir(exist_ok=True)
    stem, suffix = source.stem, source.suffix
    # Only this tracker's backups: another tracker's stem may start with this one's.
    pattern = re.compile(rf"{re.escape(stem)}-(\d{{8}}-\d{{6}})(?:-(\d+))?{re.escape(suffix)}")
    ours = [(m[1], int(m[2] or 1), p) for p in folder.iterdir() if (m := pattern.fullmatch(p.name))]
    when = f"{datetime.now():%Y%m%d-%H%M%S}"
    # Within one second, count past the highest number so the newest always sorts last.
    n = max((k + 1 for ts, k, _ in ours if ts == when), default=1)
    made = folder / (f"{stem}-{when}{suffix}" if n == 1 else f"{stem}-{when}-{n}{suffix}")
    shutil.copy2(source, made)
    for *_, old in sorted([*ours, (when, n, made)])[: -max(keep, 1)]:
        old.unlink()
    return made


def _write_failed(target: Path, e: OSError) -> str:
    if e.errno == errno.ENOSPC:
        return f"Could not save {target.name}: the disk is full. Free some space and run again."
    return (
        f"Could not save {target.name} ({e.strerror or e}): check that the folder is writable "
        "and the file is not read-only or open in another program. The file was not changed."
    )


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; Windows cannot open a folder, and there it is not needed.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
