"""What the coach has said in this episode (this session): which long answers it has given, so
a repeat is shortened, and its open "When did it start?" question (open like a yes/no offer,
for OFFER_TTL). Pure state, no I/O."""

from __future__ import annotations

from voice.clock import Now
from voice.coach.offers import OFFER_TTL

SHORTENED = frozenset({"IceHowLong", "ExplainSpasm", "PainRelief"})
"""Long answers said as their ".short" variant the second time in an episode."""


class EpisodeTalk:
    def __init__(self) -> None:
        self._episode: int | None = None
        self._said: set[str] = set()
        self._asked_at: float | None = None
        self.opened: int | None = None
        """The episode an Onset opened before any spasm was reported: the first SpasmStarted
        in it still gets the first reply."""

    def key_for(self, key: str, episode: int | None) -> str:
        """`key`, or its short variant if it was already said in `episode`."""
        if episode != self._episode:
            self._episode, self._said = episode, set()
        if key not in SHORTENED:
            return key
        if key in self._said:
            return f"{key}.short"
        self._said.add(key)
        return key

    def ask_onset(self, now: Now) -> None:
        self._asked_at = now.mono

    def onset_asked(self, now: Now) -> bool:
        """ "When did it start?" was asked and has not timed out. Closes it."""
        asked, self._asked_at = self._asked_at, None
        return asked is not None and now.mono - asked <= OFFER_TTL

    def close(self) -> None:
        self._asked_at = None
