"""The coach's replies through the real speech queue while timers run (issue 17 item 5): the real
coach, episode store and timer desk on a fake clock (tests/coach_harness.py), the real speech
queue, and a fake player (real playback needs an audio device: 0.06 s a character, about
espeak-ng's pace). Found live: an ice offer said 8 s after the ice had started, and answers
split by the countdown numbers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from coach_harness import Conversation, load_understand
from timer_sim import FakePlayer

from voice.events import Event, Said, Say, StopSpeech
from voice.speaking.speech_queue import SpeechQueue

NUMBERS = ("Timers.count", "Timers.stretch.release", "Timers.stretch.release_rest")


class Heard:
    """A conversation whose every reply goes through the speech queue, as live."""

    def __init__(self, conv: Conversation) -> None:
        self.conv = conv
        self.player = FakePlayer(conv.clock, seconds_per_char=0.06)
        self.said: list[Said] = []
        self.queue = SpeechQueue(
            self.player,
            conv.clock,
            on_said=self.said.append,
            next_countdown=conv.desk.next_countdown,
            upcoming_cues=conv.desk.upcoming_cues,
            offer_taken=conv.desk.running,
            on_unsaid=lambda unsaid: conv.coach.withdraw_offer(unsaid.offer),  # as Session does
        )
        self.dispatch(conv.started)

    def dispatch(self, events: list[Event]) -> list[Say]:
        for event in events:
            if isinstance(event, Say):
                self.queue.say(event, self.conv.clock.now())
            elif isinstance(event, StopSpeech):
                self.queue.stop(event.keep_priority)
        return [e for e in events if isinstance(e, Say)]

    def tell(self, text: str, intent: str, slots: dict[str, object] | None = None) -> list[Say]:
        return self.dispatch(self.conv.say(text, intent, slots))

    def run_for(self, seconds: float) -> None:
        """Step the clock, waking at every timer deadline and every end of a sentence."""
        clock, coach = self.conv.clock, self.conv.coach
        until = clock.mono + seconds
        while True:
            wakes = [w for w in (coach.next_deadline(), self.player.end_time()) if w is not None]
            nxt = min(wakes, default=None)
            if nxt is None or nxt > until:
                clock.advance(until - clock.mono)
                return
            clock.advance(max(0.0, nxt - clock.mono))
            end = self.player.end_time()
            if end is not None and end <= clock.mono:
                self.player.finish()
            self.dispatch(coach.tick(clock.now()))


@pytest.fixture
def heard(tmp_path: Path) -> Iterator[Heard]:
    conv = Conversation(tmp_path, understand=load_understand())
    yield Heard(conv)
    conv.close()


def test_an_ice_offer_is_not_said_once_the_ice_has_started(heard: Heard) -> None:
    heard.run_for(5)
    [reply] = heard.tell("my neck went into spasm", "SpasmStarted", {"area": "neck"})
    assert reply.offer == "ice" and reply.text.endswith(reply.offer_text)
    heard.run_for(2)  # the reply is still being said when they ask for the ice
    heard.tell("start the ice", "StartIce")
    heard.run_for(60)
    spoken = " ".join(s.text for s in heard.said if not s.cut)
    assert reply.offer_text not in spoken
    assert "If you notice numbness, tingling or weakness, tell me." in spoken
    assert "of ice" in spoken  # the ice's own start
    assert [why for why, _ in heard.queue.unsaid] == ["offer taken"]


def test_an_answer_during_a_hold_is_never_split_by_the_countdown(heard: Heard) -> None:
    heard.tell("count me through the stretch", "StartStretch")
    for question, intent in (
        ("can I use heat", "HeatQuestion"),
        ("what can I take for the pain", "PainRelief"),
        ("help", "Help"),
    ):
        heard.run_for(11)
        [answer] = heard.tell(question, intent)
        heard.run_for(40)
        mine = [s for s in heard.said if s.key == answer.key]
        assert mine, f"{question!r} was never answered"
        first, last = mine[0].start, mine[-1].end
        between = [s.key for s in heard.said if first < s.start < last and s not in mine]
        assert not any(key in NUMBERS for key in between), f"{question!r} split by {between}"
        assert not any(s.cut for s in mine)
        assert mine[0].text == answer.text.split(". ")[0] + "."  # it opens as it should


def test_an_offer_left_out_for_length_cannot_be_taken(heard: Heard) -> None:
    """A reply shortened to fit between the hold's numbers loses its offer first; the coach
    withdraws it, so a yes does not start what was never heard offered."""
    heard.tell("count me through the stretch", "StartStretch")
    heard.run_for(11)
    [answer] = heard.tell("how long do i ice it", "IceHowLong")
    assert answer.offer == "ice" and heard.conv.coach.pending_offer == "ice"
    heard.run_for(5)
    assert [(why, say.offer) for why, say in heard.queue.unsaid if say.offer] == [
        ("shortened", "ice")
    ]
    assert heard.conv.coach.pending_offer is None
    [reply] = heard.tell("yes", "Yes")
    assert reply.key == "Yes.none" and "ice" not in heard.conv.desk.active()
