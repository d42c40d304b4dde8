"""Warning signs of the blind rounds 12 to 19 (bench/fresh_rounds/ and, since they teach the
safety net's model, intents/examples/signs_only/), said in other words
than their sentences: what each round showed the lexicon (intents/symptoms.py) missed or read
as an alarm, and near neighbours that must keep their reading. One list per finding."""

from __future__ import annotations

import pytest

from intents.symptoms import spot_warning

EMERGENCY, PROFESSIONAL = "emergency", "professional"

ROUND_12_RULES_IN_OTHER_WORDS = [
    # a question about a sign in the speaker's own limb claims it; a hypothetical does not
    ("should I be worried about the numbness in my left foot?", PROFESSIONAL),
    ("is this tingling in my fingers something bad?", PROFESSIONAL),
    ("what does pins and needles down my leg mean", PROFESSIONAL),
    ("should I worry if I ever get tingling in my hands?", None),
    ("is tingling serious?", None),
    # a game played is the speaker's own doing; one watched is not
    ("we were playing a board game and I slipped off the chair and cracked my head", EMERGENCY),
    ("I was watching a game on telly where a player smashed his head", None),
    ("in the film the hero can't feel his legs", None),
    ("I slipped on the soap and cracked my head on the sink", EMERGENCY),
    # other words for what was missed
    ("why won't my wee come, why can't I wee", EMERGENCY),
    ("my private bits have gone numb", EMERGENCY),
    ("honestly I see no point in waking up any more", EMERGENCY),
    ("I need the blue lights, send them", EMERGENCY),
    ("please fetch me a doctor immediately", EMERGENCY),
    ("do I need a doctor now or can it wait?", None),
    ("a motor accident on the way home, and now my back", PROFESSIONAL),
    ("the weight is just falling off me lately", PROFESSIONAL),
    ("most nights this week I've woken at four with it throbbing", PROFESSIONAL),
    ("I dozed off on the sofa and woke up with my neck in spasm", None),
    # a list of signs denied as adjectives stays denied
    ("I'm not weak or numb, only sore", None),
    ("it's nice and numb now, what next", None),
]
"""Round 12's misses (intents/examples/model_only/phrasings_round12.yaml), said in other words."""

EMERGENCIES_THE_LEXICON_READS_WITHOUT_THE_SAFETY_NET = [
    ("why can't I get my breath", EMERGENCY),  # "why can't i" read as "i can't"
    ("why can't I lift my feet at all", EMERGENCY),
    ("my waterworks won't work, nothing comes", EMERGENCY),
    ("my bladder's gone and emptied on its own", EMERGENCY),  # "its" in a pattern is "it's" said
    ("it's like the dentist's injection down below, can't feel it", EMERGENCY),
    ("one side of my face has sort of dropped", EMERGENCY),
    ("her face has slid down on the left side", EMERGENCY),
    ("my speech has gone all garbled", EMERGENCY),
    ("my legs have literally stopped working", EMERGENCY),
    ("I can't properly shift my legs, either of them", EMERGENCY),
    ("it's as if somebody turned my legs off", EMERGENCY),
    ("I kept popping the co-codamol and lost count", EMERGENCY),
    ("I've had around twenty or thirty paracetamol today", EMERGENCY),
    ("I necked the tablets, the entire packet", EMERGENCY),
    ("the whole packet's gone", EMERGENCY),
    ("they'd all be better off if I was gone", EMERGENCY),
    ("I gave my head a nasty bang on the radiator", EMERGENCY),
]
"""Emergencies of rounds 8, 9 and 12 that only the statistical safety net caught (a retrained model
can lose them), now read by the lexicon: said in other words."""

RED_FLAGS_THE_LEXICON_READS_WITHOUT_THE_SAFETY_NET = [
    ("I checked my temp and it was over thirty eight", PROFESSIONAL),
    ("I've had the big C, breast, three years ago", PROFESSIONAL),
    ("the small hours are the worst, it's agony", PROFESSIONAL),
    ("it's torture at night", PROFESSIONAL),
    ("my left arm's being really feeble", PROFESSIONAL),
]
"""Red flags of rounds 8-12 only the statistical safety net caught, said in other words."""

ROUND_13_RULES_IN_OTHER_WORDS = [
    # a person spoken to, set off by commas, is no one else having the sign
    ("dad, I can't feel my legs at all", EMERGENCY),
    ("it won't stop, love, I'd rather be dead", EMERGENCY),
    # a sign played down first is still said; "negative for" denies
    ("it's probably nothing, but my foot has gone numb", PROFESSIONAL),
    ("it's nothing like pins and needles", None),
    ("tested negative for numbness in both feet", None),
    # clinical and plain words the lexicon lacked
    ("the paramedic last year said it was an MI, and it feels the same now", None),
    ("I think this is a myocardial infarction", EMERGENCY),
    ("total loss of movement in both legs", EMERGENCY),
    ("less feeling than usual when I wipe", EMERGENCY),
    ("no urine output since this morning", EMERGENCY),
    ("I swallowed a packet's worth of ibuprofen", EMERGENCY),
    ("it would be easier if I never woke up", EMERGENCY),
    ("I did bump my head on the way down", EMERGENCY),
    ("my legs have stopped responding", EMERGENCY),
    ("a van reversed into my car this morning", PROFESSIONAL),
    ("I was in a head-on crash, nothing hit my head", PROFESSIONAL),
    ("my weight is right down and I'm not dieting", PROFESSIONAL),
    ("my hand is maybe slightly weak", PROFESSIONAL),
    # someone else's past stroke is no stroke now; one happening is
    ("I'm anxious because my gran had a stroke last year", None),
    ("your speech sounds weird, coach", None),  # the coach's voice, not a stroke
    ("my speech sounds weird", EMERGENCY),
    ("I think I'm having a stroke", EMERGENCY),
    # a leg that won't wake up is numbness, not the end of a life
    ("my foot is asleep and won't wake up", PROFESSIONAL),
    ("I took them to never wake up", EMERGENCY),
]
"""Round 13's misses (signs_only/warning_signs_round13.yaml), in other words."""

ROUND_13_FALSE_ALARMS_IN_OTHER_WORDS = [
    ("is a tingling down the side of my calf serious?", PROFESSIONAL),
    ("the dishwasher is choking on something", None),
    ("I'm choking, I can't get air", EMERGENCY),
    ("the mince is numb with cold straight out of the freezer", None),
    ("my fingers are numb from the freezer door", PROFESSIONAL),
]
"""Round 13's harmless sentences that escalated, and their near neighbours that must."""

ROUND_13_CHRONIC_AND_MINIMIZING_IN_OTHER_WORDS = [
    ("my hand has never felt numb like this before", PROFESSIONAL),
    ("it has never kept me awake at night until now", PROFESSIONAL),
    ("I've never had numbness, not once", None),
    ("I'm about twelve weeks gone", PROFESSIONAL),
    ("the ache goes right down to my ankle", PROFESSIONAL),
]
"""A sign new to someone who knows their back ("never ... like this before") is said; a pregnancy
in weeks gone; pain that runs all the way to the foot."""

ROUND_14_RULES_IN_OTHER_WORDS = [
    ("my legs, they've stopped working, they won't move", EMERGENCY),
    ("I am with no air, I can't get it in", EMERGENCY),
    ("since this morning nothing comes out when I try to wee", EMERGENCY),
    ("I took all the bottle of tablets", EMERGENCY),
    ("if it wasn't for the kids I would have ended it", EMERGENCY),
    ("an accident, my bladder, I couldn't hold it", EMERGENCY),
    ("a lorry drove into the side of us", PROFESSIONAL),
    ("I fell asleep at the wheel and went into a fence", PROFESSIONAL),
    ("last week I had a fall on the ice", PROFESSIONAL),
    ("I am expecting a baby in May", PROFESSIONAL),
    ("my toes are insensible", PROFESSIONAL),
    ("it pulls down my leg like a wire", PROFESSIONAL),
    ("it's worst when I lie still in bed", PROFESSIONAL),
    ("it was bad last month and now it's much worse", PROFESSIONAL),
    ("the cat's back leg has gone weak", None),
    ("I nearly had a heart attack when the smoke alarm went off", None),
    ("I overdosed on chocolate at Christmas", None),
    ("choking back tears at the wedding", None),
]
"""Round 14's misses and false alarms (signs_only/warning_signs_round14.yaml), said in
other words."""

ROUND_15_RULES_IN_OTHER_WORDS = [
    ("reason to stay alive, none left", EMERGENCY),
    ("I've left a goodbye note on the table", EMERGENCY),
    ("I'm going to end it, I can't take it any more", EMERGENCY),
    ("no one'd notice if I was gone", EMERGENCY),
    ("I keep thinking about jumping in front of a train", EMERGENCY),
    ("I've been stockpiling my tablets", EMERGENCY),
    ("I don't want to be here no more", EMERGENCY),
    ("ah cannit breathe, I cannit get the air in", EMERGENCY),
    ("I came off the ladder this afternoon", PROFESSIONAL),
    ("took a proper tumble on the ice", PROFESSIONAL),
    ("come night it's agony", PROFESSIONAL),
    ("three weeks in and this is the worst yet", PROFESSIONAL),
    ("history: breast cancer, treated", PROFESSIONAL),
    ("losing weight without trying, tired, sore back", PROFESSIONAL),
    ("shivery, sweaty, temperature of thirty nine", PROFESSIONAL),
    ("the oven temperature is up to two hundred", None),
    ("is a temperature of thirty eight a worry?", None),
    ("there's nowt tingly, just stiff", None),
    ("what if my arm ever went numb?", None),
    ("numbness, weakness, what else?", None),
    ("I've got numbness in my foot, what else should I do?", PROFESSIONAL),
    ("breast cancer runs in my family", None),
    ("what would make me call an ambulance", None),
]
"""Round 15's misses and false alarms (signs_only/warning_signs_round15.yaml), said in
other words."""


ROUND_16_RULES_IN_OTHER_WORDS = [
    # Jamaican English: "mi" is I or my, "cyaan" can't, "dem" a plural, "fi" to
    ("mi cyaan ketch mi breath", EMERGENCY),
    ("mi foot dem stop work, mi cyaan move dem", EMERGENCY),
    ("mi nuh want fi live", EMERGENCY),
    ("mi lick mi head pon di step", EMERGENCY),
    ("mi toe dem numb", PROFESSIONAL),
    ("mi a breed, three month", PROFESSIONAL),
    # other words for what was missed
    ("I'm expecting, can I still do the hold?", PROFESSIONAL),
    ("my chest has gone tight and heavy", EMERGENCY),
    ("when I wiped I couldn't feel a thing", EMERGENCY),
    ("they'd be better off if I was six feet under", EMERGENCY),
    ("no reason to keep going, I've left the letters", EMERGENCY),
    ("requesting an ambulance to my address", EMERGENCY),
    ("do I need an ambulance for this, or is that silly?", None),
    ("I want to sign off for good and not wake up", EMERGENCY),
    ("my words keep coming out jumbled", EMERGENCY),
    ("weight down half a stone, not trying", PROFESSIONAL),
    ("collision on the motorway Tuesday, back's been bad since", PROFESSIONAL),
    ("the motorway is shut after a collision", None),
    # no alarm
    ("negative on any numbness", None),
    ("that video had me dying, I couldn't breathe", None),
    ("I read about an overdose of sugar in fizzy drinks", None),
]
"""Round 16's misses and false alarms (signs_only/warning_signs_round16.yaml), said in
other words."""


ROUND_17_RULES_IN_OTHER_WORDS = [
    # telling of oneself as "you": an emergency is the speaker's
    ("you try to talk and the words come out slurred", EMERGENCY),
    ("you go to the loo and nothing comes out, all day", EMERGENCY),
    ("you wet yourself and don't even notice", EMERGENCY),
    ("your fingers are numb, put your gloves on", None),  # said to a child: another's limb
    # Southern US and South African words
    ("I cain't breathe right", EMERGENCY),
    ("my foot's gone lam", PROFESSIONAL),
    ("I done took the whole bottle of Panadol", EMERGENCY),
    ("I'd just as soon never wake up", EMERGENCY),
    ("better I die than this", EMERGENCY),
    ("my face feels numb on the right side", EMERGENCY),
    ("one side of my face has gone lame", EMERGENCY),
    ("my bladder's full and nothing will come out", EMERGENCY),
    ("he fell at the last hurdle again, poor lad", None),
]
"""Round 17's misses (signs_only/warning_signs_round17.yaml), said in other words."""


ROUND_18_RULES_IN_OTHER_WORDS = [
    ("his boat race has dropped on one side", EMERGENCY),  # rhyming slang: face
    ("I've cracked me loaf on the radiator", EMERGENCY),  # rhyming slang: head
    ("I keep hitting my head when I try to get up", EMERGENCY),
    ("I nearly passed out in the queue, it was so hot", None),
    ("I'm going to end it, seriously", EMERGENCY),
    ("nine nine nine, please", EMERGENCY),
    ("can you ring one for me, an ambulance", EMERGENCY),
    ("my flatmate can get one for me, an ice cube", None),
    ("my toes are manhid", PROFESSIONAL),
    ("I'm buntis, is the stretch safe?", PROFESSIONAL),
    ("not a burning, more tingling in my toes", PROFESSIONAL),
    ("no more tingling in my toes", None),
    ("I've got thirty nine and I'm shivering", PROFESSIONAL),
    ("even lying still it won't ease", PROFESSIONAL),
    ("our tricycle was hit from the side", PROFESSIONAL),
]
"""Round 18's misses (signs_only/warning_signs_round18.yaml), said in other words."""


ROUND_19_RULES_IN_OTHER_WORDS = [
    ("I can't move my feet, it happened out of nowhere", EMERGENCY),
    ("resting doesn't ease it, even at night", PROFESSIONAL),
    ("a van reversed into me at the lights", PROFESSIONAL),
    ("when would I need to call 911 for this?", None),
    ("at what point should I worry about tingling?", None),
]


@pytest.mark.parametrize(
    ("text", "tier"),
    ROUND_12_RULES_IN_OTHER_WORDS
    + EMERGENCIES_THE_LEXICON_READS_WITHOUT_THE_SAFETY_NET
    + RED_FLAGS_THE_LEXICON_READS_WITHOUT_THE_SAFETY_NET
    + ROUND_13_RULES_IN_OTHER_WORDS
    + ROUND_13_FALSE_ALARMS_IN_OTHER_WORDS
    + ROUND_13_CHRONIC_AND_MINIMIZING_IN_OTHER_WORDS
    + ROUND_14_RULES_IN_OTHER_WORDS
    + ROUND_15_RULES_IN_OTHER_WORDS
    + ROUND_16_RULES_IN_OTHER_WORDS
    + ROUND_17_RULES_IN_OTHER_WORDS
    + ROUND_18_RULES_IN_OTHER_WORDS
    + ROUND_19_RULES_IN_OTHER_WORDS,
)
def test_sentence_gives_its_tier(text: str, tier: str | None) -> None:
    found = spot_warning(text)
    assert (found.tier if found else None) == tier, (text, found)
