"""Full-duplex listening, live: a real `backcoach` process on a private PulseAudio whose speaker
loops back into its microphone (a laptop), real Vosk, real espeak-ng, real speexdsp. Over the
coach's long replies: its own voice is never taken as a request; a normal request is answered
when the sentence being spoken ends; a warning sign cuts the reply and gets its escalation.

Floors, not rates (bench/duplex.py measures the rates): a request is said up to `ATTEMPTS`
times, each over a fresh long reply, and must be acted on at least once. The two request
tests are marked xfail: on the loaded machine they were written on, no request was heard over
the coach's looped-back voice (bench/results/duplex.md); remove the mark when they pass."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pulse_server import Pulse
from test_live_audio import Coach, Event, speech

pytestmark = [pytest.mark.audio, pytest.mark.model]
ATTEMPTS = 2
QUESTION = "what is happening to me"  # ExplainSpasm: four sentences, about 15 s
LONG_REPLIES = ["what can you do", "how can i prevent this"]
"""Questions with long answers (Help, Prevention) for the requests (a question asked again
soon gets a short answer, so a request is said over the reply's second sentence or later)."""


def over_speech(coach: Coach, since: int) -> list[Event]:
    return [e for e in coach.events()[since:] if e["type"] == "Heard" and e.get("over_speech")]


def event_after(
    coach: Coach, since: int, check: Callable[[Event], bool], timeout: float
) -> Event | None:
    """The first event from index `since` on that passes `check`, waiting up to `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and coach.process.poll() is None:
        found = [e for e in coach.events()[since:] if check(e)]
        if found:
            return found[0]
        time.sleep(0.05)  # polling the event log from the test, not product code
    return None


def heard_over_speech(event: Event) -> bool:
    return event["type"] == "Heard" and bool(event.get("over_speech"))


def said(key: str) -> Callable[[Event], bool]:
    return lambda e: e["type"] == "Said" and e["key"] == key


def say_over_reply(coach: Coach, pulse: Pulse, request: Path, question: Path) -> int | None:
    """Ask the question and, once the first sentence of its answer is over, play `request`
    (over the second one). The event index before the question (None: it went unanswered)."""
    since = len(coach.events())
    pulse.play(question).wait(timeout=10)
    if event_after(coach, since, lambda e: e["type"] == "Said", 20) is None:
        return None
    pulse.play(request).wait(timeout=10)
    return since


def over_replies_until(
    coach: Coach, pulse: Pulse, clip: Path, tmp: Path, found: Callable[[Event], bool], wait: float
) -> tuple[int, Event] | None:
    """Say `clip` over a long reply, up to ATTEMPTS times (a new question each time), until an
    event `found` follows: (the event index before that question, the event), or None."""
    questions = [speech(q, tmp / f"q{i}.wav") for i, q in enumerate(LONG_REPLIES)]
    for attempt in range(ATTEMPTS):
        since = say_over_reply(coach, pulse, clip, questions[attempt % len(questions)])
        event = None if since is None else event_after(coach, since, found, wait)
        if since is not None and event is not None:
            return since, event
        coach.wait_quiet("Greeting")
    return None


def start(pulse: Pulse, model: Path, tmp: Path) -> Coach:
    coach = Coach(pulse, model, tmp, "--full-duplex")
    coach.wait_quiet("Greeting")  # about 6 s of speech: the canceller adapts to it
    return coach


@pytest.mark.xfail(
    reason="not met on the loaded 2-core machine: its own voice passed the double-talk rule in "
    "1 of 2 fresh-clone CI runs ('a fall neck locked up and it's'); bench/results/duplex.md "
    "measured 2 false actions in 7.6 min. Full duplex is off by default for this reason",
    strict=False,
)
def test_its_own_voice_over_a_long_reply_is_no_request(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path, loopback: None
) -> None:
    coach = start(pulse, vosk_model_path, tmp_path)
    try:
        start_at = len(coach.events())
        pulse.play(speech(QUESTION, tmp_path / "q.wav")).wait(timeout=10)
        coach.wait_quiet("ExplainSpasm")
        own = over_speech(coach, start_at)
        assert own == [], f"its own voice was taken as a request: {own}"
        assert coach.understood()[-1] == "ExplainSpasm"
        assert not any(e["type"] == "Said" and e["cut"] for e in coach.events()[start_at:])
    finally:
        coach.process.terminate()
        coach.finish()


NOT_MET = pytest.mark.xfail(
    reason="not met on the loaded 2-core machine: 0 of 27 requests heard over the coach's "
    "voice (bench/results/duplex.md); the echo path through PulseAudio's loopback drifts "
    "faster than speexdsp adapts",
    strict=False,
)


@NOT_MET
def test_a_request_over_a_reply_is_answered_after_the_sentence(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path, loopback: None
) -> None:
    coach = start(pulse, vosk_model_path, tmp_path)
    try:
        request = speech("how long do i ice it", tmp_path / "ice.wav")
        got = over_replies_until(coach, pulse, request, tmp_path, said("IceHowLong"), 30)
        if got is None:
            pytest.fail(f"'how long do i ice it' was not answered in {ATTEMPTS} tries")
        since, answer = got
        after = coach.events()[since:]
        heard = next(e for e in after if e["type"] == "Heard" and e.get("over_speech"))
        playing = [e for e in after if e["type"] == "Said" and e["start"] < heard["at"] < e["end"]]
        assert playing, "the request was heard while the coach spoke"
        assert not any(e["cut"] for e in playing), "its sentence was finished, not cut"
        assert answer["start"] >= playing[0]["end"] - 0.05, "answered after that sentence"
    finally:
        coach.process.terminate()
        coach.finish()


@NOT_MET
def test_a_warning_sign_over_a_reply_cuts_it_and_is_escalated(
    pulse: Pulse, vosk_model_path: Path, tmp_path: Path, loopback: None
) -> None:
    coach = start(pulse, vosk_model_path, tmp_path)
    try:
        sign = speech("my leg is numb", tmp_path / "numb.wav")
        got = over_replies_until(coach, pulse, sign, tmp_path, heard_over_speech, 10)
        if got is None:
            pytest.fail(f"'my leg is numb' was not heard over the reply in {ATTEMPTS} tries")
        since = got[0]
        escalation = event_after(coach, since, said("RedFlag"), 25)
        after = coach.events()[since:]
        assert escalation is not None, f"no escalation: {after}"
        cut = [e for e in after if e["type"] == "Said" and e["cut"]]
        assert cut, f"the reply was not cut at once: {after}"
        assert escalation["start"] - cut[0]["end"] < 1.5
    finally:
        coach.process.terminate()
        coach.finish()
