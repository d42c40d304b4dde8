"""Replies that fit around timer cues (issue 17 item 5): the speech queue and its policy on a
FakeClock, stepped. The player is a fake (real playback needs an audio device; the real
espeak-ng lengths are checked in tests/integration/test_synthesizer.py): each sentence lasts
0.1 s a character, so "x" * 30 is 3 s. A reply is never split by a countdown number: it waits
for the numbers, or is shortened; an offer of a routine that already runs is left out."""

from __future__ import annotations

from collections.abc import Callable

from timer_sim import FakePlayer, FakeUtterance

from voice.clock import FakeClock
from voice.events import Priority, Say
from voice.speaking.speech_policy import Item, StartPolicy, sentences
from voice.speaking.speech_queue import SpeechQueue


def s(n: int) -> str:
    """A sentence of n characters, so n/10 s long: "Xxxx...x."."""
    return "X" + "x" * (n - 2) + "."


class Room:
    """A queue fed with cues at given times ("Five", 0.4 s), like the desk's countdown."""

    def __init__(self, cues: list[float], taken: Callable[[str], bool] | None = None) -> None:
        self.clock = FakeClock(mono=0.0)
        self.player = FakePlayer(self.clock, seconds_per_char=0.1)
        self.cues = sorted(cues)
        self.said: list = []  # type: ignore[type-arg]
        self.queue = SpeechQueue(
            self.player,
            self.clock,
            on_said=self.said.append,
            next_countdown=lambda after: next((t for t in self.cues if t > after), None),
            upcoming_cues=lambda after: [(t, "Five") for t in self.cues if t > after],
            offer_taken=taken,
        )

    def reply(self, text: str, **fields: object) -> None:
        self.queue.say(Say(text, key="reply", **fields), self.clock.now())  # type: ignore[arg-type]

    def run_until(self, t: float) -> None:
        """Step the clock to t: each cue is said on its second (and leaves the list, as the
        desk's snapshot does), each sentence ends on time."""
        while True:
            end = self.player.end_time()
            cue = self.cues[0] if self.cues else None
            nxt = min(x for x in (end, cue, t) if x is not None)
            self.clock.advance(max(0.0, nxt - self.clock.mono))
            if end is not None and end <= nxt:
                self.player.finish()
            elif cue is not None and cue <= nxt:
                self.cues.pop(0)
                say = Say("Five", Priority.COUNTDOWN, key="count", not_after=cue + 0.5)
                self.queue.say(say, self.clock.now())
            if nxt >= t and (end is None or end > t) and (cue is None or cue > t):
                return

    def heard(self) -> list[tuple[str, float, bool]]:
        return [(x.key, round(x.start, 2), x.cut) for x in self.said]


def test_a_reply_whose_first_sentence_fits_but_not_the_rest_waits_for_the_numbers() -> None:
    # Today's bug: "Not yet." ... "Five, four..." ... the rest of the answer.
    room = Room([5.0, 6.0, 7.0])
    room.reply(f"Not yet. {s(45)}")  # 0.8 s + 4.5 s: only the first sentence fits before 5.0
    room.run_until(20.0)
    assert room.heard() == [
        ("count", 5.0, False),
        ("count", 6.0, False),
        ("count", 7.0, False),
        ("reply", 7.4, False),
        ("reply", 8.2, False),
    ]


def test_a_reply_that_fits_whole_is_said_at_once() -> None:
    room = Room([10.0])
    room.reply(f"Not yet. {s(30)}")
    room.run_until(20.0)
    assert room.heard()[:2] == [("reply", 0.0, False), ("reply", 0.8, False)]


def test_a_reply_no_gap_holds_is_shortened_to_what_fits_and_the_rest_is_left_out() -> None:
    # Gaps of 4.5 s, for much longer than max_wait: the reply (2 + 2 + 3 s) never fits whole.
    room = Room([5.0 * k for k in range(1, 12)])
    room.reply(f"{s(20)} {s(20)} {s(30)}")
    room.run_until(60.0)
    reply = [entry for entry in room.heard() if entry[0] == "reply"]
    assert reply == [("reply", 0.0, False), ("reply", 2.0, False)]  # now: the best gap
    assert [(why, say.text) for why, say in room.queue.unsaid] == [("shortened", s(30))]


def test_a_reply_waits_for_a_gap_ahead_that_holds_it_whole() -> None:
    room = Room([2.0, 3.0, 4.0])  # the numbers, then nothing
    room.reply(f"{s(15)} {s(15)}")  # 3 s: not before 2.0; whole after the numbers
    room.run_until(20.0)
    assert [e for e in room.heard() if e[0] == "reply"] == [
        ("reply", 4.4, False),
        ("reply", 5.9, False),
    ]
    assert room.queue.unsaid == []


def test_a_shortened_reply_loses_its_offer_first_and_a_whole_one_only_its_offer() -> None:
    offer = "Shall I time the ice for you?"  # 2.9 s
    room = Room([5.0 * k for k in range(1, 12)])
    room.reply(f"{s(20)} {offer}", offer="ice", offer_text=offer)
    room.run_until(60.0)
    assert [e[1] for e in room.heard() if e[0] == "reply"] == [0.0]
    assert [say.text for _, say in room.queue.unsaid] == [offer]

    room = Room([5.0 * k for k in range(1, 12)])
    room.reply(f"{s(20)} {s(20)} {offer}", offer="ice", offer_text=offer, whole=True)
    room.run_until(60.0)
    assert [e[1] for e in room.heard() if e[0] == "reply"] == [0.0, 2.0]
    assert [say.text for _, say in room.queue.unsaid] == [offer]


def test_an_offer_is_dropped_when_its_routine_runs_by_the_time_it_would_be_said() -> None:
    running: set[str] = set()
    room = Room([], taken=running.__contains__)
    offer = "Would you like me to time an ice massage?"
    room.reply(f"{s(30)} {offer}", offer="ice", offer_text=offer)
    room.run_until(1.0)
    running.add("ice")  # "start the ice" while the first sentence is said
    room.run_until(20.0)
    assert [x.text for x in room.said] == [s(30)]
    assert [(why, say.text) for why, say in room.queue.unsaid] == [("offer taken", offer)]


def test_an_offer_of_a_routine_that_does_not_run_is_said() -> None:
    room = Room([], taken=lambda routine: routine == "stretch")
    offer = "Would you like me to time an ice massage?"
    room.reply(f"{s(30)} {offer}", offer="ice", offer_text=offer)
    room.run_until(20.0)
    assert [x.text for x in room.said] == [s(30), offer]


def test_a_cue_due_but_not_yet_said_holds_a_reply_back() -> None:
    # The session handles what it heard before it ticks the timers: a reply queued at the very
    # moment a number is due must not start and be cut by it.
    room = Room([5.0])
    room.run_until(4.0)
    room.clock.advance(1.0)  # 5.0: the number is due, the desk has not been ticked yet
    room.reply(s(20))
    assert room.said == [] and not room.queue.speaking
    room.run_until(20.0)
    assert room.heard() == [("count", 5.0, False), ("reply", 5.4, False)]


def test_sentences_keep_the_offer_on_the_offer_only() -> None:
    offer = "I can count you through a gentle hold. Shall I?"
    say = Say(f"Okay. Lie down. {offer}", offer="stretch", offer_text=offer)
    assert [(p.text, p.offer) for p in sentences(say)] == [
        ("Okay.", ""),
        ("Lie down.", ""),
        ("I can count you through a gentle hold.", "stretch"),
        ("Shall I?", "stretch"),
    ]


def test_sentences_not_yet_synthesized_count_with_their_estimate() -> None:
    policy = StartPolicy(next_cue=lambda after: 4.0 if after < 4.0 else None)
    first = Item.of(Say("One."), 1, FakeUtterance("One.", 1.0), 0.0, group=7, index=0)
    second = Item.of(Say("Two."), 2, None, 0.0, group=7, index=1, estimate=3.5)
    assert policy.first_startable([first, second], 0.0) is None  # 1 + 3.5 s > 4 s: it waits
    short = Item.of(Say("Two."), 2, None, 0.0, group=7, index=1, estimate=2.5)
    start = policy.first_startable([first, short], 0.0)
    assert start is not None and start.item is first and start.fits


def test_the_estimate_learns_the_synthesizers_pace() -> None:
    clock = FakeClock()
    fast = SpeechQueue(FakePlayer(clock, seconds_per_char=0.03), clock)
    slow = SpeechQueue(FakePlayer(clock, seconds_per_char=0.12), clock)
    heard = [f"This is sentence number {n}, said before." for n in range(6)]
    for queue in (fast, slow):
        queue.warm(heard)
    text = "A sentence that has not been synthesized yet."  # 45 characters
    assert abs(fast.pace.seconds(text) - 45 * 0.03) < 0.3
    assert abs(slow.pace.seconds(text) - 45 * 0.12) < 0.8
