"""End of speech (voice/hearing/endpoint.py) with the real Silero VAD on espeak-ng speech: the
trailing silence that ends an utterance depends on what the words so far are."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

from voice.hearing.endpoint import WINDOW, EndOfSpeech, EndpointSettings
from voice.wav_files import read_wav

pytestmark = pytest.mark.audio

RATE = 16000
SETTINGS = EndpointSettings(
    final_silence=0.096, complete_silence=0.16, incomplete_silence=0.6, quiet_drop_db=0
)


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> np.ndarray:
    wav = tmp_path_factory.mktemp("endpoint") / "s.wav"
    cmd = ["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), "how much time is left"]
    subprocess.run(cmd, check=True)
    pad = np.zeros(RATE // 2, dtype=np.int16)
    return np.concatenate([pad, read_wav(wav), pad, pad])


def _ended_at(
    samples: np.ndarray, complete: bool, final: bool, settings: EndpointSettings = SETTINGS
) -> tuple[int, int]:
    """(sample position where the detector said speech ended, samples fed when it said so)."""
    detector = EndOfSpeech(settings)
    for start in range(0, len(samples), WINDOW):
        ended = detector.feed(samples[start : start + WINDOW].tobytes(), complete, final)
        if ended is not None:
            return ended, detector.position
    raise AssertionError("no end of speech in a second of silence")


@pytest.mark.parametrize(
    ("complete", "final", "silence"),
    [(False, False, SETTINGS.incomplete_silence), (True, False, SETTINGS.complete_silence),
     (True, True, SETTINGS.final_silence)],
)  # fmt: skip
def test_trailing_silence_follows_what_the_words_are(
    speech: np.ndarray, complete: bool, final: bool, silence: float
) -> None:
    ended, fed = _ended_at(speech, complete, final)
    waited = (fed - ended) / RATE
    assert silence <= waited < silence + WINDOW / RATE, waited
    loud = np.nonzero(np.abs(speech) > 500)[0]
    assert loud[-1] - RATE // 10 < ended < loud[-1] + RATE // 5  # at the end of the words


def test_a_sentence_no_other_goes_on_from_ends_sooner(speech: np.ndarray) -> None:
    """`final` only matters for a whole sentence: without `complete` the long wait holds."""
    assert _ended_at(speech, True, True)[1] < _ended_at(speech, True, False)[1]
    assert _ended_at(speech, False, True)[1] == _ended_at(speech, False, False)[1]


@pytest.mark.model
def test_the_recognizer_knows_which_sentences_go_on(model: object) -> None:
    from voice.hearing.recognizer import Recognizer
    from voice.hearing.recognizer_settings import RecognizerSettings

    sentences = ["my back", "my back locked up", "how much time is left"]
    rec = Recognizer(model, sentences, RecognizerSettings(endpoint=SETTINGS))
    assert rec._is_complete("how much time is left") == (True, True)
    assert rec._is_complete("my back") == (True, False)  # "my back locked up" goes on from it
    assert rec._is_complete("my back locked") == (False, False)


def _in_room(speech: np.ndarray, noise_rms: float) -> np.ndarray:
    noise = np.random.default_rng(7).normal(0, noise_rms, len(speech))
    return np.clip(speech + noise, -32768, 32767).astype(np.int16)


QUIET = EndpointSettings(quiet_drop_db=25)
VAD_ONLY = EndpointSettings(quiet_drop_db=0)


def test_a_quiet_room_ends_a_final_sentence_before_the_vad_lets_go(speech: np.ndarray) -> None:
    """In room hiss (RMS 60) Silero still says speech for a window or more after the words;
    the level, 25 dB under the voice, already says silence."""
    room = _in_room(speech, 60)
    ended, fed = _ended_at(room, True, True, QUIET)
    _, fed_vad_only = _ended_at(room, True, True, VAD_ONLY)
    assert fed < fed_vad_only
    loud = np.nonzero(np.abs(speech) > 500)[0]
    assert loud[-1] - RATE // 10 < ended < loud[-1] + RATE // 10  # at the end of the words
    # a whole sentence that can go on waits for the voice detector, as before
    assert _ended_at(room, True, False, QUIET) == _ended_at(room, True, False, VAD_ONLY)


def test_loud_noise_is_never_quiet(speech: np.ndarray) -> None:
    """White noise 5 dB under the voice: nothing is 25 dB under it, the detector alone ends."""
    voiced = speech[np.abs(speech) > 500].astype(np.float64)
    rms = float(np.sqrt(np.mean(voiced**2)))
    noisy = _in_room(speech, rms * 10 ** (-5 / 20))
    assert _ended_at(noisy, True, True, QUIET) == _ended_at(noisy, True, True, VAD_ONLY)


@pytest.mark.model
def test_the_quiet_cue_knows_which_sentences_go_on(model: object) -> None:
    from voice.hearing.recognizer import Recognizer
    from voice.hearing.recognizer_settings import RecognizerSettings

    sentences = ["my back", "my back locked up", "heat"]
    rec = Recognizer(model, sentences, RecognizerSettings(endpoint=QUIET))
    assert rec._is_complete("my back") == (True, False)
    assert rec._is_complete("my back locked up") == (True, True)
    assert rec._is_complete("heat") == (True, False)  # one word: the radio says it too
