"""Slower, Louder, Softer: the voice change to ask the speaker for, kept in the episode store's
settings so the next session starts with the same voice. Pure arithmetic, no I/O."""

from __future__ import annotations

from dataclasses import dataclass

from voice.events import AdjustVoice

RATE_STEP, MIN_RATE = 0.85, 0.5
"""Each "slower" multiplies the rate by RATE_STEP, down to MIN_RATE of the speaker's default."""
VOLUME_STEP, MAX_VOLUME_DELTA = 0.2, 0.8
"""Each "louder"/"softer" adds or takes VOLUME_STEP, within ±MAX_VOLUME_DELTA of the default."""


@dataclass(frozen=True)
class Voice:
    rate: float = 1.0
    """Speaking rate as a factor of the speaker's default."""
    volume: float = 0.0
    """Volume as a change from the speaker's default."""

    def changed(self, intent: str) -> Voice:
        if intent == "Slower":
            return Voice(max(MIN_RATE, self.rate * RATE_STEP), self.volume)
        step = {"Louder": VOLUME_STEP, "Softer": -VOLUME_STEP}.get(intent, 0.0)
        volume = max(-MAX_VOLUME_DELTA, min(MAX_VOLUME_DELTA, self.volume + step))
        return Voice(self.rate, round(volume, 6))

    def relative_to(self, old: Voice) -> AdjustVoice | None:
        """The AdjustVoice that turns `old` into this voice; None if they are the same."""
        if abs(self.rate - old.rate) < 1e-9 and abs(self.volume - old.volume) < 1e-9:
            return None
        return AdjustVoice(rate_factor=self.rate / old.rate, volume_delta=self.volume - old.volume)
