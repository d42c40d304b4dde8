"""The second pass, with the real model on espeak-ng speech: utterances the first pass turned
into pieces of several sentences are decoded again against their nearest sentences and
understood; the checks that keep a word salad from becoming a command hold; the audio kept for
it is bounded.

The voices and sentences are ones the benchmark corpus showed the first pass getting wrong
(bench/corpus: the same espeak-ng voice, speed and pitch)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from intents.grammar import load_grammar
from intents.matcher import Matcher
from voice.hearing.cleanup import CleanupSettings
from voice.hearing.recognizer import Recognizer
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.second_pass import SecondGuess, SecondPass, SecondPassSettings
from voice.hearing.speech_recognizer import transcribe
from voice.wav_files import read_wav

pytestmark = [pytest.mark.model, pytest.mark.audio]

# (sentence, intent, espeak-ng voice, words per minute, pitch)
JOINED = [
    ("knock fifteen seconds off", "RemoveTime", "en-gb+klatt", 156, 25),
    ("put on a timer", "StartTimer", "en-us-nyc+m7", 165, 73),
    ("count me down stretch", "StartStretch", "en-gb-x-rp+m7", 143, 30),
    ("what do i do about a knot", "Knot", "en-gb-x-rp+m5", 125, 42),
]


def speak(text: str, voice: str, speed: int, pitch: int, path: Path) -> np.ndarray:
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    cmd = ["espeak-ng", "-v", voice, "-s", str(speed), "-p", str(pitch), "-w", str(path), text]
    subprocess.run(cmd, check=True, capture_output=True)
    return read_wav(path)


RAW = CleanupSettings(noise_suppression=0, auto_gain=0)


@pytest.fixture(scope="module")
def phrases() -> list[str]:
    return sorted({text for _, text in load_grammar().sentences()})


def recognizer(model: object, phrases: list[str], matcher: Matcher, second: bool) -> Recognizer:
    # Without the microphone clean-up: these first-pass errors were found on the raw audio.
    settings = RecognizerSettings(cleanup=RAW, second_pass=SecondPassSettings() if second else None)
    return Recognizer(model, phrases, settings, lambda t: matcher.understand(t).understood)


@pytest.mark.parametrize(("text", "intent", "voice", "speed", "pitch"), JOINED)
def test_second_pass_recovers_what_the_first_pass_joined(
    model: object,
    phrases: list[str],
    matcher: Matcher,
    tmp_path: Path,
    text: str,
    intent: str,
    voice: str,
    speed: int,
    pitch: int,
) -> None:
    samples = speak(text, voice, speed, pitch, tmp_path / "s.wav")
    first_only = recognizer(model, phrases, matcher, second=False)
    heard_first = " ".join(h.text for h in transcribe(first_only, samples))
    if matcher.understand(heard_first).intent == intent:  # Vosk varies a little between runs
        pytest.skip(f"the first pass alone heard {heard_first!r} this time: nothing to show")
    both = recognizer(model, phrases, matcher, second=True)
    heard = " ".join(h.text for h in transcribe(both, samples))
    assert heard == text, f"first pass {heard_first!r}, with second pass {heard!r}"
    assert matcher.understand(heard).intent == intent


def test_redecode_keeps_only_close_confident_sentences(
    model: object, phrases: list[str], tmp_path: Path
) -> None:
    samples = speak("knock fifteen seconds off", "en-gb+klatt", 156, 25, tmp_path / "s.wav")
    pad = np.zeros(8000, dtype=np.int16)
    pcm = np.concatenate([pad, samples, pad]).tobytes()
    guesses = ["locked fifteen seconds off"]
    second = SecondPass(model, phrases)
    nearest = second.nearest(guesses)
    assert "knock fifteen seconds off" in nearest
    assert len(nearest) == SecondPassSettings().candidates
    got = second.redecode(pcm, guesses)
    assert got is not None and got.text == "knock fifteen seconds off"
    assert got.confidence >= SecondPassSettings().min_confidence
    picky = SecondPass(model, phrases, SecondPassSettings(min_similarity=99.0))
    assert picky.redecode(pcm, guesses) is None  # right sentence, but too far from the guess
    assert second.redecode(b"", guesses) is None
    assert second.redecode(pcm, []) is None


def test_audio_kept_for_the_second_pass_is_bounded(
    model: object, phrases: list[str], matcher: Matcher
) -> None:
    rec = recognizer(model, phrases, matcher, second=True)
    rec._gate = None  # noqa: SLF001 - all of the hiss decoded (the gate would keep it out)
    hiss = np.random.default_rng(3).normal(0, 20, 16000 * 20).astype(np.int16)
    for start in range(0, len(hiss), 1600):
        rec.feed(hiss[start : start + 1600].tobytes())
    assert rec.buffered_seconds <= rec.settings.max_utterance
    assert rec.buffered_seconds > rec.settings.max_utterance - 0.2
    rec.reset()
    assert rec.buffered_seconds == 0


def test_long_loose_word_strings_are_dropped_whole_sentences_are_not(
    model: object, phrases: list[str], matcher: Matcher, tmp_path: Path
) -> None:
    sentence = speak("add two minutes to the ice", "en-us", 150, 50, tmp_path / "s.wav")
    loose = speak("add two minutes to the ice now", "en-us", 150, 50, tmp_path / "l.wav")
    # Without the speech gate: this recording's first pass turns on the silence Vosk is given
    # before the words ("add two minutes start the ice" after the gate's 0.4 s pre-roll, right
    # after 0.2, 0.3, 0.5, 0.6 or 0.8 s, and ungated). On 120 corpus commands the gate cost no
    # accuracy (108 right with it, 105 without: bench/results/idle_cost.md).
    settings = RecognizerSettings(max_loose_words=3, second_pass=None, cleanup=RAW)
    settings = replace(settings, speech_gate=None)
    strict = Recognizer(model, phrases, settings, lambda t: matcher.understand(t).understood)
    assert [h.text for h in transcribe(strict, sentence)] == ["add two minutes to the ice"]
    assert transcribe(strict, loose) == []
    assert strict.dropped[-1].text == "add two minutes to the ice now"
    assert "add two minutes to the ice now" not in phrases
    default = recognizer(model, phrases, matcher, second=False)
    heard = " ".join(h.text for h in transcribe(default, loose))
    assert matcher.understand(heard).intent == "AddTime"


def test_a_symptom_in_a_loose_string_is_confirmed_never_talked_away(
    model: object, phrases: list[str], matcher: Matcher, tmp_path: Path
) -> None:
    """Real audio and first pass ("my hand feel numb today": a symptom in a loose word
    string). The second pass runs for real, then is forced to a given answer, because no
    recording reliably makes the real one give each (those are the rare cases guarded)."""
    samples = speak("my hand feels numb today", "en-us", 150, 50, tmp_path / "s.wav")
    assert "my hand feels numb today" not in phrases

    def hear(answer: str | None, confirm: bool = True, force: bool = True) -> str:
        settings = RecognizerSettings(
            second_pass=SecondPassSettings(confirm_symptoms=confirm),
            # Raw audio: with the clean-up this one recording loses "numb" in the first pass
            # (40 other symptom sentences in 5 voices: 40 heard with it, 39 without).
            cleanup=RAW,
        )
        rec = Recognizer(
            model,
            phrases,
            settings,
            understands=lambda t: matcher.understand(t).understood,
            urgent=lambda t: matcher.understand(t).intent == "RedFlag",
        )
        if force:
            guess = SecondGuess(answer, 0.99, 99.0) if answer else None
            rec._second.redecode = lambda pcm, guesses: guess  # type: ignore[method-assign,union-attr]
        return " ".join(h.text for h in transcribe(rec, samples))

    real = hear(None, force=False)
    assert matcher.understand(real).intent == "RedFlag", real
    assert hear("my hand is numb") == "my hand is numb"  # confirmed
    assert hear("how much time is left") == ""  # not confirmed: dropped, not made calm
    assert hear(None) == ""
    unconfirmed = hear("how much time is left", confirm=False)  # kept as heard
    assert matcher.understand(unconfirmed).intent == "RedFlag", unconfirmed
    assert hear(None, confirm=False) == unconfirmed


def test_nbest_redecode_finds_the_sentence_the_best_path_missed(
    model: object, phrases: list[str], tmp_path: Path
) -> None:
    """espeak-ng en-us+klatt: the first pass heard "i'd a spasm"; the re-decode's best path
    is no candidate sentence either, its N-best list holds "i got a spasm"."""
    samples = speak("i got a spasm", "en-us+klatt", 167, 43, tmp_path / "s.wav")
    pad = np.zeros(4800, dtype=np.int16)
    pcm = np.concatenate([pad, samples, pad]).tobytes()
    assert SecondPassSettings().alternatives == 10, "on in the product"
    best_path = SecondPass(model, phrases, SecondPassSettings(alternatives=0, scored=0))
    first = best_path.redecode(pcm, ["i'd a spasm"])
    if first is not None:  # Vosk varies a little between runs
        pytest.skip(f"the best path alone gave {first.text!r} this time: nothing to show")
    guess = SecondPass(model, phrases, SecondPassSettings(scored=0)).redecode(pcm, ["i'd a spasm"])
    assert guess is not None and guess.text == "i got a spasm"
    assert guess.similarity >= SecondPassSettings().min_similarity


# (said, what the first pass heard, espeak-ng voice, words per minute, pitch): benchmark misses
SCORED = [
    ("slow that down", "slow that now", "en-gb-x-rp+f4", 184, 53),
    ("slow it down", "slow it now", "en-us+f4", 133, 28),
]


@pytest.mark.parametrize(("said", "heard", "voice", "speed", "pitch"), SCORED)
def test_one_decode_per_sentence_finds_what_the_joined_decodes_missed(
    model: object, phrases: list[str], tmp_path: Path,
    said: str, heard: str, voice: str, speed: int, pitch: int,
) -> None:  # fmt: skip
    """The re-decode against 20 sentences still joins "slow that" and "that now" (from "stop
    that now"); decoding once per nearest sentence, each alone, cannot join anything: only
    "slow that down" is heard whole."""
    samples = speak(said, voice, speed, pitch, tmp_path / "s.wav")
    pad = np.zeros(4800, dtype=np.int16)
    pcm = np.concatenate([pad, samples, pad]).tobytes()
    assert SecondPassSettings().scored == 4, "on in the product"
    without = SecondPass(model, phrases, SecondPassSettings(alternatives=0, scored=0))
    if (first := without.redecode(pcm, [heard])) is not None:  # Vosk varies a little
        pytest.skip(f"the joined re-decode gave {first.text!r} this time: nothing to show")
    only_scored = SecondPass(model, phrases, SecondPassSettings(alternatives=0))
    assert (guess := only_scored.redecode(pcm, [heard])) is not None and guess.text == said
    assert (guess := SecondPass(model, phrases).redecode(pcm, [heard])) is not None
    assert guess.text == said


@pytest.mark.parametrize(
    ("said", "heard"),
    [("the team held on and won the game", "hold on"),
     ("we went down to the coast for the weekend", "what now"),
     ("turn the heat up on the stove", "turn the heat up")],
)  # fmt: skip
def test_one_decode_per_sentence_does_not_make_radio_talk_a_command(
    model: object, phrases: list[str], tmp_path: Path, said: str, heard: str
) -> None:
    samples = speak(said, "en-us", 160, 50, tmp_path / "s.wav")
    pad = np.zeros(4800, dtype=np.int16)
    pcm = np.concatenate([pad, samples, pad]).tobytes()
    assert SecondPass(model, phrases).redecode(pcm, [heard]) is None
