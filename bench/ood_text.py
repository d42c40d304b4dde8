"""Out-of-domain talk for false-accept counting: news, sports, cooking and chat that use our own
words ("back", "ice", "heat", "hold", "stretch", "timer", "stop", "help", "neck", "minute") in
other meanings, plus the seed guide read as a radio programme. Generated, seeded, nothing fetched.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

SEED_GUIDE = Path(__file__).resolve().parents[2] / "shared" / "seed" / "back-spasm-guide.txt"

FILL = {
    "team": ["the Rangers", "the Comets", "Northfield United", "the Harbour Hawks", "City"],
    "player": ["Martinez", "the young keeper", "their captain", "number nine", "Okafor", "Jensen"],
    "food": ["the onions", "the custard", "the risotto", "the caramel", "the stock", "the batter"],
    "place": ["the high street", "the harbour", "the old mill", "the north road", "the station"],
    "num": ["two", "three", "five", "ten", "twenty", "forty five", "ninety"],
    "unit": ["minutes", "seconds", "hours", "days", "weeks"],
    "person": ["the mayor", "a spokesperson", "the coach", "my neighbour", "the chef", "Grandma"],
}

TEMPLATES = [
    # sports
    "{player} drops back into defence as {team} hold on to a narrow lead.",
    "The heat is on {team} after a third straight loss at home.",
    "{player} stretched the lead to {num} points with a late break.",
    "With {num} {unit} on the clock, {team} need a stop on this possession.",
    "The referee stopped the timer while {player} received help on the field.",
    "{team} came back from {num} down and the crowd could not hold back the noise.",
    "On the ice tonight {team} face a tough road trip, {num} games in {num} days.",
    "{player} is back in the starting line up after a neck injury kept him out.",
    "That was a full stretch save from {player}, right back across the goal.",
    "The shot clock is running, {num} seconds, and {team} hold the ball at the back.",
    "{team} turned up the heat in the second half and never looked back.",
    "Rain stopped play for {num} {unit} before {team} could finish the innings.",
    # cooking
    "Bring {food} to a gentle heat and hold it there for {num} {unit}.",
    "Set a kitchen timer, stir {food}, then take the pan off the heat.",
    "Pour the drinks over crushed ice and hold back a little syrup for later.",
    "Stretch the dough until you can almost see through it, then let it rest.",
    "If {food} starts to catch, stop stirring and lower the heat straight away.",
    "Keep {food} on ice until you are ready, then bring it back to room temperature.",
    "Ask someone to help you lift the pot, it holds about {num} litres.",
    "Turn the oven back down and give {food} another {num} {unit}.",
    "The ice cream needs to firm up, so put it back in the freezer overnight.",
    # news and weather
    "Traffic is backed up on {place} after a lorry stopped near the junction.",
    "{person} said the council would help families hit by the heat wave.",
    "Ice on the roads caught drivers out this morning, so take care on {place}.",
    "Police asked people to hold off travelling until the storm passes.",
    "The stretch of coast near {place} is closed for {num} {unit} of repairs.",
    "{person} held a press conference and promised to bring jobs back to the town.",
    "A heat warning stays in place for {num} {unit}, with highs near forty degrees.",
    "The bus stop on {place} moves back fifty metres from Monday.",
    "Shares held steady and the pound came back slightly against the dollar.",
    "Volunteers were on hand to help clear the ice from {place}.",
    # everyday chat
    "Hold the door for me, I will be right back with the shopping.",
    "Can you help me find the timer for the porch light, it keeps switching off.",
    "I need to stretch my budget until the end of the month.",
    "We sat on the back porch and watched the ice melt in our glasses.",
    "Stop by the bakery on your way back, they hold the bread until six.",
    "My phone timer went off in the middle of the meeting, how embarrassing.",
    "{person} told me to hold my horses and stop rushing.",
    "The kids ran to the back of the garden to hide from the heat.",
    "Send the parcel back, the neck of the bottle was cracked.",
    "Help yourself to more tea, there is ice in the fridge if you want it cold.",
    "We drove the long stretch home and stopped for a break every {num} {unit}.",
    "That song always takes me back, I can never hold a tune though.",
]


def sentences(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        template = rng.choice(TEMPLATES)
        out.append(re.sub(r"\{(\w+)\}", lambda m: rng.choice(FILL[m.group(1)]), template))
    return out


def programme(rng: random.Random, words: int) -> str:
    """Roughly `words` words of news/sports/cooking talk with short segment introductions."""
    parts: list[str] = []
    total = 0
    intros = ["Now the sport.", "Over to the kitchen.", "Here is the news.", "And the weather."]
    while total < words:
        block = [rng.choice(intros), *sentences(rng, rng.randint(4, 9))]
        parts.extend(block)
        total += sum(len(s.split()) for s in block)
    return " ".join(parts)


def radio_guide() -> str:
    """The seed guide read as a radio programme: an announcer's opening, then the text."""
    text = SEED_GUIDE.read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", text).replace("—", ",").replace("’", "'")
    return "Good morning, and welcome back to the health hour. Today: muscle spasms. " + text
