"""The safety net (intents.safety_net) reads an open-vocabulary decode's words only when both
free decodes of the utterance hold a sign it reads (voice.hearing.free_listening.FreeListening):
one decoder's words alone were taken for signs nobody said ("heat the oven to four hundred",
heard by Vosk's open vocabulary as "key to the arm and a four hundred"). The strings are what the
recognizers gave; the real matcher decides. A sign the safety lexicon reads still needs one."""

from __future__ import annotations

from collections.abc import Callable

from intents.matcher import load_matcher
from voice.hearing.free_listening import FreeListening, FreeReaders
from voice.hearing.matcher_wiring import heard_as, net_with, warns_with

AUDIO = bytes(2 * 16000)  # one second: long enough to be decoded freely


def listening() -> FreeListening:
    matcher = load_matcher()
    return FreeListening(
        None, FreeReaders(warns=warns_with(matcher), net=net_with(matcher)), True, 0.5
    )


def said(words: str) -> Callable[[bytes], str]:
    return lambda audio: words


def test_one_decoders_words_alone_are_not_enough_for_the_net() -> None:
    free = listening()
    assert free.hear(AUDIO, 0.0, said("heat the oven to four hundred")) == []  # Moonshine's
    assert not free.second_opinion()
    assert free.hear(AUDIO, 0.0, said("key to the arm and a four hundred")) == []  # Vosk's
    free.forget()
    assert free.hear(AUDIO, 0.0, said("key to the arm and a four hundred")) == []
    assert free.hear(AUDIO, 0.0, said("heat the oven to four hundred")) == []


def test_both_decoders_agreeing_pass_a_sign_only_the_net_reads() -> None:
    matcher, free = load_matcher(), listening()
    words = "i've been running hot and cold all night"
    assert matcher.understand(words, generalise=False).intent == "Unknown"  # not the lexicon's
    assert free.hear(AUDIO, 0.0, said(words)) == []
    assert free.second_opinion()  # the grammar's whole sentence must not hide it
    heard = free.hear(AUDIO, 0.0, said("i've been running hot and cold all the night"))
    assert [h.text for h in heard] == ["i've been running hot and cold all the night"]
    assert free.passed_on(heard[0].text)
    assert heard_as(matcher, heard[0].text, whole=False, freely=True).intent == "RedFlag"
    assert heard_as(matcher, heard[0].text, whole=False, freely=False).intent == "Unknown"


def test_a_sign_the_lexicon_reads_needs_one_decoder() -> None:
    free = listening()
    assert [h.text for h in free.hear(AUDIO, 0.0, said("my leg is numb"))] == ["my leg is numb"]


def test_the_grammars_sign_passes_when_the_net_reads_one_in_a_free_decode() -> None:
    """What the recognizers gave for 'my back locked and my left foot's all tingly' (bench
    voice, clean): the grammar word for word, with too little confidence in 'tingly' to count
    alone, both free decodes misheard; Vosk's still reads as a sign to the net."""
    free, grammar = listening(), "my back locked and my left foot is all tingly"
    confidences = [1.0, 0.66, 1.0, 0.59, 1.0, 1.0, 1.0, 1.0, 1.0, 0.61]
    assert free.hear(AUDIO, 0.0, said("my mark looked and i left food salt and lid")) == []
    assert free.confirms(grammar, 0.0, confidences) == []  # Moonshine's words read as nothing
    assert free.hear(AUDIO, 0.0, said("my mark locked and my left foot salt and limit")) == []
    assert [h.text for h in free.confirms(grammar, 0.0, confidences)] == [grammar]


def test_the_net_reading_a_free_decode_does_not_outvote_a_negation() -> None:
    """A free decode holds a negation that, in its place among the grammar's words, unsays the
    sign (`denied`): nothing passes, though the net reads a sign in the other free decode."""
    matcher, free = load_matcher(), listening()
    grammar = "my back locked and my left foot is all tingly"
    free.hear(AUDIO, 0.0, said("my back locked and my left foot is not tingly"))
    assert free.confirms(grammar, 0.0) == []
    free.hear(AUDIO, 0.0, said("my mark locked and my left foot salt and limit"))
    assert matcher.net("my mark locked and my left foot salt and limit") is not None
    assert free.net_reads_any()
    assert free.confirms(grammar, 0.0) == []
    free.forget()
    free.hear(AUDIO, 0.0, said("my mark locked and my left foot salt and limit"))
    assert [h.text for h in free.confirms(grammar, 0.0)] == [grammar]  # the same, undenied


def test_a_sign_the_net_reads_in_the_grammars_words_and_moonshines_passes() -> None:
    """What the recognizers gave for 'every time i cough it shoots into my leg' (bench voice,
    clean): neither the grammar's loose words nor either free decode hold a sign the lexicon
    reads, and Vosk's open vocabulary none the net reads; the net reads one in the grammar's
    words and in Moonshine's: two decoders each heard it. Passed on as free words, the coach's
    reading (heard_as) lets the net read them."""
    matcher, free = load_matcher(), listening()
    grammar = "every time i cough it short since on my leg"
    assert not warns_with(matcher)(grammar)
    assert free.hear(AUDIO, 0.0, said("every time i copied she would send it to my leg")) == []
    assert free.hear(AUDIO, 0.0, said("every time i cough it short sentence or my leg")) == []
    heard = free.confirms(grammar, 0.0)
    assert [h.text for h in heard] == [grammar]
    assert free.passed_on(grammar)
    assert heard_as(matcher, grammar, whole=False, freely=True).intent == "RedFlag"


def test_the_net_on_the_grammars_words_alone_is_not_enough() -> None:
    """The same grammar's words with a first free decode the net reads nothing in (Vosk's
    open vocabulary's, here first): the grammar says our words where nobody did."""
    free = listening()
    assert free.hear(AUDIO, 0.0, said("every time i cough it short sentence or my leg")) == []
    assert free.hear(AUDIO, 0.0, said("every time i copied she would send it to my leg")) == []
    assert free.confirms("every time i cough it short since on my leg", 0.0) == []
    assert not free.passed_on("every time i cough it short since on my leg")


def test_a_negation_in_a_free_decode_unsays_what_the_net_reads_in_both() -> None:
    """What the recognizers gave for 'my lower back went and now there's tingling in my leg'
    (bench voice, white noise at 10 dB), with Vosk's open vocabulary given a 'not' in the place
    of the grammar's 'out': there it unsays the sign the net reads (`denied`, the net reading)."""
    free = listening()
    grammar = "my lower off when i'm out the a fender ling in my leg"
    free.hear(AUDIO, 0.0, said("my law of art went andowed me up to england in my leg"))
    free.hear(AUDIO, 0.0, said("my lower off when i'm not the a fender ling in my leg"))
    assert free.confirms(grammar, 0.0) == []
    free.forget()
    free.hear(AUDIO, 0.0, said("my law of art went andowed me up to england in my leg"))
    free.hear(AUDIO, 0.0, said("my lower off when i'm out the fender in my leg"))
    assert [h.text for h in free.confirms(grammar, 0.0)] == [grammar]
