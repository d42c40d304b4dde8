"""The speech queue on a FakeClock with a fake player: the real player needs an audio device
and is tested with espeak-ng through PulseAudio by the speech integration tests. Here: order,
priorities, nothing overlapping, countdown numbers never pushed late, stale sentences dropped.
Fed by the real timer desk: test_speech_with_timers.py."""

from __future__ import annotations

import threading
from collections.abc import Callable

from timer_sim import FakePlayer, FakeUtterance

from voice.clock import FakeClock
from voice.events import AdjustVoice, Priority, Say
from voice.speaking.speech_queue import SpeechQueue

G, C, S, CH = Priority.GUIDANCE, Priority.COUNTDOWN, Priority.SAFETY, Priority.CHATTER


class Rig:
    def __init__(self, next_countdown: Callable[[float], float | None] | None = None) -> None:
        self.clock = FakeClock(mono=0.0)
        self.player = FakePlayer(self.clock, seconds_per_char=0.1)
        self.said: list = []  # type: ignore[type-arg]
        self.queue = SpeechQueue(
            self.player, self.clock, on_said=self.said.append, next_countdown=next_countdown
        )

    def say(self, text: str, priority: Priority = G, not_after: float | None = None) -> None:
        self.queue.say(Say(text, priority, key=text, not_after=not_after), self.clock.now())

    def count(self, text: str) -> None:
        """A countdown number as the desk says it: COUNTDOWN, droppable half a second late."""
        self.say(text, C, not_after=self.clock.mono + 0.5)

    def run_until(self, t: float) -> None:
        while (end := self.player.end_time()) is not None and end <= t:
            self.clock.advance(end - self.clock.mono)
            self.player.finish()
        self.clock.advance(max(0.0, t - self.clock.mono))

    def synthesized(self) -> list[str]:
        """From now on, the texts the queue asks the player to synthesize."""
        calls: list[str] = []
        real = self.player.synthesize

        def counting(text: str) -> FakeUtterance:
            calls.append(text)
            return real(text)

        self.player.synthesize = counting  # type: ignore[method-assign]
        return calls

    def log(self) -> list[tuple[str, float, float, bool]]:
        return [(s.text, round(s.start, 3), round(s.end, 3), s.cut) for s in self.said]


def test_one_at_a_time_in_order() -> None:
    rig = Rig()
    rig.say("aaaaaaaaaa")  # 1 s each
    rig.say("bbbbbbbbbb")
    rig.say("cccccccccc")
    assert rig.queue.pending() == ["bbbbbbbbbb", "cccccccccc"]
    rig.run_until(10)
    assert rig.log() == [
        ("aaaaaaaaaa", 0.0, 1.0, False),
        ("bbbbbbbbbb", 1.0, 2.0, False),
        ("cccccccccc", 2.0, 3.0, False),
    ]


def test_priorities_order_the_queue_and_safety_cuts_in() -> None:
    rig = Rig()
    rig.say("first guidance")  # 1.4 s
    rig.clock.advance(0.5)
    rig.say("chatter", CH)
    rig.say("more guidance")
    rig.say("see a doctor", S)
    rig.run_until(20)
    assert rig.log() == [
        ("first guidance", 0.0, 0.5, True),
        ("see a doctor", 0.5, 1.7, False),
        ("more guidance", 1.7, 3.0, False),
        ("chatter", 3.0, 3.7, False),
    ]


def test_a_countdown_number_cuts_guidance_and_starts_on_its_second() -> None:
    rig = Rig()
    rig.say("a long answer that goes on and on", not_after=100.0)  # 3.3 s
    rig.run_until(2.0)
    rig.count("Five")
    rig.run_until(2.2)
    assert rig.log() == [("a long answer that goes on and on", 0.0, 2.0, True)]
    assert rig.player.started[-1] == ("Five", 2.0)


def test_a_new_number_cuts_the_previous_one_but_not_safety() -> None:
    rig = Rig()
    rig.count("Fiiiiiiiiiiive")  # 1.4 s, too long
    rig.run_until(1.0)
    rig.count("Four")
    assert rig.player.started == [("Fiiiiiiiiiiive", 0.0), ("Four", 1.0)]
    rig.run_until(2.0)
    rig.say("stop and call for help now", S)  # 2.6 s
    rig.run_until(3.0)
    rig.say("Two", C, not_after=3.5)
    rig.run_until(10)
    assert [text for text, _ in rig.player.started][-1] == "stop and call for help now"
    assert [s.text for s in rig.queue.dropped] == ["Two"], "a number after its second is dropped"


def test_an_answer_waits_for_the_gap_after_the_count() -> None:
    count = [10.0, 11.0, 12.0, 13.0, 14.0, 15.0]  # five, four, three, two, one, release
    rig = Rig(next_countdown=lambda after: next((t for t in count if t > after), None))
    rig.run_until(8.0)
    rig.say("here is the answer")  # 1.8 s would run into "five" at 10.2 s
    rig.run_until(8.5)
    assert rig.player.started == [("here is the answer", 8.0)]  # it fits: 8.0 + 1.8 + margin
    rig.run_until(9.0)
    rig.say("and a second long answer")  # 2.4 s: does not fit before 10.0
    for t, word in zip(count, ["Five", "Four", "Three", "Two", "One", "Release."], strict=True):
        rig.run_until(t)
        rig.count(word)
    rig.run_until(30)
    starts = [(text, round(t, 3)) for text, t in rig.player.started]
    assert starts[1:] == [
        ("Five", 10.0),
        ("Four", 11.0),
        ("Three", 12.0),
        ("Two", 13.0),
        ("One", 14.0),
        ("Release.", 15.0),
        ("and a second long answer", 15.8),  # right after "Release." ends
    ]
    assert not any(s.cut for s in rig.said)


def test_a_time_bound_cue_waits_for_the_number_it_would_run_into_if_it_may_start_after() -> None:
    rig = Rig(next_countdown=lambda after: 10.0 if after < 10.0 else None)
    rig.run_until(9.0)
    rig.say("ten seconds left, keep holding", not_after=11.0)  # 3 s: it may start up to 11.0
    assert rig.player.started == []
    rig.run_until(10.0)
    rig.count("Five")
    rig.run_until(20.0)
    assert rig.player.started == [("Five", 10.0), ("ten seconds left, keep holding", 10.4)]
    assert not any(s.cut for s in rig.said)


def test_a_time_bound_cue_that_cannot_wait_plays_and_is_cut() -> None:
    rig = Rig(next_countdown=lambda after: 10.0 if after < 10.0 else None)
    rig.run_until(9.0)
    rig.say("ten seconds left, keep holding", not_after=9.5)  # must start before the number
    assert rig.player.started == [("ten seconds left, keep holding", 9.0)]
    rig.run_until(10.0)
    rig.count("Five")
    assert rig.said[-1].cut and rig.player.started[-1] == ("Five", 10.0)


def test_far_countdown_does_not_hold_an_answer_back() -> None:
    rig = Rig(next_countdown=lambda after: 60.0)
    rig.say("x" * 100)  # 10 s, the count is 60 s away: play now
    assert rig.player.started[0][1] == 0.0


def test_stale_sentences_are_dropped_not_said_late() -> None:
    rig = Rig()
    rig.say("a" * 30)  # 3 s
    rig.say("three minutes of ice left", not_after=2.0)
    rig.run_until(10)
    assert [text for text, _ in rig.player.started] == ["a" * 30]
    assert [s.text for s in rig.queue.dropped] == ["three minutes of ice left"]


def test_stop_cuts_and_keeps_only_what_is_urgent_enough() -> None:
    rig = Rig()
    rig.say("guidance one")
    rig.say("guidance two")
    rig.count("number")  # cuts guidance one
    rig.say("chatter", CH)
    rig.queue.stop(Priority.COUNTDOWN)
    assert not rig.queue.speaking
    rig.run_until(10)
    assert [s.text for s in rig.said] == ["guidance one", "number"]
    assert all(s.cut for s in rig.said)
    rig.say("after")
    rig.queue.stop(Priority.SAFETY)
    assert rig.said[-1].text == "after" and rig.said[-1].cut
    assert rig.queue.pending() == []


def test_adjust_passes_the_relative_change_and_forgets_cached_voices() -> None:
    rig = Rig()
    calls = rig.synthesized()
    rig.queue.warm(["Five", "Four"])
    rig.count("Five")
    assert calls == ["Five", "Four"], "warmed numbers are not synthesized again"
    rig.queue.adjust(AdjustVoice(rate_factor=0.85, volume_delta=0.2))
    assert rig.player.voice == [(0.85, 0.2)]
    rig.run_until(5)
    rig.count("Five")
    assert calls == ["Five", "Four", "Five"], "the new voice is synthesized afresh"


class _SyncPlayer(FakePlayer):
    """Like the text fallback speaker: on_done is called inside play."""

    def play(self, utterance: FakeUtterance, on_done: Callable[[bool], None]) -> None:
        self.started.append((utterance.text, self.clock.mono))
        on_done(False)


def test_a_player_that_finishes_inside_play_drains_the_queue_in_order() -> None:
    clock = FakeClock(mono=0.0)
    player = _SyncPlayer(clock)
    said: list = []  # type: ignore[type-arg]
    queue = SpeechQueue(player, clock, on_said=said.append)
    for n in range(200):  # deep enough to catch recursion
        queue.say(Say(f"line {n}"), clock.now())
    assert [text for text, _ in player.started] == [f"line {n}" for n in range(200)]
    assert len(said) == 200 and not queue.speaking


def test_background_synthesis_does_not_block_the_caller() -> None:
    clock = FakeClock(mono=0.0)
    release, played = threading.Event(), threading.Event()

    class SlowPlayer(_SyncPlayer):
        def synthesize(self, text: str) -> FakeUtterance:
            release.wait(5)
            return FakeUtterance(text, 1.0)

        def play(self, utterance: FakeUtterance, on_done: Callable[[bool], None]) -> None:
            super().play(utterance, on_done)
            played.set()

    player = SlowPlayer(clock)
    queue = SpeechQueue(player, clock, background=True)
    queue.say(Say("a long sentence to synthesize"), clock.now())  # returns at once
    assert player.started == []
    release.set()
    assert played.wait(5)
    assert player.started == [("a long sentence to synthesize", 0.0)]
    queue.close()


def test_time_bound_cues_go_before_open_ended_answers() -> None:
    rig = Rig()
    rig.say("a" * 20)  # playing, 2 s
    rig.say("open answer one")
    rig.say("rest cue", not_after=3.0)
    rig.say("next cue", not_after=2.5)
    rig.run_until(20)
    order = [text for text, _ in rig.player.started]
    assert order == ["a" * 20, "next cue", "rest cue", "open answer one"]
    assert rig.queue.dropped == []


def test_times_up_does_not_cut_a_number_it_waits_for_the_gap() -> None:
    count = [25.0, 26.0]  # "one", "release"
    rig = Rig(next_countdown=lambda after: next((t for t in count if t > after), None))
    rig.run_until(25.0)
    rig.count("One")
    rig.say("Your timer is done. Say okay.", C)  # a finish: countdown priority, not time-bound
    rig.run_until(26.0)
    rig.count("Release.")
    rig.run_until(40.0)
    assert [(text, round(t, 2)) for text, t in rig.player.started] == [
        ("One", 25.0),
        ("Release.", 26.0),
        ("Your timer is done.", 26.8),
        ("Say okay.", 28.7),
    ]
    assert not any(s.cut for s in rig.said)


def test_an_answer_no_gap_holds_waits_for_the_first_that_does_and_is_not_cut() -> None:
    cues = [6.0, 12.0, 18.0, 24.0, 30.0]  # gaps of 5.7 s; the answer is 10 s long
    rig = Rig(next_countdown=lambda after: next((t for t in cues if t > after), None))
    rig.say("x" * 100)
    for t in cues:
        rig.run_until(t)
        rig.count(str(int(t)))
    rig.run_until(60.0)
    answer = [(s.start, s.end, s.cut) for s in rig.said if s.text == "x" * 100]
    assert answer == [(30.3, 40.3, False)]  # after the last cue, whole


def test_a_whole_answer_no_gap_holds_waits_at_most_max_wait_then_is_interruptible() -> None:
    cues = [6.0, 12.0, 18.0, 24.0, 30.0]
    rig = Rig(next_countdown=lambda after: next((t for t in cues if t > after), None))
    rig.queue.say(Say("x" * 100, key="warning", whole=True), rig.clock.now())
    for t in cues:
        rig.run_until(t)
        rig.count(str(int(t)))
    rig.run_until(60.0)
    answer = [(s.start, s.end, s.cut) for s in rig.said if s.text == "x" * 100]
    # It carries the warning signs: waited 15 s, played in the next gap of at least 2 s, was
    # cut by the cue it overran, was said once more after it, and cut again (no third try).
    assert answer == [(18.3, 24.0, True), (24.3, 30.0, True)]


def test_a_short_reply_fills_a_gap_a_long_one_cannot_use_but_parts_keep_their_order() -> None:
    cues = [5.0, 20.0]
    rig = Rig(next_countdown=lambda after: next((t for t in cues if t > after), None))
    rig.run_until(2.0)
    rig.say(f"{'x' * 40}. Second part.")  # 4 s + 1.2 s: the first part cannot fit before 5 s
    rig.say("Short one.")  # 1 s: fits in the 3 s before the cue
    rig.run_until(5.0)
    rig.count("Five")
    rig.run_until(30.0)
    assert [(text, round(t, 2)) for text, t in rig.player.started] == [
        ("Short one.", 2.0),
        ("Five", 5.0),
        (f"{'x' * 40}.", 5.4),
        ("Second part.", 9.5),
    ]


def test_ready_replies_are_synthesized_once_kept_and_redone_for_a_new_voice() -> None:
    rig = Rig()
    calls = rig.synthesized()
    openers = ["I'm sorry.", "Okay."] + [f"Reply number {n} of many." for n in range(60)]
    rig.queue.keep_ready(openers, wait=True)
    assert calls == openers
    rig.say("I'm sorry. Lie down if you can.")
    assert calls[len(openers) :] == ["Lie down if you can."], "the opener was ready"
    rig.run_until(20)
    for n in range(60):  # more than the small FIFO cache holds: ready ones are never evicted
        rig.say(f"Something else {n} entirely.")
        rig.run_until(rig.clock.mono + 5)
    calls.clear()
    rig.say("Okay.")
    assert calls == [], "still ready after many other sentences"
    rig.queue.adjust(AdjustVoice(rate_factor=1.15, volume_delta=0.0))
    rig.queue.ready_worker.join()  # adjust() started the warm-up for the new voice
    assert calls == openers, "made again in the new voice"
    calls.clear()
    rig.run_until(rig.clock.mono + 5)
    rig.say("Okay.")
    assert calls == [], "ready in the new voice"


def test_ready_texts_are_the_openings_of_fixed_replies_safety_first_and_whole() -> None:
    from intents.replies import Replies
    from voice.app.live_mode import ready_texts
    from voice.coach.coach import SAFETY_REPLIES

    replies = Replies.load()
    texts = ready_texts(replies)
    safety = {text for key in SAFETY_REPLIES for text in replies.variants(key)}
    assert set(texts[: len(safety)]) == safety, "the safety replies, whole, come first"
    assert "I'm sorry." in texts  # SpasmStarted: "I'm sorry. Let's take the strain off. ..."
    assert "Let's take the strain off." not in texts, "only the opening sentence"
    assert not any("{" in text for text in texts), "no reply with a placeholder"
