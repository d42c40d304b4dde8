"""The accept/drop rule for one final result (pure: no model needed)."""

from __future__ import annotations

import pytest

from voice.hearing.recognizer_settings import RecognizerSettings
from voice.hearing.transcript import Transcript


def _t(text: str, confidence: float = 0.95) -> Transcript:
    words = tuple(text.split())
    known = [w for w in words if w != "[unk]"]
    share = (len(words) - len(known)) / len(words) if words else 1.0
    return Transcript(" ".join(known), confidence, share, words)


@pytest.mark.parametrize(
    ("text", "whole", "confidence", "reason"),
    [
        ("how much time is left", True, 0.95, None),
        ("no", True, 0.45, None),  # a whole sentence may score lower
        ("no", True, 0.35, "confidence 0.35"),
        ("add two minutes to ice", False, 0.5, "confidence 0.50"),
        ("[unk] [unk] [unk] ice timer", False, 0.9, "60% unknown"),
        ("", False, 0.9, "no words"),
        ("a b c d e f g h i", False, 0.9, "9 words"),
        ("an hour", False, 0.99, "only 2 loose words"),
        ("the hold me or", False, 0.88, "only 4 loose words"),  # radio talk -> ItHurts
        ("add an hour to ice", False, 0.99, None),
    ],
)
def test_why_dropped(text: str, whole: bool, confidence: float, reason: str | None) -> None:
    assert _t(text, confidence).why_dropped(whole, RecognizerSettings()) == reason


def test_short_loose_strings_need_min_loose_words() -> None:
    assert _t("enough").why_dropped(True, RecognizerSettings()) is None, "a whole sentence"
    lenient = RecognizerSettings(min_loose_words=1)
    assert _t("an hour").why_dropped(False, lenient) is None
