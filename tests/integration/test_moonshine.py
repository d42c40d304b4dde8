"""Moonshine tiny constrained to our sentences: the real model from the pinned PyPI package,
real espeak-ng speech and real human recordings (../shared/speech, Speech Commands)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from intents.matcher import Matcher, load_matcher
from voice.app.settings import Settings
from voice.app.wiring import build_recognizer, meaning_with, understand_speech
from voice.events import Heard
from voice.hearing.fusion import confirmed_by
from voice.hearing.matcher_wiring import warns_with
from voice.hearing.moonshine_model import MoonshineModel
from voice.hearing.moonshine_recognizer import MoonshineRecognizer, encoded_freely, free_words
from voice.hearing.speech_recognizer import transcribe
from voice.wav_files import read_wav

ROOT = Path(__file__).resolve().parents[2]
SPEECH_COMMANDS = ROOT.parent / "shared" / "speech" / "speech-commands-dev"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return load_matcher()


@pytest.fixture(scope="module")
def recognizer(matcher: Matcher) -> MoonshineRecognizer:
    phrases = [text for _, text in matcher.grammar.sentences()]
    return MoonshineRecognizer(
        MoonshineModel(), phrases, warns=warns_with(matcher), meaning=meaning_with(matcher)
    )


def say(text: str, folder: Path) -> Path:
    wav = folder / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
    return wav


def hear(recognizer: MoonshineRecognizer, matcher: Matcher, wav: Path) -> tuple[str, str, dict]:
    heard = " ".join(h.text for h in transcribe(recognizer, read_wav(wav)))
    match = understand_speech(recognizer, matcher)(heard)
    return heard, match.intent, dict(match.slots)


@pytest.mark.parametrize(
    ("text", "intent", "slots"),
    [
        ("how much time is left", "TimerStatus", {}),
        ("add five minutes", "AddTime", {"duration": 300}),
        ("set a timer for twelve minutes", "StartTimer", {"duration": 720}),
        ("my back locked up", "SpasmStarted", {"area": "back"}),
        ("can i use heat", "HeatQuestion", {}),
        ("yes please", "Yes", {}),
    ],
)
def test_our_sentences_come_out_as_our_words(
    recognizer: MoonshineRecognizer,
    matcher: Matcher,
    tmp_path: Path,
    text: str,
    intent: str,
    slots: dict,
) -> None:
    heard, got, got_slots = hear(recognizer, matcher, say(text, tmp_path))
    assert recognizer.is_sentence(heard), heard
    assert (got, got_slots) == (intent, slots), heard


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("my toes feel all funny", "RedFlag"),  # Vosk's open vocabulary: "my toes the allow thirty"
        ("my foot keeps dragging when i walk", "RedFlag"),
        ("i can't feel anything between my legs", "Emergency"),
        ("i think i'm having a heart attack", "Emergency"),
    ],
)
def test_a_warning_sign_in_any_words_is_heard_freely(
    recognizer: MoonshineRecognizer, matcher: Matcher, tmp_path: Path, text: str, tier: str
) -> None:
    heard, got, _ = hear(recognizer, matcher, say(text, tmp_path))
    assert got == tier, heard


def test_talk_not_meant_for_us_is_dropped_by_the_gate(
    recognizer: MoonshineRecognizer, matcher: Matcher, tmp_path: Path
) -> None:
    text = "the match was on the telly last night and the keeper made a great save"
    heard, got, _ = hear(recognizer, matcher, say(text, tmp_path))
    assert (heard, got) == ("", "Unknown")
    dropped = recognizer.dropped[-1]
    assert "keeper" in dropped.free  # what the model heard freely, kept for the log
    assert dropped.margin > recognizer.settings.gate + recognizer.settings.gate_per_token * 20


def _speech_commands(word: str, count: int) -> list[np.ndarray]:
    folder = SPEECH_COMMANDS / word
    if not folder.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{folder} is missing (../shared is beside the clone in CI)")
        pytest.skip(f"no {folder}")
    clips = sorted(folder.glob("*.flac"))
    clips = clips[:: max(1, len(clips) // count)][:count]  # spread over the speakers
    decoded = []
    for clip in clips:
        raw = subprocess.run(
            ["sox", str(clip), "-t", "raw", "-r", "16000", "-e", "signed", "-b", "16", "-c", "1",
             "-"], check=True, capture_output=True,
        ).stdout  # fmt: skip
        decoded.append(np.frombuffer(raw, dtype=np.int16))
    return decoded


@pytest.mark.parametrize(("word", "intent"), [("yes", "Yes"), ("no", "No"), ("stop", "Stop")])
def test_real_people_saying_the_words_heard_most(
    recognizer: MoonshineRecognizer, matcher: Matcher, word: str, intent: str
) -> None:
    """Twenty speakers each (Speech Commands, real phones and laptops): the words a person on
    the floor says most. The bench (bench/real_speech.py) measures all of them."""
    understand = understand_speech(recognizer, matcher)
    got = [understand(" ".join(h.text for h in transcribe(recognizer, clip))).intent
           for clip in _speech_commands(word, 20)]  # fmt: skip
    assert got.count(intent) >= 18, got


def test_real_people_saying_other_words_are_mostly_not_taken_as_commands(
    recognizer: MoonshineRecognizer, matcher: Matcher
) -> None:
    understand = understand_speech(recognizer, matcher)
    got = [understand(" ".join(h.text for h in transcribe(recognizer, clip))).intent
           for clip in _speech_commands("_unknown_", 40)]  # fmt: skip
    acted = [intent for intent in got if intent != "Unknown"]
    # Measured on half the set (bench/real_speech.py): 8.6% ("bird" -> "bye"); Moonshine alone
    # is not the product default for this reason.
    assert len(acted) <= 5, acted


def test_parse_wav_with_the_neural_recognizer(tmp_path: Path) -> None:
    """Through the command line, as a user runs it: no Vosk model needed."""
    wav = say("how much time is left", tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "BACKCOACH_MODEL"}
    done = subprocess.run(
        [sys.executable, "-m", "voice", "--recognizer", "moonshine", "--state-dir",
         str(tmp_path / "state"), "parse", "--wav", str(wav)],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout)
    assert (line["text"], line["intent"]) == ("how much time is left", "TimerStatus")


def test_both_acts_when_the_two_agree_and_moonshine_wins_when_sure_of_another(
    recognizer: MoonshineRecognizer, matcher: Matcher, tmp_path: Path
) -> None:
    """`--recognizer both`: the verify hook gets what Vosk heard of an utterance (given here
    as text, so each case is certain) and the utterance's real audio."""
    verify = confirmed_by(recognizer, meaning_with(matcher), warns_with(matcher))
    lead = np.zeros(4000, dtype=np.int16)  # the quarter second before speech Vosk passes on
    audio = np.concatenate([lead, read_wav(say("add five minutes", tmp_path))]).tobytes()
    assert [h.text for h in verify(audio, [Heard("add five minutes")])] == ["add five minutes"]
    assert verify(audio, [Heard("add five minutes please")])[0].text  # the same meaning
    # another number: Moonshine, sure of its sentence, is the better judge of a whole one
    assert [h.text for h in verify(audio, [Heard("add nine minutes")])] == ["add five minutes"]
    assert verify(audio, [Heard("stop")]) == []  # a short answer against a sure sentence: ask
    # Vosk heard nothing it trusts: Moonshine, sure of a sentence of three words, acts alone
    assert [h.text for h in verify(audio, [])] == ["add five minutes"]
    short = np.concatenate([lead, read_wav(say("yes", tmp_path))]).tobytes()
    assert verify(short, []) == []  # one word: Vosk's to judge
    said = say("i keep getting electric shocks down my leg", tmp_path)
    warning = np.concatenate([lead, read_wav(said)]).tobytes()
    assert [matcher.understand(h.text).intent for h in verify(warning, [])] == ["RedFlag"]
    assert verify(audio, [Heard("my leg is numb")])[0].text == "my leg is numb"  # never talked away


def test_the_app_builds_both(tmp_path: Path) -> None:
    settings = Settings(state_dir=tmp_path, recognizer="both")
    recognizer = build_recognizer(settings)
    matcher = load_matcher()
    said = read_wav(say("can i use heat", tmp_path))
    heard = " ".join(h.text for h in transcribe(recognizer, said))
    assert understand_speech(recognizer, matcher)(heard).intent == "HeatQuestion"
    noise = transcribe(recognizer, read_wav(say("the weather is lovely today", tmp_path)))
    assert noise == []


def test_a_long_utterance_is_decoded(
    recognizer: MoonshineRecognizer, matcher: Matcher, tmp_path: Path
) -> None:
    """Past about 9 s of audio the decoder's encoder mask must be over samples, not frames
    (onnxruntime failed with "broadcast ... 2 by 387")."""
    said = read_wav(say("set a timer for twelve minutes", tmp_path))
    audio = np.concatenate([np.zeros(16000 * 8, dtype=np.int16), said])
    decision = recognizer.decide(audio.tobytes())
    assert decision.text == "set a timer for twelve minutes", decision


def test_the_same_utterance_is_decoded_freely_once(
    recognizer: MoonshineRecognizer, tmp_path: Path
) -> None:
    """With `--recognizer both` the warning-sign pass and the second witness get the same audio:
    the encoder runs once for both (and again for other audio)."""
    model = recognizer.model
    encoded_freely.cache_clear()  # an earlier test's last utterance is not this one
    encoded: list[int] = []
    encode = model.encode
    model.encode = lambda samples: encoded.append(len(samples)) or encode(samples)  # type: ignore[method-assign]
    try:
        audio = read_wav(say("add five minutes", tmp_path)).tobytes()
        assert free_words(model)(audio) == recognizer.decide(audio).free
        assert len(encoded) == 1
        free_words(model)(audio + bytes(3200))
        assert len(encoded) == 2
    finally:
        del model.encode
