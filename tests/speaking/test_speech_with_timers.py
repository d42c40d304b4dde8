"""The speech queue fed by the real timer desk (FakeClock, fake player: see timer_sim.py): a
question during a hold, a stretch during the ice explanation, a timer's answer during it."""

from __future__ import annotations

from timer_sim import MemoryStore, Sim

from voice.clock import FakeClock
from voice.events import Say


def test_a_question_during_a_hold_waits_for_release_and_numbers_stay_on_time() -> None:
    clock = FakeClock(mono=1000.0)
    sim = Sim.make(MemoryStore(), clock)
    sim.handle("StartStretch", duration=20, reps=1)
    sim.run_until(1000.0 + 19.5)  # "five" comes at 21 s, "release" at 26 s
    sim.dispatch([Say("The answer to your question, which takes a few seconds to say.")])
    sim.run_until(1000.0 + 60)
    spoken = sim.spoken(1000.0)
    assert spoken[2:8] == [
        (21.0, "Five"),
        (22.0, "Four"),
        (23.0, "Three"),
        (24.0, "Two"),
        (25.0, "One"),
        (26.0, "Release."),
    ]
    answer = [t for t, text in spoken if text.startswith("The answer")]
    assert answer and answer[0] > 26.0
    assert not any(s.cut for s in sim.said)


def test_a_stretch_started_during_the_long_ice_explanation_gets_its_intro_at_once() -> None:
    clock = FakeClock(mono=0.0)
    sim = Sim.make(MemoryStore(), clock)
    sim.handle("StartIce")
    sim.handle("StartStretch")
    sim.run_until(60.0)
    spoken = sim.spoken(0.0)
    # The time-bound stretch intro goes after the first sentence of the ice explanation; the
    # rest of the explanation fills the gaps between the stretch's cues.
    assert spoken[0] == (0.0, "Okay, ten minutes of ice.")
    assert spoken[1][1].startswith("Let's do three gentle holds.")
    assert [entry for entry in spoken if entry[1] == "Five"] == [(21.0, "Five"), (51.0, "Five")]
    ice = " ".join(s.text for s in sim.said if s.key == "Timers.ice.intro" and not s.cut)
    assert ice == sim.says()[0].text, "every sentence of the explanation is heard"
    assert sim.queue.dropped == []


def test_the_answer_to_start_timer_is_never_dropped() -> None:
    clock = FakeClock(mono=0.0)
    sim = Sim.make(MemoryStore(), clock)
    sim.handle("StartIce")  # a long explanation
    sim.handle("StartTimer", duration=60)
    sim.run_until(30.0)
    texts = [text for _, _, text in sim.sentences(0.0)]
    assert "Okay, a timer for one minute. I'll tell you when it's done." in texts
    assert sim.queue.dropped == []
