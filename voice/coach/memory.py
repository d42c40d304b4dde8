"""The coach's episode memory: the episode store's reads and writes as the coach uses them.

A store failure never ends the conversation. The store itself goes on from memory when its file
cannot be written (a full disk, a read-only file) and says so once (`take_cannot_save`, for the
coach to tell the user); a write that still fails is logged and kept as a `Problem` event for
the coach to put in front of its next answer; a read that fails answers as if nothing were
remembered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from voice.clock import Now
from voice.coach.episode import (
    EPISODE_SPAN,
    ICE,
    RED_FLAG,
    STRETCH,
    Activity,
    Episode,
    EpisodeStore,
)
from voice.errors import StateError
from voice.events import Event, Problem, TimerEvent
from voice.speaking.voice_memory import Voice

log = logging.getLogger(__name__)

DAY = 24 * 3600.0
REMINDED = "red_flag_reminded_at"
"""Setting: when the red flag last reminded of at a start was recorded."""


class CoachMemory:
    def __init__(self, store: EpisodeStore) -> None:
        self._store = store
        self._problems: list[Event] = []

    def take_problems(self) -> list[Event]:
        """The Problems since the last call (each failed write once)."""
        problems, self._problems = self._problems, []
        return problems

    def take_cannot_save(self) -> str | None:
        """Why the store stopped saving (it goes on from memory), once; None otherwise."""
        return self._store.take_cannot_save()

    # --- writes ---------------------------------------------------------------------------------
    def record(self, kind: str, wall: float, **detail: object) -> None:
        """Remember an activity (ice, stretch, pain relief, red flag)."""
        self._write(self._store.record, kind, wall, **detail)

    def save_voice(self, voice: Voice) -> None:
        self._write(self._store.set_setting, "voice_rate", voice.rate)
        self._write(self._store.set_setting, "voice_volume", voice.volume)

    def spasm_started(
        self,
        wall: float,
        area: str | None,
        started: float | None = None,
        onset: str | None = None,
    ) -> tuple[Episode | None, bool]:
        """(the current or a new episode, whether it is new); (None, True) if it cannot be
        stored. `area` None keeps the episode's; `started`/`onset`: when it started, if said."""
        try:
            return self._store.spasm_started(wall, area, started, onset)
        except StateError as err:
            self._problems.append(Problem(where="episode store", message=str(err)))
            return None, True

    def record_starts(self, events: list[Event], now: Now) -> list[Event]:
        """Remember each stretch or ice the desk's `events` started; `events` unchanged."""
        for event in events:
            if isinstance(event, TimerEvent) and event.kind == "started":
                kind = STRETCH if STRETCH in event.timer else ICE if ICE in event.timer else None
                if kind is not None:
                    detail = {"seconds": round(event.remaining), **event.extra}
                    self.record(kind, now.wall, **detail)
        return events

    def _write(self, write: Callable[..., object], *args: object, **kwargs: object) -> None:
        try:
            write(*args, **kwargs)
        except StateError as err:
            log.warning("%s", err)
            self._problems.append(Problem(where="episode store", message=str(err)))

    # --- reads ----------------------------------------------------------------------------------
    def voice(self) -> Voice:
        """The voice remembered from Slower/Louder/Softer; the default if unreadable."""
        try:
            rate = float(self._store.get_setting("voice_rate", 1.0))
            volume = float(self._store.get_setting("voice_volume", 0.0))
        except (StateError, TypeError, ValueError) as err:
            log.warning("voice settings: %s", err)
            return Voice()
        return Voice(rate, volume)

    def episode(self, now: Now) -> Episode | None:
        try:
            return self._store.current_episode(now.wall)
        except StateError:
            return None

    def latest_episode(self) -> Episode | None:
        """The last episode whatever its age (the heat rule's), None if none or unreadable."""
        try:
            return self._store.latest_episode()
        except StateError:
            return None

    def red_flag(self, now: Now) -> Activity | None:
        """The red flag the episode is flagged by: the latest one recorded, if it belongs to the
        current episode or is less than EPISODE_SPAN old. None if none (or unreadable)."""
        try:
            flag = self._store.latest(RED_FLAG)
            episode = self._store.current_episode(now.wall)
        except StateError:
            return None
        if flag is None:
            return None
        mine = episode is not None and flag.episode_id == episode.id
        return flag if mine or now.wall - flag.at < EPISODE_SPAN else None

    def reminder_due(self) -> Activity | None:
        """The latest red flag if no start has reminded of it yet; it counts as reminded now."""
        try:
            flag = self._store.latest(RED_FLAG)
            reminded = float(self._store.get_setting(REMINDED, 0.0))
        except (StateError, TypeError, ValueError) as err:
            log.warning("red flag reminder: %s", err)
            return None
        if flag is None or flag.at <= reminded:
            return None
        self._write(self._store.set_setting, REMINDED, flag.at)
        return flag

    def area(self, now: Now) -> str | None:
        episode = self.episode(now)
        return episode.area if episode else None

    def iced(self, now: Now) -> bool:
        """Whether there was an ice session this episode (or in the last day without one)."""
        try:
            episode = self._store.current_episode(now.wall)
            since = episode.started if episode else now.wall - DAY
            return bool(self._store.activities(ICE, since=since))
        except StateError:
            return False
