"""`--recognizer both`: what acts from what Vosk heard and Moonshine's decision on the same
utterance (voice.hearing.fusion.fused, pure). The decisions are written out so each case is
certain; tests/integration/test_moonshine.py runs the hook on real audio with the real model."""

from __future__ import annotations

from voice.events import Heard
from voice.hearing.fusion import fused
from voice.hearing.moonshine_recognizer import Decision


def meaning(text: str) -> object:
    """Sentences that mean the same here: 'please' changes nothing."""
    return text.removesuffix(" please")


def sure(text: str) -> Decision:
    return Decision(text, True, text, 0.5, text)


def unsure(best: str) -> Decision:
    """Moonshine's gates turned its best sentence down (its free words far likelier)."""
    return Decision("", False, "add five minute", 14.0, best)


def texts(heard: list[Heard]) -> list[str]:
    return [h.text for h in heard]


def test_agreement_acts_even_when_moonshine_alone_would_not() -> None:
    heard = [Heard("add five minutes", 0.8)]
    assert texts(fused(heard, sure("add five minutes"), meaning)) == ["add five minutes"]
    assert texts(fused(heard, sure("add five minutes please"), meaning)) == ["add five minutes"]
    assert texts(fused(heard, unsure("add five minutes please"), meaning)) == ["add five minutes"]


def test_moonshine_sure_of_another_sentence_wins_a_disagreement() -> None:
    """In noise Moonshine is the better judge of a whole sentence (real coffee orders at 9 dB
    decoded whole: 93 -> 95% right, no more wrong; bench/results/real_speech_fusion.md)."""
    heard = [Heard("add nine minutes", 0.8)]
    assert texts(fused(heard, sure("add five minutes"), meaning)) == ["add five minutes"]


def test_a_short_answer_against_a_sure_sentence_asks_again() -> None:
    assert fused([Heard("stop", 0.9)], sure("add five minutes"), meaning) == []


def test_moonshine_in_doubt_about_another_meaning_asks_again() -> None:
    """Its best sentence turned down by its gates, but nearly as likely as its free words: two
    witnesses disagree, and neither is sure."""
    heard = [Heard("add nine minutes", 0.8)]
    doubtful = Decision("", False, "add five minute", 3.0, "add five minutes")
    assert fused(heard, doubtful, meaning) == []
    far = Decision("", False, "add five minute", 5.0, "add five minutes")
    assert texts(fused(heard, far, meaning)) == ["add nine minutes"]
    # Vosk's short answer is not Moonshine's to doubt
    assert texts(fused([Heard("go", 0.9)], doubtful, meaning)) == ["go"]


def test_moonshine_alone_acts_only_on_a_sentence_it_is_sure_of() -> None:
    assert texts(fused([], sure("add five minutes"), meaning)) == ["add five minutes"]
    assert fused([], unsure("add five minutes"), meaning) == []
    assert fused([], sure("no"), meaning) == []  # "nine" heard as "no"


def test_a_warning_sign_in_moonshines_free_words_acts_whatever_vosk_heard() -> None:
    warning = Decision("my toes feel all funny", False, "my toes feel all funny", 0.0)
    assert texts(fused([], warning, meaning)) == ["my toes feel all funny"]
    assert texts(fused([Heard("stop", 0.9)], warning, meaning)) == ["my toes feel all funny"]
