"""What a request heard over the coach's voice does (voice.coach.over_speech), on the real
matcher's understanding; and the session acting on it with the real coach and the real speech
queue (its player is the speaking tests' fake: the real one needs an audio device and is
exercised live by tests/integration/test_live_duplex.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from timer_sim import FakePlayer

from intents.matcher import load_matcher
from voice.app.session import Session
from voice.app.settings import Settings
from voice.app.wiring import build_coach
from voice.clock import FakeClock
from voice.coach.over_speech import OverSpeech, over_speech
from voice.events import Heard
from voice.speaking.speech_queue import SpeechQueue

CUT, LATER, IGNORE = OverSpeech.CUT_NOW, OverSpeech.AFTER_SENTENCE, OverSpeech.IGNORE


@pytest.fixture(scope="module")
def understand():  # type: ignore[no-untyped-def]
    return load_matcher().understand


@pytest.mark.parametrize(
    ("said", "when"),
    [
        ("my leg is numb", CUT),  # a warning sign
        ("i can't feel my foot", CUT),
        ("i have chest pain", CUT),  # an emergency
        ("i can't breathe", CUT),
        ("i took ten advil", CUT),  # an overdose: an emergency too
        ("it hurts", CUT),
        ("stop", CUT),
        ("how much time is left", LATER),
        ("how long do i ice it", LATER),
        ("what can i take for the pain", LATER),  # painkillers, not an overdose
        ("say that again", LATER),
        ("goodbye", LATER),
        ("yes", LATER),
        ("purple elephants dancing", IGNORE),
    ],
)
def test_what_cuts_the_coach_and_what_waits(understand, said: str, when: OverSpeech) -> None:  # type: ignore[no-untyped-def]
    assert over_speech(understand(said)) is when


class Rig:
    """The session with the real coach, the speech queue and a fake player (0.05 s a char)."""

    def __init__(self, tmp: Path, understand) -> None:  # type: ignore[no-untyped-def]
        self.clock = FakeClock(mono=0.0)
        self.player = FakePlayer(self.clock, seconds_per_char=0.05)
        self.said: list = []  # type: ignore[type-arg]
        self.queue = SpeechQueue(self.player, self.clock, on_said=self.said.append)
        self.parts = build_coach(Settings(tmp / "state"))
        self.session = Session(understand, self.parts.coach, self.queue, self.clock)
        self.session.start()

    def hear(self, text: str, over_speech: bool = False) -> None:
        self.session.receive(Heard(text=text, at=self.clock.mono, over_speech=over_speech))

    def run(self, seconds: float) -> None:
        target = self.clock.mono + seconds
        while (end := self.player.end_time()) is not None and end <= target:
            self.clock.advance(end - self.clock.mono)
            self.player.finish()
        self.clock.advance(max(0.0, target - self.clock.mono))

    def playing(self) -> str:
        return self.player.current[0].text if self.player.current else ""

    def into_a_long_reply(self) -> None:
        """Past the greeting, one second into the four sentences of "what is happening"."""
        self.run(60)
        self.hear("what is happening to me")
        self.run(1.0)


def test_a_request_over_a_reply_is_answered_when_the_sentence_ends(
    tmp_path: Path, understand
) -> None:  # type: ignore[no-untyped-def]
    rig = Rig(tmp_path, understand)
    rig.into_a_long_reply()
    sentence = rig.playing()
    assert sentence.startswith("In a spasm")
    rig.hear("how long do i ice it", over_speech=True)
    rig.run(60)
    log = [(s.key, s.text, s.cut) for s in rig.said if s.key in ("ExplainSpasm", "IceHowLong")]
    assert log[0] == ("ExplainSpasm", sentence, False), log  # finished, not cut
    assert log[1][0] == "IceHowLong", f"answered next, the rest of the reply dropped: {log}"
    assert len(log) == 1 + len([k for k, _, _ in log if k == "IceHowLong"])
    rig.parts.close()


def test_a_warning_sign_over_a_reply_cuts_it_at_once(tmp_path: Path, understand) -> None:  # type: ignore[no-untyped-def]
    rig = Rig(tmp_path, understand)
    rig.into_a_long_reply()
    rig.hear("my leg is numb", over_speech=True)
    cut = rig.said[-1]
    assert (cut.key, cut.cut, cut.end) == ("ExplainSpasm", True, rig.clock.mono)
    rig.run(60)
    assert [s.key for s in rig.said[-2:]] == ["ExplainSpasm", "RedFlag"]
    rig.parts.close()


def test_words_that_mean_nothing_over_a_reply_change_nothing(tmp_path: Path, understand) -> None:  # type: ignore[no-untyped-def]
    rig = Rig(tmp_path, understand)
    rig.into_a_long_reply()
    rig.hear("purple elephants dancing", over_speech=True)
    rig.run(60)
    assert [s.cut for s in rig.said if s.key == "ExplainSpasm"] == [False] * 4
