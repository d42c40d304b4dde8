"""Deciding at a pause (voice/hearing/early.py): the recognizer the app builds (Vosk with the
product's sentences, Moonshine's free pass) on espeak-ng speech in a quiet room's hiss, fed in
32 ms microphone blocks. Time is the audio's, counted in blocks after the words end."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from voice.app.settings import Settings
from voice.app.wiring import build_recognizer
from voice.hearing.mic import BLOCK  # the microphone's block
from voice.hearing.recognizer import Recognizer
from voice.hearing.recognizer_settings import RecognizerSettings

pytestmark = pytest.mark.model

RATE = 16000
EARLY = RecognizerSettings()
LATE = replace(EARLY, decide_early=None)  # decided only when the end of speech is sure


def speak(text: str, path: Path) -> np.ndarray:
    """espeak-ng at the latency bench's speed (bench/latency.py), as int16 samples, without
    the 0.35 s of silence it adds after the words."""
    if shutil.which("espeak-ng") is None:
        pytest.skip("espeak-ng is not installed")
    cmd = ["espeak-ng", "-v", "en-us", "-s", "160", "--stdout", text]
    wav = subprocess.run(cmd, check=True, capture_output=True).stdout
    from voice.wav_files import read_wav

    path.write_bytes(wav)
    samples = read_wav(path)
    return samples[: words_end(samples, 0) + RATE // 20]


def room(*parts: np.ndarray | float) -> np.ndarray:
    """Speech and pauses (seconds) in a quiet room's hiss, half a second of it before."""
    pieces = [np.zeros(RATE // 2), *(np.zeros(int(p * RATE)) if isinstance(p, float) else
              p.astype(np.float64) for p in parts)]  # fmt: skip
    audio = np.concatenate(pieces)
    hiss = np.random.default_rng(7).normal(0, 60, len(audio))
    return np.clip(audio + hiss, -32768, 32767).astype(np.int16)


def words_end(speech: np.ndarray, offset: int) -> int:
    """Sample position just after the last loud sample of `speech` placed at `offset`."""
    return offset + int(np.nonzero(np.abs(speech) > 500)[0][-1]) + 1


@pytest.fixture(scope="module")
def early(vosk_model_path: Path) -> Recognizer:
    return _product(vosk_model_path, EARLY)


@pytest.fixture(scope="module")
def late(vosk_model_path: Path) -> Recognizer:
    return _product(vosk_model_path, LATE)


def _product(path: Path, settings: RecognizerSettings) -> Recognizer:
    rec = build_recognizer(Settings(state_dir=Path("/nonexistent"), model_path=path), settings)
    assert isinstance(rec, Recognizer)
    return rec


def listen(rec: Recognizer, audio: np.ndarray) -> list[tuple[int, str]]:
    """(sample position fed when it came, text) of each final result."""
    rec.restart()
    finals = []
    for start in range(0, len(audio), BLOCK):
        for heard in rec.feed(audio[start : start + BLOCK].tobytes()):
            if heard.final:
                finals.append((start + BLOCK, heard.text))
    return finals


def test_a_finished_request_acts_at_the_short_pause(
    early: Recognizer, late: Recognizer, tmp_path: Path
) -> None:
    """Vosk's partial is "how long do i is it" when the words end, no sentence of ours, so
    decided only at the end of speech this request, which no sentence goes on from to say
    something else, waited the longest silence; decided at the pause, its final words (the
    N-best list's) say it is finished."""
    speech = speak("how long do i ice it", tmp_path / "s.wav")
    audio = room(speech, 1.5)
    end = words_end(speech, RATE // 2)
    sooner, later = listen(early, audio), listen(late, audio)
    assert [t for _, t in sooner] == [t for _, t in later] == ["how long do i ice it"]
    early_blocks = (sooner[0][0] - end) // BLOCK
    late_blocks = (later[0][0] - end) // BLOCK
    assert early_blocks + 4 <= late_blocks, (early_blocks, late_blocks)
    assert early_blocks * BLOCK <= 0.3 * RATE  # the short wait, not the long one


def test_a_sentence_that_goes_on_still_waits_as_long(
    early: Recognizer, late: Recognizer, tmp_path: Path
) -> None:
    """A whole sentence that goes on to say something else ("can i use heat ... on my back"),
    decided at the pause, still acts only when the pause has lasted the wait for such a
    sentence: in the same block as before."""
    speech = speak("can i use heat", tmp_path / "s.wav")
    audio = room(speech, 1.5)
    sooner = listen(early, audio)
    assert sooner == listen(late, audio)
    assert [t for _, t in sooner] == ["can i use heat"]


def feed_watching(rec: Recognizer, audio: np.ndarray, until: int) -> tuple[list[str], bool, bool]:
    """The finals, and whether an early decision was kept, and made (kept or not), before
    sample position `until`."""
    rec.restart()
    tried, finals, kept, made = rec._tried, [], False, False
    for start in range(0, len(audio), BLOCK):
        finals += [h.text for h in rec.feed(audio[start : start + BLOCK].tobytes()) if h.final]
        kept = kept or (start + BLOCK <= until and rec._early is not None)
        made = made or (start + BLOCK <= until and rec._tried != tried)
    return finals, kept, made


def test_speech_after_the_pause_forgets_a_kept_decision(
    early: Recognizer, late: Recognizer, tmp_path: Path
) -> None:
    """ "is tylenol okay" ends a request, so decided at a pause it was kept; the words went on
    before the short wait was over: it is forgotten and the decoders hear the utterance again
    from its start, so it is heard whole."""
    first = speak("is tylenol okay", tmp_path / "a.wav")
    then = speak("for back pain", tmp_path / "b.wav")
    audio = room(first, 0.02, then, 1.5)
    finals, kept, _ = feed_watching(early, audio, len(audio))
    assert kept
    assert finals == ["is tylenol okay for back pain"]
    assert [t for _, t in listen(late, audio)] == finals


def test_a_decision_on_a_sentence_that_goes_on_is_not_kept(
    early: Recognizer, late: Recognizer, tmp_path: Path
) -> None:
    """A warning sign said after a pause is heard whole: "my back locked up" goes on, so its
    decision at the pause was forgotten at once and the utterance decided at its end, as
    before."""
    first = speak("my back locked up", tmp_path / "a.wav")
    then = speak("and my arm feels numb", tmp_path / "b.wav")
    audio = room(first, 0.25, then, 1.5)
    second_part = RATE // 2 + len(first) + int(0.25 * RATE)
    finals, kept, made = feed_watching(early, audio, second_part)
    assert made and not kept
    assert finals == ["my back locked up and my arm feels numb"]
    assert [t for _, t in listen(late, audio)] == finals
