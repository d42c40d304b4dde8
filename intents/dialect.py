"""Words said another way, read as the lexicon's words for warning signs only (intents.symptoms):
Scots and Irish words, West African pidgin ("no fit", "dey"), a dropped g ("shiverin"), "me"/"ma"
for "my" before a part of the body, "'ll" for "will", negative concord, and hedges ("sort of",
"kinda"). The statistical layer's training sentences keep their own words: a change to them
moves its model."""

from __future__ import annotations

from collections.abc import Set

from intents.normalize import word_set

DIALECT = {
    "cannae": "can't",
    "cyaan": "can't",
    "cain't": "can't",
    "caint": "can't",
    "nothin'": "nothing",
    "nothin": "nothing",
    "lam": "numb",
    "manhid": "numb",
    "namamanhid": "numb",
    "buntis": "pregnant",
    "caan": "can't",
    "nuh": "not",
    "pon": "on",
    "dung": "down",
    "di": "the",
    "inna": "in",
    "ketch": "catch",
    "nutten": "nothing",
    "wid": "with",
    "fi": "to",
    "miself": "myself",
    "hapu": "pregnant",
    "noggin": "head",
    "bosom": "chest",
    "skull": "head",
    "bonce": "head",
    "cannit": "can't",
    "nowt": "nothing",
    "canna": "can't",
    "nae": "no",
    "naw": "no",
    "meself": "myself",
    "doon": "down",
    "o": "of",
    "ambo": "ambulance",
    "ambos": "ambulance",
    "pished": "pissed",
    "playin": "playing",
    # Scots (Glasgow): "ma legs have just went, I'm tellin them tae move and naethin's happenin"
    "tae": "to",
    "intae": "into",
    "aff": "off",
    "naebody": "nobody",
    "naebody'd": "nobody'd",
    "naethin": "nothing",
    "naethin's": "nothing's",
    "heid": "head",
    "didnae": "didn't",
    "disnae": "doesn't",
    "isnae": "isn't",
    "wisnae": "wasn't",
    "hasnae": "hasn't",
    "havnae": "haven't",
    "hivnae": "haven't",
    "wullnae": "won't",
    "couldnae": "couldn't",
    "wouldnae": "wouldn't",
    "dinnae": "don't",
    "ah'm": "i'm",
    "ah've": "i've",
    "ah'd": "i'd",
    "ah'll": "i'll",
    "masel": "myself",
    "deid": "dead",
    "swallied": "swallowed",
    "hale": "whole",
    "mair": "more",
    "anymair": "anymore",
    "noo": "now",
    "roon": "round",
    "awfy": "awful",
    "summat": "something",
    "gonnae": "gonna",
    "aboot": "about",
    "xixi": "pee",  # Portuguese: "i made xixi in my pants"
    # Jamaican: "mi bredda seh mi mout twist up and mi a chat funny"
    "mout": "mouth",
    "bredda": "brother",
    "seh": "say",
    "fraid": "afraid",
    "mek": "make",
    "bout": "about",
    "worser": "worse",
    "tumore": "tumour",  # Italian
    "tumeur": "tumour",  # French
}
BODY = word_set(
    """head neck back chest face spine bladder bowels legs leg foot feet arm arms breath
    breathing bum arse backside shoulder shoulders heart ticker ribs ribcage breastbone sternum
    jaw throat mouth"""
)
"""Parts of the body besides the lexicon's limbs: "me" or "ma" said before one is "my" ("me
back's gone", "I cannae get ma breath"); named alone they claim nothing (intents.safety_net)."""
PLURALS = {"foot": "feet", "tooth": "teeth"}
"""Jamaican "mi foot dem" is my feet."""
OWNED_AFTER_MI = word_set("daughter son wife husband mum mother dad father baby family chest")
"""Words after Jamaican "mi" that make it "my" besides parts of the body."""
VOCATIVES = word_set("mate guv bruv bro pal hun dude")
"""Someone spoken to in the middle of a sentence ("me undercarriage has gone numb mate can't
feel nothing", "they just won't do nothing guv"), left out: taken for someone the sign is about,
"mate" cancelled the speaker's own sign. After an owner it is a person ("my mate's legs")."""
SPOKEN_TO_FIRST = VOCATIVES | word_set("mum mom mam dad love darling babe honey buddy coach")
"""Who may be spoken to first, before the speaker's own words (intents.sign_wording): also the
family and endearments, which mid-sentence are too often words of the sentence ("i love my")."""
OWNERS = word_set("my his her your our their the a an this that me mi")
SPEAKER_NEXT = word_set("i i'm i've i'd my me can't cannot won't don't it's just") | {""}
"""Words after someone spoken to that go on with the speaker's own ("... mate, i can't"), or
nothing: the end ("they won't do nothing guv"). "my riding mate had a heart attack" is a mate."""
KEEP_LL = word_set("i'll you'll we'll they'll he'll she'll it'll that'll who'll there'll")
CONCORD = word_set("no nothing none")
"""Negative concord ("my arm ain't got no strength in it", "I don't have no feeling in my
foot"): after a negated "got" or "have" (`CONCORD_NEGATORS`, `HAVE`) the second negation is the
one that counts, read as "got no strength"."""
CONCORD_NEGATORS = word_set("ain't don't haven't hasn't doesn't didn't")
HAVE = word_set("got have has")


HEDGES = {("sort", "of"), ("kind", "of")}
HEDGE_WORDS = word_set("kinda sorta")
NAMING = word_set("what which what's this that these those the a an some any no every all")
"""Words before "sort of" or "kind of" that make it a noun ("what kind of pain"), kept."""


def unhedged(tokens: list[str]) -> list[str]:
    """The words without a hedge ("I did sort of fall", "it kinda went numb"): "sort of",
    "kind of", "kinda", "sorta" said before a verb or an adjective, not as a noun ("what kind
    of pain", "a sort of tingling")."""
    out: list[str] = []
    skip = 0
    for i, token in enumerate(tokens):
        if skip:
            skip -= 1
            continue
        before = out[-1] if out else ""
        if before not in NAMING and (token, *tokens[i + 1 : i + 2]) in HEDGES:
            skip = 1
            continue
        if token in HEDGE_WORDS and before not in NAMING:
            continue
        out.append(token)
    return out


def _g_dropped(token: str, ing_words: Set[str]) -> str:
    """The -ing word a word with its g dropped stands for, if the lexicon has it."""
    stem = token.rstrip("'")
    if stem.endswith("in") and stem + "g" in ing_words:
        return stem + "g"
    return token


def dialect(tokens: list[str], limbs: Set[str], ing_words: Set[str] = frozenset()) -> list[str]:
    """The words with DIALECT's read as said elsewhere; "my legs'll no move" is "my legs won't
    move". `limbs`: the lexicon's limb words (parts of the body besides `BODY`); `ing_words`:
    its words in -ing, which a dropped g ("shiverin'", "tinglin") is read as."""
    out: list[str] = []
    body = BODY | limbs
    tokens = unhedged(tokens)
    tokens = [DIALECT.get(token, _g_dropped(token, ing_words)) for token in tokens]
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if token in ("me", "ma") and after in body:
            out.append("my")
        elif token == "mi":  # Jamaican: "mi head" is my head, "mi cyaan breathe" I can't
            out.append("my" if after in body or after in OWNED_AFTER_MI else "i")
        elif token == "dem" and out and out[-1] in body:
            out[-1] = PLURALS.get(out[-1], out[-1] if out[-1].endswith("s") else out[-1] + "s")
        elif token == "dem":
            out.append("them")
        elif token == "lick" and after in ("mi", "my", "me"):
            out.append("hit")  # "lick mi head"
        elif token.endswith("'ll") and token not in KEEP_LL:
            out += [DIALECT.get(token[:-3], token[:-3]), "will"]
        elif out[-1:] in (["both"], ["between"], ["two"]) and token in limbs and token[-1] != "s":
            out.append(PLURALS.get(token, token + "s"))  # "both leg cannot move", "between leg"
        elif token in VOCATIVES and out and out[-1] not in OWNERS and after in SPEAKER_NEXT:
            continue  # "gone numb mate can't feel nothing": someone spoken to, no one else
        elif token == "fit" and out[-1:] == ["no"]:  # West African pidgin: "i no fit breathe"
            out[-1] = "can't"
        elif token == "get" and out[-1:] == ["no"]:  # "my leg no get power": has no power
            out[-1:] = ["has", "no"]
        elif token == "dey" and out:  # "my mouth dey twist", "the pain dey wake me": said plainly
            continue
        elif token == "night" and out[-1:] == ["for"]:  # "dey wake me up for night"
            out[-1:] = ["at", "night"]
        elif token == "no" and out[-1:] == ["will"]:
            out[-1] = "won't"
        elif token in CONCORD and out[-2:-1] and out[-2] in CONCORD_NEGATORS and out[-1] in HAVE:
            out[-2:] = [out[-1], token]  # "ain't got no strength": "got no strength"
        else:
            out.append(DIALECT.get(token, token))
    return out
