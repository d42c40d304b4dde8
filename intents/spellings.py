"""One spelling for words written or said several ways ("ok" and "okay", "dont" and "don't",
"mins" and "minutes", "hurtin" and "hurting", "my bahck" and "my back"): intents.normalize reads
input and template sentences through it alike."""

from __future__ import annotations

SPELLINGS = {
    "ok": "okay",
    "noone": "nobody",
    "terminate": "cancel",
    "cryotherapy": "ice",
    "cryo": "ice",
    "panadol": "paracetamol",  # a brand, out of the speech model's vocabulary
    "arvo": "afternoon",
    "ja": "yes",
    "yah": "yeah",
    "k": "okay",
    "okey": "okay",
    "dont": "don't",
    "cant": "can't",
    "cannot": "can't",
    "wont": "won't",
    "im": "i'm",
    "ive": "i've",
    "its": "it's",
    "whats": "what's",
    "thats": "that's",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "didnt": "didn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "arent": "aren't",
    "hows": "how's",
    "theres": "there's",
    "min": "minute",
    "mins": "minutes",
    "sec": "second",
    "secs": "seconds",
    "hr": "hour",
    "hrs": "hours",
    "u": "you",
    "ur": "your",
    "thx": "thanks",
    "thank": "thank",
    "alright": "alright",
    "allright": "alright",
    "gotta": "got to",
    "wanna": "want to",
    "gonna": "going to",
    # Words the speech model does not know, said another way (input and templates alike).
    "unpause": "resume",
    "spasmed": "went into spasm",
    "spasming": "in spasm",
    "spasms": "spasm",
    "oww": "ow",
    "owww": "ow",
    "owie": "ow",
    "prickling": "tingling",
    "aint": "ain't",
    "num": "numb",
    "fulla": "full of",
    # An r not said, written as said (Boston, much of England): "my bahck", "the pasta timah".
    "bahck": "back",
    "timah": "timer",
    "timahs": "timers",
    "anothah": "another",
    "fingah": "finger",
    "fingahs": "fingers",
    "lowah": "lower",
    "shouldah": "shoulder",
    "shouldahs": "shoulders",
    "aftah": "after",
    "bettah": "better",
    "watah": "water",
    "cah": "car",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


G_DROPPED = _words(
    """
            aching bleeding breathing burning carrying coming doing dragging dropping
            evening expecting falling feeling getting going hurting killing lying morning
            nothing peeing pounding pulling running saying shaking shivering shooting
            sitting sleeping slurring something standing sweating swelling talking
            throbbing tingling trying waking walking working anything everything thinking
            stabbing spinning losing changing gaining pacing limping buckling giving
            """
)
SPELLINGS.update({word[:-1]: word for word in G_DROPPED})
"""Said without the final g ("my chest is hurtin somethin fierce"), written as said."""
