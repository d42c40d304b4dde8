"""Every reply key the coach itself says (the timer desk's are its own): checked against
intents/replies when the coach is built, so a missing reply fails at start, not mid-episode."""

from __future__ import annotations

from voice.coach.safety import SAFETY_KEYS

_KEYS = """
    Greeting SpasmStarted SpasmStarted.again SpasmStarted.neck Offer.ice Offer.stretch
    Hint.warning IceHowLong IceHowLong.short HeatQuestion.no_episode HeatQuestion.ask
    HeatQuestion.too_soon HeatQuestion.ok Onset Onset.unclear PainRelief PainRelief.short
    PainRelief.dose PainRelief.took PainRelief.acetaminophen ItHurts ItHurts.stretching
    ItHurts.icing ExplainSpasm ExplainSpasm.short Knot NextStep.before_ice NextStep.after_ice
    MoveQuestion.before_ice MoveQuestion.after_ice AskProfessional Thanks Scared Scared.urgent
    HowLongLast Stretch.safety Stretch.neck Prevention RestPosition Help Unknown Unknown.urgent
    Yes.none No.none
    No.declined No.rest Repeat.none Slower Slower.limit Louder Louder.limit Softer
    Softer.limit Goodbye Goodbye.timers Problem.cannot_save Clarify.first Clarify.second
    Clarify.none AreYouThere
"""
REPLY_KEYS = tuple(_KEYS.split()) + tuple(SAFETY_KEYS)
