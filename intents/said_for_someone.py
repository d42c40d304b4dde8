"""Said for the person on the floor by someone else: "can he have a hot shower for it", "she
says her left foot has gone numb", "my wife can't catch her breath". Pure.

A partner or parent often talks for the person lying there. `first_person(text)` says it as
the person would ("she"/"he" as "i", "her"/"him" as "me" or "my", "my husband's back" as "my
back"), so the matcher can read what it would read from them. Warning signs about someone else
are not claimed by the lexicon ("my son has a fever" is not ours); `for_the_patient(text)`
gives the spellings a warning sign may be read from when the other person is plausibly the one
on the floor now: no story of the past, of a habit or of an animal or a thing ("my grandad had
a stroke years ago", "the cat fell off the windowsill"), and a sign of someone's history
(pregnancy, cancer, weight, fever, an accident or a fall, night pain, worsening) only when the
spasm or the floor is spoken of too, or their words are passed on ("he says ...").
"""

from __future__ import annotations

import re

from intents.dialect import BODY
from intents.symptoms import lexicon

ANSWERS = frozenset({"Yes", "No"})
"""Never read from a sentence said for someone else: "my grandbaby fell off the swing but
she's alright" is no answer."""

PEOPLE = (
    "husband wife missus hubby partner mum mom mam ma mother dad da father son daughter kid "
    "child boyfriend girlfriend friend brother sister grandad grandma granny nan gran fiance "
    "grandmother grandfather grandpa "
    "fiancee flatmate housemate lass fella bairn girl cousin lola lolo nana mamaw papaw"
)
_PERSON = re.compile(
    rf"\b(?:my|our|the|me|mi) (?:{'|'.join(PEOPLE.split())})(?:[- ]in[- ]law)?(?:'s)?\b"
)
"""Someone of the family, an in-law too ("my brother-in-law had a slipped disc")."""
_VOCATIVE = re.compile(r"(?:,?\s*\b(?:mate|pal|bro)|,\s*love)\b(?=\s*[,.!?]|\s*$)")
"""Someone spoken to at the end ("ring the ambo, mate"); "love" only after a comma ("he fell in
love" is no vocative)."""
_SWAPS = (
    (re.compile(r"\b(?:she|he|they) (?:says|said|reckons|thinks|wants to know) "), ""),
    (re.compile(r"\b(?:she|he)'s\b"), "i'm"),
    (re.compile(r"\b(?:she|he) is\b"), "i am"),
    (re.compile(r"\b(?:she|he)'ll\b"), "i'll"),
    (re.compile(r"\b(?:she|he)'d\b"), "i'd"),
    (re.compile(r"\b(?:she|he)\b"), "i"),
    (re.compile(r"\b(?:his|hers)\b"), "my"),
    (re.compile(r"\bhimself\b|\bherself\b"), "myself"),
    (re.compile(r"\bhim\b"), "me"),
)
_THIRD_PERSON_VERBS = {
    "has": "have", "hasn't": "haven't", "does": "do", "doesn't": "don't", "isn't": "am not",
    "was": "was", "goes": "go", "wants": "want", "needs": "need", "keeps": "keep",
    "feels": "feel", "says": "say", "thinks": "think", "wipes": "wipe", "gets": "get",
    "takes": "take", "tries": "try", "seems": "seem", "looks": "look", "hurts": "hurt",
    "struggles": "struggle", "complains": "complain", "wakes": "wake", "passes": "pass",
}  # fmt: skip
_AGREEMENT = re.compile(
    rf"\bi (?:(just|still|also|really|now) )?({'|'.join(_THIRD_PERSON_VERBS)})\b"
)
_HER_BEFORE_WORD = re.compile(r"\bher\b(?=\s+[a-z])")
_HER = re.compile(r"\bher\b")
STORY = re.compile(
    r"\b(?:ago|last (?:week|month|year|summer|winter|spring|autumn|christmas)|"
    r"in (?:nineteen|two thousand|twenty \w+|\d{4})|when (?:he|she|they) (?:was|were)|used to|"
    r"once|always|every (?:winter|day|year)|fine now|recover\w*|beat|nobody was hurt|"
    r"without a scratch|was telling|swears|back in (?:the day|the \w+ies|\d|nineteen|two)|years|"
    r"in the war|as usual|ended up|announced|at (?:the age of |age )?(?:forty|fifty|sixty|seventy"
    r"|eighty|ninety)(?:[ -](?:one|two|three|four|five|six|seven|eight|nine))?(?! past| to))\b"
)
"""A story of the past, a habit or a recovery: not the person on the floor now ("back in the
day", not "his back in spasm"; "every time he turns his head" is how it is now)."""
_LED_TO_NOW = re.compile(
    r"\b(?:now|since|ever since|since then)\b.*\b(?:back|neck|spasm|locked|seized|stuck)\b"
)
_HABIT = re.compile(r"\bevery time\b")
"""A habit: someone named's ("every time my brother plays football he gets pins and needles"),
not how the one on the floor, "he" or "she", is now ("every time he turns his head")."""
"""A story that ends in the spasm now ("in a car crash last week ... and now his back's in
spasm"): the history of the one on the floor."""
_NOT_A_PERSON = re.compile(
    r"\b(?:tv|telly|wiring|electrician|bump|film|movie|programme|"
    r"episode|documentary|novel|hero|heroine|character)\b"
)
"""A thing or a story on screen or in a book ("in the film the hero can't feel his legs"). Not
sport: "my son fell during the match and hit his head" may be the one on the floor."""
_ANIMAL = re.compile(
    r"\b(?:cat|dog|puppy|kitten|horse|heifer|cow|ewe|sheep|lamb|pig|sow|goat|mare|pony|foal|"
    r"bull|hen|chicken|hamster|rabbit|bunny|guinea pig|budgie|tortoise|goldfish|animal)\b"
)
"""An animal ("my dog can't walk"), unless a person is named too: "my daughter fell off her
horse and hit her head" is hers."""
_ON_SCREEN = re.compile(
    r"\b(?:in|on) (?:the|a|this|that) (?:[a-z']+ ){0,2}(?:series|news|drama|sitcom"
    r"|telenovela|novela|serial)\b"
)
"""Where it happened is a programme ("in the turkish series the father has a heart attack", "on
the news a man collapsed ... he's ok now"): whoever "he" is there is not the one on the floor.
Watching the news is no such place ("she was watching the news and now she can't feel her
legs"); a show or a play may have the speaker's partner in it, and is left out."""
HISTORY = frozenset(
    {"pregnancy", "cancer", "weight_loss", "fever", "accident", "fall", "night_pain", "worsening"}
)
"""Warning-sign families (intents/symptoms.yaml) that say a person's history or state, true of
anyone's sister as of the person on the floor."""
_NAMED = re.compile(
    rf"\b(?:{'|'.join(PEOPLE.split())}|aunt|auntie|aunty|uncle|cousin|nephew|niece|neighbour"
    r"|neighbor|colleague|boss|granddaughter|grandson|grandmother|grandfather|grandpa|grandma"
    r"|stepdad|stepmum|in-law|friend's|mate|pal|lad|lads|bloke|guy|woman|man|labourer|apprentice"
    r"|customer|client|student|pupil|patient)\b"
)
"""Someone named (not only "he" or "she"): maybe not the one on the floor."""
_RECOVERED = re.compile(
    r"\b(?:he|she|they)(?:'s| is| was| were|'re| are) (?:fine|ok|okay|alright|all right|grand"
    r"|good now|doing (?:well|fine|good|ok|okay))\b"
)
"""Someone said to be fine: a story, for a sign of someone's history or state."""
_EXPLAINED = re.compile(
    r"\b(?:(?:was|were) (?:only|just)|turned out to be(?: only| just)?) (?:heartburn|indigestion"
    r"|wind|gas|anxiety|a panic attack|muscular|a pulled muscle|from)\b"
)
"""A sign explained away ("his chest pain was only heartburn", "turned out to be indigestion")."""
_BACK_TO = re.compile(
    r"\b(?:he|she|they)(?:'s| is|'re| are) (?:back (?:driving|at work|to work|to normal|home"
    r"|running|on court|on the pitch|at training|playing)|running marathons)\b"
)
"""Someone back to their life since ("he's back driving now"): with a story, it is over; for
the safety net's reading (`any_sign_for_the_patient`), it is over anyway ("she's back on court
after months of back pain")."""
LIFELONG = frozenset({"cancer"})
"""Families whose story is the sign: a cancer years ago is a history of cancer."""
_EPISODE = re.compile(
    r"\b(?:back|neck|spasm|spasms|locked|seized|stuck|floor|says|said|saying|tells|told|casualty"
    r"|patient)\b"
)


def first_person(text: str) -> list[str]:
    """`text` as the person on the floor would say it, when someone else said it for them:
    one spelling with "her" as "my" and one with "her" as "me"; none when no one else is
    named."""
    said = _VOCATIVE.sub("", text.lower())
    said = _PERSON.sub(_as_the_person, said)
    said = _swapped(said, _SWAPS)
    said = _AGREEMENT.sub(_agree, said)  # "she has" -> "i have", not "i has"
    spellings = [_HER.sub("me", _HER_BEFORE_WORD.sub("my", said))]
    if _HER_BEFORE_WORD.search(said):
        spellings.append(_HER.sub("me", said))
    unchanged = _VOCATIVE.sub("", text.lower())  # someone spoken to is not someone else
    return [s for s in dict.fromkeys(spellings) if s != unchanged]


_YOU = (
    (re.compile(r"\byou're\b"), "i'm"),
    (re.compile(r"\byou've\b"), "i've"),
    (re.compile(r"\byou'll\b"), "i'll"),
    (re.compile(r"\byourself\b"), "myself"),
    (re.compile(r"\byour\b"), "my"),
    (
        re.compile(
            r"\b(without|with|for|to|at|about|than|off|on|behind|near|from|like|tell|told|"
            r"help|helps|helped|hear|see|saw|love|under|over|into|onto|by) you\b"
        ),
        r"\1 me",
    ),
    (re.compile(r"\byou\b"), "i"),
)
_TOLD_OF_ONESELF = re.compile(
    r"^(?:and |so |then |well |like )?you (?:just |then )?(?:go|get|try|sit|stand|start|crash|"
    r"bang|fall|wake|lose|take|realise|realize|notice|find|look|lie|lay|roll|turn|bend|reach|"
    r"cough|sneeze|can't|cannot)\b"
)
"""A sentence that starts by telling of oneself as "you" doing something ("you go to move your
legs and they just don't", "you sit on the toilet and you can't feel the seat")."""


_IF_OR_WHEN = re.compile(r"\b(?:if|when|whenever|unless)\b")


def told_as_you(text: str) -> str | None:
    """`text` told of oneself as "you", said as "i" ("you get this pain in the middle of your
    chest" -> "i get this pain in the middle of my chest"); None when it does not start so."""
    said = text.lower().replace("\u2019", "'")
    if not _TOLD_OF_ONESELF.search(said) or _IF_OR_WHEN.search(said):
        return None  # "you get chest pain when you have a heart attack" tells what happens
    return _swapped(said, _YOU)


def _swapped(said: str, swaps: tuple[tuple[re.Pattern[str], str], ...]) -> str:
    """`said` with each pattern of `swaps` replaced in turn (one person's words as another's)."""
    for pattern, replacement in swaps:
        said = pattern.sub(replacement, said)
    return said


def _as_the_person(match: re.Match[str]) -> str:
    """ "my son" as "i"; "my son's" as "my" before a part of the body ("my son's back"), else
    as "i'm" ("my wife's expecting", "my son's on the floor")."""
    if not match.group(0).endswith("'s"):
        return "i"
    after = match.string[match.end() :].split(maxsplit=1)
    owned = BODY | lexicon().sets["limb"]
    return "my" if after and after[0].strip(",.?!") in owned else "i'm"


def _agree(match: re.Match[str]) -> str:
    adverb, verb = match.group(1), _THIRD_PERSON_VERBS[match.group(2)]
    return f"i {adverb} {verb}" if adverb else f"i {verb}"


def for_the_patient(text: str) -> list[str]:
    """`first_person(text)` when the other person may be the one on the floor now; none when
    the sentence tells a story, a habit or of an animal or a thing."""
    said = text.lower()
    if STORY.search(said) or _not_a_person_here(said):
        return []
    return first_person(text)


def _not_a_person_here(said: str) -> bool:
    """An animal, a thing or someone on screen (`_ANIMAL`, `_NOT_A_PERSON`, `_ON_SCREEN`)."""
    animal = _ANIMAL.search(said) and not _PERSON.search(said)
    return bool(_NOT_A_PERSON.search(said) or _ON_SCREEN.search(said) or animal)


def counts_for_the_patient(text: str, family: str) -> bool:
    """May a sign of `family` read from `first_person(text)` be the patient's? Not in a story
    (but a story of cancer is its history, when no one else is named: "he had prostate cancer
    a few years ago"), nor of an animal or a thing. A sign of someone's history or state counts
    when the spasm or the floor is spoken of, their words are passed on, or the other person is
    only "he" or "she" (the one on the floor, spoken of by whoever is with them: "she's
    pregnant, about five months"); "my sister is pregnant with her third" is not ours. A story
    that ends in the spasm now is the history of the one on the floor ("he was in a car crash
    last week and now his back's in spasm")."""
    said = text.lower()
    named = _NAMED.search(said) is not None
    story = bool(STORY.search(said)) or named and bool(_HABIT.search(said))
    story = story and not (family in HISTORY and _LED_TO_NOW.search(said) is not None)
    if _not_a_person_here(said) or story and (named or family not in LIFELONG):
        return False
    if family in HISTORY and _RECOVERED.search(said):
        return False  # "he fell off the trampoline but he's fine"
    if family in HISTORY and named and _CARER.search(said) and not _THEIR_BACK.search(said):
        return False  # "my dad has cancer, i was lifting him": the speaker's back
    return family not in HISTORY or not named or _EPISODE.search(said) is not None


_CARER = re.compile(
    r"\bi(?:'m| am| was|'ve been| have been)? (?:lifting|lifted|carrying|carried|helping|helped"
    r"|moving|moved|turning|turned|caring for|looking after|nursing|pushing|pushed) (?:him|her)\b"
)
"""The speaker handling the other person: the spasm is the speaker's, the other's history is
not the patient's."""
_THEIR_BACK = re.compile(
    r"\b(?:his|her) (?:back|neck|spine)\b|\b(?:he|she)(?:'s| is| was)? (?:in spasm|on the floor)\b"
)
"""The other person's spasm ("her back locked, I was helping her up"): theirs, the one on the
floor."""
_MINE = re.compile(r"\bmine\b")
"""The speaker's own, set against another's."""
STRICTEST = "fever"
"""A family of someone's history or state (`HISTORY`, not `LIFELONG`): the strictest rule of
`counts_for_the_patient`."""


def any_sign_for_the_patient(text: str) -> list[str]:
    """`for_the_patient(text)` when a sign of any family would count for the patient: the rule
    of a sign of someone's history or state, the strictest, since the safety net's model names
    no family ("my wife says her foot's fizzing" counts; "my son has a temperature" does not);
    none when the speaker sets their own against it ("my sister had shooting pain down her leg,
    mine's just in my back") or the other is back to their life ("she's back at work after
    months of back pain")."""
    said = text.lower()
    if _MINE.search(said) or _BACK_TO.search(said) or not counts_for_the_patient(text, STRICTEST):
        return []
    return for_the_patient(text)


_HAD = re.compile(r"\b(?:had|was|were)\b")
"""Said in the past ("my grandmother had a stroke, she is ok now"): with someone said to be
fine since, a story."""


def told_as_over(text: str) -> int | None:
    """Where someone else's sign is told of as over, or None: explained away ("his chest pain
    was only heartburn"), or a story with them fine or back to normal since ("my manager had a
    heart attack scare last year, he's fine"). The caller keeps a sign said after that point
    ("... but now he can't breathe"), and one that was never someone else's."""
    said = text.lower()
    if not first_person(text):
        return None  # no one else named
    over = _EXPLAINED.search(said)
    if over is None and (STORY.search(said) or _HAD.search(said)):
        over = _RECOVERED.search(said) or _BACK_TO.search(said)
    return None if over is None else over.end()
