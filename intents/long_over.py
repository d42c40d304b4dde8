"""A warning sign of the speaker's own, told as long over: "I lost control of my bladder once,
years back, nothing since", "my leg went numb when I was pregnant but that's over now". Not a
sign now; what is said after it is read again on its own ("..., it went away, but now my foot
is tingling"). Pure.

Both must be said: a time long past (years ago, as a child, when I was pregnant, a given year)
and that it ended (fine since, got fixed, went away, nothing since), with no sign said as now
before the end (`PRESENT`). A sign that came back after it ("... but it's back", "fine until
today") stays a sign, and a history that is the sign (cancer years ago) is never over."""

from __future__ import annotations

import re

from intents.said_for_someone import LIFELONG

LONG_PAST = re.compile(
    r"\b(?:(?:years|decades?|a decade|donkey's years|ages) (?:ago|back|before)|years and years"
    r"|a long time ago|long ago|way back|as a (?:kid|child|teen\w*|boy|girl|lad|youngster)"
    r"|in year \w+|(?:last|at) (?:christmas|easter)"
    r"|when i was (?:younger|little|small|a (?:kid|child|teen\w*|boy|girl|lad|student)"
    r"|at (?:school|uni\w*|college)|in my \w+ies|pregnant|expecting)"
    r"|(?:back )?in (?:nineteen \w+|two thousand(?: and)? \w+|\d{4})|back in the day"
    r"|(?:back )?in the (?:fifties|sixties|seventies|eighties|nineties|noughties|\d0s|\d{4}s)"
    r"|last year|the year before last)\b"
)
"""A time long past: not days or weeks, which may be this episode ("numb two days ago"); a
school year ("in year seven"), last Christmas."""
ENDED = re.compile(
    r"\b(?:(?:but|and|so) )?(?:now )?(?:(?:it|that|they|which|i|it's|that's|i'm|i've|they've"
    r"|it has|i have)(?: been| was| were| is| am| all)? )?"
    r"(?:(?:fine|ok|okay|alright|all right|good|grand|right as rain) (?:now|since|ever since|after)"
    r"|(?:went|gone|passed|settled) (?:away|on its own|by itself|off|after|in a|within)"
    r"|(?:cleared up|cleared|settled down|wore off|sorted itself|resolved)(?: out| on its own"
    r"| by itself| after| in a| within)?"
    r"|(?:nothing|not once|no problems?|no trouble|no issues?|not a thing) since"
    r"|never (?:since|came back|happened again|had it (?:since|again))|haven't had it since"
    r"|got (?:fixed|sorted|better)|was (?:fixed|sorted|treated|operated on)"
    r"|(?:fixed|sorted|healed|resolved) (?:now|since|up|in|back|years|ages|long)"
    r"|(?:long|all) (?:gone|over|sorted|fixed|healed|better|clear)"
    r"|fully recovered|recovered fully|over now"
    r"|(?:that's|it's|that is|it is|it was|that was|they're|they are) (?:all |long )?(?:over"
    r"|gone|in the past|history|behind me)"
    r"|now (?:it|that|i|it's|i'm|that's)(?: is| am)? (?:fine|ok|okay|alright|all right|good"
    r"|grand))\b"
)
"""Said of a sign to end it: "fine since", "went away", "nothing since", "got fixed", with
whoever it was said of ("it's been fine since", "and I'm fine now")."""
PRESENT = re.compile(
    r"\b(?:is|are|am|i'm|it's|he's|she's|(?:has|(?<!did )have|i've|it's|we've)(?! had)|can't"
    r"|cannot|can|won't|keeps?|still|now|today|tonight|yesterday"
    r"|this (?:morning|evening|afternoon|week)|at the moment)\b"
)
"""A sign said as now ("my leg has been numb since yesterday; I had an op years ago and it got
fixed"): the story may not be the sign's."""
CAME_BACK = re.compile(
    r"\b(?:again|came back|come back|comes back|coming back|it's back|is back|they're back"
    r"|returned|returning|recurr\w*|same as (?:then|before)|like (?:then|before|last time)"
    r"|until|till|til|up to (?:now|today)|except|worse|this time)\b"
)
"""The sign back after all: not over ("fine until this morning", "but now it's back")."""


def long_over(text: str, family: str) -> int | None:
    """Where the speaker's own sign of `family` is told as long past and ended, or None: the
    caller reads what follows that point again on its own."""
    said = text.lower().replace("\u2019", "'")
    past = LONG_PAST.search(said)
    if family in LIFELONG or past is None:
        return None
    ended = ENDED.search(said)
    if ended is None or PRESENT.search(said, 0, ended.start()):
        return None  # not said as ended, or the sign may be now
    return None if CAME_BACK.search(said, ended.end()) else ended.end()
