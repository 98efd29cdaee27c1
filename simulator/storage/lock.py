"""One program per data folder: an exclusive lock on DATA/cpim-sim.lock.

The exam window takes the lock for its whole life, so there are never two writers
of one user database. The operating system drops the lock when the process ends,
however it ends (a kill or a power cut included), so a stale lock file is harmless:
the file itself stays, only the lock on it counts.

POSIX uses flock(2), whose locks belong to an open file description: two opens in
one process exclude each other too, which the tests use. Windows locks the first
byte with msvcrt.locking.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

LOCK_FILE = "cpim-sim.lock"


class AlreadyRunning(Exception):
    """Another program holds the data folder's lock."""

    def __init__(self, folder: Path, pid: int | None) -> None:
        self.folder, self.pid = folder, pid
        who = f" (process {pid})" if pid else ""
        super().__init__(f"The simulator is already running with this data folder{who}: {folder}. "
                         "Close it first, or start with another --data-dir.")


class DataFolderLock:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> DataFolderLock:
        """Take the lock now or raise AlreadyRunning; never waits. OSError if the
        lock file cannot be made (a read-only folder, for one)."""
        if self._fd is not None:
            return self
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(fd)
        except OSError:
            os.close(fd)
            raise AlreadyRunning(self.folder, holder_pid(self.path)) from None
        self._fd = fd
        try:  # who holds it, for the message a second start shows; best effort
            os.lseek(fd, 0, os.SEEK_SET)
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)  # closing drops the lock in any case

    def __enter__(self) -> DataFolderLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def holder_pid(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
        return int(text) if text.isdigit() else None
    except OSError:
        return None  # Windows forbids reading a locked byte; the pid is only a courtesy


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
