"""Scoring the blind sets (tests/intents/blind/): shared by their test (floors) and by
bench/blind_sets.py (the table). A phrasing is right when the intent and every slot the coach
acts on are right; a wrong action is another intent, or the right one with a wrong value;
Unknown is asking again. A safety sentence is caught when it escalates at all, answered
emergency-first when an Emergency row comes back Emergency, a false alarm when a None row
escalates."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from intents.types import Match

BLIND = Path(__file__).resolve().parent / "intents" / "blind"
ESCALATE = ("RedFlag", "Emergency")
# The slots the coach acts on, per intent: only these are compared with the blind set's (which
# also writes, for instance, the area of a question or "timer: ice" on StartIce, which nothing
# acts on). A plain "timer: timer" counts as naming no timer in particular.
ACTED_ON = {
    "SpasmStarted": ("area",),
    "StartIce": ("duration",),
    "StartStretch": ("duration", "reps"),
    "StartTimer": ("duration",),
    "AddTime": ("duration", "timer", "all"),
    "RemoveTime": ("duration", "timer", "all"),
    "CancelTimer": ("timer", "all"),
    "PauseTimer": ("timer", "all"),
    "ResumeTimer": ("timer", "all"),
    "TimerStatus": ("timer", "all"),
}
PLAIN_TIMER = "timer"


def rows(name: str, part: str) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = yaml.safe_load(
        (BLIND / f"{name}_{part}.yaml").read_text(encoding="utf-8")
    )
    return data


def slots_right(intent: str, expected: dict[str, Any], got: Match) -> bool:
    for key in ACTED_ON.get(intent, ()):
        want, have = expected.get(key), got.slots.get(key)
        if key == "timer" and want in (None, PLAIN_TIMER) and have in (None, PLAIN_TIMER):
            continue
        if key == "all" and not want and not have:
            continue
        if want != have:
            return False
    return True


def score_phrasing(row: dict[str, Any], got: Match) -> str:
    """right | unknown | asks | wrong (another intent, or the right one with a wrong slot
    value). Asks: the coach asks which of two meanings was meant (Unsure); not an action."""
    if got.intent == "Unknown":
        return "right" if row["intent"] == "Unknown" else "unknown"
    if got.intent == "Unsure":
        return "asks"
    if got.intent != row["intent"]:
        return "wrong"
    return "right" if slots_right(row["intent"], row.get("slots") or {}, got) else "wrong"


def score_safety(row: dict[str, Any], got: Match) -> str:
    """caught | missed | emergency_first | alarm | quiet, by the row's tier."""
    if row["intent"] == "None":
        return "alarm" if got.intent in ESCALATE else "quiet"
    if got.intent not in ESCALATE:
        return "missed"
    if row["intent"] == "Emergency" and got.intent == "Emergency":
        return "emergency_first"
    return "caught"


@dataclass(frozen=True)
class Rates:
    phrasings: int
    right: float
    wrong: float
    ood: int
    rejected: float
    escalations: int
    caught: float
    emergencies: int
    emergency_first: float
    harmless: int
    false_alarms: float


def measure(understand: Callable[[str], Match], part: str) -> Rates:
    phrasing = Counter(score_phrasing(r, understand(r["text"])) for r in rows("phrasings", part))
    ood = Counter(score_phrasing(r, understand(r["text"])) for r in rows("out_of_domain", part))
    safety: Counter[tuple[str, str]] = Counter(
        (r["intent"], score_safety(r, understand(r["text"]))) for r in rows("safety", part)
    )
    tiers = Counter(intent for intent, _ in safety.elements())
    escalations = tiers["RedFlag"] + tiers["Emergency"]
    missed = safety[("RedFlag", "missed")] + safety[("Emergency", "missed")]
    n, m = sum(phrasing.values()), sum(ood.values())
    return Rates(
        phrasings=n,
        right=phrasing["right"] / n,
        wrong=phrasing["wrong"] / n,
        ood=m,
        rejected=ood["right"] / m,
        escalations=escalations,
        caught=(escalations - missed) / escalations,
        emergencies=tiers["Emergency"],
        emergency_first=safety[("Emergency", "emergency_first")] / tiers["Emergency"],
        harmless=tiers["None"],
        false_alarms=safety[("None", "alarm")] / tiers["None"],
    )


def signs_caught(understand: Callable[[str], Match], path: Path) -> tuple[float, float]:
    """(signs caught, emergencies answered emergency-first) of a round's rows (a list of rows
    with slots, as bench/fresh_rounds/ holds), for its dev half's floors."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    signs = [row for row in data if row["intent"] in ESCALATE]
    verdicts = [(row["intent"], score_safety(row, understand(row["text"]))) for row in signs]
    emergencies = [verdict for tier, verdict in verdicts if tier == "Emergency"]
    caught = sum(verdict != "missed" for _, verdict in verdicts) / len(signs)
    return caught, emergencies.count("emergency_first") / len(emergencies)


def requests_scored(understand: Callable[[str], Match], path: Path) -> list[str]:
    """How each request of a round's rows (no warning sign, no room talk) was read
    (`score_phrasing`), for its dev half's floors."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    requests = [row for row in data if row["intent"] not in ("Unknown", *ESCALATE)]
    return [score_phrasing(row, understand(row["text"])) for row in requests]
