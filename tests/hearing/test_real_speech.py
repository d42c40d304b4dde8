"""Real human speech (tests/hearing/data/real/, see its README) through the recognizer the app
builds, with the real Vosk model: the faults bench/real_speech.py found on real coffee orders,
each proven fixed on a clip that showed it.

- an order cut at the pause before "with ...": a whole sentence that goes on to say something
  else ("... drip coffee" -> "... drip coffee with a bit of sweetener") waits for more;
- a whole sentence of ours over 8 (or 15) words dropped as a loose word string;
- "i'd like ..." not read, its "like" taken for a filler.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from intents.matcher import load_matcher
from voice.app.settings import Settings
from voice.app.wiring import build_recognizer, sources_for, understand_speech
from voice.hearing.recognizer import Recognizer
from voice.hearing.speech_recognizer import transcribe
from voice.wav_files import read_wav

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data" / "real"
COFFEE = ROOT / "bench" / "domains" / "coffee"
LABELS = json.loads((DATA / "coffee_labels.json").read_text())


@pytest.fixture(scope="module")
def coffee(vosk_model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Recognizer:
    state = tmp_path_factory.mktemp("state")
    settings = Settings(state_dir=state, model_path=vosk_model_path, templates_dir=COFFEE)
    return build_recognizer(settings)


def heard(recognizer: Recognizer, wav: Path, templates: Path | None) -> tuple[list[str], object]:
    """Every final, and what the first one understood means (the coach acts on that)."""
    settings = Settings(state_dir=Path("/unused"), templates_dir=templates)
    understand = understand_speech(recognizer, load_matcher(sources_for(settings)))
    finals = [h.text for h in transcribe(recognizer, read_wav(wav)) if h.final]
    understood = [understand(text) for text in finals]
    first = next((m for m in understood if m.intent != "Unknown"), None)
    return finals, first


@pytest.mark.model
@pytest.mark.parametrize(
    "clip",
    [
        "0334e17c-b72f-4e1a-ba76-0bb6c110ef94.wav",  # "... drip coffee" (pause) "with a bit of ..."
        "2630f6ea-dcdb-44d0-a045-b564d346f3d0.wav",  # "... mocha" (pause) "with skim milk and ..."
        "1f664345-7799-4921-9ca8-06d7ac717107.wav",  # "i'd like ...": 16 words, a whole sentence
        "062998e3-3f9a-49ac-aaae-d7ade473817d.wav",  # "i'd like ... with milk": 10 words
    ],
)
def test_a_real_coffee_order_is_heard_whole_with_every_slot(coffee: Recognizer, clip: str) -> None:
    finals, first = heard(coffee, DATA / clip, COFFEE)
    label = LABELS[clip]
    assert len(finals) == 1, finals  # not cut in two at a pause
    assert first is not None, (finals, [" ".join(t.words) for t in coffee.dropped])
    assert (first.intent, first.slots) == (label["intent"], label["slots"]), finals  # type: ignore[attr-defined]


@pytest.mark.model
def test_yes_goes_on_only_to_the_same_meaning_so_it_ends_as_soon_as_ever(
    vosk_model_path: Path, tmp_path: Path
) -> None:
    """ "yes" is the start of "yes please" (the same Yes): it is not held for the longer wait a
    sentence that goes on to say something else gets, while "set a timer" is."""
    settings = Settings(state_dir=tmp_path, model_path=vosk_model_path)
    ours = build_recognizer(settings)
    finals, first = heard(ours, DATA / "yes_0cb74144_nohash_0.wav", None)
    assert first is not None and first.intent == "Yes", finals  # type: ignore[attr-defined]
    assert ours.is_sentence("yes please") and not ours.goes_on_to_other_meaning("yes")
    assert ours.goes_on_to_other_meaning("set a timer")
