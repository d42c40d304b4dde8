"""When the grammar's words hold a warning sign the free decodes missed, they count only if
the free decodes bear them out (voice.hearing.free_listening.agrees). The strings are what the
recognizers gave for bench voices on the spoken blind dev set (bench/spoken_blind.py), with the
real safety lexicon deciding what is a warning sign."""

from __future__ import annotations

import pytest

from intents.matcher import load_matcher
from intents.warning_match import ESCALATIONS
from voice.hearing.free_agreement import (
    affirmed,
    agrees,
    contradicted,
    denied,
    resting,
    sure,
)
from voice.hearing.free_listening import FreeListening, FreeReaders
from voice.hearing.matcher_wiring import other_action_with


def warns(text: str) -> bool:
    return load_matcher().understand(text, generalise=False).intent in ESCALATIONS


@pytest.mark.parametrize(
    ("grammar", "free"),
    [
        (  # said "my foot won't lift up properly when i try"
            "my foot won't lift up properly when i try",
            ["my thoughts won't lift up properly when i try",
             "my thoughts when you to lift up properly when i try"],
        ),
        ("ring nine nine nine", ["read nine nine nine", "rinignignign"]),
        ("my car got shunted this morning",
         ["my car doctor shunted this ball game", "my card ought to shunt it this morning"]),
        # a word spelt like the sign's, in its very place: "legs" for "leg" (said "it's like
        # my leg's vibrating from the inside", "my leg's gone all funny like it's not mine")
        ("it's like my leg is vibrating from the inside",
         ["it sack my legs migrating from the inside",
          "it's like my legs migrating from the inside"]),
        ("my leg's gone all funny like it's not mine",
         ["my legs don't all find it like it's not mine",
          "milan don't all found it like it's not mine"]),
    ],
)  # fmt: skip
def test_agreeing_decodes_confirm_a_warning(grammar: str, free: list[str]) -> None:
    assert warns(grammar) and not any(warns(text) for text in free[1:])
    assert agrees(grammar, free, warns)


@pytest.mark.parametrize(
    ("grammar", "free"),
    [
        ("know chest pain", ["no chest pain", "no chest pain"]),  # said "no chest pain"
        ("i knot pregnant", ["i'm not pregnant", "i'm not pregnant"]),
        # said "the radiator's clicking": the grammar's "numb" is nowhere in the free decodes
        ("numb a minute off clear getting", ["let me take of clicking", "the radio is clicking"]),
        # said "i checked and i can feel my toes"
        ("i tripped and my can feel my toes",
         ["i checked and i can feel my toes", "i checked and i can feel my toes"]),
    ],
)  # fmt: skip
def test_disagreeing_decodes_do_not(grammar: str, free: list[str]) -> None:
    assert warns(grammar)
    assert not agrees(grammar, free, warns)


def test_a_sign_said_twice_rests_on_either_word() -> None:
    """No one word is needed when the sign is said twice ("crashed the car", "hit my head"):
    then a word holding a warning on its own is one the free decode may bear out."""
    grammar = "i crashed the car and hit my head on the searing we are"
    said = grammar.split()
    assert all(warns(" ".join(said[:i] + said[i + 1 :])) for i in range(len(said)))
    assert "crashed" in {said[i] for i in resting(said, warns)}
    assert agrees(grammar, ["i crashed the car and hit my head on the steering wheel"], warns)


# What Vosk's grammar heard, with its word confidences, for bench voices on the spoken blind dev
# set (bench/spoken_safety_misses.py): said "i've got numbness in my saddle area" (white noise at
# 10 dB), then harmless sentences the grammar turned into warning signs.
SURELY = ("i've got numbness in my saddle area", [0.67, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])
UNSURE = [
    ("numb a minute off clear getting", [0.75, 0.74, 0.69, 0.53, 0.68, 0.34]),  # radiator
    ("numb on fallen asleep on my legs", [0.32, 0.9, 1.0, 1.0, 1.0, 1.0, 0.53]),  # the dog's
    ("both arms not working normally", [1.0, 1.0, 0.32, 1.0, 1.0]),  # are working normally
]


def test_words_vosk_was_sure_of_count_alone() -> None:
    grammar, confidences = SURELY
    free = ["i got helmless in my saddle area", "i got our lives in my saddle area"]
    assert not agrees(grammar, free, warns)
    assert sure(grammar, confidences, warns)
    assert not contradicted(grammar, free, warns)  # "helmless" may be "numbness" misheard


@pytest.mark.parametrize(("grammar", "confidences"), UNSURE)
def test_words_it_guessed_do_not(grammar: str, confidences: list[float]) -> None:
    assert warns(grammar) and not sure(grammar, confidences, warns)
    assert not sure(grammar, [], warns)  # no confidences (a rescued sentence): not sure


@pytest.mark.parametrize(
    ("grammar", "free"),
    [  # both said by the bench voices; Vosk's grammar was sure of every word
        ("i tripped and i can feel my toes", ["i checked and i can feel my toes"]),
        ("i can't breathe okay stuff my back", ["i can breathe okay if it's dust my back"]),
    ],
)
def test_another_word_in_its_place_contradicts(grammar: str, free: list[str]) -> None:
    assert warns(grammar) and contradicted(grammar, free, warns)


def test_confirms_takes_either_way_and_neither_when_denied() -> None:
    listening = FreeListening(None, FreeReaders(warns=warns), on=True, confidence=0.5)
    grammar, confidences = SURELY
    listening.heard = ["i got helmless in my saddle area"]
    assert [h.text for h in listening.confirms(grammar, 1.0, confidences)] == [grammar]
    assert listening.confirms(grammar, 1.0) == []  # no confidences, no agreement
    listening.heard = ["i've got no numbness in my saddle area"]
    assert listening.confirms(grammar, 1.0, confidences) == []  # a negation it lacks
    listening.heard = ["i checked and i can feel my toes"]
    assert listening.confirms("i tripped and i can feel my toes", 1.0, [1.0] * 8) == []


@pytest.mark.parametrize(
    ("grammar", "free"),
    [  # what the recognizers gave for bench voices on the spoken blind dev set
        ("my feet is slurred and my arm it's been been getting",  # "... i haven't been drinking"
         ["my speech is slowed and i haven't been drinking"]),
        ("it feels like ants crawling down my calf",  # a mishearing, not a negation
         ["it feels i can't scrawling down my car", "it feels like i'm scrolling down mike off"]),
    ],
)  # fmt: skip
def test_a_negation_elsewhere_does_not_deny(grammar: str, free: list[str]) -> None:
    assert warns(grammar) and not denied(grammar, free, warns)


def test_a_negation_from_a_decode_that_heard_nothing_of_the_sign_does_not_deny() -> None:
    """Said "i've got numbness in my saddle area" (an emergency; a bench voice, clean): the
    grammar word for word, Moonshine "helmless", Vosk's open vocabulary "i'm not on the" for
    "i've got numbness": its "not" is a mishearing of the words around the sign, not a denial.
    A negation alone in the sign's place still denies ("no i didn't fall it just went", the
    grammar's "numb i didn't fall")."""
    grammar = "i've got numbness in my saddle area"
    free = ["i've got helmless in my saddle area", "i'm not on the in my saddle area"]
    assert not denied(grammar, free, warns)
    assert denied("numb i didn't fall it's just went", ["no i didn't fall it just went"], warns)


@pytest.mark.parametrize(
    ("grammar", "free"),
    [
        ("know chest pain", ["no chest pain"]),
        ("low fever okay i'm", ["no fever no chills"]),  # "no" for a word the sign needs not
        ("i've got numbness in my saddle area", ["i've got no numbness in my saddle area"]),
    ],
)
def test_a_negation_in_its_place_denies(grammar: str, free: list[str]) -> None:
    assert warns(grammar) and denied(grammar, free, warns)


def test_a_negation_only_the_grammar_heard_is_affirmed() -> None:
    grammar = "i can't feel everything in my legs"  # said "i can feel everything in my legs"
    free = ["i can feel everything in my legs", "i can feel it with the in night live"]
    assert agrees(grammar, free, warns) and affirmed(grammar, free, warns)
    assert not affirmed(grammar, free[:1], warns)  # one decoder alone drops negations too
    assert not affirmed("i can't feel my legs", ["i can't feel my legs"] * 2, warns)
    listening = FreeListening(None, FreeReaders(warns=warns), on=True, confidence=0.5)
    listening.heard = free
    assert listening.confirms(grammar, 1.0) == []


def test_one_decoder_hearing_no_negation_does_not_affirm() -> None:
    """Said "half my face won't move": Moonshine heard "will", Vosk's free decode "while to"."""
    grammar = "half my face won't move"
    free = ["half my face will move", "half my face while to move"]
    assert not affirmed(grammar, free, warns) and agrees(grammar, free, warns)


@pytest.mark.parametrize(
    ("grammar", "free", "doubted"),
    [  # what the recognizers gave for bench voices on the spoken blind dev requests
        ("start a timer now", ["stop the timers now"], True),  # said "stop the timers now"
        ("resume the laundry timer", ["remove the laundry timer"], True),  # said "remove ..."
        ("start the stretch routine", ["stop mr matryle dear"], True),  # said "stop the ..."
        ("knock off two minutes", ["not half ten minutes"], True),  # said "knock off 10 ..."
        ("cancel the two minute timer", ["continue the two minute timer"], True),
        ("start a timer now", ["start the timer now"], False),  # the same action
        ("add twenty five minutes to the timer", ["at 25 minutes to the timer"], False),
        ("pause the ice", ["pause the nice"], False),  # no other verb
        ("stop", ["start"], False),  # Stop is never lost (voice.hearing.short_answers)
        ("my leg is numb", ["stop my leg is numb"], False),  # no timer command
    ],
)
def test_a_free_decode_naming_another_action_doubts_a_timer_command(
    grammar: str, free: list[str], doubted: bool
) -> None:
    """The grammar turns a command into its opposite while Moonshine heard it: asked again."""
    matcher = load_matcher()
    assert other_action_with(matcher)(grammar, free) is doubted
    listening = FreeListening(
        None, FreeReaders(warns=warns, other_action=other_action_with(matcher)), True, 0.5
    )
    listening.heard = free
    assert listening.doubts(grammar) is doubted
