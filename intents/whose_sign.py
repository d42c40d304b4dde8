"""Whose sign it is: the word sets the safety lexicon (intents.symptoms) uses to tell the
speaker's own sign from someone else's, a report from a question, a hypothetical from a claim.
Data only."""

from __future__ import annotations

from intents.normalize import word_set

REPORTED = frozenset({"fever", "cancer", "weight_loss"})
"""Signs of the speaker's own state or history that a report names with no one in it ("medical
history: prostate cancer five years ago", "tired all the time, lost weight without trying"); not
an accident or a blow to the head, which the news and sport report the same way."""
REPORTED_WITH_SPASM = frozenset({"accident", "head_injury"})
"""... and an accident or a blow to the head, with the back or neck spoken of ("road traffic
collision Thursday, no head injury, neck and back pain since"; "rolled the truck, head hit the
window, back's wrecked"); the news reports crashes without them."""
SPASM_WORDS = word_set("back neck spasm spasms spine")
SECOND_PERSON = word_set("you your you're you've yourself")
"""Someone telling of themselves as "you" ("you try to smile and only half your face moves"):
the speaker, for an emergency (another's limb, "your fingers are numb", stays another's for a
professional sign)."""
SUBJECT_YOU = word_set("you you're you've")
"""A "you" who does something: the sentence may be told of oneself ("you wet yourself without
knowing"); "your speech sounds weird" alone is said to the coach."""
QUESTION_STARTS = tuple(
    f" {w} " for w in word_set("is are would could can does do should will what how")
)
THIRD_PERSON = word_set("he she they it his her their its them him it's they're he's she's")
"""Pronouns of someone or something else."""
SIDES = word_set("back front hind left right")
"""Words that may stand between an owner and a limb ("his back leg")."""
HYPOTHETICAL = word_set("if when whenever ever whether suppose supposing")
"""Words that make a question about a sign in the speaker's own limb hypothetical."""
BEING = word_set("was am were been have had")
"""Between the speaker and a viewing word ("i was watching"): still a viewer."""
