"""The coach's yes/no offers ("Shall I time an ice massage?"): which one is open and for how
long, and which the person has declined this episode. Pure state, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from voice.clock import Now
from voice.coach.episode import ICE, STRETCH

OFFER_TTL = 180.0
"""Seconds a yes/no offer stays open."""

START_FOR_OFFER = {STRETCH: "StartStretch", ICE: "StartIce"}
"""The timer intent a Yes to each offer starts."""


@dataclass(frozen=True)
class _Offer:
    kind: str
    made_at: float


class Offers:
    def __init__(self) -> None:
        self._open: _Offer | None = None
        self._declined: set[str] = set()

    @property
    def pending(self) -> str | None:
        """The kind of the open offer (ice, stretch), or None."""
        return self._open.kind if self._open else None

    def make(self, kind: str, now: Now) -> None:
        self._open = _Offer(kind, now.mono)

    def close(self) -> None:
        self._open = None

    def withdraw(self, kind: str) -> None:
        """Close the open offer if it is of `kind` (it was never said)."""
        if self._open is not None and self._open.kind == kind:
            self._open = None

    def is_open(self, now: Now) -> bool:
        """An offer was made and has not timed out."""
        return self._open is not None and now.mono - self._open.made_at <= OFFER_TTL

    def answer(self, now: Now) -> str | None:
        """Yes or No: the open offer's kind if it is still open (None if none or too old).
        The offer is closed either way."""
        kind = self._open.kind if self._open is not None and self.is_open(now) else None
        self._open = None
        return kind

    def reopen(self, now: Now) -> None:
        """Repeat: an offer asked again is open again."""
        if self._open is not None:
            self._open = _Offer(self._open.kind, now.mono)

    def decline(self, kind: str) -> None:
        self._declined.add(kind)

    def declined(self, kind: str) -> bool:
        return kind in self._declined

    def new_episode(self) -> None:
        """A spasm (re)started: everything may be offered again."""
        self._declined.clear()
