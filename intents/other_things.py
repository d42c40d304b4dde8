"""What an intent is not about: words that, named in a sentence the statistical layer guessed
as that intent, say it was something else ("take two tablets of vitamin c" is no pain-relief
question, "hold the plank for thirty seconds" no stretch to start). Pure."""

from __future__ import annotations

import re

from intents.normalize import normalize, word_set

ICE_ELSEWHERE = word_set(
    """
    lake lakes pond ponds rink river canal road roads pavement pavements driveway windscreen
    windshield cocktail cocktails whisky whiskey gin drink drinks skating hockey
    """
)
"""Ice that is not for the body: on a lake or a road, in a drink."""

OTHER_THINGS = {
    "PainRelief": word_set(
        """
        vitamin vitamins multivitamin multivitamins iron zinc magnesium calcium probiotic
        probiotics antibiotic antibiotics antihistamine antihistamines inhaler insulin statin
        statins worming flea contraceptive supplement supplements cod fish oil laxative
        laxatives antacid antacids vet dog cat horse
        """
    ),
    "StartStretch": word_set(
        """
        plank planks squat squats lunge lunges burpees burpee pushups pushup ups crunches
        situps pose door ladder breath handstand headlock dumbbells weights
        """
    ),
    "IceHowLong": ICE_ELSEWHERE,
    "TimerStatus": ICE_ELSEWHERE,
    # "ice timer status", "tea timer remaining": a question about a timer, not one to start
    "StartIce": word_set("status remaining") | ICE_ELSEWHERE,
    "StartTimer": word_set("status remaining"),
    # "the plant is losing leaves, i think it's dying": no fear for oneself
    "Scared": word_set("phone phones battery batteries laptop charger plant plants flowers car"),
}
"""Words that name something the intent is not about: a guess of that intent with one of them
is no answer. A medicine that is no pain relief ("two tablets of vitamin c", the dog's worming
tablet) is not a pain-relief question, unless a pain reliever is named too; an exercise or a
thing held that is not the stretch ("hold the plank for thirty seconds", "hold the door") is
no stretch to start."""
PAIN_RELIEVERS = word_set(
    """
    painkiller painkillers ibuprofen paracetamol acetaminophen tylenol advil aspirin naproxen
    aleve nurofen panadol motrin codeine tramadol
    """
)


NOT_TIMERS = word_set(
    """
    film films movie movies telly tv television programme episode show music song songs video
    videos podcast radio game match meeting meetings appointment appointments booking order
    subscription delivery call
    """
)
"""What is paused, played or cancelled that is no timer: the film, the meeting."""
TIMERS = word_set("timer timers countdown countdowns ice stretch")
TIMER_CONTROLS = ("PauseTimer", "ResumeTimer", "CancelTimer")


COLD = word_set("cold colder ice iced icing icepack frozen freezing")
HEAT = word_set(
    """
    heat heated heating hot hotter warm warmth warmer warming bath baths shower showers sauna
    jacuzzi tub hottie bottle pad radiator fire wheat microwave steam spa balm thermacare
    """
)
"""A heat question names heat: one that names only cold ("should i use cold on it") asks about
the ice, not heat; the model, taught "warm or cold, what's better", guessed it a heat question."""


PAUSE_ENDED = re.compile(
    r"\b(?:remove|end|lift|take|cancel|stop|undo|release|drop|kill|finish|scrap|ditch|no more)"
    r"\s+(?:off\s+|out\s+)?(?:the\s+|this\s+|that\s+|my\s+)?pause\b"
)
"""A pause said to be ended ("remove the pause", "lift the pause on the ice"): the opposite of
pausing; the model, taught "pause" as pausing, guessed it a pause."""


GET_GOING = re.compile(r"\bget (?:the |a |my |that |this )?(?:\w+ ){0,2}going\b")
"""Asked to get a timer going ("get the hold going"): a start, no question about one."""


NONE_LEFT = re.compile(
    r"\b(?:run|ran|running) out of\b|\b(?:dropped|forgot|forgotten|lost|melted|spilt|spilled)\b"
)
"""The ice said to be gone ("i've run out of ice", "i dropped the ice"): no ice to start; the
model, taught "i've got the ice" as a start, guessed it one."""


A_RECORD = re.compile(
    r"\b(?:off|on|from|to) (?:our|my|his|her|their|your) (?:\w+ ){1,2}"
    r"(?:time|times|record|pb|pace)\b"
    r"|\b(?:personal best|personal record|world record|course record|lap time|race time)\b"
)
"""A time run or a record ("we knocked two minutes off our parkrun time", "shaved a second off
the world record"): no timer of the coach's; not "my ice time" (TIMERS named)."""


LAST_DOSE = re.compile(
    r"\b(?:since|after|from) (?:my|the|that) (?:last|previous|first|latest) "
    r"(?:\w+ )?(?:tablet|tablets|pill|pills|dose|doses|one|lot|capsule|capsules)\b"
    r"|\b(?:last|previous|latest) (?:\w+ )?(?:tablet|tablets|pill|pills|dose|doses|capsule"
    r"|capsules) (?:was|were)\b"
)
"""A time said of the last dose ("it has been four hours since my last tablet", "last tablet
was four hours ago"): when the medicine was taken, not when the spasm started; the model,
taught "it's been four hours since it started", guessed it an onset."""


SAID_OTHERWISE = {
    "Onset": LAST_DOSE,
    "PauseTimer": PAUSE_ENDED,
    "TimerStatus": GET_GOING,
    "StartIce": NONE_LEFT,
    "AddTime": A_RECORD,
    "RemoveTime": A_RECORD,
}
"""Sayings that turn a guess of the intent down whatever words it has besides."""


def not_about(intent: str, text: str) -> bool:
    """The words name something `intent` is not about (OTHER_THINGS), or only cold for heat, or
    say the intent otherwise (SAID_OTHERWISE: a pause ended, a timer to get going)."""
    said = SAID_OTHERWISE.get(intent)
    tokens = set(normalize(text).tokens)
    if said is not None and said.search(text.lower()):
        return said is not A_RECORD or not TIMERS & tokens
    if intent in TIMER_CONTROLS:  # "erik, pause the film", "two o'clock, cancel it"
        return bool(NOT_TIMERS & tokens) and not TIMERS & tokens
    if intent == "HeatQuestion":
        return bool(COLD & tokens) and not HEAT & tokens
    other = OTHER_THINGS.get(intent)
    if other is None:
        return False
    return bool(other & tokens) and not (intent == "PainRelief" and PAIN_RELIEVERS & tokens)
