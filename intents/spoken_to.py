"""Talk to someone else in the room, told by who is spoken to: "stop it, both of you", "sorry
guys, stop", "carry on, kids", "can you hear me okay, Mr Jones?". Said to the coach, these
words would cut its speech, take or turn down an offer, or work a timer. Pure.

`spoken_to_someone_else(intent, text)`: the intent is one that answers or controls the coach
(`CONTROLS`), and the sentence speaks to a family member or a group by the word alone (not
"the kids", "my mum"; not "mum says yes", where mum is the one talking), or to someone by title
("Mr Jones"). Read from the words only, so a recognizer's output, with no commas, reads the
same. Terms of endearment ("love", "hun") are left out: people say them to a voice assistant
too ("thanks love"). A warning sign is never turned down here: the matcher reads signs first.
"""

from __future__ import annotations

import re

from intents.normalize import word_set

CONTROLS = frozenset(
    {"Stop", "Yes", "No", "Softer", "Louder", "Slower", "Repeat", "AreYouThere", "Thanks",
     "Goodbye", "Help", "PauseTimer", "ResumeTimer", "CancelTimer", "StartTimer", "AddTime",
     "RemoveTime"}
)  # fmt: skip
"""Intents that answer or control the coach, acted on at once."""

GROUP = word_set(
    """kids guys boys girls lads ladies children everyone everybody folks mum mam mom mommy mummy
    dad daddy nan nana gran granny grandma grandpa grandad"""
)
"""People spoken to by the word alone ("carry on, kids", "yes mam")."""
OWNED = word_set(
    "the my your our his her their a some those these to for with of about and all tell"
)
"""Before the word, it is talked of, not to ("the kids are loud", "tell mum")."""
SUBJECT = word_set(
    """says said wants needs is was has had can can't will would asks asked thinks reckons just
    are were have do did does don't didn't doesn't won't should told tells and or"""
)
"""After the word, it is the one talking or talked of ("mum says yes", "kids are asleep")."""
_PHRASES = re.compile(
    r"\b(?:both|the pair|all|each) of (?:you|ya)\b|\byou (?:two|lot|guys)\b"
    r"|\b(?:mr|mrs|ms|mister)\.? \w+"  # not "miss": "i'll miss the bus"
)
_WORDS = re.compile(r"[a-z']+")


def spoken_to_someone_else(intent: str, text: str) -> bool:
    if intent not in CONTROLS:
        return False
    said = text.lower().replace("\u2019", "'")
    if _PHRASES.search(said):
        return True
    words = [w.strip("'") for w in _WORDS.findall(said)]
    return any(
        w in GROUP
        and (i == 0 or words[i - 1] not in OWNED)
        and (i + 1 == len(words) or words[i + 1] not in SUBJECT)
        for i, w in enumerate(words)
    )
