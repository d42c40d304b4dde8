"""Out-of-domain finals through the real coach: does it act on them?

The engine's understood finals on a radio programme are replayed, at their times in the audio,
into the product's coach (voice.app.wiring.build_coach, a fake clock, a scratch state directory),
which decides as it would live: a "yes" with nothing asked or a timer command with no timer
is let pass (voice.coach.attention). A false action is any final the coach does not ignore.

Two rooms: "idle" (the coach's last words are more than a minute past when the radio starts)
and "icing" (an ice massage timer was started just before: timer commands now have a timer,
and its announcements reopen the conversation).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from intents.matcher import load_matcher
from voice.app.settings import Settings
from voice.app.wiring import build_coach
from voice.clock import FakeClock
from voice.coach.attention import CONVERSATION_WINDOW
from voice.coach.coach import Coach
from voice.events import Ignored

ROOMS = ("idle", "icing")


def _advance(coach: Coach, clock: FakeClock, to: float) -> None:
    """Move the clock to `to`, ticking the coach at every timer deadline on the way."""
    while (deadline := coach.next_deadline()) is not None and deadline <= to:
        clock.advance(max(0.0, deadline - clock.mono))
        coach.tick(clock.now())
    clock.advance(max(0.0, to - clock.mono))


def false_actions(accepts: list[dict], room: str) -> list[dict]:
    """The accepts (dicts with "at" seconds into the audio and "heard") the coach acted on."""
    matcher = load_matcher()
    clock = FakeClock()
    with tempfile.TemporaryDirectory() as state:
        parts = build_coach(Settings(state_dir=Path(state)))
        try:
            coach = parts.coach
            coach.start(clock.now())
            if room == "icing":
                coach.handle(matcher.understand("start the ice massage"), clock.now())
                assert parts.desk.active(), "the icing room needs a running ice timer"
            start = clock.mono + CONVERSATION_WINDOW + 1
            acted = []
            for accept in sorted(accepts, key=lambda a: a["at"]):
                _advance(coach, clock, start + accept["at"])
                events = coach.handle(matcher.understand(accept["heard"]), clock.now())
                if events and not all(isinstance(e, Ignored) for e in events):
                    acted.append(accept)
            return acted
        finally:
            parts.close()
