"""One coach per state folder: an exclusive lock (flock) on `<state folder>/backcoach.lock`.

Two coaches on one folder silently lost timers (the last writer won; issue 20, item 3). The
second one now stops with one line naming the folder and the first one's process id. The lock
goes with the process: a coach killed with kill -9 leaves no stale lock behind. A folder where
the lock file cannot be made (read-only) is not locked: nothing can be saved there anyway.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

from voice.errors import StateError

log = logging.getLogger(__name__)

LOCK_NAME = "backcoach.lock"


class StateInUse(StateError):
    """Another coach holds the state folder."""


class StateLock:
    def __init__(self, folder: Path) -> None:
        self.path = folder / LOCK_NAME
        self._fd: int | None = None
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as err:
            log.debug("%s: not locked (%s)", self.path, err.strerror)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise StateInUse(
                f"{folder}: another backcoach is already running with this state folder "
                f"(process {holder}); stop it first, or give this one another --state-dir"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock; the file stays for the next one
            self._fd = None


def holder(folder: Path) -> str | None:
    """The process id of the coach holding `folder`'s lock (as it wrote it), or None when no
    coach holds it. Only looks: a shared lock taken and dropped at once."""
    try:
        fd = os.open(folder / LOCK_NAME, os.O_RDONLY)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
