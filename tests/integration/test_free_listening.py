"""Warning signs said in words no sentence of ours has: the recognizer decodes the utterance
again with the model's open vocabulary and keeps that text when it holds a warning sign
(RecognizerSettings.listen_freely_for_warnings). Real Vosk, espeak-ng speech."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from intents.grammar import load_grammar
from intents.matcher import load_matcher
from intents.types import EMERGENCY_CONCERN, UNSURE
from voice.app.wiring import understand_speech
from voice.hearing.matcher_wiring import heard_as, recognizer_with_matcher
from voice.hearing.models import load_model
from voice.hearing.moonshine_model import MoonshineModel
from voice.hearing.moonshine_recognizer import free_words
from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.speech_recognizer import transcribe
from voice.wav_files import read_wav

pytestmark = pytest.mark.model
SAID = [
    ("there's a burning pain running down my arm", "RedFlag"),
    ("my foot keeps dragging when i walk", "RedFlag"),
    ("i keep getting electric shocks down my leg", "RedFlag"),
]
# Not every paraphrase comes through: the small model's open vocabulary hears espeak-ng's "my
# toes feel all funny" as "my toes the allow thirty" (bench/spoken_blind.py gives the rates).


def _heard(model: object, text: str, tmp_path: Path, free: bool) -> str:
    wav = tmp_path / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
    settings = replace(RecognizerSettings(), listen_freely_for_warnings=free)
    phrases = [sentence for _, sentence in load_grammar().sentences()]
    recognizer = recognizer_with_matcher(model, phrases, settings)
    heard = " ".join(h.text for h in transcribe(recognizer, read_wav(wav)))
    return understand_speech(recognizer, load_matcher())(heard).intent


@pytest.mark.parametrize(("text", "tier"), SAID)
def test_a_warning_sign_in_other_words_is_heard(
    model: object, tmp_path: Path, text: str, tier: str
) -> None:
    assert _heard(model, text, tmp_path, free=True) == tier


def test_without_it_the_grammar_loses_them(model: object, tmp_path: Path) -> None:
    """The reason it exists: with the template sentences alone, these do not come out."""
    missed = [text for text, tier in SAID if _heard(model, text, tmp_path, free=False) != tier]
    assert len(missed) >= 2, missed


def test_talk_that_is_no_warning_stays_unheard(model: object, tmp_path: Path) -> None:
    assert _heard(model, "the weather is lovely today", tmp_path, free=True) == "Unknown"


def test_the_net_reads_the_free_decodes_words_not_the_grammars(
    model: object, tmp_path: Path
) -> None:
    """Spoken (espeak-ng), a sign only the safety net reads comes through the free pass (both
    free decodes, Moonshine's and Vosk's, hold it: voice.hearing.free_listening) and is read as
    a red flag; the same words as a loose string of the grammar's (not passed on by the free
    pass) are not read by the net: the grammar says our words where nobody did
    (bench/results/sign_model.md)."""
    text = "i've been running hot and cold all night"
    wav = tmp_path / "said.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(wav), text], check=True)
    phrases = [sentence for _, sentence in load_grammar().sentences()]
    recognizer = recognizer_with_matcher(model, phrases, free_words=free_words(MoonshineModel()))
    heard = " ".join(h.text for h in transcribe(recognizer, read_wav(wav)))
    assert recognizer.heard_freely(heard)
    assert understand_speech(recognizer, load_matcher())(heard).intent == "RedFlag"
    assert heard_as(load_matcher(), heard, whole=False, freely=False).intent == "Unknown"


def _said_by(tmp_path: Path, voice: tuple[str, str, str], text: str) -> Path:
    """`text` said by espeak-ng `voice` (name, speed, pitch), 16 kHz with silence around it."""
    name, speed, pitch = voice
    raw, wav = tmp_path / "raw.wav", tmp_path / "said.wav"
    subprocess.run(["espeak-ng", "-v", name, "-s", speed, "-p", pitch, "-w", str(raw), text],
                   check=True)  # fmt: skip
    subprocess.run(["sox", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(wav), "pad",
                    "0.4", "1.0"], check=True)  # fmt: skip
    return wav


def _heard_with_moonshine(model: object, wav: Path) -> tuple[object, str]:
    phrases = [sentence for _, sentence in load_grammar().sentences()]
    recognizer = recognizer_with_matcher(model, phrases, free_words=free_words(MoonshineModel()))
    return recognizer, " ".join(h.text for h in transcribe(recognizer, read_wav(wav)))


@pytest.mark.parametrize("voice", [("en-gb-scotland+m3", "175", "66"), ("en-us+m3", "175", "40")])
def test_words_of_dying_the_grammar_hears_as_a_timer_command_are_a_concern(
    model: object, tmp_path: Path, voice: tuple[str, str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """Spoken (espeak-ng), "i don't want to die" comes out of the grammar as "i don't want the
    ice" (the ice timer cancelled: a wrong action) while Moonshine's free decode hears it word
    for word; those words act instead, read for the emergency concern ("If this is an
    emergency, call emergency services now"): voice.hearing.free_listening's `graver`."""
    wav = _said_by(tmp_path, voice, "i don't want to die")
    with caplog.at_level("INFO", logger="voice.hearing.free_listening"):
        recognizer, heard = _heard_with_moonshine(model, wav)
    assert "graver than the grammar's words" in caplog.text  # not the grammar's own words
    got = understand_speech(recognizer, load_matcher())(heard)  # type: ignore[arg-type]
    assert (got.intent, got.concern) == ("Unknown", EMERGENCY_CONCERN)


def test_a_command_the_grammar_turns_into_its_opposite_is_not_acted_on(
    model: object, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Spoken (espeak-ng en-us+f3), "stop the timers now" came out of the grammar as "start a
    timer now" (a timer started: the opposite action) while Moonshine heard "stop": that final
    is dropped (voice.hearing.free_agreement's `other_action`), and no timer starts. (The
    grammar's words vary between runs, its second pass's threads: some runs it hears "stop the
    timer" and the rule has nothing to do; without the rule, most runs start a timer.)"""
    wav = _said_by(tmp_path, ("en-us+f3", "160", "60"), "stop the timers now")
    with caplog.at_level("INFO", logger="voice.hearing.recognizer"):
        recognizer, heard = _heard_with_moonshine(model, wav)
    got = understand_speech(recognizer, load_matcher())(heard)  # type: ignore[arg-type]
    assert got.intent != "StartTimer"
    if "start a timer now" in caplog.text:  # the grammar turned it round: the rule caught it
        assert "a free decode names another action" in caplog.text


@pytest.mark.parametrize(
    ("voice", "text", "intent"),
    [
        (("en-us+m3", "175", "40"), "should i see a doctor about my neck", "AskProfessional"),
        (("en-us+f3", "160", "60"), "clear out all my timers", "CancelTimer"),
        (("en-gb", "150", "50"), "why is it so tight", "ExplainSpasm"),
    ],
)
def test_a_request_the_grammar_and_moonshine_both_heard_is_read_whole(
    model: object, tmp_path: Path, voice: tuple[str, str, str], text: str, intent: str
) -> None:
    """Spoken (espeak-ng), these are no sentences of ours: the grammar's words for them are a
    loose string, read only as a template or a near miss of one, so "didn't catch that". Where
    Moonshine's free decode asks the same of the coach, they are read whole (the statistical
    layer too): voice.hearing.free_listening's `agreed`."""
    recognizer, heard = _heard_with_moonshine(model, _said_by(tmp_path, voice, text))
    assert heard and not recognizer.is_sentence(heard)  # type: ignore[attr-defined]
    assert recognizer.heard_agreed(heard)  # type: ignore[attr-defined]
    assert heard_as(load_matcher(), heard, whole=False).intent == "Unknown"  # as a loose string
    assert understand_speech(recognizer, load_matcher())(heard).intent == intent  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("voice", "text", "option"),
    [
        pytest.param(
            ("en-us+m3", "175", "40"),
            "does it usually go away quickly",
            "HowLongLast",
            marks=pytest.mark.xfail(
                strict=False,
                reason="comes and goes from run to run, alone too (two fresh-clone CI runs and "
                "some here heard nothing): probably threads sharing Kaldi's dither",
            ),
        ),
        (("en-us", "150", "50"), "get rid of all of them", "CancelTimer"),
        # the grammar's own words, Vosk sure of them: Moonshine heard "ok not staying full"
        (("en-us", "150", "50"), "okay that's painful", "ItHurts"),
    ],
)
def test_a_request_only_one_decoder_heard_is_asked_about(
    vosk_model_path: Path, tmp_path: Path, voice: tuple[str, str, str], text: str, option: str
) -> None:
    """Spoken (espeak-ng), the grammar's words for these ask nothing ("Sorry, I didn't catch
    that": a loose string, or dropped) while Moonshine heard them, or Vosk was sure of them:
    the coach asks whether that was meant ("Do you want to hear how long this usually
    lasts?"), never acting unasked: voice.hearing.free_listening's `offered`. A model of its
    own: after this module's warning-sign decodes on the shared one, nothing came of the first
    sentence (5 of 6 runs of the module here, at 03117e9 too; the dither is seeded)."""
    model = load_model(vosk_model_path)
    recognizer, heard = _heard_with_moonshine(model, _said_by(tmp_path, voice, text))
    assert recognizer.heard_offered(heard)  # type: ignore[attr-defined]
    if len(heard.split()) >= 5:  # shorter loose strings are dropped (RecognizerSettings)
        assert heard_as(load_matcher(), heard, whole=False).intent == "Unknown"  # as such
    got = understand_speech(recognizer, load_matcher())(heard)  # type: ignore[arg-type]
    assert got.intent == UNSURE and [a.intent for a in got.alternatives] == [option]
