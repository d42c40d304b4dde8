"""One-word answers act only when two decoders agree (voice.hearing.short_answers).

Real human words (tests/hearing/data/real/, Speech Commands; see its README) through the
recognizer the app builds by default (Vosk with the real model, Moonshine's free pass from the
pinned package), each a clip that showed a fault on bench/real_speech.py; and the rule itself,
with our real sentences and matcher.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from intents.matcher import load_matcher
from voice.app.settings import Settings
from voice.app.wiring import build_recognizer, understand_speech
from voice.hearing.matcher_wiring import meaning_of
from voice.hearing.recognizer import Recognizer
from voice.hearing.short_answers import ShortAnswers
from voice.hearing.speech_recognizer import transcribe
from voice.wav_files import read_wav

DATA = Path(__file__).resolve().parent / "data" / "real"


@pytest.fixture(scope="module")
def ours(vosk_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Recognizer:
    settings = Settings(state_dir=tmp_path_factory.mktemp("state"), model_path=vosk_model_path)
    recognizer = build_recognizer(settings)
    assert isinstance(recognizer, Recognizer)
    return recognizer


def first_understood(recognizer: Recognizer, clip: str) -> tuple[str, list[str]]:
    """What the coach would act on (the first final understood), and every final."""
    understand = understand_speech(recognizer, load_matcher())
    finals = [h.text for h in transcribe(recognizer, read_wav(DATA / clip)) if h.final]
    intents = [understand(text).intent for text in finals]
    return next((i for i in intents if i != "Unknown"), "Unknown"), finals


@pytest.mark.model
@pytest.mark.parametrize(
    ("clip", "intent"),
    [
        ("no_0cb74144_nohash_1.wav", "No"),  # Vosk: "now" (no sentence); both free decodes "no"
        ("no_4c6167ca_nohash_2.wav", "No"),  # Vosk, both decodes: "now"; Moonshine: "no"
        ("no_18f8afd5_nohash_1.wav", "No"),  # Vosk: "no", at a confidence under the gate
        ("yes_bed06fac_nohash_0.wav", "Yes"),  # Vosk: "yet"; both free decodes "yeah"
        ("stop_3d86b69a_nohash_1.wav", "Stop"),  # Vosk: "don't" (No!); Moonshine: "stop"
        ("stop_b49caed3_nohash_4.wav", "Stop"),  # best path "step", N-best "stop"; free: "stump"
    ],
)
def test_a_real_one_word_answer_is_understood(ours: Recognizer, clip: str, intent: str) -> None:
    got, finals = first_understood(ours, clip)
    assert got == intent, (finals, [" ".join(t.words) for t in ours.dropped[-2:]])


@pytest.mark.model
@pytest.mark.parametrize(
    "clip",
    [
        "house_ca48dc76_nohash_0.wav",  # second pass: "hush" (Stop); Moonshine: "house"
        "sheila_8fe52b97_nohash_0.wav",  # Vosk: "sure" (Yes), confidence 1.0; Moonshine: "sealer"
        "six_b97c9f77_nohash_3.wav",  # second pass: "thanks"; Moonshine: "six"
    ],
)
def test_a_word_not_ours_is_not_acted_on(ours: Recognizer, clip: str) -> None:
    got, finals = first_understood(ours, clip)
    assert got == "Unknown", finals


@pytest.fixture(scope="module")
def rule() -> ShortAnswers:
    matcher = load_matcher()
    sentences = {text for _, text in matcher.grammar.sentences()}
    return ShortAnswers(
        lambda text: meaning_of(matcher.understand(text)), sentences.__contains__, [], words=2
    )


@pytest.mark.parametrize(
    ("heard", "alone", "free", "best", "acted"),
    [
        ("no", False, ["no"], "no", "no"),  # below the gate, a free decode agrees
        ("now", False, ["no", "now"], "now", "no"),  # sounds like Moonshine's "no"
        ("", False, ["yeah", "yes"], "yet", "yes"),  # two free decodes agree
        ("sure", True, ["sealer", "sure"], "sure", "sure"),  # Vosk's open vocabulary agrees
        ("sure", True, ["sealer", "shore"], "sure", ""),  # nobody agrees: ask again
        ("don't", True, ["stop"], "don't", "stop"),  # heard once, stop acts
        ("stop", True, ["top", "stuff"], "stop", "stop"),  # the best path's stop acts alone
        ("hush", False, ["house", "house"], "house", ""),  # the second pass's Stop does not
        ("what", True, ["why", "one"], "what", ""),  # "why" is no sentence read exactly
        ("now", False, ["nine"], "now", ""),
        ("thanks", False, ["six"], "six", ""),
    ],
)
def test_two_decoders_must_agree(
    rule: ShortAnswers, heard: str, alone: bool, free: list[str], best: str, acted: str
) -> None:
    assert rule.agreed(heard, alone, iter(free), best) == acted


def test_free_decodes_are_made_only_when_needed(rule: ShortAnswers) -> None:
    made: list[str] = []

    def decodes() -> object:
        for text in ("no", "no"):
            made.append(text)
            yield text

    assert rule.agreed("no", True, decodes(), "no") == "no"  # type: ignore[arg-type]
    assert made == ["no"]


def test_only_short_finals(rule: ShortAnswers) -> None:
    assert rule.applies("no") and rule.applies("back went")
    assert not rule.applies("set a timer") and not rule.applies("")
