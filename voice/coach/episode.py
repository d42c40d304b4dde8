"""The on-disk episode store: SQLite in the state folder.

What it remembers: when each spasm episode started (wall time), where, whether its start was
said ("yesterday") or only assumed (when it was reported), the ice sessions, stretches,
pain-reliever mentions and red flags (with their tier), the voice settings, and the timer
engine's state. The connection is in autocommit mode with WAL and `synchronous=FULL`, so every
write is committed when the method returns and a kill -9 loses nothing that was recorded.

A database that is not SQLite or is damaged is moved aside (`episode.db.corrupt-<time>`) with a
warning and a fresh one is started; a state folder that cannot be used raises `StateError`, one
that another coach holds `StateInUse` (voice.coach.state_lock). A database that cannot be
written, at the start (read-only) or later (a full disk), does not stop anything: the store goes
on from a copy in memory (voice.coach.episode_db), warns once and keeps `cannot_save` for the
coach to say once.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from voice.coach.episode_db import DB_NAME, in_memory, open_database
from voice.coach.state_lock import StateLock
from voice.coach.timer_rows import decode_rows, encode_rows
from voice.errors import StateError

T = TypeVar("T")

log = logging.getLogger(__name__)

EPISODE_SPAN = 7 * 24 * 3600.0
"""An episode is current while it started, or was reported or had its start said, within this
long: a SpasmStarted then continues it; later ones start a new episode. An episode is never
forgotten, though: the heat rule reads the latest one whatever its age (`latest_episode`), so a
spasm said on day 8 to have started eight days ago still gets "heat is fine"."""

ICE, STRETCH, PAIN_RELIEF, RED_FLAG = "ice", "stretch", "pain_relief", "red_flag"
_EPISODE = "SELECT id, started, area, onset, COALESCE(reported, started) FROM episodes"


@dataclass(frozen=True)
class Episode:
    """One spasm episode. `started` is wall time (epoch seconds). `onset` is what was said about
    when it started ("yesterday", "4 days", "now"), None if it was never said (then `started` is
    when it was reported). `reported` is when it was reported or its start last said."""

    id: int
    started: float
    area: str
    onset: str | None = None
    reported: float = field(default=0.0, compare=False)

    @staticmethod
    def from_row(row: tuple[Any, ...]) -> Episode:
        onset = None if row[3] is None else str(row[3])
        return Episode(int(row[0]), float(row[1]), str(row[2]), onset, float(row[4]))


@dataclass(frozen=True)
class Activity:
    kind: str
    at: float
    episode_id: int | None
    detail: dict[str, Any]


class EpisodeStore:
    """Episode memory, settings and timer state in `<state_dir>/episode.db`."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = Path(state_dir)
        self.path = self.state_dir / DB_NAME
        self._lock = threading.Lock()
        self.cannot_save: str | None = None
        """Why nothing is saved any more (one line naming the file), None while saving."""
        self._told = False
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StateError(f"{self.state_dir}: cannot create the state folder ({err})") from err
        if not self.state_dir.is_dir():
            raise StateError(f"{self.state_dir}: the state folder is not a folder")
        self._folder_lock = StateLock(self.state_dir)
        try:
            self._db, why = open_database(self.path)
        except BaseException:
            self._folder_lock.release()
            raise
        if why is not None:
            self._stop_saving(why)

    def close(self) -> None:
        with self._lock:
            self._db.close()
        self._folder_lock.release()

    def __enter__(self) -> EpisodeStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def take_cannot_save(self) -> str | None:
        """`cannot_save` the first time it is asked for after saving stopped, else None."""
        if self.cannot_save is None or self._told:
            return None
        self._told = True
        return self.cannot_save

    def _stop_saving(self, why: str) -> None:
        self.cannot_save = f"{self.path}: {why}; going on from memory, saving nothing"
        log.warning("%s", self.cannot_save)

    def _write(self, change: Callable[[sqlite3.Connection], T]) -> T:
        """`change` as one committed transaction. If the file cannot take it (a full disk, an
        I/O error, made read-only), the store moves to a copy in memory and does it there;
        StateError naming the file only if that fails too."""
        with self._lock:
            try:
                return _transaction(self._db, change)
            except sqlite3.OperationalError as err:
                if self.cannot_save is not None:
                    raise StateError(f"{self.path}: cannot write ({err})") from err
                self._stop_saving(f"cannot write ({err})")
                disk, self._db = self._db, in_memory(self._db)
                disk.close()
            except sqlite3.Error as err:
                raise StateError(f"{self.path}: cannot write ({err})") from err
            try:
                return _transaction(self._db, change)
            except sqlite3.Error as err:
                raise StateError(f"{self.path}: cannot write, even in memory ({err})") from err

    def _read(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._db.execute(sql, args).fetchall()
            except sqlite3.Error as err:
                raise StateError(f"{self.path}: cannot read ({err})") from err

    # --- episodes -------------------------------------------------------------------------------
    def latest_episode(self) -> Episode | None:
        """The episode reported last, whatever its age."""
        rows = self._read(_EPISODE + " ORDER BY id DESC LIMIT 1")
        return Episode.from_row(rows[0]) if rows else None

    def current_episode(self, now_wall: float) -> Episode | None:
        """The latest episode if it started, or was reported or had its start said, within
        EPISODE_SPAN of `now_wall`."""
        episode = self.latest_episode()
        if episode is None:
            return None
        fresh = now_wall - max(episode.started, episode.reported) < EPISODE_SPAN
        return episode if fresh else None

    def spasm_started(
        self,
        now_wall: float,
        area: str | None = "back",
        started: float | None = None,
        onset: str | None = None,
    ) -> tuple[Episode, bool]:
        """Continue the current episode or start a new one. Returns (episode, is_new).
        `area` None: keep the episode's ("back" for a new one); `started`/`onset`: when it
        started and what was said about it (a continued episode's start moves to it)."""
        current = self.current_episode(now_wall)
        if current is None:
            first, where = now_wall if started is None else started, area or "back"
            cursor = self._write(
                lambda db: db.execute(
                    "INSERT INTO episodes (started, area, onset, reported) VALUES (?, ?, ?, ?)",
                    (first, where, onset, now_wall),
                )
            )
            return Episode(int(cursor.lastrowid or 0), first, where, onset, now_wall), True
        if started is not None:
            current = replace(current, started=started, onset=onset, reported=now_wall)
        current = replace(current, area=area or current.area)
        self._write(
            lambda db: db.execute(
                "UPDATE episodes SET started = ?, area = ?, onset = ?, reported = ? WHERE id = ?",
                (current.started, current.area, current.onset, current.reported, current.id),
            )
        )
        return current, False

    def episodes(self) -> list[Episode]:
        rows = self._read(_EPISODE + " ORDER BY id")
        return [Episode.from_row(row) for row in rows]

    # --- activities -----------------------------------------------------------------------------
    def record(self, kind: str, now_wall: float, **detail: Any) -> None:
        """Remember an ice session, stretch, pain-reliever mention or red flag."""
        episode = self.current_episode(now_wall)
        self._write(
            lambda db: db.execute(
                "INSERT INTO activities (episode_id, kind, at, detail) VALUES (?, ?, ?, ?)",
                (episode.id if episode else None, kind, now_wall, json.dumps(detail)),
            )
        )

    def latest(self, kind: str) -> Activity | None:
        """The most recent activity of `kind`, or None."""
        rows = self._read(
            "SELECT kind, at, episode_id, detail FROM activities WHERE kind = ? "
            "ORDER BY at DESC, id DESC LIMIT 1",
            (kind,),
        )
        return _activity(rows[0]) if rows else None

    def activities(self, kind: str | None = None, since: float | None = None) -> list[Activity]:
        sql = "SELECT kind, at, episode_id, detail FROM activities WHERE 1=1"
        args: list[Any] = []
        if kind is not None:
            sql += " AND kind = ?"
            args.append(kind)
        if since is not None:
            sql += " AND at >= ?"
            args.append(since)
        rows = self._read(sql + " ORDER BY at, id", tuple(args))
        return [_activity(row) for row in rows]

    # --- settings -------------------------------------------------------------------------------
    def get_setting(self, name: str, default: Any = None) -> Any:
        rows = self._read("SELECT value FROM settings WHERE name = ?", (name,))
        return json.loads(rows[0][0]) if rows else default

    def set_setting(self, name: str, value: Any) -> None:
        self._write(
            lambda db: db.execute(
                "INSERT INTO settings (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                (name, json.dumps(value)),
            )
        )

    # --- timer engine state ---------------------------------------------------------------------
    def save_timers(self, rows: list[dict[str, Any]]) -> None:
        """Replace the timer engine's saved state with `rows` (voice.coach.timer_rows)."""
        encoded = encode_rows(rows, self.path)

        def replace_rows(db: sqlite3.Connection) -> None:
            db.execute("DELETE FROM timers")
            db.executemany("INSERT INTO timers (position, row) VALUES (?, ?)", enumerate(encoded))

        self._write(replace_rows)

    def load_timers(
        self, check: Callable[[dict[str, Any]], str | None] | None = None
    ) -> list[dict[str, Any]]:
        """The saved timer rows that can be read and pass `check` (voice.coach.timer_rows)."""
        rows = self._read("SELECT position, row FROM timers ORDER BY position")
        return decode_rows(rows, check, self.path)


def _transaction(db: sqlite3.Connection, change: Callable[[sqlite3.Connection], T]) -> T:
    db.execute("BEGIN IMMEDIATE")
    try:
        result = change(db)
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error as err:
                log.debug("rollback: %s", err)
        raise
    return result


def _activity(row: tuple[Any, ...]) -> Activity:
    return Activity(str(row[0]), float(row[1]), row[2], json.loads(row[3]))
