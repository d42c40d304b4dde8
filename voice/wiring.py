"""Builds the coach with its real parts (replies, episode store, timer desk) from the settings.
Text mode and live mode share it so both run the same coach."""

from __future__ import annotations

from dataclasses import dataclass

from intents.replies import Replies
from voice.attention import Attention
from voice.coach import Coach
from voice.episode import EpisodeStore
from voice.settings import Settings
from voice.timer_desk import TimerDesk


@dataclass
class CoachParts:
    coach: Coach
    store: EpisodeStore
    desk: TimerDesk

    def close(self) -> None:
        self.store.close()


def build_coach(
    settings: Settings, replies: Replies | None = None, attention: Attention | None = None
) -> CoachParts:
    """Open the episode store in `settings.state_dir` (StateError if unusable) and wire the
    coach to a timer desk that saves into it. `attention`: what it lets pass (default: what a
    microphone in a room needs, voice.attention)."""
    replies = replies if replies is not None else Replies.load()
    store = EpisodeStore(settings.state_dir)
    desk = TimerDesk(
        replies,
        store,
        hold_seconds=settings.hold_seconds,
        reps=settings.reps,
        rest_seconds=settings.rest_seconds,
        ice_seconds=settings.ice_seconds,
    )
    try:
        coach = Coach(replies, store, desk, attention)
    except Exception:
        store.close()
        raise
    return CoachParts(coach, store, desk)
