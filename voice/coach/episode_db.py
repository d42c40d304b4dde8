"""The episode database file: its schema, opening it, and what happens when it cannot be used.

`open_database(path)` opens (and upgrades) the SQLite file in autocommit mode with WAL and
`synchronous=FULL`. A file that is not SQLite or is damaged is moved aside
(`episode.db.corrupt-<time>`) and a fresh one started; a file that can be read but not written
(read-only) is copied into memory and the coach runs from that copy, saving nothing
(`in_memory`). The same copy is made when a write fails mid-session (a full disk).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from voice.errors import StateError

log = logging.getLogger(__name__)

DB_NAME = "episode.db"

SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (
    id INTEGER PRIMARY KEY,
    started REAL NOT NULL,
    area TEXT NOT NULL,
    onset TEXT,
    reported REAL
);
CREATE TABLE IF NOT EXISTS activities (
    id INTEGER PRIMARY KEY,
    episode_id INTEGER REFERENCES episodes(id),
    kind TEXT NOT NULL,
    at REAL NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS activities_kind_at ON activities(kind, at);
CREATE TABLE IF NOT EXISTS settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS timers (
    position INTEGER PRIMARY KEY,
    row TEXT NOT NULL
);
"""

ADDED_COLUMNS = {"onset": "TEXT", "reported": "REAL"}
"""Episode columns a database made by an older version lacks; added when it is opened."""

SCHEMA_VERSION = 1
"""Written at every open (PRAGMA user_version): the write that finds a read-only file."""


class ReadOnly(Exception):
    """The database can be read but not written."""


def open_database(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """(connection, None) for the file; (a copy in memory, why) if it can only be read.
    StateError naming the file if it can be neither opened nor moved aside."""
    try:
        return _connect(path), None
    except ReadOnly as err:
        return in_memory(_read_only(path)), f"cannot be written ({err})"
    except sqlite3.DatabaseError as err:
        if not path.exists() or isinstance(err, sqlite3.OperationalError):
            raise StateError(f"{path}: cannot open the episode database ({err})") from err
        moved = _move_aside(path)
        log.warning("%s: damaged database (%s); moved to %s, starting fresh", path, err, moved)
        try:
            return _connect(path), None
        except (ReadOnly, sqlite3.DatabaseError) as err2:
            raise StateError(f"{path}: cannot open the episode database ({err2})") from err2


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        check = db.execute("PRAGMA quick_check").fetchone()
        if check is None or check[0] != "ok":
            raise sqlite3.DatabaseError(f"quick_check: {check[0] if check else 'no answer'}")
        try:
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.OperationalError as err:
            raise ReadOnly(str(err)) from err
        _schema(db)
    except BaseException:
        db.close()
        raise
    return db


def _schema(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)
    have = {str(row[1]) for row in db.execute("PRAGMA table_info(episodes)")}
    for name, kind in ADDED_COLUMNS.items():
        if name not in have:
            db.execute(f"ALTER TABLE episodes ADD COLUMN {name} {kind}")


def _read_only(path: Path) -> sqlite3.Connection | None:
    """The file opened for reading only, or None if even that fails."""
    for mode in ("mode=ro", "immutable=1"):
        try:
            db = sqlite3.connect(f"file:{path}?{mode}", uri=True, check_same_thread=False)
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as err:
            log.debug("%s (%s): %s", path, mode, err)
    return None


def in_memory(source: sqlite3.Connection | None) -> sqlite3.Connection:
    """A database in memory holding what `source` holds (empty if None or unreadable)."""
    memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    if source is not None:
        try:
            source.backup(memory)
        except sqlite3.Error as err:
            log.warning("copying the episode database into memory: %s", err)
    _schema(memory)
    return memory


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{DB_NAME}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{DB_NAME}.corrupt-{stamp}-{n}")
    try:
        path.rename(target)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(DB_NAME + suffix)
            if side.exists():
                side.rename(target.with_name(target.name + suffix))
    except OSError as err:
        raise StateError(f"{path}: damaged and cannot be moved aside ({err})") from err
    return target
