"""Warning signs of blind round 20, and of rounds 13-18 that only the statistical safety net
read (a refit of the intent model can lose them) or nothing read, now read by the safety lexicon
(intents/symptoms.yaml): said in other words than their sentences, with near neighbours that
must keep their reading. Rounds 12-19: test_symptoms_rounds.py."""

from __future__ import annotations

import pytest

from intents.symptoms import spot_warning

EMERGENCY, PROFESSIONAL = "emergency", "professional"

ROUND_20_RULES_IN_OTHER_WORDS = [
    ("there's this numbness uh whenever I wipe", EMERGENCY),  # numbness said as a noun
    ("tingling down there when I wipe myself", EMERGENCY),
    ("I wipe the kitchen table and my fingers get tingling", PROFESSIONAL),  # a hand, no saddle
    ("tripped yesterday, didn't bang my head", PROFESSIONAL),  # a fall with no subject
    ("slipped at the gym, no head injury", PROFESSIONAL),
    ("fell asleep yesterday on the sofa", None),
    ("share prices fell yesterday", None),
    ("emergency services, quick", EMERGENCY),  # asked for alone
    ("paramedics please", EMERGENCY),
    ("the emergency services were brilliant on the news", None),
]
"""Round 20's misses (bench/fresh_rounds/phrasings_round20.yaml, phrasings with a few warning
signs), said in other words."""


EMERGENCIES_OF_ROUNDS_13_TO_18_ONLY_THE_SAFETY_NET_READ = [
    ("both my feet just won't move, it came on all at once", EMERGENCY),  # an adverb between
    ("me legs won't lift, not at all, out of nowhere", EMERGENCY),
    ("can't move them at all, my legs, all of a sudden", EMERGENCY),
    ("my feet still won't go into my old shoes", None),
    ("I'm thinking of topping myself", EMERGENCY),
    ("we're going to top the league this year", None),
    ("I took the whole box of tramadol and the morphine", EMERGENCY),
    ("I swallowed all my oxycontin", EMERGENCY),
    ("I think I've taken way too many", EMERGENCY),
    ("I had far too much cake at the party", None),
    ("me ticker's going funny, I think it's my heart", EMERGENCY),
    ("the old pump's giving out on me", EMERGENCY),
    ("it's the heart of the problem, the sofa", None),
    ("the 111 nurse said to ring 999 now", EMERGENCY),  # a professional's instruction
    ("my dad always said to call 999 in an emergency", None),
    ("the presenter says to call 999 if you see a stroke", None),
]
RED_FLAGS_OF_ROUNDS_13_TO_18_THE_LEXICON_MISSED = [
    ("three weeks now and it isn't getting any better, it's getting worse", PROFESSIONAL),
    ("it's not getting better, I don't think it's getting worse either", None),
    ("the ache gets sharper every week", PROFESSIONAL),
    ("the shopping gets heavier every week", None),
    ("I just tripped on the last stair", PROFESSIONAL),  # an adverb between "i" and the fall
    ("I just slipped out to the shop", None),
    ("it flares up as soon as I get into bed", PROFESSIONAL),
    ("my left arm's at maybe twenty percent strength", PROFESSIONAL),
    ("no strength in my right hand at all", PROFESSIONAL),
    ("I've got no strength left, I'm shattered", None),
    ("my right foot scuffs, it kind of drags when I walk", PROFESSIONAL),
    ("my grip has gone weaker since this morning", PROFESSIONAL),
    ("I pressed my shin and I can hardly feel it", PROFESSIONAL),
    ("my toes have gone a bit woolly", PROFESSIONAL),
    ("the jumper's gone a bit woolly in the wash", None),
    ("down the side of my thigh and into my knee... no, into my foot", PROFESSIONAL),
    ("it runs down my arm, all the way to my fingertips", PROFESSIONAL),
    ("the song goes all the way to the top of the charts", None),
    ("sharp pain from the bottom of my back to my ankle", PROFESSIONAL),
    ("I'm preggy, about four months", PROFESSIONAL),
    ("took a massive fall on the ice last night", PROFESSIONAL),
    ("I was slipping down the stairs this morning and landed on my back", PROFESSIONAL),
    ("a prior melanoma, and now this back", PROFESSIONAL),
    ("I'm with a fever since last night", PROFESSIONAL),
]
"""Red flags of rounds 13-18 the lexicon missed, said in other words."""


"""Emergencies of rounds 13-18 only the statistical safety net caught (a retrain flips some:
"emergency services" alone did, in this session), now read by the lexicon: in other words."""
"""Round 19's misses (intents/examples/signs_only/warning_signs_round19.yaml: plain sentences, no
personas), said in other words."""


SIMILES_AND_SIGHT_BOTH_NETS_MISSED = [
    ("my privates feel like rubber", EMERGENCY),
    ("down there has gone like cardboard", EMERGENCY),
    ("the rubber duck is down there", None),
    ("my back feels like wood", None),
    ("I'm seeing double and the room is spinning", EMERGENCY),
    ("I see two of everything", EMERGENCY),
    ("the telly is showing double", None),
]
"""Written in the fifteenth session while trying the safety net's new model: signs neither the
lexicon nor either model read."""


ROUND_22_IN_OTHER_WORDS = [
    ("honestly I feel nothing between my legs", EMERGENCY),
    ("I felt nothing between my thighs when I sat down", EMERGENCY),
    ("there's a patch on my calf where I feel nothing", PROFESSIONAL),
    ("got rear-ended at the junction yesterday", PROFESSIONAL),
    ("I was hit by some guy in a van on the way home", PROFESSIONAL),
    ("I fell off a ladder in March but the doctor cleared me", None),  # checked since
    ("crashed my bike last summer, got checked out, all clear", None),
    ("I fell off a ladder this morning", PROFESSIONAL),
    ("I fell yesterday, the GP checked me over, but now my foot is numb", PROFESSIONAL),
    ("they asked about tingling, I haven't got any, so what now", None),  # denied after
    ("chest pain is what I'm scared of, I haven't got any", None),
    ("I haven't got any feeling in my legs", PROFESSIONAL),
    ("I haven't got any painkillers and my chest is crushing", EMERGENCY),
    ("I'm numb to these endless meetings", None),
    ("my fingers are numb to the first knuckle", PROFESSIONAL),
]
"""Blind round 22's misses (bench/fresh_rounds/mixed_round22.yaml, then intents/examples),
said in other words: "feel nothing" in a limb or between the legs, a driver hit by someone "in
a van", "bumped at the lights"; a fall or crash a doctor has since cleared, a sign denied with
a bare "I haven't got any" (intents/sign_wording.py), numb to what happens at work."""


ROUND_24_IN_OTHER_WORDS = [
    ("my left leg went weak and my mouth is drooping on that side too", EMERGENCY),
    ("my leg is weak and my face is fine", PROFESSIONAL),
    ("a van behind me ploughed into us at the lights", PROFESSIONAL),
    ("the car behind us was playing loud music", None),
    ("I've lost about 6 kilos without trying", PROFESSIONAL),
    ("the pain at night is there no matter how I lie", PROFESSIONAL),
    ("I fell off my bike a year ago, no problems since", None),
    ("I was in a crash last year and it was investigated", None),
    ("hypothetically, what if my foot went numb", None),
]
"""Blind round 24's misses (now intents/examples/*/*round24.yaml), said in other words: arm or
leg weak with the face on that side (stroke), a car behind that crashed into us, "lost roughly
five kilograms", pain at night whatever the position; a fall last year, one investigated, a
hypothetical."""


ROUND_25_IN_OTHER_WORDS = [
    ("which number do I ring for the emergency services", EMERGENCY),
    ("what's your emergency number over here, is it 999", EMERGENCY),
    ("the emergency number was on the fridge magnet", None),
    ("my lips won't form words", EMERGENCY),
    ("I can't form words", EMERGENCY),
    ("my knee isn't holding me up", PROFESSIONAL),
    ("this shelf isn't holding my weight", None),
    ("I fell out of my wheelchair this morning", PROFESSIONAL),
    ("I fell out of love with yoga", None),
    ("I fell out of the habit of stretching", None),
    ("I've gone down two trouser sizes without trying", PROFESSIONAL),
    ("I went up a dress size over christmas", None),
    ("they took a lump out of my breast and it was malignant", PROFESSIONAL),
    ("the biopsy said it wasn't cancer", None),
    ("I jackknifed the trailer on black ice last week", PROFESSIONAL),
    ("the bus I was on crashed into a wall", PROFESSIONAL),
    ("the bus I was on was late", None),
    ("the ache doesn't go away at night", PROFESSIONAL),
    ("the cat doesn't go out at night", None),
    ("in the film the girl can't breathe", None),  # where it happens: the film
    ("I was in the film and fell and hit my head", EMERGENCY),  # in it: the speaker, acting
    ("I'm writing goodbye notes to my kids", EMERGENCY),  # round 21's, read by the net till now
    ("I left a goodbye card for my colleague", None),
]
"""Blind round 25's misses (now intents/examples/*/*round25.yaml), said in other words: asking
what the emergency number is, a mouth that won't form words (stroke), a leg that isn't holding
the speaker, a fall out of bed or a pose, a dress size dropped, a tumour taken out that was
cancer, a jackknifed rig and the taxi one was in crashing, pain that won't go away at night;
a film the sign happens in (intents/symptoms.py `_in_the_media`)."""

ROUND_27_IN_OTHER_WORDS = [
    ("cancer survivor, breast, ten years ago", PROFESSIONAL),
    ("I had an accident, I peed and couldn't stop it", EMERGENCY),
    ("the dog had an accident on the rug", None),
    ("shat myself and didn't even notice", EMERGENCY),
    ("we need EMS out here now", EMERGENCY),
    ("she's doing an EMS training course", None),
    ("RTC on the motorway yesterday, no head injury, back's gone since", PROFESSIONAL),
    ("rolled the van, head smacked the windscreen, back's in bits", EMERGENCY),
    ("getting worse month over month", PROFESSIONAL),
    ("my arm went dead and my face feels off on the left side", EMERGENCY),
    ("the ache doesn't ease when I lie down", PROFESSIONAL),
    ("I slipped in the kitchen and fell on my bum", PROFESSIONAL),
    ("I'm embarazada", PROFESSIONAL),
    ("I'm afraid I'll fall if I get up", None),
    ("I'm afraid I fell on the stairs this morning", PROFESSIONAL),
    ("the singer can't breathe through her nose", None),
    ("I've been losing weight and I'm not trying, about six kilos", PROFESSIONAL),
]
"""Blind round 27's misses (now intents/examples/*/*round27.yaml), said in other words: cancer
history said noun first, an "accident" that is the bowels or bladder, EMS, an MVC or RTC, a
head hit in a crash told with no pronoun beside the back (intents/whose_sign.py
REPORTED_WITH_SPASM), worse week over week, a face off on one side, pain that won't ease lying
down, a fall on one's bottom; a fall feared, a nose blocked. The last one: a gap in a pattern
now reaches as little as it can, so a negation past the sign ("not trying") no longer cancels
it (intents/symptom_rules.py)."""


@pytest.mark.parametrize(
    ("text", "tier"),
    ROUND_27_IN_OTHER_WORDS
    + ROUND_25_IN_OTHER_WORDS
    + ROUND_24_IN_OTHER_WORDS
    + ROUND_22_IN_OTHER_WORDS
    + SIMILES_AND_SIGHT_BOTH_NETS_MISSED
    + ROUND_20_RULES_IN_OTHER_WORDS
    + EMERGENCIES_OF_ROUNDS_13_TO_18_ONLY_THE_SAFETY_NET_READ
    + RED_FLAGS_OF_ROUNDS_13_TO_18_THE_LEXICON_MISSED,
)
def test_sentence_gives_its_tier(text: str, tier: str | None) -> None:
    found = spot_warning(text)
    assert (found.tier if found else None) == tier, (text, found)
