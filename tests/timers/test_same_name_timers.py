"""Two timers of one name (issue 15: "one-timer-per-name is no longer a limit"): "set a pasta
timer for twenty minutes", then "set a pasta timer for ten minutes" runs the second beside the
first, called by its length ("the ten-minute pasta timer"); the name alone asks which, the
length said with it picks one, "all the pasta timers" is both and nothing else. The words go
through the real matcher (what `backcoach parse` says), then the desk (FakeClock, the real
episode store, the desk's own words)."""

from __future__ import annotations

from pathlib import Path

import pytest
from timer_sim import START, Sim

from intents.matcher import Matcher, load_matcher
from voice.clock import FakeClock
from voice.coach.episode import EpisodeStore
from voice.events import Event, Say


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return load_matcher()


def said(sim: Sim, matcher: Matcher, text: str) -> list[str]:
    """What the coach's timer desk says to `text`, read by the real matcher."""
    match = matcher.match(text)
    assert match is not None and match.intent != "Unknown", text
    events: list[Event] = sim.dispatch(sim.desk.handle(match, sim.clock.now()))
    return [e.text for e in events if isinstance(e, Say)]


def two_pastas(sim: Sim, matcher: Matcher) -> None:
    said(sim, matcher, "set a pasta timer for twenty minutes")
    second = said(sim, matcher, "set a pasta timer for ten minutes")
    assert second == ["Okay, a pasta timer for ten minutes. I'll tell you when it's done."]


def test_a_second_of_a_name_runs_beside_the_first(sim: Sim, matcher: Matcher) -> None:
    two_pastas(sim, matcher)
    assert sim.desk.active() == ["pasta", "ten-minute pasta"]
    assert said(sim, matcher, "how long is left on the pasta timer") == [
        "The ten-minute pasta timer has ten minutes left; the pasta timer has twenty minutes left."
    ]
    sim.run_until(START + 601)
    assert [e.timer for e in sim.timer_events("finished")] == ["ten-minute pasta"]


def test_the_name_alone_asks_which_and_the_length_picks(sim: Sim, matcher: Matcher) -> None:
    two_pastas(sim, matcher)
    assert said(sim, matcher, "cancel the pasta timer") == [
        "Which one: the pasta timer or the ten-minute pasta timer?"
    ]
    assert sim.desk.active() == ["pasta", "ten-minute pasta"]  # nothing was cancelled
    assert said(sim, matcher, "cancel the ten minute pasta timer") == [
        "Okay, I've stopped the ten-minute pasta timer."
    ]
    assert said(sim, matcher, "pause the pasta timer")[0].startswith("Paused the pasta timer")
    assert sim.desk.active() == ["pasta"]


def test_the_first_is_picked_by_its_own_length(sim: Sim, matcher: Matcher) -> None:
    two_pastas(sim, matcher)
    assert said(sim, matcher, "cancel the twenty minute pasta timer") == [
        "Okay, I've stopped the pasta timer."
    ]
    assert sim.desk.active() == ["ten-minute pasta"]


def test_an_amount_to_add_names_no_timer_so_it_asks(sim: Sim, matcher: Matcher) -> None:
    """ "add two minutes to the pasta timer": two minutes is the amount, not which pasta."""
    two_pastas(sim, matcher)
    assert said(sim, matcher, "add two minutes to the pasta timer") == [
        "Which one: the pasta timer or the ten-minute pasta timer?"
    ]


def test_the_length_beside_an_amount_picks_the_timer(sim: Sim, matcher: Matcher) -> None:
    """ "add two minutes to the ten minute pasta timer"; and with two plain timers, "take a
    minute off the twenty minute timer" is the first one, not the latest (it was the latest)."""
    two_pastas(sim, matcher)
    assert said(sim, matcher, "add two minutes to the ten minute pasta timer") == [
        "Added two minutes. Twelve minutes left on the ten-minute pasta timer."
    ]
    assert said(sim, matcher, "cancel the ten minute pasta timer") == [  # named, not timed
        "Okay, I've stopped the ten-minute pasta timer."
    ]
    said(sim, matcher, "set a timer for twenty minutes")
    said(sim, matcher, "set a timer for five minutes")
    assert said(sim, matcher, "take a minute off the twenty minute timer") == [
        "Which one: the pasta timer or the timer?"  # both twenty minutes: never a guess
    ]
    said(sim, matcher, "cancel the pasta timer")
    assert said(sim, matcher, "take a minute off the twenty minute timer") == [
        "Took off one minute. Nineteen minutes left on the timer."
    ]


def test_all_of_a_name_is_those_and_no_other(sim: Sim, matcher: Matcher) -> None:
    two_pastas(sim, matcher)
    said(sim, matcher, "set a neck timer for five minutes")
    cancelled = said(sim, matcher, "cancel all the pasta timers")
    assert cancelled == [
        "Okay, I've stopped the pasta timer.",
        "Okay, I've stopped the ten-minute pasta timer.",
    ]
    assert sim.desk.active() == ["neck"]


def test_the_same_length_starts_the_first_again(sim: Sim, matcher: Matcher) -> None:
    said(sim, matcher, "set a pasta timer for ten minutes")
    again = said(sim, matcher, "set a pasta timer for ten minutes")
    assert again[0] == "Starting the pasta timer again from the beginning."
    assert sim.desk.active() == ["pasta"]


def test_the_second_comes_back_after_a_restart(
    store: EpisodeStore, tmp_path: Path, matcher: Matcher
) -> None:
    clock = FakeClock(mono=START, wall=1_800_000_000.0)
    first = Sim.make(store, clock)
    two_pastas(first, matcher)
    store.close()  # the process is killed; it restarts 60 s later on a new monotonic clock
    later = FakeClock(mono=5.0, wall=1_800_000_000.0 + 60)
    second = Sim.make(EpisodeStore(tmp_path / "state"), later)
    events = second.dispatch(second.desk.recover(later.now()))
    assert [e.text for e in events if isinstance(e, Say)] == [
        "I'm back. Your pasta timer has nineteen minutes left.",
        "I'm back. Your ten-minute pasta timer has nine minutes left.",
    ]
    assert second.desk.active() == ["pasta", "ten-minute pasta"]
