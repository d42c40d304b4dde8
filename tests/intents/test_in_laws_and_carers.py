"""Someone else's history told by the one who hurt their back handling them: an in-law is
family like any other ("my father-in-law has the cancer" is his, as "my father has cancer" is),
and a speaker lifting or helping that person is the one on the floor, so the other's cancer,
pregnancy or fall is not the patient's. Signs said of the other person now still escalate, and
so does their history when the speaker is only with them or speaks of the other's back ("my
wife is pregnant and her back locked, I was helping her up"). Through the whole matcher."""

from __future__ import annotations

import pytest

from intents.matcher import Matcher
from intents.normalize import canonical

CALM = [
    ("my father-in-law has the cancer, I was lifting him, what is this spasm", "ExplainSpasm"),
    ("my dad has cancer, I was lifting him and my back went", "SpasmStarted"),
    ("my wife is pregnant, I was helping her up and my back locked", "SpasmStarted"),
    ("my mum had a fall, i was lifting her, now my back is in spasm", "SpasmStarted"),
    ("my sister in law had a stroke last year, she is fine now", "Unknown"),
]


@pytest.mark.parametrize(("text", "intent"), CALM)
def test_someone_elses_history_is_not_the_patients(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


STILL_SIGNS = [
    ("my dad can't breathe, I was lifting him", "Emergency"),
    ("my husband fell, I was lifting him, he can't feel his legs", "Emergency"),
    ("my mother-in-law says my leg is numb", "RedFlag"),
    ("my brother in law is here, my legs went numb", "RedFlag"),
    ("my husband has cancer and his back has locked up", "RedFlag"),
    ("my father in law fell and hit his head", "Emergency"),
    ("my wife is pregnant and her back locked, I was helping her up", "RedFlag"),
    ("my dad has cancer, his back went when I was lifting him", "RedFlag"),
    ("my mum has cancer, she's on the floor, I was helping her", "RedFlag"),
]


@pytest.mark.parametrize(("text", "intent"), STILL_SIGNS)
def test_signs_said_with_an_in_law_or_a_carer_still_escalate(
    matcher: Matcher, text: str, intent: str
) -> None:
    assert matcher.understand(text).intent == intent


def _read(text: str) -> str:
    return " ".join(canonical(text.split()))


def test_in_law_is_read_as_the_family_word_only_after_one() -> None:
    assert _read("my father in law is here") == "my father is here"
    assert _read("the son in law") == "the son"
    assert _read("he broke the law in law school") == "he broke the law in law school"
