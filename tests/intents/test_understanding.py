"""One generic runner: every sentence in tests/intents/*.yaml becomes a test case.

`tests:` entries give the intent and (optionally) the exact slots; `must_not_match:` sentences
must come back Unknown; `known_failures:` are sentences we do not understand yet, checked to
still fail so that one starting to pass is noticed (and moved to `tests:`);
`known_false_accepts:` are sentences not for us that are still taken for a command, checked to
still be taken so (a fix is noticed and they move to `must_not_match:`); `not_escalated:`
sentences may be anything but a warning sign (look-alikes of one: "i've got no air in my tyres").
`near_misses.yaml` holds sentences only the tolerant fallback catches:
they must match with a confidence below 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from intents.matcher import Matcher
from intents.types import UNKNOWN

DATA = Path(__file__).parent


def _cases() -> tuple[list[Any], list[Any], list[Any]]:
    positive: list[Any] = []
    negative: list[Any] = []
    failing: list[Any] = []
    for path in sorted(DATA.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("tests", []):
            for sentence in entry["sentences"]:
                case = (sentence, entry["intent"], entry.get("slots"), path.stem == "near_misses")
                positive.append(pytest.param(*case, id=f"{path.stem}:{sentence}"))
        for sentence in data.get("must_not_match", []):
            negative.append(pytest.param(sentence, id=f"{path.stem}:{sentence!r}"))
        for sentence in data.get("not_escalated", []):
            look_alikes.append(pytest.param(sentence, id=f"{path.stem}:{sentence!r}"))
        for entry in data.get("known_failures", []):
            case = (entry["sentence"], entry["intent"])
            failing.append(pytest.param(*case, id=f"{path.stem}:{entry['sentence']}"))
        for entry in data.get("known_false_accepts", []):
            case = (entry["sentence"], entry["intent"])
            accepted.append(pytest.param(*case, id=f"{path.stem}:{entry['sentence']}"))
    return positive, negative, failing


accepted: list[Any] = []
look_alikes: list[Any] = []
POSITIVE, NEGATIVE, FAILING = _cases()
FALSE_ACCEPTS = accepted


@pytest.mark.parametrize(("sentence", "intent", "slots", "near_miss"), POSITIVE)
def test_sentence_is_understood(
    matcher: Matcher, sentence: str, intent: str, slots: dict[str, Any] | None, near_miss: bool
) -> None:
    result = matcher.understand(sentence)
    assert (result.intent, result.text) == (intent, sentence)
    if slots is not None:
        assert dict(result.slots) == slots
    if near_miss:
        assert 0.5 <= result.confidence < 1.0
    else:
        assert 0.5 <= result.confidence <= 1.0


@pytest.mark.parametrize("sentence", NEGATIVE)
def test_out_of_domain_is_unknown(matcher: Matcher, sentence: str) -> None:
    result = matcher.understand(sentence)
    assert result.intent == UNKNOWN, f"{sentence!r} taken as {result}"
    assert result.confidence == 0.0


@pytest.mark.parametrize("sentence", look_alikes)
def test_look_alike_does_not_escalate(matcher: Matcher, sentence: str) -> None:
    assert matcher.understand(sentence).intent not in ("RedFlag", "Emergency")


@pytest.mark.parametrize(("sentence", "intent"), FAILING)
def test_known_failure_still_fails(matcher: Matcher, sentence: str, intent: str) -> None:
    assert matcher.understand(sentence).intent != intent, "now understood: move it to tests:"


@pytest.mark.parametrize(("sentence", "intent"), FALSE_ACCEPTS)
def test_known_false_accept_still_accepted(matcher: Matcher, sentence: str, intent: str) -> None:
    assert matcher.understand(sentence).intent == intent, "now rejected: move to must_not_match:"


def test_the_data_is_big_enough() -> None:
    intents = {p.values[1] for p in POSITIVE}
    assert len(POSITIVE) >= 300 and len(NEGATIVE) >= 60
    assert len(intents) >= 29
