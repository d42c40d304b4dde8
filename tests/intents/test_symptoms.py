"""Warning signs understood, not keyword-spotted (intents/symptoms.py).

The issue's examples, the rules (negation scope, the ice, someone else, urgency order), and the
blind dev sets scored at the rates reached. The held-out blind test half is never read here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from intents.errors import TemplateError
from intents.symptoms import Warning, lexicon, spot_warning

HERE = Path(__file__).parent
BLIND = HERE / "blind"
ESCALATE = ("RedFlag", "Emergency")

EMERGENCY, PROFESSIONAL = "emergency", "professional"


def tier_said(text: str) -> str | None:
    """The tier of the warning sign read in `text` (None: none)."""
    found = spot_warning(text)
    return found.tier if found else None


ISSUE_EXAMPLES = [
    ("my toes feel funny", PROFESSIONAL),
    ("it's like electricity down my leg", PROFESSIONAL),
    ("my leg feels dead", PROFESSIONAL),
    ("my foot is dragging", PROFESSIONAL),
    ("I can't walk properly", PROFESSIONAL),
    ("I haven't been able to pee since this morning", EMERGENCY),
    ("I can't feel anything below my waist", EMERGENCY),
    ("I'm having chest pain", EMERGENCY),
    ("I can't breathe", EMERGENCY),
    ("I think I'm having a heart attack", EMERGENCY),
    ("call an ambulance", EMERGENCY),
    ("call nine one one", EMERGENCY),
    (
        "I was hit by a car",
        EMERGENCY,
    ),  # the issue lists it with the emergencies: struck, not in a car
    ("I took a whole bottle of pills", EMERGENCY),
    ("I want to kill myself", EMERGENCY),
    ("I don't want to live anymore", EMERGENCY),
    ("I haven't got pins and needles", None),
    ("I'm not feeling weak", None),
    ("I fell asleep on the couch and woke up with my neck locked", None),
    ("the fridge is buzzing", None),
    ("my bladder is full, can I get up to go to the toilet", None),
    ("it's numb from the ice", None),
]

RULES = [
    # Negation governs the symptom only.
    ("no tingling", None),
    ("without warning my leg gave way", PROFESSIONAL),
    ("it doesn't just hurt, it's numb", PROFESSIONAL),
    ("no pain or tingling in my legs", None),
    ("I'm not numb but my leg is weak", PROFESSIONAL),
    # Bladder and bowel words need a loss or a failure.
    ("I need a wee, can you pause the timer", None),
    ("I've wet myself", EMERGENCY),
    # A fall means an injury; a head injury makes it an emergency.
    ("I fell down the stairs", PROFESSIONAL),
    ("I fell and hit my head", EMERGENCY),
    ("I had a crash but I didn't hit my head", PROFESSIONAL),
    # The ice is meant to numb the sore spot, not a leg.
    ("the ice has made my back go numb", None),
    ("my leg went numb while I was icing", PROFESSIONAL),
    ("my foot is numb and it's not from the ice", PROFESSIONAL),
    ("my fingers are numb from holding the ice cube", None),
    ("is it numb enough yet", None),
    ("it's gone numb, what now", None),
    # Limbs asleep, dead, funny are warnings; the dog asleep on them is not.
    ("my feet are asleep", PROFESSIONAL),
    ("the dog's fallen asleep on my legs", None),
    # Overdose means more than a label allows.
    ("I took 20 ibuprofen", EMERGENCY),
    ("I took two ibuprofen", None),
    ("I took 400 mg of ibuprofen", None),
    # Someone else's, or TV talk, is not the speaker's warning sign.
    ("my mum has a fever", None),
    ("the news said there was a car crash on the motorway", None),
    ("I could kill for a coffee", None),
    # The knees-to-chest hold is not chest pain, nor a stretch felt (or not) a numb leg.
    ("it hurts when I pull my knees to my chest", None),
    ("I can't feel the stretch in my legs", None),
    # Not getting up to the toilet is not failing to pee; a recorded message is not a request.
    ("I need to go but I can't get up", None),
    ("if this is an emergency hang up and dial nine nine nine", None),
    # Said alongside the spasm it still counts; the most urgent sign wins.
    ("my back locked up and my hand is tingling", PROFESSIONAL),
    ("my leg is numb and I can't breathe", EMERGENCY),
    ("my groin is numb", EMERGENCY),
    # A question about a sign, a hypothetical or a denial does not claim it.
    ("what does pins and needles mean", None),
    ("should i be worried if my legs feel heavy", None),
    ("does numbness go away", None),
    ("what if i can't get up", None),
    ("i can't say i have tingling", None),
    ("is it bad that my foot has gone numb", PROFESSIONAL),
    ("i read about tingling online but i don't have it", None),
    ("I read about numbness online and now my foot is numb", PROFESSIONAL),
    ("my leg is numb but i haven't got any", PROFESSIONAL),
    ("no pins and needles in my feet, just the back", None),  # "needles in my feet" alone
    # Suicidal words said with a hedge; worsening said as "worsened".
    ("honestly i don't think i want to be here anymore", EMERGENCY),
    ("i'm not sure i wanna be alive any more", EMERGENCY),
    ("the pain has steadily worsened for three weeks", PROFESSIONAL),
    # A harmless sense of the word; a negation inside the phrase.
    ("the spicy curry made my mouth tingle", None),
    ("i'm on pins and needles about the result", None),
    ("i made weak coffee", None),
    ("my hands are not clumsy", None),
    ("my feet are like ice", None),
    ("the strength in my legs has come back", None),
    # Someone else's symptoms, or a programme's, with the speaker only as their owner.
    ("my husband's leg goes numb when he sits too long", None),
    ("in the show the man's legs went numb", None),
    ("his fingers went numb in the cold", None),  # another's limb ("your", "their" too)
    ("their legs went numb sitting on the bleachers", None),
    ("kids, my legs are numb", PROFESSIONAL),
    ("the whole audience went numb", None),
    ("the cat has gone completely numb to the hoover", None),
    ("my wife says my foot is dragging", PROFESSIONAL),
    # Harmless senses and causes; a negation reaching across the symptom noun.
    ("i'm numb to the pain by now", None),
    ("my foot's numb because i've had it in a bowl of ice", None),
    ("i had a falling out with my sister", None),
    ("i laughed so hard i wet myself", None),
    ("there's no pain going down my arm", None),
    ("can sitting give you pins and needles", None),
    # Clinical words, dialect and fine-motor loss are signs too.
    ("i have paraesthesia over my left shin", PROFESSIONAL),
    ("i've got perineal numbness", EMERGENCY),
    ("i can't do up my zip with this hand", PROFESSIONAL),
    ("i've got electric down me arm", PROFESSIONAL),
    ("my helmet cracked when i came off the bike", EMERGENCY),
    # Contractions the normaliser leaves apart count as spelled together.
    ("i could not feel my feet when i stood up", EMERGENCY),
    ("i would not be able to lift my arm", PROFESSIONAL),
    ("i was not able to pee all night", EMERGENCY),
    ("my legs will not move", EMERGENCY),
]


# Meanings, not sentences: paraphrases of misses on warning_signs.yaml, written apart from it.
MEANINGS = [
    ("i can't even grip a pen", PROFESSIONAL),
    ("i can't pull my foot up", PROFESSIONAL),
    ("my writing has gone all shaky", PROFESSIONAL),
    ("something feels weird in my foot", PROFESSIONAL),
    ("my arm feels cold and strange", PROFESSIONAL),
    ("it's like walking on sponges", PROFESSIONAL),
    ("the pain goes all the way down to my toes", PROFESSIONAL),
    ("the ache goes past my knee", PROFESSIONAL),
    ("i get electric shocks when i bend my neck", PROFESSIONAL),
    ("i've got a pinched nerve in my neck", PROFESSIONAL),
    ("nothing helps it at night", PROFESSIONAL),
    ("it aches even when i'm completely still", PROFESSIONAL),
    ("i wake up soaked in sweat", PROFESSIONAL),
    ("i had a baby six weeks ago", PROFESSIONAL),
    ("my chest hurts and it's going into my left arm", EMERGENCY),
    ("my pulse is all over the place and i feel faint", EMERGENCY),
    ("the side of my mouth is hanging down", EMERGENCY),
    ("my arm and face are numb on one side", EMERGENCY),
    ("my bladder just went", EMERGENCY),
    ("i've tried to wee all morning and i can't", EMERGENCY),
    ("i've got no feeling down there", EMERGENCY),
    ("someone get help now", EMERGENCY),
    # ... and their near misses.
    ("i can't carry on with this stretch", None),
    ("i'm walking on air today", None),
    ("could it be a slipped disc", None),
    ("i had a baby shower last week", None),
    ("my heart goes out to you", None),
    ("i tried to go to the toilet but i can't get up off the floor", None),
    ("i need help setting a timer", None),
    ("the pain goes into my bum", None),
]


@pytest.mark.parametrize(("text", "tier"), ISSUE_EXAMPLES + RULES + MEANINGS)
def test_sentence_gives_its_tier(text: str, tier: str | None) -> None:
    assert tier_said(text) == tier, spot_warning(text)


def test_a_warning_names_its_family() -> None:
    assert spot_warning("I can't breathe") == Warning("breathing", EMERGENCY)
    assert spot_warning("i've got pins and needles in my foot") == Warning("tingling", PROFESSIONAL)


def rows(name: str) -> list[dict[str, object]]:
    data = yaml.safe_load((BLIND / name).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_blind_safety_dev_rates() -> None:
    """Floors at what the lexicon reaches on the dev half (targets: 99%, 100%, at most 2%)."""
    dev = rows("safety_dev.yaml")
    found = {str(row["text"]): spot_warning(str(row["text"])) for row in dev}
    signs = [row for row in dev if row["intent"] in ESCALATE]
    emergencies = [row for row in dev if row["intent"] == "Emergency"]
    ordinary = [row for row in dev if row["intent"] not in ESCALATE]
    missed = [row["text"] for row in signs if found[str(row["text"])] is None]
    not_first = [
        row["text"]
        for row in emergencies
        if (hit := found[str(row["text"])]) is None or hit.tier != EMERGENCY
    ]
    alarms = [row["text"] for row in ordinary if found[str(row["text"])] is not None]
    assert len(signs) > 200 and len(emergencies) > 40 and len(ordinary) > 100
    assert 1 - len(missed) / len(signs) >= 1.0, missed
    assert 1 - len(not_first) / len(emergencies) >= 1.0, not_first
    assert len(alarms) / len(ordinary) <= 0.0, alarms


@pytest.mark.parametrize("name", ["safety_fresh.yaml", "safety_fresh_3.yaml"])
def test_fresh_safety_rates(name: str) -> None:
    """Fresh sets, each written by someone who never saw the lexicon (targets: 97% escalated,
    95% of emergencies first, at most 3% of ordinary sentences). Floors at what the lexicon
    reaches (safety_fresh_3.yaml began at 82% of RedFlag, 91% of Emergency, 11% false alarms)."""
    data = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))["intents"]
    found = {text: spot_warning(text) for texts in data.values() for text in texts}
    signs = data["RedFlag"] + data["Emergency"]
    missed = [text for text in signs if found[text] is None]
    not_first = [
        text for text in data["Emergency"] if (hit := found[text]) is None or hit.tier != EMERGENCY
    ]
    alarms = [(text, found[text]) for text in data["None"] if found[text] is not None]
    assert len(data["RedFlag"]) >= 300 and len(data["Emergency"]) >= 130
    assert len(data["None"]) >= 160
    assert 1 - len(missed) / len(signs) >= 1.0, missed
    assert 1 - len(not_first) / len(data["Emergency"]) >= 1.0, not_first
    # A question about an emergency sign ("what does a heart attack feel like") still gets
    # "call emergency services": an emergency is never missed for being put as a question.
    assert all(w.tier == "emergency" for _, w in alarms), alarms
    assert len(alarms) / len(data["None"]) <= 0.02, alarms


Rates = tuple[Any, list[str], dict[str, Any], list[str], list[str], list[str]]


def _round_rates(name: str) -> Rates:
    """A round of example warning signs through the lexicon: (its intents, its harmless
    sentences, what was found for each, signs missed, emergencies not emergency-first, harmless
    sentences escalated)."""
    path = HERE.parents[1] / "intents" / "examples" / f"{name}.yaml"
    if not path.exists():  # a round kept out of the model's training: here
        path = HERE / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    intents, harmless = data["intents"], data.get("sentences", [])
    found = {text: spot_warning(text) for texts in intents.values() for text in texts}
    missed = [text for text in intents["RedFlag"] + intents["Emergency"] if found[text] is None]
    not_first = [text for text in intents["Emergency"] if (found[text] or WARN).tier != EMERGENCY]
    alarms = [text for text in harmless if spot_warning(text) is not None]
    return intents, harmless, found, missed, not_first, alarms


def test_round_4_warning_signs_rates() -> None:
    """intents/examples/warning_signs_round4.yaml, written from the tiers by someone who saw
    neither the lexicon nor the other sets. At first contact the lexicon caught 241 of 259 red
    flags and 138 of 143 emergencies (4 struck by a vehicle or crashed with a head injury came
    out professional) and escalated 9 of 228 harmless sentences; then it was broadened on
    them. Floors at what it reaches now (the last red flag, a temperature said with no one
    named, "the thermometer says thirty nine", is read since a report naming no one is the
    speaker's own: intents/symptoms.py REPORTED)."""
    intents, harmless, found, missed, not_first, alarms = _round_rates("warning_signs_round4")
    assert len(intents["RedFlag"]) >= 250 and len(intents["Emergency"]) >= 140
    assert len(harmless) >= 200
    assert missed == []
    assert not_first == [] and alarms == []


def test_round_5_warning_signs_rates() -> None:
    """intents/examples/warning_signs_round5.yaml, written blind from the tiers in five voices
    (older, non-native, young, panicky, a recognizer's transcript). At first contact the
    lexicon missed 21 of 252 red flags and 15 of 150 emergencies (16 not emergency-first: "I
    think it might be my heart, I've a pain going down my left arm" came out professional),
    escalated 32 of 250 harmless sentences and 4 of 40 questions about the signs ("if my leg
    went numb, would that be a reason to go to the surgery?"). Then it was broadened by word
    families and rules (test_round_5_rules_in_other_words). Floors at what it reaches now; the
    harmless sentences still escalated are kept on purpose: a denial of suicidal words still
    gets the crisis line, "it's gone" and "gone now" also say a lost feeling ("the feeling in
    my foot, it's gone"), "went" also says giving way, "went away" said of a sign named far
    before it may be said of something else ("my leg tingles and the pain went away"), an
    accident that "is nothing to do with this" is still one, and a film's overdose with "i had
    to turn it off" has the speaker in it. One question stays escalated: "tingling in leg, I
    must go doctor for this?" says the tingling. Numbness and tingling said to have passed
    ("my foot fell asleep but it's fine now", "pins and needles I had years ago went away")
    are escalated on purpose, 8 of the 15: the seed asks for a spasm that came with a numb
    sensation or tingling to be checked, and a missed sign costs more than a false alarm."""
    intents, harmless, found, missed, not_first, alarms = _round_rates("warning_signs_round5")
    in_domain = [t for k, ts in intents.items() if k not in ESCALATE for t in ts if found[t]]
    assert len(intents["RedFlag"]) >= 250 and len(intents["Emergency"]) >= 150
    assert len(harmless) >= 250
    assert missed == [] and not_first == []
    assert len(alarms) <= 15, alarms
    assert in_domain == ["tingling in leg, I must go doctor for this?"]


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        # said the way a non-native speaker or a transcript says it
        ("i not feel my toes", PROFESSIONAL),
        ("my hand i can't feel it when i press it", PROFESSIONAL),
        ("the ache is running in my leg down to the foot", PROFESSIONAL),
        ("my ankle is falling, it won't take my weight", PROFESSIONAL),
        ("i can not walk straight", PROFESSIONAL),
        ("slipped on the ice outside the shop", PROFESSIONAL),
        ("i have temperature", PROFESSIONAL),
        ("temp is 40", PROFESSIONAL),
        ("got a high temperature", PROFESSIONAL),
        ("i had crash with bike last week", PROFESSIONAL),
        ("lost loads of weight and no idea why", PROFESSIONAL),
        ("my weight went down and i eat normal", PROFESSIONAL),
        ("i not can breathe", EMERGENCY),
        ("i speak funny and my words not come out", EMERGENCY),
        ("one half of face not move", EMERGENCY),
        ("i cannot make wee all day", EMERGENCY),
        ("my wee comes out by itself", EMERGENCY),
        ("i did in my pants, i can't control it", EMERGENCY),
        ("between my thighs i can't feel", EMERGENCY),
        ("wiping after the loo i didn't feel it", EMERGENCY),
        ("call emergency please", EMERGENCY),
        ("i swallowed every tablet in the packet", EMERGENCY),
        ("i don't want live like this", EMERGENCY),
        ("my heart, i think i'm going to pass out", EMERGENCY),
        ("could be my heart, the ache goes into my arm", EMERGENCY),
        ("i no feel my legs", EMERGENCY),
        ("i not can pee", EMERGENCY),
        ("i'm having trouble peeing", EMERGENCY),
        ("no wee since this morning", EMERGENCY),
        ("took lots of tablets", EMERGENCY),
        ("my mouth has one side hanging down", EMERGENCY),
        ("my legs went and i can't make them move", EMERGENCY),
        ("a van hit me as i was crossing", EMERGENCY),
        ("i don't see the point anymore", EMERGENCY),
        ("i keep blacking out", EMERGENCY),
        ("i can't feel anything when i wipe after the loo", EMERGENCY),
        ("like a ton of bricks sitting on me", EMERGENCY),
        # still escalated: a sign said beside talk that sounds like the harmless rules
        ("my leg is numb but my back is fine now", PROFESSIONAL),
        ("i can't feel my foot, it's gone", PROFESSIONAL),
        ("if i sit my leg goes numb, is that normal", PROFESSIONAL),
        ("my leg was numb but it's fine now, but my foot is dragging", PROFESSIONAL),
        ("my leg is weak, it's fine now", PROFESSIONAL),
        ("chest pain, turn the telly off", EMERGENCY),
        ("i'm watching the news and i can't breathe", EMERGENCY),
        ("the news is on, call an ambulance", EMERGENCY),
        ("my husband's watching the news, call an ambulance", EMERGENCY),
        ("my foot is numb, is it okay now to put the ice on", PROFESSIONAL),
        ("my leg tingles, now is it normal to feel that", PROFESSIONAL),
        # not escalated
        ("my arm went to sleep but it's okay now", PROFESSIONAL),  # the seed: have it checked
        ("i had a temperature at christmas but that's long gone", None),
        ("in the documentary a woman has a heart attack", None),
        ("the presenter on the radio was talking about strokes and slurred speech", None),
        ("my kids nearly gave me a heart attack", None),
        ("what if my hand goes tingly, should i worry", None),
        ("i can't be pregnant, i'm a man", None),
        ("no feeling of tingling anywhere", None),
        ("breathless is the answer to the crossword", None),
        ("the tingling went away", None),  # no limb, no one: not claimed either way
        ("my legs are dead tired after the walk", None),
    ],
)
def test_round_5_rules_in_other_words(text: str, tier: str | None) -> None:
    """The rules round 5 taught, said in other words than its sentences."""
    assert tier_said(text) == tier, (text, spot_warning(text))


def test_round_6_warning_signs_rates() -> None:
    """intents/examples/warning_signs_round6.yaml, written blind from the tiers in six new
    voices (a nurse, a stoic, Indian and Nigerian English, US Southern, groggy fragments, a
    recognizer's mishearings). At first contact the matcher missed 55 of 439 signs, answered 17
    of 136 emergencies otherwise than emergency-first and escalated 25 of 268 harmless sentences
    (bench/results/fresh_round6.md); then the lexicon was broadened by word families and rules
    (test_round_6_rules_in_other_words). Floors at what the lexicon alone reaches now. Left
    missed: a stoic's "it's nothing really, just my toes have gone a bit quiet" (the "nothing"
    unsays it), a double negative spanning the match, mishearings ("no um" for numb, "knight",
    "dragon", "sigh attica", "hard attack"), and a husband speaking for his pregnant wife.
    Left escalated: numbness and tingling said to have passed (on purpose, as in round 5), jokes
    ("that chili gonna give me chest pains, i'm just playin"), a dream of not breathing, a phone
    that fell, scales that may be broken; and two hypothetical emergencies asked about ("what
    if i can't pee later, is that an emergency?"): an emergency is never missed for being put
    as a question."""
    intents, _, found, missed, not_first, _ = _round_rates("warning_signs_round6")
    path = HERE.parents[1] / "intents" / "examples" / "not_for_us_round6.yaml"
    harmless = yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]
    alarms = [text for text in harmless if spot_warning(text) is not None]
    in_domain = [t for k, ts in intents.items() if k not in ESCALATE for t in ts if found[t]]
    assert len(intents["RedFlag"]) >= 300 and len(intents["Emergency"]) >= 130
    assert len(harmless) >= 250
    assert len(missed) <= 8, missed
    assert len(not_first) <= 2, not_first
    assert len(alarms) <= 9, alarms
    assert len(in_domain) <= 2, in_domain


def test_round_7_warning_signs_rates() -> None:
    """intents/examples/warning_signs_round7.yaml, written blind in six more voices (a teenager,
    a polite elderly person burying the sign after small talk, a builder, someone describing by
    comparison, a timeline, a crying recognizer transcript) after round 6's work. At first
    contact the lexicon alone missed 32 of 384 signs, answered 2 of 122 emergencies otherwise
    than emergency-first and escalated 24 of 168 harmless sentences and 4 of 110 in-domain ones
    (bench/results/fresh_round6.md). Floors at what it reaches now. Left missed: a husband's
    "missus is pregnant", "a baby hand, no strength" (the "no" of a comparison), a leg that
    "goes down like a chair with a broken leg", a braking without a crash, and "I didn't have
    any numbness yesterday, but I do today". Left escalated: signs said to have passed (on
    purpose), denials after the sign ("numbness can be a warning sign, luckily I don't have
    any": a trailing denial could also follow a real sign), jokes and things that tingle."""
    intents, harmless, found, missed, not_first, alarms = _round_rates("warning_signs_round7")
    in_domain = [t for k, ts in intents.items() if k not in ESCALATE for t in ts if found[t]]
    assert len(intents["RedFlag"]) >= 250 and len(intents["Emergency"]) >= 110
    assert len(harmless) >= 150
    assert len(missed) <= 5, missed
    assert not_first == []
    assert len(alarms) <= 17, alarms
    assert len(in_domain) <= 2, in_domain


def test_round_8_warning_signs_rates() -> None:
    """tests/intents/safety_round8.yaml, written blind in six more voices (a plain
    American, an anxious over-explainer, a carer's textbook words, Scottish or Irish speech,
    someone drowsy on painkillers, shouts of two to five words) after rounds 6 and 7. At first
    contact the lexicon alone missed 16 of 290 signs, answered 7 of 90 emergencies otherwise
    than emergency-first, and escalated 8 of 100 harmless and 6 of 61 in-domain sentences.
    Floors at what it reaches now. Left missed: "my arm's kinda dead, like I slept on it, but I
    didn't" (the cause is named and then denied). Left escalated: emergencies asked about ("is
    chest pain one of the danger signs"), "I'm not going to overdose, I just want the max dose",
    a phone that is "numb", a trailing denial ("I know chest pain is a warning sign but I don't
    have any"), a flu's temperature that has gone, legs "heavy with tiredness". Kept out of
    the statistical layer's training: learnt, it moved the model ("is the ice on the lake thick
    enough" became IceHowLong, and 3 dev phrasings were lost); it checks the lexicon only."""
    intents, harmless, found, missed, not_first, alarms = _round_rates("safety_round8")
    in_domain = [t for k, ts in intents.items() if k not in ESCALATE for t in ts if found[t]]
    assert len(intents["RedFlag"]) >= 200 and len(intents["Emergency"]) >= 90
    assert len(harmless) >= 100
    assert len(missed) <= 1, missed
    assert not_first == []
    assert len(alarms) <= 5, alarms
    assert len(in_domain) <= 4, in_domain


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        # said another way than round 6's sentences
        ("my hand ain't got no feeling in it", PROFESSIONAL),
        ("i haven't got no feeling below my waist", EMERGENCY),
        ("my arm is not having any strength", PROFESSIONAL),
        ("my grip on the left is down a lot", PROFESSIONAL),
        ("my foot feels like it's in a sock", PROFESSIONAL),
        ("my fingers have gone quiet", PROFESSIONAL),
        ("my ankle keeps givin way", PROFESSIONAL),
        ("there's a current running down into my foot", PROFESSIONAL),
        ("my arm is paining till the fingers", PROFESSIONAL),
        ("feels like ants crawling in my calf", PROFESSIONAL),
        ("had some cancer ten years back", PROFESSIONAL),
        ("i'm having a fever since yesterday", PROFESSIONAL),
        ("i'm up every night pacing", PROFESSIONAL),
        ("it's the nights that kill me", PROFESSIONAL),
        ("for two months it's been increasing", PROFESSIONAL),
        ("we had a small shunt in the car park", PROFESSIONAL),
        ("a lorry dashed into my car", PROFESSIONAL),
        ("i'm carrying, five months now", PROFESSIONAL),
        ("i'm twenty weeks and my back's gone", PROFESSIONAL),
        ("lost loads of weight and i ain't trying", PROFESSIONAL),
        ("my heart is paining and i'm sweating", EMERGENCY),
        ("i can't quite catch my breath", EMERGENCY),
        ("my ticker's playing up", EMERGENCY),
        ("my face is pulling to one side", EMERGENCY),
        ("i came off my bike and busted my head", EMERGENCY),
        ("i swallowed to many tablets", EMERGENCY),
        ("lost count of the pills i took", EMERGENCY),
        ("i'd rather not be here anymore", EMERGENCY),
        ("i've lost bladder control", EMERGENCY),
        ("i can't feel nothing down there", EMERGENCY),
        ("911, call now", EMERGENCY),
        ("she rang for an ambulance for me", EMERGENCY),
        ("my chest is achin somethin awful", EMERGENCY),
        ("i banged me head on the van door", EMERGENCY),
        ("i had an accident with my bladder and couldn't stop it", EMERGENCY),
        ("i need a wee but i can't go at all", EMERGENCY),
        ("i took the rest of the bottle", EMERGENCY),
        ("going to have twins, i'm pregnant and sore", PROFESSIONAL),
        ("it's like a drill going down into my calf", PROFESSIONAL),
        ("my arm feels like when you sleep on it", PROFESSIONAL),
        ("it was only a small prang but my neck hurts", PROFESSIONAL),
        ("laughing so hard i couldn't breathe at that show", None),
        ("if i ever get a temperature i'll tell you", None),
        ("i tripped but caught myself", None),
        ("i cannae feel ma foot", PROFESSIONAL),
        ("ma hip went on me on the stairs", PROFESSIONAL),
        ("i haven't managed to pee since last night", EMERGENCY),
        ("why can't i feel my fingers", PROFESSIONAL),
        ("his legs'll no move", None),
        ("my legs'll no move at all", EMERGENCY),
        ("it might be cauda equina, i think", EMERGENCY),
        ("i had a nasty little fall on the ice", PROFESSIONAL),
        ("i'm scared i'll end up paralysed", None),
        ("my bro had sciatica once", None),
        # not escalated
        ("my foot ain't numb, it's just sore", None),
        ("i ain't got no tingling", None),
        ("we did a refresher on chest pain at work", None),
        ("the overdose protocol is on the wall", None),
        ("i nearly had a heart attack when the bill came", None),
        ("i watched a documentary about strokes", None),
        ("fell off the wagon at the party", None),
        ("my granddaughter fell off her bike but she's fine", None),
        ("i had a car accident years ago", None),
        ("the numbness from the dental injection wore off", None),
        ("how many minutes until the skin goes numb", None),
    ],
)
def test_round_6_rules_in_other_words(text: str, tier: str | None) -> None:
    """The rules round 6 taught, said in other words than its sentences."""
    assert tier_said(text) == tier, (text, spot_warning(text))


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("no, I can't lift either leg, they're just gone", EMERGENCY),  # round 9
        ("Hang on, let me... no, I can't lift either leg, they're just gone.", EMERGENCY),
        ("nope. my legs won't move at all", EMERGENCY),
        ("is it bad? no, wait, my foot has gone numb", PROFESSIONAL),
        ("no, no numbness", None),
        ("no... tingling... none", None),
        ("no numbness, tingling or weakness", None),  # the commas of a list are gone
        ("nope, i've got no tingling", None),
        ("i was worried i'd lost feeling but no, i can feel my foot", None),
    ],
)
def test_a_no_that_answers_negates_nothing_after_it(text: str, tier: str | None) -> None:
    """A "no" alone at the start of a clause answers something; the sign after it is said."""
    assert tier_said(text) == tier, (text, spot_warning(text))


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("I drink all the pills in the bottle.", EMERGENCY),  # round 9, said in other words
        ("i drank all my tablets", EMERGENCY),
        ("my bladder just opened on its own", EMERGENCY),
        ("my words keep coming out all jumbled", EMERGENCY),
        ("my speech came out slurred, and I've not been drinking", EMERGENCY),
        ("I honestly don't see any point carrying on", EMERGENCY),
        ("i see no point in living like this", EMERGENCY),
        ("I've had enough of it all", EMERGENCY),
        ("there's a squeezing going up into my jaw", EMERGENCY),
        ("I don't see much point going on with the stretches", None),
        ("I've had enough of the ice", None),
        ("the pain is going into my leg", PROFESSIONAL),
        ("Legs aren't numb, but I can't move them at all.", EMERGENCY),  # a negation before
        ("my legs don't hurt but i can't move them", EMERGENCY),  # "but" governs nothing after
        ("my legs hurt but not numb", None),
        ("had a bit of a tumble on the stairs", PROFESSIONAL),
        ("my arm's like jelly, there's hardly any strength in it", PROFESSIONAL),
        ("my left leg isn't nearly as strong", PROFESSIONAL),
        ("the tea has no strength in it", None),
        ("if my foot becomes numb should I call someone", None),  # a question, not a claim
        ("my leg has become numb", PROFESSIONAL),
    ],
)
def test_round_9_rules_in_other_words(text: str, tier: str | None) -> None:
    """The signs round 9 missed, said in other words than its sentences."""
    assert tier_said(text) == tier, (text, spot_warning(text))


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("my urine hasn't passed since last night", EMERGENCY),  # round 10, in other words
        ("pee is not coming at all", EMERGENCY),
        ("the water isn't passing through the filter", None),
        ("my weight loss is unexplained", PROFESSIONAL),
        ("weight loss for no reason", PROFESSIONAL),
        ("my leg ain't got no feeling in it", PROFESSIONAL),  # negative concord
        ("i don't have no strength in my hand", PROFESSIONAL),
        ("i ain't got no tingling", None),
        ("my leg ain't got nothing wrong with it", None),
    ],
)
def test_round_10_rules_in_other_words(text: str, tier: str | None) -> None:
    """The signs round 10 missed, said in other words than its sentences."""
    assert tier_said(text) == tier, (text, spot_warning(text))


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("I slipped in the shower and I did bump my head", EMERGENCY),  # a fall, then the head
        ("I tripped over the dog and whacked my head", EMERGENCY),  # not the dog's head
        ("crack my head on the door when I fell, I did", EMERGENCY),
        ("my son fell and banged his head", None),
        ("I fell asleep and woke with my head on the armrest", None),
        ("I could bang my head on the wall, I fell for it again", None),
        ("it's gone numb where I sit", EMERGENCY),  # the saddle, in plain words
        ("no feeling in the bit I sit on", EMERGENCY),
        ("my thighs are ok but there's tingling between them", EMERGENCY),
        ("the bit I sit on is sore", None),
        ("my legs are tired and there's a cushion between them", None),
        ("a numpty drove into the back of my car and now my neck's locked", PROFESSIONAL),
        ("had bowel cancer a few years back", PROFESSIONAL),  # no "I": a fragment
        ("had lymphoma as a teenager", PROFESSIONAL),  # "as a teenager": the speaker
        ("my brother had lymphoma as a teenager", None),
        ("high temperature and shivering", PROFESSIONAL),
        ("I'm after slipping on the wet floor", PROFESSIONAL),  # Irish English: "I've just"
        ("I'm after falling asleep in the chair", None),
        ("I kind of tripped on the rug", PROFESSIONAL),  # a hedge
        ("my foot sort of went numb", PROFESSIONAL),
        ("what kind of numbness is a worry", None),
        ("would you mind if you rang an ambulance for me", EMERGENCY),  # asked gently
        ("could you call my mum", None),
    ],
)
def test_rounds_8_and_9_tiers_in_other_words(text: str, tier: str | None) -> None:
    """Signs rounds 8 and 9 heard at too low a tier or not at all (a fall with the head hit
    said as "bang my head"; saddle numbness as "where I sit"; a crash caused by an "eejit"; a
    history or a fever said without "I"; "I'm after falling"; "I did sort of fall"), said in
    other words than their sentences."""
    assert tier_said(text) == tier, (text, spot_warning(text))


@pytest.mark.parametrize(
    ("text", "tier"),
    [
        ("is numbness serious? my foot is numb", PROFESSIONAL),
        ("what does chest pain mean? I can't breathe!", EMERGENCY),
        ("what are the warning signs? my left leg has gone weak.", PROFESSIONAL),
        ("is it bad? I can't feel my feet", EMERGENCY),
        ("is numbness serious?", None),
        ("what if my leg goes numb? It's fine now though.", None),
        ("should I worry about pins and needles? I don't have any.", None),
    ],
)
def test_a_sign_said_after_a_question_about_one_is_claimed(text: str, tier: str | None) -> None:
    """A question about a sign claims nothing; a sentence said after it may."""
    assert tier_said(text) == tier, (text, spot_warning(text))


WARN = Warning("none", "none")


@pytest.mark.parametrize("name", ["phrasings_dev.yaml", "out_of_domain_dev.yaml"])
def test_ordinary_sentences_do_not_escalate(name: str) -> None:
    """Commands and TV/radio talk: at most 0.5% may escalate; the lexicon reaches none."""
    sentences = [str(row["text"]) for row in rows(name)]
    alarms = [(text, spot_warning(text)) for text in sentences]
    alarms = [(text, found) for text, found in alarms if found is not None]
    assert len(sentences) > 100
    assert len(alarms) <= int(0.005 * len(sentences))
    assert alarms == []


def test_warning_signs_examples_rates() -> None:
    """The fresh sentences of intents/examples/warning_signs.yaml (written apart from the
    lexicon). Floors at what it reaches (targets: 98% caught, 97% of emergencies first). A crash
    without a head injury is the accident family, professional by design: right there."""
    path = HERE.parents[1] / "intents" / "examples" / "warning_signs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["intents"]
    signs = data["RedFlag"] + data["Emergency"]
    found = {text: spot_warning(text) for text in signs}
    missed = [text for text in signs if found[text] is None]
    crash = Warning("accident", PROFESSIONAL)
    not_first = [
        (text, hit)
        for text in data["Emergency"]
        if (hit := found[text]) is None or hit.tier != EMERGENCY and hit != crash
    ]
    crashes = [text for text in data["Emergency"] if found[text] == crash]
    assert len(data["RedFlag"]) >= 400 and len(data["Emergency"]) >= 200
    assert 1 - len(missed) / len(signs) >= 1.0, missed
    assert 1 - len(not_first) / len(data["Emergency"]) >= 1.0, not_first
    assert len(crashes) <= 3, crashes


@pytest.mark.parametrize(
    "name", ["not_for_us.yaml", "not_for_us_more.yaml", "not_for_us_compounds.yaml"]
)
def test_not_for_us_rarely_escalates(name: str) -> None:
    """TV, radio and other people's talk: at most 1% may escalate (a first-person fall told as a
    story, "i fell over on the ice at school", is one the lexicon cannot tell apart)."""
    path = HERE.parents[1] / "intents" / "examples" / name
    sentences = [str(t) for t in yaml.safe_load(path.read_text(encoding="utf-8"))["sentences"]]
    alarms = [(text, found) for text in sentences if (found := spot_warning(text)) is not None]
    assert len(sentences) > 40
    assert len(alarms) <= 0.01 * len(sentences), alarms


@pytest.mark.parametrize("name", ["phrasings.yaml", "phrasings_hand.yaml", "phrasings_more.yaml"])
def test_training_phrasings_do_not_escalate(name: str) -> None:
    """The classifier's phrasings (no RedFlag or Emergency among them): none escalates."""
    path = HERE.parents[1] / "intents" / "examples" / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))["intents"]
    sentences = [str(text) for texts in data.values() for text in texts]
    assert len(sentences) > 100 and not {"RedFlag", "Emergency"} & set(data)
    assert [(text, hit) for text in sentences if (hit := spot_warning(text))] == []


def test_red_flag_sentences_of_the_matcher_tests_still_warn() -> None:
    data = yaml.safe_load((HERE / "safety.yaml").read_text(encoding="utf-8"))
    data_near = yaml.safe_load((HERE / "near_misses.yaml").read_text(encoding="utf-8"))
    red_flags = [
        sentence
        for test in data["tests"] + data_near["tests"]
        if test["intent"] in ESCALATE
        for sentence in test["sentences"]
    ]
    assert red_flags
    assert [text for text in red_flags if spot_warning(text) is None] == []


def test_a_broken_lexicon_names_its_file(tmp_path: Path) -> None:
    path = tmp_path / "symptoms.yaml"
    path.write_text("classes: {}\nfamilies:\n  - {name: x, tier: urgent, patterns: [a]}\n")
    with pytest.raises(TemplateError, match=str(path)):
        lexicon(path)
    path.write_text("classes: {}\nfamilies: [{name: x, tier: emergency, patterns: ['@nope']}]\n")
    with pytest.raises(TemplateError, match="@nope"):
        lexicon(path)


def test_the_safety_net_escalates_what_the_lexicon_missed_unless_negated() -> None:
    """intents.matcher's safety net: the model's RedFlag/Emergency classes, when it is sure and
    no negation, other person or programme is in the sentence."""
    from intents.matcher import load_matcher

    matcher = load_matcher()
    missed = "i keep stumbling on my left side"
    assert spot_warning(missed) is None
    assert matcher.understand(missed).intent == "RedFlag"
    assert matcher.understand("i don't keep stumbling on my left side").intent != "RedFlag"
    assert matcher.understand("my brother keeps stumbling on his left side").intent != "RedFlag"
    # Saying all is fine: no guess escalates it (round 9: "... my chest is fine, I was just
    # sighing" was Emergency, 0.82); a sign the lexicon reads still does.
    assert matcher.understand("i keep stumbling on my left side, only kidding").intent != "RedFlag"
    assert matcher.understand("yeah go on, my chest is fine, I was just sighing").intent == "Yes"
    assert matcher.understand("my chest is crushing me, I'm not fine").intent == "Emergency"
    # A body part named, nothing said of it (the first final of "my leg ... is fine now", cut
    # at a pause): the model was sure (1.00); nothing is claimed, so nothing escalates.
    assert matcher.understand("my leg is").intent != "RedFlag"
    assert matcher.understand("my arm").intent != "RedFlag"
